"""The register API: filters, constant query counts, scoping per role, import, schema."""

import datetime as dt

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from khoi.units.models import Unit, UnitGroup
from khoi.units.tests.conftest import make_workbook
from khoi.units.tests.factories import make_unit, valid_tax_code


def _codes(response):
    return [unit["code"] for unit in response.json()["results"]]


def test_the_list_filters_by_date_kind_group_sector_and_accent_free_search(staff_client, bloc, unit_a, unit_b):
    late = make_unit(bloc, joined_on=dt.date(2023, 1, 1))
    UnitGroup.objects.create(code="cang", name="Nhóm cảng").members.add(unit_a)
    assert late.code not in _codes(staff_client.get("/api/v1/units/", {"as_of": "2021-01-01"}))
    assert _codes(staff_client.get("/api/v1/units/", {"kind": "base_committee"})) == [unit_a.code]
    assert _codes(staff_client.get("/api/v1/units/", {"group": "cang"})) == [unit_a.code]
    assert _codes(staff_client.get("/api/v1/units/", {"q": "nuoc sach do son"})) == [unit_b.code]
    assert _codes(staff_client.get("/api/v1/units/", {"root": unit_a.pk})) == [unit_a.code]
    assert staff_client.get("/api/v1/units/", {"as_of": "30/02/2021"}).status_code == 400


def test_the_list_uses_a_constant_number_of_queries(staff_client, bloc, django_assert_max_num_queries):
    committee = make_unit(bloc, kind="base_committee")
    group = UnitGroup.objects.create(code="g", name="G")
    for _ in range(30):
        group.members.add(make_unit(committee, kind="subordinate_cell"))
    with django_assert_max_num_queries(6):
        response = staff_client.get("/api/v1/units/", {"limit": 100})
    assert response.json()["count"] == 32
    assert response.json()["results"][-1]["groups"] == ["g"]


def test_a_reporter_sees_its_own_subtree_only(reporter_a_client, unit_a, unit_b):
    cell = make_unit(unit_a, kind="subordinate_cell")
    assert sorted(_codes(reporter_a_client.get("/api/v1/units/"))) == sorted([unit_a.code, cell.code])
    assert reporter_a_client.get(f"/api/v1/units/{unit_b.pk}/").status_code == 404
    assert reporter_a_client.get(f"/api/v1/units/{unit_b.pk}/history/").status_code == 404
    assert reporter_a_client.get("/api/v1/units/", {"root": unit_b.pk}).status_code == 404
    assert (
        reporter_a_client.patch(f"/api/v1/units/{unit_b.pk}/", {}, content_type="application/json").status_code == 404
    )


