"""Writes of Party building. Each function is one transaction; bad input raises a ValidationError
naming the field, in the active language (Vietnamese by default), and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.formatting import format_number, format_short_date
from khoi.core.text import clean_text, name_key
from khoi.units.models import BASE_KINDS, Unit

from . import access, rules, selectors
from .models import (
    COURSE_STEPS,
    AdmissionStep,
    CommitteeAppointment,
    CourseBatch,
    CourseKind,
    Decision,
    DecisionKind,
    DisciplineCase,
    DisciplineForm,
    Grade,
    Grading,
    GradingSubject,
    Person,
    PersonStatus,
    Position,
    RecordRead,
    Review,
    ReviewKind,
    RuleKind,
    SecretaryAccount,
    Step,
    StepUndo,
)

EARLIEST_BIRTH = dt.date(1900, 1, 1)
ADULT_AGE_YEARS = 18


def _name(value: str, field_name: str) -> str:
    name = " ".join(clean_text(value, multiline=False).split())
    if not name:
        raise ValidationError({field_name: _("Enter the full name.")})
    return name


def _require_base(unit: Unit) -> None:
    if unit.kind not in BASE_KINDS:
        raise ValidationError({"unit": _("Choose a base Party organisation (a base committee or a base cell).")})


# ---- People ------------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    unit: Unit,
    full_name: str,
    birth_date: dt.date,
    gender: str,
    identity_number: str = "",
    today: dt.date | None = None,
) -> Person:
    """A candidate of a base organisation. The same person (name in any Unicode form or case, and
    date of birth) is refused a second time in the same organisation."""
    _require_base(unit)
    name = _name(full_name, "full_name")
    today = today or dt.date.today()
    if birth_date < EARLIEST_BIRTH or birth_date > rules.add_months(today, -12 * ADULT_AGE_YEARS):
        raise ValidationError({"birth_date": _("A candidate must be at least 18 years old: check the date of birth.")})
    number = clean_text(identity_number, multiline=False).replace(" ", "")
    if number:
        problem = rules.identity_problem(number, birth_date)
        if problem is not None:
            messages = {
                "format": _("An identity card number (CCCD) has exactly 12 digits."),
                "province": _("The identity card number does not start with a province code (001–096)."),
                "birth_year": _("The identity card number does not match the year of birth."),
            }
            raise ValidationError({"identity_number": messages[problem.message_key]})
        if Person.objects.filter(identity_number=number).exists():
            raise ValidationError(
                {"identity_number": _("A person with this identity card number is already recorded.")}
            )
    if gender not in {"male", "female"}:
        raise ValidationError({"gender": _("Choose the gender.")})
    key = name_key(name)
    if Person.objects.filter(unit=unit, name_key=key, birth_date=birth_date).exists():
        raise ValidationError(
            {"full_name": _("%(name)s, born on %(date)s, is already recorded in this organisation.")
             % {"name": name, "date": format_short_date(birth_date)}}
        )  # fmt: skip
    return Person.objects.create(
        unit=unit, full_name=name, name_key=key, birth_date=birth_date, gender=gender, identity_number=number
    )


def person_read_log(*, user: User, person: Person, via: str) -> None:
    """Every read of a person's record is logged (the page, the API, a document)."""
    RecordRead.objects.create(user=user, person=person, via=via[:20])


@transaction.atomic
def secretary_assign(*, user: User, unit: Unit) -> SecretaryAccount:
    _require_base(unit)
    account, _created = SecretaryAccount.objects.update_or_create(user=user, defaults={"unit": unit})
    access.forget_secretary(user)
    return account


# ---- Decisions --------------------------------------------------------------------------------


def number_key(number: str) -> str:
    """ "125 - QĐ/ĐUK" and "125-qđ/đuk" are the same number."""
    return "".join(clean_text(number, multiline=False).split()).upper()


def _decision_create(
    *, kind: str, number: str, signed_on: dt.date, subject: str = "", unit: Unit | None = None, by: User | None
) -> Decision:
    text = " ".join(clean_text(number, multiline=False).split())
    key = number_key(text)
    if not key:
        raise ValidationError({"decision_number": _("Enter the decision's number and symbol.")})
    if signed_on is None:
        raise ValidationError({"decision_signed_on": _("Enter the decision's date.")})
    clash = Decision.objects.filter(number_key=key, year=signed_on.year)
    clash = clash.filter(unit=unit) if unit is not None else clash.filter(unit__isnull=True)
    if clash.exists():
        raise ValidationError(
            {"decision_number": _("Decision number %(number)s is already used in %(year)d.")
             % {"number": text, "year": signed_on.year}}
        )  # fmt: skip
    try:
        with transaction.atomic():
            return Decision.objects.create(
                kind=kind,
                number=text,
                number_key=key,
                year=signed_on.year,
                signed_on=signed_on,
                subject=clean_text(subject, multiline=False),
                unit=unit,
                recorded_by=by,
            )
    except IntegrityError as error:  # a concurrent save took the number first
        raise ValidationError(
            {"decision_number": _("Decision number %(number)s is already used in %(year)d.")
             % {"number": text, "year": signed_on.year}}
        ) from error  # fmt: skip


