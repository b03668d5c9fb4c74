import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from khoi.units import register_excel, register_export, selectors, services
from khoi.units.models import Unit, UnitChange, Zone, ZoneKind
from khoi.units.tests.conftest import make_workbook
from khoi.units.tests.factories import valid_tax_code


def _row(code, **fields):
    row = {
        "code": code,
        "name": f"Chi bộ Công ty {code}",
        "kind": "Chi bộ cơ sở",
        "parent_code": "BLOC",
        "tax_code": valid_tax_code(int(code[-3:]) + 500),
        "ownership": "Doanh nghiệp ngoài nhà nước",
        "sector": "64",
        "joined_on": dt.datetime(2015, 3, 1),
    }
    row.update(fields)
    return row


def _check(content):
    return register_excel.check_workbook(content, selectors.register_import_context())


def test_a_valid_file_is_imported_whole_with_paths_and_history(bloc, staff_user):
    content = make_workbook(
        [
            _row("N001", kind="Đảng bộ cơ sở", registered_capital="50.000"),
            _row("N002", kind="Chi bộ trực thuộc", parent_code="N001", tax_code=None),
            _row("N003", joined_on="01/02/2016", left_on="31/12/2022"),
        ]
    )
    created = services.unit_import(content=content, actor=staff_user)
    assert {unit.code for unit in created} == {"N001", "N002", "N003"}
    committee = Unit.objects.get(code="N001")
    cell = Unit.objects.get(code="N002")
    assert cell.path == f"{committee.path}{cell.pk}/" and cell.depth == 2
    assert committee.registered_capital == 50000
    assert Unit.objects.get(code="N003").left_on == dt.date(2022, 12, 31)
    assert UnitChange.objects.filter(action="import", changed_by=staff_user).count() == 3
    assert selectors.unit_search(query="cong ty n001").get() == committee


def test_one_broken_row_in_the_middle_means_nothing_is_written(bloc):
    before = Unit.objects.count()
    content = make_workbook([_row("N001"), _row("N002", tax_code="0100233480"), _row("N003")])
    with pytest.raises(ValidationError) as error:
        services.unit_import(content=content, actor=None)
    assert Unit.objects.count() == before
    assert not UnitChange.objects.filter(action="import").exists()
    assert "Dòng 3, Mã số thuế" in error.value.messages[0]


def test_every_kind_of_bad_row_gets_its_own_vietnamese_error(bloc, unit_a):
    Zone.objects.create(name="KCN Đình Vũ", kind=ZoneKind.INDUSTRIAL_PARK)
    rows = [
        _row("N001", tax_code="0100233480"),  # 2: bad check digit
        _row("N002", parent_code="KHONGCO"),  # 3: unknown parent
        _row("N003"),  # 4: fine
        _row("N003"),  # 5: code repeated in the file
        _row(unit_a.code),  # 6: code already in the register
        _row("N006", tax_code=unit_a.tax_code),  # 7: tax code already in the register
        _row("N007", name=None),  # 8: missing name
        _row("N008", kind="Chi đoàn"),  # 9: unknown kind
        _row("N009", ownership="Tư nhân nước ngoài"),  # 10: unknown ownership
        _row("N010", sector="04"),  # 11: unknown sector
        _row("N011", zone="KCN Mặt Trăng"),  # 12: unknown zone
        _row("N012", joined_on="31/02/2020"),  # 13: impossible date
        _row("N013", kind="Chi bộ trực thuộc", tax_code=None),  # 14: subordinate cell under the bloc
        _row("N014", zone="kcn dinh vu", tax_code=valid_tax_code(4)),  # 15: fine (accent-free zone name)
        _row("N015", tax_code=valid_tax_code(4)),  # 16: tax code repeated in the file
    ]
    result = _check(make_workbook(rows))
    by_row = {row: [(e.column, e.message) for e in errors] for row, errors in result.errors_by_row().items()}
    assert "chữ số kiểm tra" in by_row[2][0][1]
    assert by_row[3] == [("parent_code", by_row[3][0][1])] and "KHONGCO" in by_row[3][0][1]
    assert 4 not in by_row and 15 not in by_row
    assert "dòng 4" in by_row[5][0][1]
    assert "đã có trong danh sách" in by_row[6][0][1]
    assert by_row[7][0][0] == "tax_code"
    assert by_row[8] == [("name", "Phải có “Tên đơn vị”.")]
    assert by_row[9][0][0] == "kind"
    assert by_row[10][0][0] == "ownership"
    assert by_row[11][0][0] == "sector"
    assert by_row[12][0][0] == "zone"
    assert by_row[13][0][0] == "joined_on"
    assert by_row[14][0][0] == "parent_code"
    assert by_row[16][0][0] == "tax_code" and "dòng 15" in by_row[16][0][1]
    assert not result.is_valid


def test_a_file_that_is_not_a_workbook_is_refused_clearly(db):
    result = _check(b"not an excel file")
    assert result.errors[0].message == "Tệp không phải là bảng tính Excel (.xlsx) hoặc đã bị hỏng."


def test_a_header_row_without_required_columns_is_refused(db):
    result = _check(make_workbook([], headers=["Mã đơn vị", "Tên đơn vị"]))
    assert result.errors[0].row == 1
    assert "Loại tổ chức đảng" in result.errors[0].message


def test_the_template_has_the_vietnamese_header_row_and_reads_back_empty(db):
    content = register_export.build_template()
    result = _check(content)
    assert [e.message for e in result.errors] == ["Tệp không có dòng đơn vị nào dưới dòng tiêu đề."]


def test_export_then_import_into_an_empty_register_gives_the_same_register(demo):
    units = Unit.objects.select_related("parent", "sector", "zone").order_by("path")
    exported = register_export.build_workbook(units)
    before = [register_export.unit_row_values(unit) for unit in units.order_by("code")]
    # Empty the register (people's accounts and groups refer to units), then import the file.
    from khoi.accounts.models import User
    from khoi.units.models import UnitGroup

    User.objects.filter(unit__isnull=False).delete()
    UnitGroup.objects.all().delete()
    UnitChange.objects.all().delete()
    for depth in (2, 1, 0):
        Unit.objects.filter(depth=depth).delete()
    assert not Unit.objects.exists()

    created = services.unit_import(content=exported, actor=None)
    assert len(created) == len(before) == 126
    after = [
        register_export.unit_row_values(unit)
        for unit in Unit.objects.select_related("parent", "sector", "zone").order_by("code")
    ]
    assert after == before
    assert selectors.unit_list_active_on(on_date=dt.date(2024, 6, 30)).count() == 93


def test_a_workbook_with_english_headers_is_read_too(bloc):
    from django.utils import translation

    from khoi.units.register_excel import COLUMNS

    with translation.override("en"):
        headers = [str(column.header) for column in COLUMNS]
    content = make_workbook([_row("E001")], headers=headers)
    result = _check(content)
    assert result.is_valid, result.errors
    assert result.rows[0].kind == "base_cell"


def test_a_manager_downloads_the_template_and_the_export(manager_client, bloc, unit_a):
    template = manager_client.get("/units/import/template.xlsx")
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    exported = manager_client.get("/units/export.xlsx", {"as_of": "2021-06-30"})
    result = register_excel.read_workbook(exported.content)
    assert [record["code"] for _row_number, record in result[0]] == ["BLOC", unit_a.code]
