"""The export page's zip is made by the task worker (the immediate backend here), kept in private
storage, downloaded only by the person who asked, and deleted when its time is up."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from khoi.core import export_jobs
from khoi.core.models import ExportJob


@pytest.fixture(autouse=True)
def private_exports(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "exports", "base_url": None},
        },
    }
    return tmp_path / "exports"


def _export(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/export/", data)
    assert response.status_code == 302
    return ExportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1]), response


def test_the_office_asks_for_the_zip_and_downloads_it_from_the_job(
    staff_client, bloc, unit_a, django_capture_on_commit_callbacks, private_exports
):
    assert "units.xlsx" in staff_client.get("/export/").content.decode()
    job, response = _export(staff_client, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/export/{job.pk}/"
    assert (job.status, job.progress) == (ExportJob.Status.DONE, 100)
    assert job.expires_at - job.finished_at == dt.timedelta(hours=settings.KHOI_EXPORT_HOURS)
    assert (private_exports / job.file_name).stat().st_size == job.size > 0
    page = staff_client.get(f"/export/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in page and f"/export/{job.pk}/download/" in page
    download = staff_client.get(f"/export/{job.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert "du-lieu-khoi-" in download["Content-Disposition"] and "no-store" in download["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert "manifest.json" in names and "units.xlsx" in names and "accounts.json" not in names
    assert json.loads(archive.read("manifest.json"))["with_personal_data"] is False
    assert str(job.pk) in staff_client.get("/export/").content.decode()  # listed among recent exports


def test_personal_data_comes_only_when_asked(staff_client, bloc, django_capture_on_commit_callbacks):
    job, _response = _export(staff_client, django_capture_on_commit_callbacks, with_personal_data="on")
    download = staff_client.get(f"/export/{job.pk}/download/")
    assert "accounts.json" in zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()


def test_before_the_worker_runs_the_page_polls_and_there_is_nothing_to_download(
    staff_client, bloc, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = staff_client.post("/export/")
    job = ExportJob.objects.get()
    assert len(queued) == 1 and job.status == ExportJob.Status.QUEUED and job.file_name == ""
    page = staff_client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="0"' in page
    assert staff_client.get(f"/export/{job.pk}/download/").status_code == 404
    queued[0]()  # the transaction commits: the task runs
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert staff_client.get(f"/export/{job.pk}/download/").status_code == 200


def test_another_person_s_export_is_404_even_for_an_administrator(
    staff_client, admin_client, bloc, django_capture_on_commit_callbacks
):
    job, _response = _export(staff_client, django_capture_on_commit_callbacks)
    assert admin_client.get(f"/export/{job.pk}/").status_code == 404
    assert admin_client.get(f"/export/{job.pk}/download/").status_code == 404
    assert staff_client.get(f"/export/{uuid.uuid4()}/").status_code == 404


@pytest.mark.parametrize("who", ["reporter_a_client", "leader_client", "propaganda_client"])
def test_those_who_may_not_export_get_403_on_every_export_address(request, who):
    client = request.getfixturevalue(who)
    job = ExportJob.objects.create(requested_by=request.getfixturevalue("staff_user"))
    for url in (f"/export/{job.pk}/", f"/export/{job.pk}/download/"):
        assert client.get(url).status_code == 403


def test_anonymous_people_are_sent_to_sign_in_for_a_job(staff_user):
    job = ExportJob.objects.create(requested_by=staff_user)
    response = Client().get(f"/export/{job.pk}/download/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_zip_past_its_time_is_no_longer_served_and_the_periodic_job_deletes_it(
    staff_client, bloc, django_capture_on_commit_callbacks, private_exports
):
    job, _response = _export(staff_client, django_capture_on_commit_callbacks)
    kept, _response = _export(staff_client, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert staff_client.get(f"/export/{job.pk}/download/").status_code == 404
    out = io.StringIO()
    call_command("exports_expire", stdout=out)
    assert out.getvalue().strip() == "1 deleted"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.EXPIRED and job.file_name == ""
    assert [path.name for path in private_exports.iterdir()] == [kept.file_name]
    assert "xóa" in staff_client.get(f"/export/{job.pk}/").content.decode()
    assert staff_client.get(f"/export/{kept.pk}/download/").status_code == 200


def test_a_job_runs_once_even_if_its_task_comes_twice(staff_user, bloc, private_exports):
    job = ExportJob.objects.create(requested_by=staff_user)
    export_jobs.export_job_run(job_id=job.pk)
    export_jobs.export_job_run(job_id=job.pk)
    assert len(list(private_exports.iterdir())) == 1


def test_the_private_storage_is_neither_media_nor_static():
    from config.settings import base as real  # as configured, not as this module's fixture sets it

    location = Path(real.STORAGES["exports"]["OPTIONS"]["location"]).resolve()
    for served in (real.MEDIA_ROOT, real.STATIC_ROOT, *real.STATICFILES_DIRS):
        assert not location.is_relative_to(Path(served).resolve())
    assert real.STORAGES["exports"]["OPTIONS"]["base_url"] is None
