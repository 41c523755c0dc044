from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.notice, name="notice"),
    path("consent/", views.consent, name="consent"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/copy/", views.request_copy, name="request_copy"),
    path("my-data/copy/<uuid:token>/", views.download_copy, name="download_copy"),
    path("close-account/", views.close_account, name="close_account"),
]
