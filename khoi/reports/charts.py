"""Server-side SVG charts: no JavaScript, no CDN; readable on a projector, printable.

Each chart is a small, self-contained <svg> with a <title> and text labels in the page's font;
bars link to the drill-down when an item has a link. The page shows the data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from khoi.core.formatting import format_number

PRIMARY = "#b3261e"
SECONDARY = "#9aa3b2"
GOOD = "#1e7b34"
WARN = "#a15c00"
INK = "#1d2330"
NEUTRAL = "#6b7383"
TONES = {"good": GOOD, "bad": PRIMARY, "neutral": NEUTRAL}


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    link: str = ""
    previous: Decimal | None = None  # the same period, drawn as a thin grey bar
    tone: str = ""  # change charts: "good", "bad" or "neutral" by the indicator's direction


def empty_chart(text: str = "") -> SafeString:
    """What a chart with nothing to draw shows instead of a bare axis: a sentence."""
    message = text or _("No figures yet for this chart.")
    return mark_safe(f'<p class="chart-empty">{escape(message)}</p>')  # noqa: S308 (escaped)


def _has_values(bars: Sequence[Bar]) -> bool:
    return any(bar.value is not None for bar in bars)


def _number(value: Decimal | float | int | None, decimals: int) -> str:
    return "–" if value is None else format_number(value, decimals)


def _wrap(link: str, inner: str) -> str:
    return f'<a href="{escape(link)}">{inner}</a>' if link else inner


def _label(text: str, limit: int = 22) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def bar_chart(
    bars: Sequence[Bar], *, title: str, unit: str = "", decimals: int = 0, width: int = 640, empty: str = ""
) -> SafeString:
    """Horizontal bars (with the same period in grey when given), labelled with their values."""
    if not _has_values(bars):
        return empty_chart(empty)
    row, label_w, value_w = 36, 230, 130
    height = 24 + row * max(1, len(bars))
    plot_w = width - label_w - value_w
    values = [abs(b.value) for b in bars if b.value is not None] + [
        abs(b.previous) for b in bars if b.previous is not None
    ]
    top = max(values) if values else Decimal(1)
    top = top or Decimal(1)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="16">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = 12 + index * row
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" fill="{INK}">{_label(bar.label)}</text>')
        if bar.previous is not None:
            pw = float(abs(bar.previous) / top) * plot_w
            parts.append(f'<rect x="{label_w}" y="{y + 20}" width="{pw:.1f}" height="6" fill="{SECONDARY}"/>')
        if bar.value is not None:
            bw = max(1.0, float(abs(bar.value) / top) * plot_w)
            rect = f'<rect x="{label_w}" y="{y + 2}" width="{bw:.1f}" height="18" fill="{PRIMARY}"/>'
            parts.append(_wrap(bar.link, rect))
        spaced = "" if unit == "%" else " "  # "0,78%", "14.167 tỷ đồng"
        text = _number(bar.value, decimals) + (f"{spaced}{unit}" if unit and bar.value is not None else "")
        parts.append(f'<text x="{width - 4}" y="{y + 17}" text-anchor="end" fill="{INK}">{escape(text)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def change_chart(bars: Sequence[Bar], *, title: str, width: int = 640, empty: str = "") -> SafeString:
    """Change against the same period in %, bars left (decrease) or right (increase) of zero,
    coloured by each bar's tone (a fall is good news for an indicator where lower is better)."""
    if not _has_values(bars):
        return empty_chart(empty)
    row, label_w, value_w = 36, 230, 90
    height = 24 + row * max(1, len(bars))
    plot_w = width - label_w - value_w
    values = [abs(b.value) for b in bars if b.value is not None]
    top = max(values) if values else Decimal(1)
    top = top or Decimal(1)
    has_negative = any(b.value is not None and b.value < 0 for b in bars)
    zero = label_w + (plot_w / 2 if has_negative else 0)
    scale = plot_w / 2 if has_negative else plot_w
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="16">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{zero:.1f}" y1="4" x2="{zero:.1f}" y2="{height - 4}" stroke="{INK}" stroke-width="1"/>',
    ]
    for index, bar in enumerate(bars):
        y = 12 + index * row
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" fill="{INK}">{_label(bar.label)}</text>')
        if bar.value is None:
            parts.append(f'<text x="{width - 4}" y="{y + 17}" text-anchor="end" fill="{INK}">–</text>')
            continue
        length = max(1.0, float(abs(bar.value) / top) * scale)
        x = zero if bar.value >= 0 else zero - length
        color = TONES.get(bar.tone) or (GOOD if bar.value >= 0 else PRIMARY)
        rect = f'<rect x="{x:.1f}" y="{y + 2}" width="{length:.1f}" height="18" fill="{color}"/>'
        parts.append(_wrap(bar.link, rect))
        sign = "+" if bar.value > 0 else ""
        text = f"{sign}{format_number(bar.value, 1)}%"
        parts.append(f'<text x="{width - 4}" y="{y + 17}" text-anchor="end" fill="{INK}">{escape(text)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def column_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    unit: str = "",
    decimals: int = 0,
    width: int = 640,
    height: int = 280,
    empty: str = "",
) -> SafeString:
    """Vertical columns over periods (a trend), labelled with values and period names; the unit
    sits on its own line above the tallest column's value."""
    if not _has_values(bars):
        return empty_chart(empty)
    count = max(1, len(bars))
    bottom, top_pad = 40, 54 if unit else 30
    plot_h = height - bottom - top_pad
    slot = width / count
    values = [abs(b.value) for b in bars if b.value is not None]
    top = max(values) if values else Decimal(1)
    top = top or Decimal(1)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="16">',
        f"<title>{escape(title)}</title>",
        f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="{INK}"/>',
    ]
    for index, bar in enumerate(bars):
        x = index * slot + slot * 0.2
        w = slot * 0.6
        cx = index * slot + slot / 2
        parts.append(
            f'<text x="{cx:.1f}" y="{height - bottom + 22}" text-anchor="middle" fill="{INK}">'
            f"{_label(bar.label, 16)}</text>"
        )
        if bar.value is None:
            continue
        h = max(1.0, float(abs(bar.value) / top) * plot_h)
        y = height - bottom - h
        rect = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{PRIMARY}"/>'
        parts.append(_wrap(bar.link, rect))
        parts.append(
            f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle" fill="{INK}">'
            f"{escape(_number(bar.value, decimals))}</text>"
        )
    if unit:
        parts.append(f'<text x="4" y="18" fill="{INK}">{escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def stacked_bar(
    parts_in: Sequence[tuple[str, int, str]], *, title: str, width: int = 640, empty: str = ""
) -> SafeString:
    """One bar split in parts (label, count, colour), e.g. on time / late / not submitted."""
    if not any(count for _label_text, count, _color in parts_in):
        return empty_chart(empty)
    total = sum(count for _label_text, count, _color in parts_in) or 1
    height = 70
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="16">',
        f"<title>{escape(title)}</title>",
    ]
    x = 0.0
    for _label_text, count, color in parts_in:
        w = width * count / total
        if w <= 0:
            continue
        parts.append(f'<rect x="{x:.1f}" y="4" width="{w:.1f}" height="30" fill="{color}"/>')
        if w > 60:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="24" text-anchor="middle" fill="#fff">'
                f"{escape(format_number(count))}</text>"
            )
        x += w
    legend_x = 0
    for label, count, color in parts_in:
        parts.append(f'<rect x="{legend_x}" y="46" width="14" height="14" fill="{color}"/>')
        text = f"{label}: {format_number(count)}"
        parts.append(f'<text x="{legend_x + 20}" y="58" fill="{INK}">{escape(text)}</text>')
        legend_x += 24 + 9 * len(text)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
