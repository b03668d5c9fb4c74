"""The register's pages: what each role sees and may do."""

import datetime as dt

import pytest
from django.test import Client

from khoi.units.models import Unit, UnitChange, UnitGroup, Zone
from khoi.units.tests.conftest import make_workbook
from khoi.units.tests.factories import make_unit, valid_tax_code


def test_the_tree_shows_the_bloc_and_its_units_with_counts_per_kind(staff_client, unit_a, unit_b):
    page = staff_client.get("/units/").content.decode()
    assert "Đảng bộ Khối Doanh nghiệp thử nghiệm" in page
    assert unit_a.name in page and unit_b.name in page
    assert "Đảng bộ cơ sở: 1" in page and "Chi bộ cơ sở: 1" in page


def test_the_tree_as_of_a_date_leaves_out_units_that_had_not_joined_or_had_left(staff_client, bloc, unit_a):
    late = make_unit(bloc, joined_on=dt.date(2023, 1, 1), name="Chi bộ Công ty Mới Vào")
    page = staff_client.get("/units/", {"as_of": "2021-06-30"}).content.decode()
    assert unit_a.name in page and late.name not in page
    assert "30/06/2021" in page


def test_a_subtree_is_loaded_on_demand(staff_client, unit_a):
    cell = make_unit(unit_a, kind="subordinate_cell", name="Chi bộ Xí nghiệp Xếp dỡ Hoàng Diệu")
    tree = staff_client.get("/units/").content.decode()
    assert f"/units/{unit_a.pk}/children/" in tree and cell.name not in tree
    assert cell.name in staff_client.get(f"/units/{unit_a.pk}/children/").content.decode()


