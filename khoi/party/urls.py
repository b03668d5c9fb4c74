from django.urls import path

from . import views

app_name = "party"

urlpatterns = [
    path("", views.index, name="index"),
    path("home-panel/", views.home_panel, name="home_panel"),
    path("due/", views.due_list, name="due_list"),
    path("due/excel/", views.due_list_excel, name="due_list_excel"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/decision/<str:kind>/", views.person_decision, name="person_decision"),
    path("gradings/<int:pk>/word/", views.grading_decision, name="grading_decision"),
]
