"""Printable agendas (PDF with Vietnamese text), the Excel export, and `market_search`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from khoi.marketplace import exports, services
from khoi.marketplace.models import Meeting


@pytest.fixture
def scheduled(participant_a, participant_b):
    request = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    services.meeting_request_answer(actor=None, request=request, accept=True, slot_index=2)
    return Meeting.objects.get(request=request)


def _pdf_text(data: bytes, tmp_path) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_a_participants_agenda_pdf_keeps_the_diacritics(scheduled, participant_a, tmp_path):
    text = _pdf_text(exports.participant_agenda_pdf(participant=participant_a), tmp_path)
    assert "Lịch gặp của" in text
    assert "Hội nghị thử" in text
    assert "14:20–14:40" in text
    assert participant_a.enterprise.name.split()[0] in text


def test_a_printed_agenda_says_its_version_and_when_the_committee_changed_it(scheduled, participant_a, tmp_path):
    participant_a.agenda_version = 3
    participant_a.agenda_changed_at = dt.datetime(2024, 7, 9, 8, 5, tzinfo=dt.UTC)
    participant_a.save(update_fields=["agenda_version", "agenda_changed_at"])
    text = _pdf_text(exports.participant_agenda_pdf(participant=participant_a), tmp_path)
    assert "Phiên bản 3" in text
    assert "15:05 09/07/2024" in text  # Asia/Ho_Chi_Minh


def test_a_table_agenda_lists_the_meetings_of_that_table(scheduled, conference, tmp_path):
    text = _pdf_text(exports.table_agenda_pdf(conference=conference, table_numbers=[1, 2]), tmp_path)
    assert "Bàn 1" in text and "Bàn 2" in text
    assert "Trống" in text


def test_the_excel_export_lists_every_meeting_and_participant(scheduled, conference, participant_out):
    workbook = load_workbook(io.BytesIO(exports.schedule_workbook(conference=conference)))
    meetings, participants = workbook.worksheets
    assert meetings["A1"].value == "Hội nghị thử"
    assert [cell.value for cell in meetings[5]][:2] == ["14:20–14:40", 1]
    assert participants.max_row == 4  # heading + 3 participants


def test_market_search_prints_the_ranked_results(corpus):
    out = io.StringIO()
    call_command("market_search", "nuoc sach", stdout=out)
    first_line = out.getvalue().splitlines()[0]
    assert first_line.startswith("  1.") and "Cung cấp nước sạch cho khu công nghiệp" in first_line


def test_market_search_prints_json(corpus):
    out = io.StringIO()
    call_command("market_search", "logictic", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows[0]["title"] == "Dịch vụ logistics trọn gói"
    assert rows[0]["rank"] == 1
