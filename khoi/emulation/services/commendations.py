"""Writes of commendation: people, proposals (drafted, submitted, reviewed) and decisions with
their award records. One transaction each; bad input raises a ValidationError naming the field,
and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.text import clean_text, name_key
from khoi.units.models import Unit

from .. import selectors
from ..models import (
    Award,
    Campaign,
    CommendationForm,
    Decision,
    EmulationBloc,
    Gender,
    Issuer,
    Organisation,
    Person,
    Proposal,
    ProposalItem,
    ProposalStatus,
    RecipientKind,
)

# ---- People and proposals --------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    full_name: str,
    unit: Unit | None = None,
    organisation: Organisation | None = None,
    birth_date: dt.date | None = None,
    gender: str = "",
    position: str = "",
) -> Person:
    full_name = " ".join(clean_text(full_name, multiline=False).split())
    if not full_name:
        raise ValidationError({"full_name": _("Enter the person's full name.")})
    if unit is None and organisation is None:
        raise ValidationError({"unit": _("Say which unit the person works in.")})
    if gender and gender not in Gender.values:
        raise ValidationError({"gender": _("Choose a gender from the list.")})
    if birth_date is not None and not (dt.date(1920, 1, 1) <= birth_date <= timezone.localdate()):
        raise ValidationError({"birth_date": _("The date of birth is not plausible.")})
    person = Person(
        full_name=full_name,
        unit=unit,
        organisation=organisation,
        birth_date=birth_date,
        gender=gender,
        position=position,
    )
    person.refresh_search_text()
    person.save()
    return person


@dataclass(frozen=True)
class ItemInput:
    form: CommendationForm
    unit: Unit | None = None
    organisation: Organisation | None = None
    person: Person | None = None
    achievement: str = ""
    name: str = ""


def _recipient_name(item: ItemInput) -> str:
    if item.name:
        return item.name
    if item.person is not None:
        return item.person.full_name
    if item.unit is not None:
        return item.unit.name
    return item.organisation.name if item.organisation else ""


def _check_item(item: ItemInput, index: int, proposer_unit: Unit | None) -> None:
    given = [x for x in (item.unit, item.organisation, item.person) if x is not None]
    if len(given) != 1:
        raise ValidationError({"items": _("Line %(line)d: choose one recipient.") % {"line": index}})
    kind = RecipientKind.INDIVIDUAL if item.person is not None else RecipientKind.COLLECTIVE
    if not item.form.accepts(kind):
        raise ValidationError(
            {
                "items": _("Line %(line)d: %(form)s is not awarded to %(kind)s.")
                % {"line": index, "form": item.form.name, "kind": RecipientKind(kind).label.lower()}
            }
        )
    if proposer_unit is not None:
        unit = item.person.unit if item.person is not None else item.unit
        if unit is None or not unit.path.startswith(proposer_unit.path):
            raise ValidationError(
                {"items": _("Line %(line)d: a unit proposes only itself and its own people.") % {"line": index}}
            )


@transaction.atomic
def proposal_create(
    *,
    actor: User | None,
    year: int,
    title: str,
    items: Sequence[ItemInput],
    proposer_unit: Unit | None = None,
    proposer_bloc: EmulationBloc | None = None,
    campaign: Campaign | None = None,
    number: str = "",
) -> Proposal:
    if proposer_unit is None and proposer_bloc is None:
        raise ValidationError({"proposer_unit": _("Say who proposes.")})
    if not title.strip():
        raise ValidationError({"title": _("Enter a title.")})
    if not items:
        raise ValidationError({"items": _("Propose at least one collective or individual.")})
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("The year of the achievements is not plausible.")})
    proposal = Proposal.objects.create(
        year=year,
        title=title.strip(),
        number=number,
        proposer_unit=proposer_unit,
        proposer_bloc=proposer_bloc,
        campaign=campaign,
        created_by=actor,
    )
    seen: set[tuple[int, str]] = set()
    for index, item in enumerate(items, start=1):
        _check_item(item, index, proposer_unit)
        key = (
            item.form.pk,
            f"p{item.person.pk}"
            if item.person
            else f"u{item.unit.pk}"
            if item.unit
            else f"o{item.organisation.pk if item.organisation else 0}",
        )
        if key in seen:
            raise ValidationError({"items": _("Line %(line)d: this recipient is proposed twice.") % {"line": index}})
        seen.add(key)
        ProposalItem.objects.create(
            proposal=proposal,
            form=item.form,
            unit=item.unit,
            organisation=item.organisation,
            person=item.person,
            recipient_name=_recipient_name(item),
            achievement=item.achievement,
        )
    return proposal


def _binding_error(violations: Sequence[Any], field_name: str) -> None:
    blocking = [violation for violation in violations if violation.binding]
    if blocking:
        raise ValidationError({field_name: [violation.as_text() for violation in blocking]})


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor: User | None, submitted_at: dt.datetime | None = None) -> list[Any]:
    """Hand in a proposal: binding rules block it; the other rules' warnings are kept on its lines.

    `submitted_at` records a proposal handed in on paper earlier (history); default: now."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (ProposalStatus.DRAFT, ProposalStatus.RETURNED):
        raise ValidationError({"status": _("Only a draft or a returned proposal can be submitted.")})
    items = selectors.proposal_items(proposal=proposal)
    violations = selectors.rule_violations(
        year=proposal.year, recipients=selectors.proposal_recipients(items=items), bloc=proposal.proposer_bloc
    )
    _binding_error(violations, "items")
    for item in items:
        item.warnings = [v.as_dict() for v in violations if str(item.pk) in v.candidate_keys]
        item.save(update_fields=["warnings"])
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = submitted_at or timezone.now()
    proposal.save(update_fields=["status", "submitted_at"])
    return violations


