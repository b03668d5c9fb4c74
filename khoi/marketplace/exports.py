"""Printable agendas (PDF, through khoi.core.pdf) and the Excel export of a conference's schedule.

Paper agendas are what people hold on the day when the venue's Wi-Fi fails.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace

from khoi.core.formatting import format_long_date
from khoi.core.pdf import SANS, new_pdf, pdf_bytes
from khoi.core.templatetags.vn import vn_date
from khoi.core.workbook import BOLD, PLAIN, TEXT_FORMAT, Style, WorkbookWriter

from . import selectors
from .models import Conference, Participant


def _header(pdf: FPDF, conference: Conference, subtitle: str) -> None:
    pdf.add_page()
    pdf.set_font(SANS, "B", 13)
    pdf.multi_cell(0, 7, conference.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, "", 10)
    pdf.multi_cell(
        0, 5, f"{format_long_date(conference.date).capitalize()} · {conference.venue}", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(2)
    pdf.set_font(SANS, "B", 12)
    pdf.multi_cell(0, 7, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _table(pdf: FPDF, headings: list[str], rows: list[list[str]], widths: list[int]) -> None:
    pdf.set_font(SANS, "", 10)
    with pdf.table(
        col_widths=widths, text_align="LEFT", line_height=6, headings_style=FontFace(emphasis="BOLD")
    ) as table:
        heading = table.row()
        for text in headings:
            heading.cell(text)
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)


def participant_agenda_pdf(*, participant: Participant) -> bytes:
    conference = participant.conference
    pdf = new_pdf()
    _header(pdf, conference, _("Agenda of %(name)s") % {"name": participant.enterprise.name})
    # The version and when the committee last changed it, so a printed agenda can be told from the current one.
    version = _("Version %(n)s") % {"n": participant.agenda_version}
    if participant.agenda_changed_at:
        changed = _("changed by the committee at %(when)s") % {"when": vn_date(participant.agenda_changed_at)}
        version = f"{version} · {changed}"
    pdf.set_font(SANS, "", 10)
    pdf.multi_cell(0, 5, version, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    rows = []
    for row in selectors.agenda_for_participant(participant=participant):
        if row.meeting is not None and row.partner is not None:
            rows.append([str(row.slot), str(row.meeting.table_number), row.partner.enterprise.name])
        else:
            rows.append([str(row.slot), "", _("Not available") if row.unavailable else _("Free")])
    _table(pdf, [_("Time"), _("Table"), _("Meeting with")], rows, [30, 15, 120])
    return pdf_bytes(pdf)


def table_agenda_pdf(*, conference: Conference, table_numbers: list[int]) -> bytes:
    pdf = new_pdf()
    for number in table_numbers:
        _header(pdf, conference, _("Table %(number)d") % {"number": number})
        rows = []
        for slot, meeting in selectors.agenda_for_table(conference=conference, table_number=number):
            if meeting is None:
                rows.append([str(slot), _("Free"), ""])
            else:
                rows.append([str(slot), meeting.first.enterprise.name, meeting.second.enterprise.name])
        _table(pdf, [_("Time"), _("Participant"), _("Participant")], rows, [30, 75, 75])
    return pdf_bytes(pdf)


def schedule_workbook(*, conference: Conference) -> bytes:
    writer = WorkbookWriter()
    sheet = writer.sheet(_("Meetings"))
    sheet.title_row(conference.title)
    sheet.append([format_long_date(conference.date), conference.venue])
    sheet.blank()
    sheet.header(
        [_("Time"), _("Table"), _("Participant"), _("Tax code"), _("Participant"), _("Tax code"), _("Locked")],
        style=BOLD,
    )
    top = Style(vertical="top", wrap=True)
    text_codes = [None, None, None, TEXT_FORMAT, None, TEXT_FORMAT]
    for meeting in selectors.meeting_list(conference=conference).order_by("slot__index", "table_number", "id"):
        sheet.append(
            [
                str(meeting.slot) if meeting.slot else _("Not scheduled"),
                meeting.table_number,
                meeting.first.enterprise.name,
                meeting.first.enterprise.tax_code,
                meeting.second.enterprise.name,
                meeting.second.enterprise.tax_code,
                _("yes") if meeting.locked else "",
            ],
            style=top,
            formats=text_codes,
        )
    sheet.column_widths([14, 7, 48, 16, 48, 16, 8])
    participants = writer.sheet(_("Participants"))
    participants.header(
        [_("Enterprise"), _("Tax code"), _("Province"), _("Inside the bloc"), _("Representative")], style=PLAIN
    )
    for participant in selectors.participant_list(conference=conference):
        enterprise = participant.enterprise
        participants.append(
            [
                enterprise.name,
                enterprise.tax_code,
                enterprise.province,
                _("yes") if enterprise.in_bloc else _("no"),
                participant.representative,
            ],
            formats=[None, TEXT_FORMAT],
        )
    return writer.to_bytes()
