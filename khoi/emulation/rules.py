"""Commendation rules as data, evaluated without the database.

Two kinds of rule (CommendationRule):
- a quota: at most a share of a base (the bloc's base organisations in the year, the members of
  an emulation bloc) or a fixed number per unit, for one form and one kind of recipient, counting
  what is already recorded for that year plus what is proposed;
- a prerequisite: the recipient must have received a lower form in each of the N years before.
A binding rule blocks; the others warn. Every violation cites the rule's legal basis.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from khoi.core.formatting import format_number

QUOTA, PREREQUISITE = "quota", "prerequisite"
COLLECTIVE, INDIVIDUAL, BOTH = "collective", "individual", "both"
ACTIVE_UNITS, BLOC_MEMBERS, PER_UNIT = "active_units", "bloc_members", "per_unit"


@dataclass(frozen=True)
class RuleSpec:
    rule_id: int
    form_code: str
    form_name: str
    kind: str
    applies_to: str
    binding: bool
    legal_basis: str
    quota_base: str = ""
    quota_percent: Decimal | None = None
    quota_fixed: int | None = None
    required_form_code: str = ""
    required_form_name: str = ""
    required_years: int = 0


@dataclass(frozen=True)
class Candidate:
    """One proposed recipient of one form. `unit_key` groups individuals by their unit."""

    key: str
    form_code: str
    recipient_kind: str
    name: str
    unit_key: str
    history: frozenset[tuple[str, int]] = frozenset()  # (form code, year) already received


@dataclass(frozen=True)
class RuleContext:
    year: int
    base_counts: Mapping[str, int]  # quota base → size (active_units, bloc_members)
    recorded: Mapping[tuple[str, str], int]  # (form code, recipient kind) → already recorded this year
    recorded_per_unit: Mapping[tuple[str, str], int]  # (form code, unit key) → individuals recorded


@dataclass(frozen=True)
class Violation:
    rule_id: int
    binding: bool
    message: str
    legal_basis: str
    candidate_keys: tuple[str, ...]

    def as_text(self) -> str:
        return _("%(message)s Basis: %(basis)s") % {"message": self.message, "basis": self.legal_basis}

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule_id,
            "binding": self.binding,
            "message": self.message,
            "legal_basis": self.legal_basis,
        }


def quota_limit(rule: RuleSpec, base_count: int) -> int:
    """floor(base × percent / 100): 20% of 7 members is 1."""
    assert rule.quota_percent is not None
    return math.floor(Decimal(base_count) * rule.quota_percent / 100)


def _applies(rule: RuleSpec, candidate: Candidate) -> bool:
    return candidate.form_code == rule.form_code and rule.applies_to in (BOTH, candidate.recipient_kind)


def _recipients_label(kind: str) -> str:
    return _("collectives") if kind == COLLECTIVE else _("individuals")


def _check_quota(rule: RuleSpec, candidates: Sequence[Candidate], context: RuleContext) -> list[Violation]:
    violations: list[Violation] = []
    kinds = [COLLECTIVE, INDIVIDUAL] if rule.applies_to == BOTH else [rule.applies_to]
    for kind in kinds:
        concerned = [c for c in candidates if _applies(rule, c) and c.recipient_kind == kind]
        if not concerned:
            continue
        if rule.quota_base == PER_UNIT:
            assert rule.quota_fixed is not None
            per_unit = Counter(c.unit_key for c in concerned)
            for unit_key, proposed in sorted(per_unit.items()):
                count = proposed + context.recorded_per_unit.get((rule.form_code, unit_key), 0)
                if count > rule.quota_fixed:
                    names = tuple(c.key for c in concerned if c.unit_key == unit_key)
                    unit_name = next(c.name for c in concerned if c.unit_key == unit_key)
                    message = _(
                        "Over the quota of %(form)s: %(count)d %(recipients)s of one unit (%(example)s …), "
                        "at most %(limit)d per unit."
                    ) % {
                        "form": rule.form_name,
                        "count": count,
                        "recipients": _recipients_label(kind),
                        "example": unit_name,
                        "limit": rule.quota_fixed,
                    }
                    violations.append(Violation(rule.rule_id, rule.binding, message, rule.legal_basis, names))
            continue
        base_count = context.base_counts.get(rule.quota_base, 0)
        limit = quota_limit(rule, base_count)
        count = len(concerned) + context.recorded.get((rule.form_code, kind), 0)
        if count > limit:
            assert rule.quota_percent is not None
            message = _(
                "Over the quota of %(form)s: %(count)d %(recipients)s, at most %(limit)d (%(percent)s%% of %(base)d)."
            ) % {
                "form": rule.form_name,
                "count": count,
                "recipients": _recipients_label(kind),
                "limit": limit,
                "percent": format_number(rule.quota_percent, 2),
                "base": base_count,
            }
            violations.append(
                Violation(rule.rule_id, rule.binding, message, rule.legal_basis, tuple(c.key for c in concerned))
            )
    return violations


def _check_prerequisite(rule: RuleSpec, candidates: Sequence[Candidate], context: RuleContext) -> list[Violation]:
    violations: list[Violation] = []
    years = [context.year - offset for offset in range(1, rule.required_years + 1)]
    for candidate in candidates:
        if not _applies(rule, candidate):
            continue
        missing = [year for year in years if (rule.required_form_code, year) not in candidate.history]
        if missing:
            message = _(
                "%(name)s: %(form)s needs %(required)s in each of the %(years)d years before %(year)d; "
                "missing %(missing)s."
            ) % {
                "name": candidate.name,
                "form": rule.form_name,
                "required": rule.required_form_name,
                "years": rule.required_years,
                "year": context.year,
                "missing": ", ".join(str(year) for year in sorted(missing)),
            }
            violations.append(Violation(rule.rule_id, rule.binding, message, rule.legal_basis, (candidate.key,)))
    return violations


def evaluate(rules: Iterable[RuleSpec], candidates: Sequence[Candidate], context: RuleContext) -> list[Violation]:
    """Every violation of every rule by these candidates, binding ones first."""
    violations: list[Violation] = []
    for rule in rules:
        if rule.kind == QUOTA:
            violations.extend(_check_quota(rule, candidates, context))
        elif rule.kind == PREREQUISITE:
            violations.extend(_check_prerequisite(rule, candidates, context))
    return sorted(violations, key=lambda v: (not v.binding, v.rule_id))
