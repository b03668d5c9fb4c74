"""Check each claim of a text on ranges (see `tolerance`): a verdict with the recomputation and,
when the text contradicts itself, the right figure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from khoi.core.formatting import round_half_up

from .claims import Claim, GrowthClaim, PercentSumClaim, ShareClaim, SumClaim
from .numbers import TextFigure, parse_number
from .tolerance import Range, written_range

HUNDRED = Decimal(100)


@dataclass
class Verdict:
    figure: TextFigure  # the figure the mark goes on
    consistent: bool
    recomputation: str
    expected: str = ""
    kind: str = "share"  # share | sum | parts_exceed | percent_sum | growth | running_total


def fmt(value: Decimal, decimals: int = 0, *, keep_zeros: bool = True) -> str:
    """A number as a Vietnamese article writes it, whatever the interface language: the same
    as `khoi.core.formatting.format_number(…, locale="vi")` (a test holds them together), without
    Babel's cost on a long text."""
    rounded = round_half_up(value, decimals)
    whole, _, fraction = f"{abs(rounded):,.{decimals}f}".partition(".")
    if not (keep_zeros and decimals > 0):
        fraction = fraction.rstrip("0")
    written = whole.replace(",", ".") + ("," + fraction if fraction else "")
    return "-" + written if rounded.is_signed() else written


def figure_range(figure: TextFigure) -> Range:
    """The true amounts (in the kind's base unit) a written figure allows."""
    number = figure.number
    exact = figure.kind == "count" and number.decimals == 0 and figure.scale == 1 and not figure.qualifier
    if exact and _round(number.value):
        zeros = len(str(int(number.value))) - len(str(int(number.value)).rstrip("0"))
        half = Decimal(5).scaleb(zeros - 1)
        return Range(number.value - half, number.value + half)
    low, high = written_range(number.value, number.decimals, figure.qualifier, exact=exact)
    if figure.high is not None:
        _, high = written_range(figure.high.value, figure.high.decimals, "", exact=exact)
    return Range(low, high).scaled(figure.scale)


def _round(value: Decimal) -> bool:
    """ "27.000 lao động": a count this round may itself be rounded."""
    return value >= 10_000 and value % 1000 == 0


def _percent_decimals(stated: TextFigure) -> int:
    return max(stated.number.decimals, 1)


def _in_unit(amount: Decimal, figure: TextFigure) -> str:
    """An amount written in a figure's own unit and precision ("75.277")."""
    value = amount / figure.scale
    decimals = figure.number.decimals if value < 1000 or figure.number.decimals else 0
    return fmt(value, decimals, keep_zeros=False)


def check(claim: Claim) -> Verdict | None:
    if isinstance(claim, ShareClaim):
        return _share(claim)
    if isinstance(claim, SumClaim):
        return _sum(claim)
    if isinstance(claim, PercentSumClaim):
        return _percent_sum(claim)
    return _growth(claim)


def _share(claim: ShareClaim) -> Verdict | None:
    stated = claim.stated
    said = figure_range(stated)
    decimals = _percent_decimals(stated)
    if claim.fraction is not None:
        part_value, _ = parse_number(claim.fraction[0])
        whole_value, _ = parse_number(claim.fraction[1])
        exact = part_value * HUNDRED / whole_value
        text = f"{claim.fraction[0]}/{claim.fraction[1]}"
        return _share_verdict(stated, said, Range.exact(exact), exact, text, decimals, strong=True)
    assert claim.part is not None
    part = figure_range(claim.part)
    if claim.base_of is not None:
        first = claim.base_of
        assert first.part is not None
        base = figure_range(first.part).divided_by(figure_range(first.stated).scaled(Decimal("0.01")))
        implied = part.divided_by(base) if base is not None else None
        if base is None or implied is None:
            return None
        exact_base = _amount(first.part) * HUNDRED / first.stated.value
        text = (
            f"{claim.part.number.text}/({first.part.number.text}/{first.stated.number.text}%)"
            f" = {claim.part.number.text}/{_in_unit(exact_base, first.part)}"
        )
        exact = _amount(claim.part) * HUNDRED / exact_base
        verdict = _share_verdict(stated, said, implied.scaled(HUNDRED), exact, text, decimals, strong=True)
        if verdict is not None and not verdict.consistent:
            verdict.expected = "khoảng " + verdict.expected
        return verdict
    wholes = ([claim.whole] if claim.whole is not None else []) + claim.alternatives
    best: Verdict | None = None
    for whole in wholes:
        share = part.divided_by(figure_range(whole))
        if share is None:
            continue
        text = f"{claim.part.number.text}/{_in_unit(_amount(whole), claim.part)}"
        exact = _amount(claim.part) * HUNDRED / _amount(whole)
        verdict = _share_verdict(stated, said, share.scaled(HUNDRED), exact, text, decimals, strong=claim.strong)
        if verdict is not None and verdict.consistent:
            return verdict
        if best is None and whole is claim.whole:
            best = verdict
    if claim.siblings:
        total = Range.exact(Decimal(0))
        for sibling in claim.siblings:
            total = total + figure_range(sibling)
        share = part.divided_by(total)
        if share is not None and share.scaled(HUNDRED).meets(said):
            return None  # the share of their sum: a fair reading, left unmarked
    return best if claim.strong else None


