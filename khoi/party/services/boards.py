"""Decisions of the committees: annual grading, committee changes, inspection, discipline."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.formatting import format_number, format_short_date
from khoi.core.text import clean_text, name_key
from khoi.units.models import BASE_KINDS, Unit

from .. import rules, selectors
from ..models import (
    CommitteeAppointment,
    Decision,
    DecisionKind,
    DisciplineCase,
    DisciplineForm,
    Grade,
    Grading,
    GradingSubject,
    Person,
    Position,
    Review,
    ReviewKind,
)
from .common import _decision_create, _name, _require_base

# ---- Annual grading ----------------------------------------------------------------------------


@dataclass
class GradingResult:
    decision: Decision
    warnings: list[str] = field(default_factory=list)


def _quota_message(allowed: int, cap: Decimal, basis: str) -> str:
    return _(
        "At most %(allowed)s may be rated “excellently completed” (%(cap)s%% of those rated good or excellent, "
        "%(basis)s)."
    ) % {"allowed": format_number(allowed), "cap": format_number(cap), "basis": basis}


@transaction.atomic
def grading_record(
    *,
    subject: str,
    year: int,
    decision_number: str,
    signed_on: dt.date,
    grades: Mapping[int, str],
    issuer: Unit | None = None,
    by: User | None,
) -> GradingResult:
    """Recognise a year's grades: of base organisations (``grades`` by unit id, a decision of the
    bloc committee) or of one organisation's members (by person id, its committee's decision).
    A quota the regulation makes binding refuses the decision; one it does not is a warning."""
    if subject not in GradingSubject.values:
        raise ValidationError({"subject": _("Choose what is graded.")})
    if not grades:
        raise ValidationError({"grades": _("Grade at least one.")})
    if any(grade not in Grade.values for grade in grades.values()):
        raise ValidationError({"grades": _("Choose a grade for each.")})
    if signed_on.year < year:
        raise ValidationError({"decision_signed_on": _("A year's grading is decided after the year has begun.")})
    ids = list(grades)
    if subject == GradingSubject.ORGANISATIONS:
        found = set(Unit.objects.filter(pk__in=ids, kind__in=BASE_KINDS).values_list("pk", flat=True))
        taken = Grading.objects.filter(year=year, unit_id__in=ids)
        issuer = None
    else:
        if issuer is None:
            raise ValidationError({"issuer": _("Members are graded by their own organisation.")})
        found = set(Person.objects.filter(pk__in=ids, unit=issuer).values_list("pk", flat=True))
        taken = Grading.objects.filter(year=year, person_id__in=ids)
    if len(found) != len(ids):
        raise ValidationError({"grades": _("Some of those graded are not in this organisation.")})
    if taken.exists():
        raise ValidationError({"grades": _("Some of those graded already have a grade for %(year)d.") % {"year": year}})
    warnings: list[str] = []
    rule = selectors.grading_rule_for(year=year)
    if rule is not None and rule.excellent_cap_percent is not None:
        counts = Counter(grades.values())
        allowed = rules.excellent_allowed(counts, rule.excellent_cap_percent)
        if counts.get(Grade.EXCELLENT, 0) > allowed:
            message = _quota_message(allowed, rule.excellent_cap_percent, rule.legal_basis)
            if rule.binding:
                raise ValidationError({"grades": message})
            warnings.append(message)
    kind_label = _("base organisations") if subject == GradingSubject.ORGANISATIONS else _("members")
    decision = _decision_create(
        kind=DecisionKind.GRADING,
        number=decision_number,
        signed_on=signed_on,
        subject=f"{year}: {kind_label}",
        unit=issuer,
        by=by,
    )
    key = "unit_id" if subject == GradingSubject.ORGANISATIONS else "person_id"
    Grading.objects.bulk_create(
        [Grading(year=year, decision=decision, grade=grade, **{key: pk}) for pk, grade in grades.items()]
    )
    return GradingResult(decision=decision, warnings=warnings)


# ---- Committee changes, inspection, discipline -----------------------------------------------


@transaction.atomic
def committee_change_record(
    *,
    unit: Unit,
    decision_number: str,
    signed_on: dt.date,
    appointments: Sequence[tuple[str, str]],
    by: User | None,
) -> Decision:
    """Kiện toàn: the committee's new secretary, deputies and members from one decision."""
    _require_base(unit)
    if not appointments:
        raise ValidationError({"appointments": _("Enter at least one appointment.")})
    rows, keys = [], set()
    for position, holder in appointments:
        if position not in Position.values:
            raise ValidationError({"appointments": _("Choose the position of each person.")})
        name = _name(holder, "appointments")
        key = name_key(name)
        if key in keys:
            raise ValidationError({"appointments": _("%(name)s is named twice.") % {"name": name}})
        keys.add(key)
        rows.append((position, name, key))
    if sum(1 for position, _n, _k in rows if position == Position.SECRETARY) > 1:
        raise ValidationError({"appointments": _("A committee has one secretary.")})
    decision = _decision_create(
        kind=DecisionKind.COMMITTEE, number=decision_number, signed_on=signed_on, subject=unit.name, by=by
    )
    CommitteeAppointment.objects.bulk_create(
        [
            CommitteeAppointment(
                unit=unit, decision=decision, position=position, holder_name=name, name_key=key, starts_on=signed_on
            )
            for position, name, key in rows
        ]
    )
    return decision


@transaction.atomic
def review_record(
    *, kind: str, year: int, unit: Unit, subject: str, planned: bool = True, done_on: dt.date | None = None
) -> Review:
    """An inspection or supervision of a base organisation: in the year's plan, or done (dated in
    that year)."""
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": _("Choose inspection or supervision.")})
    _require_base(unit)
    text = clean_text(subject, multiline=False)
    if not text:
        raise ValidationError({"subject": _("Enter the subject.")})
    if done_on is not None and done_on.year != year:
        raise ValidationError({"done_on": _("The date is outside the plan's year.")})
    return Review.objects.create(kind=kind, year=year, unit=unit, subject=text, planned=planned, done_on=done_on)


@transaction.atomic
def review_mark_done(*, review: Review, done_on: dt.date, today: dt.date) -> Review:
    """A planned inspection or supervision done later: dated within its plan year, not in the
    future, once."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.done_on is not None:
        raise ValidationError(
            {"done_on": _("This inspection or supervision is already marked done (%(date)s).")
             % {"date": format_short_date(review.done_on)}}
        )  # fmt: skip
    if done_on > today:
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    if done_on.year < review.year:
        raise ValidationError({"done_on": _("The date is before the plan's year.")})
    if done_on.year != review.year:
        raise ValidationError({"done_on": _("The date is outside the plan's year.")})
    review.done_on = done_on
    review.save(update_fields=["done_on"])
    return review


@transaction.atomic
def discipline_record(
    *, unit: Unit, form: str, decision_number: str, signed_on: dt.date, by: User | None
) -> DisciplineCase:
    """A disciplinary decision of the bloc's Inspection Committee against someone of a base
    organisation (only the form and the decision are kept: counts leave the Board)."""
    if form not in DisciplineForm.values:
        raise ValidationError({"form": _("Choose the form of discipline.")})
    _require_base(unit)
    decision = _decision_create(
        kind=DecisionKind.DISCIPLINE, number=decision_number, signed_on=signed_on, unit=None, by=by
    )
    return DisciplineCase.objects.create(unit=unit, form=form, decision=decision)
