"""Excel files: the question bank template (export and import) and the results workbook.

Reading a file gives plain rows (or row errors in Vietnamese); writing to the database is the
service's job (services.questions_import), which takes every row or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from khoi.core.phones import format_phone
from khoi.core.workbook import BOLD, WorkbookWriter
from khoi.core.workbook_read import WorkbookReadError, read_upload

from .models import Difficulty, Question, QuestionKind

MAX_ROWS = 5000


def _headers() -> list[str]:
    return [
        pgettext("contest", "No."),
        pgettext("contest", "Topic"),
        pgettext("contest", "Kind"),
        pgettext("contest", "Question"),
        "A",
        "B",
        "C",
        "D",
        pgettext("contest", "Correct options"),
        pgettext("contest", "Explanation"),
        pgettext("contest", "Difficulty"),
        pgettext("contest", "Active"),
    ]


def _kind_labels() -> dict[str, str]:
    return {str(label).casefold(): value for value, label in QuestionKind.choices} | {
        value: value for value in QuestionKind.values
    }


def _difficulty_labels() -> dict[str, int]:
    labels: dict[str, int] = {str(label).casefold(): int(value) for value, label in Difficulty.choices}
    labels.update({str(int(value)): int(value) for value in Difficulty.values})
    return labels


def _yes_no(value: Any) -> bool | None:
    text = str(value if value is not None else "").strip().casefold()
    if text in ("", "có", "co", "x", "1", "yes", "true", str(pgettext("contest", "Yes")).casefold()):
        return True
    if text in ("không", "khong", "0", "no", "false", str(pgettext("contest", "No")).casefold()):
        return False
    return None


def questions_workbook(questions: Iterable[Question]) -> bytes:
    writer = WorkbookWriter()
    sheet = writer.sheet(pgettext("contest", "Questions"))
    sheet.header(_headers(), style=BOLD)
    for question in questions:
        sheet.append(
            [
                question.pk,
                question.topic.name,
                str(question.get_kind_display()),
                question.text,
                question.option_a,
                question.option_b,
                question.option_c,
                question.option_d,
                ",".join(question.correct),
                question.explanation,
                str(question.get_difficulty_display()),
                str(pgettext("contest", "Yes")) if question.is_active else str(pgettext("contest", "No")),
            ]
        )
    sheet.column_widths([7, 30, 14, 60, 30, 30, 30, 30, 10, 40, 12, 10])
    sheet.freeze("A2")
    return writer.to_bytes()


def questions_read(file: IO[bytes] | bytes) -> list[dict[str, Any]]:
    """The rows of an uploaded workbook. A row whose cells cannot be read carries "error" (a
    Vietnamese message); services.questions_import reports it with every other row's errors.
    The file is read (and refused: too large, encrypted, damaged, too many rows) before any
    transaction opens."""
    try:
        sheet = read_upload(file, max_rows=MAX_ROWS, max_columns=12).first
    except WorkbookReadError as error:
        if error.code == "rows":
            raise ValidationError(
                _("The file has more than %(max)d questions; split it.") % {"max": MAX_ROWS}
            ) from None
        raise ValidationError(error.message) from None
    kinds = _kind_labels()
    difficulties = _difficulty_labels()
    return [
        _read_row(row.number, [*row.values, *[None] * 12][:12], kinds, difficulties)
        for row in sheet.rows
        if row.number >= 2
    ]


def _read_row(line: int, cells: list[Any], kinds: dict[str, str], difficulties: dict[str, int]) -> dict[str, Any]:
    number, topic, kind, text, a, b, c, d, correct, explanation, difficulty, active = cells
    row: dict[str, Any] = {"line": line}
    if number not in (None, ""):
        try:
            row["id"] = int(str(number).strip())
        except ValueError:
            return row | {"error": _("the number “%(value)s” is not a whole number.") % {"value": number}}
    correct_text = str(correct or "").replace(",", "").replace(" ", "").strip().upper()
    kind_value = kinds.get(str(kind or "").strip().casefold())
    if kind_value is None:
        if kind not in (None, ""):
            return row | {
                "error": _("the kind “%(value)s” is neither “%(single)s” nor “%(multiple)s”.")
                % {"value": kind, "single": QuestionKind.SINGLE.label, "multiple": QuestionKind.MULTIPLE.label}
            }
        kind_value = QuestionKind.MULTIPLE if len(correct_text) > 1 else QuestionKind.SINGLE
    difficulty_value: int | None = int(Difficulty.MEDIUM)
    if difficulty not in (None, ""):
        difficulty_value = difficulties.get(str(difficulty).strip().casefold())
        if difficulty_value is None:
            return row | {"error": _("the difficulty “%(value)s” is not easy, medium or hard.") % {"value": difficulty}}
    active_value = _yes_no(active)
    if active_value is None:
        return row | {"error": _("write “Có” or “Không” in the Active column.")}
    return row | {
        "topic": str(topic or "").strip(),
        "kind": kind_value,
        "text": str(text or "").strip(),
        "options": [str(option if option is not None else "").strip() for option in (a, b, c, d)],
        "correct": correct_text,
        "explanation": str(explanation or "").strip(),
        "difficulty": difficulty_value,
        "is_active": active_value,
    }


def results_workbook(
    *,
    title: str,
    rounds: Sequence[tuple[str, Sequence[Any], int]],
    overall: Sequence[Any],
    units: Sequence[Any],
    with_phones: bool,
) -> bytes:
    """One sheet per round's ranking, one overall, one by unit. Phones only for those allowed.
    Names and units are participants' own text: the writer keeps them text, never formulas."""
    writer = WorkbookWriter()
    phone_header = pgettext("contest", "Phone")
    for label, rows, true_figure in rounds:
        sheet = writer.sheet(label)
        sheet.append([title])
        sheet.append([_("True figure for the prediction"), true_figure])
        sheet.header(
            [
                pgettext("contest", "Rank"),
                pgettext("contest", "Full name"),
                phone_header,
                pgettext("contest", "Unit"),
                pgettext("contest", "Score"),
                pgettext("contest", "Prediction"),
                _("Time taken (s)"),
                pgettext("contest", "Submitted at"),
                pgettext("contest", "Prize"),
            ],
            style=BOLD,
        )
        for row in rows:
            sheet.append(
                [
                    row.position,
                    row.name,
                    format_phone(row.phone) if with_phones else row.masked_phone,
                    row.unit_name,
                    row.score,
                    row.prediction,
                    round(row.time_taken_ms / 1000, 1),
                    timezone.localtime(row.submitted_at).replace(tzinfo=None),
                    str(_prize_label(row.prize)),
                ]
            )
        sheet.column_widths([7, 28, 16, 45, 8, 10, 12, 20, 18])
    sheet = writer.sheet(pgettext("contest", "Overall"))
    sheet.header(
        [
            pgettext("contest", "Rank"),
            pgettext("contest", "Full name"),
            phone_header,
            pgettext("contest", "Unit"),
            pgettext("contest", "Rounds"),
            pgettext("contest", "Total score"),
            _("Time taken (s)"),
            pgettext("contest", "Prize"),
        ],
        style=BOLD,
    )
    for row in overall:
        sheet.append(
            [
                row.position,
                row.name,
                format_phone(row.phone) if with_phones else row.masked_phone,
                row.unit_name,
                row.rounds,
                row.score,
                round(row.time_taken_ms / 1000, 1),
                str(_prize_label(row.prize)),
            ]
        )
    sheet.column_widths([7, 28, 16, 45, 8, 10, 12, 18])
    sheet = writer.sheet(_("By unit"))
    sheet.header(
        [
            pgettext("contest", "Unit"),
            pgettext("contest", "Participants"),
            pgettext("contest", "Entries"),
            pgettext("contest", "Average score"),
            _("Share of workers (%)"),
        ],
        style=BOLD,
    )
    for unit in units:
        share = unit.share_of_workers
        sheet.append(
            [
                unit.unit_name or str(pgettext("contest", "Other units")),
                unit.participants,
                unit.entries,
                round(unit.average_score, 2) if unit.average_score is not None else None,
                round(share, 1) if share is not None else None,
            ]
        )
    sheet.column_widths([50, 12, 10, 14, 18])
    return writer.to_bytes()


def _prize_label(kind: str) -> str:
    from .models import PrizeKind

    return str(PrizeKind(kind).label) if kind else ""
