"""Nothing that holds an applicant's or a judge's work is deleted from the admin; what may go is audited.

Each app says which of its models hold work, and what to do instead, with ``keep_work(Model, instead=...)``
(optionally ``when=predicate``: only instances for which it is true are kept). Every admin of the prize uses
``KeepWorkAdmin``: before a deletion it looks at everything the deletion would take with it (Django's own
cascade), and refuses with the reason and the proper action if any of it is kept work. Refused deletions go
through Django's "cannot delete" page, so neither the single delete nor the bulk action can force them.
"""
from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import PermissionDenied
from django.db import router

from .services import record

_kept = {}


def keep_work(model, *, instead, when=None):
    """``instead``: a sentence naming the proper action, with ``%(object)s`` for the object kept."""
    _kept[model] = (when, instead)


def refusals(objs):
    """Why deleting ``objs`` (and everything that would go with them) is refused: a sentence per kind of work."""
    objs = list(objs)
    if not objs:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    reasons = []
    for model, instances in collector.model_objs.items():
        when, instead = _kept.get(model._meta.concrete_model, (None, None))
        if instead is None:
            continue
        kept = next((instance for instance in instances if when is None or when(instance)), None)
        if kept is not None:  # one example per kind of work is enough to explain the refusal
            reasons.append(str(instead) % {"object": kept})
    return reasons


class KeepWorkAdmin:
    """Mixin for a ModelAdmin (put it before ``admin.ModelAdmin``)."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refused = refusals(objs)
        if refused:
            for reason in refused:
                self.message_user(request, reason, messages.ERROR)
            protected = [*protected, *refused]
        return deleted, model_count, perms_needed, protected

    def _refuse_kept_work(self, objs):
        if refusals(objs):
            raise PermissionDenied  # the views above never get here; this guards any other caller

    def delete_model(self, request, obj):
        self._refuse_kept_work([obj])
        record(actor=request.user, action="admin.deleted", target=obj, model=obj._meta.label_lower)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._refuse_kept_work(queryset)
        for obj in queryset:
            record(actor=request.user, action="admin.deleted", target=obj, model=obj._meta.label_lower)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        self.record_inline_deletions(request, form, formset)
        super().save_formset(request, form, formset, change)

    def record_inline_deletions(self, request, form, formset):
        """Rows deleted in an inline are audited too (before they go, while they still have their id)."""
        for deleted in formset.deleted_forms:
            obj = deleted.instance
            if obj.pk is not None:
                record(actor=request.user, action="admin.deleted", target=obj, model=obj._meta.label_lower,
                       parent=str(form.instance))


