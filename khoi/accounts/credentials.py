"""The sheet of first-login credentials, as .xlsx and PDF (Vietnamese whatever the page's language).

Passwords are shown once: the page keeps them in the session only until staff say the sheet is
printed (or for CREDENTIALS_MINUTES), and each person must change theirs at first sign-in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from khoi.core.formatting import format_long_date
from khoi.core.pdf import SANS, SERIF, new_pdf, pdf_bytes
from khoi.core.phones import format_phone
from khoi.core.workbook import TEXT_FORMAT, WorkbookWriter

CREDENTIALS_MINUTES = 30


def _headers() -> list[str]:
    return [pgettext("credentials sheet", "No."), _("Full name"), _("Unit"), _("Login"), _("First-login password")]


def _cells(account: dict[str, Any]) -> list[str]:
    password = account["password"] or _("(invited by email: %(email)s)") % {"email": account["email"]}
    return [account["name"], f"{account['unit_code']} – {account['unit_name']}", account["username"], password]


def credentials_xlsx(accounts: Sequence[dict[str, Any]], *, site_url: str) -> bytes:
    with translation.override("vi"):
        writer = WorkbookWriter()
        sheet = writer.sheet(_("First-login credentials"))
        sheet.title_row(_("FIRST-LOGIN CREDENTIALS"))
        sheet.append([_("Sign in at %(url)s; you will be asked to choose your own password.") % {"url": site_url}])
        sheet.blank()
        sheet.header(_headers())
        for number, account in enumerate(accounts, start=1):
            sheet.append([number, *_cells(account)], formats=[None, None, None, TEXT_FORMAT, TEXT_FORMAT])
        sheet.column_widths([6, 30, 44, 28, 30])
        return writer.to_bytes()


def credentials_pdf(accounts: Sequence[dict[str, Any]], *, site_url: str) -> bytes:
    """One slip per person, to cut apart: name, unit, address, login and password."""
    with translation.override("vi"):
        pdf = new_pdf()
        pdf.add_page()
        pdf.set_font(SERIF, "B", 14)
        pdf.cell(0, 8, _("FIRST-LOGIN CREDENTIALS"), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_font(SERIF, "I", 11)
        pdf.cell(0, 6, format_long_date(timezone.localdate()), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.ln(4)
        for account in accounts:
            if pdf.get_y() > 240:
                pdf.add_page()
            pdf.set_font(SERIF, "B", 12)
            pdf.multi_cell(0, 6, account["name"], new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(SERIF, "", 11)
            pdf.multi_cell(0, 5.5, f"{account['unit_code']} – {account['unit_name']}", new_x="LMARGIN", new_y="NEXT")
            if account.get("phone"):
                pdf.cell(0, 5.5, format_phone(account["phone"]), new_x="LMARGIN", new_y="NEXT")
            pdf.cell(0, 5.5, _("Address: %(url)s") % {"url": site_url}, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(SANS, "B", 12)
            pdf.cell(0, 6.5, _("Login: %(login)s") % {"login": account["username"]}, new_x="LMARGIN", new_y="NEXT")
            password = account["password"] or _("(invited by email: %(email)s)") % {"email": account["email"]}
            pdf.cell(0, 6.5, _("Password: %(password)s") % {"password": password}, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(SERIF, "I", 10)
            pdf.cell(
                0,
                5,
                _("You will be asked to choose your own password at first sign-in."),
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.ln(2)
            pdf.set_draw_color(150, 150, 150)
            with pdf.local_context():
                pdf.set_dash_pattern(dash=2, gap=2)
                pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(4)
        return pdf_bytes(pdf)
