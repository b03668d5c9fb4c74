"""The register as an Excel workbook: the columns, reading and checking an upload (writing one:
khoi.units.register_export).

No database here: the check gets what it needs to know about the database as an
`ImportContext` (selectors.register_import_context), so it can be tested on its own and run
twice: once for the preview, once again on confirm (the preview is never trusted).

The header row is Vietnamese (the export always writes it in Vietnamese); an English header row,
as the English interface would name the columns, is read too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from khoi.core.text import clean_text, search_key
from khoi.core.workbook_read import WorkbookReadError
from khoi.core.workbook_read import read_workbook as read_sheets

from .models import ALLOWED_PARENT_KINDS, Ownership, UnitKind
from .validation import normalize_tax_code

if TYPE_CHECKING:
    from .selectors import ImportContext


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # a lazy translation; the file carries its Vietnamese form
    required: bool = False
    width: int = 18


COLUMNS: tuple[Column, ...] = (
    Column("code", gettext_lazy("Unit code"), required=True, width=12),
    Column("name", gettext_lazy("Unit name"), required=True, width=48),
    Column("short_name", gettext_lazy("Short name"), width=28),
    Column("kind", gettext_lazy("Kind of Party organisation"), required=True, width=20),
    Column("parent_code", gettext_lazy("Parent unit code"), width=14),
    Column("enterprise_name", gettext_lazy("Enterprise name"), width=40),
    Column("tax_code", gettext_lazy("Tax code"), width=16),
    Column("ownership", gettext_lazy("Ownership"), width=24),
    Column("sector", gettext_lazy("Sector (VSIC code)"), width=12),
    Column("zone", gettext_lazy("Industrial park / economic zone"), width=24),
    Column("address", gettext_lazy("Address"), width=40),
    Column("province", gettext_lazy("Province"), width=14),
    Column("registered_capital", gettext_lazy("Registered capital (million VND)"), width=16),
    Column("joined_on", gettext_lazy("Joined the bloc on"), required=True, width=14),
    Column("left_on", gettext_lazy("Left the bloc on"), width=14),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
MAX_LENGTHS = {"code": 20, "name": 255, "short_name": 100, "enterprise_name": 255, "address": 255, "province": 100}
SHEET_TITLE = "Danh sách đơn vị"


@dataclass
class RowError:
    row: int  # the Excel row number (the header is row 1); 0 for the file as a whole
    column: str  # a COLUMNS key, or "" for the row as a whole
    message: str

    @property
    def column_label(self) -> str:
        return str(COLUMN_BY_KEY[self.column].header) if self.column in COLUMN_BY_KEY else ""


@dataclass
class ImportRow:
    """One checked row, ready for services.unit_import."""

    row: int
    code: str
    name: str
    kind: str
    parent_code: str
    joined_on: dt.date | None
    left_on: dt.date | None = None
    short_name: str = ""
    enterprise_name: str = ""
    tax_code: str = ""
    ownership: str = Ownership.OTHER
    sector_code: str = ""
    sector_id: int | None = None
    zone_name: str = ""
    zone_id: int | None = None
    address: str = ""
    province: str = ""
    registered_capital: Decimal | None = None
    raw: dict[str, str] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return str(UnitKind(self.kind).label) if self.kind in UnitKind.values else self.raw.get("kind", "")

    @property
    def ownership_label(self) -> str:
        return str(Ownership(self.ownership).label) if self.ownership in Ownership.values else ""


@dataclass
class CheckResult:
    rows: list[ImportRow]
    errors: list[RowError]

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)

    def errors_by_row(self) -> dict[int, list[RowError]]:
        grouped: dict[int, list[RowError]] = {}
        for error in self.errors:
            grouped.setdefault(error.row, []).append(error)
        return grouped


# ---- Reading ----------------------------------------------------------------------------------


def _choice_lookup(choices: type[UnitKind] | type[Ownership]) -> dict[str, str]:
    """Vietnamese label, English label or stored value (accent-free, any case) → value."""
    lookup: dict[str, str] = {}
    for choice in choices:
        lookup[search_key(choice.value)] = choice.value
        for language in ("vi", "en"):
            with translation.override(language):
                lookup[search_key(str(choice.label))] = choice.value
    return lookup


def _header_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for column in COLUMNS:
        lookup[search_key(column.key)] = column.key
        for language in ("vi", "en"):
            with translation.override(language):
                lookup[search_key(str(column.header)).rstrip(" *")] = column.key
    return lookup


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def read_workbook(content: bytes) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """The data rows of the first sheet as (Excel row number, {column key: cell value})."""
    try:
        sheet = read_sheets(content).first  # at most settings.KHOI_UPLOAD_MAX_ROWS units
    except WorkbookReadError as error:
        return [], [RowError(0, "", error.message)]
    if not sheet.rows:
        return [], [RowError(0, "", _("The file is empty."))]
    header, *rows = sheet.rows
    lookup = _header_lookup()
    positions: dict[int, str] = {}
    for index, title in enumerate(header.values):
        key = lookup.get(search_key(_cell_text(title)).rstrip(" *"))
        if key and key not in positions.values():
            positions[index] = key
    missing = [column for column in COLUMNS if column.required and column.key not in positions.values()]
    if missing:
        names = ", ".join(f"“{column.header}”" for column in missing)
        return [], [
            RowError(header.number, "", _("The header row lacks the columns %(columns)s.") % {"columns": names})
        ]
    data: list[tuple[int, dict[str, Any]]] = []
    for row in rows:
        record = {key: row.value(index) for index, key in positions.items()}
        if all(_cell_text(value) == "" for value in record.values()):
            continue
        data.append((row.number, record))
    return data, []


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _cell_text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _parse_capital(value: Any) -> Decimal:
    """A number, or text as Vietnamese write it: "50.000" (thousands) or "1.250,5"."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = re.sub(r"\s", "", _cell_text(value))
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text) or re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


