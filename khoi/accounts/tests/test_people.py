"""Reporters in bulk: every problem by row, all-or-nothing creation, the credentials sheet, email
invitations, the forced first password change, deactivation when a unit leaves, and who may."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from openpyxl import load_workbook

from khoi.accounts import people, services
from khoi.accounts.models import ApiToken, PeopleJob, Role, User
from khoi.accounts.tests.factories import PASSWORD, make_user
from khoi.core.workbook import WorkbookWriter
from khoi.units import services as unit_services
from khoi.units.models import UnitKind
from khoi.units.tests.factories import make_unit


def sheet(*rows: tuple[object, ...], header: bool = True) -> bytes:
    writer = WorkbookWriter()
    page = writer.sheet("Báo cáo viên")
    if header:
        page.header(["Họ và tên", "Email hoặc số điện thoại", "Mã đơn vị"])
    for row in rows:
        page.append(list(row))
    return writer.to_bytes()


def upload(content: bytes, name: str = "bao-cao-vien.xlsx") -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


# ---- Checking ------------------------------------------------------------------------------------


def test_every_problem_is_listed_by_row(bloc, unit_a, unit_b, reporter_a):
    gone = make_unit(bloc, code="GONE")
    unit_services.unit_close(unit=gone, left_on=dt.date(2024, 1, 1), actor=None)
    check = people.check_sheet(
        sheet(
            ("Nguyễn Văn An", "an@example.vn", unit_a.code),  # 2: fine
            ("Trần Thị Bình", "binh@", unit_a.code),  # 3: invalid email
            ("Lê Văn Cường", "0123", unit_b.code),  # 4: invalid phone
            ("Phạm Thị Dung", "0912 345 678", "KHONGCO"),  # 5: unknown unit
            ("", "0987654321", unit_b.code),  # 6: no name
            ("Vũ Văn Em", "AN@example.vn", unit_b.code),  # 7: same login as row 2
            ("Đỗ Thị Gấm", "", "GONE"),  # 8: the unit has left
            ("Hoàng Văn Hải", "", "BLOC"),  # 9: the bloc itself
            ("Ngô Thị Hoa", "", unit_a.code.lower()),  # 10: a code in lower case is found
        )
    )
    problems = {row.row: row.problems for row in check.rows}
    assert len(problems[2]) == 1 and "an@example.vn" in problems[2][0] and "7" in problems[2][0]
    assert any("binh@" in text for text in problems[3])
    assert any("0123" in text for text in problems[4])
    assert any("KHONGCO" in text for text in problems[5])
    assert len(problems[6]) == 1 and "họ và tên" in problems[6][0].lower()
    assert any("an@example.vn" in text for text in problems[7])
    assert len(problems[8]) == 1 and "rời khối" in problems[8][0]
    assert len(problems[9]) == 1 and "BLOC" in problems[9][0]
    assert problems[10] == []
    assert [row.login for row in check.rows if row.row == 10] == [f"baocao.{unit_a.code.lower()}"]
    assert not check.is_valid
    assert check.problem_count == sum(len(row) for row in problems.values())


def test_a_login_or_an_email_already_taken_is_a_problem(unit_a, unit_b):
    make_user("0912345678", role=Role.REPORTER, unit=unit_a)
    make_user("someone", role=Role.REPORTER, unit=unit_a, email="chi@example.vn")
    check = people.check_sheet(
        sheet(("Nguyễn Văn An", "+84 912 345 678", unit_b.code), ("Trần Thị Chi", "Chi@Example.vn", unit_b.code))
    )
    first, second = check.rows
    assert first.phone == "+84912345678" and first.login == "0912345678"
    assert first.problems and "0912345678" in first.problems[0]
    assert second.login == "chi@example.vn"
    assert second.problems and "someone" in second.problems[0]


def test_a_file_that_is_not_a_workbook_is_one_clear_problem():
    check = people.check_sheet(b"not a workbook at all")
    assert check.rows == [] and len(check.errors) == 1 and "Excel" in check.errors[0]
    empty = people.check_sheet(sheet())
    assert empty.errors and not empty.is_valid


def test_the_template_reads_back_with_its_example_row(unit_a):
    rows, errors = people.read_sheet(people.build_template())
    assert errors == []
    assert [(row.row, row.name, row.unit_code) for row in rows] == [(2, "Nguyễn Văn An", "DV001")]


def test_the_register_gives_one_reporter_per_base_unit_without_one(bloc, unit_a, unit_b, reporter_a):
    cell = make_unit(unit_a, kind=UnitKind.SUBORDINATE_CELL)
    gone = make_unit(bloc)
    unit_services.unit_close(unit=gone, left_on=dt.date(2024, 1, 1), actor=None)
    rows = people.register_rows()
    assert [row.unit_code for row in rows] == [unit_b.code]  # not unit_a (has one), the cell, the bloc, gone
    assert cell.code not in [row.unit_code for row in rows]
    check = people.check_rows(rows)
    assert check.is_valid and check.rows[0].login == f"baocao.{unit_b.code.lower()}"
    assert check.rows[0].name.startswith("Báo cáo viên")


# ---- Creating ------------------------------------------------------------------------------------


def test_creation_is_all_or_nothing(unit_a, unit_b, staff_user):
    rows, _errors = people.read_sheet(
        sheet(("Nguyễn Văn An", "an@example.vn", unit_a.code), ("Trần Thị Bình", "0912345678", "KHONGCO"))
    )
    before = User.objects.count()
    with pytest.raises(ValidationError) as error:
        services.reporters_create(rows=rows, actor=staff_user)
    assert User.objects.count() == before
    assert any("Dòng 3" in message and "KHONGCO" in message for message in error.value.messages)


def test_created_reporters_sign_in_with_the_printed_password_and_must_change_it(unit_a, unit_b, staff_user):
    rows, _errors = people.read_sheet(
        sheet(("Nguyễn Văn An", "an@example.vn", unit_a.code), ("Trần Thị Bình", "0912 345 678", unit_b.code))
    )
    accounts = services.reporters_create(rows=rows, actor=staff_user)
    assert [account.username for account in accounts] == ["an@example.vn", "0912345678"]
    for account in accounts:
        user = User.objects.get(username=account.username)
        assert user.role == Role.REPORTER and user.must_change_password and user.is_active
        assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", account.password)
        assert user.check_password(account.password)
    assert User.objects.get(username="0912345678").phone == "+84912345678"
    assert User.objects.get(username="an@example.vn").unit == unit_a
    assert len({account.password for account in accounts}) == 2


def test_invited_people_get_no_password_the_others_do(unit_a, unit_b, staff_user):
    rows, _errors = people.read_sheet(
        sheet(("Nguyễn Văn An", "an@example.vn", unit_a.code), ("Trần Thị Bình", "0912345678", unit_b.code))
    )
    invited, printed = services.reporters_create(rows=rows, actor=staff_user, invite=True)
    assert invited.invited and invited.password == ""
    assert not User.objects.get(username="an@example.vn").has_usable_password()
    assert not printed.invited and User.objects.get(username="0912345678").check_password(printed.password)


# ---- Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reporter_a_client", "leader_client", "propaganda_client"])
def test_only_the_office_organisation_board_and_admins_manage_people(request, who):
    client = request.getfixturevalue(who)
    job = f"/accounts/people/jobs/{uuid.uuid4()}/"
    for url in ("/accounts/people/", "/accounts/people/template/", job, f"{job}credentials/", f"{job}credentials/pdf/"):
        assert client.get(url).status_code == 403
    assert client.post(f"{job}credentials/forget/").status_code == 403
    assert client.post("/accounts/people/confirm/", {"token": "x", "delivery": "print"}).status_code == 403
    assert client.post("/accounts/people/", {"source": "register"}).status_code == 403
    assert User.objects.filter(role=Role.REPORTER).count() <= 1


def test_anonymous_people_are_sent_to_sign_in(db):
    response = Client().get("/accounts/people/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_credentials_are_404_once_forgotten_or_never_made(staff_client):
    job = f"/accounts/people/jobs/{uuid.uuid4()}/"
    assert staff_client.get(job).status_code == 404
    assert staff_client.get(f"{job}credentials/").status_code == 404
    assert staff_client.get(f"{job}credentials/xlsx/").status_code == 404


def test_preview_lists_problems_and_creates_nothing(staff_client, unit_a):
    content = sheet(("Nguyễn Văn An", "an@", unit_a.code), ("Trần Thị Bình", "0912345678", "KHONGCO"))
    response = staff_client.post("/accounts/people/", {"file": upload(content)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "an@" in page and "KHONGCO" in page and "2 vấn đề" in page
    assert 'action="/accounts/people/confirm/"' not in page
    assert staff_client.post("/accounts/people/confirm/", {"token": "doan", "delivery": "print"}).status_code == 302
    assert not User.objects.filter(role=Role.REPORTER).exists()


def _confirm(client, token, delivery, capture):
    with capture(execute=True):  # the request's transaction commits: the task runs (immediate backend)
        return client.post("/accounts/people/confirm/", {"token": token, "delivery": delivery})


def test_from_preview_to_the_printed_sheet(staff_client, unit_a, unit_b, django_capture_on_commit_callbacks):
    content = sheet(("Nguyễn Văn An", "an@example.vn", unit_a.code), ("Trần Thị Bình", "0912345678", unit_b.code))
    response = staff_client.post("/accounts/people/", {"file": upload(content)})
    assert response.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    response = _confirm(staff_client, token, "print", django_capture_on_commit_callbacks)
    job = PeopleJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/accounts/people/jobs/{job.pk}/"
    sheet_url = f"/accounts/people/jobs/{job.pk}/credentials/"
    assert staff_client.get(response["Location"])["Location"] == sheet_url  # done: on to the sheet
    htmx = staff_client.get(response["Location"], headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == sheet_url
    page = staff_client.get(sheet_url).content.decode()
    passwords = re.findall(r"(?<![\w-])[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}(?![\w-])", page)  # not in the job's id
    assert len(passwords) == 2
    assert User.objects.get(username="an@example.vn").check_password(passwords[0])
    workbook = staff_client.get(f"{sheet_url}xlsx/")
    cells = [c for row in load_workbook(io.BytesIO(workbook.content)).active.iter_rows(values_only=True) for c in row]
    assert set(passwords) <= set(cells) and "an@example.vn" in cells
    pdf = staff_client.get(f"{sheet_url}pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # a second confirmation of the same preview creates nobody
    _confirm(staff_client, token, "print", django_capture_on_commit_callbacks)
    assert User.objects.filter(role=Role.REPORTER).count() == 2 and PeopleJob.objects.count() == 1
    staff_client.post(f"{sheet_url}forget/")
    assert staff_client.get(sheet_url).status_code == 404
    job.refresh_from_db()
    assert job.credentials == [] and job.credentials_until is None


def test_a_preview_made_stale_creates_nobody(staff_client, unit_a, unit_b, django_capture_on_commit_callbacks):
    content = sheet(("Nguyễn Văn An", "an@example.vn", unit_a.code), ("Trần Thị Bình", "0912345678", unit_b.code))
    page = staff_client.post("/accounts/people/", {"file": upload(content)}).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    make_user("0912345678", role=Role.REPORTER, unit=unit_b)  # someone took the login meanwhile
    response = _confirm(staff_client, token, "print", django_capture_on_commit_callbacks)
    page = staff_client.get(response["Location"]).content.decode()
    assert "0912345678" in page and "Chưa tạo tài khoản nào" in page
    assert not User.objects.filter(username="an@example.vn").exists()


def test_reporters_from_the_register_through_the_pages(
    organisation_user, unit_a, unit_b, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(organisation_user)
    page = client.post("/accounts/people/", {"source": "register"}).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    _confirm(client, token, "print", django_capture_on_commit_callbacks)
    assert set(User.objects.filter(role=Role.REPORTER).values_list("unit__code", flat=True)) == {
        unit_a.code,
        unit_b.code,
    }


def test_an_invitation_is_a_one_time_link_that_ends_the_forced_change(
    staff_client, unit_a, django_capture_on_commit_callbacks
):
    page = staff_client.post(
        "/accounts/people/", {"file": upload(sheet(("Nguyễn Văn An", "an@example.vn", unit_a.code)))}
    ).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    response = _confirm(staff_client, token, "invite", django_capture_on_commit_callbacks)
    job_page = staff_client.get(response["Location"])
    assert job_page.status_code == 200 and "Đã gửi 1 thư mời" in job_page.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@example.vn"]
    body = str(mail.outbox[0].body)
    assert "an@example.vn" in body and "Kính gửi" in body
    link = re.search(r"http://testserver(/accounts/invitation/\S+)", body).group(1)
    person = Client()
    form_page = person.get(link, follow=True)
    assert form_page.status_code == 200 and 'name="new_password1"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    new = "Cang-Hai-Phong-2025!"
    done = person.post(set_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user = User.objects.get(username="an@example.vn")
    assert user.check_password(new) and not user.must_change_password
    again = Client().get(link, follow=True).content.decode()
    assert 'name="new_password1"' not in again


# ---- The forced change ---------------------------------------------------------------------------


def test_a_first_login_password_leads_to_the_change_page_until_changed(unit_a):
    user = make_user("0912345678", role=Role.REPORTER, unit=unit_a, must_change_password=True)
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    for url in ("/", "/reporting/", "/units/", "/accounts/profile/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/accounts/password/", url
    api = client.get("/api/v1/units/")
    assert api.status_code == 403 and "mật khẩu" in api.json()["detail"]
    htmx = client.get("/reporting/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == "/accounts/password/"
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and "first-password" in page.content.decode()
    same = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert same.status_code == 200
    new = "Cang-Hai-Phong-2025!"
    changed = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert changed.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/units/").status_code == 200


def test_others_are_not_redirected(staff_client):
    assert staff_client.get("/units/").status_code == 200


# ---- Leaving the bloc ----------------------------------------------------------------------------


def test_reporters_of_a_unit_that_leaves_are_deactivated_with_its_cells(bloc, unit_a, unit_b, reporter_b):
    cell = make_unit(unit_a, kind=UnitKind.SUBORDINATE_CELL)
    of_a = make_user("baocao.a", role=Role.REPORTER, unit=unit_a)
    of_cell = make_user("baocao.cell", role=Role.REPORTER, unit=cell)
    ApiToken.objects.create(user=of_a, name="script")
    unit_services.unit_close(unit=unit_a, left_on=dt.date(2025, 6, 30), actor=None)
    for user in (of_a, of_cell, reporter_b):
        user.refresh_from_db()
    assert not of_a.is_active and not of_cell.is_active
    assert reporter_b.is_active
    assert not ApiToken.objects.filter(user=of_a).exists()
    client = Client()
    client.post("/accounts/login/", {"username": "baocao.a", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_departure_that_fails_deactivates_nobody(bloc, unit_a):
    of_a = make_user("baocao.a", role=Role.REPORTER, unit=unit_a)
    with pytest.raises(ValidationError):
        unit_services.unit_close(unit=unit_a, left_on=dt.date(1990, 1, 1), actor=None)  # before it joined
    of_a.refresh_from_db()
    assert of_a.is_active


def test_closing_a_unit_through_its_page_deactivates_its_reporter(staff_client, unit_a, reporter_a):
    response = staff_client.post(f"/units/{unit_a.pk}/close/", {"left_on": "2025-06-30"})
    assert response.status_code in (200, 302)
    reporter_a.refresh_from_db()
    unit_a.refresh_from_db()
    assert unit_a.is_closed and not reporter_a.is_active
