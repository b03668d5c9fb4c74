"""Excel files: the question bank template (export and import) and the results workbook.

Reading a file gives plain rows (or row errors in Vietnamese); writing to the database is the
service's job (services.questions_import), which takes every row or none.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models import Difficulty, Question, QuestionKind
from .phones import format_phone

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


def _autosize(sheet: Any, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def questions_workbook(questions: Iterable[Question]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = pgettext("contest", "Questions")
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
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
    _autosize(sheet, [7, 30, 14, 60, 30, 30, 30, 30, 10, 40, 12, 10])
    sheet.freeze_panes = "A2"
    return _to_bytes(workbook)


def questions_read(file: IO[bytes]) -> list[dict[str, Any]]:
    """The rows of an uploaded workbook. A row whose cells cannot be read carries "error" (a
    Vietnamese message); services.questions_import reports it with every other row's errors."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    rows: list[dict[str, Any]] = []
    kinds = _kind_labels()
    difficulties = _difficulty_labels()
    for line, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = [*list(values), *[None] * 12][:12]
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            workbook.close()
            raise ValidationError(_("The file has more than %(max)d questions; split it.") % {"max": MAX_ROWS})
        rows.append(_read_row(line, cells, kinds, difficulties))
    workbook.close()
    return rows


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
    """One sheet per round's ranking, one overall, one by unit. Phones only for those allowed."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    phone_header = pgettext("contest", "Phone")
    for label, rows, true_figure in rounds:
        sheet = workbook.create_sheet(label[:31])
        sheet.append([title])
        sheet.append([_("True figure for the prediction"), true_figure])
        sheet.append(
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
            ]
        )
        for cell in sheet[3]:
            cell.font = Font(bold=True)
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
        _autosize(sheet, [7, 28, 16, 45, 8, 10, 12, 20, 18])
    sheet = workbook.create_sheet(pgettext("contest", "Overall")[:31])
    sheet.append(
        [
            pgettext("contest", "Rank"),
            pgettext("contest", "Full name"),
            phone_header,
            pgettext("contest", "Unit"),
            pgettext("contest", "Rounds"),
            pgettext("contest", "Total score"),
            _("Time taken (s)"),
            pgettext("contest", "Prize"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
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
    _autosize(sheet, [7, 28, 16, 45, 8, 10, 12, 18])
    sheet = workbook.create_sheet(_("By unit")[:31])
    sheet.append(
        [
            pgettext("contest", "Unit"),
            pgettext("contest", "Participants"),
            pgettext("contest", "Entries"),
            pgettext("contest", "Average score"),
            _("Share of workers (%)"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
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
    _autosize(sheet, [50, 12, 10, 14, 18])
    return _to_bytes(workbook)


def _prize_label(kind: str) -> str:
    from .models import PrizeKind

    return str(PrizeKind(kind).label) if kind else ""
