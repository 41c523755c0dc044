"""Rounds and their criteria; per round a control panel, the results and the advancement."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.services import record
from audit.deletion import KeepWorkAdmin

from .. import exports, services
from ..forms import OverrideForm, ReopenForm, RoundForm
from ..models import (
    Assignment,
    Criterion,
    Round,
)



class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("order", "code", "name", "weight", "description")

    def _editable(self, obj):
        return obj is None or obj.status == Round.Status.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Round)
class RoundAdmin(KeepWorkAdmin, admin.ModelAdmin):
    form = RoundForm
    list_display = ("__str__", "status", "closes_at", "judges_per_entry", "progress", "panel_link")
    list_filter = ("edition", "status")
    inlines = [CriterionInline]
    filter_horizontal = ("categories",)
    readonly_fields = ("status", "opened_at", "closed_at", "finalized_at")
    fieldsets = (
        (None, {"fields": ("edition", "number", "name", "description", "committee", "categories", "status")}),
        (_("Dates (Korea time)"), {"fields": ("opens_at", "closes_at", "opened_at", "closed_at", "finalized_at")}),
        (_("Judging"), {"fields": ("judges_per_entry", "scale_min", "scale_max", "score_visibility",
                                   "conflict_same_country", "disagreement_threshold")}),
        (_("Ranking and advancement"), {"fields": ("ranking_basis", "tie_break", "advancement_rule", "advance_top_n",
                                                   "advance_min_score")}),
    )
    actions = ["open_rounds", "run_assignment", "close_rounds", "remind_late_judges", "export_ranking_csv",
               "export_ranking_xlsx", "export_scores_csv", "export_scores_xlsx"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition").defer("result_snapshot").annotate(
            n_assignments=Count("assignments", distinct=True),
            n_submitted=Count("assignments", filter=Q(assignments__status=Assignment.Status.SUBMITTED), distinct=True))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status != Round.Status.DRAFT:
            fields += ["edition", "number", "committee", "categories", "judges_per_entry", "scale_min", "scale_max"]
        if obj is not None and obj.status == Round.Status.FINALIZED:
            fields = [f for name, opts in self.fieldsets for f in opts["fields"]]
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: str(form.cleaned_data.get(name)) for name in form.changed_data}
        record(actor=request.user, action="round.changed" if change else "round.created", target=obj, **changes)

    def save_formset(self, request, form, formset, change):
        if formset.model is Criterion:
            if formset.has_changed():
                services.ensure_criteria_editable(form.instance)  # the inline is read-only by then anyway
            before = {c.pk: (c.code, str(c.weight)) for c in form.instance.criteria.all()}
        super().save_formset(request, form, formset, change)
        if formset.model is Criterion and formset.has_changed():
            after = {c.pk: (c.code, str(c.weight)) for c in form.instance.criteria.all()}
            record(actor=request.user, action="round.criteria_changed", target=form.instance,
                   old=sorted(before.values()), new=sorted(after.values()))

    @admin.display(description=_("reviews submitted"))
    def progress(self, round):
        return f"{round.n_submitted} / {round.n_assignments}"

    @admin.display(description=_("control panel"))
    def panel_link(self, round):
        return format_html('<a href="{}">{}</a>', reverse("admin:evaluation_round_panel", args=[round.pk]),
                           _("Open the panel"))

    # Custom views --------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<dbint:pk>/panel/", view(self.panel_view), name="evaluation_round_panel"),
            path("<dbint:pk>/results/", view(self.results_view), name="evaluation_round_results"),
            path("<dbint:pk>/advancement/", view(self.advancement_view), name="evaluation_round_advancement"),
            path("<dbint:pk>/export/<str:table>.<str:fmt>", view(self.export_view), name="evaluation_round_export"),
        ] + super().get_urls()

    def _round(self, request, pk, *, change=False):
        round = get_object_or_404(Round.objects.select_related("edition", "committee"), pk=pk)
        allowed = self.has_change_permission(request, round) if change else self.has_view_permission(request, round)
        if not allowed:
            raise PermissionDenied
        return round

    def _context(self, request, round, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "original": round,
                "round": round, "title": title, **extra}

    def _run(self, request, call, success):
        try:
            result = call()
        except services.EvaluationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        if success:
            self.message_user(request, success, messages.SUCCESS)
        return result

    def panel_view(self, request, pk):
        round = self._round(request, pk, change=request.method == "POST")
        reopen_form = ReopenForm(request.POST if request.POST.get("do") == "reopen" else None)
        if request.method == "POST":
            do = request.POST.get("do")
            override_reason = request.POST.get("override_reason", "")[:1000]
            if do == "open":
                self._run(request, lambda: services.open_round(
                    round=round, by=request.user, override_reason=override_reason), _("The round is open."))
            elif do == "add_missing":
                added = self._run(request, lambda: services.add_missing_entries(round=round, by=request.user), "")
                if added is not None:
                    self.message_user(request, _("%(count)d entry(ies) joined the round; run the assignment to give "
                                                 "them judges.") % {"count": len(added)}, messages.SUCCESS)
            elif do == "assign":
                self._report_assignment(request, round)
            elif do == "close":
                self._run(request, lambda: services.close_round(round=round, by=request.user,
                                                                override_reason=override_reason),
                          _("The round is closed; reviews are read-only."))
            elif do == "remind":
                judges = self._run(request, lambda: services.remind_late_judges(round=round, by=request.user), "")
                if judges is not None:
                    self.message_user(request, _("%(count)d judge(s) reminded.") % {"count": len(judges)},
                                      messages.SUCCESS)
            elif do == "reopen":
                if reopen_form.is_valid():
                    self._run(request, lambda: services.reopen_round(
                        round=round, by=request.user, reason=reopen_form.cleaned_data["reason"],
                        closes_at=reopen_form.cleaned_data["closes_at"]), _("The round is open again."))
                else:
                    self.message_user(request, _("Give the reason for reopening."), messages.ERROR)
                    return self._panel(request, round, reopen_form)
            return redirect("admin:evaluation_round_panel", pk=round.pk)
        return self._panel(request, round, reopen_form)

    def _panel(self, request, round, reopen_form):
        return TemplateResponse(request, "admin/evaluation/round/panel.html", self._context(
            request, round, _("Control panel"), progress=services.round_progress(round=round),
            released=services.released_entries(round=round), reopen_form=reopen_form,
            gaps=services.round_gaps(round)))

    def _report_assignment(self, request, round):
        report = self._run(request, lambda: services.assign(round=round, by=request.user), "")
        if report is None:
            return
        if report.feasible:
            self.message_user(request, _("%(created)d assignment(s) made; %(judges)d judge(s) are being emailed their "
                                         "list.") % {"created": report.created, "judges": len(report.judges)},
                              messages.SUCCESS)
            return
        self.message_user(request, _("Nothing was assigned: %(count)d entries cannot get enough judges.")
                          % {"count": len(report.shortfalls)}, messages.ERROR)
        for entry, missing, reason in report.shortfalls[:20]:
            self.message_user(request, f"{entry.application.reference}: {reason}", messages.WARNING)

    def results_view(self, request, pk):
        round = self._round(request, pk)
        results = services.load_results(round=round)
        return TemplateResponse(request, "admin/evaluation/round/results.html", self._context(
            request, round, _("Results"), results=results, criteria=list(round.criteria.all())))

    def advancement_view(self, request, pk):
        round = self._round(request, pk, change=request.method == "POST")
        if request.method == "POST":
            if "confirm" in request.POST:
                if self._run(request, lambda: services.confirm_advancement(
                        round=round, by=request.user, override_reason=request.POST.get("override_reason", "")[:1000]),
                             _("Advancement confirmed: the round is finalized and its results frozen.")):
                    return redirect("admin:evaluation_round_results", pk=round.pk)
            else:
                form = OverrideForm(request.POST, round=round)
                if form.is_valid():
                    self._run(request, lambda: services.set_override(
                        entry=form.cleaned_data["entry"], decision=form.cleaned_data["decision"],
                        reason=form.cleaned_data["reason"], by=request.user), _("Decision recorded."))
                else:
                    self.message_user(request, _("That decision could not be read."), messages.ERROR)
            return redirect("admin:evaluation_round_advancement", pk=round.pk)
        preview = services.advancement_preview(round=round, results=services.load_results(round=round))
        return TemplateResponse(request, "admin/evaluation/round/advancement.html", self._context(
            request, round, _("Advancement"), preview=preview, decisions=RoundEntryDecisions,
            editable=round.status == Round.Status.CLOSED,
            gaps=services.advancement_gaps(round, preview) if round.status == Round.Status.CLOSED else []))

    def export_view(self, request, pk, table, fmt):
        round = self._round(request, pk)
        builders = {"ranking": exports.ranking_table, "scores": exports.scores_table}
        if table not in builders or fmt not in ("csv", "xlsx"):
            raise Http404
        filename = f"round-{round.edition.year}-{round.number}-{table}.{fmt}"
        data = builders[table](round)
        return exports.as_csv(filename, data) if fmt == "csv" else exports.as_xlsx(filename, data, table)

    # Actions on the list of rounds ----------------------------------------------------------------

    def _each(self, request, queryset, call, success):
        for round in queryset:
            self._run(request, lambda round=round: call(round), success % {"round": round})

    @admin.action(description=_("Open the selected rounds"))
    def open_rounds(self, request, queryset):
        self._each(request, queryset, lambda r: services.open_round(round=r, by=request.user), _("%(round)s is open."))

    @admin.action(description=_("Run the assignment (keeps existing, tops up)"))
    def run_assignment(self, request, queryset):
        for round in queryset:
            self._report_assignment(request, round)

    @admin.action(description=_("Close the selected rounds"))
    def close_rounds(self, request, queryset):
        self._each(request, queryset, lambda r: services.close_round(round=r, by=request.user),
                   _("%(round)s is closed."))

    @admin.action(description=_("Remind judges with unsubmitted reviews now"))
    def remind_late_judges(self, request, queryset):
        self._each(request, queryset, lambda r: services.remind_late_judges(round=r, by=request.user),
                   _("Late judges of %(round)s reminded."))

    def _export(self, queryset, table, fmt):
        round = queryset.order_by("edition__year", "number").first()
        return redirect("admin:evaluation_round_export", pk=round.pk, table=table, fmt=fmt)

    @admin.action(description=_("Export the ranking (CSV)"))
    def export_ranking_csv(self, request, queryset):
        return self._export(queryset, "ranking", "csv")

    @admin.action(description=_("Export the ranking (Excel)"))
    def export_ranking_xlsx(self, request, queryset):
        return self._export(queryset, "ranking", "xlsx")

    @admin.action(description=_("Export every score (CSV)"))
    def export_scores_csv(self, request, queryset):
        return self._export(queryset, "scores", "csv")

    @admin.action(description=_("Export every score (Excel)"))
    def export_scores_xlsx(self, request, queryset):
        return self._export(queryset, "scores", "xlsx")


class RoundEntryDecisions:
    """Choices for the include/exclude form of the advancement page."""

    choices = [("", _("Follow the rule")), ("include", _("Include")), ("exclude", _("Exclude"))]
