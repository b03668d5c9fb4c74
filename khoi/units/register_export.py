"""The register written as an Excel workbook (the export, and the empty template to fill in): the
columns of khoi.units.register_excel, Vietnamese headers, dates, capital and codes formatted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext as _

from khoi.core.workbook import (
    BOLD,
    DATE_FORMAT,
    HEADER_FILL,
    TEXT_FORMAT,
    SheetWriter,
    Style,
    WorkbookWriter,
)

from .models import Ownership, UnitKind
from .register_excel import COLUMNS, SHEET_TITLE

if TYPE_CHECKING:
    from .models import Unit

CAPITAL_FORMAT = "#,##0.##"
# Number formats by column: dates as dd/mm/yyyy, the capital grouped, codes that look like
# numbers (tax codes, sectors) kept as text.
_FORMATS: dict[str, str] = {
    "joined_on": DATE_FORMAT,
    "left_on": DATE_FORMAT,
    "registered_capital": CAPITAL_FORMAT,
    "tax_code": TEXT_FORMAT,
    "sector": TEXT_FORMAT,
}
ROW_FORMATS = [_FORMATS.get(column.key) for column in COLUMNS]


def _new_sheet(writer: WorkbookWriter) -> SheetWriter:
    sheet = writer.sheet(SHEET_TITLE)
    with translation.override("vi"):
        sheet.header([str(column.header) for column in COLUMNS], style=Style(bold=True, fill=HEADER_FILL))
    sheet.column_widths([column.width for column in COLUMNS])
    sheet.freeze("A2")
    return sheet


def unit_row_values(unit: Unit) -> list[Any]:
    """One unit as the export writes it (labels in Vietnamese; `parent`, `sector`, `zone` loaded)."""
    with translation.override("vi"):
        return [
            unit.code,
            unit.name,
            unit.short_name,
            str(UnitKind(unit.kind).label),
            unit.parent.code if unit.parent else "",
            unit.enterprise_name,
            unit.tax_code,
            str(Ownership(unit.ownership).label),
            unit.sector.code if unit.sector else "",
            unit.zone.name if unit.zone else "",
            unit.address,
            unit.province,
            unit.registered_capital,
            unit.joined_on,
            unit.left_on,
        ]


def build_workbook(units: Iterable[Unit]) -> bytes:
    """The register (or any part of it) as .xlsx, parents before their children if `units` is by path."""
    writer = WorkbookWriter()
    sheet = _new_sheet(writer)
    for unit in units:
        sheet.append(unit_row_values(unit), formats=ROW_FORMATS)
    return writer.to_bytes()


def build_template() -> bytes:
    """An empty register with its header row, and a second sheet that explains each column."""
    writer = WorkbookWriter()
    _new_sheet(writer)
    guide = writer.sheet("Hướng dẫn")
    with translation.override("vi"):
        guide.header([_("Column"), _("Required"), _("What to write")], style=BOLD)
        explanations = {
            "code": _("A short stable code, e.g. DV001. Unique in the register."),
            "kind": ", ".join(str(kind.label) for kind in UnitKind),
            "parent_code": _("The unit code of the parent unit (in the register or in this file); empty for the bloc."),
            "tax_code": _("10 digits with the check digit, optionally a branch suffix such as -001."),
            "ownership": ", ".join(str(choice.label) for choice in Ownership),
            "sector": _("A VSIC 2018 code of level 1 (a letter) or level 2 (two digits)."),
            "zone": _("The name as in the list of industrial parks and economic zones."),
            "registered_capital": _("In million VND, e.g. 50.000."),
            "joined_on": _("dd/mm/yyyy"),
            "left_on": _("dd/mm/yyyy; empty while the unit is in the bloc."),
        }
        for column in COLUMNS:
            guide.append([str(column.header), _("yes") if column.required else "", explanations.get(column.key, "")])
    guide.column_widths([36, 10, 90])
    return writer.to_bytes()
