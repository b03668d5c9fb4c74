"""Writes of Party building. Each function is one transaction; bad input raises a ValidationError
naming the field, in the active language (Vietnamese by default), and nothing is written.

By concern: `people` (candidates, secretaries, course batches), `admission` (the steps and undoing
the last), `boards` (grading, committee changes, inspection, discipline), `common` (names,
decisions)."""

from __future__ import annotations

from .admission import StepInput, step_record, step_undo
from .boards import (
    GradingResult,
    committee_change_record,
    discipline_record,
    grading_record,
    review_mark_done,
    review_record,
)
from .common import ADULT_AGE_YEARS, EARLIEST_BIRTH, number_key
from .people import course_batch_create, person_create, person_read_log, secretary_assign

__all__ = [
    "ADULT_AGE_YEARS",
    "EARLIEST_BIRTH",
    "GradingResult",
    "StepInput",
    "committee_change_record",
    "course_batch_create",
    "discipline_record",
    "grading_record",
    "number_key",
    "person_create",
    "person_read_log",
    "review_mark_done",
    "review_record",
    "secretary_assign",
    "step_record",
    "step_undo",
]
