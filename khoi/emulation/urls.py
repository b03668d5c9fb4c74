from django.urls import path

from . import views

app_name = "emulation"

urlpatterns = [
    path("", views.index, name="index"),
    path("blocs/<int:pk>/", views.bloc_detail, name="bloc_detail"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("agreements/<int:pk>/propose/", views.propose, name="propose"),
    path("scorecards/<int:pk>/", views.scorecard, name="scorecard"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("forms/", views.form_catalogue, name="forms"),
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/submit/", views.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/review/", views.proposal_review, name="proposal_review"),
    path("proposals/<int:pk>/word/", views.proposal_word, name="proposal_word"),
    path("proposals/<int:pk>/excel/", views.proposal_excel, name="proposal_excel"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/word/", views.decision_word, name="decision_word"),
    path("decisions/<int:pk>/excel/", views.decision_excel, name="decision_excel"),
    path("decisions/<int:pk>/certificates/", views.certificates, name="certificates"),
    path("history/units/<int:pk>/", views.unit_history, name="unit_history"),
    path("history/organisations/<int:pk>/", views.organisation_history, name="organisation_history"),
    path("history/people/<int:pk>/", views.person_history, name="person_history"),
    path("counts/", views.counts, name="counts"),
]
