"""History import, the writes: the template we give, the upload kept for its preview, and the
all-or-nothing import of a checked file (khoi.reporting.history_import reads and checks).

Imported values are approved values: each goes into a closed round of the form that collects
its indicator for its period (one per form and period, opened here when missing) and an approved
submission of its unit, with a ``ValueAudit`` row (source "history") and a ``SubmissionEvent``
("import") naming the file; the ``HistoryImport`` row keeps who, when, the file and its SHA-256.
A value already approved with the same figure is left alone, so re-importing a file writes
nothing; a corrected file changes only the values that differ, after its preview listed them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.text import clean_text
from khoi.core.workbook import BOLD, TEXT_FORMAT, Style, WorkbookWriter
from khoi.core.workbook_read import upload_content
from khoi.units.models import BASE_KINDS

from . import history_import
from .history_import import Change, Preview
from .models import (
    HistoryImport,
    IndicatorValue,
    ReportForm,
    ReportingRound,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    ValueAudit,
)
from .periods import Period

SOURCE = "history"
TEMPLATE_KINDS = ("Q", "H1", "9M", "Y")


def template_periods(*, years: Iterable[int], kinds: Iterable[str]) -> list[Period]:
    chosen = set(kinds)
    periods = []
    for year in sorted(set(years)):
        if "Q" in chosen:
            periods += [Period(year, "Q", q) for q in range(1, 5)]
        periods += [Period(year, kind) for kind in ("H1", "9M", "Y") if kind in chosen]
    return periods


def history_template(*, years: Iterable[int], kinds: Iterable[str] = ("H1", "Y")) -> bytes:
    """Our workbook: a row per active unit × typed indicator it reports, a column per period the
    catalogue collects (in words); a second sheet explains how to fill it in."""
    periods = template_periods(years=years, kinds=kinds)
    catalogue = history_import.Catalogue()
    first, last = (periods[0].start, periods[-1].end) if periods else (timezone.localdate(),) * 2
    units = [
        u
        for u in sorted(catalogue.units, key=lambda u: u.code)
        if u.kind in BASE_KINDS and u.joined_on <= last and (u.left_on is None or u.left_on >= first)
    ]
    indicators = [i for i in catalogue.indicators if not i.is_computed and catalogue.kinds.get(i.pk)]
    writer = WorkbookWriter()
    sheet = writer.sheet(history_import.TEMPLATE_SHEET)
    heads = [
        history_import.HEAD_UNIT_CODE,
        history_import.HEAD_UNIT_NAME,
        history_import.HEAD_INDICATOR_CODE,
        history_import.HEAD_INDICATOR_NAME,
        history_import.HEAD_MEASURE,
    ]
    sheet.header([*heads, *(period.label_vi.capitalize() for period in periods)])
    text = [TEXT_FORMAT] * len(heads)
    for unit in units:
        for indicator in indicators:
            if not catalogue.applies(indicator, unit):
                continue
            sheet.append([unit.code, unit.name, indicator.code, indicator.name, indicator.unit_label], formats=text)
    sheet.column_widths([12, 48, 22, 40, 14, *([16] * len(periods))])
    sheet.freeze("F2")
    guide = writer.sheet("Hướng dẫn")
    guide.title_row("Nhập số liệu các kỳ trước")
    for line in (
        "Mỗi dòng là một chỉ tiêu của một đơn vị; mỗi cột từ cột F là một kỳ "
        "(ghi bằng chữ, ví dụ “6 tháng đầu năm 2024”).",
        "Ghi số như trên báo cáo: 14.167 hoặc 975,9. Để trống nếu không có số liệu.",
        "Chỉ tiêu thời điểm (lao động, đảng viên…) ghi số cuối kỳ.",
        "Có thể thêm hoặc bớt cột kỳ; không đổi tên các cột A–E.",
        "Tải tệp lên trang “Nhập số liệu lịch sử”: hệ thống kiểm tra từng ô và chỉ ghi khi không còn lỗi.",
    ):
        guide.append([line])
    guide.append([])
    guide.append(["Chỉ tiêu", "Đơn vị tính", "Loại", "Số chữ số thập phân"], style=BOLD)
    for indicator in indicators:
        kind = "thời điểm (cuối kỳ)" if indicator.time_aggregation == "stock" else "cộng dồn trong kỳ"
        guide.append([indicator.name, indicator.unit_label, kind, indicator.decimals], style=Style())
    guide.column_widths([60, 14, 22, 12])
    return writer.to_bytes()


def history_upload(*, upload: Any, file_name: str, layout: str, actor: User | None) -> HistoryImport:
    """Keep an uploaded file for its preview (read through khoi.core.workbook_read's limits)."""
    if layout not in HistoryImport.Layout.values:
        raise ValidationError({"layout": _("Choose the layout of the file.")})
    content = upload_content(upload)
    return HistoryImport.objects.create(
        file_name=clean_text(file_name, multiline=False)[:255] or "tep.xlsx",
        file_hash=hashlib.sha256(content).hexdigest(),
        layout=layout,
        content=content,
        uploaded_by=actor,
    )


def history_mapping_save(*, record: HistoryImport, sheets: dict[str, str], columns: dict[str, str]) -> HistoryImport:
    """The summary layout's matching as the user confirmed it."""
    if record.status != HistoryImport.Status.PREVIEW:
        raise ValidationError(_("This file was already imported."))
    record.mapping = {"sheets": sheets, "columns": columns}
    record.save(update_fields=["mapping"])
    return record


def history_preview(*, record: HistoryImport) -> Preview:
    return history_import.read_history(
        content=bytes(record.content), file_name=record.file_name, layout=record.layout, mapping=record.mapping
    )


def _history_round(form: ReportForm, period: Period, actor: User | None) -> ReportingRound:
    round_, _created = ReportingRound.objects.get_or_create(
        form=form,
        period_code=str(period),
        defaults={"deadline": period.end, "status": ReportingRound.Status.CLOSED, "opened_by": actor},
    )
    return round_


@transaction.atomic
def history_import_apply(*, record: HistoryImport, digest: str, actor: User | None) -> HistoryImport:
    """Write the previewed file: all of it or nothing. Refused while the file has problems, or when
    what it would write is no longer what the preview showed (`digest`)."""
    record = HistoryImport.objects.select_for_update().get(pk=record.pk)
    if record.status != HistoryImport.Status.PREVIEW:
        raise ValidationError(_("This file was already imported."))
    preview = history_preview(record=record)
    if not preview.ok:
        raise ValidationError(_("The file still has problems: fix them and upload it again."))
    if preview.digest != digest:
        raise ValidationError(_("The figures changed since the preview: look at the new preview before importing."))
    if not preview.changes:  # the same file again: nothing is written, not even a record
        record.unchanged_count = preview.unchanged
        record.delete()
        return record
    catalogue_forms = history_import.Catalogue().form_for
    touched: dict[int, set[int]] = defaultdict(set)
    submissions: dict[tuple[int, int], Submission] = {}
    events: set[int] = set()
    audits: list[ValueAudit] = []
    now = timezone.now()
    for change in preview.changes:
        submission = _apply_change(change, catalogue_forms, submissions, actor, now)
        audits.append(
            ValueAudit(
                unit=change.unit,
                indicator=change.indicator,
                submission=submission,
                period_code=str(change.period),
                old_value=change.old,
                new_value=change.new,
                submission_status=SubmissionStatus.APPROVED,
                source=SOURCE,
                changed_by=actor,
            )
        )
        touched[change.unit.pk].add(change.period.year)
        if submission.pk not in events:
            events.add(submission.pk)
            SubmissionEvent.objects.create(
                submission=submission,
                action="import",
                from_status=SubmissionStatus.APPROVED,
                to_status=SubmissionStatus.APPROVED,
                comment=f"{record.file_name} (SHA-256 {record.file_hash[:16]}…)",
                actor=actor,
            )
    ValueAudit.objects.bulk_create(audits)
    from .services import window_values_refresh

    for unit_id, years in touched.items():
        window_values_refresh(unit_ids=[unit_id], years=years)
    record.status = HistoryImport.Status.IMPORTED
    record.imported_at = now
    record.created_count = preview.new_count
    record.changed_count = len(preview.changed)
    record.unchanged_count = preview.unchanged
    record.save(update_fields=["status", "imported_at", "created_count", "changed_count", "unchanged_count"])
    return record


def _apply_change(
    change: Change,
    forms: dict[tuple[int, str], ReportForm],
    submissions: dict[tuple[int, int], Submission],
    actor: User | None,
    now: dt.datetime,
) -> Submission:
    period, unit, indicator = change.period, change.unit, change.indicator
    if change.old is not None:
        value = IndicatorValue.objects.select_related("submission").get(
            unit=unit, indicator=indicator, period_code=str(period)
        )
        value.value = change.new
        value.save(update_fields=["value", "updated_at"])
        return value.submission
    round_ = _history_round(forms[(indicator.pk, period.kind)], period, actor)
    submission = submissions.get((round_.pk, unit.pk))
    if submission is None:
        submission, created = Submission.objects.get_or_create(
            reporting_round=round_,
            unit=unit,
            defaults={"status": SubmissionStatus.APPROVED, "submitted_at": now, "approved_at": now},
        )
        if not created and submission.status != SubmissionStatus.APPROVED:
            raise ValidationError(
                _("%(unit)s's form for %(period)s is in progress: finish it before importing.")
                % {"unit": unit.short_name or unit.name, "period": period.label}
            )
        submissions[(round_.pk, unit.pk)] = submission
    IndicatorValue.objects.create(
        submission=submission,
        unit=unit,
        indicator=indicator,
        period_code=str(period),
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        months=period.month_count,
        value=change.new,
    )
    return submission
