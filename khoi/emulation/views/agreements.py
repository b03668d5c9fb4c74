"""Emulation pages: blocs, agreements, the ranking and its proposals, scorecards and their evidence,
the catalogue of commendation forms.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import (
    is_member,
    member_required,
    reads_all,
    redirect_to_login,
    require,
    role_required,
    signed_in_member,
)
from khoi.core.downloads import stored_file_response
from khoi.core.inputs import id_or_400
from khoi.core.service_errors import flash_errors
from khoi.core.versioning import posted_version

from .. import access, selectors, services
from ..forms import EvidenceForm
from ..models import (
    Agreement,
    AgreementStatus,
    CommendationForm,
    EmulationBloc,
    Evidence,
    Scorecard,
)


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
            "own_unit": signed_in_member(request).unit if access.is_unit_reporter(request.user) else None,
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
            agreement=agreement, actor=signed_in_member(request), flag_form=flag_form, merit_form=merit_form
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
                    actor=signed_in_member(request),
                    scores=_score_inputs(request, card, "self"),
                    submit=action == "self_submit",
                    expected_version=posted_version(request),
                )
            elif action == "bloc":
                require(can_bloc)
                services.scorecard_save_bloc(
                    scorecard=card,
                    actor=signed_in_member(request),
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
                    scorecard=card,
                    actor=signed_in_member(request),
                    upload=form.cleaned_data["file"],
                    criterion=criterion,
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
