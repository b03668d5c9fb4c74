"""Decision drafts of the bloc committee in the Party document format (khoi.core.party_document,
Hướng dẫn 36-HD/VPTW): admission (kết nạp), recognition as a full member (chuyển chính thức) and
recognition of the annual grading (công nhận xếp loại); the due-for-conversion list as Excel
(khoi.core.workbook). Always Vietnamese. The signer's name is left for the Office to fill in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from khoi.core.formatting import format_document_date, format_short_date
from khoi.core.party_document import (
    PartyDocumentHeader,
    SignatureBlock,
    add_paragraph,
    add_signature,
    add_table,
    document_bytes,
    new_party_document,
)
from khoi.core.providers import provider
from khoi.core.workbook import Style, WorkbookWriter
from khoi.units.selectors import unit_get_bloc

from .models import GRADE_ORDER, Decision, Grade, Person, Step
from .selectors import DueRow

GRADE_WORDS = {
    Grade.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "Hoàn thành tốt nhiệm vụ",
    Grade.COMPLETED: "Hoàn thành nhiệm vụ",
    Grade.NOT_COMPLETED: "Không hoàn thành nhiệm vụ",
}
STATE_WORDS = {"due": "Sắp đến hạn", "ready": "Đã hết dự bị, trong hạn xét", "overdue": "Quá hạn xét"}


def _issuing_body() -> str:
    bloc = unit_get_bloc()
    name = (bloc.name if bloc else "Đảng bộ Khối Doanh nghiệp").upper()
    return name.replace("ĐẢNG BỘ", "ĐẢNG ỦY", 1)


def _header(decision: Decision) -> PartyDocumentHeader:
    """The bloc's own header, as staff set it for its reports (parent body, place), with the
    decision's number and date; without the reports app, the bloc's name and province."""
    bloc = unit_get_bloc()
    parent_body, place = "", bloc.province if bloc else ""
    document_head = provider("reports.document_head")
    if document_head is not None:
        header = document_head(on=decision.signed_on).header
        parent_body, place = header.parent_body, header.place or place
    return PartyDocumentHeader(
        parent_body=parent_body,
        issuing_body=_issuing_body(),
        number_symbol=f"Số {decision.number}",
        place=place,
        date=decision.signed_on,
    )


def _centered(document: Document, text: str, *, bold: bool = False) -> None:
    paragraph = add_paragraph(document, text, bold=bold, indent=False)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _frame(decision: Decision, subject: str, bases: Sequence[str], articles: Sequence[str]) -> Document:
    document = new_party_document(_header(decision), document_type="QUYẾT ĐỊNH", subject=subject)
    _centered(document, f"BAN THƯỜNG VỤ {_issuing_body()}", bold=True)
    for basis in ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", *bases):
        add_paragraph(document, basis)
    _centered(document, "QUYẾT ĐỊNH", bold=True)
    for article in articles:
        add_paragraph(document, article)
    add_signature(
        document,
        SignatureBlock(authority="T/M BAN THƯỜNG VỤ", title="BÍ THƯ", signer_name=""),
        ["Như Điều 3,", "Ban Tổ chức Đảng ủy Khối,", "Lưu Văn phòng Đảng ủy Khối."],
    )
    return document


def _person_line(person: Person) -> str:
    return f"đồng chí {person.full_name}, sinh ngày {format_short_date(person.birth_date)}"


def _step(person: Person, step: Step) -> Decision:
    row = person.steps.filter(step=step).select_related("decision").first()
    if row is None or row.decision is None:
        raise ValidationError({"step": "Chưa có quyết định cho bước này."})
    return row.decision


def admission_decision_docx(*, person: Person) -> bytes:
    decision = _step(person, Step.DECISION)
    unit = person.unit.name
    document = _frame(
        decision,
        "Về việc kết nạp đảng viên",
        [
            "Căn cứ Quy định thi hành Điều lệ Đảng và Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng;",
            f"Xét đề nghị của {unit} và Ban Tổ chức Đảng ủy Khối,",
        ],
        [
            f"Điều 1. Kết nạp {_person_line(person)}, vào Đảng Cộng sản Việt Nam.",
            "Điều 2. Thời gian dự bị 12 tháng, tính từ ngày chi bộ tổ chức lễ kết nạp; chi bộ tổ chức lễ kết nạp "
            "trong thời hạn 30 ngày làm việc kể từ ngày nhận được Quyết định này.",
            f"Điều 3. Ban Tổ chức Đảng ủy Khối, {unit} và đồng chí có tên tại Điều 1 thi hành Quyết định này.",
        ],
    )
    return document_bytes(document)


def conversion_decision_docx(*, person: Person) -> bytes:
    decision = _step(person, Step.CONVERSION)
    unit = person.unit.name
    admitted = format_short_date(person.admitted_on) if person.admitted_on else "—"
    document = _frame(
        decision,
        "Về việc công nhận đảng viên chính thức",
        [f"Xét đề nghị của {unit} và Ban Tổ chức Đảng ủy Khối,"],
        [
            f"Điều 1. Công nhận {_person_line(person)}, kết nạp ngày {admitted}, là đảng viên chính thức "
            f"của Đảng Cộng sản Việt Nam kể từ ngày {format_short_date(person.full_member_on or decision.signed_on)}.",
            "Điều 2. Tuổi đảng của đồng chí được tính từ ngày ghi trong quyết định kết nạp.",
            f"Điều 3. Ban Tổ chức Đảng ủy Khối, {unit} và đồng chí có tên tại Điều 1 thi hành Quyết định này.",
        ],
    )
    return document_bytes(document)


def grading_decision_docx(*, decision: Decision) -> bytes:
    gradings = list(decision.gradings.select_related("unit", "person"))
    if not gradings:
        raise ValidationError({"decision": "Quyết định này không có kết quả xếp loại."})
    year = gradings[0].year
    rows = sorted(gradings, key=lambda g: (GRADE_ORDER.index(Grade(g.grade)), g.unit.code if g.unit else ""))
    counts = {grade: sum(1 for g in gradings if g.grade == grade) for grade in GRADE_ORDER}
    summary = "; ".join(f"{GRADE_WORDS[g].lower()}: {n}" for g, n in counts.items() if n)
    document = _frame(
        decision,
        f"Về việc công nhận kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng năm {year}",
        [
            "Căn cứ quy định, hướng dẫn của Trung ương về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm;",
            "Xét đề nghị của Ban Tổ chức Đảng ủy Khối,",
        ],
        [
            f"Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng năm {year} đối với {len(gradings)} tổ chức "
            f"cơ sở đảng ({summary}), theo danh sách kèm theo.",
            "Điều 2. Các tổ chức cơ sở đảng căn cứ kết quả xếp loại, xây dựng kế hoạch khắc phục hạn chế, khuyết điểm.",
            "Điều 3. Ban Tổ chức Đảng ủy Khối và các tổ chức cơ sở đảng có tên trong danh sách "
            "thi hành Quyết định này.",
        ],
    )
    add_paragraph(document, "DANH SÁCH KÈM THEO", bold=True, indent=False)
    add_table(
        document,
        ["STT", "Tổ chức cơ sở đảng", "Mức xếp loại"],
        [
            [str(i), g.unit.name if g.unit else str(g.person), GRADE_WORDS[Grade(g.grade)]]
            for i, g in enumerate(rows, 1)
        ],
    )
    return document_bytes(document)


def due_list_xlsx(*, rows: Sequence[DueRow], on: dt.date) -> bytes:
    writer = WorkbookWriter()
    sheet = writer.sheet("Đến hạn chuyển chính thức")
    sheet.title_row("DANH SÁCH ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CHUYỂN CHÍNH THỨC")
    sheet.append([f"Tính đến {format_document_date(on)}"])
    sheet.blank()
    sheet.header(
        ["STT", "Họ và tên", "Ngày sinh", "Tổ chức cơ sở đảng", "Ngày kết nạp", "Hết dự bị", "Hạn xét", "Tình trạng"],
        style=Style(bold=True, horizontal="center", wrap=True),
    )
    sheet.extend(
        [
            [
                i,
                row.person.full_name,
                row.person.birth_date,
                row.person.unit.name,
                row.person.admitted_on,
                row.probation_ends_on,
                row.review_by,
                STATE_WORDS[row.state],
            ]
            for i, row in enumerate(rows, 1)
        ]
    )
    sheet.column_widths([6, 28, 12, 45, 13, 13, 13, 26])
    return writer.to_bytes()
