"""Contest pages. Views only parse requests and call services/selectors.

- public: landing, entry, the test, the receipt, results (phones masked);
- staff: the Propaganda Board's bank, contests and rounds, entries with phones, statistics, exports.
"""

from .public import (
    attempt,
    attempt_answer,
    attempt_submit,
    entry_start,
    index,
    landing,
    receipt,
    results,
    results_export,
    round_count,
)
from .staff import (
    contest_create,
    contest_export,
    contest_prizes,
    entry_detail,
    manage,
    question_edit,
    question_list,
    question_preview,
    questions_export,
    questions_import,
    round_create,
    round_entries,
    round_statistics,
)

__all__ = [
    "attempt",
    "attempt_answer",
    "attempt_submit",
    "contest_create",
    "contest_export",
    "contest_prizes",
    "entry_detail",
    "entry_start",
    "index",
    "landing",
    "manage",
    "question_edit",
    "question_list",
    "question_preview",
    "questions_export",
    "questions_import",
    "receipt",
    "results",
    "results_export",
    "round_count",
    "round_create",
    "round_entries",
    "round_statistics",
]
