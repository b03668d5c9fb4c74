"""The seed bloc's demo figures, generated without a database (khoi.reporting.demo writes them).

The published totals (seeds 2021-07-16, 2021-12-28, 2024-07-10) are in ``TARGETS``. Per-unit
values are generated realistically — banks large, associations small, some units declining —
from deterministic pseudo-random draws (string-seeded ``random.Random``), then distributed by the
largest-remainder method so every total is exact to the stored precision. ``generate()`` is pure:
the same register gives the same figures every time.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from khoi.units import demo as units_demo

from .periods import Period

D = Decimal
APPROVED_PERIODS = ("2020-H1", "2020-Y", "2021-H1", "2021-Y", "2024-H1")
OPEN_PERIOD = "2024-9M"
BANKS = "banking"
EXPORT_WEIGHT = {
    "garment": 10,
    "shipbuilding": 12,
    "engineering": 4,
    "food": 3,
    "plastics": 5,
    "pharma": 1,
    "materials": 3,
    "trade": 2,
}
# Relative size of a unit's revenue, workforce and income by line of business.
REVENUE_WEIGHT = {
    "banking": 70, "insurance": 15, "water": 20, "drainage": 8, "environment": 10, "lighting": 5, "greenery": 4,
    "power": 120, "port": 40, "shipping": 25, "courier": 3, "road_transport": 5, "garment": 12, "shipbuilding": 30,
    "engineering": 8, "materials": 25, "pharma": 10, "food": 10, "plastics": 15, "printing": 3, "construction": 12,
    "trade": 10, "tourism": 4, "health": 5, "it": 3, "association": 0.15,
}  # fmt: skip
WORKFORCE = {
    "banking": 250, "insurance": 120, "water": 400, "drainage": 300, "environment": 600, "lighting": 150,
    "greenery": 200, "power": 700, "port": 700, "shipping": 300, "courier": 100, "road_transport": 250,
    "garment": 1200, "shipbuilding": 900, "engineering": 300, "materials": 400, "pharma": 200, "food": 250,
    "plastics": 300, "printing": 80, "construction": 250, "trade": 100, "tourism": 100, "health": 300, "it": 80,
    "association": 12,
}  # fmt: skip
INCOME = {"banking": 22, "insurance": 14, "power": 15, "port": 13, "shipping": 14, "it": 13, "garment": 6.5}
FEMALE_SHARE = {"garment": 0.8, "banking": 0.62, "insurance": 0.55, "health": 0.65, "pharma": 0.6, "port": 0.15}

# Published totals (and unpublished but plausible ones for the other windows), per period.
TARGETS: dict[str, dict[str, Decimal]] = {
    "revenue": {"2021-H1": D(14167), "2020-H1": D(11007), "2021-Y": D(27701), "2020-Y": D(25720), "2024-H1": D(15912)},
    "exports": {"2021-H1": D(58), "2020-H1": D("25.33"), "2021-Y": D(131), "2020-Y": D("73.18"), "2024-H1": D(70)},
    "budget": {"2021-H1": D(711), "2020-H1": D(385), "2021-Y": D("975.9"), "2020-Y": D("913.8"), "2024-H1": D(560)},
    "deposits": {"2021-H1": D(57763), "2020-H1": D(51666), "2021-Y": D(50009), "2020-Y": D(48870), "2024-H1": D(66120)},
    "loans": {"2021-H1": D(32884), "2020-H1": D(28871), "2021-Y": D(38162), "2020-Y": D(31204), "2024-H1": D(45130)},
    "bad_loans": {
        "2021-H1": D("279.51"), "2020-H1": D("317.58"), "2021-Y": D("297.66"), "2020-Y": D("296.44"),
        "2024-H1": D("541.56"),
    },
    "workers": {"2021-H1": D(26874), "2020-H1": D(26210), "2021-Y": D(26950), "2020-Y": D(26502), "2024-H1": D(25186)},
    "party_members": {
        "2021-H1": D(4405), "2020-H1": D(4352), "2021-Y": D(4431), "2020-Y": D(4380), "2024-H1": D(4272),
    },
    # Admissions, conversions and organisations graded are counted from khoi.party's records (its
    # demo gives 36, 70 and 95 for 2021-H1): they are not typed on the form.
    "social_welfare": {"2021-H1": D("4.7"), "2020-H1": D("3.2"), "2021-Y": D("9.6"), "2020-Y": D("7.4"),
                       "2024-H1": D("5.3")},
    "covid_fund": {"2021-H1": D("1.3"), "2020-H1": D("2.1"), "2021-Y": D("2.9"), "2020-Y": D("3.4"), "2024-H1": D(0)},
}  # fmt: skip
# Average income (triệu đồng/người/tháng) = wage fund ÷ worker-months, set exactly per period.
AVERAGE_INCOME = {
    "2021-Y": D("9.9"),
    "2020-Y": D("9.0"),
    "2021-H1": D("9.6"),
    "2020-H1": D("8.9"),
    "2024-H1": D("11.4"),
}
PLACES = {
    "revenue": 1, "exports": 2, "budget": 2, "deposits": 1, "loans": 1, "bad_loans": 2, "workers": 0,
    "party_members": 0, "social_welfare": 2, "covid_fund": 2,
}  # fmt: skip
BUDGET_COUNT_PERIOD = "2021-Y"
BUDGET_UNITS_BELOW_1BN = 25  # 93 enterprises − 68 paying at least 1 bn
PLAN_YEAR = 2021
UNITS_REACHING_PLAN = 38
UNITS_WITHOUT_PLAN = ("DV091", "DV092", "DV093")


@dataclass(frozen=True)
class DemoUnit:
    code: str
    line: str
    is_enterprise: bool
    in_2024: bool


def demo_units() -> list[DemoUnit]:
    """The register's 95 base organisations and their lines of business (khoi/units/demo.py)."""
    lines: list[str] = []
    for line, _division, count, _pattern in units_demo.LINES:
        lines.extend([line] * count)
    lines.extend(["association"] * len(units_demo.ASSOCIATIONS))
    return [
        DemoUnit(
            code=f"DV{number:03d}",
            line=line,
            is_enterprise=line != "association",
            in_2024=f"DV{number:03d}" not in units_demo.LEAVERS,
        )
        for number, line in enumerate(lines, start=1)
    ]


