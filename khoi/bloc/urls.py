from django.urls import path

from . import views

app_name = "bloc"

urlpatterns = [
    path("", views.setup, name="setup"),
    path("logo/", views.logo, name="logo"),
]
