from django.urls import path

from . import views

app_name = "contests"

urlpatterns = [
    path("", views.index, name="index"),
    path("c/<slug:slug>/", views.landing, name="landing"),
    path("c/<slug:slug>/results/", views.results, name="results"),
    path("c/<slug:slug>/results.xlsx", views.results_export, name="results_export"),
    path("c/<slug:slug>/r/<int:number>/count/", views.round_count, name="round_count"),
    path("c/<slug:slug>/r/<int:number>/enter/", views.entry_start, name="entry_start"),
    path("t/<str:token>/", views.attempt, name="attempt"),
    path("t/<str:token>/answer/", views.attempt_answer, name="attempt_answer"),
    path("t/<str:token>/submit/", views.attempt_submit, name="attempt_submit"),
    path("t/<str:token>/receipt/", views.receipt, name="receipt"),
    path("manage/", views.manage, name="manage"),
    path("manage/questions/", views.question_list, name="question_list"),
    path("manage/questions/new/", views.question_edit, name="question_create"),
    path("manage/questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("manage/questions/preview/", views.question_preview, name="question_preview"),
    path("manage/questions/export.xlsx", views.questions_export, name="questions_export"),
    path("manage/questions/import/", views.questions_import, name="questions_import"),
    path("manage/rounds/<int:pk>/entries/", views.round_entries, name="round_entries"),
    path("manage/rounds/<int:pk>/statistics/", views.round_statistics, name="round_statistics"),
    path("manage/entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("manage/contests/new/", views.contest_create, name="contest_create"),
    path("manage/contests/<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("manage/contests/<int:pk>/prizes/", views.contest_prizes, name="contest_prizes"),
    path("manage/contests/<int:pk>/export.xlsx", views.contest_export, name="contest_export"),
]
