"""The pages do the work end to end: a reporter proposes, staff review and record the decision,
a member attaches evidence; the ranking page does not grow queries with the members."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from khoi.emulation import services
from khoi.emulation.models import Award, Evidence, Proposal, ProposalStatus, Scorecard

from .factories import make_emulation_bloc, simple_sections


def test_a_reporter_proposes_its_people_and_staff_approve_and_decide(
    reporter_a_client, staff_client, unit_a, catalogue
):
    data = {
        "title": "Đề nghị Giấy khen năm 2020",
        "year": "2020",
        "form": catalogue["forms"]["GK"].pk,
        "campaign": catalogue["campaign"].pk,
        "include_unit": "on",
        "unit_achievement": "Thực hiện tốt Chỉ thị 05",
        "people-TOTAL_FORMS": "3",
        "people-INITIAL_FORMS": "0",
        "people-0-full_name": "Phạm Thị Thu",
        "people-0-birth_date": "1985-03-09",
        "people-0-gender": "female",
        "people-0-position": "Bí thư Chi đoàn",
        "people-0-achievement": "Tiêu biểu",
    }
    response = reporter_a_client.post(reverse("emulation:proposal_create"), data)
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.proposer_unit == unit_a and proposal.items.count() == 2
    reporter_a_client.post(reverse("emulation:proposal_submit", args=[proposal.pk]))
    staff_client.post(reverse("emulation:proposal_review", args=[proposal.pk]), {"approve": "1", "note": ""})
    assert Proposal.objects.get().status == ProposalStatus.APPROVED
    form = catalogue["forms"]["GK"]
    response = staff_client.post(
        reverse("emulation:decision_create"),
        {
            "issuer": form.issuer_id,
            "form": form.pk,
            "number": "86",
            "signed_on": "2021-06-28",
            "signer_name": "Đỗ Quang Khoa",
            "signer_title": "Bí thư",
            "subject": "Về việc tặng Giấy khen",
            "year": "2020",
            "campaign": catalogue["campaign"].pk,
            "achievement": "Đã có thành tích xuất sắc",
            "proposals": [proposal.pk],
        },
    )
    assert response.status_code == 302
    assert Award.objects.count() == 2 and Proposal.objects.get().status == ProposalStatus.DECIDED


def test_a_bad_decision_form_shows_the_vietnamese_error_and_saves_nothing(staff_client, catalogue):
    form = catalogue["forms"]["GK"]
    response = staff_client.post(
        reverse("emulation:decision_create"),
        {
            "issuer": catalogue["city"].pk,
            "form": form.pk,
            "number": "1",
            "signed_on": "2021-01-01",
            "signer_name": "A",
            "signer_title": "B",
            "subject": "C",
            "year": "2020",
            "proposals": [],
        },
    )
    assert response.status_code == 200 and not Award.objects.exists()


@pytest.fixture
def card(unit_a, catalogue):
    bloc = make_emulation_bloc([unit_a], ["Hội Nữ doanh nhân Hải Phòng"])
    agreement = services.agreement_create(bloc=bloc, year=2020, title="Giao ước", sections=simple_sections())
    return Scorecard.objects.get(agreement=agreement, member__unit=unit_a)


def test_a_member_attaches_evidence_and_only_its_unit_and_the_committee_can_download_it(
    card, reporter_a_client, reporter_b_client, leader_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    reporter_a_client.post(reverse("emulation:scorecard", args=[card.pk]), {"action": "evidence", "file": upload})
    evidence = Evidence.objects.get()
    url = reverse("emulation:evidence", args=[evidence.pk])
    assert reporter_b_client.get(url).status_code == 404
    assert leader_client.get(url).status_code == 200
    download = reporter_a_client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"].startswith('attachment; filename="')  # khoi.core.downloads


def test_a_refused_evidence_file_is_reported_on_the_page(card, reporter_a_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("script.exe", b"MZ", content_type="application/octet-stream")
    response = reporter_a_client.post(
        reverse("emulation:scorecard", args=[card.pk]), {"action": "evidence", "file": upload}, follow=True
    )
    assert "PDF" in response.content.decode() and not Evidence.objects.exists()


def test_the_ranking_page_runs_a_fixed_number_of_queries(bloc, catalogue, staff_client):
    from khoi.units.tests.factories import make_unit

    def queries(members: int) -> int:
        Proposal.objects.all().delete()
        units = [make_unit(bloc) for _ in range(members)]
        emulation_bloc = make_emulation_bloc(units, [])
        emulation_bloc.code = f"b{members}"
        emulation_bloc.save()
        agreement = services.agreement_create(bloc=emulation_bloc, year=2020, title="G", sections=simple_sections())
        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(reverse("emulation:ranking", args=[agreement.pk])).status_code == 200
        return len(context.captured_queries)

    assert queries(3) == queries(12)
