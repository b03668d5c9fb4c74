"""Vietnamese prose from report figures: templates with placeholders, rendered in the seeds' style.

A template is plain text that staff edit; placeholders in braces are filled from the figures:

- ``{revenue}`` the value with its unit ("14.167 tỷ đồng"), ``{revenue.value}`` the number only,
  ``{revenue.unit}``, ``{revenue.change}`` ("tăng 28,7%", "giảm 3,2%", "bằng cùng kỳ",
  "chưa có số liệu cùng kỳ"), ``{revenue.same_period}`` last year's value with its unit,
  ``{revenue.phrase}`` the indicator's own phrase (per-indicator style, e.g. "Tổng doanh thu đạt
  {value}, {change}");
- ``{plan.revenue}`` the plan completion ("có 38 đơn vị đạt và vượt 100% kế hoạch năm 2021");
- ``{count.<code>}`` a count condition's phrase ("68 doanh nghiệp nộp ngân sách từ 01 tỷ đồng trở
  lên (chiếm 73,1%)");
- ``{target.<code>}`` a resolution's target checked against the figure ("đạt chỉ tiêu Nghị quyết
  Đại hội III – tăng từ 10%/năm trở lên", or its missed phrase when the growth falls short);
- ``{year}``, ``{previous_year}``, ``{period}`` ("6 tháng đầu năm 2021").

When none of the figures a paragraph names has a value for the same period last year, the changes
and their "so với cùng kỳ" are left out and one sentence says so at the end, instead of repeating
"chưa có số liệu cùng kỳ" after every figure.

Pure: no database. A placeholder that does not exist is reported by `unknown_placeholders`, so a
template is rejected on save rather than failing when a report is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from khoi.core.formatting import format_change, format_number, round_half_up

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
INDICATOR_PARTS = ("value", "unit", "change", "same_period", "phrase")
PHRASE_PLACEHOLDERS = ("value", "unit", "change", "same_period", "name")
COUNT_PHRASE_PLACEHOLDERS = ("count", "total", "share", "threshold", "unit")
GENERAL = ("year", "previous_year", "period")


@dataclass(frozen=True)
class Style:
    """How one indicator is written: its unit, its rounding, its phrase."""

    unit_label: str
    decimals: int = 0
    growth_decimals: int = 1
    phrase: str = "{name} {value}, {change}"


@dataclass(frozen=True)
class ProseFigure:
    name: str
    value: Decimal | None
    same_period_value: Decimal | None = None
    growth_percent: Decimal | None = None


@dataclass(frozen=True)
class ProsePlan:
    reached: int  # units at or above the threshold
    with_plan: int  # units that have a plan for the year
    threshold: Decimal = Decimal(100)


@dataclass(frozen=True)
class ProseCount:
    count: int
    total: int
    threshold: Decimal
    phrase: str  # "{count} doanh nghiệp nộp ngân sách từ 01 tỷ đồng trở lên (chiếm {share})"
    unit: str = ""
    share_decimals: int = 1


@dataclass(frozen=True)
class ProseGoal:
    """A resolution's growth target for one indicator, and the phrases for met and missed."""

    indicator_code: str
    min_growth_percent: Decimal
    phrase_met: str
    phrase_missed: str


@dataclass
class ProseContext:
    year: int
    period_label: str
    figures: Mapping[str, ProseFigure] = field(default_factory=dict)
    styles: Mapping[str, Style] = field(default_factory=dict)
    plans: Mapping[str, ProsePlan] = field(default_factory=dict)
    counts: Mapping[str, ProseCount] = field(default_factory=dict)
    targets: Mapping[str, ProseGoal] = field(default_factory=dict)


def placeholders(text: str) -> list[str]:
    return [match.group(1).strip() for match in PLACEHOLDER.finditer(text)]


def unknown_placeholders(
    text: str, *, indicator_codes: Iterable[str], count_codes: Iterable[str] = (), target_codes: Iterable[str] = ()
) -> list[str]:
    """Placeholders of a report template that name nothing known, in order of appearance."""
    codes, counts, targets = set(indicator_codes), set(count_codes), set(target_codes)
    unknown = []
    for name in placeholders(text):
        parts = name.split(".")
        if name in GENERAL:
            continue
        if len(parts) == 1 and parts[0] in codes:
            continue
        if len(parts) == 2 and parts[0] in codes and parts[1] in INDICATOR_PARTS:
            continue
        if len(parts) == 2 and parts[0] == "plan" and parts[1] in codes:
            continue
        if len(parts) == 2 and parts[0] == "count" and parts[1] in counts:
            continue
        if len(parts) == 2 and parts[0] == "target" and parts[1] in targets:
            continue
        unknown.append(name)
    return unknown


def unknown_in_phrase(text: str, allowed: Iterable[str]) -> list[str]:
    allowed_set = set(allowed)
    return [name for name in placeholders(text) if name not in allowed_set]


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1).strip(), match.group(0)), text)


def _number(value: Decimal, decimals: int) -> str:
    return format_number(value, decimals)


def _quantity(value: Decimal | None, style: Style) -> str:
    if value is None:
        return _("no figures yet")
    separator = "" if style.unit_label.startswith("%") else " "
    return f"{_number(value, style.decimals)}{separator}{style.unit_label}".strip()


