from django.urls import path

from .views import entry, figures, pages

app_name = "party"

urlpatterns = [
    path("", pages.index, name="index"),
    path("home-panel/", pages.home_panel, name="home_panel"),
    path("due/", pages.due_list, name="due_list"),
    path("due/excel/", pages.due_list_excel, name="due_list_excel"),
    path("figures/<str:figure>/", figures.figure_detail, name="figure_detail"),
    path("people/", pages.person_list, name="person_list"),
    path("people/new/", entry.person_create, name="person_create"),
    path("people/<int:pk>/", pages.person_detail, name="person_detail"),
    path("people/<int:pk>/step/", entry.step_create, name="step_create"),
    path("people/<int:pk>/step/undo/", entry.step_undo, name="step_undo"),
    path("people/<int:pk>/decision/<str:kind>/", pages.person_decision, name="person_decision"),
    path("gradings/new/", entry.grading_organisations, name="grading_organisations"),
    path("gradings/members/new/", entry.grading_members, name="grading_members"),
    path("gradings/<int:pk>/word/", pages.grading_decision, name="grading_decision"),
    path("committees/new/", entry.committee_create, name="committee_create"),
    path("courses/", entry.course_batches, name="course_batches"),
    path("reviews/", entry.review_list, name="review_list"),
    path("reviews/new/", entry.review_create, name="review_create"),
    path("reviews/<int:pk>/done/", entry.review_done, name="review_done"),
    path("discipline/new/", entry.discipline_create, name="discipline_create"),
]
