from django.urls import path

from . import views

app_name = "reporting_api"

urlpatterns = [
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("figures/<slug:code>/", views.FigureView.as_view(), name="figure"),
    path("figures/<slug:code>/units/", views.FigureUnitsView.as_view(), name="figure-units"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicators"),
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("rounds/<int:pk>/completeness/", views.RoundCompletenessView.as_view(), name="round-completeness"),
    path("rounds/<int:pk>/approve/", views.RoundBulkApproveView.as_view(), name="round-approve"),
    path("todo/", views.TodoView.as_view(), name="todo"),
    path("submissions/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission"),
    path("submissions/<int:pk>/values/", views.SubmissionValuesView.as_view(), name="submission-values"),
    path("submissions/<int:pk>/submit/", views.SubmissionSubmitView.as_view(), name="submission-submit"),
    path("submissions/<int:pk>/approve/", views.SubmissionApproveView.as_view(), name="submission-approve"),
    path("submissions/<int:pk>/return/", views.SubmissionReturnView.as_view(), name="submission-return"),
    path("submissions/<int:pk>/unlock/", views.SubmissionUnlockView.as_view(), name="submission-unlock"),
    path("submissions/<int:pk>/remind/", views.SubmissionRemindView.as_view(), name="submission-remind"),
]
