"""What a written figure allows: the rounding of its last digit, widened by its qualifier.

A figure written with d decimals stands for any true value within half a unit of its last digit
("28,7" → [28,65; 28,75]; "14.167 tỷ đồng" → [14.166,5; 14.167,5]). A count of things written
without a qualifier ("412 tổ chức", "7.215 người") is exact. A qualifier widens the range in its
direction, by a documented band relative to the figure:

| qualifier | true value |
|---|---|
| xấp xỉ, gần bằng | within 5% either side |
| khoảng, ước, ước đạt, ước tính, chừng, trên dưới, độ | within 10% either side |
| gần, gần như, chưa đến, chưa tới, dưới | up to 10% below (never above) |
| hơn, trên, ngoài | up to 10% above (never below) |

A computation (a share, a sum, a growth rate) is done on ranges: its inputs' ranges give the range
of the result, and a stated figure passes when its own range meets that one. So nothing a fair
reading accepts is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# qualifier → (direction, relative band)
QUALIFIERS: dict[str, tuple[str, Decimal]] = {
    "xấp xỉ": ("about", Decimal("0.05")),
    "gần bằng": ("about", Decimal("0.05")),
    "khoảng": ("about", Decimal("0.10")),
    "ước": ("about", Decimal("0.10")),
    "ước đạt": ("about", Decimal("0.10")),
    "ước tính": ("about", Decimal("0.10")),
    "chừng": ("about", Decimal("0.10")),
    "trên dưới": ("about", Decimal("0.10")),
    "độ": ("about", Decimal("0.10")),
    "gần": ("below", Decimal("0.10")),
    "gần như": ("below", Decimal("0.10")),
    "chưa đến": ("below", Decimal("0.10")),
    "chưa tới": ("below", Decimal("0.10")),
    "dưới": ("below", Decimal("0.10")),
    "hơn": ("above", Decimal("0.10")),
    "trên": ("above", Decimal("0.10")),
    "ngoài": ("above", Decimal("0.10")),
}


def rounding_half_width(decimals: int) -> Decimal:
    """Half of the last digit written: "28,7" → 0,05; "14.167" → 0,5."""
    return Decimal(5).scaleb(-decimals - 1)


def written_range(
    value: Decimal, decimals: int, qualifier: str = "", *, exact: bool = False
) -> tuple[Decimal, Decimal]:
    """The true values a written figure allows (inclusive bounds)."""
    half = Decimal(0) if exact else rounding_half_width(decimals)
    low, high = value - half, value + half
    direction, band = QUALIFIERS.get(qualifier, ("", Decimal(0)))
    margin = abs(value) * band
    if direction == "below":
        low = value - max(margin, half)
    elif direction == "above":
        high = value + max(margin, half)
    elif direction == "about":
        low, high = value - max(margin, half), value + max(margin, half)
    return low, high


def matches_written(actual: Decimal, value: Decimal, decimals: int, qualifier: str = "") -> bool:
    low, high = written_range(value, decimals, qualifier)
    return low <= actual <= high


@dataclass(frozen=True)
class Range:
    """A closed interval of true values, with the arithmetic a check needs."""

    low: Decimal
    high: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Range:
        return cls(value, value)

    @property
    def middle(self) -> Decimal:
        return (self.low + self.high) / 2

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Range) -> Range:
        return Range(self.low - other.high, self.high - other.low)

    def scaled(self, factor: Decimal) -> Range:
        a, b = self.low * factor, self.high * factor
        return Range(min(a, b), max(a, b))

    def divided_by(self, other: Range) -> Range | None:
        """self / other, or None when other may be zero."""
        if other.low <= 0 <= other.high:
            return None
        quotients = [self.low / other.low, self.low / other.high, self.high / other.low, self.high / other.high]
        return Range(min(quotients), max(quotients))

    def meets(self, other: Range) -> bool:
        return self.low <= other.high and other.low <= self.high

    def widened(self, amount: Decimal) -> Range:
        return Range(self.low - amount, self.high + amount)
