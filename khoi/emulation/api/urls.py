from django.urls import path

from . import views

app_name = "emulation_api"

urlpatterns = [
    path("blocs/", views.BlocListView.as_view(), name="blocs"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path("agreements/<int:pk>/ranking/", views.RankingView.as_view(), name="ranking"),
    path("agreements/<int:pk>/propose/", views.ProposeView.as_view(), name="propose"),
    path("scorecards/<int:pk>/<str:side>/", views.ScoresView.as_view(), name="scores"),
    path("forms/", views.FormListView.as_view(), name="forms"),
    path("proposals/", views.ProposalListView.as_view(), name="proposals"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal"),
    path("proposals/<int:pk>/submit/", views.ProposalSubmitView.as_view(), name="proposal_submit"),
    path("proposals/<int:pk>/review/", views.ProposalReviewView.as_view(), name="proposal_review"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision"),
    path("history/units/<int:pk>/", views.UnitHistoryView.as_view(), name="unit_history"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("counts/", views.CountsView.as_view(), name="counts"),
]
