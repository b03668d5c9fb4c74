"""Reads of Party building: the rules in force, people and their steps, the due-for-conversion
list, and the figures counted from the records.

How the figures count (any date range, any set of base organisations):
- admissions: admission decisions of the bloc committee signed in the range (the person's
  organisation counts);
- conversions: decisions recognising full membership signed in the range;
- organisations graded: base organisations whose grade was recognised by a decision signed in the
  range (the grading of 2020 decided in 2021 counts in 2021), with the number in each grade;
- committees changed: base organisations with a committee decision signed in the range;
- courses held: course batches that ended in the range;
- inspections and supervisions done in the range; disciplinary decisions in the range.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from khoi.units.models import Unit
from khoi.units.selectors import sort_vietnamese, unit_list_active_on

from . import rules
from .models import (
    AdmissionStep,
    CommitteeAppointment,
    CourseBatch,
    DeadlineRule,
    Decision,
    DisciplineCase,
    Grade,
    Grading,
    GradingRule,
    Person,
    PersonStatus,
    RecordRead,
    Review,
    ReviewKind,
    RuleKind,
    Step,
    StepUndo,
)

# ---- Rules in force -----------------------------------------------------------------------------


def deadline_rule_on(*, kind: str, on: dt.date) -> DeadlineRule | None:
    return (
        DeadlineRule.objects.filter(kind=kind, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-valid_from")
        .first()
    )


def grading_rule_for(*, year: int) -> GradingRule | None:
    return (
        GradingRule.objects.filter(first_year__lte=year)
        .filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        .order_by("-first_year")
        .first()
    )


def deadline_rule_list() -> QuerySet[DeadlineRule]:
    return DeadlineRule.objects.all()


def grading_rule_list() -> QuerySet[GradingRule]:
    return GradingRule.objects.all()


# ---- People -----------------------------------------------------------------------------------


def person_list(*, units: QuerySet[Unit] | Iterable[int]) -> QuerySet[Person]:
    if isinstance(units, QuerySet):
        return Person.objects.filter(unit__in=units).select_related("unit")
    return Person.objects.filter(unit_id__in=list(units)).select_related("unit")


def person_steps(*, person: Person) -> list[AdmissionStep]:
    return list(person.steps.select_related("decision", "course", "recorded_by").order_by("step"))


def step_undo_list(*, person: Person) -> QuerySet[StepUndo]:
    return person.undone_steps.select_related("undone_by")


def latest_step(*, person: Person) -> AdmissionStep | None:
    return person.steps.order_by("-step").first()


def next_step(*, person: Person) -> Step | None:
    done = set(person.steps.values_list("step", flat=True))
    for step in Step:
        if step not in done:
            return step
    return None


def record_read_list(*, person: Person) -> QuerySet[RecordRead]:
    return person.reads.select_related("user")


# ---- Due for conversion -----------------------------------------------------------------------


@dataclass(frozen=True)
class DueRow:
    person: Person
    probation_ends_on: dt.date
    review_by: dt.date  # the cell must consider full membership by then
    state: str  # "due" (ends within the horizon), "ready" (ended, still in time), "overdue"
    next_step: Step | None


def due_for_conversion(*, units: QuerySet[Unit] | Iterable[int], on: dt.date, horizon_days: int = 60) -> list[DueRow]:
    """Probationary members whose twelve months end within `horizon_days` of `on`, have ended, or
    whose cell's review is late (after the deadline the regulation in force sets)."""
    people = (
        person_list(units=units)
        .filter(status=PersonStatus.PROBATIONARY, probation_ends_on__lte=on + dt.timedelta(days=horizon_days))
        .prefetch_related("steps")
        .order_by("probation_ends_on", "name_key")
    )
    review_rules = list(DeadlineRule.objects.filter(kind=RuleKind.CONVERSION_REVIEW).order_by("-valid_from"))
    rows = []
    for person in people:
        assert person.probation_ends_on is not None
        ends_on = person.probation_ends_on
        rule = next(
            (
                r
                for r in review_rules
                if r.valid_from <= ends_on and (r.valid_until is None or r.valid_until >= ends_on)
            ),
            None,
        )
        review_by = (
            rules.deadline(person.probation_ends_on, rule.amount, rule.unit) if rule else person.probation_ends_on
        )
        if person.probation_ends_on > on:
            state = "due"
        elif on <= review_by:
            state = "ready"
        else:
            state = "overdue"
        done = {s.step for s in person.steps.all()}
        upcoming = next((s for s in Step if s not in done), None)
        rows.append(DueRow(person, person.probation_ends_on, review_by, state, upcoming))
    return rows


# ---- Figures ----------------------------------------------------------------------------------


@dataclass
class PartyFigures:
    start: dt.date
    end: dt.date
    admissions: int = 0
    conversions: int = 0
    organisations_graded: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    committees_changed: int = 0
    courses_held: int = 0
    course_batches: list[str] = field(default_factory=list)
    inspections: int = 0
    supervisions: int = 0
    discipline_cases: int = 0

    def grade_shares(self) -> dict[str, Decimal | None]:
        total = self.organisations_graded
        return {g: (Decimal(self.grades.get(g, 0)) * 100 / total if total else None) for g in Grade.values}