def _change(figure: ProseFigure, style: Style) -> str:
    if figure.value is None:
        return _("no figures yet")
    if figure.growth_percent is None:
        return format_change(None, None)
    # The growth comes from the reporting engine; format_change only words it.
    rounded = round_half_up(figure.growth_percent, style.growth_decimals)
    return format_change(100 + rounded, 100, decimals=style.growth_decimals)


def indicator_values(figure: ProseFigure | None, style: Style) -> dict[str, str]:
    if figure is None:
        figure = ProseFigure(name="", value=None)
    values = {
        "value": _number(figure.value, style.decimals) if figure.value is not None else _("no figures yet"),
        "unit": style.unit_label,
        "change": _change(figure, style),
        "same_period": _quantity(figure.same_period_value, style)
        if figure.same_period_value is not None
        else _("no figure for the same period"),
        "name": figure.name,
    }
    values["quantity"] = _quantity(figure.value, style)
    return values


def plan_phrase(plan: ProsePlan | None, year: int) -> str:
    threshold = format_number(plan.threshold if plan else Decimal(100))
    if plan is None or plan.with_plan == 0:
        return _("no unit has a plan for %(year)s yet") % {"year": year}
    if plan.reached == 0:
        return _("no unit has yet reached %(threshold)s%% of its plan for %(year)s") % {
            "threshold": threshold,
            "year": year,
        }
    return _("%(count)s units reached or exceeded %(threshold)s%% of their plan for %(year)s") % {
        "count": format_number(plan.reached),
        "threshold": threshold,
        "year": year,
    }


def count_phrase(count: ProseCount) -> str:
    share = Decimal(count.count) * 100 / Decimal(count.total) if count.total else None
    return _fill(
        count.phrase,
        {
            "count": format_number(count.count),
            "total": format_number(count.total),
            "share": f"{format_number(share, count.share_decimals)}%" if share is not None else "–",
            "threshold": format_number(count.threshold, 2),
            "unit": count.unit,
        },
    )


# Stands for a change left out (no same-period figure anywhere in the paragraph); removed with
# the comparison that follows it by `_drop_changes`.
_NO_CHANGE = "\x00"


def target_phrase(goal: ProseGoal, figure: ProseFigure | None, style: Style | None) -> str:
    """The met phrase when the growth (as the prose rounds it) reaches the target, else the missed
    one; nothing when there is no growth to check."""
    if figure is None or figure.growth_percent is None:
        return ""
    decimals = style.growth_decimals if style else 1
    reached = round_half_up(figure.growth_percent, decimals) >= goal.min_growth_percent
    return goal.phrase_met if reached else goal.phrase_missed


def render(text: str, context: ProseContext) -> str:
    """Fill a template. Unknown placeholders are left as written (templates are validated on save)."""
    values: dict[str, str] = {
        "year": str(context.year),
        "previous_year": str(context.year - 1),
        "period": context.period_label,
    }
    named = set(placeholders(text))
    given = [
        f
        for code, f in context.figures.items()
        if f.value is not None and _names_change(named, code, context.styles.get(code))
    ]
    no_comparison = bool(given) and all(f.same_period_value is None for f in given)
    for code, style in context.styles.items():
        figure = context.figures.get(code)
        parts = indicator_values(figure, style)
        if no_comparison:
            parts["change"] = parts["same_period"] = _NO_CHANGE
        values[code] = parts["quantity"]
        for part in ("value", "unit", "change", "same_period"):
            values[f"{code}.{part}"] = parts[part]
        phrase_values = {**parts, "value": parts["quantity"]}
        values[f"{code}.phrase"] = _fill(style.phrase, phrase_values)
        values[f"plan.{code}"] = plan_phrase(context.plans.get(code), context.year)
    for code, count in context.counts.items():
        values[f"count.{code}"] = count_phrase(count)
    for code, goal in context.targets.items():
        values[f"target.{code}"] = target_phrase(
            goal, context.figures.get(goal.indicator_code), context.styles.get(goal.indicator_code)
        )
    rendered = _tidy(_fill(text, values))
    if no_comparison:
        rendered = _drop_changes(rendered)
        rendered += " " + _("There are no figures for the same period of %(year)s to compare with.") % {
            "year": context.year - 1
        }
    return rendered


def _names_change(named: set[str], code: str, style: Style | None) -> bool:
    """Whether the text writes the figure's change (itself, or through the indicator's phrase)."""
    if f"{code}.change" in named or f"{code}.same_period" in named:
        return True
    phrase = set(placeholders(style.phrase)) if style else set()
    return f"{code}.phrase" in named and bool(phrase & {"change", "same_period"})


def _drop_changes(text: str) -> str:
    comparison = r"(?:\s+(?:so với|so|compared with|against)\s+(?:cùng kỳ|the same period)(?:\s+năm\s+\d{4})?)?"
    text = re.sub(r",?\s*" + _NO_CHANGE + comparison, "", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([,;.])", r"\1", text)
    text = re.sub(r"([,;])\1+", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _tidy(text: str) -> str:
    """ "chưa có số liệu cùng kỳ so với cùng kỳ" reads badly: drop the comparison that follows
    a change that is not a change ("no figure for the same period", "level with the same period")."""
    for phrase in (_("no figure for the same period"), _("level with the same period")):
        text = re.sub(
            re.escape(phrase)
            + r"\s+(?:so với|so|compared with|against)\s+(?:cùng kỳ|the same period)(?:\s+năm\s+\d{4})?",
            phrase,
            text,
        )
    return text