def _too_precise(value: Decimal) -> bool:
    """More than the column holds: 16 digits before the decimal point and 2 after."""
    exponent = value.as_tuple().exponent
    return not isinstance(exponent, int) or exponent < -2 or value >= Decimal(10**16)


def _sector_code(value: Any) -> str:
    """ "64", 64, "64 – Hoạt động dịch vụ tài chính", "K" → the VSIC code."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{int(value):02d}"
    text = _cell_text(value)
    return re.split(r"[\s–-]", text, maxsplit=1)[0].upper() if text else ""


def check_rows(records: Sequence[tuple[int, dict[str, Any]]], context: ImportContext) -> CheckResult:
    """Check every row against the others and the database; collect every error, row by row."""
    kinds = _choice_lookup(UnitKind)
    ownerships = _choice_lookup(Ownership)
    rows: list[ImportRow] = []
    errors: list[RowError] = []

    for number, record in records:
        # Every text of a row as it will be stored: NFC, no control characters, one line.
        text = {key: clean_text(_cell_text(record.get(key)), multiline=False) for key in COLUMN_BY_KEY}

        def error(column: str, message: str, number: int = number) -> None:
            errors.append(RowError(number, column, message))

        for column in COLUMNS:
            if column.required and not text[column.key]:
                error(column.key, _("“%(column)s” is required.") % {"column": column.header})
        for key, limit in MAX_LENGTHS.items():
            if len(text[key]) > limit:
                error(key, _("At most %(count)s characters.") % {"count": limit})

        row = ImportRow(
            row=number,
            code=text["code"],
            name=text["name"],
            kind="",
            parent_code=text["parent_code"],
            joined_on=None,
            short_name=text["short_name"],
            enterprise_name=text["enterprise_name"],
            address=text["address"],
            province=text["province"],
            raw=text,
        )
        if text["kind"]:
            row.kind = kinds.get(search_key(text["kind"]), "")
            if not row.kind:
                error("kind", _("Unknown kind of Party organisation “%(value)s”.") % {"value": text["kind"]})
        if text["ownership"]:
            row.ownership = ownerships.get(search_key(text["ownership"]), "")
            if not row.ownership:
                error("ownership", _("Unknown ownership “%(value)s”.") % {"value": text["ownership"]})
        if text["sector"]:
            row.sector_code = _sector_code(record.get("sector"))
            row.sector_id = context.sectors.get(row.sector_code)
            if row.sector_id is None:
                error("sector", _("Unknown VSIC sector code “%(value)s”.") % {"value": text["sector"]})
        if text["zone"]:
            row.zone_name = text["zone"]
            row.zone_id = context.zones.get(search_key(text["zone"]))
            if row.zone_id is None:
                error(
                    "zone",
                    _("Unknown industrial park or economic zone “%(value)s”: add it to the list of zones first.")
                    % {"value": text["zone"]},
                )
        if text["tax_code"]:
            try:
                row.tax_code = normalize_tax_code(text["tax_code"])
            except ValidationError as problem:
                error("tax_code", " ".join(problem.messages))
        if text["registered_capital"]:
            try:
                row.registered_capital = _parse_capital(record.get("registered_capital"))
            except ValueError:
                error("registered_capital", _("“%(value)s” is not a number.") % {"value": text["registered_capital"]})
            else:
                if row.registered_capital < 0:
                    error("registered_capital", _("The registered capital cannot be negative."))
                elif _too_precise(row.registered_capital):
                    error("registered_capital", _("At most 16 digits and 2 decimals."))
        for key in ("joined_on", "left_on"):
            if text[key]:
                try:
                    setattr(row, key, _parse_date(record.get(key)))
                except ValueError:
                    error(key, _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": text[key]})
        if row.joined_on and row.left_on and row.left_on < row.joined_on:
            error("left_on", _("A unit cannot leave before the date it joined."))
        rows.append(row)

    _check_across_rows(rows, context, errors)
    errors.sort(key=lambda item: (item.row, [c.key for c in COLUMNS].index(item.column) if item.column else -1))
    return CheckResult(rows, errors)


def _check_across_rows(rows: list[ImportRow], context: ImportContext, errors: list[RowError]) -> None:
    """Duplicates, parents and the tree rules, which need the other rows and the database."""
    first_code: dict[str, int] = {}
    first_tax: dict[str, int] = {}
    for row in rows:
        if row.code:
            key = row.code.upper()
            if row.code in context.existing:
                errors.append(
                    RowError(
                        row.row, "code", _("Unit code “%(code)s” is already in the register.") % {"code": row.code}
                    )
                )
            elif key in first_code:
                errors.append(
                    RowError(
                        row.row,
                        "code",
                        _("Unit code “%(code)s” is repeated (already on row %(row)s).")
                        % {"code": row.code, "row": first_code[key]},
                    )
                )
            else:
                first_code[key] = row.row
        if row.tax_code:
            if row.tax_code in context.tax_codes:
                errors.append(
                    RowError(
                        row.row,
                        "tax_code",
                        _("Tax code “%(value)s” already belongs to a unit of the register.") % {"value": row.tax_code},
                    )
                )
            elif row.tax_code in first_tax:
                errors.append(
                    RowError(
                        row.row,
                        "tax_code",
                        _("Tax code “%(value)s” is repeated (already on row %(row)s).")
                        % {"value": row.tax_code, "row": first_tax[row.tax_code]},
                    )
                )
            else:
                first_tax[row.tax_code] = row.row

    in_file = {row.code: row for row in rows if row.code and first_code.get(row.code.upper()) == row.row}
    blocs = [row for row in rows if row.kind == UnitKind.BLOC]
    for row in blocs:
        if context.has_bloc or row is not blocs[0]:
            errors.append(RowError(row.row, "kind", _("The register already has a bloc at its root.")))
    for row in rows:
        if not row.kind:
            continue
        allowed = ALLOWED_PARENT_KINDS[row.kind]
        if not allowed:
            if row.parent_code:
                errors.append(
                    RowError(row.row, "parent_code", _("The bloc is the root of the tree and has no parent."))
                )
            continue
        if not row.parent_code:
            errors.append(RowError(row.row, "parent_code", _("This kind of unit needs a parent unit.")))
            continue
        if row.parent_code == row.code:
            errors.append(RowError(row.row, "parent_code", _("A unit cannot be its own parent.")))
            continue
        parent_row = in_file.get(row.parent_code)
        existing = context.existing.get(row.parent_code)
        if parent_row is None and existing is None:
            errors.append(
                RowError(
                    row.row,
                    "parent_code",
                    _("Unknown parent unit code “%(code)s”: it is neither in the register nor in the file.")
                    % {"code": row.parent_code},
                )
            )
            continue
        parent_kind = parent_row.kind if parent_row else existing.kind  # type: ignore[union-attr]
        parent_joined = parent_row.joined_on if parent_row else existing.joined_on  # type: ignore[union-attr]
        parent_left = parent_row.left_on if parent_row else existing.left_on  # type: ignore[union-attr]
        if parent_kind and parent_kind not in allowed:
            errors.append(
                RowError(
                    row.row,
                    "parent_code",
                    _("A %(kind)s cannot be placed under a %(parent_kind)s.")
                    % {"kind": UnitKind(row.kind).label, "parent_kind": UnitKind(parent_kind).label},
                )
            )
        if existing is not None and existing.left_on is not None and parent_row is None:
            errors.append(
                RowError(
                    row.row,
                    "parent_code",
                    _("“%(parent)s” has left the bloc and cannot get new units.") % {"parent": row.parent_code},
                )
            )
        elif parent_left is not None and (row.left_on is None or row.left_on > parent_left):
            errors.append(
                RowError(
                    row.row,
                    "left_on",
                    _("The parent unit left the bloc on %(date)s; this unit must have left by then too.")
                    % {"date": parent_left.strftime("%d/%m/%Y")},
                )
            )
        if (
            parent_kind != UnitKind.BLOC
            and parent_joined is not None
            and row.joined_on is not None
            and row.joined_on < parent_joined
        ):
            errors.append(
                RowError(
                    row.row,
                    "joined_on",
                    _("A unit cannot join before its parent unit (%(date)s).")
                    % {"date": parent_joined.strftime("%d/%m/%Y")},
                )
            )


def read_records(content: bytes) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """The unit rows of a file, or why there are none; needs no database (read it before a transaction)."""
    records, errors = read_workbook(content)
    if not errors and not records:
        errors = [RowError(0, "", _("The file has no unit rows under its header."))]
    return records, errors


def check_workbook(content: bytes, context: ImportContext) -> CheckResult:
    records, errors = read_records(content)
    if errors:
        return CheckResult([], errors)
    return check_rows(records, context)
