"""Comments and explanations on forms are stored clean: NFC, no control characters, "\n" line breaks."""

from __future__ import annotations

import unicodedata

import pytest

from khoi.reporting import services
from khoi.reporting.models import Indicator, Submission
from khoi.reporting.tests.factories import record

from .test_workflow import complete_values

pytestmark = pytest.mark.django_db


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_comment_sent_through_the_api_in_nfd_with_control_characters_is_stored_as_nfc(
    submission_a,
    reporter_a,
    staff_client,
):
    services.submission_save_and_submit(
        submission=submission_a, actor=reporter_a, values=complete_values(), explanations={}, expected_version=None
    )
    response = staff_client.post(
        f"/api/v1/reporting/submissions/{submission_a.pk}/return/",
        {"comment": _nfd("Kiểm tra\x01 lại\r\ndoanh thu\x1f")},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert Submission.objects.get(pk=submission_a.pk).return_comment == "Kiểm tra lại\ndoanh thu"


def test_an_explanation_posted_with_control_characters_is_stored_as_nfc(submission_a, reporter_a, unit_a):
    record(unit_a, Indicator.objects.get(code="revenue"), "2020-H1", 100)
    submitted = services.submission_save_and_submit(
        submission=submission_a,
        actor=reporter_a,
        values=complete_values(revenue="200"),
        explanations={"revenue-change-50": _nfd("Hợp đồng mới\x0c với cảng\r Lạch Huyện\x00")},
        expected_version=0,
    )
    assert submitted.explanations == {"revenue-change-50": "Hợp đồng mới\n với cảng\n Lạch Huyện"}
