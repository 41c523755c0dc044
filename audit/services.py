from .models import AuditEntry


def record(*, actor, action, target, **data):
    """Append one audit entry about ``target`` (any model instance)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        data=data,
    )
