"""History import: our template and committees' summary tables, checked cell by cell, then all or
nothing; the same file twice changes nothing; a corrected file shows its differences first."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from khoi.accounts.models import User
from khoi.core.workbook_read import read_workbook
from khoi.reporting import history_import, history_services
from khoi.reporting.models import (
    FormIndicator,
    HistoryImport,
    Indicator,
    IndicatorValue,
    ReportForm,
    SubmissionEvent,
    SubmissionStatus,
    ValueAudit,
    WindowValue,
)
from khoi.reporting.periods import Period
from khoi.reporting.services import catalogue_install
from khoi.reporting.tests.factories import record
from khoi.units.models import Unit


@pytest.fixture
def catalogue(db: None) -> None:
    catalogue_install()


def fill_template(content: bytes, values: dict[tuple[str, str, str], Any]) -> bytes:
    """Type values into our template: {(unit code, indicator code, period header): value}."""
    book = load_workbook(io.BytesIO(content))
    sheet = book[history_import.TEMPLATE_SHEET]
    heads = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for (unit_code, indicator_code, head), value in values.items():
            if row[0].value == unit_code and row[2].value == indicator_code:
                row[heads.index(head)].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, actor: User | None, *, layout: str = "template", name: str = "lich-su.xlsx"):
    return history_services.history_upload(upload=content, file_name=name, layout=layout, actor=actor)


def test_period_words() -> None:
    assert history_import.period_from_text("6 tháng đầu năm 2024") == Period(2024, "H1")
    assert history_import.period_from_text("Quý III/2023") == Period(2023, "Q", 3)
    assert history_import.period_from_text("Năm 2023") == Period(2023, "Y")
    assert history_import.period_from_text("9 tháng 2024") == Period(2024, "9M")
    assert history_import.period_from_text("Tháng 5 năm 2024") == Period(2024, "M", 5)
    assert history_import.period_from_text("2024-H1") == Period(2024, "H1")
    assert history_import.period_from_text("Ghi chú") is None


def test_template_lists_units_indicators_and_periods_in_words(catalogue: None, unit_a: Unit, unit_b: Unit) -> None:
    content = history_services.history_template(years=[2023, 2024], kinds=["H1", "Y"])
    sheet = read_workbook(content).first
    heads = sheet.rows[0].values
    assert heads[:5] == ("Mã đơn vị", "Tên đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính")
    assert heads[5:] == ("6 tháng đầu năm 2023", "Năm 2023", "6 tháng đầu năm 2024", "Năm 2024")
    units = {row.values[0] for row in sheet.rows[1:]}
    assert units == {unit_a.code, unit_b.code}
    indicators = {row.values[2] for row in sheet.rows[1:]}
    assert "revenue" in indicators and "npl_ratio" not in indicators  # computed ones are never typed


def test_import_writes_approved_values_then_the_same_file_changes_nothing(
    catalogue: None, unit_a: Unit, unit_b: Unit, staff_user: User
) -> None:
    template = history_services.history_template(years=[2023, 2024])
    content = fill_template(
        template,
        {
            (unit_a.code, "revenue", "6 tháng đầu năm 2023"): 100,
            (unit_a.code, "revenue", "6 tháng đầu năm 2024"): "128,7",
            (unit_b.code, "revenue", "Năm 2023"): "1.250",
            (unit_a.code, "workers", "Năm 2023"): 40,
        },
    )
    record_ = upload(content, staff_user)
    preview = history_services.history_preview(record=record_)
    assert preview.ok, preview.problems
    assert preview.new_count == 4 and preview.unchanged == 0
    history_services.history_import_apply(record=record_, digest=preview.digest, actor=staff_user)
    values = IndicatorValue.objects.filter(unit=unit_a, indicator__code="revenue")
    assert {v.period_code: v.value for v in values} == {"2023-H1": Decimal(100), "2024-H1": Decimal("128.7")}
    assert {v.submission.status for v in IndicatorValue.objects.all()} == {SubmissionStatus.APPROVED}
    assert WindowValue.objects.get(unit=unit_b, indicator__code="revenue", window_code="2023-Y").approved_value == 1250
    audits = ValueAudit.objects.filter(source="history")
    assert audits.count() == 4 and {a.changed_by for a in audits} == {staff_user}
    event = SubmissionEvent.objects.filter(action="import").first()
    assert event is not None and "lich-su.xlsx" in event.comment
    record_.refresh_from_db()
    assert record_.status == HistoryImport.Status.IMPORTED and record_.created_count == 4
    assert record_.uploaded_by == staff_user and len(record_.file_hash) == 64

    again = upload(content, staff_user)
    second = history_services.history_preview(record=again)
    assert second.ok and second.changes == [] and second.unchanged == 4
    assert second.previous is not None and second.previous.pk == record_.pk
    history_services.history_import_apply(record=again, digest=second.digest, actor=staff_user)
    assert ValueAudit.objects.filter(source="history").count() == 4  # nothing written
    assert list(HistoryImport.objects.values_list("pk", flat=True)) == [record_.pk]

    corrected = fill_template(content, {(unit_a.code, "revenue", "6 tháng đầu năm 2023"): 110})
    third_record = upload(corrected, staff_user, name="lich-su-sua.xlsx")
    third = history_services.history_preview(record=third_record)
    assert [(c.unit, c.period, c.old, c.new) for c in third.changes] == [
        (unit_a, Period(2023, "H1"), Decimal(100), Decimal(110))
    ]
    with pytest.raises(ValidationError, match=r"changed since the preview|thay đổi"):
        history_services.history_import_apply(record=third_record, digest=second.digest, actor=staff_user)
    history_services.history_import_apply(record=third_record, digest=third.digest, actor=staff_user)
    assert IndicatorValue.objects.get(unit=unit_a, indicator__code="revenue", period_code="2023-H1").value == 110
    assert WindowValue.objects.get(unit=unit_a, indicator__code="revenue", window_code="2023-H1").approved_value == 110


def test_every_problem_is_listed_with_its_cell_and_nothing_is_written(
    catalogue: None, unit_a: Unit, unit_b: Unit, staff_user: User
) -> None:
    monthly = ReportForm.objects.create(code="thang", name="Báo cáo tháng", frequency=ReportForm.Frequency.MONTH)
    FormIndicator.objects.create(form=monthly, indicator=Indicator.objects.get(code="workers"))
    record(unit_b, Indicator.objects.get(code="revenue"), "2024-H1", 5, status=SubmissionStatus.SUBMITTED)
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Mã đơn vị", "Tên đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "6 tháng đầu năm 2024",
                  "Tháng 5 năm 2024", "Quý 5"])  # fmt: skip
    sheet.append(["XX999", "Không có", "revenue", "", "", 1])  # row 2: unknown unit
    sheet.append([unit_a.code, "", "doanh_thu_la", "", "", 1])  # row 3: unknown indicator
    sheet.append([unit_a.code, "", "revenue", "", "", "mười"])  # row 4: text in a number cell
    sheet.append([unit_a.code, "", "revenue", "", "", 12])  # row 5
    sheet.append([unit_a.code, "", "Tổng doanh thu", "", "", 13])  # row 6: the same again, by name
    sheet.append([unit_a.code, "", "workers", "", "", None, 30])  # row 7: a stock at the end of May
    sheet.append([unit_a.code, "", "revenue", "", "", None, 3])  # row 8: revenue is not collected monthly
    sheet.append([unit_a.code, "", "workers", "", "", 10])  # row 9
    sheet.append([unit_a.code, "", "female_workers", "", "", 6])  # row 10: 6 + 6 ≠ 10
    sheet.append([unit_a.code, "", "male_workers", "", "", 6])
    sheet.append([unit_b.code, "", "revenue", "", "", 7])  # row 12: unit B's form is still submitted
    buffer = io.BytesIO()
    book.save(buffer)
    preview = history_services.history_preview(record=upload(buffer.getvalue(), staff_user))
    assert not preview.ok
    where = {problem.where: problem.message for problem in preview.problems}
    assert "Số liệu!H1" in where  # "Quý 5" names no period
    assert "XX999" in where["Số liệu!A2"]
    assert "doanh_thu_la" in where["Số liệu!C3"]
    assert "mười" in where["Số liệu!F4"]
    assert "Số liệu!F5" in where["Số liệu!F6"]  # the duplicate names the first cell
    assert "cuối" in where["Số liệu!G7"] or "report window" in where["Số liệu!G7"]
    assert "Số liệu!G8" in where
    assert "Số liệu!F12" in where
    messages = " ".join(problem.message for problem in preview.problems)
    assert "Lao động nữ" in messages or "female" in messages.lower()
    record_ = HistoryImport.objects.get()
    with pytest.raises(ValidationError, match=r"problems|lỗi"):
        history_services.history_import_apply(record=record_, digest=preview.digest, actor=staff_user)
    assert not IndicatorValue.objects.filter(unit=unit_a).exists()
    assert not ValueAudit.objects.filter(source="history").exists()


def test_summary_tables_with_a_confirmed_mapping(catalogue: None, unit_a: Unit, unit_b: Unit, staff_user: User) -> None:
    book = Workbook()
    first = book.active
    first.title = "6 tháng 2024"
    first.append(["BÁO CÁO TỔNG HỢP 6 THÁNG ĐẦU NĂM 2024"])
    first.append(["STT", "Tên đơn vị", "Tổng doanh thu (tỷ đồng)", "Số lao động", "Ghi chú"])
    first.append([1, unit_a.name, 120, 40])
    first.append([2, unit_b.short_name or unit_b.name, "80,5", 20])
    first.append(["", "Tổng cộng", "200,5", 60])
    second = book.create_sheet("Năm 2023")
    second.append(["Mã đơn vị", "Tên đơn vị", "revenue", "Số lao động"])
    second.append([unit_a.code, "", 210, 38])
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()
    layout = history_import.summary_layout(content)
    assert [(s.title, s.period) for s in layout.sheets] == [
        ("6 tháng 2024", Period(2024, "H1")),
        ("Năm 2023", Period(2023, "Y")),
    ]
    assert layout.headers == ["Tổng doanh thu (tỷ đồng)", "Số lao động", "revenue"]
    assert layout.suggested == {"Tổng doanh thu (tỷ đồng)": "revenue", "revenue": "revenue"}  # "Số lao động" unmatched
    record_ = upload(content, staff_user, layout="summary")
    history_services.history_mapping_save(
        record=record_,
        sheets={"6 tháng 2024": "2024-H1", "Năm 2023": "2023-Y"},
        columns={**layout.suggested, "Số lao động": "workers"},
    )
    preview = history_services.history_preview(record=record_)
    assert preview.ok, preview.problems
    assert preview.new_count == 6  # the total line is not a unit
    history_services.history_import_apply(record=record_, digest=preview.digest, actor=staff_user)
    assert IndicatorValue.objects.get(unit=unit_b, indicator__code="revenue").value == Decimal("80.5")
    assert IndicatorValue.objects.get(unit=unit_a, indicator__code="workers", period_code="2023-Y").value == 38
