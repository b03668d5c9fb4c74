from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="report"),
    path("export/", views.report_export, name="export"),
    path("jobs/<uuid:job_id>/", views.job_page, name="job"),
    path("jobs/<uuid:job_id>/download/", views.job_download, name="job_download"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("figures/<slug:code>/", views.drilldown_page, name="drilldown"),
    path("check/", views.checker_page, name="checker"),
    path("wording/", views.template_list, name="templates"),
    path("wording/new/", views.template_edit, name="template_new"),
    path("wording/<int:pk>/", views.template_edit, name="template_edit"),
    path("wording/indicators/<slug:code>/", views.style_edit, name="style_edit"),
    path("wording/document/", views.document_settings_edit, name="document_settings"),
]
