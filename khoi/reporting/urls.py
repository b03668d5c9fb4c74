from django.urls import path

from . import catalogue_views, history_views, submission_views, views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("home-panel/", views.home_panel, name="home_panel"),
    path("overview/", views.overview, name="overview"),
    path("overview/<slug:code>/", views.drilldown, name="drilldown"),
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/approve/", views.round_bulk_approve, name="round_bulk_approve"),
    path("rounds/<int:pk>/remind/", views.round_remind_all, name="round_remind_all"),
    path("submissions/<int:pk>/", submission_views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/excel/", submission_views.submission_excel, name="submission_excel"),
    path("submissions/<int:pk>/remind/", views.submission_remind, name="submission_remind"),
    path("submissions/<int:pk>/<slug:action>/", submission_views.submission_action, name="submission_action"),
    path("audit/", views.audit_list, name="audit"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/new/", views.rule_edit, name="rule_create"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("plans/", views.plan_list, name="plans"),
    path("notices/", views.notice_list, name="notices"),
    path("catalogue/", catalogue_views.catalogue_home, name="catalogue"),
    path("catalogue/standard/", catalogue_views.standard_add, name="catalogue_standard"),
    path("catalogue/indicators/new/", catalogue_views.indicator_edit, name="indicator_create"),
    path("catalogue/indicators/<int:pk>/", catalogue_views.indicator_edit, name="indicator_edit"),
    path("catalogue/forms/new/", catalogue_views.report_form_edit, name="report_form_create"),
    path("catalogue/forms/<int:pk>/", catalogue_views.report_form_edit, name="report_form_edit"),
    path("history/", history_views.history_home, name="history"),
    path("history/template/", history_views.history_template, name="history_template"),
    path("history/<int:pk>/mapping/", history_views.history_mapping, name="history_mapping"),
    path("history/<int:pk>/", history_views.history_preview, name="history_preview"),
    path("history/<int:pk>/import/", history_views.history_apply, name="history_apply"),
]
