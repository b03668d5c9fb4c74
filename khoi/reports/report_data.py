"""The bloc report as plain data: what the page, the documents and the API all show.

Built by `report_build.bloc_report` from the reporting engine's figures; the writers in
`documents.py` turn it into text, Word, Excel and PDF without touching the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from khoi.core.formatting import format_number, format_percent


@dataclass(frozen=True)
class KeyRow:
    code: str
    name: str
    unit: str
    decimals: int
    value: Decimal | None
    same_period_value: Decimal | None
    growth_percent: Decimal | None
    units_reporting: int = 0
    units_expected: int = 0
    includes_unapproved: bool = False

    @property
    def value_text(self) -> str:
        return format_number(self.value, self.decimals) if self.value is not None else "–"

    @property
    def same_period_text(self) -> str:
        return format_number(self.same_period_value, self.decimals) if self.same_period_value is not None else "–"

    @property
    def growth_text(self) -> str:
        """ "128,7%" of the same period, as the tables write it ("tăng 28,7%" in prose)."""
        if self.growth_percent is None:
            return "–"
        return format_percent(100 + self.growth_percent, 1)

    @property
    def change_text(self) -> str:
        if self.growth_percent is None:
            return "–"
        sign = "+" if self.growth_percent > 0 else ""
        return sign + format_percent(self.growth_percent, 1)


@dataclass(frozen=True)
class Table:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric_columns: Sequence[int] = ()
    # The raw numbers behind `rows` for Excel (None where the cell is text).
    values: Sequence[Sequence[Any]] = ()
    number_formats: Sequence[str] = ()  # per column, Excel formats ("#,##0", "0.0%")


@dataclass
class BlocReport:
    title: str  # "Báo cáo kết quả 6 tháng đầu năm 2021"
    period_code: str
    period_label: str  # "6 tháng đầu năm 2021"
    scope_label: str  # "Toàn Khối" / "Nhóm ngân hàng"
    bloc_name: str
    units_expected: int
    units_reporting: int
    subject: str = ""  # "Kết quả 6 tháng đầu năm 2021": the title under the document type
    prose: list[str] = field(default_factory=list)
    key_rows: list[KeyRow] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(row.value is not None for row in self.key_rows)
