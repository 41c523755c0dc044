"""Who is who: the one place that decides a user's role."""
from django.contrib.auth.models import Group, Permission

SECRETARIAT_GROUP = "Secretariat"
# The secretariat manages everything of the prize, reads (never edits) users, the audit log and the outbox of
# emails and renderings, and may retry a stuck outbox message.
SECRETARIAT_FULL_APPS = ("applications", "evaluation", "ceremonies", "privacy")
SECRETARIAT_READ_ONLY = (("accounts", "user"), ("audit", "auditentry"), ("outbox", "outboxmessage"))


def is_secretariat(user):
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=SECRETARIAT_GROUP).exists()


def ensure_secretariat_group():
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permissions = list(Permission.objects.filter(content_type__app_label__in=SECRETARIAT_FULL_APPS))
    for app_label, model in SECRETARIAT_READ_ONLY:
        permissions += Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename__startswith="view_"
        )
    permissions += Permission.objects.filter(content_type__app_label="accounts", codename="change_user")
    permissions += Permission.objects.filter(content_type__app_label="outbox", codename="retry_outboxmessage")
    group.permissions.set(permissions)
    return group


def make_secretariat(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(ensure_secretariat_group())
    return user


def ensure_site():
    """The Sites framework names the portal in allauth's emails: keep it in step with SITE_URL."""
    from urllib.parse import urlparse

    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={
        "domain": urlparse(settings.SITE_URL).netloc or "localhost", "name": "Seoul Smart City Prize"})