@transaction.atomic
def proposal_review(
    *, proposal: Proposal, actor: User | None, approve: bool, note: str = "", rejected_item_ids: Sequence[int] = ()
) -> Proposal:
    """Staff approve a submitted proposal (optionally leaving lines out) or return it with a note."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted proposal can be reviewed.")})
    if not approve and not note.strip():
        raise ValidationError({"review_note": _("Say why the proposal is returned.")})
    rejected = set(rejected_item_ids)
    if approve:
        if rejected - set(proposal.items.values_list("id", flat=True)):
            raise ValidationError({"items": _("A line left out is not part of this proposal.")})
        if rejected and rejected >= set(proposal.items.values_list("id", flat=True)):
            raise ValidationError({"items": _("Leave at least one line in an approved proposal.")})
        proposal.items.filter(id__in=rejected).update(accepted=False)
        proposal.items.exclude(id__in=rejected).update(accepted=True)
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.RETURNED
    proposal.review_note = note
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    return proposal


# ---- Decisions and records --------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionInput:
    issuer: Issuer
    form: CommendationForm
    number: int
    signed_on: dt.date
    signer_name: str
    signer_title: str
    subject: str
    year: int
    campaign: Campaign | None = None
    achievement: str = ""


def _duplicate_message(ref: selectors.RecipientRef, year: int) -> str:
    return _("%(name)s has already received %(form)s for %(year)d.") % {
        "name": ref.name,
        "form": ref.form.name,
        "year": year,
    }


@transaction.atomic
def decision_create(
    *,
    actor: User | None,
    data: DecisionInput,
    proposals: Sequence[Proposal] = (),
    items: Sequence[ItemInput] = (),
    allow_warnings: bool = True,
) -> Decision:
    """Record a decision and its list: from approved proposals (their accepted lines of the
    decision's form) and/or lines given directly. Creates one record (Award) per line."""
    if data.form.issuer_id != data.issuer.pk:
        raise ValidationError({"form": _("This form is not awarded by this issuer.")})
    if data.number <= 0:
        raise ValidationError({"number": _("Enter the decision's number.")})
    if Decision.objects.filter(issuer=data.issuer, signed_year=data.signed_on.year, number=data.number).exists():
        raise ValidationError(
            {
                "number": _("Decision number %(number)d of %(year)d already exists.")
                % {"number": data.number, "year": data.signed_on.year}
            }
        )
    if data.signed_on.year < data.year:
        raise ValidationError({"signed_on": _("A decision cannot be signed before the year it rewards.")})
    if not data.signer_name.strip():
        raise ValidationError({"signer_name": _("Enter who signed the decision.")})
    refs: list[selectors.RecipientRef] = []
    sources: list[ProposalItem | None] = []
    blocs = set()
    proposals = list(Proposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals]).order_by("id"))
    for proposal in proposals:
        if proposal.status != ProposalStatus.APPROVED:
            raise ValidationError({"proposals": _("“%(title)s” is not approved.") % {"title": proposal.title}})
        if proposal.year != data.year:
            raise ValidationError({"proposals": _("“%(title)s” is for another year.") % {"title": proposal.title}})
        if proposal.proposer_bloc_id:
            blocs.add(proposal.proposer_bloc)
        for proposed in selectors.proposal_items(proposal=proposal):
            if proposed.accepted and proposed.form_id == data.form.pk and not hasattr(proposed, "award"):
                refs.append(selectors.proposal_recipients(items=[proposed])[0])
                sources.append(proposed)
    for index, line in enumerate(items, start=1):
        if line.form.pk != data.form.pk:
            raise ValidationError({"items": _("Line %(line)d: a decision awards one form.") % {"line": index}})
        _check_item(line, index, None)
        refs.append(
            selectors.RecipientRef(
                form=line.form,
                name=_recipient_name(line),
                unit=line.unit,
                organisation=line.organisation,
                person=line.person,
            )
        )
        sources.append(None)
    if not refs:
        raise ValidationError({"items": _("The decision awards nobody: add approved proposals or lines.")})
    seen: set[str] = set()
    for ref in refs:
        key = ref.unit_key if ref.person is None else f"p{ref.person.pk}"
        if key in seen:
            raise ValidationError({"items": _duplicate_message(ref, data.year)})
        seen.add(key)
        existing = Award.objects.filter(form=data.form, year=data.year)
        if ref.person is not None:
            existing = existing.filter(person=ref.person)
        elif ref.unit is not None:
            existing = existing.filter(unit=ref.unit)
        else:
            existing = existing.filter(organisation=ref.organisation)
        if existing.exists():
            raise ValidationError({"items": _duplicate_message(ref, data.year)})
    violations = selectors.rule_violations(
        year=data.year, recipients=refs, bloc=next(iter(blocs)) if len(blocs) == 1 else None
    )
    _binding_error(violations, "items")
    if violations and not allow_warnings:
        raise ValidationError({"items": [violation.as_text() for violation in violations]})
    decision = Decision.objects.create(
        issuer=data.issuer,
        form=data.form,
        number=data.number,
        signed_on=data.signed_on,
        signed_year=data.signed_on.year,
        signer_name=data.signer_name.strip(),
        signer_title=data.signer_title,
        subject=data.subject,
        year=data.year,
        campaign=data.campaign,
        achievement=data.achievement,
        created_by=actor,
    )
    # Collectives first, then individuals, each in the order given.
    order = sorted(range(len(refs)), key=lambda i: (refs[i].person is not None, i))
    awards = [
        Award(
            decision=decision,
            form=data.form,
            year=data.year,
            campaign=data.campaign,
            unit=refs[index].unit,
            organisation=refs[index].organisation,
            person=refs[index].person,
            recipient_name=refs[index].name,
            proposal_item=sources[index],
            position=position,
        )
        for position, index in enumerate(order, start=1)
    ]
    try:
        with transaction.atomic():
            Award.objects.bulk_create(awards)
    except IntegrityError:  # a concurrent decision recorded the same award first
        raise ValidationError({"items": _("A recipient has already received this form for this year.")}) from None
    for proposal in proposals:
        if not proposal.items.filter(accepted=True, award__isnull=True).exists():
            proposal.status = ProposalStatus.DECIDED
            proposal.save(update_fields=["status"])
    return decision


