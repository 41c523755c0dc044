from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.views import set_language

from .views import after_login

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("welcome/", after_login, name="after_login"),
    path("language/", set_language, name="set_language"),
    path("review/", include("evaluation.urls")),
    path("privacy/", include("privacy.urls")),
    path("", include("ceremonies.urls")),
    path("", include("applications.urls")),
]
