"""Reads of emulation and commendation: rankings, rule checks, histories and counts for reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from khoi.core.text import vietnamese_sort_key
from khoi.units.models import Unit
from khoi.units.selectors import unit_list_active_on

from . import rules as rules_module
from . import scoring
from .models import (
    Agreement,
    AgreementSignatory,
    Award,
    BlocMember,
    CommendationForm,
    CommendationRule,
    Criterion,
    Decision,
    EmulationBloc,
    LegalBasis,
    Organisation,
    Person,
    Proposal,
    ProposalItem,
    RecipientKind,
    Score,
    Scorecard,
)

# ---- Blocs, agreements, scores ----------------------------------------------------------------


def bloc_members(*, bloc: EmulationBloc, year: int | None = None) -> list[BlocMember]:
    members = list(bloc.members.select_related("unit", "organisation"))
    if year is not None:
        members = [member for member in members if member.active_in(year)]
    return sorted(members, key=lambda member: vietnamese_sort_key(member.name))


def agreement_detail(*, agreement_id: int) -> Agreement:
    return (
        Agreement.objects.select_related("bloc")
        .prefetch_related(
            "sections__criteria",
            Prefetch("signatories", queryset=AgreementSignatory.objects.select_related("member")),
        )
        .get(pk=agreement_id)
    )


def agreement_criteria(*, agreement: Agreement) -> list[Criterion]:
    return list(Criterion.objects.filter(section__agreement=agreement).select_related("section"))


def agreement_max_points(*, agreement: Agreement) -> dict[str, float]:
    criteria = agreement_criteria(agreement=agreement)
    result: dict[str, float] = defaultdict(float)
    for criterion in criteria:
        result[criterion.kind] += float(criterion.max_points)
    return dict(result)


def scorecard_scores(*, scorecard: Scorecard) -> list[Score]:
    return list(scorecard.scores.select_related("criterion__section"))


def agreement_ranking(*, agreement: Agreement) -> list[scoring.RankedMember]:
    """The ranking of an agreement by the bloc's scores (with self totals and differences)."""
    cards = list(
        Scorecard.objects.filter(agreement=agreement).values_list("id", "member_id", "member__name", "bloc_scored_at")
    )
    rows = Score.objects.filter(scorecard__agreement=agreement).values_list(
        "scorecard_id", "criterion_id", "criterion__kind", "criterion__section__order", "self_points", "bloc_points"
    )
    by_card: dict[int, list[scoring.CriterionScore]] = defaultdict(list)
    for card_id, criterion_id, kind, section_order, self_points, bloc_points in rows:
        by_card[card_id].append(scoring.CriterionScore(criterion_id, kind, section_order, self_points, bloc_points))
    members = [
        scoring.MemberScores(
            member_id=member_id, name=name, bloc_scored=scored_at is not None, scores=by_card.get(card_id, [])
        )
        for card_id, member_id, name, scored_at in cards
    ]
    return scoring.rank_members(members, tie_break=agreement.tie_break, bonus_cap=agreement.bonus_cap)


def agreement_scorecard_ids(*, agreement: Agreement) -> dict[int, int]:
    """member id → scorecard id."""
    return dict(Scorecard.objects.filter(agreement=agreement).values_list("member_id", "id"))


# ---- Forms and rules ---------------------------------------------------------------------------


def form_list() -> QuerySet[CommendationForm]:
    return CommendationForm.objects.select_related("issuer").prefetch_related("rules__required_form")


def _rule_specs(forms: Iterable[CommendationForm]) -> list[rules_module.RuleSpec]:
    form_ids = {form.pk for form in forms}
    specs = []
    for rule in CommendationRule.objects.filter(form_id__in=form_ids).select_related("form", "required_form"):
        specs.append(
            rules_module.RuleSpec(
                rule_id=rule.pk,
                form_code=rule.form.code,
                form_name=rule.form.name,
                kind=rule.kind,
                applies_to=rule.applies_to,
                binding=rule.binding,
                legal_basis=rule.legal_basis,
                quota_base=rule.quota_base,
                quota_percent=rule.quota_percent,
                quota_fixed=rule.quota_fixed,
                required_form_code=rule.required_form.code if rule.required_form else "",
                required_form_name=rule.required_form.name if rule.required_form else "",
                required_years=rule.required_years or 0,
            )
        )
    return specs