def distribute(total: Decimal, weights: Mapping[str, float], places: int) -> dict[str, Decimal]:
    """Split `total` over keys in proportion to weights, each rounded to `places`, summing exactly
    to `total` (largest-remainder method; never negative)."""
    step = D(1).scaleb(-places)
    keys = sorted(weights)
    weight_sum = sum(max(weights[k], 0.0) for k in keys)
    if weight_sum <= 0:
        raise ValueError("weights must not all be zero")
    units = int((total / step).to_integral_value())
    raw = {k: D(repr(max(weights[k], 0.0) / weight_sum)) * units for k in keys}
    floors = {k: int(raw[k].to_integral_value(rounding=ROUND_FLOOR)) for k in keys}
    left = units - sum(floors.values())
    by_remainder = sorted(keys, key=lambda k: (-(raw[k] - floors[k]), k))
    for k in by_remainder[:left]:
        floors[k] += 1
    return {k: D(floors[k]) * step for k in keys}


def demo_rng(*parts: object) -> random.Random:
    return random.Random("khoi-demo-" + "-".join(str(p) for p in parts))


# How each period's per-unit shape derives from another (growth noise per unit: some decline).
_DERIVE: dict[str, tuple[str, float, float]] = {
    "2021-Y": ("2021-H1", 1.75, 2.15),
    "2020-H1": ("2021-H1", 0.55, 1.1),
    "2020-Y": ("2021-Y", 0.78, 1.2),
    "2024-H1": ("2021-H1", 0.8, 1.4),
}
_STOCK_DERIVE: dict[str, tuple[str, float, float]] = {
    "2021-Y": ("2021-H1", 0.85, 1.15),
    "2020-H1": ("2021-H1", 0.8, 1.1),
    "2020-Y": ("2021-Y", 0.85, 1.1),
    "2024-H1": ("2021-H1", 0.8, 1.3),
}
_PERIOD_ORDER = ("2021-H1", "2021-Y", "2020-H1", "2020-Y", "2024-H1")
_STOCKS = {"deposits", "loans", "bad_loans", "workers", "party_members"}


# Figures with a change warning: most units grow near the bloc's rate, a few decline (the year
# before was better for them), and none moves more than the warning allows.
_NARROW = {("revenue", "2020-H1"): ((0.9, 1.0), (1.3, 1.45), 0.12)}


def _noise(code: str, period: str, unit_code: str, low: float, high: float) -> float:
    rng = demo_rng(code, period, unit_code)
    if (code, period) not in _NARROW:
        return rng.uniform(low, high)
    usual, better, share = _NARROW[(code, period)]
    return rng.uniform(*better) if rng.random() < share else rng.uniform(*usual)


def _members(units: Sequence[DemoUnit], period: str) -> list[DemoUnit]:
    return [u for u in units if u.in_2024] if period.startswith("2024") else list(units)


