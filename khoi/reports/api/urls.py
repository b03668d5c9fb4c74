from django.urls import path

from . import views

app_name = "reports_api"

urlpatterns = [
    path("bloc-report/", views.BlocReportView.as_view(), name="bloc-report"),
    path("documents/", views.DocumentCreateView.as_view(), name="documents"),
    path("documents/<uuid:job_id>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<uuid:job_id>/file/", views.DocumentFileView.as_view(), name="document-file"),
    path("check/", views.CheckView.as_view(), name="check"),
]