@dataclass(frozen=True)
class RecipientRef:
    """A recipient to check: exactly one of unit / organisation / person."""

    form: CommendationForm
    name: str
    unit: Unit | None = None
    organisation: Organisation | None = None
    person: Person | None = None
    key: str = ""

    @property
    def recipient_kind(self) -> str:
        return RecipientKind.INDIVIDUAL if self.person is not None else RecipientKind.COLLECTIVE

    @property
    def unit_key(self) -> str:
        if self.person is not None:
            return f"u{self.person.unit_id}" if self.person.unit_id else f"o{self.person.organisation_id}"
        return f"u{self.unit.pk}" if self.unit is not None else f"o{self.organisation.pk if self.organisation else 0}"


def _history(recipients: Sequence[RecipientRef]) -> dict[str, frozenset[tuple[str, int]]]:
    query = Q(pk__in=[])
    for ref in recipients:
        if ref.person is not None:
            query |= Q(person=ref.person)
        elif ref.unit is not None:
            query |= Q(unit=ref.unit)
        elif ref.organisation is not None:
            query |= Q(organisation=ref.organisation)
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for award in Award.objects.filter(query).select_related("form"):
        if award.person_id:
            key = f"p{award.person_id}"
        elif award.unit_id:
            key = f"u{award.unit_id}"
        else:
            key = f"o{award.organisation_id}"
        found[key].add((award.form.code, award.year))
    return {key: frozenset(value) for key, value in found.items()}


def _recipient_history_key(ref: RecipientRef) -> str:
    if ref.person is not None:
        return f"p{ref.person.pk}"
    if ref.unit is not None:
        return f"u{ref.unit.pk}"
    return f"o{ref.organisation.pk if ref.organisation else 0}"


def rule_violations(
    *,
    year: int,
    recipients: Sequence[RecipientRef],
    bloc: EmulationBloc | None = None,
    exclude_decision: Decision | None = None,
) -> list[rules_module.Violation]:
    """Check proposed recipients against their forms' rules, counting what is already recorded."""
    forms = {ref.form.pk: ref.form for ref in recipients}
    specs = _rule_specs(forms.values())
    if bloc is None:
        specs = [spec for spec in specs if spec.quota_base != rules_module.BLOC_MEMBERS]
    base_counts = {
        rules_module.ACTIVE_UNITS: unit_list_active_on(on_date=dt.date(year, 12, 31)).count(),
        rules_module.BLOC_MEMBERS: len(bloc_members(bloc=bloc, year=year)) if bloc else 0,
    }
    awards = Award.objects.filter(year=year, form_id__in=list(forms))
    if exclude_decision is not None:
        awards = awards.exclude(decision=exclude_decision)
    recorded: dict[tuple[str, str], int] = defaultdict(int)
    recorded_per_unit: dict[tuple[str, str], int] = defaultdict(int)
    for award in awards.select_related("form", "person"):
        kind = RecipientKind.INDIVIDUAL if award.person_id else RecipientKind.COLLECTIVE
        recorded[(award.form.code, kind)] += 1
        if award.person is not None:
            unit_key = f"u{award.person.unit_id}" if award.person.unit_id else f"o{award.person.organisation_id}"
            recorded_per_unit[(award.form.code, unit_key)] += 1
    history = _history(recipients)
    candidates = [
        rules_module.Candidate(
            key=ref.key or _recipient_history_key(ref),
            form_code=ref.form.code,
            recipient_kind=ref.recipient_kind,
            name=ref.name,
            unit_key=ref.unit_key,
            history=history.get(_recipient_history_key(ref), frozenset()),
        )
        for ref in recipients
    ]
    context = rules_module.RuleContext(
        year=year, base_counts=base_counts, recorded=recorded, recorded_per_unit=recorded_per_unit
    )
    return rules_module.evaluate(specs, candidates, context)


# ---- Proposals and decisions ------------------------------------------------------------------


def proposal_items(*, proposal: Proposal) -> list[ProposalItem]:
    return list(proposal.items.select_related("form__issuer", "unit", "organisation", "person__unit"))


def proposal_recipients(*, items: Iterable[ProposalItem]) -> list[RecipientRef]:
    return [
        RecipientRef(
            form=item.form,
            name=item.recipient_name,
            unit=item.unit,
            organisation=item.organisation,
            person=item.person,
            key=str(item.pk),
        )
        for item in items
    ]


def decision_list(*, queryset: QuerySet[Decision] | None = None) -> QuerySet[Decision]:
    """Newest first by the date signed (an aggregate query ignores the model's own ordering)."""
    decisions = queryset if queryset is not None else Decision.objects.all()
    return (
        decisions.select_related("issuer", "form", "campaign")
        .annotate(
            collectives=Count("awards", filter=Q(awards__person__isnull=True)),
            individuals=Count("awards", filter=Q(awards__person__isnull=False)),
        )
        .order_by("-signed_on", "-number", "-id")
    )