def test_a_reporter_may_patch_its_profile_but_not_its_name_nor_manage_the_register(reporter_a_client, bloc, unit_a):
    ok = reporter_a_client.patch(f"/api/v1/units/{unit_a.pk}/", {"address": "Số 1"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["address"] == "Số 1"
    refused = reporter_a_client.patch(f"/api/v1/units/{unit_a.pk}/", {"name": "X"}, content_type="application/json")
    assert refused.status_code == 403
    assert reporter_a_client.post(f"/api/v1/units/{unit_a.pk}/close/", {"left_on": "2024-01-01"}).status_code == 403
    assert reporter_a_client.post(f"/api/v1/units/{unit_a.pk}/move/", {"parent": bloc.pk}).status_code == 403
    assert reporter_a_client.post(f"/api/v1/units/{unit_a.pk}/reopen/").status_code == 403
    assert reporter_a_client.post("/api/v1/units/", {}).status_code == 403
    upload = {"file": SimpleUploadedFile("a.xlsx", make_workbook([]))}
    assert reporter_a_client.post("/api/v1/units/import/validate/", upload).status_code == 403


def test_leadership_reads_everything_and_writes_nothing(leader_client, unit_a, unit_b):
    assert len(_codes(leader_client.get("/api/v1/units/"))) == 3
    assert (
        leader_client.patch(
            f"/api/v1/units/{unit_a.pk}/", {"address": "X"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert leader_client.post(f"/api/v1/units/{unit_a.pk}/close/", {"left_on": "2024-01-01"}).status_code == 403
    assert leader_client.post("/api/v1/units/import/commit/", {}).status_code == 403


@pytest.mark.parametrize(
    "url",
    ["/api/v1/units/", "/api/v1/units/{a}/", "/api/v1/units/groups/", "/api/v1/units/zones/", "/api/v1/units/sectors/"],
)
def test_anonymous_calls_get_no_data(unit_a, url):
    response = Client().get(url.format(a=unit_a.pk))
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_a_manager_creates_moves_and_closes_through_the_api(staff_client, bloc, unit_a):
    created = staff_client.post(
        "/api/v1/units/",
        {
            "code": "A001",
            "name": "Chi bộ Xưởng",
            "kind": "subordinate_cell",
            "parent": unit_a.pk,
            "joined_on": "2015-01-01",
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["parent_code"] == unit_a.code
    other = make_unit(bloc, kind="base_committee")
    moved = staff_client.post(f"/api/v1/units/{created.json()['id']}/move/", {"parent": other.pk})
    assert moved.json()["parent"] == other.pk
    closed = staff_client.post(f"/api/v1/units/{unit_a.pk}/close/", {"left_on": "2009-01-01"})
    assert closed.status_code == 400 and "trước ngày gia nhập" in closed.json()["left_on"][0]


def test_a_bad_tax_code_through_the_api_is_a_400_naming_the_field(staff_client, unit_a):
    response = staff_client.patch(
        f"/api/v1/units/{unit_a.pk}/", {"tax_code": "0100233480"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "chữ số kiểm tra" in response.json()["tax_code"][0]


def test_the_api_import_previews_errors_then_commits_all_or_nothing(staff_client, bloc):
    good = {
        "code": "X001",
        "name": "Chi bộ A",
        "kind": "Chi bộ cơ sở",
        "parent_code": "BLOC",
        "joined_on": "01/01/2020",
        "tax_code": valid_tax_code(77),
    }
    bad = dict(good, code="X002", tax_code="123")
    content = make_workbook([good, bad, dict(good, code="X003", tax_code="")])
    preview = staff_client.post(
        "/api/v1/units/import/validate/", {"file": SimpleUploadedFile("a.xlsx", content)}
    ).json()
    assert preview["valid"] is False and preview["row_count"] == 3
    assert [(e["row"], e["column"]) for e in preview["errors"]] == [(3, "tax_code")]
    refused = staff_client.post("/api/v1/units/import/commit/", {"file": SimpleUploadedFile("a.xlsx", content)})
    assert refused.status_code == 400 and not Unit.objects.filter(code="X001").exists()
    fixed = make_workbook([good, dict(good, code="X003", tax_code="")])
    done = staff_client.post("/api/v1/units/import/commit/", {"file": SimpleUploadedFile("a.xlsx", fixed)})
    assert done.status_code == 201 and done.json()["created"] == 2


def test_groups_show_only_the_members_a_reporter_may_see(reporter_a_client, unit_a, unit_b):
    UnitGroup.objects.create(code="g", name="G").members.add(unit_a, unit_b)
    assert reporter_a_client.get("/api/v1/units/groups/").json()[0]["member_count"] == 1
    members = reporter_a_client.get("/api/v1/units/groups/g/").json()["members"]
    assert [m["code"] for m in members] == [unit_a.code]


def test_the_openapi_schema_generates_validates_and_has_the_units_paths(staff_client):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert {"/api/v1/units/", "/api/v1/units/{id}/", "/api/v1/units/import/commit/"} <= set(schema["paths"])
    served = yaml.safe_load(staff_client.get("/api/schema/").content)
    assert served["openapi"].startswith("3.")
    assert "/api/v1/units/groups/" in served["paths"]


def test_the_list_filters_by_ownership_sector_section_and_zone(staff_client, bloc, unit_a, unit_b):
    from khoi.units.models import Sector, Zone

    zone = Zone.objects.create(name="KCN Đình Vũ", kind="industrial_park")
    port = Sector.objects.get(code="52")
    Unit.objects.filter(pk=unit_a.pk).update(ownership="state", sector=port, zone=zone)
    assert _codes(staff_client.get("/api/v1/units/", {"ownership": "state"})) == [unit_a.code]
    assert _codes(staff_client.get("/api/v1/units/", {"sector": "52"})) == [unit_a.code]
    assert _codes(staff_client.get("/api/v1/units/", {"sector": port.parent.code})) == [unit_a.code]
    assert _codes(staff_client.get("/api/v1/units/", {"zone": zone.pk})) == [unit_a.code]
    assert staff_client.get("/api/v1/units/", {"ownership": "xyz"}).status_code == 400


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_page_of_units_is_what_the_serializer_gives_each_unit(bloc, unit_a, unit_b, language):
    """The list's fast representation (UnitListSerializer) and the one-unit one agree field by field."""
    from decimal import Decimal

    from django.utils import translation

    from khoi.units import selectors
    from khoi.units.api.serializers import UnitSerializer
    from khoi.units.models import Sector, Zone

    zone = Zone.objects.create(name="KCN Đình Vũ", kind="industrial_park")
    Unit.objects.filter(pk=unit_a.pk).update(
        sector=Sector.objects.get(code="52"),
        zone=zone,
        registered_capital=Decimal("1234.5"),
        left_on=dt.date(2024, 6, 30),
        short_name="Cảng HP",
    )
    UnitGroup.objects.create(code="cang", name="Nhóm cảng").members.add(unit_a, unit_b)
    UnitGroup.objects.create(code="lon", name="Nhóm lớn").members.add(unit_a)
    with translation.override(language):
        units = list(selectors.unit_list_for_api(queryset=Unit.objects.all()))
        many = UnitSerializer(units, many=True).data
        one_by_one = [UnitSerializer(unit).data for unit in units]
    assert [dict(row) for row in many] == [dict(row) for row in one_by_one]
    assert [list(row) for row in many] == [list(UnitSerializer.Meta.fields)] * len(units)
    row = next(row for row in many if row["code"] == unit_a.code)
    assert (row["registered_capital"], row["left_on"], row["zone_name"], row["sector"]) == (
        "1234.50",
        "2024-06-30",
        "KCN Đình Vũ",
        "52",
    )
    assert sorted(row["groups"]) == ["cang", "lon"]
    assert next(r for r in many if r["code"] == bloc.code)["parent_code"] is None


def test_the_api_page_shows_each_units_groups_as_the_one_unit_view_does(staff_client, bloc, unit_a, unit_b):
    from khoi.units.api.serializers import UnitSerializer

    UnitGroup.objects.create(code="z-cang", name="A cảng").members.add(unit_a, unit_b)
    UnitGroup.objects.create(code="a-lon", name="B lớn").members.add(unit_a)
    results = staff_client.get("/api/v1/units/", {"limit": 1000}).json()["results"]
    by_code = {row["code"]: row for row in results}
    assert by_code[unit_a.code]["groups"] == ["z-cang", "a-lon"]  # by the groups' names
    assert by_code[bloc.code]["groups"] == []
    for unit in (bloc, unit_a, unit_b):
        assert staff_client.get(f"/api/v1/units/{unit.pk}/").json() == by_code[unit.code]
    assert len(results) == len({row["id"] for row in results}) == Unit.objects.count()
    assert UnitSerializer.Meta.fields == list(results[0])
