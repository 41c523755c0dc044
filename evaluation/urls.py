from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("assignments/<dbint:pk>/", views.review, name="review"),
    path("assignments/<dbint:pk>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("invitations/<uuid:token>/", views.accept_invitation, name="accept_invitation"),
]
