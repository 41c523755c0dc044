"""The Celery app. Without CELERY_BROKER_URL tasks run eagerly (see settings)."""
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prize_portal.settings.base")

app = Celery("prize_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule is declared here, once; each app's tasks.py owns the task itself. Reminder tasks
# are safe to run as often as beat likes: each reminder is claimed once in the database.
app.conf.beat_schedule = {
    "outbox-sweep": {
        "task": "outbox.sweep",
        # Delivers what a down broker never received and retries failed emails (see outbox/services.py).
        "schedule": float(os.environ.get("OUTBOX_SWEEP_SECONDS", "60")),
    },
    "draft-deadline-reminders": {
        "task": "applications.send_draft_reminders",
        "schedule": crontab(minute=5),  # hourly; offsets (days) are in Edition.draft_reminder_days
    },
    "review-deadline-reminders": {
        "task": "evaluation.send_review_reminders",
        "schedule": crontab(minute=35),  # hourly; offsets are in Edition.review_reminder_days
    },
    "privacy-retention": {
        "task": "privacy.apply_retention",
        "schedule": crontab(hour=3, minute=15),  # daily; periods and legal holds are in privacy.RetentionPolicy
    },
}
