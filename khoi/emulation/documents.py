"""Documents of commendation: the committee's decision with its attached list and a proposal's
list as Word (Party document format, khoi.core.party_document), and the lists as Excel.

Only decisions of the committee itself (an issuer with `is_own`) are generated: a decision of the
People's Committee is a state document the committee receives, not one it writes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph

from khoi.core.formatting import format_document_date
from khoi.core.party_document import (
    PartyDocumentHeader,
    SignatureBlock,
    add_paragraph,
    add_signature,
    add_table,
    document_bytes,
    new_party_document,
)
from khoi.core.workbook import Style, WorkbookWriter
from khoi.units.selectors import unit_get_bloc

from . import selectors
from .models import Award, Decision, Proposal, ProposalItem


def _person_unit(award_or_item: Award | ProposalItem) -> str:
    person = award_or_item.person
    if person is None:
        return ""
    if person.unit is not None:
        return person.unit.short_name or person.unit.name
    return person.organisation.name if person.organisation else ""


def _centered(document: Document, text: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
    paragraph = add_paragraph(document, text, bold=bold, italic=italic, indent=False)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def decision_docx(*, decision: Decision) -> bytes:
    """QUYẾT ĐỊNH … with Điều 1–3, the signature, then the attached list of collectives and people."""
    issuer = decision.issuer
    if not issuer.is_own:
        raise ValidationError({"issuer": _("Only the committee's own decisions are generated here.")})
    collectives, individuals = selectors.decision_awards(decision=decision)
    header = PartyDocumentHeader(
        parent_body=issuer.parent_body,
        issuing_body=issuer.issuing_body,
        number_symbol=decision.number_line,
        place=issuer.place,
        date=decision.signed_on,
    )
    subject = (
        decision.subject[:1].lower() + decision.subject[1:] if decision.subject.startswith("Về") else decision.subject
    )
    document = new_party_document(header, document_type="QUYẾT ĐỊNH", subject=subject)
    _centered(document, issuer.deciding_body.upper(), bold=True)
    laws = [
        f"Căn cứ {basis.citation} và các văn bản hướng dẫn thi hành;"
        for basis in selectors.legal_bases_on(on=decision.signed_on)
    ]
    for basis in (
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        *laws,
        "Căn cứ Quy chế làm việc và Quy chế thi đua, khen thưởng của Đảng ủy Khối;",
        "Xét đề nghị của Văn phòng Đảng ủy Khối,",
    ):
        add_paragraph(document, basis, italic=True)
    _centered(document, "QUYẾT ĐỊNH", bold=True)
    parts = []
    if collectives:
        parts.append(f"{len(collectives)} tập thể")
    if individuals:
        parts.append(f"{len(individuals)} cá nhân")
    achievement = decision.achievement.strip().rstrip(".")
    achievement = achievement[:1].lower() + achievement[1:]
    article_1 = (
        f"Điều 1. Tặng {decision.form.short_name} cho {' và '.join(parts)} {achievement} (có danh sách kèm theo)."
    )
    add_paragraph(document, article_1)
    add_paragraph(document, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    add_paragraph(
        document,
        "Điều 3. Văn phòng Đảng ủy Khối, các tổ chức cơ sở đảng có liên quan và các tập thể, cá nhân có tên "
        "tại Điều 1 căn cứ Quyết định thi hành./.",
    )
    add_signature(
        document,
        SignatureBlock(authority=issuer.authority, title=decision.signer_title, signer_name=decision.signer_name),
        ["Như Điều 3,", "Lưu Văn phòng Đảng ủy Khối."],
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _centered(document, f"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {decision.form.short_name.upper()}", bold=True)
    _centered(
        document,
        f"(Kèm theo Quyết định số {decision.reference}, {format_document_date(decision.signed_on)} của {issuer.name})",
        italic=True,
    )
    if collectives:
        add_paragraph(document, f"I. TẬP THỂ ({len(collectives)})", bold=True, indent=False)
        add_table(document, ["STT", "Tên tập thể"], [[str(i), a.recipient_name] for i, a in enumerate(collectives, 1)])
    if individuals:
        add_paragraph(
            document, f"{'II' if collectives else 'I'}. CÁ NHÂN ({len(individuals)})", bold=True, indent=False
        )
        add_table(
            document,
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            [
                [str(i), a.recipient_name, a.person.position if a.person else "", _person_unit(a)]
                for i, a in enumerate(individuals, 1)
            ],
        )
    return document_bytes(document)


def proposal_docx(*, proposal: Proposal) -> bytes:
    """The proposal's list (DANH SÁCH ĐỀ NGHỊ …) under the proposing unit's or bloc's header."""
    items = selectors.proposal_items(proposal=proposal)
    bloc_unit = unit_get_bloc()
    parent = bloc_unit.name if bloc_unit is not None else ""
    proposer = (
        proposal.proposer_unit.name
        if proposal.proposer_unit
        else proposal.proposer_bloc.name
        if proposal.proposer_bloc
        else ""
    )
    header = PartyDocumentHeader(
        parent_body=parent if proposal.proposer_unit else "",
        issuing_body=proposer,
        number_symbol=f"Số {proposal.number}" if proposal.number else "Số      -DS",
        place=proposal.proposer_unit.province if proposal.proposer_unit and proposal.proposer_unit.province else "",
        date=timezone.localdate(proposal.submitted_at or proposal.created_at),
    )
    document = new_party_document(
        header, document_type="DANH SÁCH", subject=f"đề nghị khen thưởng năm {proposal.year}", landscape=True
    )
    if proposal.campaign:
        add_paragraph(document, proposal.campaign.name, italic=True, indent=False).alignment = WD_ALIGN_PARAGRAPH.CENTER
    collectives = [item for item in items if item.person_id is None]
    individuals = [item for item in items if item.person_id is not None]
    if collectives:
        add_paragraph(document, f"I. TẬP THỂ ({len(collectives)})", bold=True, indent=False)
        add_table(
            document,
            ["STT", "Tên tập thể", "Hình thức đề nghị", "Thành tích"],
            [[str(i), it.recipient_name, it.form.name, it.achievement] for i, it in enumerate(collectives, 1)],
        )
    if individuals:
        add_paragraph(
            document, f"{'II' if collectives else 'I'}. CÁ NHÂN ({len(individuals)})", bold=True, indent=False
        )
        add_table(
            document,
            ["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Hình thức đề nghị", "Thành tích"],
            [
                [
                    str(i),
                    it.recipient_name,
                    str(it.person.birth_date.year) if it.person and it.person.birth_date else "",
                    ", ".join(x for x in (it.person.position if it.person else "", _person_unit(it)) if x),
                    it.form.name,
                    it.achievement,
                ]
                for i, it in enumerate(individuals, 1)
            ],
        )
    return document_bytes(document)


