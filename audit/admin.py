from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry
from .wording import describe


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "sentence", "action")
    list_filter = ("action", "target_type", "at")
    search_fields = ("target_label", "target_id", "actor__email", "action")
    date_hierarchy = "at"
    list_select_related = ("actor",)

    @admin.display(description=_("what happened"))
    def sentence(self, entry):
        return describe(entry)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
