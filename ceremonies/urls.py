from django.urls import path

from . import views

app_name = "ceremonies"
urlpatterns = [
    path("winners/", views.winners_index, name="index"),
    path("winners/<dbint:year>.json", views.winners_json, name="edition_json"),
    path("winners/<dbint:year>/", views.winners_edition, name="edition"),
    path("winners/<dbint:year>/awards/<dbint:pk>/", views.award_detail, name="award"),
    path("certificates/<str:code>/", views.verify_certificate, name="certificate"),
    path("certificates/<str:code>/pdf/", views.download_certificate, name="certificate_pdf"),
]
