"""The admission pipeline: each step in the order the Party's rules set, and undoing the last one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.formatting import format_short_date
from khoi.core.text import clean_text, name_key

from .. import rules, selectors
from ..models import (
    COURSE_STEPS,
    AdmissionStep,
    CourseBatch,
    CourseKind,
    DecisionKind,
    DisciplineCase,
    Grading,
    Person,
    PersonStatus,
    RuleKind,
    Step,
    StepUndo,
)
from .common import _decision_create, _name

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
