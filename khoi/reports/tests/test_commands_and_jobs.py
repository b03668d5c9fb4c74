"""The command line, and long documents generated in the background with progress."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from khoi.reports import report_files
from khoi.reports.models import ReportJob

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


@pytest.mark.parametrize("format", ["txt", "docx", "xlsx", "pdf"])
def test_bloc_report_writes_each_format(demo, tmp_path, format):
    target = tmp_path / f"bao-cao.{format}"
    call_command("bloc_report", period="2021-H1", format=format, output=str(target), stderr=io.StringIO())
    content = target.read_bytes()
    magic = {"txt": "BÁO CÁO".encode(), "docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}[format]
    assert content.startswith(magic)
    assert not (tmp_path / f"bao-cao.{format}.part").exists()


def _check_article(path, period, *args):
    out = io.StringIO()
    try:
        call_command("check_article", str(path), *args, period=period, stdout=out)
    except SystemExit as stop:
        return stop.code, out.getvalue()
    return 0, out.getvalue()


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles are not on this machine")
def test_check_article_exits_0_on_the_seed_and_1_on_an_altered_copy(demo, tmp_path):
    seed = SEEDS / "2021-12-28-hoi-nghi-lan-thu-bay.txt"
    status, out = _check_article(seed, "2021-Y")
    assert status == 0
    assert "Đúng 15, sai 0, không khớp 0" in out
    altered = tmp_path / "sua.txt"
    altered.write_text(seed.read_text(encoding="utf-8").replace("0,78%", "0,87%"), encoding="utf-8")
    status, out = _check_article(altered, "2021-Y", "--json")
    assert status == 1
    payload = json.loads(out)
    assert payload["summary"]["wrong"] == 1
    assert [m["expected"] for m in payload["marks"] if m["status"] == "wrong"] == ["0,78%"]


def test_a_large_scope_is_generated_in_the_background_with_progress(
    demo_staff, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(report_files, "IMMEDIATE_UNIT_LIMIT", 10)
    with django_capture_on_commit_callbacks(execute=True):
        response = demo_staff.post(reverse("reports:export"), {"period": "2021-Y", "format": "docx", "number": "45"})
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    assert (job.status, job.progress, job.filename) == ("done", 100, "bao-cao-2021-Y.docx")
    page = demo_staff.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in page  # finished: polling stops
    assert reverse("reports:job_download", args=[job.pk]) in page
    download = demo_staff.get(reverse("reports:job_download", args=[job.pk]))
    assert download.content[:2] == b"PK"


def test_a_running_job_polls_for_its_progress(demo_staff):
    from khoi.accounts.models import User

    job = ReportJob.objects.create(
        requested_by=User.objects.get(username="vanphong"),
        period_code="2021-Y",
        format="pdf",
        progress=40,
        status=ReportJob.Status.RUNNING,
    )
    page = demo_staff.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert 'value="40"' in page


def test_a_small_scope_downloads_at_once(demo_staff):
    response = demo_staff.post(reverse("reports:export"), {"period": "2021-Y", "format": "pdf", "group": "ngan-hang"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2021-Y.pdf"'
    assert not ReportJob.objects.exists()


def test_a_job_that_fails_records_a_vietnamese_message_and_no_file(demo):
    from khoi.accounts.models import User
    from khoi.reports import services

    job = ReportJob.objects.create(
        requested_by=User.objects.get(username="vanphong"), period_code="2019-Y", format="pdf"
    )
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.content is None
    assert job.message == "Chưa có số liệu đã duyệt của năm 2019 trong phạm vi này."
