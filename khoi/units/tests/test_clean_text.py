"""Units' names and addresses are stored clean (NFC, no control characters) by every way in,
and the data migration cleans what was stored before."""

import datetime as dt
import importlib
import unicodedata

from django.apps import apps

from khoi.core.stored_text import clean_model_text
from khoi.units import services
from khoi.units.models import Unit, Zone, ZoneKind
from khoi.units.tests.conftest import make_workbook
from khoi.units.tests.factories import make_unit, valid_tax_code


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_unit_created_on_the_page_with_nfd_and_control_characters_is_stored_as_nfc(manager_client, bloc):
    response = manager_client.post(
        "/units/new/",
        {
            "code": "M001\x01",
            "name": _nfd("Chi bộ Công ty\x01 Cổ phần\r\nVận tải Thủy\x7f"),
            "kind": "base_cell",
            "parent": bloc.pk,
            "joined_on": "2020-05-01",
            "tax_code": valid_tax_code(901),
            "ownership": "non_state",
            "address": _nfd("Số 8A\x1f Trần Phú"),
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="M001")
    assert unit.name == "Chi bộ Công ty Cổ phần Vận tải Thủy"
    assert unit.address == "Số 8A Trần Phú"


def test_a_unit_created_through_the_api_with_nfd_and_control_characters_is_stored_as_nfc(staff_client, unit_a):
    created = staff_client.post(
        "/api/v1/units/",
        {
            "code": "A001",
            "name": _nfd("Chi bộ\x07 Xưởng\x1b Đóng tàu"),
            "kind": "subordinate_cell",
            "parent": unit_a.pk,
            "joined_on": "2015-01-01",
            "address": _nfd("Đường\x85 Lê Thánh Tông"),
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    unit = Unit.objects.get(code="A001")
    assert (unit.name, unit.address) == ("Chi bộ Xưởng Đóng tàu", "Đường Lê Thánh Tông")


def test_an_imported_register_is_stored_as_nfc_without_control_characters(bloc):
    # A workbook cannot hold C0 controls but the tab and line breaks; C1 controls and DEL it can.
    content = make_workbook(
        [
            {
                "code": "N001",
                "name": _nfd("Chi bộ Công ty\tCảng\r\nĐình Vũ\x7f\x85"),
                "kind": "Chi bộ cơ sở",
                "parent_code": "BLOC",
                "address": _nfd(" Khu kinh tế\x9f Đình Vũ "),
                "joined_on": dt.datetime(2015, 3, 1),
            }
        ]
    )
    services.unit_import(content=content, actor=None)
    unit = Unit.objects.get(code="N001")
    assert unit.name == "Chi bộ Công ty Cảng Đình Vũ"
    assert unit.address == "Khu kinh tế Đình Vũ"


def test_the_data_migration_cleans_the_stored_names_in_batches(bloc):
    dirty = [make_unit(bloc, name=_nfd(f"Chi bộ\x01 số {n}\r\n"), address=_nfd("Hải\x02 Phòng")) for n in range(5)]
    migration = importlib.import_module("khoi.units.migrations.0003_clean_stored_text")
    migration.clean(apps, None)
    for unit in dirty:
        unit.refresh_from_db()
    assert [unit.name for unit in dirty] == [f"Chi bộ số {n}" for n in range(5)]
    assert {unit.address for unit in dirty} == {"Hải Phòng"}
    assert all(unicodedata.is_normalized("NFC", unit.name) for unit in Unit.objects.all())


def test_a_stored_name_whose_clean_copy_would_collide_is_left_as_it_was_and_reported(db):
    Zone.objects.create(name="KCN Đình Vũ", kind=ZoneKind.INDUSTRIAL_PARK)
    twin = Zone.objects.create(name=_nfd("KCN Đình Vũ\x01"), kind=ZoneKind.INDUSTRIAL_PARK)
    other = Zone.objects.create(name=_nfd("KCN Tràng\x01 Duệ"), kind=ZoneKind.INDUSTRIAL_PARK)
    skipped = clean_model_text(Zone, batch_size=2)
    twin.refresh_from_db()
    other.refresh_from_db()
    assert twin.name == _nfd("KCN Đình Vũ\x01")
    assert skipped == [f"units.Zone #{twin.pk}: name"]
    assert other.name == "KCN Tràng Duệ"
