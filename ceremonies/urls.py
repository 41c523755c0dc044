from django.urls import path

from . import views, views_ceremony

app_name = "ceremonies"
urlpatterns = [
    path("winners/", views.winners_index, name="index"),
    path("winners/<dbint:year>.json", views.winners_json, name="edition_json"),
    path("winners/<dbint:year>/", views.winners_edition, name="edition"),
    path("winners/<dbint:year>/awards/<dbint:pk>/", views.award_detail, name="award"),
    path("ceremony/<dbint:year>/", views_ceremony.ceremony_page, name="ceremony"),
    path("ceremony/<dbint:year>.ics", views_ceremony.ceremony_calendar, name="ceremony_ics"),
    path("editions/<dbint:year>/dates/", views_ceremony.timeline, name="timeline"),
    path("certificates/<str:code>/", views.verify_certificate, name="certificate"),
    path("certificates/<str:code>/pdf/", views.download_certificate, name="certificate_pdf"),
]
