from django.urls import path

from . import views

app_name = "contests_api"

urlpatterns = [
    path("rounds/<int:pk>/", views.RoundPublicView.as_view(), name="round"),
    path("rounds/<int:pk>/entries/", views.EntryStartView.as_view(), name="entry_start"),
    path("rounds/<int:pk>/ranking/", views.RoundRankingView.as_view(), name="round_ranking"),
    path("rounds/<int:pk>/item-statistics/", views.RoundItemStatisticsView.as_view(), name="round_item_statistics"),
]

# Autosave and submit, the busiest addresses: also served by the contests pool (config.urls_contests).
entry_urlpatterns = [
    path("entries/<str:token>/answers/", views.EntryAnswersView.as_view(), name="entry_answers"),
    path("entries/<str:token>/submit/", views.EntrySubmitView.as_view(), name="entry_submit"),
]
urlpatterns += entry_urlpatterns
