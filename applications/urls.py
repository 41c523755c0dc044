from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("apply/start/", views.start, name="start"),
    path("apply/<dbint:pk>/", views.edit, name="edit"),
    path("applications/<dbint:pk>/", views.detail, name="detail"),
    path("applications/<dbint:pk>/pdf/", views.pdf, name="pdf"),
    path("applications/<dbint:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<dbint:pk>/reopen/", views.reopen, name="reopen"),
    path("attachments/<dbint:pk>/", views.attachment, name="attachment"),
    path("nominations/<uuid:token>/", views.confirm_nomination, name="confirm_nomination"),
]
