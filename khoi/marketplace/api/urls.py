from django.urls import path

from . import views

app_name = "marketplace_api"

urlpatterns = [
    path("categories/", views.CategoryListView.as_view(), name="categories"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("listings/", views.ListingListView.as_view(), name="listings"),
    path("listings/<int:pk>/", views.ListingDetailView.as_view(), name="listing"),
    path("listings/<int:pk>/moderate/", views.ListingModerateView.as_view(), name="listing_moderate"),
    path("listings/<int:pk>/matches/", views.ListingMatchesView.as_view(), name="listing_matches"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprises"),
    path("conferences/", views.ConferenceListView.as_view(), name="conferences"),
    path("conferences/<int:pk>/", views.ConferenceDetailView.as_view(), name="conference"),
    path("conferences/<int:pk>/participants/", views.ParticipantListView.as_view(), name="participants"),
    path("conferences/<int:pk>/meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("conferences/<int:pk>/schedule/", views.ConferenceScheduleView.as_view(), name="schedule"),
    path("participants/<int:pk>/", views.ParticipantDetailView.as_view(), name="participant"),
    path(
        "participants/<int:pk>/availability/",
        views.ParticipantAvailabilityView.as_view(),
        name="participant_availability",
    ),
    path("participants/<int:pk>/agenda/", views.ParticipantAgendaView.as_view(), name="participant_agenda"),
    path("participants/<int:pk>/requests/", views.ParticipantRequestsView.as_view(), name="participant_requests"),
    path("requests/", views.RequestSendView.as_view(), name="request_send"),
    path("requests/<int:pk>/answer/", views.RequestAnswerView.as_view(), name="request_answer"),
    path("meetings/<int:pk>/book/", views.MeetingBookView.as_view(), name="meeting_book"),
    path("meetings/<int:pk>/move/", views.MeetingMoveView.as_view(), name="meeting_move"),
    path("meetings/<int:pk>/lock/", views.MeetingLockView.as_view(), name="meeting_lock"),
    path("mous/", views.MouListView.as_view(), name="mous"),
    path("mous/<int:pk>/status/", views.MouStatusView.as_view(), name="mou_status"),
    path("inter-use/", views.InterUseView.as_view(), name="inter_use"),
]
