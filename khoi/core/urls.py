from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("export/", views.export, name="export"),
    path("export/<uuid:job_id>/", views.export_job, name="export_job"),
    path("export/<uuid:job_id>/download/", views.export_download, name="export_download"),
]