@dataclass(frozen=True)
class PersonInput:
    full_name: str
    birth_date: dt.date | None = None
    gender: str = ""
    position: str = ""
    achievement: str = ""


@transaction.atomic
def proposal_create_for_unit(
    *,
    actor: User | None,
    unit: Unit,
    year: int,
    title: str,
    form: CommendationForm,
    campaign: Campaign | None = None,
    include_unit: bool = False,
    unit_achievement: str = "",
    people: Sequence[PersonInput] = (),
) -> Proposal:
    """A unit proposes itself and/or its people (new people are added to the list of people).
    Nothing typed is dropped: the unit's achievements without "propose the unit" ticked, or a
    line of a person without a name, is an error."""
    items: list[ItemInput] = []
    errors: dict[str, list[str]] = {}
    if include_unit:
        items.append(ItemInput(form=form, unit=unit, achievement=unit_achievement))
    elif unit_achievement.strip():
        errors["include_unit"] = [_("You typed the unit's achievements: tick “Propose the unit itself” or clear them.")]
    for number, entry in enumerate(people, start=1):
        if not " ".join(entry.full_name.split()):
            errors.setdefault("people", []).append(
                _("Line %(number)d of the individuals has no full name: type it or clear the line.")
                % {"number": number}
            )
    if errors:
        raise ValidationError(errors)
    for entry in people:
        # The same person typed in NFC or NFD, in other case or spacing, is one person.
        existing = (
            Person.objects.filter(unit=unit, name_key=name_key(entry.full_name), birth_date=entry.birth_date)
            .order_by("pk")
            .first()
        )
        person = existing or person_create(
            full_name=entry.full_name,
            unit=unit,
            birth_date=entry.birth_date,
            gender=entry.gender,
            position=entry.position,
        )
        items.append(ItemInput(form=form, person=person, achievement=entry.achievement))
    return proposal_create(actor=actor, year=year, title=title, items=items, proposer_unit=unit, campaign=campaign)
