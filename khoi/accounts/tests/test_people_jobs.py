"""Reporters in bulk in the task worker: the request records a job; the page shows its progress
before the task has run; the worker creates everyone or nobody, hashing each password once; the
passwords stay on the job for CREDENTIALS_MINUTES at most; a job is its requester's only."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from khoi.accounts import people_jobs
from khoi.accounts.credentials import CREDENTIALS_MINUTES
from khoi.accounts.models import PeopleJob, Role, User
from khoi.accounts.tests.factories import PASSWORD, make_user

PASSWORD_PATTERN = r"(?<![\w-])[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}(?![\w-])"  # not a piece of a job's id


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, tests only) that counts what it hashes: checks and new hashes alike."""

    algorithm = "counting_md5"
    calls: list[str] = []

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.calls.append(password)
        return super().encode(password, salt)


@pytest.fixture
def counted():
    CountingHasher.calls = []
    with override_settings(PASSWORD_HASHERS=[f"{__name__}.CountingHasher"]):
        yield CountingHasher.calls


def _rows(*people: tuple[str, str, str]) -> list[dict[str, object]]:
    return [
        {"row": number, "name": name, "contact": contact, "unit_code": code}
        for number, (name, contact, code) in enumerate(people, start=2)
    ]


def _job(staff_user, rows, *, invite=False):
    return PeopleJob.objects.create(
        requested_by=staff_user, rows=rows, invite=invite, total=len(rows), site_url="http://testserver/"
    )


def _preview_token(client, unit_a, unit_b) -> str:
    page = client.post("/accounts/people/", {"source": "register"}).content.decode()
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


# ---- Before the worker ---------------------------------------------------------------------------


def test_the_request_records_a_job_and_its_page_polls_before_the_task_ran(
    staff_client, unit_a, unit_b, django_capture_on_commit_callbacks
):
    token = _preview_token(staff_client, unit_a, unit_b)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = staff_client.post("/accounts/people/confirm/", {"token": token, "delivery": "print"})
    job = PeopleJob.objects.get()
    assert len(queued) == 1  # the task is handed over only when the request's transaction commits
    assert response["Location"] == f"/accounts/people/jobs/{job.pk}/"
    assert (job.status, job.total, job.credentials) == (PeopleJob.Status.QUEUED, 2, [])
    assert not User.objects.filter(role=Role.REPORTER).exists()
    page = staff_client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200 and 'hx-trigger="every 1s"' in text and 'value="0"' in text
    assert "Đang chờ" in text
    partial = staff_client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="people-job"') and "<html" not in partial
    assert staff_client.get(f"/accounts/people/jobs/{job.pk}/credentials/").status_code == 404
    queued[0]()
    job.refresh_from_db()
    assert job.status == PeopleJob.Status.DONE and User.objects.filter(role=Role.REPORTER).count() == 2
    assert job.rows == []  # the preview's rows are not kept once done


def test_a_running_job_shows_its_progress(staff_user, staff_client):
    job = _job(staff_user, [])
    PeopleJob.objects.filter(pk=job.pk).update(status=PeopleJob.Status.RUNNING, progress=45)
    page = staff_client.get(f"/accounts/people/jobs/{job.pk}/").content.decode()
    assert 'value="45"' in page and "hx-get" in page


# ---- The worker ----------------------------------------------------------------------------------


def test_the_worker_hashes_each_password_once_and_invited_people_not_at_all(staff_user, unit_a, unit_b, counted):
    job = _job(
        staff_user,
        _rows(("Nguyễn Văn An", "an@example.vn", unit_a.code), ("Trần Thị Bình", "0912345678", unit_b.code)),
        invite=True,
    )
    people_jobs.people_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == PeopleJob.Status.DONE and job.created_count == 2 and job.invited_count == 1
    assert len(counted) == 1  # one printed password, hashed once; the invited person has none
    [account] = job.credentials
    assert account["username"] == "0912345678" and re.fullmatch(PASSWORD_PATTERN, account["password"])
    counted.clear()
    assert User.objects.get(username="0912345678").check_password(account["password"])
    assert len(counted) == 1


def test_many_people_hash_once_each_in_batches_with_progress(staff_user, bloc, counted, monkeypatch):
    from khoi.units.tests.factories import make_unit

    units = [make_unit(bloc, code=f"DV{number:03}") for number in range(1, 13)]
    seen: list[int] = []
    real = people_jobs._progress

    def progress(job_id, percent):
        seen.append(percent)
        real(job_id, percent)

    monkeypatch.setattr(people_jobs, "_progress", progress)
    job = _job(staff_user, _rows(*((f"Người {u.code}", "", u.code) for u in units)))
    people_jobs.people_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.created_count == 12 and len(job.credentials) == 12
    assert len(counted) == 12 and len(set(counted)) == 12
    assert seen == sorted(seen) and len(seen) >= 3 and seen[-1] == 95


