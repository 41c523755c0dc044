from django.contrib.admin.apps import AdminConfig


class PrizeAdminConfig(AdminConfig):
    """The admin, with an index page that shows the current edition at a glance."""

    default_site = "prize_portal.admin_site.PrizeAdminSite"