def _base_weight(unit: DemoUnit, code: str) -> float:
    rng = demo_rng("base", code, unit.code)
    if code in ("deposits", "loans", "bad_loans"):
        return rng.uniform(0.5, 1.8) * (rng.uniform(0.5, 2.5) if code == "bad_loans" else 1)
    if code == "exports":
        return EXPORT_WEIGHT.get(unit.line, 0) * rng.uniform(0.4, 1.8)
    if code == "revenue":
        return REVENUE_WEIGHT[unit.line] * rng.uniform(0.5, 1.6)
    if code == "budget":
        return (0 if not unit.is_enterprise else REVENUE_WEIGHT[unit.line]) * rng.uniform(0.3, 2.0)
    if code in ("workers", "party_members"):
        return WORKFORCE[unit.line] * rng.uniform(0.6, 1.5) * (rng.uniform(0.1, 0.3) if code == "party_members" else 1)
    return WORKFORCE[unit.line] * rng.uniform(0.2, 1.8)  # donations


def _eligible(unit: DemoUnit, code: str) -> bool:
    if code in ("deposits", "loans", "bad_loans"):
        return unit.line == BANKS
    return True


def generate(units: Sequence[DemoUnit] | None = None) -> dict[tuple[str, str, str], Decimal]:
    """{(unit code, indicator code, period code): value} for the approved demo periods. Pure."""
    units = list(units) if units is not None else demo_units()
    values: dict[tuple[str, str, str], Decimal] = {}
    for code, targets in TARGETS.items():
        shaped: dict[str, dict[str, Decimal]] = {}
        for period in _PERIOD_ORDER:
            members = [u for u in _members(units, period) if _eligible(u, code)]
            if period in (_DERIVE if code not in _STOCKS else _STOCK_DERIVE):
                source, low, high = (_DERIVE if code not in _STOCKS else _STOCK_DERIVE)[period]
                weights = {
                    u.code: float(shaped[source].get(u.code, D(0))) * _noise(code, period, u.code, low, high)
                    for u in members
                }
                if not any(weights.values()):
                    weights = {u.code: _base_weight(u, code) for u in members}
            else:
                weights = {u.code: _base_weight(u, code) for u in members}
            if code == "budget" and period == BUDGET_COUNT_PERIOD:
                shaped[period] = _budget_with_count(targets[period], members, weights)
            elif not any(weights.values()) and targets[period] == 0:
                shaped[period] = {u.code: D(0) for u in members}
            else:
                shaped[period] = distribute(targets[period], weights, PLACES[code])
        if code not in _STOCKS:
            _make_consistent(code, shaped)
        for period, by_unit in shaped.items():
            for unit_code, value in by_unit.items():
                values[(unit_code, code, period)] = value
    _add_workforce_parts(units, values)
    _add_income(units, values)
    return values


# A unit's revenue may move at most this share against the same period (the catalogue's
# warning rule "revenue-change-50" allows 50%; the demo keeps inside it with a margin).
_CHANGE_BAND = {"revenue": (D("0.70"), D("1.45"))}


def _make_consistent(code: str, shaped: dict[str, dict[str, Decimal]]) -> None:
    """Reshape a flow's per-unit values, keeping every period's total, so that the demo satisfies
    the catalogue's rules: a unit's first half never exceeds its year (flows only add up), and a
    figure with a change warning stays inside the band against the same period last year."""
    places = PLACES[code]
    band = _CHANGE_BAND.get(code)
    for year in (2021, 2020):
        for kind in ("Y", "H1"):
            period = f"{year}-{kind}"
            if period not in shaped or (year, kind) == (2021, "Y"):
                continue  # the 2021 year is the anchor (its count of units ≥ 1 bn is published)
            lower: dict[str, Decimal] = {}
            upper: dict[str, Decimal] = {}
            for unit_code in shaped[period]:
                low, high = D(0), None
                if kind == "H1":
                    high = shaped[f"{year}-Y"].get(unit_code)
                if band and year == 2020:
                    later = shaped[f"2021-{kind}"].get(unit_code)
                    if later is not None:
                        low = max(low, later / band[1])
                        high = later / band[0] if high is None else min(high, later / band[0])
                lower[unit_code] = low
                if high is not None:
                    upper[unit_code] = high
            shaped[period] = fit_within(shaped[period], lower=lower, upper=upper, places=places)


def fit_within(
    values: Mapping[str, Decimal], *, lower: Mapping[str, Decimal], upper: Mapping[str, Decimal], places: int
) -> dict[str, Decimal]:
    """Move amounts between keys so each lies within [lower, upper] (rounded inwards to `places`),
    keeping the total exact: what a key has over its bound goes to the keys with room, in
    proportion to their values. Raises ValueError when the bounds cannot hold the total. Pure."""
    step = D(1).scaleb(-places)
    low = {k: (lower.get(k, D(0)) / step).to_integral_value(rounding=ROUND_CEILING) for k in values}
    unbounded = D("Infinity")
    high = {k: (upper[k] / step).to_integral_value(rounding=ROUND_FLOOR) if k in upper else unbounded for k in values}
    units = {k: (values[k] / step).to_integral_value() for k in values}
    total: Decimal = sum(units.values(), D(0))
    if sum(low.values()) > total or sum(high.values()) < total:
        raise ValueError("the bounds cannot hold the total")
    for _round in range(50):
        clamped = {k: min(max(units[k], low[k]), high[k]) for k in units}
        gap = total - sum(clamped.values())
        units = clamped
        if gap == 0:
            break
        room = {k: high[k] - units[k] if gap > 0 else units[k] - low[k] for k in units}
        # Spread the gap over the keys with room in proportion to their values (the shape stays).
        weights = {k: float(units[k]) or 1.0 for k, r in sorted(room.items()) if r > 0}
        shares = distribute(abs(gap), weights, 0)
        sign = 1 if gap > 0 else -1
        for k, share in shares.items():
            units[k] += sign * share
    else:  # pragma: no cover - the bounds were checked above
        raise ValueError("could not fit the values within their bounds")
    return {k: units[k] * step for k in sorted(units)}


