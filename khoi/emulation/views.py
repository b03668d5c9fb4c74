"""Pages of emulation and commendation: thin callers of selectors, services and the access rules.

Out-of-scope objects answer 404, forbidden actions 403 (khoi.accounts.permissions)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.models import User
from khoi.accounts.permissions import (
    is_member,
    member_required,
    reads_all,
    redirect_to_login,
    require,
    role_required,
)
from khoi.core.downloads import file_response, stored_file_response
from khoi.core.formatting import format_document_date
from khoi.core.inputs import id_or_400, parse_id
from khoi.core.service_errors import flash_errors
from khoi.core.versioning import posted_version
from khoi.units.models import Unit
from khoi.units.scope import require_unit_readable
from khoi.units.selectors import sort_vietnamese

from . import access, documents, selectors, services
from .forms import CountsForm, DecisionForm, EvidenceForm, PersonLineFormSet, ProposalForm, ReviewForm
from .models import (
    Agreement,
    AgreementStatus,
    CommendationForm,
    Decision,
    EmulationBloc,
    Evidence,
    Organisation,
    Person,
    Proposal,
    ProposalStatus,
    Scorecard,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    """The signed-in member (the decorators have already sent others away)."""
    if not is_member(request.user):
        raise PermissionDenied
    return request.user


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    return file_response(content, filename, content_type=content_type)


def _bloc_for(request: HttpRequest, pk: int) -> EmulationBloc:
    return get_object_or_404(access.visible_blocs(request.user), pk=pk)


def _agreement_for(request: HttpRequest, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("bloc"), pk=pk)
    if not access.visible_blocs(request.user).filter(pk=agreement.bloc_id).exists():
        raise Http404(_("No such agreement."))
    return agreement


# ---- Blocs and agreements ----------------------------------------------------------------------


@member_required
def index(request: HttpRequest) -> HttpResponse:
    blocs = access.visible_blocs(request.user).prefetch_related("agreements")
    decisions = selectors.decision_list()[:10] if reads_all(request.user) else []
    return render(
        request,
        "emulation/index.html",
        {
            "blocs": blocs,
            "decisions": decisions,
            "handles": access.can_handle_commendation(request.user),
            "reads_all": reads_all(request.user),
            "own_unit": _user(request).unit if access.is_unit_reporter(request.user) else None,
        },
    )


@member_required
def bloc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bloc = _bloc_for(request, pk)
    return render(
        request,
        "emulation/bloc_detail.html",
        {
            "bloc": bloc,
            "members": selectors.bloc_members(bloc=bloc),
            "leaderships": bloc.leaderships.select_related("leader", "deputy"),
            "agreements": bloc.agreements.all(),
        },
    )


@member_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    agreement = selectors.agreement_detail(agreement_id=agreement.pk)
    own_cards = [
        card
        for card in Scorecard.objects.filter(agreement=agreement).select_related("member__unit")
        if access.can_read_scorecard(request.user, card)
    ]
    return render(
        request,
        "emulation/agreement_detail.html",
        {
            "agreement": agreement,
            "max_points": selectors.agreement_max_points(agreement=agreement),
            "scorecards": own_cards,
            "reads_all": reads_all(request.user),
        },
    )


@member_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    require(reads_all(request.user), _("Only the committee sees the bloc's ranking."))
    ranked = selectors.agreement_ranking(agreement=agreement)
    scored = [member for member in ranked if member.rank is not None]
    proposed: dict[int, str] = {}
    for position, member in enumerate(scored, start=1):
        if position <= agreement.flag_count:
            proposed[member.member_id] = "flag"
        elif position <= agreement.flag_count + agreement.merit_count:
            proposed[member.member_id] = "merit"
    cards = selectors.agreement_scorecard_ids(agreement=agreement)
    rows = [
        {"member": member, "proposed": proposed.get(member.member_id, ""), "card": cards.get(member.member_id)}
        for member in ranked
    ]
    return render(
        request,
        "emulation/ranking.html",
        {
            "agreement": agreement,
            "rows": rows,
            "handles": access.can_handle_commendation(request.user),
            "forms": CommendationForm.objects.filter(recipients__in=["collective", "both"]).select_related("issuer"),
            "can_propose": agreement.status != AgreementStatus.CLOSED,
            "proposal": agreement.proposals.first(),
        },
    )


@require_POST
@role_required(access.can_handle_commendation)
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    try:
        flag_form = get_object_or_404(CommendationForm, pk=id_or_400(request.POST.get("flag_form")))
        merit_form = get_object_or_404(CommendationForm, pk=id_or_400(request.POST.get("merit_form")))
        proposal = services.agreement_propose_commendations(
            agreement=agreement, actor=_user(request), flag_form=flag_form, merit_form=merit_form
        )
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("emulation:ranking", pk=agreement.pk)
    messages.success(request, _("The year-end proposal has been created."))
    return redirect("emulation:proposal_detail", pk=proposal.pk)


def _score_inputs(request: HttpRequest, card: Scorecard, side: str) -> dict[int, services.ScoreInput]:
    inputs = {}
    for score in card.scores.all():
        key = f"{side}_{score.criterion_id}"
        if key in request.POST:
            inputs[score.criterion_id] = services.ScoreInput(
                request.POST.get(key, ""), request.POST.get(f"note_{side}_{score.criterion_id}", "")
            )
    return inputs


@member_required
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(Scorecard.objects.select_related("agreement__bloc", "member__unit"), pk=pk)
    if not access.can_read_scorecard(request.user, card):
        raise Http404(_("No such scorecard."))
    can_self = access.can_self_score(request.user, card.member)
    can_bloc = access.can_handle_commendation(request.user)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("self", "self_submit"):
                require(can_self)
                services.scorecard_save_self(
                    scorecard=card,
                    actor=_user(request),
                    scores=_score_inputs(request, card, "self"),
                    submit=action == "self_submit",
                    expected_version=posted_version(request),
                )
            elif action == "bloc":
                require(can_bloc)
                services.scorecard_save_bloc(
                    scorecard=card,
                    actor=_user(request),
                    scores=_score_inputs(request, card, "bloc"),
                    expected_version=posted_version(request),
                )
            elif action == "evidence":
                require(can_self)
                form = EvidenceForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise ValidationError({"file": _("Choose a file to attach.")})
                criterion_id = form.cleaned_data.get("criterion")
                score = (
                    card.scores.select_related("criterion__section").filter(criterion_id=criterion_id).first()
                    if criterion_id
                    else None
                )
                criterion = score.criterion if score is not None else None
                services.evidence_attach(
                    scorecard=card, actor=_user(request), upload=form.cleaned_data["file"], criterion=criterion
                )
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("emulation:scorecard", pk=card.pk)
    scores = selectors.scorecard_scores(scorecard=card)
    return render(
        request,
        "emulation/scorecard.html",
        {
            "card": card,
            "scores": scores,
            "evidence": card.evidence.all(),
            "can_self": can_self and card.agreement.status != AgreementStatus.CLOSED,
            "can_bloc": can_bloc and card.agreement.status != AgreementStatus.CLOSED,
            "show_bloc": reads_all(request.user) or card.bloc_scored_at is not None,
        },
    )


def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    if not is_member(request.user):
        return redirect_to_login(request)
    evidence = get_object_or_404(Evidence.objects.select_related("scorecard__member__unit"), pk=pk)
    if not access.can_read_scorecard(request.user, evidence.scorecard):
        raise Http404(_("No such file."))
    return stored_file_response(evidence.file.open("rb"), evidence.original_name)


# ---- Forms catalogue ---------------------------------------------------------------------------


@member_required
def form_catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "emulation/forms.html", {"forms": selectors.form_list()})


# ---- Proposals ------------------------------------------------------------------------------------


def _proposal_for(request: HttpRequest, pk: int) -> Proposal:
    return get_object_or_404(
        access.visible_proposals(request.user).select_related("proposer_unit", "proposer_bloc", "campaign"), pk=pk
    )


@member_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    proposals = access.visible_proposals(request.user).select_related("proposer_unit", "proposer_bloc", "campaign")
    status = request.GET.get("status", "")
    if status in ProposalStatus.values:
        proposals = proposals.filter(status=status)
    return render(
        request,
        "emulation/proposal_list.html",
        {
            "proposals": proposals[:200],
            "statuses": ProposalStatus.choices,
            "status": status,
            "can_create": access.is_unit_reporter(request.user) or access.can_handle_commendation(request.user),
        },
    )


@member_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if access.is_unit_reporter(user):
        unit = user.unit
    else:
        require(access.can_handle_commendation(user))
        unit_id = request.GET.get("unit") or request.POST.get("unit")
        unit = get_object_or_404(Unit, pk=id_or_400(unit_id)) if unit_id else None
    form = ProposalForm(request.POST or None)
    people = PersonLineFormSet(request.POST or None, prefix="people")
    if request.method == "POST" and unit is not None and form.is_valid() and people.is_valid():
        lines = [  # every line with anything typed: the service refuses one without a name
            services.PersonInput(
                full_name=line.get("full_name", ""),
                birth_date=line.get("birth_date"),
                gender=line.get("gender", ""),
                position=line.get("position", ""),
                achievement=line.get("achievement", ""),
            )
            for line in people.cleaned_data
            if any(line.get(name) for name in ("full_name", "birth_date", "gender", "position", "achievement"))
        ]
        try:
            proposal = services.proposal_create_for_unit(
                actor=user,
                unit=unit,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                form=form.cleaned_data["form"],
                campaign=form.cleaned_data["campaign"],
                include_unit=form.cleaned_data["include_unit"],
                unit_achievement=form.cleaned_data["unit_achievement"],
                people=lines,
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The proposal has been saved as a draft."))
            return redirect("emulation:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "emulation/proposal_form.html",
        {
            "form": form,
            "people": people,
            "unit": unit,
            "units": sort_vietnamese(Unit.objects.filter(kind__in=["base_committee", "base_cell"]))
            if unit is None
            else [],
        },
    )


@member_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    items = selectors.proposal_items(proposal=proposal)
    checks = (
        selectors.rule_violations(
            year=proposal.year, recipients=selectors.proposal_recipients(items=items), bloc=proposal.proposer_bloc
        )
        if proposal.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED, ProposalStatus.SUBMITTED)
        else []
    )
    return render(
        request,
        "emulation/proposal_detail.html",
        {
            "proposal": proposal,
            "items": [
                {
                    "item": item,
                    "personal": item.person is not None and access.can_see_personal_data(request.user, item.person),
                }
                for item in items
            ],
            "checks": checks,
            "can_edit": access.can_edit_proposal(request.user, proposal)
            and proposal.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED),
            "can_review": access.can_handle_commendation(request.user) and proposal.status == ProposalStatus.SUBMITTED,
            "can_download": access.can_edit_proposal(request.user, proposal),
            "review_form": ReviewForm(),
        },
    )


@require_POST
@member_required
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    require(access.can_edit_proposal(request.user, proposal))
    try:
        violations = services.proposal_submit(proposal=proposal, actor=_user(request))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        for violation in violations:
            messages.warning(request, violation.as_text())
        messages.success(request, _("The proposal has been submitted."))
    return redirect("emulation:proposal_detail", pk=proposal.pk)


@require_POST
@member_required
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    require(access.can_handle_commendation(request.user))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or return."))
        return redirect("emulation:proposal_detail", pk=proposal.pk)
    rejected = [i for i in map(parse_id, request.POST.getlist("reject")) if i is not None]
    try:
        services.proposal_review(
            proposal=proposal,
            actor=_user(request),
            approve=form.cleaned_data["approve"],
            note=form.cleaned_data["note"],
            rejected_item_ids=rejected,
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The review has been recorded."))
    return redirect("emulation:proposal_detail", pk=proposal.pk)


@member_required
def proposal_word(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    require(access.can_edit_proposal(request.user, proposal))
    return _download(documents.proposal_docx(proposal=proposal), f"de-nghi-{proposal.pk}.docx", DOCX)


@member_required
def proposal_excel(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    require(access.can_edit_proposal(request.user, proposal))
    personal = access.can_handle_commendation(request.user) or access.reporter_owns_unit(
        request.user, proposal.proposer_unit
    )
    return _download(
        documents.proposal_xlsx(proposal=proposal, personal_data=personal), f"de-nghi-{proposal.pk}.xlsx", XLSX
    )


# ---- Decisions ------------------------------------------------------------------------------------


def _decision_for(request: HttpRequest, pk: int) -> Decision:
    require(reads_all(request.user), _("Only the committee reads the decisions list."))
    return get_object_or_404(Decision.objects.select_related("issuer", "form", "campaign"), pk=pk)


@member_required
def decision_list(request: HttpRequest) -> HttpResponse:
    require(reads_all(request.user), _("Only the committee reads the decisions list."))
    return render(
        request,
        "emulation/decision_list.html",
        {"decisions": selectors.decision_list(), "handles": access.can_handle_commendation(request.user)},
    )


@role_required(access.can_handle_commendation)
def decision_create(request: HttpRequest) -> HttpResponse:
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(
                actor=_user(request),
                data=services.DecisionInput(
                    issuer=data["issuer"],
                    form=data["form"],
                    number=data["number"],
                    signed_on=data["signed_on"],
                    signer_name=data["signer_name"],
                    signer_title=data["signer_title"],
                    subject=data["subject"],
                    year=data["year"],
                    campaign=data["campaign"],
                    achievement=data["achievement"],
                ),
                proposals=list(data["proposals"]),
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The decision and its records have been saved."))
            return redirect("emulation:decision_detail", pk=decision.pk)
    return render(request, "emulation/decision_form.html", {"form": form})


@member_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    collectives, individuals = selectors.decision_awards(decision=decision)
    handles = access.can_handle_commendation(request.user)
    return render(
        request,
        "emulation/decision_detail.html",
        {"decision": decision, "collectives": collectives, "individuals": individuals, "handles": handles},
    )


@role_required(access.can_handle_commendation)
def decision_word(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    if not decision.issuer.is_own:
        raise Http404(_("Only the committee's own decisions are generated here."))
    return _download(
        documents.decision_docx(decision=decision), f"quyet-dinh-{decision.number}-{decision.signed_year}.docx", DOCX
    )


@member_required
def decision_excel(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    personal = access.can_handle_commendation(request.user)
    return _download(
        documents.decision_xlsx(decision=decision, personal_data=personal),
        f"danh-sach-{decision.number}-{decision.signed_year}.xlsx",
        XLSX,
    )


@role_required(access.can_handle_commendation)
def certificates(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    if not decision.issuer.is_own:
        raise Http404(_("Only the committee's own decisions are generated here."))
    collectives, individuals = selectors.decision_awards(decision=decision)
    only = request.GET.get("award")
    awards = [a for a in [*collectives, *individuals] if not only or str(a.pk) == only]
    # The certificates are official documents: Vietnamese whatever the interface, dated as Party
    # documents are ("ngày 05 tháng 01 năm 2022").
    signed = format_document_date(decision.signed_on, decision.issuer.place)
    return render(request, "emulation/certificates.html", {"decision": decision, "awards": awards, "signed": signed})


# ---- Histories and counts ------------------------------------------------------------------------


@member_required
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    require_unit_readable(request.user, unit)
    awards = selectors.unit_award_history(unit=unit)
    people_awards = [a for a in selectors.unit_award_history(unit=unit, include_people=True) if a.person_id]
    return render(
        request,
        "emulation/history.html",
        {
            "subject": unit.name,
            "unit": unit,
            "awards": awards,
            "line": selectors.history_line(awards),
            "people_awards": people_awards,
            "personal": access.can_handle_commendation(request.user) or access.reporter_owns_unit(request.user, unit),
        },
    )


@member_required
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    require(reads_all(request.user))
    organisation = get_object_or_404(Organisation, pk=pk)
    awards = selectors.organisation_award_history(organisation=organisation)
    return render(
        request,
        "emulation/history.html",
        {"subject": organisation.name, "awards": awards, "line": selectors.history_line(awards)},
    )


@member_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("unit", "organisation"), pk=pk)
    if not (reads_all(request.user) or access.reporter_owns_unit(request.user, person.unit)):
        raise Http404(_("No such person."))
    awards = selectors.person_award_history(person=person)
    return render(
        request,
        "emulation/history.html",
        {
            "subject": person.full_name,
            "person": person,
            "personal": access.can_see_personal_data(request.user, person),
            "awards": awards,
            "line": selectors.history_line(awards),
        },
    )


@member_required
def counts(request: HttpRequest) -> HttpResponse:
    require(reads_all(request.user))
    form = CountsForm(request.GET or None)
    result: Any = None
    if form.is_valid() and any(value not in (None, "") for value in form.cleaned_data.values()):
        data = form.cleaned_data
        result = selectors.commendation_counts(
            year=data["year"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            issuer=data["issuer"].code if data["issuer"] else None,
            form_code=data["form_code"].code if data["form_code"] else None,
            campaign_code=data["campaign_code"].code if data["campaign_code"] else None,
        )
    template = "emulation/counts.html#result" if getattr(request, "htmx", False) else "emulation/counts.html"
    return render(request, template, {"form": form, "result": result})
