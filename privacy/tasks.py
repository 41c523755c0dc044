from celery import shared_task

from . import services


@shared_task(name="privacy.build_export", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def build_export(export_id):
    services.build_export(export_id=export_id)


@shared_task(name="privacy.apply_retention")
def apply_retention():
    """Daily: anonymise the applicants of every edition whose retention period has passed (no legal hold), and
    remove the copies of personal data whose link has expired."""
    services.remove_expired_exports()
    services.apply_due_retention()
