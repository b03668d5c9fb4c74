"""Writes of emulation and commendation. Each function is one transaction; bad input raises a
ValidationError naming the field, and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.formatting import format_number
from khoi.core.text import clean_text, name_key, search_key
from khoi.core.versioning import save_if_current
from khoi.units.models import Unit

from . import scoring, selectors
from .models import (
    Agreement,
    AgreementSection,
    AgreementSignatory,
    AgreementStatus,
    Award,
    BlocLeadership,
    BlocMember,
    Campaign,
    CommendationForm,
    Criterion,
    CriterionKind,
    Decision,
    EmulationBloc,
    Evidence,
    Gender,
    Issuer,
    Organisation,
    Person,
    Proposal,
    ProposalItem,
    ProposalStatus,
    RecipientKind,
    Score,
    Scorecard,
)

# ---- Blocs -----------------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, name: str, short_name: str = "", address: str = "") -> Organisation:
    name = " ".join(clean_text(name, multiline=False).split())
    if not name:
        raise ValidationError({"name": _("Enter the organisation's name.")})
    # The same name in other case, spacing or Unicode form is the same organisation (a short list).
    key = name_key(name)
    if any(name_key(other) == key for other in Organisation.objects.values_list("name", flat=True)):
        raise ValidationError({"name": _("An organisation with this name already exists.")})
    return Organisation.objects.create(name=name, short_name=short_name, address=address, search_text=search_key(name))


@transaction.atomic
def bloc_create(*, code: str, name: str, description: str = "", tie_break: str = scoring.BASE_POINTS) -> EmulationBloc:
    if EmulationBloc.objects.filter(code=code).exists():
        raise ValidationError({"code": _("An emulation bloc with this code already exists.")})
    bloc = EmulationBloc(code=code, name=name, description=description, tie_break=tie_break)
    bloc.full_clean()
    bloc.save()
    return bloc


@transaction.atomic
def bloc_member_add(
    *,
    bloc: EmulationBloc,
    joined_year: int,
    unit: Unit | None = None,
    organisation: Organisation | None = None,
    name: str = "",
) -> BlocMember:
    if (unit is None) == (organisation is None):
        raise ValidationError({"unit": _("A member is either a unit of the register or an outside organisation.")})
    existing = bloc.members.filter(unit=unit) if unit is not None else bloc.members.filter(organisation=organisation)
    if existing.exists():
        raise ValidationError({"unit": _("This member already belongs to the bloc.")})
    display = name or (unit.name if unit is not None else organisation.name if organisation else "")
    return BlocMember.objects.create(
        bloc=bloc, unit=unit, organisation=organisation, name=display, joined_year=joined_year
    )


@transaction.atomic
def bloc_leadership_set(
    *, bloc: EmulationBloc, year: int, leader: BlocMember, deputy: BlocMember | None = None
) -> BlocLeadership:
    for role, member in (("leader", leader), ("deputy", deputy)):
        if member is not None and (member.bloc_id != bloc.pk or not member.active_in(year)):
            raise ValidationError({role: _("The leader and the deputy must be members of the bloc in that year.")})
    if deputy is not None and deputy.pk == leader.pk:
        raise ValidationError({"deputy": _("The deputy cannot be the leader.")})
    leadership, _created = BlocLeadership.objects.update_or_create(
        bloc=bloc, year=year, defaults={"leader": leader, "deputy": deputy}
    )
    return leadership


# ---- Agreements ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionInput:
    code: str
    title: str
    max_points: Decimal
    kind: str = CriterionKind.STANDARD
    guidance: str = ""


@dataclass(frozen=True)
class SectionInput:
    title: str
    criteria: Sequence[CriterionInput] = field(default_factory=tuple)


@transaction.atomic
def agreement_create(
    *,
    bloc: EmulationBloc,
    year: int,
    title: str,
    sections: Sequence[SectionInput],
    tie_break: str | None = None,
    bonus_cap: Decimal | None = None,
    flag_count: int = 1,
    merit_count: int = 3,
) -> Agreement:
    """An agreement with its sections and criteria, and an empty scorecard for every member."""
    if Agreement.objects.filter(bloc=bloc, year=year).exists():
        raise ValidationError({"year": _("The bloc already has an agreement for %(year)d.") % {"year": year}})
    if not sections or not any(section.criteria for section in sections):
        raise ValidationError({"sections": _("An agreement needs at least one criterion.")})
    agreement = Agreement.objects.create(
        bloc=bloc,
        year=year,
        title=title,
        tie_break=tie_break or bloc.tie_break,
        bonus_cap=bonus_cap,
        flag_count=flag_count,
        merit_count=merit_count,
    )
    criteria: list[Criterion] = []
    codes: set[str] = set()
    for section_order, section_input in enumerate(sections, start=1):
        section = AgreementSection.objects.create(agreement=agreement, order=section_order, title=section_input.title)
        for order, item in enumerate(section_input.criteria, start=1):
            if item.max_points is None or Decimal(item.max_points) <= 0:
                raise ValidationError(
                    {
                        "max_points": _("Criterion %(code)s: the maximum points must be above zero.")
                        % {"code": item.code}
                    }
                )
            if item.code in codes:
                raise ValidationError({"code": _("Criterion code %(code)s is used twice.") % {"code": item.code}})
            codes.add(item.code)
            criteria.append(
                Criterion.objects.create(
                    section=section,
                    order=order,
                    code=item.code,
                    title=item.title,
                    kind=item.kind,
                    max_points=Decimal(item.max_points),
                    guidance=item.guidance,
                )
            )
    for member in selectors.bloc_members(bloc=bloc, year=year):
        card = Scorecard.objects.create(agreement=agreement, member=member)
        Score.objects.bulk_create(Score(scorecard=card, criterion=c, max_points=c.max_points) for c in criteria)
    return agreement


@dataclass(frozen=True)
class SignatoryInput:
    member: BlocMember
    signer_name: str
    signer_title: str = ""


@transaction.atomic
def agreement_sign(
    *, agreement: Agreement, signed_on: dt.date, signed_place: str, signatories: Sequence[SignatoryInput]
) -> Agreement:
    """Record the signing: the date, the place and who signed for each member."""
    if signed_on.year not in (agreement.year, agreement.year - 1, agreement.year + 1):
        raise ValidationError({"signed_on": _("The signing date must be close to the agreement's year.")})
    for signatory in signatories:
        if signatory.member.bloc_id != agreement.bloc_id:
            raise ValidationError(
                {"signatories": _("%(name)s is not a member of the bloc.") % {"name": signatory.member}}
            )
        if not signatory.signer_name.strip():
            raise ValidationError({"signatories": _("Enter who signed for %(name)s.") % {"name": signatory.member}})
        AgreementSignatory.objects.update_or_create(
            agreement=agreement,
            member=signatory.member,
            defaults={"signer_name": signatory.signer_name.strip(), "signer_title": signatory.signer_title},
        )
    agreement.signed_on = signed_on
    agreement.signed_place = signed_place
    agreement.status = AgreementStatus.SIGNED
    agreement.save(update_fields=["signed_on", "signed_place", "status"])
    return agreement


@dataclass(frozen=True)
class ScoreInput:
    points: Decimal | str | None
    note: str = ""


def _points(value: Decimal | str | None, criterion: Criterion) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        points = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            {f"criterion_{criterion.pk}": _("Criterion %(code)s: enter a number.") % {"code": criterion.code}}
        ) from None
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            {
                f"criterion_{criterion.pk}": _(
                    "Criterion %(code)s: the score must be between 0 and its maximum of %(max)s points."
                )
                % {"code": criterion.code, "max": format_number(criterion.max_points, 2)}
            }
        )
    return points


def _save_scores(*, scorecard: Scorecard, scores: Mapping[int, ScoreInput], side: str) -> None:
    if scorecard.agreement.status == AgreementStatus.CLOSED:
        raise ValidationError({"scores": _("The year has been reviewed; its scores are closed.")})
    rows = {score.criterion_id: score for score in scorecard.scores.select_related("criterion").select_for_update()}
    changed: list[Score] = []
    for criterion_id, value in scores.items():
        score = rows.get(int(criterion_id))
        if score is None:
            raise ValidationError({"scores": _("This criterion is not part of the agreement.")})
        points = _points(value.points, score.criterion)
        if side == "self":
            score.self_points, score.evidence_note = points, value.note
        else:
            score.bloc_points, score.bloc_note = points, value.note
        changed.append(score)
    try:
        with transaction.atomic():
            Score.objects.bulk_update(changed, ["self_points", "evidence_note", "bloc_points", "bloc_note"])
    except IntegrityError:  # pragma: no cover - the checks above run first; the database has the last word
        raise ValidationError({"scores": _("A score is above its criterion's maximum.")}) from None


@transaction.atomic
def scorecard_save_self(
    *,
    scorecard: Scorecard,
    actor: User | None,
    scores: Mapping[int, ScoreInput],
    submit: bool = False,
    expected_version: int | None = None,
) -> Scorecard:
    """The member's self-score with its evidence notes; `submit` marks it handed in. A stale form
    (someone saved the scorecard since `expected_version`) writes nothing."""
    if submit:
        scorecard.self_submitted_at = timezone.now()
    save_if_current(scorecard, expected_version=expected_version, actor=actor, update_fields=["self_submitted_at"])
    _save_scores(scorecard=scorecard, scores=scores, side="self")
    return scorecard


@transaction.atomic
def scorecard_save_bloc(
    *,
    scorecard: Scorecard,
    actor: User | None,
    scores: Mapping[int, ScoreInput],
    final: bool = True,
    expected_version: int | None = None,
) -> Scorecard:
    """The bloc's score; `final` puts the member into the ranking. A stale form writes nothing."""
    if final:
        scorecard.bloc_scored_at = timezone.now()
    save_if_current(scorecard, expected_version=expected_version, actor=actor, update_fields=["bloc_scored_at"])
    _save_scores(scorecard=scorecard, scores=scores, side="bloc")
    return scorecard


EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
# Extension → the bytes such a file starts with (checked, so a renamed executable is refused).
EVIDENCE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}


@transaction.atomic
def evidence_attach(
    *, scorecard: Scorecard, actor: User | None, upload: UploadedFile, criterion: Criterion | None = None
) -> Evidence:
    """Attach a file to a self-score: PDF, JPEG, PNG, Word or Excel, at most 5 MB."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in EVIDENCE_SIGNATURES:
        raise ValidationError({"file": _("Attach a PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx) file.")})
    if upload.size is None or upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in EVIDENCE_SIGNATURES[extension]):
        raise ValidationError({"file": _("The file's content does not match its type.")})
    if criterion is not None and criterion.section.agreement_id != scorecard.agreement_id:
        raise ValidationError({"criterion": _("This criterion is not part of the agreement.")})
    evidence = Evidence(
        scorecard=scorecard, criterion=criterion, original_name=name[:255], size=upload.size, uploaded_by=actor
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    return evidence


# ---- Year-end review -------------------------------------------------------------------------


@transaction.atomic
def agreement_propose_commendations(
    *,
    agreement: Agreement,
    actor: User | None,
    flag_form: CommendationForm,
    merit_form: CommendationForm,
    campaign: Campaign | None = None,
) -> Proposal:
    """From the bloc's ranking: the leading units for the flag, the next ones for the commendation."""
    ranking = selectors.agreement_ranking(agreement=agreement)
    unscored = [member.name for member in ranking if member.rank is None]
    if unscored:
        raise ValidationError(
            {"scores": _("The bloc has not scored every member yet: %(names)s.") % {"names": ", ".join(unscored)}}
        )
    cut_flag, cut_merit = agreement.flag_count, agreement.flag_count + agreement.merit_count
    for position in (cut_flag, cut_merit):
        if scoring.cut_is_tied(ranking, position):
            raise ValidationError(
                {
                    "tie_break": _("Two members are tied at place %(place)d; change the tie-break rule or the scores.")
                    % {"place": position}
                }
            )
    if agreement.proposals.exclude(status=ProposalStatus.RETURNED).exists():
        raise ValidationError({"agreement": _("The year-end proposal of this agreement already exists.")})
    proposal = Proposal.objects.create(
        year=agreement.year,
        title=_("Year-end review %(year)d of %(bloc)s: proposed commendations")
        % {"year": agreement.year, "bloc": agreement.bloc.name},
        proposer_bloc=agreement.bloc,
        agreement=agreement,
        campaign=campaign,
        created_by=actor,
    )
    members = {member.pk: member for member in agreement.bloc.members.all()}
    chosen = [(m, flag_form) for m in scoring.top_ranks(ranking, agreement.flag_count)] + [
        (m, merit_form) for m in scoring.top_ranks(ranking, agreement.merit_count, after=agreement.flag_count)
    ]
    for ranked, form in chosen:
        member = members[ranked.member_id]
        ProposalItem.objects.create(
            proposal=proposal,
            form=form,
            unit=member.unit,
            organisation=member.organisation,
            recipient_name=member.name,
            rank=ranked.rank,
            achievement=_("Ranked %(rank)d in the bloc with %(points)s points.")
            % {"rank": ranked.rank, "points": format_number(ranked.bloc_total or 0, 2)},
        )
    agreement.status = AgreementStatus.CLOSED
    agreement.save(update_fields=["status"])
    return proposal


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
