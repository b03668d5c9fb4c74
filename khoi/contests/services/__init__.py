"""Writes of contests. Each writing function is one transaction; bad input raises a clear
ValidationError and nothing is written.

- bank: topics, questions and their import; contests, rounds and prizes;
- entries: the participant's entry (the hot paths: start, autosave, submit, closing).
"""

from .bank import (
    ImportResult,
    QuestionData,
    contest_create,
    prize_set,
    prizes_set,
    question_create,
    question_update,
    question_validate,
    questions_import,
    round_create,
    topic_create,
)
from .entries import (
    MAX_NAME,
    OTHER_UNIT,
    entries_close_expired,
    entry_answers_save,
    entry_finalise_if_expired,
    entry_start,
    entry_submit,
    receipt_code_for,
)

__all__ = [
    "MAX_NAME",
    "OTHER_UNIT",
    "ImportResult",
    "QuestionData",
    "contest_create",
    "entries_close_expired",
    "entry_answers_save",
    "entry_finalise_if_expired",
    "entry_start",
    "entry_submit",
    "prize_set",
    "prizes_set",
    "question_create",
    "question_update",
    "question_validate",
    "questions_import",
    "receipt_code_for",
    "round_create",
    "topic_create",
]