def _workbook(title: str, subtitle: str, headers: list[str], rows: list[list[object]]) -> bytes:
    writer = WorkbookWriter()
    sheet = writer.sheet("Danh sách")
    sheet.title_row(title)
    sheet.append([subtitle])
    sheet.blank()
    sheet.header(headers, style=Style(bold=True, horizontal="center", wrap=True))
    sheet.extend(rows)
    sheet.column_widths([6, 40, 30, 40, 30, 40][: len(headers)])
    return writer.to_bytes()


def decision_xlsx(*, decision: Decision, personal_data: bool) -> bytes:
    collectives, individuals = selectors.decision_awards(decision=decision)
    headers = ["STT", "Tập thể / cá nhân", "Loại", "Chức vụ", "Đơn vị"]
    if personal_data:
        headers.append("Ngày sinh")
    rows: list[list[object]] = []
    for index, award in enumerate([*collectives, *individuals], start=1):
        row: list[object] = [
            index,
            award.recipient_name,
            "Cá nhân" if award.person_id else "Tập thể",
            award.person.position if award.person and personal_data else "",
            _person_unit(award),
        ]
        if personal_data:
            row.append(award.person.birth_date if award.person and award.person.birth_date else None)
        rows.append(row)
    subtitle = (
        f"Quyết định số {decision.reference}, {format_document_date(decision.signed_on)} của {decision.issuer.name}"
    )
    return _workbook(
        f"DANH SÁCH ĐƯỢC TẶNG {decision.form.short_name.upper()} NĂM {decision.year}", subtitle, headers, rows
    )


def proposal_xlsx(*, proposal: Proposal, personal_data: bool) -> bytes:
    items = selectors.proposal_items(proposal=proposal)
    headers = ["STT", "Tập thể / cá nhân", "Hình thức đề nghị", "Đơn vị", "Thành tích"]
    if personal_data:
        headers.append("Chức vụ")
    rows: list[list[object]] = []
    for index, item in enumerate(items, start=1):
        row: list[object] = [index, item.recipient_name, item.form.name, _person_unit(item), item.achievement]
        if personal_data:
            row.append(item.person.position if item.person else "")
        rows.append(row)
    return _workbook(f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {proposal.year}", proposal.title, headers, rows)
