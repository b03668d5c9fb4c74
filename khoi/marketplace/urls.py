from django.urls import path

from . import views

app_name = "marketplace"

urlpatterns = [
    path("", views.search, name="search"),
    path("listings/new/", views.listing_create, name="listing_create"),
    path("listings/<int:pk>/", views.listing_detail, name="listing_detail"),
    path("listings/<int:pk>/edit/", views.listing_edit, name="listing_edit"),
    path("listings/<int:pk>/moderate/", views.listing_moderate, name="listing_moderate"),
    path("moderation/", views.moderation, name="moderation"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("conferences/", views.conference_list, name="conference_list"),
    path("conferences/new/", views.conference_create, name="conference_create"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/register/", views.conference_register, name="conference_register"),
    path("conferences/<int:pk>/schedule/", views.conference_schedule, name="conference_schedule"),
    path("conferences/<int:pk>/tables.pdf", views.table_agenda_pdf, name="table_agenda_pdf"),
    path("conferences/<int:pk>/export.xlsx", views.conference_export, name="conference_export"),
    path(
        "conferences/<int:pk>/participants/<int:participant_pk>/", views.participant_detail, name="participant_detail"
    ),
    path("conferences/<int:pk>/participants/<int:participant_pk>/request/", views.request_send, name="request_send"),
    path(
        "conferences/<int:pk>/participants/<int:participant_pk>/agenda.pdf",
        views.participant_agenda_pdf,
        name="participant_agenda_pdf",
    ),
    path("requests/<int:request_pk>/answer/", views.request_answer, name="request_answer"),
    path("meetings/<int:meeting_pk>/book/", views.meeting_book, name="meeting_book"),
    path("meetings/<int:meeting_pk>/move/", views.meeting_move, name="meeting_move"),
    path("mous/", views.mou_list, name="mou_list"),
    path("mous/new/", views.mou_create, name="mou_create"),
    path("mous/<int:mou_pk>/status/", views.mou_status, name="mou_status"),
]