def test_searching_hai_phong_finds_hai_phong_with_accents(staff_client, unit_a, unit_b):
    response = staff_client.get(
        "/units/", {"q": "cang hai phong"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tree-results"
    )
    page = response.content.decode()
    assert unit_a.name in page and unit_b.name not in page
    assert "<html" not in page  # htmx gets only the results


def test_a_units_code_shown_beside_it_can_be_searched_in_lower_case(staff_client, unit_a, unit_b):
    response = staff_client.get(
        "/units/", {"q": unit_b.code.lower()}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tree-results"
    )
    page = response.content.decode()
    assert unit_b.name in page and unit_a.name not in page


def test_the_detail_page_shows_the_profile_capital_and_history(manager_client, unit_a, manager):
    Unit.objects.filter(pk=unit_a.pk).update(registered_capital=50000)
    manager_client.post(
        f"/units/{unit_a.pk}/edit/",
        {
            "code": unit_a.code,
            "name": unit_a.name,
            "kind": unit_a.kind,
            "tax_code": unit_a.tax_code,
            "ownership": "state",
            "registered_capital": "50000",
            "address": "Số 8A Trần Phú",
        },
    )
    page = manager_client.get(f"/units/{unit_a.pk}/").content.decode()
    assert "50.000 triệu đồng" in page
    assert "Số 8A Trần Phú" in page
    assert "Doanh nghiệp nhà nước" in page  # new ownership in the history
    assert manager.username in page or manager.get_full_name() in page


def test_a_manager_creates_moves_closes_and_reopens_a_unit(manager_client, bloc, unit_a):
    response = manager_client.post(
        "/units/new/",
        {
            "code": "M001",
            "name": "Chi bộ Công ty Cổ phần Vận tải Thủy",
            "kind": "base_cell",
            "parent": bloc.pk,
            "joined_on": "2020-05-01",
            "tax_code": valid_tax_code(901),
            "ownership": "non_state",
        },
    )
    unit = Unit.objects.get(code="M001")
    assert response.status_code == 302 and response["Location"] == f"/units/{unit.pk}/"
    other = make_unit(bloc, kind="base_committee")
    cell = make_unit(unit_a, kind="subordinate_cell")
    assert manager_client.post(f"/units/{cell.pk}/move/", {"parent": other.pk}).status_code == 302
    assert Unit.objects.get(pk=cell.pk).parent == other
    assert manager_client.post(f"/units/{unit.pk}/close/", {"left_on": "2024-01-31"}).status_code == 302
    assert Unit.objects.get(pk=unit.pk).left_on == dt.date(2024, 1, 31)
    assert manager_client.post(f"/units/{unit.pk}/reopen/").status_code == 302
    assert Unit.objects.get(pk=unit.pk).left_on is None
    assert list(UnitChange.objects.filter(unit=unit).values_list("action", flat=True)) == ["reopen", "close", "create"]


def test_a_bad_tax_code_on_the_form_shows_a_vietnamese_error_and_saves_nothing(manager_client, bloc):
    response = manager_client.post(
        "/units/new/",
        {
            "code": "M002",
            "name": "Chi bộ X",
            "kind": "base_cell",
            "parent": bloc.pk,
            "joined_on": "2020-05-01",
            "tax_code": "0100233480",
            "ownership": "other",
        },
    )
    assert response.status_code == 200
    assert "chữ số kiểm tra không khớp" in response.content.decode()
    assert not Unit.objects.filter(code="M002").exists()


def test_a_reporter_edits_its_own_profile_but_not_code_kind_or_name(reporter_a_client, unit_a):
    form = reporter_a_client.get(f"/units/{unit_a.pk}/edit/").content.decode()
    assert 'name="address"' in form and 'name="code"' not in form and 'name="kind"' not in form
    response = reporter_a_client.post(
        f"/units/{unit_a.pk}/edit/",
        {"address": "Số 3 Lê Thánh Tông", "ownership": "state", "tax_code": unit_a.tax_code, "code": "HACK"},
    )
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.address == "Số 3 Lê Thánh Tông" and unit_a.code != "HACK"


@pytest.mark.parametrize(
    "url",
    ["/units/{b}/", "/units/{b}/children/", "/units/{b}/edit/", "/units/{b}/move/", "/units/export.xlsx?root={b}"],
)
def test_a_reporter_gets_404_on_another_units_pages(reporter_a_client, unit_b, url):
    assert reporter_a_client.get(url.format(b=unit_b.pk)).status_code in (403, 404)
    if "move" not in url:
        assert reporter_a_client.get(url.format(b=unit_b.pk)).status_code == 404


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/units/new/"),
        ("get", "/units/{a}/move/"),
        ("get", "/units/{a}/close/"),
        ("post", "/units/{a}/reopen/"),
        ("get", "/units/import/"),
        ("get", "/units/import/template.xlsx"),
        ("post", "/units/import/confirm/"),
        ("post", "/units/groups/ngan-hang/"),
        ("get", "/units/zones/"),
    ],
)
def test_a_reporter_gets_403_on_register_management(reporter_a_client, unit_a, method, url):
    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    response = getattr(reporter_a_client, method)(url.format(a=unit_a.pk))
    assert response.status_code == 403


