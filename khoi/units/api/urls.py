from django.urls import path

from . import views

app_name = "units_api"

urlpatterns = [
    path("", views.UnitListView.as_view(), name="list"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="detail"),
    path("<int:pk>/move/", views.UnitMoveView.as_view(), name="move"),
    path("<int:pk>/close/", views.UnitCloseView.as_view(), name="close"),
    path("<int:pk>/reopen/", views.UnitReopenView.as_view(), name="reopen"),
    path("<int:pk>/history/", views.UnitHistoryView.as_view(), name="history"),
    path("groups/", views.GroupListView.as_view(), name="groups"),
    path("groups/<slug:code>/", views.GroupDetailView.as_view(), name="group"),
    path("zones/", views.ZoneListView.as_view(), name="zones"),
    path("sectors/", views.SectorListView.as_view(), name="sectors"),
    path("import/validate/", views.ImportValidateView.as_view(), name="import_validate"),
    path("import/commit/", views.ImportCommitView.as_view(), name="import_commit"),
]