def _in(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}__gte": start, f"{prefix}__lte": end})


def _of_units(field: str, unit_ids: Sequence[int] | None) -> Q:
    """Rows of the given units; None: of every unit (the caller keeps those it wants: a date
    range holds few rows, and a list of a thousand ids in SQL costs more than reading them)."""
    return Q() if unit_ids is None else Q(**{f"{field}__in": unit_ids})


def admissions_by_unit(*, start: dt.date, end: dt.date, unit_ids: Sequence[int] | None) -> dict[int, int]:
    rows = (
        AdmissionStep.objects.filter(_of_units("person__unit_id", unit_ids), step=Step.DECISION)
        .filter(_in(start, end, "decision__signed_on"))
        .values("person__unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["person__unit_id"]: row["n"] for row in rows}


def conversions_by_unit(*, start: dt.date, end: dt.date, unit_ids: Sequence[int] | None) -> dict[int, int]:
    rows = (
        AdmissionStep.objects.filter(_of_units("person__unit_id", unit_ids), step=Step.CONVERSION)
        .filter(_in(start, end, "decision__signed_on"))
        .values("person__unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["person__unit_id"]: row["n"] for row in rows}


def organisation_grades(*, start: dt.date, end: dt.date, unit_ids: Sequence[int] | None) -> dict[int, str]:
    """{unit id: grade} of base organisations graded by a decision signed in the range."""
    rows = Grading.objects.filter(_of_units("unit_id", unit_ids)).filter(_in(start, end, "decision__signed_on"))
    return dict(rows.values_list("unit_id", "grade"))


def committees_changed_by_unit(*, start: dt.date, end: dt.date, unit_ids: Sequence[int]) -> dict[int, int]:
    rows = (
        CommitteeAppointment.objects.filter(unit_id__in=unit_ids)
        .filter(_in(start, end, "decision__signed_on"))
        .values("unit_id")
        .annotate(n=Count("decision_id", distinct=True))
        .order_by()
    )
    return {row["unit_id"]: row["n"] for row in rows}


def party_figures(*, start: dt.date, end: dt.date, unit_ids: Sequence[int]) -> PartyFigures:
    """Every Party-building figure of a date range over a set of base organisations."""
    figures = PartyFigures(start=start, end=end)
    figures.admissions = sum(admissions_by_unit(start=start, end=end, unit_ids=unit_ids).values())
    figures.conversions = sum(conversions_by_unit(start=start, end=end, unit_ids=unit_ids).values())
    grades = organisation_grades(start=start, end=end, unit_ids=unit_ids)
    figures.organisations_graded = len(grades)
    figures.grades = dict(Counter(grades.values()))
    figures.committees_changed = len(committees_changed_by_unit(start=start, end=end, unit_ids=unit_ids))
    batches = CourseBatch.objects.filter(_in(start, end, "ends_on")).order_by("starts_on")
    figures.courses_held = batches.count()
    figures.course_batches = [f"{b.get_kind_display()} {b}" for b in batches]
    reviews = Review.objects.filter(unit_id__in=unit_ids).filter(_in(start, end, "done_on"))
    counts = dict(reviews.values_list("kind").annotate(n=Count("id")).order_by())
    figures.inspections = counts.get(ReviewKind.INSPECTION, 0)
    figures.supervisions = counts.get(ReviewKind.SUPERVISION, 0)
    figures.discipline_cases = (
        DisciplineCase.objects.filter(unit_id__in=unit_ids).filter(_in(start, end, "decision__signed_on")).count()
    )
    return figures


# ---- What reporting asks (khoi.party.apps.PartyConfig.reporting_figures) -----------------------

INDICATOR_CODES = ("party_admissions", "party_conversions", "party_quality_assessed")


def indicator_unit_values(*, code: str, start: dt.date, end: dt.date, unit_ids: Sequence[int]) -> dict[int, Decimal]:
    """Each base organisation's value of a Party-building indicator, counted from the records
    (0 where nothing happened: every organisation reports through its records). The range's rows
    of every unit are read and those asked for kept (see `_of_units`)."""
    if code == "party_admissions":
        counts = admissions_by_unit(start=start, end=end, unit_ids=None)
    elif code == "party_conversions":
        counts = conversions_by_unit(start=start, end=end, unit_ids=None)
    elif code == "party_quality_assessed":
        counts = dict.fromkeys(organisation_grades(start=start, end=end, unit_ids=None), 1)
    else:
        raise KeyError(code)
    return {unit_id: Decimal(counts.get(unit_id, 0)) for unit_id in unit_ids}


def course_batch_list(*, year: int) -> QuerySet[CourseBatch]:
    return CourseBatch.objects.filter(year=year).order_by("kind", "number")


def review_list(*, year: int) -> QuerySet[Review]:
    """A year's inspections and supervisions, planned and done."""
    return Review.objects.filter(year=year).select_related("unit").order_by("done_on", "kind", "pk")


def decision_list(*, kind: str | None = None) -> QuerySet[Decision]:
    decisions = Decision.objects.select_related("unit")
    return decisions.filter(kind=kind) if kind else decisions


def unit_grading_counts(*, year: int) -> dict[str, int]:
    rows = Grading.objects.filter(year=year, unit__isnull=False).values("grade").annotate(n=Count("id")).order_by()
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["grade"]] = row["n"]
    return dict(counts)


def candidates_by_step(*, units: QuerySet[Unit] | Iterable[int]) -> dict[int, int]:
    """How many people of the organisations stand at each step (counts for leadership)."""
    people = person_list(units=units).exclude(status=PersonStatus.LEFT).annotate(done=Count("steps"))
    return dict(Counter(person.done for person in people))


# ---- Data entry -------------------------------------------------------------------------------


def units_to_grade(*, year: int) -> list[Unit]:
    """The base organisations of the bloc at the end of `year` not yet graded for it."""
    graded = Grading.objects.filter(year=year, unit__isnull=False).values("unit_id")
    return sort_vietnamese(unit_list_active_on(on_date=dt.date(year, 12, 31)).exclude(pk__in=graded))


def members_to_grade(*, unit: Unit, year: int) -> QuerySet[Person]:
    """An organisation's members at the end of `year` (admitted by then, not left) not yet graded."""
    graded = Grading.objects.filter(year=year, person__isnull=False).values("person_id")
    return (
        Person.objects.filter(unit=unit, status__in=[PersonStatus.PROBATIONARY, PersonStatus.FULL])
        .filter(admitted_on__lte=dt.date(year, 12, 31))
        .exclude(pk__in=graded)
        .order_by("name_key")
    )


def member_grades(*, start: dt.date, end: dt.date, unit_ids: Sequence[int]) -> dict[str, int]:
    """{grade: members} graded by their organisations' decisions signed in the range."""
    rows = (
        Grading.objects.filter(person__unit_id__in=unit_ids)
        .filter(_in(start, end, "decision__signed_on"))
        .values("grade")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["grade"]: row["n"] for row in rows}


# ---- Drill-down from a figure to its records -----------------------------------------------------

FIGURES = ("admissions", "conversions", "organisations_graded", "committees_changed", "courses_held", "reviews")


@dataclass(frozen=True)
class FigureRow:
    """One decision (or batch, or review) behind a figure. `person` only for record holders."""

    number: str
    date: dt.date | None
    organisation: str
    detail: str = ""
    count: int = 1
    person: Person | None = None


def figure_rows(
    *, figure: str, start: dt.date, end: dt.date, unit_ids: Sequence[int], with_people: bool
) -> list[FigureRow]:
    """The records a figure of `party_figures` counts, for the same range and organisations, in
    date order. Without `with_people` nothing names a person (decisions' numbers and dates only)."""
    if figure in ("admissions", "conversions"):
        step = Step.DECISION if figure == "admissions" else Step.CONVERSION
        steps = (
            AdmissionStep.objects.filter(step=step, person__unit_id__in=unit_ids)
            .filter(_in(start, end, "decision__signed_on"))
            .select_related("decision", "person__unit")
            .order_by("decision__signed_on", "decision__number_key")
        )
        return [
            FigureRow(
                number=s.decision.number if s.decision else "",
                date=s.decision.signed_on if s.decision else s.done_on,
                organisation=s.person.unit.name,
                person=s.person if with_people else None,
            )
            for s in steps
        ]
    if figure == "organisations_graded":
        decisions = (
            Decision.objects.filter(gradings__unit_id__in=unit_ids)
            .filter(_in(start, end, "signed_on"))
            .annotate(n=Count("gradings"))
            .order_by("signed_on", "number_key")
        )
        return [FigureRow(d.number, d.signed_on, "", d.subject, d.n) for d in decisions]
    if figure == "committees_changed":
        changes = (
            Decision.objects.filter(appointments__unit_id__in=unit_ids)
            .filter(_in(start, end, "signed_on"))
            .distinct()
            .order_by("signed_on", "number_key")
        )
        units = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
        unit_of = dict(CommitteeAppointment.objects.filter(decision__in=changes).values_list("decision_id", "unit_id"))
        return [FigureRow(d.number, d.signed_on, units.get(unit_of.get(d.pk, 0), "")) for d in changes]
    if figure == "courses_held":
        batches = CourseBatch.objects.filter(_in(start, end, "ends_on")).order_by("starts_on")
        return [FigureRow(str(b), b.ends_on, b.place, b.get_kind_display()) for b in batches]
    if figure == "reviews":
        reviews = (
            Review.objects.filter(unit_id__in=unit_ids)
            .filter(_in(start, end, "done_on"))
            .select_related("unit")
            .order_by("done_on", "pk")
        )
        return [FigureRow("", r.done_on, r.unit.name, r.get_kind_display()) for r in reviews]
    raise KeyError(figure)
