from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: the secretariat sees stuck emails and renderings and can retry them now."""

    list_display = ("task", "args", "status", "attempts", "available_at", "created_at", "sent_at", "short_error")
    list_filter = ("status", "task")
    search_fields = ("task", "key", "last_error")
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    @admin.display(description=_("last error"))
    def short_error(self, message):
        return message.last_error[:120]

    @admin.action(description=_("Retry the selected messages now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        count = services.retry_now(messages=queryset)
        self.message_user(request, ngettext("%(count)d message handed to the worker again.",
                                            "%(count)d messages handed to the worker again.", count)
                          % {"count": count}, messages.SUCCESS)

    def has_retry_permission(self, request):
        return request.user.has_perm("outbox.retry_outboxmessage")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
