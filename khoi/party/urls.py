from django.urls import path

from . import views

app_name = "party"

urlpatterns = [
    path("", views.index, name="index"),
    path("home-panel/", views.home_panel, name="home_panel"),
]
