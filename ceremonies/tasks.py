"""Background work of the ceremony: rendering certificates, outcome emails. Thin: IDs in, a service call, idempotent."""
from smtplib import SMTPException

from celery import shared_task

from . import outcomes, services
from .models import Certificate

TRANSIENT = (OSError, ConnectionError)  # storage (disk, S3) hiccups; retried with backoff


@shared_task(name="ceremonies.render_certificate", bind=True, autoretry_for=TRANSIENT, retry_backoff=10,
             retry_backoff_max=600, max_retries=6)
def render_certificate(self, certificate_id):
    """Render one certificate's PDF. Running it twice is harmless: the second run finds it current."""
    try:
        return services.render_certificate(certificate_id=certificate_id)
    except Certificate.DoesNotExist:
        return False
    except TRANSIENT:
        raise
    except Exception as error:  # a template or font problem: record it for the progress page, then fail
        services.note_render_failure(certificate_id=certificate_id, error=error)
        raise


@shared_task(name="ceremonies.send_outcome_email", autoretry_for=(SMTPException, ConnectionError, OSError),
             retry_backoff=30, retry_backoff_max=1800, max_retries=8)
def send_outcome_email(application_id):
    """One applicant's outcome email, claimed by ``outcomes.send_outcome_emails``; the outbox key sends it once."""
    return outcomes.deliver_outcome_email(application_id=application_id)
