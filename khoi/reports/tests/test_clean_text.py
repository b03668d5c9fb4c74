"""The document number typed for an export and a prose template's text are stored clean."""

import unicodedata

from django.urls import reverse

from khoi.reports import report_files, services
from khoi.reports.models import ReportJob


def test_a_document_number_typed_with_control_characters_reaches_the_document_clean(
    demo_staff, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(report_files, "IMMEDIATE_UNIT_LIMIT", 10)  # a job, so the number is stored
    with django_capture_on_commit_callbacks(execute=True):
        response = demo_staff.post(
            reverse("reports:export"), {"period": "2021-Y", "format": "txt", "number": "45\x01\x1f"}
        )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.status, job.number) == ("done", "45")


def test_a_prose_template_saved_in_nfd_with_control_characters_is_stored_as_nfc(demo):
    template = services.prose_template_save(
        name=unicodedata.normalize("NFD", "Mẫu\x01 năm"),
        period_kind="Y",
        text=unicodedata.normalize("NFD", "Năm nay\x02,\r\nKhối phát triển."),
    )
    assert (template.name, template.text) == ("Mẫu năm", "Năm nay,\nKhối phát triển.")
