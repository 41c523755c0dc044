"""The secretariat's side of the ceremony: award levels, awards, the ceremony, certificates, and a
results desk per edition (preview, publish, withdraw, generate all certificates with progress)."""
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from applications.phases import edition_phase
from prize_portal.forms import LimitedTextField

from audit.services import record
from audit.deletion import KeepWorkAdmin, keep_work

from . import outcomes, rules, services
from .ceremony import publish_ceremony, unpublish_ceremony
from .models import Award, AwardLevel, Ceremony, Certificate, EditionResults, ProgrammeItem

keep_work(Certificate, instead=_("The certificate %(object)s is never deleted, so its code never comes back to "
                                 "life: revoke it instead (action “Revoke the selected certificates”)."))


@admin.register(AwardLevel)
class AwardLevelAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("name", "slug", "edition", "order", "is_special_mention", "max_per_category")
    list_filter = ("edition",)
    filter_horizontal = ("categories",)


@admin.register(Award)
class AwardAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("entity_name", "level", "category", "edition", "entity_type", "city", "country", "application")
    list_filter = ("edition", "level__slug", "category__slug", "entity_type")
    search_fields = ("entity_name", "project_title", "city", "citation", "partner", "application__reference")
    list_select_related = ("edition", "level", "category", "application")
    raw_id_fields = ("application",)
    fieldsets = (
        (None, {"fields": ("edition", "application", "level", "category", "citation", "partner"),
                "description": _("Choose a finalist's application: the winner's name, city, country and project are "
                                 "taken from it (and kept in step with it). For a past edition leave it empty and "
                                 "type them below.")}),
        (_("What the public sees"), {"fields": ("entity_type", "entity_name", "project_title", "city", "country",
                                                "summary")}),
    )

    def save_model(self, request, obj, form, change):
        if change:
            fields = [f for f in form.changed_data if f in services.AWARD_FIELDS]
            services.change_award(award=Award.objects.get(pk=obj.pk),
                                  changes={f: form.cleaned_data[f] for f in fields}, by=request.user)
        elif obj.application_id:
            award = services.grant_award(application=obj.application, level=obj.level, citation=obj.citation,
                                         partner=obj.partner, by=request.user)
            obj.pk = award.pk
        else:
            obj.save()
            record(actor=request.user, action="award.granted", target=obj, level=obj.level.slug, archive=True)

    def delete_model(self, request, obj):
        services.remove_award(award=obj, by=request.user, reason=_("Removed in the admin by %(user)s")
                              % {"user": request.user})

    def delete_queryset(self, request, queryset):
        for award in queryset:
            self.delete_model(request, award)


class AwardForm(forms.ModelForm):
    """New awards for a finalist take the public details from the application; the rules are the service's."""

    class Meta:
        model = Award
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            for name in ("entity_type", "entity_name"):
                self.fields[name].required = False

    def clean(self):
        data = super().clean()
        application, level = data.get("application"), data.get("level")
        if self.instance.pk is None and application and level:
            try:
                services.check_grant(application=application, level=level, partner=data.get("partner", ""))
            except services.AwardError as error:
                raise forms.ValidationError(str(error))
            data.update(services.snapshot_of(application), category=application.category,
                        edition=application.edition)
        elif self.instance.pk is None and not data.get("entity_name"):
            self.add_error("entity_name", _("Without an application, type the winner's name."))
        return data


AwardAdmin.form = AwardForm


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 1


@admin.register(Ceremony)
class CeremonyAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("__str__", "starts_at", "venue", "announces_on", "published_at")
    readonly_fields = ("published_at",)
    inlines = [ProgrammeItemInline]
    actions = ["publish_page", "unpublish_page"]

    @admin.action(description=_("Publish the ceremony page (the results keep their embargo)"))
    def publish_page(self, request, queryset):
        for item in queryset:
            publish_ceremony(ceremony=item, by=request.user)
        self.message_user(request, _("Ceremony pages published: %(count)d.") % {"count": queryset.count()})

    @admin.action(description=_("Take the ceremony page offline"))
    def unpublish_page(self, request, queryset):
        for item in queryset:
            unpublish_ceremony(ceremony=item, by=request.user)
        self.message_user(request, _("Ceremony pages taken offline: %(count)d.") % {"count": queryset.count()})


class RevokeForm(forms.Form):
    reason = LimitedTextField(label=_("Reason (kept in the audit log)"), max_length=300)


