from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.create, name="create"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("groups/", views.group_list, name="groups"),
    path("groups/<slug:code>/", views.group_detail, name="group_detail"),
    path("groups/<slug:code>/remove/<int:pk>/", views.group_remove, name="group_remove"),
    path("zones/", views.zone_list, name="zones"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/children/", views.children, name="children"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
]