# ---- Courses ----------------------------------------------------------------------------------


@transaction.atomic
def course_batch_create(
    *, kind: str, year: int, number: int, starts_on: dt.date, ends_on: dt.date, place: str = ""
) -> CourseBatch:
    if kind not in CourseKind.values:
        raise ValidationError({"kind": _("Choose the course.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The course cannot end before it starts.")})
    if starts_on.year != year:
        raise ValidationError({"starts_on": _("A batch of %(year)d starts in %(year)d.") % {"year": year}})
    if CourseBatch.objects.filter(kind=kind, year=year, number=number).exists():
        raise ValidationError({"number": _("This batch is already recorded.")})
    return CourseBatch.objects.create(
        kind=kind,
        year=year,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        place=clean_text(place, multiline=False),
    )


# ---- The admission pipeline --------------------------------------------------------------------


@dataclass(frozen=True)
class StepInput:
    step: int
    done_on: dt.date
    decision_number: str = ""
    decision_signed_on: dt.date | None = None
    course: CourseBatch | None = None
    certificate_number: str = ""
    introducers: Sequence[str] = ()
    votes_for: int | None = None
    votes_total: int | None = None
    late_approved: bool = False
    note: str = ""


def _check_step(person: Person, data: StepInput, done: dict[Step, AdmissionStep]) -> None:
    step = Step(data.step)
    if step in done:
        raise ValidationError({"step": _("This step is already recorded for %(name)s.") % {"name": person.full_name}})
    if step > Step.COURSE:
        previous = Step(step - 1)
        if previous not in done:
            raise ValidationError(
                {"step": _("Record “%(previous)s” before “%(step)s”.")
                 % {"previous": previous.label, "step": step.label}}
            )  # fmt: skip
        if data.done_on < done[previous].done_on:
            raise ValidationError(
                {"done_on": _("The date cannot be before the previous step (%(previous)s, %(date)s).")
                 % {"previous": previous.label, "date": format_short_date(done[previous].done_on)}}
            )  # fmt: skip
    if step in COURSE_STEPS:
        if data.course is None:
            raise ValidationError({"course": _("Choose the course batch.")})
        expected = CourseKind.AWARENESS if step == Step.COURSE else CourseKind.NEW_MEMBERS
        if data.course.kind != expected:
            raise ValidationError({"course": _("This batch is of another course.")})
        if data.done_on < data.course.ends_on:
            raise ValidationError({"done_on": _("The certificate cannot be dated before the course ends.")})
    if step == Step.APPLICATION:
        names = [_name(n, "introducers") for n in data.introducers if clean_text(n, multiline=False)]
        if len(names) != 2 or name_key(names[0]) == name_key(names[1]):
            raise ValidationError({"introducers": _("Enter the two full members who introduce the candidate.")})
    if step in (Step.CELL_VOTE, Step.CONVERSION_VOTE):
        if data.votes_for is None or not data.votes_total or data.votes_for > data.votes_total:
            raise ValidationError({"votes_for": _("Enter the votes for and the members voting (votes ≤ members).")})
        if data.votes_for * 2 <= data.votes_total:
            raise ValidationError({"votes_for": _("The resolution needs more than half of the members' votes.")})
    if step == Step.CEREMONY:
        decided = done[Step.DECISION].done_on
        rule = selectors.deadline_rule_on(kind=RuleKind.CEREMONY_DEADLINE, on=decided)
        if rule is not None and rule.binding and not data.late_approved:
            limit = rules.deadline(decided, rule.amount, rule.unit)
            if data.done_on > limit:
                message = _(
                    "The ceremony is due by %(date)s (%(basis)s); a later one needs the higher committee's agreement."
                )
                raise ValidationError(
                    {"done_on": message % {"date": format_short_date(limit), "basis": rule.legal_basis}}
                )
    if step in (Step.CONVERSION_VOTE, Step.CONVERSION):
        ends = person.probation_ends_on
        if ends is None or data.done_on < ends:
            raise ValidationError(
                {"done_on": _("The twelve months of probation end on %(date)s: full membership cannot be "
                              "considered before then.") % {"date": format_short_date(ends) if ends else "—"}}
            )  # fmt: skip


