"""Assignments (with their scores) and conflicts, changed only through the services' checks."""
from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from audit.services import record
from audit.deletion import KeepWorkAdmin

from .. import services
from ..models import (
    Assignment,
    Conflict,
    Score,
)



class ManualAssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ("round", "entry", "judge")

    def clean(self):
        data = super().clean()
        round, entry, judge = data.get("round"), data.get("entry"), data.get("judge")
        if round and entry and judge:
            if entry.round_id != round.pk:
                raise forms.ValidationError(_("That entry belongs to another round."))
            problem = services.assignment_problem(round=round, application=entry.application, judge=judge)
            if problem:
                raise forms.ValidationError(problem)
        return data


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    can_delete = False
    fields = ("criterion", "value")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assignment)
class AssignmentAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("reference", "judge", "round", "status", "source", "submitted_at")
    list_filter = ("round", "status", "source")
    search_fields = ("entry__application__reference", "entry__application__title", "judge__email",
                     "judge__last_name")
    list_select_related = ("entry__application", "judge", "round__edition")
    raw_id_fields = ("entry", "judge")
    form = ManualAssignmentForm
    inlines = [ScoreInline]
    readonly_fields = ("status", "source", "comment", "note_for_secretariat", "submitted_at", "created_at",
                       "updated_at")

    @admin.display(description=_("reference"), ordering="entry__application__reference")
    def reference(self, assignment):
        return assignment.entry.application.reference

    def get_fields(self, request, obj=None):
        return ("round", "entry", "judge") if obj is None else ("round", "entry", "judge", *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else ("round", "entry", "judge", *self.readonly_fields)

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def save_model(self, request, obj, form, change):
        if change:
            return
        assignment = services.add_assignment(round=obj.round, application=obj.entry.application, judge=obj.judge,
                                             by=request.user)
        obj.pk = assignment.pk

    def delete_model(self, request, obj):
        services.remove_assignment(assignment=obj, by=request.user, reason="removed in the admin")

    def delete_queryset(self, request, queryset):
        for assignment in queryset:
            try:
                services.remove_assignment(assignment=assignment, by=request.user, reason="removed in the admin")
            except services.EvaluationError as error:
                self.message_user(request, str(error), messages.ERROR)


class ConflictForm(forms.ModelForm):
    class Meta:
        model = Conflict
        fields = ("judge", "application", "reason")


@admin.register(Conflict)
class ConflictAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("judge", "application", "kind", "reason", "round", "created_at")
    list_filter = ("kind", "round")
    search_fields = ("judge__email", "application__reference", "reason")
    raw_id_fields = ("judge", "application")
    form = ConflictForm
    list_select_related = ("judge", "application", "round__edition")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # An automatic conflict goes when its cause goes (the judge's or the applicant's facts), not by hand.
        automatic = obj is not None and obj.kind == Conflict.Kind.AUTOMATIC
        return not automatic and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        conflict, moved = services.record_conflict(judge=obj.judge, application=obj.application, reason=obj.reason,
                                                   by=request.user)
        obj.pk = conflict.pk
        for _replacement, problem in moved:
            if problem:
                self.message_user(request, _("No other judge could take the entry: %(reason)s") % {"reason": problem},
                                  messages.WARNING)

    def delete_model(self, request, obj):
        record(actor=request.user, action="conflict.deleted", target=obj, judge=obj.judge.email,
               application=obj.application.reference, reason=obj.reason)
        obj.delete()

    def delete_queryset(self, request, queryset):
        for conflict in queryset.exclude(kind=Conflict.Kind.AUTOMATIC):
            self.delete_model(request, conflict)
