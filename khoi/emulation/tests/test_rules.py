"""Commendation rules as data (pure evaluation)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from khoi.emulation import rules
from khoi.emulation.rules import Candidate, RuleContext, RuleSpec

QUOTA = RuleSpec(
    rule_id=1,
    form_code="GK",
    form_name="Giấy khen",
    kind="quota",
    applies_to="collective",
    binding=True,
    legal_basis="Quy chế: không quá 15%",
    quota_base="active_units",
    quota_percent=Decimal(15),
)
PER_UNIT = RuleSpec(
    rule_id=2,
    form_code="GK",
    form_name="Giấy khen",
    kind="quota",
    applies_to="individual",
    binding=False,
    legal_basis="Quy chế: 3 người",
    quota_base="per_unit",
    quota_fixed=3,
)
PREREQ = RuleSpec(
    rule_id=3,
    form_code="BK",
    form_name="Bằng khen",
    kind="prerequisite",
    applies_to="individual",
    binding=False,
    legal_basis="Luật Thi đua, khen thưởng 2022",
    required_form_code="GK",
    required_form_name="Giấy khen",
    required_years=2,
)


def context(recorded: int = 0, units: int = 95) -> RuleContext:
    return RuleContext(
        year=2020, base_counts={"active_units": units}, recorded={("GK", "collective"): recorded}, recorded_per_unit={}
    )


def collectives(count: int) -> list[Candidate]:
    return [Candidate(f"u{i}", "GK", "collective", f"Đơn vị {i}", f"u{i}") for i in range(count)]


def test_quota_is_the_floor_of_the_share_of_the_base():
    assert rules.quota_limit(QUOTA, 95) == 14
    assert rules.quota_limit(QUOTA, 6) == 0


def test_twelve_collectives_of_ninety_five_units_are_within_a_fifteen_percent_quota():
    assert rules.evaluate([QUOTA], collectives(12), context()) == []


def test_over_quota_counts_what_is_already_recorded_and_cites_the_rule():
    with translation.override("vi"):
        violations = rules.evaluate([QUOTA], collectives(12), context(recorded=3))
    assert len(violations) == 1
    violation = violations[0]
    assert violation.binding and violation.legal_basis == "Quy chế: không quá 15%"
    assert "15" in violation.message and "14" in violation.message
    assert "Quy chế: không quá 15%" in violation.as_text()


def test_per_unit_quota_flags_only_the_unit_over_its_number():
    people = [Candidate(f"p{i}", "GK", "individual", "Nguyễn Văn A", "u1") for i in range(4)]
    people.append(Candidate("p9", "GK", "individual", "Trần Thị B", "u2"))
    violations = rules.evaluate([PER_UNIT], people, context())
    assert len(violations) == 1 and not violations[0].binding
    assert set(violations[0].candidate_keys) == {"p0", "p1", "p2", "p3"}


def test_prerequisite_needs_the_lower_form_in_each_of_the_years_before():
    ok = Candidate("p1", "BK", "individual", "Lê Văn C", "u1", frozenset({("GK", 2019), ("GK", 2018)}))
    gap = Candidate("p2", "BK", "individual", "Phạm Thị D", "u1", frozenset({("GK", 2019), ("GK", 2017)}))
    violations = rules.evaluate([PREREQ], [ok, gap], context())
    assert [v.candidate_keys for v in violations] == [("p2",)]
    assert "2018" in violations[0].message and "Phạm Thị D" in violations[0].message


def test_binding_violations_come_first():
    people = [Candidate(f"p{i}", "GK", "individual", "X", "u1") for i in range(4)]
    violations = rules.evaluate([PER_UNIT, QUOTA], people + collectives(20), context())
    assert [v.binding for v in violations] == [True, False]