def test_a_job_whose_rows_went_stale_creates_nobody_and_says_why(staff_user, unit_a, unit_b):
    job = _job(
        staff_user,
        _rows(("Nguyễn Văn An", "an@example.vn", unit_a.code), ("Trần Thị Bình", "0912345678", unit_b.code)),
    )
    make_user("0912345678", role=Role.REPORTER, unit=unit_b)  # taken between the preview and the worker
    people_jobs.people_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == PeopleJob.Status.FAILED and job.credentials == [] and job.rows == []
    assert any("0912345678" in problem for problem in job.problems)
    assert not User.objects.filter(username="an@example.vn").exists()


def test_a_task_delivered_twice_creates_once(staff_user, unit_a):
    job = _job(staff_user, _rows(("Nguyễn Văn An", "an@example.vn", unit_a.code)))
    people_jobs.people_job_run(job_id=job.pk)
    people_jobs.people_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == PeopleJob.Status.DONE and User.objects.filter(username="an@example.vn").count() == 1


# ---- The passwords' time -------------------------------------------------------------------------


def test_passwords_are_kept_thirty_minutes_at_most_then_emptied(staff_user, staff_client, unit_a, unit_b):
    job = _job(staff_user, _rows(("Nguyễn Văn An", "", unit_a.code), ("Trần Thị Bình", "", unit_b.code)))
    started = timezone.now()
    people_jobs.people_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert started + dt.timedelta(minutes=CREDENTIALS_MINUTES) <= job.credentials_until
    assert job.credentials_until <= timezone.now() + dt.timedelta(minutes=CREDENTIALS_MINUTES)
    sheet = f"/accounts/people/jobs/{job.pk}/credentials/"
    page = staff_client.get(sheet)
    assert len(re.findall(PASSWORD_PATTERN, page.content.decode())) == 2
    assert "no-store" in page["Cache-Control"] and "no-store" in staff_client.get(f"{sheet}xlsx/")["Cache-Control"]
    PeopleJob.objects.filter(pk=job.pk).update(credentials_until=timezone.now() - dt.timedelta(seconds=1))
    assert staff_client.get(sheet).status_code == 404  # past its time: emptied by the read
    job.refresh_from_db()
    assert job.credentials == [] and job.credentials_until is None


def test_the_periodic_job_empties_passwords_nobody_came_back_for(staff_user, unit_a, unit_b):
    late = _job(staff_user, _rows(("Nguyễn Văn An", "", unit_a.code)))
    fresh = _job(staff_user, _rows(("Trần Thị Bình", "", unit_b.code)))
    people_jobs.people_job_run(job_id=late.pk)
    people_jobs.people_job_run(job_id=fresh.pk)
    PeopleJob.objects.filter(pk=late.pk).update(credentials_until=timezone.now() - dt.timedelta(minutes=1))
    out = io.StringIO()
    call_command("people_credentials_expire", stdout=out)
    assert out.getvalue().strip() == "1 forgotten"
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert late.credentials == [] and len(fresh.credentials) == 1


# ---- Whose job -----------------------------------------------------------------------------------


def test_another_person_s_job_is_404_even_for_the_office(staff_user, organisation_user, unit_a):
    job = _job(staff_user, _rows(("Nguyễn Văn An", "", unit_a.code)))
    people_jobs.people_job_run(job_id=job.pk)
    other = Client()
    other.force_login(organisation_user)
    base = f"/accounts/people/jobs/{job.pk}/"
    for url in (base, f"{base}credentials/", f"{base}credentials/xlsx/", f"{base}credentials/pdf/"):
        assert other.get(url).status_code == 404, url
    assert other.post(f"{base}credentials/forget/").status_code == 404
    job.refresh_from_db()
    assert len(job.credentials) == 1  # still there for the person who asked
    assert str(job.pk) not in other.get("/accounts/people/").content.decode()
    mine = Client()
    mine.force_login(staff_user)
    assert f"/accounts/people/jobs/{job.pk}/" in mine.get("/accounts/people/").content.decode()


def test_anonymous_people_are_sent_to_sign_in_for_a_job(staff_user):
    job = _job(staff_user, [])
    response = Client().get(f"/accounts/people/jobs/{job.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# ---- The first change --------------------------------------------------------------------------


def test_the_first_change_hashes_the_old_password_once_and_the_new_once(unit_a, counted):
    user = make_user("0912345678", role=Role.REPORTER, unit=unit_a, must_change_password=True)
    client = Client()
    client.force_login(user)
    counted.clear()
    new = "Cang-Bien-2025-moi!"
    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert counted == [PASSWORD, new]
    counted.clear()
    same = client.post("/accounts/password/", {"old_password": new, "new_password1": new, "new_password2": new})
    assert same.status_code == 200 and "khác" in same.content.decode()
    assert counted == [new]
