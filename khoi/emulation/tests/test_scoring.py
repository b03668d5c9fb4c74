"""Totals and ranking (pure computation)."""

from __future__ import annotations

from decimal import Decimal

from khoi.emulation import scoring
from khoi.emulation.scoring import CriterionScore, MemberScores

D = Decimal


def member(member_id: int, name: str, *, s1: str, s2: str, bonus: str = "0", penalty: str = "0", self_extra: str = "0"):
    return MemberScores(
        member_id=member_id,
        name=name,
        scores=[
            CriterionScore(1, "standard", 1, D(s1) + D(self_extra), D(s1)),
            CriterionScore(2, "standard", 2, D(s2), D(s2)),
            CriterionScore(3, "bonus", 3, D(bonus), D(bonus)),
            CriterionScore(4, "penalty", 3, D(penalty), D(penalty)),
        ],
    )


def test_total_adds_criteria_and_bonus_and_subtracts_penalty_with_the_bonus_capped():
    totals = scoring.totals(
        member(1, "A", s1="50", s2="30", bonus="8", penalty="2").scores, side="bloc", bonus_cap=D(5)
    )
    assert (totals.base, totals.bonus, totals.penalty, totals.total) == (D(80), D(5), D(2), D(83))
    assert totals.by_section == (D(50), D(30))


def test_ranking_orders_by_bloc_total_and_reports_the_self_minus_bloc_difference():
    ranked = scoring.rank_members(
        [member(1, "B", s1="40", s2="30"), member(2, "A", s1="50", s2="30", self_extra="5")], tie_break="shared"
    )
    assert [(m.name, m.rank) for m in ranked] == [("A", 1), ("B", 2)]
    assert ranked[0].difference == D(5) and ranked[1].difference == D(0)


def test_equal_totals_share_a_rank_under_the_shared_rule_and_the_next_rank_is_skipped():
    ranked = scoring.rank_members(
        [member(1, "Bình", s1="50", s2="40"), member(2, "An", s1="40", s2="50"), member(3, "Cường", s1="10", s2="10")],
        tie_break="shared",
    )
    assert [(m.name, m.rank, m.tied) for m in ranked] == [("An", 1, True), ("Bình", 1, True), ("Cường", 3, False)]
    assert scoring.cut_is_tied(ranked, 1)


def test_base_points_rule_breaks_a_tie_in_favour_of_more_points_before_bonus():
    ranked = scoring.rank_members(
        [member(1, "Trẻ", s1="52.5", s2="40", bonus="2"), member(2, "Nhỏ", s1="53.5", s2="40", bonus="1")],
        tie_break="base_points",
    )
    assert [(m.name, m.rank) for m in ranked] == [("Nhỏ", 1), ("Trẻ", 2)]
    assert all(m.decided_by_tie_break and not m.tied for m in ranked)
    assert not scoring.cut_is_tied(ranked, 1)


def test_fewer_penalties_rule_and_sections_rule_break_ties_differently():
    a = member(1, "A", s1="60", s2="30", bonus="1", penalty="1")  # 90, sections (60, 30), penalty 1
    b = member(2, "B", s1="50", s2="40")  # 90, sections (50, 40), penalty 0
    assert [m.name for m in scoring.rank_members([a, b], tie_break="fewer_penalties")] == ["B", "A"]
    assert [m.name for m in scoring.rank_members([a, b], tie_break="sections")] == ["A", "B"]


def test_members_the_bloc_has_not_scored_come_last_without_a_rank():
    unscored = MemberScores(member_id=9, name="Chưa chấm", scores=[], bloc_scored=False)
    ranked = scoring.rank_members([unscored, member(1, "A", s1="1", s2="1")], tie_break="shared")
    assert [(m.name, m.rank) for m in ranked] == [("A", 1), ("Chưa chấm", None)]
    assert [m.name for m in scoring.top_ranks(ranked, 3)] == ["A"]
