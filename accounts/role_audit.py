"""Every change to a user's roles (staff, superuser, groups, permissions) is written to the audit log, whatever
made it: the admin, a management command, code. The admin says who acted with ``changes_by(request.user)``."""
from contextlib import contextmanager
from contextvars import ContextVar

from audit.services import record

ROLE_FLAGS = ("is_staff", "is_superuser", "is_active")
_actor = ContextVar("role_change_actor", default=None)


@contextmanager
def changes_by(user):
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def _record(user, **change):
    record(actor=_actor.get(), action="user.roles_changed", target=user, **change)


def remember_flags(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(ROLE_FLAGS)):
        instance._flags_before = None
        return
    instance._flags_before = sender.objects.filter(pk=instance.pk).values(*ROLE_FLAGS).first()


def record_flag_changes(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_flags_before", None)
    if raw:
        return
    if created:
        before = {flag: False for flag in ("is_staff", "is_superuser")}
    if not before:
        return
    changed = {flag: [before[flag], getattr(instance, flag)] for flag in before if before[flag] != getattr(instance, flag)}
    if changed:
        _record(instance, **changed)


def record_membership_changes(field, names_of):
    """An m2m_changed receiver for User.groups or User.user_permissions (either side of the relation)."""

    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        from django.contrib.auth import get_user_model

        if action == "pre_clear":
            # Remember what is about to go: post_clear no longer knows.
            instance._cleared = set(getattr(instance, field).values_list("pk", flat=True)) if not reverse else \
                set(model.objects.filter(**{field: instance}).values_list("pk", flat=True))
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_cleared", set())
        if not pk_set:
            return
        key = "added" if action == "post_add" else "removed"
        if reverse:  # group.user_set.add(user): instance is the group, pk_set the users
            for user in get_user_model().objects.filter(pk__in=pk_set):
                _record(user, **{field: {key: names_of([instance])}})
        else:
            _record(instance, **{field: {key: names_of(model.objects.filter(pk__in=pk_set))}})

    return receiver


def connect():
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_save, pre_save

    User = get_user_model()
    pre_save.connect(remember_flags, sender=User, dispatch_uid="roles-before")
    post_save.connect(record_flag_changes, sender=User, dispatch_uid="roles-after")
    m2m_changed.connect(record_membership_changes("groups", lambda groups: sorted(g.name for g in groups)),
                        sender=User.groups.through, dispatch_uid="roles-groups", weak=False)
    m2m_changed.connect(record_membership_changes(
        "user_permissions", lambda perms: sorted(f"{p.content_type.app_label}.{p.codename}" for p in perms)),
        sender=User.user_permissions.through, dispatch_uid="roles-permissions", weak=False)
