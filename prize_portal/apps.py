from django.contrib.admin.apps import AdminConfig


class PrizeAdminConfig(AdminConfig):
    """The admin, with an index page that shows the current edition at a glance."""

    default_site = "prize_portal.admin_site.PrizeAdminSite"

    def ready(self):
        super().ready()
        # The project's own start-up, here because prize_portal is installed only through its admin:
        # ids from outside are bounded to the database's range (URL converter and ORM lookups).
        from . import ids

        ids.install()