def legal_bases_on(*, on: dt.date) -> list[LegalBasis]:
    """The laws in force on a day, as a decision signed that day cites them."""
    return list(LegalBasis.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)))


def decision_awards(*, decision: Decision) -> tuple[list[Award], list[Award]]:
    """The decision's list: (collectives, individuals), in list order."""
    awards = list(decision.awards.select_related("unit", "organisation", "person__unit", "person__organisation"))
    return [a for a in awards if a.person_id is None], [a for a in awards if a.person_id is not None]


# ---- Histories -----------------------------------------------------------------------------------


def _awards() -> QuerySet[Award]:
    return Award.objects.select_related("form__issuer", "decision__issuer", "campaign").order_by(
        "-year", "-form__level", "decision__signed_on"
    )


def unit_award_history(*, unit: Unit, include_people: bool = False) -> list[Award]:
    """What a unit received, newest first; with `include_people`, also its people's awards."""
    query = Q(unit=unit)
    if include_people:
        query |= Q(person__unit=unit)
    return list(_awards().filter(query).select_related("person"))


def organisation_award_history(*, organisation: Organisation) -> list[Award]:
    return list(_awards().filter(organisation=organisation))


def person_award_history(*, person: Person) -> list[Award]:
    return list(_awards().filter(person=person))


def history_line(awards: Iterable[Award]) -> str:
    """ "Bằng khen UBND TP 2020, Giấy khen ĐUK 2019" (newest first)."""
    return ", ".join(f"{award.form.short_name} {award.form.issuer.short_name} {award.year}" for award in awards)


# ---- Counts for reports ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CommendationCounts:
    """How many collectives and individuals were awarded, and by which decisions."""

    collectives: int
    individuals: int
    decisions: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


def commendation_counts(
    *,
    year: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    issuer: str | None = None,
    form_code: str | None = None,
    campaign_code: str | None = None,
) -> CommendationCounts:
    """Count the awards recorded (Award rows), for the prose of a report.

    Every filter is optional and they combine (AND):
    - `year`: the year of the achievements the awards are for ("… trong năm 2020"), not the
      year the decision was signed;
    - `date_from` / `date_to` (inclusive): the date the decision was signed — use these for "in
      the first half of 2021" (a report's period);
    - `issuer`: the issuer's code ("DUK" the bloc's Party committee, "UBND-TP" the city People's
      Committee);
    - `form_code`: the form's code ("GK-DUK" Giấy khen of the Đảng ủy Khối, "BK-UBND", "CTD-UBND");
    - `campaign_code`: the campaign or movement ("CT05": thực hiện Chỉ thị 05-CT/TW).

    `collectives` counts awards to units and outside organisations, `individuals` awards to
    people; `decisions` lists the decisions' references ("86-QĐ/ĐUK") in date order.

    The demo reproduces the seed of 16/07/2021: `commendation_counts(year=2020, issuer="DUK",
    campaign_code="CT05")` → 12 collectives and 29 individuals ("tặng Giấy khen cho 12 tập thể và 29
    cá nhân"); that decision is dated 28/06/2021, so `date_from=2021-01-01, date_to=2021-06-30,
    issuer="DUK"` gives the same figures for the half-year report. For the emulation bloc of
    associations, `year=2020, form_code="CTD-UBND"` → 1 and `form_code="BK-UBND"` → 3 collectives.
    """
    awards = Award.objects.all()
    if year is not None:
        awards = awards.filter(year=year)
    if date_from is not None:
        awards = awards.filter(decision__signed_on__gte=date_from)
    if date_to is not None:
        awards = awards.filter(decision__signed_on__lte=date_to)
    if issuer is not None:
        awards = awards.filter(form__issuer__code=issuer)
    if form_code is not None:
        awards = awards.filter(form__code=form_code)
    if campaign_code is not None:
        awards = awards.filter(campaign__code=campaign_code)
    figures = awards.aggregate(
        collectives=Count("id", filter=Q(person__isnull=True)),
        individuals=Count("id", filter=Q(person__isnull=False)),
    )
    decisions = (
        Decision.objects.filter(awards__in=awards).distinct().select_related("issuer").order_by("signed_on", "number")
    )
    return CommendationCounts(
        collectives=figures["collectives"] or 0,
        individuals=figures["individuals"] or 0,
        decisions=tuple(decision.reference for decision in decisions),
    )


def person_list(*, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    people = queryset if queryset is not None else Person.objects.all()
    return people.select_related("unit", "organisation")
