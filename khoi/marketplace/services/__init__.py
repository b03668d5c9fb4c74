"""Writes of the marketplace. Each function is one transaction; bad input raises a ValidationError
naming the field, and nothing is written.

- listings: enterprises, offers and needs (and the small checks the others share);
- conferences: connection conferences, participants, meeting requests, slots and the schedule;
- memoranda: MoUs and their status records.
"""

from .conferences import (
    conference_close,
    conference_create,
    conference_schedule,
    meeting_book,
    meeting_lock,
    meeting_move,
    meeting_request_answer,
    meeting_request_send,
    meeting_requests_expire,
    participant_register,
    participant_register_outside,
    participant_set_availability,
)
from .listings import (
    LISTING_FIELDS,
    clean_phone,
    enterprise_for_unit,
    enterprise_register_outside,
    listing_create,
    listing_moderate,
    listing_update,
    search_words_add,
)
from .memoranda import (
    mou_create,
    mou_record_status,
)

__all__ = [
    "LISTING_FIELDS",
    "clean_phone",
    "conference_close",
    "conference_create",
    "conference_schedule",
    "enterprise_for_unit",
    "enterprise_register_outside",
    "listing_create",
    "listing_moderate",
    "listing_update",
    "meeting_book",
    "meeting_lock",
    "meeting_move",
    "meeting_request_answer",
    "meeting_request_send",
    "meeting_requests_expire",
    "mou_create",
    "mou_record_status",
    "participant_register",
    "participant_register_outside",
    "participant_set_availability",
    "search_words_add",
]