@transaction.atomic
def step_record(*, person: Person, data: StepInput, by: User | None) -> AdmissionStep:
    """Record the next step of a person's path; the steps come in the order the rules set, each
    dated no earlier than the previous one."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.status == PersonStatus.LEFT:
        raise ValidationError({"step": _("This person is no longer in the organisation.")})
    if data.step not in Step.values:
        raise ValidationError({"step": _("Choose a step.")})
    done = {Step(s.step): s for s in person.steps.all()}
    _check_step(person, data, done)
    step = Step(data.step)
    decision = None
    if step in (Step.DECISION, Step.CONVERSION):
        kind = DecisionKind.ADMISSION if step == Step.DECISION else DecisionKind.CONVERSION
        signed_on = data.decision_signed_on or data.done_on
        if signed_on != data.done_on:
            raise ValidationError({"decision_signed_on": _("The step is dated by its decision.")})
        decision = _decision_create(
            kind=kind, number=data.decision_number, signed_on=signed_on, subject=person.full_name, by=by
        )
    row = AdmissionStep.objects.create(
        person=person,
        step=step,
        done_on=data.done_on,
        decision=decision,
        course=data.course if step in COURSE_STEPS else None,
        certificate_number=clean_text(data.certificate_number, multiline=False),
        introducers="; ".join(_name(n, "introducers") for n in data.introducers) if step == Step.APPLICATION else "",
        votes_for=data.votes_for,
        votes_total=data.votes_total,
        late_approved=data.late_approved and step == Step.CEREMONY,
        note=clean_text(data.note, multiline=True),
        recorded_by=by,
    )
    if step == Step.CEREMONY:
        rule = selectors.deadline_rule_on(kind=RuleKind.PROBATION, on=data.done_on)
        months = rule.amount if rule is not None else 12
        person.status = PersonStatus.PROBATIONARY
        person.admitted_on = data.done_on
        person.probation_ends_on = rules.add_months(data.done_on, months)
        person.save(update_fields=["status", "admitted_on", "probation_ends_on"])
    elif step == Step.CONVERSION:
        person.status = PersonStatus.FULL
        person.full_member_on = person.probation_ends_on
        person.save(update_fields=["status", "full_member_on"])
    return row


@transaction.atomic
def step_undo(*, person: Person, step: int, reason: str, by: User) -> StepUndo:
    """Take back a wrongly recorded step: only the person's latest (``step`` names it, so a step
    recorded meanwhile is not taken back by mistake), with a reason, logged. Refused when another
    record rests on it: its decision used elsewhere, or a member's grade resting on the ceremony."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    text = clean_text(reason, multiline=True)
    if not any(char.isalnum() for char in text):
        raise ValidationError({"reason": _("Enter why the step is undone.")})
    if person.status == PersonStatus.LEFT:
        raise ValidationError({"step": _("This person is no longer in the organisation.")})
    last = person.steps.select_related("decision").order_by("-step").first()
    if last is None or last.step != step:
        raise ValidationError({"step": _("Only the latest recorded step can be undone.")})
    decision = last.decision
    if decision is not None and (
        decision.steps.exclude(pk=last.pk).exists()
        or decision.gradings.exists()
        or decision.appointments.exists()
        or DisciplineCase.objects.filter(decision=decision).exists()
    ):
        raise ValidationError({"step": _("Another record uses this step's decision: the step cannot be undone.")})
    if last.step == Step.CEREMONY and Grading.objects.filter(person=person).exists():
        raise ValidationError({"step": _("A member's grade rests on this admission: the step cannot be undone.")})
    log = StepUndo.objects.create(
        person=person,
        step=last.step,
        done_on=last.done_on,
        decision_number=decision.number if decision else "",
        reason=text,
        undone_by=by,
    )
    last.delete()
    if decision is not None:
        decision.delete()
    if last.step == Step.CEREMONY:
        person.status, person.admitted_on, person.probation_ends_on = PersonStatus.CANDIDATE, None, None
        person.save(update_fields=["status", "admitted_on", "probation_ends_on"])
    elif last.step == Step.CONVERSION:
        person.status, person.full_member_on = PersonStatus.PROBATIONARY, None
        person.save(update_fields=["status", "full_member_on"])
    return log


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