def _budget_with_count(total: Decimal, members: list[DemoUnit], weights: dict[str, float]) -> dict[str, Decimal]:
    """68 of the 93 enterprises pay at least 1 bn; the 25 smallest pay less; associations pay 0."""
    enterprises = sorted((u for u in members if u.is_enterprise), key=lambda u: (weights[u.code], u.code))
    small = enterprises[:BUDGET_UNITS_BELOW_1BN]
    large = enterprises[BUDGET_UNITS_BELOW_1BN:]
    result = {u.code: D(0) for u in members}
    for unit in small:
        result[unit.code] = D(str(round(demo_rng("budget-small", unit.code).uniform(0.12, 0.93), 2)))
    floor = D("1.05")
    rest = total - sum(result.values()) - floor * len(large)
    shares = distribute(rest, {u.code: weights[u.code] for u in large}, 2)
    for unit in large:
        result[unit.code] = floor + shares[unit.code]
    return result


def _add_workforce_parts(units: Sequence[DemoUnit], values: dict[tuple[str, str, str], Decimal]) -> None:
    for (unit_code, code, period), workers in list(values.items()):
        if code != "workers":
            continue
        line = next(u.line for u in units if u.code == unit_code)
        rng = demo_rng("sex", unit_code, period)
        share = FEMALE_SHARE.get(line, 0.35) * rng.uniform(0.85, 1.15)
        female = min(workers, D(round(float(workers) * share)))
        values[(unit_code, "female_workers", period)] = female
        values[(unit_code, "male_workers", period)] = workers - female
        values[(unit_code, "high_skilled_workers", period)] = D(round(float(workers) * rng.uniform(0.06, 0.3)))


def _add_income(units: Sequence[DemoUnit], values: dict[tuple[str, str, str], Decimal]) -> None:
    """Worker-months from the workforce; wage funds so that Σ wage ÷ Σ worker-months is exact."""
    for period, income in AVERAGE_INCOME.items():
        months = Period.parse(period).month_count
        members = _members(units, period)
        worker_months = {}
        for u in members:
            noise = demo_rng("wm", u.code, period).uniform(0.97, 1.02)
            worker_months[u.code] = D(round(float(values[(u.code, "workers", period)]) * months * noise))
        total_wm = sum(worker_months.values())
        weights = {}
        for u in members:
            noise = demo_rng("inc", u.code, period).uniform(0.8, 1.25)
            weights[u.code] = float(worker_months[u.code]) * INCOME.get(u.line, 8.0) * noise
        wages = distribute((income * total_wm).quantize(D(1)), weights, 0)
        for unit in members:
            values[(unit.code, "worker_months", period)] = worker_months[unit.code]
            values[(unit.code, "wage_fund", period)] = wages[unit.code]


def generate_plans(values: Mapping[tuple[str, str, str], Decimal]) -> dict[str, Decimal]:
    """{unit code: 2021 revenue plan}: 38 units reach (≥ 100%), the others fall short. Pure."""
    period = f"{PLAN_YEAR}-Y"
    actual = {unit: value for (unit, code, p), value in values.items() if code == "revenue" and p == period}
    candidates = sorted(u for u in actual if u not in UNITS_WITHOUT_PLAN and not u.startswith(("DV094", "DV095")))
    reached = set(demo_rng("plan-reached").sample(candidates, UNITS_REACHING_PLAN))
    plans = {}
    for unit in candidates:
        rng = demo_rng("plan", unit)
        if unit in reached:
            plan = (actual[unit] / D(repr(rng.uniform(1.0, 1.18)))).quantize(D("0.1"), rounding=ROUND_FLOOR)
        else:
            plan = (actual[unit] / D(repr(rng.uniform(0.8, 0.985)))).quantize(D("0.1"), rounding=ROUND_CEILING)
            if plan <= actual[unit]:
                plan = actual[unit] + D("0.1")
        plans[unit] = max(plan, D("0.1"))
    return plans
