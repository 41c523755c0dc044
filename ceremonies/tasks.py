"""Background work of the ceremony: rendering certificates, outcome emails. Thin: IDs in, a service call, idempotent.

Delivered through the outbox, which retries with backoff whatever this task raises."""
import logging

from celery import shared_task

from . import outcomes, services
from .models import Certificate

log = logging.getLogger(__name__)
TRANSIENT = (OSError, ConnectionError)  # storage (disk, S3) hiccups: raised, so the outbox retries


@shared_task(name="ceremonies.render_certificate")
def render_certificate(certificate_id):
    """Render one certificate's PDF. Running it twice is harmless: the second run finds it current."""
    try:
        return services.render_certificate(certificate_id=certificate_id)
    except Certificate.DoesNotExist:
        return False
    except TRANSIENT:
        raise
    except Exception as error:  # noqa: BLE001 - a template or font problem: retrying cannot help
        # Recorded where the secretariat looks (the progress page), and not raised: the outbox would roll the
        # note back with the failed attempt. Generating again after the fix renders it.
        log.exception("Certificate %s could not be rendered", certificate_id)
        services.note_render_failure(certificate_id=certificate_id, error=error)
        return False


@shared_task(name="ceremonies.send_outcome_email")
def send_outcome_email(application_id):
    """One applicant's outcome email, claimed by ``outcomes.send_outcome_emails``; the outbox key sends it once."""
    return outcomes.deliver_outcome_email(application_id=application_id)