@admin.register(Certificate)
class CertificateAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("code", "kind", "recipient_name", "edition", "language", "state", "download")
    list_filter = ("edition", "kind", "language", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("code", "recipient_name", "project_title", "application__reference", "judge__email")
    list_select_related = ("edition",)
    actions = ["rerender", "print_in_english", "print_in_korean", "revoke"]
    fields = ("code", "kind", "edition", "award", "application", "judge", "recipient_name", "recipient_place",
              "project_title", "category_name", "level_name", "partner", "language", "state", "download", "requested_at",
              "rendered_at", "render_error", "revoked_at", "revoked_reason", "revoked_by", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # issued by “generate all certificates” on the results desk

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: a code must never come back to life

    @admin.display(description=_("state"))
    def state(self, certificate):
        if certificate.is_revoked:
            return _("revoked")
        if certificate.is_ready:
            return _("ready")
        return _("failed") if certificate.render_error else _("rendering")

    @admin.display(description=_("PDF"))
    def download(self, certificate):
        if not certificate.file:
            return "—"
        return format_html('<a href="{}">{}</a> · <a href="{}">{}</a>',
                           reverse("ceremonies:certificate_pdf", args=[certificate.code]), _("download"),
                           reverse("ceremonies:certificate", args=[certificate.code]), _("verification page"))

    @admin.action(description=_("Render the selected certificates again"))
    def rerender(self, request, queryset):
        ids = services._rerender(queryset)
        self.message_user(request, _("%(count)d certificate(s) are being rendered.") % {"count": len(ids)})

    def _print_in(self, request, queryset, language):
        count = services.print_certificates_in(certificates=list(queryset), language=language, by=request.user)
        self.message_user(request, _("%(count)d certificate(s) will be printed in %(language)s.") % {
            "count": count, "language": dict(settings.LANGUAGES)[language]})

    @admin.action(description=_("Print the selected certificates in English"))
    def print_in_english(self, request, queryset):
        self._print_in(request, queryset, "en")

    @admin.action(description=_("Print the selected certificates in Korean"))
    def print_in_korean(self, request, queryset):
        self._print_in(request, queryset, "ko")

    @admin.action(description=_("Revoke the selected certificates (with a reason)"))
    def revoke(self, request, queryset):
        form = RevokeForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done = 0
            for certificate in queryset:
                try:
                    services.revoke_certificate(certificate=certificate, by=request.user,
                                                reason=form.cleaned_data["reason"])
                    done += 1
                except services.AwardError as error:
                    self.message_user(request, str(error), messages.WARNING)
            self.message_user(request, _("%(count)d certificate(s) revoked.") % {"count": done}, messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/ceremonies/certificate/revoke.html", {
            **self.admin_site.each_context(request), "title": _("Revoke certificates: give the reason"),
            "form": form, "certificates": queryset, "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME})


class WithdrawForm(forms.Form):
    reason = LimitedTextField(label=_("Why are the results withdrawn?"), max_length=300)


@admin.register(EditionResults)
class EditionResultsAdmin(KeepWorkAdmin, admin.ModelAdmin):
    """One page per edition: preview, publish (a deliberate, recorded act), certificates with progress."""

    list_display = ("year", "published", "award_count", "finalist_count", "certificates")
    ordering = ("-year",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("published"), boolean=True)
    def published(self, edition):
        return edition.results_published

    @admin.display(description=_("awards"))
    def award_count(self, edition):
        return edition.awards.count()

    @admin.display(description=_("finalists"))
    def finalist_count(self, edition):
        return rules.finalists_of(edition).count()

    @admin.display(description=_("certificates"))
    def certificates(self, edition):
        progress = services.certificate_progress(edition=edition)
        return _("%(ready)d of %(total)d ready") % progress if progress["total"] else "—"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<dbint:pk>/publish/", wrap(self.publish_view), name="ceremonies_editionresults_publish"),
            path("<dbint:pk>/withdraw/", wrap(self.withdraw_view), name="ceremonies_editionresults_withdraw"),
            path("<dbint:pk>/certificates/", wrap(self.generate_view), name="ceremonies_editionresults_generate"),
            path("<dbint:pk>/progress/", wrap(self.progress_view), name="ceremonies_editionresults_progress"),
            path("<dbint:pk>/outcome-emails/", wrap(self.outcome_emails_view),
                 name="ceremonies_editionresults_outcome_emails"),
        ] + super().get_urls()

    def _edition(self, request, pk, *, change=True):
        allowed = self.has_change_permission(request) if change else self.has_view_permission(request)
        if not allowed:
            raise Http404
        return get_object_or_404(EditionResults, pk=pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        edition = self._edition(request, object_id, change=False)
        return TemplateResponse(request, "admin/ceremonies/editionresults/desk.html", {
            **self.admin_site.each_context(request), "title": _("Results and publication: %(year)s")
            % {"year": edition.year}, "edition": edition, "opts": self.model._meta,
            "awards": edition.awards.select_related("level", "category"),
            "finalists": rules.finalists_of(edition).count(),
            "progress": services.certificate_progress(edition=edition),
            "withdraw_form": WithdrawForm(), "can_change": self.has_change_permission(request),
            "phase": edition_phase(edition)})

    def _back(self, edition):
        return redirect("admin:ceremonies_editionresults_change", edition.pk)

    def publish_view(self, request, pk):
        edition = self._edition(request, pk)
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            try:
                services.publish_results(edition=edition, by=request.user,
                                         override_reason=request.POST.get("override_reason", "")[:1000])
                self.message_user(request, _("The results of %(year)s are public now.") % {"year": edition.year},
                                  messages.SUCCESS)
            except services.AwardError as error:
                self.message_user(request, str(error), messages.ERROR)
            return self._back(edition)
        return TemplateResponse(request, "admin/ceremonies/editionresults/publish.html", {
            **self.admin_site.each_context(request), "title": _("Publish the results of %(year)s?")
            % {"year": edition.year}, "edition": edition, "opts": self.model._meta,
            "awards": edition.awards.count(), "finalists": rules.finalists_of(edition).count(),
            "problems": services.publication_problems(edition=edition)})

    def withdraw_view(self, request, pk):
        edition = self._edition(request, pk)
        form = WithdrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.withdraw_results(edition=edition, by=request.user, reason=form.cleaned_data["reason"])
                self.message_user(request, _("The results of %(year)s are hidden again.") % {"year": edition.year},
                                  messages.WARNING)
            except services.AwardError as error:
                self.message_user(request, str(error), messages.ERROR)
        elif request.method == "POST":
            self.message_user(request, _("Say why the results are withdrawn."), messages.ERROR)
        return self._back(edition)

    def generate_view(self, request, pk):
        edition = self._edition(request, pk)
        if request.method != "POST":
            return self._back(edition)
        try:
            created, requested = services.issue_certificates(
                edition=edition, by=request.user, override_reason=request.POST.get("override_reason", "")[:1000])
        except services.AwardError as error:
            self.message_user(request, str(error), messages.ERROR)
            return self._back(edition)
        self.message_user(request, _("%(created)d certificate(s) issued; %(requested)d being rendered.")
                          % {"created": created, "requested": requested}, messages.SUCCESS)
        return redirect("admin:ceremonies_editionresults_progress", edition.pk)

    def outcome_emails_view(self, request, pk):
        """Every applicant's outcome email to read first; then one deliberate "send", refused before publication."""
        edition = self._edition(request, pk, change=request.method == "POST")
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            try:
                sent = outcomes.send_outcome_emails(edition=edition, by=request.user)
                self.message_user(request, _("%(count)d outcome email(s) are being sent.") % {"count": len(sent)},
                                  messages.SUCCESS)
            except services.AwardError as error:
                self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:ceremonies_editionresults_outcome_emails", edition.pk)
        previews = outcomes.preview_outcome_emails(edition=edition)
        return TemplateResponse(request, "admin/ceremonies/editionresults/outcome_emails.html", {
            **self.admin_site.each_context(request), "title": _("Outcome emails of %(year)s") % {"year": edition.year},
            "edition": edition, "opts": self.model._meta, "previews": previews,
            "unsent": sum(1 for p in previews if p["sent_at"] is None),
            "can_change": self.has_change_permission(request)})

    def progress_view(self, request, pk):
        edition = self._edition(request, pk, change=False)
        progress = services.certificate_progress(edition=edition)
        if request.GET.get("format") == "json":
            return JsonResponse(progress)
        return TemplateResponse(request, "admin/ceremonies/editionresults/progress.html", {
            **self.admin_site.each_context(request), "title": _("Certificates of %(year)s") % {"year": edition.year},
            "edition": edition, "opts": self.model._meta, "progress": progress,
            "failed": edition.certificates.filter(revoked_at__isnull=True).exclude(render_error="")[:20]})
