"""Reporters in bulk: the rows to create (from the register or from an uploaded sheet) and every
problem of each row, found before anything is written.

A row is a name, an email or a phone, and a unit code. The login is the email (lower case), else
the phone's national digits ("0912345678"), else "baocao.<unit code>" as in the demo. Problems:
an empty name, a contact that is neither a valid email nor a Vietnamese phone number
(khoi.core.phones), a unit code that is not in the register, a unit that has left the bloc or is
the bloc itself, a login or an email already taken (by an account or by another row).
Reading needs no transaction; checking reads the database as it is now and runs again when the
rows are created (the preview is not trusted).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from khoi.core.phones import InvalidPhone, national_digits, parse_phone
from khoi.core.text import clean_text
from khoi.core.workbook import BOLD, WorkbookWriter
from khoi.core.workbook_read import WorkbookReadError, read_workbook
from khoi.units.models import BASE_KINDS, Unit, UnitKind

from .models import Role, User

MAX_ROWS = 2_000
NAME_MAX = 150


@dataclass
class PersonRow:
    """One person to create; `row` is the Excel row number (None for a row from the register)."""

    row: int | None
    name: str
    contact: str
    unit_code: str
    email: str = ""
    phone: str = ""  # E.164
    login: str = ""
    unit: Unit | None = None
    problems: list[str] = field(default_factory=list)

    def as_input(self) -> dict[str, Any]:
        """What the session keeps between the preview and the confirmation."""
        return {"row": self.row, "name": self.name, "contact": self.contact, "unit_code": self.unit_code}


@dataclass
class PeopleCheck:
    rows: list[PersonRow]
    errors: list[str] = field(default_factory=list)  # problems of the file itself

    @property
    def problem_count(self) -> int:
        return len(self.errors) + sum(len(row.problems) for row in self.rows)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and self.problem_count == 0


# ---- The sheet -----------------------------------------------------------------------------------


def _headers() -> list[str]:
    with translation.override("vi"):
        return [_("Full name"), _("Email or phone"), _("Unit code")]


def build_template() -> bytes:
    """The sheet to fill in: a header row, one example row, and a guide."""
    writer = WorkbookWriter()
    sheet = writer.sheet("Báo cáo viên")
    sheet.header(_headers())
    sheet.append(["Nguyễn Văn An", "an.nguyen@example.vn", "DV001"])
    sheet.column_widths([32, 32, 14])
    sheet.freeze("A2")
    guide = writer.sheet("Hướng dẫn")
    with translation.override("vi"):
        guide.append([_("One reporter per row. Delete the example row before uploading.")], style=BOLD)
        guide.append([_("Email or phone: the login of the account; an email also receives the invitation.")])
        guide.append([_("Unit code: as in the register of units (e.g. DV001).")])
    guide.column_widths([90])
    return writer.to_bytes()


def read_sheet(content: bytes) -> tuple[list[PersonRow], list[str]]:
    """The rows of an uploaded sheet (the first sheet, under a header row), or why there are none."""
    try:
        contents = read_workbook(content, max_rows=MAX_ROWS)
    except WorkbookReadError as error:
        return [], [error.message]
    rows = contents.first.rows
    if rows and _looks_like_header(rows[0].values):
        rows = rows[1:]
    people = [
        PersonRow(
            row=row.number,
            name=_text(row.value(0)),
            contact=_text(row.value(1)),
            unit_code=_text(row.value(2)).upper(),
        )
        for row in rows
    ]
    if not people:
        return [], [_("The file has no rows under its header: one reporter per row.")]
    return people, []


def _looks_like_header(values: tuple[Any, ...]) -> bool:
    first = _text(values[0] if values else "").casefold()
    return first in {header.casefold() for header in _headers()} or first in {"full name", "họ và tên", "name"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed as a number: 912345678.0
    return clean_text(str(value), multiline=False)


def rows_from_input(data: list[dict[str, Any]]) -> list[PersonRow]:
    return [
        PersonRow(row=item.get("row"), name=item["name"], contact=item["contact"], unit_code=item["unit_code"])
        for item in data
    ]


# ---- From the register ---------------------------------------------------------------------------


def register_rows() -> list[PersonRow]:
    """One reporter for each base unit of the bloc today that has no active reporter yet."""
    staffed = User.objects.filter(role=Role.REPORTER, is_active=True, unit__isnull=False).values("unit_id")
    units = Unit.objects.filter(kind__in=BASE_KINDS, left_on__isnull=True).exclude(pk__in=staffed).order_by("code")
    with translation.override("vi"):
        return [
            PersonRow(
                row=None,
                name=(_("Reporter of %(unit)s") % {"unit": unit.display_name})[:NAME_MAX],
                contact="",
                unit_code=unit.code,
            )
            for unit in units
        ]


# ---- Checking ------------------------------------------------------------------------------------


def _contact(row: PersonRow) -> None:
    if not row.contact:
        return
    if "@" in row.contact:
        email = row.contact.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            row.problems.append(_("“%(value)s” is not a valid email address.") % {"value": row.contact})
            return
        row.email = email
        return
    try:
        row.phone = parse_phone(row.contact)
    except InvalidPhone:
        row.problems.append(
            _("“%(value)s” is neither an email address nor a Vietnamese phone number.") % {"value": row.contact}
        )


def check_rows(rows: list[PersonRow]) -> PeopleCheck:
    """Fill in each row's unit, login and problems (the rows are changed in place)."""
    for row in rows:
        row.problems, row.email, row.phone, row.login, row.unit = [], "", "", "", None
    codes = {row.unit_code for row in rows if row.unit_code}
    units: dict[str, Unit] = {found.code.upper(): found for found in Unit.objects.filter(code__in=codes)}
    if len(units) < len(codes):  # codes typed in another case
        lower = [code.lower() for code in codes]
        for found in Unit.objects.annotate(lower=Lower("code")).filter(lower__in=lower):
            units.setdefault(found.code.upper(), found)
    for row in rows:
        if not row.name:
            row.problems.append(_("The full name is empty."))
        elif len(row.name) > NAME_MAX:
            row.problems.append(_("The full name is longer than %(count)d characters.") % {"count": NAME_MAX})
        _contact(row)
        unit: Unit | None = units.get(row.unit_code.upper()) if row.unit_code else None
        if not row.unit_code:
            row.problems.append(_("The unit code is empty."))
        elif unit is None:
            row.problems.append(_("No unit has the code “%(code)s” in the register.") % {"code": row.unit_code})
        elif unit.kind == UnitKind.BLOC:
            row.problems.append(_("“%(code)s” is the bloc itself, not a unit that reports.") % {"code": unit.code})
        elif unit.is_closed:
            row.problems.append(_("The unit “%(name)s” has left the bloc.") % {"name": unit.display_name})
        else:
            row.unit = unit
        if row.email:
            row.login = row.email
        elif row.phone:
            row.login = national_digits(row.phone)
        elif not row.contact and row.unit_code:
            row.login = f"baocao.{row.unit_code.lower()}"
    _check_duplicates(rows)
    return PeopleCheck(rows=rows)


