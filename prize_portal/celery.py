"""The Celery app. Without CELERY_BROKER_URL tasks run eagerly (see settings)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prize_portal.settings.base")

app = Celery("prize_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule is declared here, once; each app's tasks.py owns the task itself.
app.conf.beat_schedule = {}
