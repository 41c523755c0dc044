from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Consent, DataExport, ErasureRequest, PrivacyNotice, RetentionPolicy
from .notice_text import DEFAULT_EN, DEFAULT_KO
from .services.consent import next_version


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    list_display = ("version", "published_at", "created_at")
    actions = ["publish"]

    def get_changeform_initial_data(self, request):
        latest = PrivacyNotice.objects.order_by("-version").first()
        return {"version": next_version(), "text_en": latest.text_en if latest else DEFAULT_EN,
                "text_ko": latest.text_ko if latest else DEFAULT_KO,
                "privacy_officer": latest.privacy_officer if latest else ""}

    def has_change_permission(self, request, obj=None):
        # A published version is what people consented to: it is never edited, a change is a new version.
        return super().has_change_permission(request, obj) and (obj is None or obj.published_at is None)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.published_at is None)

    @admin.action(description=_("Publish: everyone consents to this version"))
    def publish(self, request, queryset):
        for notice in queryset.order_by("version"):
            services.publish_notice(notice=notice, by=request.user)
        self.message_user(request, _("Published."), messages.SUCCESS)


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("user", "notice", "consented_at", "items")
    list_filter = ("notice__version", "consented_at")
    search_fields = ("user__email",)


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ("user", "status", "requested_at", "ready_at")
    list_filter = ("status",)
    exclude = ("file",)  # the archive is the person's: the secretariat sees that it exists, not its contents


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "user", "requested_at", "mode", "decided_by", "done_at")
    list_filter = ("done_at", "mode")
    actions = ["erase_keeping_applications", "erase_keeping_judging_only"]

    def _erase(self, request, queryset, mode):
        for erasure in queryset.filter(done_at=None).select_related("user"):
            try:
                services.erase_person(user=erasure.user, mode=mode, by=request.user)
            except services.ErasureError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Erased user #%(id)s.") % {"id": erasure.user_id}, messages.SUCCESS)

    @admin.action(description=_("Erase: remove personal data, keep submitted applications and judging"))
    def erase_keeping_applications(self, request, queryset):
        self._erase(request, queryset, ErasureRequest.Mode.ANONYMISE)

    @admin.action(description=_("Erase: remove everything but the judging record"))
    def erase_keeping_judging_only(self, request, queryset):
        self._erase(request, queryset, ErasureRequest.Mode.JUDGING_ONLY)


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ("edition", "years", "until", "legal_hold", "applied_at")
    list_filter = ("legal_hold",)
    actions = ["dry_run"]

    @admin.action(description=_("Dry run: what retention would remove"))
    def dry_run(self, request, queryset):
        for policy in queryset.select_related("edition"):
            report = services.retention_report(edition=policy.edition)
            self.message_user(request, _(
                "%(year)s: due %(due)s, legal hold %(hold)s — %(applications)s entries and %(applicants)s applicants "
                "anonymised, %(files)s files and %(drafts)s drafts removed.") % {
                "year": report["edition"], "due": report["expires_on"] or "—", "hold": report["legal_hold"],
                "applications": len(report["applications"]), "applicants": report["applicants_anonymised"],
                "files": report["files"], "drafts": report["drafts"]})