def _check_duplicates(rows: list[PersonRow]) -> None:
    logins = Counter(row.login for row in rows if row.login)
    emails = Counter(row.email for row in rows if row.email)
    taken = {
        login.lower(): username
        for login, username in User.objects.annotate(login=Lower("username"))
        .filter(login__in=list(logins))
        .values_list("login", "username")
    }
    taken_emails = dict(
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=list(emails))
        .values_list("address", "username")
    )
    for row in rows:
        if not row.login:
            continue
        if logins[row.login] > 1:
            others = [
                str(other.row or other.unit_code) for other in rows if other.login == row.login and other is not row
            ]
            row.problems.append(
                _("The login “%(login)s” appears more than once in the file (also row %(rows)s).")
                % {"login": row.login, "rows": ", ".join(others)}
            )
        if row.login in taken:
            row.problems.append(_("The login “%(login)s” is already an account.") % {"login": taken[row.login]})
        elif row.email and row.email in taken_emails:
            row.problems.append(
                _("The email “%(email)s” already belongs to the account “%(login)s”.")
                % {"email": row.email, "login": taken_emails[row.email]}
            )


def check_sheet(content: bytes) -> PeopleCheck:
    rows, errors = read_sheet(content)
    if errors:
        return PeopleCheck(rows=[], errors=errors)
    return check_rows(rows)
