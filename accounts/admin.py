"""Users in the admin. Only a superuser manages staff accounts, roles and passwords: the secretariat sees every
user, may correct an outside user's name or deactivate them, and can raise no one's powers (their own included)."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from audit.deletion import KeepWorkAdmin
from prize_portal.search import AccentInsensitiveSearch

from .models import User
from .role_audit import changes_by

ROLE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(AccentInsensitiveSearch, KeepWorkAdmin, DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "language", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    # What the secretariat sees: the roles are shown, never editable; no password link.
    secretariat_fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (_("Permissions"), {"fields": ("is_active", "roles")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.secretariat_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("email", "roles", "last_login", "date_joined")

    def has_change_permission(self, request, obj=None):
        # A staff account (anyone's, one's own too) is changed by a superuser only.
        if obj is not None and (obj.is_staff or obj.is_superuser) and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    @admin.display(description=_("roles"))
    def roles(self, user):
        parts = [str(_("superuser"))] if user.is_superuser else []
        parts += [str(_("staff"))] if user.is_staff else []
        parts += [group.name for group in user.groups.all()]
        return ", ".join(parts) or "—"

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied  # nobody's password is set by the secretariat, not even their own
        return super().user_change_password(request, id, form_url)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with changes_by(request.user):  # the audit log names who changed a role
            return super().changeform_view(request, object_id, form_url, extra_context)