def test_a_reporter_sees_only_its_own_subtree_in_the_tree_and_the_export(reporter_a_client, unit_a, unit_b):
    page = reporter_a_client.get("/units/").content.decode()
    assert unit_a.name in page and unit_b.name not in page
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(reporter_a_client.get("/units/export.xlsx?all=1").content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [unit_a.code]


@pytest.mark.parametrize("url", ["/units/new/", "/units/{a}/edit/", "/units/{a}/close/", "/units/import/"])
def test_leadership_reads_but_gets_403_on_changes(leader_client, unit_a, url):
    assert leader_client.get(f"/units/{unit_a.pk}/").status_code == 200
    assert leader_client.get(url.format(a=unit_a.pk)).status_code == 403


def test_staff_of_another_department_may_read_but_not_manage_the_register(propaganda_client, unit_a):
    assert propaganda_client.get("/units/").status_code == 200
    assert propaganda_client.get("/units/zones/").status_code == 200
    assert propaganda_client.get("/units/new/").status_code == 403
    assert propaganda_client.post("/units/zones/", {"name": "KCN X", "kind": "industrial_park"}).status_code == 403


@pytest.mark.parametrize("url", ["/units/", "/units/{a}/", "/units/groups/", "/units/import/", "/units/export.xlsx"])
def test_anonymous_visitors_are_sent_to_the_login_page(unit_a, url):
    response = Client().get(url.format(a=unit_a.pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_manager_adds_and_removes_group_members(manager_client, unit_a, unit_b):
    group = UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    assert manager_client.post("/units/groups/ngan-hang/", {"code": unit_a.code}).status_code == 302
    assert list(group.members.all()) == [unit_a]
    again = manager_client.post("/units/groups/ngan-hang/", {"code": unit_a.code}).content.decode()
    assert "đã có trong nhóm" in again
    assert (
        "Không có đơn vị nào có mã này."
        in manager_client.post("/units/groups/ngan-hang/", {"code": "X"}).content.decode()
    )
    manager_client.post(f"/units/groups/ngan-hang/remove/{unit_a.pk}/")
    assert not group.members.exists()
    assert "Nhóm ngân hàng" in manager_client.get("/units/groups/").content.decode()


def test_a_manager_adds_a_zone(manager_client):
    response = manager_client.post("/units/zones/", {"name": "KCN Tràng Duệ", "kind": "industrial_park"})
    assert response.status_code == 302
    assert Zone.objects.filter(name="KCN Tràng Duệ").exists()


def test_the_import_preview_lists_row_errors_and_offers_no_confirm(manager_client, bloc):
    content = make_workbook(
        [
            {
                "code": "I001",
                "name": "Chi bộ A",
                "kind": "Chi bộ cơ sở",
                "parent_code": "BLOC",
                "joined_on": "01/01/2020",
            },
            {
                "code": "I002",
                "name": "Chi bộ B",
                "kind": "Chi bộ cơ sở",
                "parent_code": "KHONG",
                "joined_on": "01/01/2020",
            },
        ]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = manager_client.post("/units/import/", {"file": SimpleUploadedFile("ds.xlsx", content)}).content.decode()
    assert "Không có mã đơn vị cấp trên “KHONG”" in page
    assert "Xác nhận nhập" not in page
    assert not Unit.objects.filter(code="I001").exists()


def test_confirming_an_import_checks_the_file_again(manager_client, bloc):
    from django.core.files.uploadedfile import SimpleUploadedFile

    row = {"code": "I001", "name": "Chi bộ A", "kind": "Chi bộ cơ sở", "parent_code": "BLOC", "joined_on": "01/01/2020"}
    page = manager_client.post("/units/import/", {"file": SimpleUploadedFile("ds.xlsx", make_workbook([row]))})
    token = page.context["token"]
    # Someone adds the same code between the preview and the confirmation.
    make_unit(bloc, code="I001")
    response = manager_client.post("/units/import/confirm/", {"token": token}, follow=True)
    assert "Không nhập gì" in response.content.decode()
    assert Unit.objects.filter(code="I001").count() == 1


def test_a_confirmed_import_writes_the_units(manager_client, bloc):
    from django.core.files.uploadedfile import SimpleUploadedFile

    row = {"code": "I001", "name": "Chi bộ A", "kind": "Chi bộ cơ sở", "parent_code": "BLOC", "joined_on": "01/01/2020"}
    page = manager_client.post("/units/import/", {"file": SimpleUploadedFile("ds.xlsx", make_workbook([row]))})
    response = manager_client.post("/units/import/confirm/", {"token": page.context["token"]})
    assert response.status_code == 302
    assert Unit.objects.get(code="I001").parent == bloc
    # The token is single-use.
    again = manager_client.post("/units/import/confirm/", {"token": page.context["token"]}, follow=True)
    assert "hết hạn" in again.content.decode()


def test_the_tree_page_uses_a_constant_number_of_queries(staff_client, bloc, django_assert_max_num_queries):
    committee = make_unit(bloc, kind="base_committee")
    for _ in range(25):
        make_unit(bloc)
        make_unit(committee, kind="subordinate_cell")
    with django_assert_max_num_queries(8):
        page = staff_client.get("/units/").content.decode()
    assert page.count('class="tree-node"') == 26


def test_the_menu_offers_the_register_to_members_and_its_management_to_managers(manager, reporter_a):
    from khoi.core.navigation import navigation_for

    def urls(user):
        return {item["url"] for group in navigation_for(user) for item in group.items}

    assert {"/units/", "/units/groups/", "/units/import/", "/units/zones/"} <= urls(manager)
    assert "/units/" in urls(reporter_a)
    assert "/units/import/" not in urls(reporter_a) and "/units/zones/" not in urls(reporter_a)
