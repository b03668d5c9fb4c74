"""Writes of emulation: blocs and their members, agreements, scorecards and evidence, and the
year-end review that turns the scores into proposals. One transaction each; bad input raises a
ValidationError naming the field, and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

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

from .. import scoring, selectors
from ..models import (
    Agreement,
    AgreementSection,
    AgreementSignatory,
    AgreementStatus,
    BlocLeadership,
    BlocMember,
    Campaign,
    CommendationForm,
    Criterion,
    CriterionKind,
    EmulationBloc,
    Evidence,
    Organisation,
    Proposal,
    ProposalItem,
    ProposalStatus,
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
