"""Leaving is possible: every app's export collected from its AppConfig, one workbook and one JSON
per module, personal data off by default, secrets never, the command and the staff page."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from khoi.accounts.models import Role
from khoi.accounts.tests.factories import make_user
from khoi.core.exports import build_export, export_providers


def _json(files: dict[str, bytes], key: str) -> dict:
    return json.loads(files[f"{key}.json"])


def _sheet_values(content: bytes, title: str) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return list(workbook[title].iter_rows(values_only=True))


def test_each_app_declares_its_own_export_and_core_collects_them():
    keys = [provider.key for provider in export_providers()]
    assert keys == ["units", "accounts", "reporting", "reports", "marketplace", "emulation", "contests"]
    declared = {
        provider.key: config.label for config in apps.get_app_configs() for provider in getattr(config, "exports", [])
    }
    assert declared == {key: key for key in keys}  # each app declares its own, on its AppConfig
    with open(apps.get_app_config("core").path + "/exports.py", encoding="utf-8") as handle:
        text = handle.read()
    for app in keys:
        assert f"khoi.{app}" not in text  # core imports none of them


def test_every_model_of_the_bloc_is_in_some_module_but_derived_caches(db):
    files = build_export(with_personal_data=True)
    manifest = json.loads(files["manifest.json"])
    exported = {table for module in manifest["modules"] for table in module["rows"]}
    for label in ("units", "reporting", "reports", "marketplace", "emulation", "contests"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__ in ("WindowValue", "SearchWord", "ReportJob"):
                assert model._meta.label not in exported
            else:
                assert model._meta.label in exported, model._meta.label


def test_values_are_exported_with_their_periods(bloc, unit_a):
    from khoi.reporting.tests.factories import make_indicator, record

    record(unit_a, make_indicator("doanh_thu"), "2024-H1", "14167.5")
    files = build_export()
    value = _json(files, "reporting")["tables"]["reporting.IndicatorValue"]["rows"][0]
    assert value["value"] == "14167.5000" and value["period_code"] == "2024-H1"
    assert value["period"] == "6 tháng đầu năm 2024"
    assert value["unit__code"] == unit_a.code and value["indicator__code"] == "doanh_thu"
    header, first = _sheet_values(files["reporting.xlsx"], "Số liệu chỉ tiêu")[:2]
    assert "kỳ báo cáo" in header and "6 tháng đầu năm 2024" in first and 14167.5 in first


def test_the_register_in_its_workbook_keeps_text_as_text(bloc, unit_a):
    unit_a.name = '=HYPERLINK("http://x","bấm")'
    unit_a.save()
    files = build_export()
    header, *data = _sheet_values(files["units.xlsx"], "Đơn vị")
    assert "mã đơn vị" in header and "đơn vị cấp trên (mã đơn vị)" in header
    assert '=HYPERLINK("http://x","bấm")' in [cell for row in data for cell in row]
    workbook = load_workbook(io.BytesIO(files["units.xlsx"]))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value == unit_a.name]
    assert cells and all(cell.data_type == "s" for cell in cells)
    units = _json(files, "units")["tables"]["units.Unit"]["rows"]
    by_code = {row["code"]: row for row in units}
    assert by_code[unit_a.code]["name"] == unit_a.name and by_code[unit_a.code]["joined_on"] == "2010-01-01"
    assert "search_text" not in by_code[unit_a.code]


def _contest_entry(unit):
    from khoi.contests.tests.factories import make_contest, make_question, make_round, make_topic

    topic = make_topic()
    make_question(topic)
    contest_round = make_round(make_contest(), [(topic, 1)])
    from khoi.contests.models import Entry

    now = dt.datetime(2025, 5, 1, 8, 0, tzinfo=dt.UTC)
    return Entry.objects.create(
        round=contest_round,
        name="Nguyễn Thị Mai",
        phone="+84912345678",
        unit=unit,
        birth_year=1990,
        token="bi-mat-cua-nguoi-thi",
        started_at=now,
        deadline_at=now + dt.timedelta(minutes=20),
    )


def test_personal_data_is_off_by_default_and_secrets_are_never_exported(bloc, unit_a, staff_user):
    entry = _contest_entry(unit_a)
    make_user("baocao.x", role=Role.REPORTER, unit=unit_a, email="x@example.vn")
    plain = build_export()
    assert "accounts.json" not in plain and "accounts.xlsx" not in plain
    entries = _json(plain, "contests")["tables"]["contests.Entry"]["rows"]
    assert entries[0]["id"] == entry.pk and entries[0]["unit_id"] == unit_a.pk
    assert not {"name", "phone", "birth_year", "token", "receipt_code"} & set(entries[0])
    every_byte = b"".join(plain.values())
    assert "Nguyễn Thị Mai".encode() not in every_byte and b"+84912345678" not in every_byte
    assert b"bi-mat-cua-nguoi-thi" not in every_byte
    # who changed the register is personal too (a key to a user)
    changes = _json(plain, "units")["tables"]["units.UnitChange"]["rows"]
    assert changes and "changed_by_id" not in changes[0]

    full = build_export(with_personal_data=True)
    entries = _json(full, "contests")["tables"]["contests.Entry"]["rows"]
    assert entries[0]["name"] == "Nguyễn Thị Mai" and entries[0]["phone"] == "+84912345678"
    assert "token" not in entries[0]
    users = _json(full, "accounts")["tables"]["accounts.User"]["rows"]
    assert {user["username"] for user in users} == {"vanphong", "baocao.x"}
    assert all("password" not in user for user in users)
    assert b"md5$" not in b"".join(full.values()) and b"pbkdf2" not in b"".join(full.values())
    assert json.loads(full["manifest.json"])["with_personal_data"] is True


def test_many_to_many_members_are_lists_of_ids(bloc, unit_a, unit_b):
    from khoi.units.models import UnitGroup

    group = UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    group.members.add(unit_a, unit_b)
    groups = _json(build_export(), "units")["tables"]["units.UnitGroup"]["rows"]
    assert groups[0]["members"] == sorted([unit_a.pk, unit_b.pk])


def test_the_command_writes_one_workbook_and_one_json_per_module(tmp_path, bloc, unit_a):
    out = io.StringIO()
    call_command("export_bloc", "--dir", str(tmp_path / "ra"), stdout=out)
    names = sorted(path.name for path in (tmp_path / "ra").iterdir())
    assert "units.xlsx" in names and "units.json" in names and "manifest.json" in names
    assert "accounts.json" not in names
    assert "units:" in out.getvalue()
    call_command("export_bloc", "--dir", str(tmp_path / "ca-nhan"), "--with-personal-data", stdout=io.StringIO())
    assert (tmp_path / "ca-nhan" / "accounts.json").exists()


@pytest.mark.parametrize("who", ["reporter_a_client", "leader_client", "propaganda_client"])
def test_only_admins_and_the_office_download_the_bloc(request, who):
    client = request.getfixturevalue(who)
    assert client.get("/export/").status_code == 403
    assert client.post("/export/", {"with_personal_data": "on"}).status_code == 403


def test_anonymous_people_are_sent_to_sign_in_for_the_export(db):
    response = Client().get("/export/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_unit_s_reporter_does_not_see_the_export_in_the_menu(reporter_a_client, staff_client):
    assert "/export/" not in reporter_a_client.get("/").content.decode()
    assert "/export/" in staff_client.get("/").content.decode()
