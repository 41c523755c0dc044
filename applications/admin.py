from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.deletion import KeepWorkAdmin, keep_work
from prize_portal.forms import LimitedTextField
from prize_portal.search import AccentInsensitiveSearch

from . import services
from .draft_reminders import drafts_to_remind, remind_drafts_now
from .editions import start_edition
from .choices import ApplicantType
from .exports import csv_response, kst
from .forms import WholeDaysField
from .models import (
    ApplicantProfile,
    Application,
    ApplicationVersion,
    Attachment,
    Category,
    DeadlineExtension,
    Edition,
    SentReminder,
)
from .phases import edition_phase

keep_work(Application, instead=_("The application %(object)s is never deleted: the applicant withdraws it, or the "
                                 "secretariat marks it not eligible (action “Screening: mark not eligible”)."))
keep_work(Attachment, instead=_("The file %(object)s belongs to an application and is kept with it."))
keep_work(SentReminder, when=lambda reminder: reminder.sent_at is not None,
          instead=_("The reminder %(object)s was sent: its record is kept so that it is never sent twice."))


class CategoryForm(forms.ModelForm):
    eligible_applicant_types = forms.MultipleChoiceField(
        label=_("Who may enter"), choices=ApplicantType.choices, widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Category
        fields = "__all__"


class EditionForm(forms.ModelForm):
    draft_reminder_days = WholeDaysField(
        label=Edition._meta.get_field("draft_reminder_days").verbose_name,
        help_text=_("Whole days before applications close, separated by commas, e.g. 7, 3, 1. Empty: no reminders."))
    review_reminder_days = WholeDaysField(
        label=Edition._meta.get_field("review_reminder_days").verbose_name,
        help_text=_("Whole days before a round closes, separated by commas, e.g. 3, 1. Empty: no reminders."))

    class Meta:
        model = Edition
        fields = "__all__"


class CategoryInline(admin.StackedInline):
    model = Category
    form = CategoryForm
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Edition)
class EditionAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("year", "ordinal", "theme", "opens_at", "closes_at", "phase", "is_current")
    form = EditionForm
    list_filter = ("status", "is_current")
    inlines = [CategoryInline]
    # The status moves only through the services (open the call, archive), each checking where the edition is.
    readonly_fields = ("status", "phase", "results_published_at")
    actions = ["start_next_edition", "remind_drafts_now", "open_call", "archive"]

    @admin.display(description=_("phase"))
    def phase(self, edition):
        return edition_phase(edition).label

    def _each(self, request, queryset, call, success):
        for edition in queryset:
            try:
                call(edition)
            except services.ApplicationError as error:
                self.message_user(request, f"{edition.year}: {error}", messages.ERROR)
            else:
                self.message_user(request, success % {"year": edition.year}, messages.SUCCESS)

    @admin.action(description=_("Open the call for applications"))
    def open_call(self, request, queryset):
        self._each(request, queryset, lambda e: services.open_call(edition=e, by=request.user),
                   _("The call of %(year)s is open: the edition is public and takes applications from its "
                     "opening date."))

    @admin.action(description=_("Start the next year's edition from this one (categories, award levels, rounds)"))
    def start_next_edition(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose the one edition to copy."), messages.ERROR)
            return None
        source = queryset.get()
        try:
            edition = start_edition(year=source.year + 1, by=request.user, copy_from=source)
        except services.ApplicationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(request, _("The %(year)s edition is started, in preparation: check its dates, categories, "
                                     "award levels and rounds.") % {"year": edition.year}, messages.SUCCESS)
        return redirect(reverse("admin:applications_edition_change", args=[edition.pk]))

    @admin.action(description=_("Remind drafts now (preview first)"))
    def remind_drafts_now(self, request, queryset):
        """Beside the automatic reminders: shows who would get one, sends on confirmation (once a day each)."""
        if queryset.count() != 1:
            self.message_user(request, _("Choose the one edition whose drafts to remind."), messages.ERROR)
            return None
        edition = queryset.get()
        if "apply" in request.POST:
            count = remind_drafts_now(edition=edition, by=request.user)
            self.message_user(request, _("Reminders scheduled: %(count)d. Anyone reminded today is not reminded "
                                         "twice.") % {"count": count}, messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/applications/remind_drafts.html", {
            **self.admin_site.each_context(request),
            "title": _("Remind drafts now: %(edition)s") % {"edition": edition},
            "edition": edition, "rows": drafts_to_remind(edition=edition), "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME})

    @admin.action(description=_("Archive (results published)"))
    def archive(self, request, queryset):
        self._each(request, queryset, lambda e: services.archive_edition(edition=e, by=request.user),
                   _("%(year)s is archived."))


@admin.register(Category)
class CategoryAdmin(KeepWorkAdmin, admin.ModelAdmin):
    form = CategoryForm
    list_display = ("name", "edition", "slug", "accepts_nominations", "order")
    list_filter = ("edition",)
    prepopulated_fields = {"slug": ("name",)}


class DeadlineExtensionInline(admin.TabularInline):
    model = DeadlineExtension
    extra = 0
    formfield_overrides = {models.CharField: {"form_class": LimitedTextField}}
    fields = ("edition", "until", "reason", "granted_by", "granted_at")
    readonly_fields = ("granted_by", "granted_at")


@admin.register(ApplicantProfile)
class ApplicantProfileAdmin(AccentInsensitiveSearch, KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("name", "applicant_type", "country", "city", "contact_name", "contact_email")
    list_filter = ("applicant_type", "country")
    search_fields = ("name", "city", "contact_name", "contact_email", "user__email")
    inlines = [DeadlineExtensionInline]
    raw_id_fields = ("user",)

    def save_formset(self, request, form, formset, change):
        if formset.model is not DeadlineExtension:
            return super().save_formset(request, form, formset, change)
        self.record_inline_deletions(request, form, formset)
        extensions = formset.save(commit=False)  # also what fills formset.deleted_objects
        for obj in formset.deleted_objects:
            obj.delete()
        for extension in extensions:
            if extension.pk is not None:  # moved to another edition: the service keys on (edition, applicant)
                DeadlineExtension.objects.filter(pk=extension.pk).exclude(edition=extension.edition).delete()
            # Through the service, so every extension is recorded in the audit log.
            services.grant_extension(edition=extension.edition, applicant=form.instance, until=extension.until,
                                     reason=extension.reason, by=request.user)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = ("download", "content_type", "size", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, attachment):
        if attachment.pk is None:  # a row a tampered form asked for: nothing to link to
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("applications:attachment", args=[attachment.pk]),
                           attachment.original_name)

    def has_add_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    """Each submission as sent; "compare" opens it next to the version before."""

    model = ApplicationVersion
    extra = 0
    can_delete = False
    fields = ("number", "submitted_at", "submitted_by", "compare")
    readonly_fields = fields

    @admin.display(description=_("changes"))
    def compare(self, version):
        if version.pk is None or (version.number or 0) < 2:  # the first, or a row a tampered form asked for
            return "—"
        url = reverse("admin:applications_application_compare", args=[version.application_id])
        return format_html('<a href="{}?a={}&amp;b={}">{}</a>', url, version.number - 1, version.number,
                           _("Compare with version %(number)d") % {"number": version.number - 1})

    def has_add_permission(self, request, obj=None):
        return False


class ScreeningForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the applicant)"), widget=forms.Textarea(attrs={"rows": 3}))


CONTENT_FIELDS = ("title", "summary", "problem", "solution", "target_groups", "inclusiveness", "implementation_start",
                  "implementation_end", "implementation_stage", "budget", "results", "sustainability", "partners",
                  "sectors", "links", "achievements", "is_nomination", "nominee_name", "nominee_email",
                  "nominee_position", "nominee_organisation", "nominee_country", "nominee_confirmed_at")


@admin.register(Application)
class ApplicationAdmin(AccentInsensitiveSearch, KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("reference", "display_title", "applicant", "category", "applicant_type", "country", "status",
                    "submitted_at")
    list_filter = ("edition", "category__name", "applicant__applicant_type", "applicant__country", "status")
    search_fields = ("reference", "title", "applicant__name", "applicant__city", "nominee_name")
    list_select_related = ("applicant", "category", "edition")
    inlines = [AttachmentInline, VersionInline]
    actions = ["export_csv", "screen_eligible", "screen_not_eligible"]
    fieldsets = (
        (None, {"fields": ("reference", "edition", "category", "applicant", "status", "screening_reason",
                           "submitted_at", "withdrawn_at", "outcome_sent_at", "outcome_sent_by", "pdf_link")}),
        (_("The application as submitted"), {"fields": ("application_view",)}),
    )
    readonly_fields = ("reference", "edition", "category", "applicant", "status", "screening_reason", "submitted_at",
                       "withdrawn_at", "outcome_sent_at", "outcome_sent_by", "pdf_link", "application_view")

    def has_add_permission(self, request):
        return False  # applications are made by applicants, through the portal

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_versions)
        return [path("<dbint:pk>/versions/compare/", compare, name="applications_application_compare"),
                *super().get_urls()]

    def compare_versions(self, request, pk):
        """Two submitted versions side by side, section by section, with the words removed and added marked."""
        from .versions import compare

        application = get_object_or_404(Application, pk=pk)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        versions = list(application.versions.all())
        numbers = [v.number for v in versions]

        def chosen(name, default):
            value = request.GET.get(name, "")
            return int(value) if value.isdigit() and int(value) in numbers else default

        older = chosen("a", numbers[-2] if len(numbers) > 1 else (numbers[0] if numbers else None))
        newer = chosen("b", numbers[-1] if numbers else None)
        by_number = {v.number: v for v in versions}
        rows = compare(by_number[older], by_number[newer]) if older and newer else []
        return TemplateResponse(request, "admin/applications/compare_versions.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "application": application,
            "title": _("Compare submitted versions of %(application)s") % {"application": application},
            "versions": versions, "older": by_number.get(older), "newer": by_number.get(newer), "rows": rows})

    def has_delete_permission(self, request, obj=None):
        return False  # never deleted: withdrawn or not eligible, but kept

    @admin.display(description=_("type"), ordering="applicant__applicant_type")
    def applicant_type(self, application):
        return application.applicant.get_applicant_type_display()

    @admin.display(description=_("country"), ordering="applicant__country")
    def country(self, application):
        return application.applicant.country.name

    @admin.display(description=_("PDF"))
    def pdf_link(self, application):
        return format_html('<a href="{}">{}</a>', reverse("applications:pdf", args=[application.pk]), _("Download"))

    @admin.display(description=_("Application"))
    def application_view(self, application):
        from django.template.loader import render_to_string

        return render_to_string("applications/_sections.html", {"application": application, "show_private": True,
                                                                "link_attachments": True})

    @admin.action(description=_("Export selected to CSV"))
    def export_csv(self, request, queryset):
        header = ["reference", "status", "edition", "category", "title", "applicant", "applicant_type", "country",
                  "city", "contact_name", "contact_email", "nominee", "submitted_at_kst"]
        rows = ([a.reference, a.get_status_display(), a.edition.year, a.category.name, a.title, a.applicant.name,
                 a.applicant.get_applicant_type_display(), a.applicant.country.code, a.applicant.city,
                 a.applicant.contact_name, a.applicant.contact_email, a.nominee_name, kst(a.submitted_at)]
                for a in queryset.select_related("edition", "category", "applicant").iterator())
        return csv_response(filename="applications.csv", header=header, rows=rows)

    def _screen(self, request, queryset, *, eligible, reason=""):
        done, refused = 0, []
        for application in queryset:
            try:
                services.screen_application(application=application, eligible=eligible, reason=reason, by=request.user)
                done += 1
            except services.ApplicationError as error:
                refused.append(str(error))
        if done:
            self.message_user(request, _("%(count)d application(s) screened; the applicants are being told.")
                              % {"count": done}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Screening: mark eligible"))
    def screen_eligible(self, request, queryset):
        self._screen(request, queryset, eligible=True)

    @admin.action(description=_("Screening: mark not eligible (with a reason)"))
    def screen_not_eligible(self, request, queryset):
        form = ScreeningForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._screen(request, queryset, eligible=False, reason=form.cleaned_data["reason"])
            return None
        return TemplateResponse(request, "admin/applications/screen_not_eligible.html", {
            **self.admin_site.each_context(request), "title": _("Not eligible: give the reason"),
            "form": form, "applications": queryset, "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME})


@admin.register(SentReminder)
class SentReminderAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("recipient", "purpose", "key", "offset_days", "claimed_at", "sent_at")
    list_filter = ("purpose", "offset_days", "sent_at")
    search_fields = ("recipient__email", "key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
