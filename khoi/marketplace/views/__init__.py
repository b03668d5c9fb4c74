"""Marketplace pages: thin callers of services and selectors, checked through the permission layer.

- listings: search, offers and needs, matches;
- conferences: connection conferences, participants, requests, meetings and the schedule;
- memoranda: MoUs and the inter-use figure.
"""

from .conferences import (
    conference_create,
    conference_detail,
    conference_export,
    conference_list,
    conference_register,
    conference_schedule,
    meeting_book,
    meeting_move,
    participant_agenda_pdf,
    participant_detail,
    request_answer,
    request_send,
    table_agenda_pdf,
)
from .listings import (
    enterprise_create,
    listing_create,
    listing_detail,
    listing_edit,
    listing_moderate,
    moderation,
    search,
    suggestions,
)
from .memoranda import (
    mou_create,
    mou_list,
    mou_status,
)

__all__ = [
    "conference_create",
    "conference_detail",
    "conference_export",
    "conference_list",
    "conference_register",
    "conference_schedule",
    "enterprise_create",
    "listing_create",
    "listing_detail",
    "listing_edit",
    "listing_moderate",
    "meeting_book",
    "meeting_move",
    "moderation",
    "mou_create",
    "mou_list",
    "mou_status",
    "participant_agenda_pdf",
    "participant_detail",
    "request_answer",
    "request_send",
    "search",
    "suggestions",
    "table_agenda_pdf",
]
