"""Totals and ranking of an emulation agreement: pure computation, no database.

A member's total is the sum of its criterion points, plus its bonus points (capped by the
agreement's bonus cap, if any), minus its penalty points. The ranking orders members by the
bloc's total; members the bloc has not scored yet come last without a rank. Ties are broken by
the agreement's rule; members still tied share a rank (1, 2, 2, 4).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from khoi.core.text import vietnamese_sort_key

STANDARD, BONUS, PENALTY = "standard", "bonus", "penalty"
SHARED, BASE_POINTS, FEWER_PENALTIES, SECTIONS = "shared", "base_points", "fewer_penalties", "sections"
ZERO = Decimal(0)


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: int
    kind: str
    section_order: int
    self_points: Decimal | None
    bloc_points: Decimal | None


@dataclass(frozen=True)
class MemberScores:
    member_id: int
    name: str
    scores: Sequence[CriterionScore]
    bloc_scored: bool = True


@dataclass(frozen=True)
class Totals:
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    by_section: tuple[Decimal, ...]


@dataclass
class RankedMember:
    member_id: int
    name: str
    self_total: Decimal
    bloc_total: Decimal | None
    bloc_totals: Totals | None
    rank: int | None = None
    tied: bool = False
    decided_by_tie_break: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | None:
        """Self-score minus bloc score: positive when the member scored itself higher."""
        return None if self.bloc_total is None else self.self_total - self.bloc_total


def totals(scores: Sequence[CriterionScore], *, side: str, bonus_cap: Decimal | None = None) -> Totals:
    """The totals of one side ("self" or "bloc"); a missing score counts as zero."""
    base = bonus = penalty = ZERO
    sections: dict[int, Decimal] = {}
    for score in scores:
        points = score.self_points if side == "self" else score.bloc_points
        value = points if points is not None else ZERO
        if score.kind == BONUS:
            bonus += value
        elif score.kind == PENALTY:
            penalty += value
        else:
            base += value
            sections[score.section_order] = sections.get(score.section_order, ZERO) + value
    if bonus_cap is not None:
        bonus = min(bonus, bonus_cap)
    by_section = tuple(sections[key] for key in sorted(sections))
    return Totals(base=base, bonus=bonus, penalty=penalty, total=base + bonus - penalty, by_section=by_section)


def _tie_key(totals_: Totals, rule: str) -> tuple[Decimal, ...]:
    """A key where larger is better (after the total)."""
    if rule == BASE_POINTS:
        return (totals_.base,)
    if rule == FEWER_PENALTIES:
        return (-totals_.penalty,)
    if rule == SECTIONS:
        return totals_.by_section
    return ()


def rank_members(
    members: Sequence[MemberScores], *, tie_break: str, bonus_cap: Decimal | None = None
) -> list[RankedMember]:
    """Rank by the bloc's total, then the tie-break rule; still-tied members share a rank."""
    ranked: list[RankedMember] = []
    for member in members:
        bloc = totals(member.scores, side="bloc", bonus_cap=bonus_cap) if member.bloc_scored else None
        ranked.append(
            RankedMember(
                member_id=member.member_id,
                name=member.name,
                self_total=totals(member.scores, side="self", bonus_cap=bonus_cap).total,
                bloc_total=bloc.total if bloc else None,
                bloc_totals=bloc,
            )
        )
    scored = [m for m in ranked if m.bloc_totals is not None]
    unscored = sorted((m for m in ranked if m.bloc_totals is None), key=lambda m: vietnamese_sort_key(m.name))

    def full_key(member: RankedMember) -> tuple[Decimal, tuple[Decimal, ...]]:
        assert member.bloc_totals is not None
        return (member.bloc_totals.total, _tie_key(member.bloc_totals, tie_break))

    keys = {id(member): full_key(member) for member in scored}
    scored.sort(key=lambda m: vietnamese_sort_key(m.name))
    scored.sort(key=lambda m: keys[id(m)], reverse=True)
    key_counts = Counter(keys.values())
    total_counts = Counter(member.bloc_total for member in scored)
    previous: tuple[Decimal, tuple[Decimal, ...]] | None = None
    for index, ranked_member in enumerate(scored):
        key = keys[id(ranked_member)]
        if key != previous:
            rank, previous = index + 1, key
        ranked_member.rank = rank
        ranked_member.tied = key_counts[key] > 1
        ranked_member.decided_by_tie_break = total_counts[ranked_member.bloc_total] > 1 and key_counts[key] == 1
    return scored + unscored


def top_ranks(ranked: Sequence[RankedMember], count: int, *, after: int = 0) -> list[RankedMember]:
    """The members in places after+1 … after+count (by position in the ranked list)."""
    scored = [m for m in ranked if m.rank is not None]
    return list(scored[after : after + count])


def cut_is_tied(ranked: Sequence[RankedMember], position: int) -> bool:
    """True when the members at `position` and `position + 1` (1-based) share a rank."""
    scored = [m for m in ranked if m.rank is not None]
    if position <= 0 or position >= len(scored):
        return False
    return scored[position - 1].rank == scored[position].rank
