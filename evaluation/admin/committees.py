"""Committees, invitations and judges."""
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from audit.deletion import KeepWorkAdmin
from prize_portal.search import AccentInsensitiveSearch


from .. import services
from ..models import (
    Committee,
    CommitteeMember,
    Invitation,
    JudgeProfile,
)



class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ("user",)
    fields = ("user", "role", "capacity", "is_active")


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    can_delete = False
    fields = ("email", "name", "invited_at", "accepted_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Committee)
class CommitteeAdmin(KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("name", "edition", "kind", "member_count")
    list_filter = ("edition", "kind")
    inlines = [CommitteeMemberInline, InvitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition").annotate(
            n_members=Count("memberships", filter=Q(memberships__is_active=True)))

    @admin.display(description=_("active members"), ordering="n_members")
    def member_count(self, committee):
        return committee.n_members


@admin.register(Invitation)
class InvitationAdmin(AccentInsensitiveSearch, KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("email", "name", "committee", "invited_at", "accepted_at")
    list_filter = ("committee", "accepted_at")
    search_fields = ("email", "name")
    fields = ("committee", "email", "name", "capacity")
    actions = ["resend"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # Through the service: audited, and the email goes out once the invitation is saved.
        invitation = services.invite_judge(committee=obj.committee, email=obj.email, name=obj.name,
                                           capacity=obj.capacity, by=request.user)
        obj.pk = invitation.pk

    @admin.action(description=_("Send the invitation email again"))
    def resend(self, request, queryset):
        for invitation in queryset.filter(accepted_at__isnull=True):
            services.invite_judge(committee=invitation.committee, email=invitation.email, name=invitation.name,
                                  capacity=invitation.capacity, by=request.user)
        self.message_user(request, _("Invitations sent again."), messages.SUCCESS)


@admin.register(JudgeProfile)
class JudgeProfileAdmin(AccentInsensitiveSearch, KeepWorkAdmin, admin.ModelAdmin):
    list_display = ("user", "organisation", "country", "region", "languages")
    list_filter = ("region", "country")
    search_fields = ("user__email", "user__first_name", "user__last_name", "organisation")
    raw_id_fields = ("user",)
