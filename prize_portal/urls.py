from django.contrib import admin
from django.urls import include, path

from .views import after_login

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("welcome/", after_login, name="after_login"),
    path("review/", include("evaluation.urls")),
    path("privacy/", include("privacy.urls")),
    path("", include("ceremonies.urls")),
    path("", include("applications.urls")),
]