def _amount(figure: TextFigure) -> Decimal:
    return figure.value * figure.scale


def _share_verdict(
    stated: TextFigure, said: Range, ratio: Range, exact: Decimal, text: str, decimals: int, *, strong: bool
) -> Verdict | None:
    """`ratio`: what the inputs' rounding allows; `exact`: the share of the figures as written."""
    shown = fmt(exact, decimals) + "%"
    recomputation = f"{text} = {shown}"
    if ratio.meets(said):
        return Verdict(stated, True, recomputation)
    if not strong:
        return None
    return Verdict(stated, False, recomputation, expected=shown)


def _sum(claim: SumClaim) -> Verdict:
    total = claim.total
    added = Range.exact(Decimal(0))
    for part in claim.parts:
        added = added + figure_range(part)
    decimals = max(part.number.decimals for part in claim.parts)
    exact_sum = sum((part.value * part.scale for part in claim.parts), Decimal(0))
    in_unit = exact_sum / total.scale
    shown = fmt(in_unit, decimals if total.scale == claim.parts[0].scale else total.number.decimals, keep_zeros=False)
    recomputation = " + ".join(part.number.text for part in claim.parts) + " = " + shown
    said = figure_range(total)
    if claim.exhaustive:
        if added.meets(said):
            return Verdict(total, True, recomputation, kind="sum")
        return Verdict(total, False, recomputation, expected=shown, kind="sum")
    if added.low <= said.high:
        return Verdict(total, True, recomputation, kind="parts_exceed")
    return Verdict(total, False, recomputation, expected="≥ " + shown, kind="parts_exceed")


def _percent_sum(claim: PercentSumClaim) -> Verdict:
    added = Range.exact(Decimal(0))
    for share in claim.shares:
        added = added + figure_range(share)
    decimals = max(share.number.decimals for share in claim.shares)
    exact_sum = sum((share.value for share in claim.shares), Decimal(0))
    recomputation = " + ".join(share.number.text + "%" for share in claim.shares) + f" = {fmt(exact_sum, decimals)}%"
    last = claim.shares[-1]
    hundred = Range.exact(HUNDRED)
    ok = added.meets(hundred) if claim.exhaustive else added.low <= HUNDRED
    if ok:
        return Verdict(last, True, recomputation, kind="percent_sum")
    rest = HUNDRED - (exact_sum - last.value)
    expected = fmt(rest, decimals) + "%" if claim.exhaustive else "≤ 100%"
    return Verdict(last, False, recomputation, expected=expected, kind="percent_sum")


def describe_change(percent: Decimal, decimals: int) -> str:
    rounded = round_half_up(percent, decimals)
    word = "giảm" if rounded < 0 else "tăng"
    return f"{word} {fmt(abs(rounded), decimals, keep_zeros=False)}%"


def _growth(claim: GrowthClaim) -> Verdict | None:
    stated, current, base = claim.stated, claim.current, claim.base
    now, before = figure_range(current), figure_range(base)
    if claim.added:
        difference = now - before
        amount = current.value * current.scale - base.value * base.scale
        text = f"{current.number.text} − {base.number.text} = {_in_unit(amount, stated)}"
        if difference.meets(figure_range(stated)):
            return Verdict(current, True, text, kind="running_total")
        expected = _in_unit(base.value * base.scale + stated.value * stated.scale, current)
        return Verdict(current, False, text, expected=expected, kind="running_total")
    ratio = now.divided_by(before)
    if ratio is None:
        return None
    said = figure_range(stated)
    if stated.change == "giảm":
        said = Range(-said.high, -said.low)
    middle = current.value * current.scale / (base.value * base.scale)
    if stated.kind == "times":
        readings = [ratio]
        if stated.change == "tăng":
            readings.append(Range(ratio.low - 1, ratio.high - 1))  # “tăng k lần”: k + 1 times
        text = f"{current.number.text}/{base.number.text} = {fmt(middle, 2, keep_zeros=False)} lần"
        if any(reading.meets(said) for reading in readings):
            return Verdict(stated, True, text, kind="growth")
        return Verdict(stated, False, text, expected=f"gấp {fmt(middle, 1, keep_zeros=False)} lần", kind="growth")
    if stated.kind == "percent":
        relative = Range(ratio.low - 1, ratio.high - 1).scaled(HUNDRED)
        readings = [relative]
        if current.kind == "percent":
            readings.append(now - before)  # percentage points
        decimals = _percent_decimals(stated)
        change = (middle - 1) * HUNDRED
        sign = "+" if change >= 0 else "−"
        text = f"({current.number.text} − {base.number.text})/{base.number.text} = {sign}{fmt(abs(change), decimals)}%"
        if any(reading.meets(said) for reading in readings):
            return Verdict(stated, True, text, kind="growth")
        return Verdict(stated, False, text, expected=describe_change(change, decimals), kind="growth")
    if stated.kind == current.kind:
        difference = now - before
        amount = current.value * current.scale - base.value * base.scale
        text = f"{current.number.text} − {base.number.text} = {_in_unit(amount, stated)}"
        if difference.meets(said):
            return Verdict(stated, True, text, kind="growth")
        amount = current.value * current.scale - base.value * base.scale
        word = "giảm" if amount < 0 else "tăng"
        return Verdict(stated, False, text, expected=f"{word} {_in_unit(abs(amount), stated)}", kind="growth")
    return None
