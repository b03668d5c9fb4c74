"""The emulation API: thin adapters over selectors and services, the same access rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.accounts.permissions import reads_all, require, signed_in_member
from khoi.core.versioning import posted_version
from khoi.units.models import Unit
from khoi.units.scope import require_unit_readable

from .. import access, selectors, services
from ..models import Agreement, Campaign, CommendationForm, Decision, Issuer, Person, Proposal, Scorecard
from . import serializers as s


def _agreement(request: Request, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("bloc"), pk=pk)
    if not access.visible_blocs(request.user).filter(pk=agreement.bloc_id).exists():
        raise Http404
    return agreement


class BlocListView(generics.ListAPIView):
    serializer_class = s.BlocSerializer

    def get_queryset(self) -> Any:
        return access.visible_blocs(self.request.user).order_by("name")


class AgreementDetailView(APIView):
    @extend_schema(responses=s.AgreementSerializer)
    def get(self, request: Request, pk: int) -> Response:
        agreement = selectors.agreement_detail(agreement_id=_agreement(request, pk).pk)
        return Response(s.AgreementSerializer(agreement).data)


class RankingView(APIView):
    @extend_schema(responses=s.RankingRowSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk)
        require(reads_all(request.user))
        rows = selectors.agreement_ranking(agreement=agreement)
        return Response(s.RankingRowSerializer(rows, many=True).data)


class ScoresView(APIView):
    """Save self-scores (`side=self`: the member's reporter or commendation staff) or the bloc's
    scores (`side=bloc`: commendation staff)."""

    @extend_schema(request=s.ScoresInputSerializer, responses={204: None})
    def put(self, request: Request, pk: int, side: str) -> Response:
        card = get_object_or_404(Scorecard.objects.select_related("member__unit", "agreement"), pk=pk)
        if not access.can_read_scorecard(request.user, card):
            raise Http404
        data = s.ScoresInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        scores = {
            line["criterion"]: services.ScoreInput(line["points"], line.get("note", ""))
            for line in data.validated_data["scores"]
        }
        if side == "self":
            require(access.can_self_score(request.user, card.member))
            services.scorecard_save_self(
                scorecard=card,
                actor=signed_in_member(request),
                scores=scores,
                submit=data.validated_data["submit"],
                expected_version=posted_version(request),
            )
        elif side == "bloc":
            require(access.can_handle_commendation(request.user))
            services.scorecard_save_bloc(
                scorecard=card, actor=signed_in_member(request), scores=scores, expected_version=posted_version(request)
            )
        else:
            raise Http404
        return Response(status=204)


class ProposeView(APIView):
    @extend_schema(request=s.ProposeInputSerializer, responses=s.ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk)
        require(access.can_handle_commendation(request.user))
        data = s.ProposeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.agreement_propose_commendations(
            agreement=agreement,
            actor=signed_in_member(request),
            flag_form=data.validated_data["flag_form"],
            merit_form=data.validated_data["merit_form"],
        )
        return Response(s.ProposalSerializer(proposal).data, status=201)


class FormListView(generics.ListAPIView):
    serializer_class = s.FormSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        return selectors.form_list()


class ProposalListView(APIView):
    @extend_schema(responses=s.ProposalSerializer(many=True))
    def get(self, request: Request) -> Response:
        proposals = access.visible_proposals(request.user).prefetch_related("items__form")[:200]
        return Response(s.ProposalSerializer(proposals, many=True).data)

    @extend_schema(request=s.ProposalInputSerializer, responses=s.ProposalSerializer)
    def post(self, request: Request) -> Response:
        data = s.ProposalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = get_object_or_404(Unit, pk=values["unit"])
        require_unit_readable(request.user, unit)
        require(access.can_handle_commendation(request.user) or access.reporter_owns_unit(request.user, unit))
        campaign = Campaign.objects.filter(code=values["campaign"]).first() if values["campaign"] else None
        proposal = services.proposal_create_for_unit(
            actor=signed_in_member(request),
            unit=unit,
            year=values["year"],
            title=values["title"],
            form=values["form"],
            campaign=campaign,
            include_unit=values["include_unit"],
            unit_achievement=values["unit_achievement"],
            people=[services.PersonInput(**line) for line in values["people"]],
        )
        return Response(s.ProposalSerializer(proposal).data, status=201)


def _proposal(request: Request, pk: int) -> Proposal:
    return get_object_or_404(access.visible_proposals(request.user), pk=pk)


class ProposalDetailView(APIView):
    @extend_schema(responses=s.ProposalSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.ProposalSerializer(_proposal(request, pk)).data)


class ProposalSubmitView(APIView):
    @extend_schema(request=None, responses=s.ViolationSerializer(many=True))
    def post(self, request: Request, pk: int) -> Response:
        proposal = _proposal(request, pk)
        require(access.can_edit_proposal(request.user, proposal))
        violations = services.proposal_submit(proposal=proposal, actor=signed_in_member(request))
        return Response([violation.as_dict() for violation in violations])


class ProposalReviewView(APIView):
    @extend_schema(request=s.ReviewInputSerializer, responses=s.ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        proposal = _proposal(request, pk)
        require(access.can_handle_commendation(request.user))
        data = s.ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.proposal_review(
            proposal=proposal,
            actor=signed_in_member(request),
            approve=data.validated_data["approve"],
            note=data.validated_data["note"],
            rejected_item_ids=data.validated_data["rejected_items"],
        )
        return Response(s.ProposalSerializer(proposal).data)


class DecisionListView(APIView):
    @extend_schema(responses=s.DecisionSerializer(many=True))
    def get(self, request: Request) -> Response:
        require(reads_all(request.user))
        decisions = selectors.decision_list().prefetch_related("awards__form", "awards__decision__issuer")
        return Response(s.DecisionSerializer(decisions, many=True).data)

    @extend_schema(request=s.DecisionInputSerializer, responses=s.DecisionSerializer)
    def post(self, request: Request) -> Response:
        require(access.can_handle_commendation(request.user))
        data = s.DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        issuer = Issuer.objects.filter(code=values["issuer"]).first()
        form = CommendationForm.objects.filter(code=values["form"]).first()
        if issuer is None or form is None:
            raise ValidationError(
                {"issuer": _("Unknown issuer code.")} if issuer is None else {"form": _("Unknown form code.")}
            )
        decision = services.decision_create(
            actor=signed_in_member(request),
            data=services.DecisionInput(
                issuer=issuer,
                form=form,
                number=values["number"],
                signed_on=values["signed_on"],
                signer_name=values["signer_name"],
                signer_title=values["signer_title"],
                subject=values["subject"],
                year=values["year"],
                campaign=Campaign.objects.filter(code=values["campaign"]).first() if values["campaign"] else None,
                achievement=values["achievement"],
            ),
            proposals=list(Proposal.objects.filter(pk__in=values["proposals"])),
        )
        return Response(s.DecisionSerializer(decision).data, status=201)


class DecisionDetailView(APIView):
    @extend_schema(responses=s.DecisionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        require(reads_all(request.user))
        return Response(s.DecisionSerializer(get_object_or_404(Decision, pk=pk)).data)


class UnitHistoryView(APIView):
    @extend_schema(responses=s.AwardSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        unit = get_object_or_404(Unit, pk=pk)
        require_unit_readable(request.user, unit)
        return Response(s.AwardSerializer(selectors.unit_award_history(unit=unit), many=True).data)


class PersonDetailView(APIView):
    """A person: birth date, gender and position only for those who handle commendation (or the
    person's own unit reporter); others get them empty."""

    @extend_schema(responses=s.PersonSerializer)
    def get(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
        if not (reads_all(request.user) or access.reporter_owns_unit(request.user, person.unit)):
            raise Http404
        data = dict(s.PersonSerializer(person).data)
        if not access.can_see_personal_data(request.user, person):
            data.update(birth_date=None, gender="", position="")
        return Response(data)


class CountsView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("issuer", OpenApiTypes.STR),
            OpenApiParameter("form_code", OpenApiTypes.STR),
            OpenApiParameter("campaign_code", OpenApiTypes.STR),
        ],
        responses=s.CountsSerializer,
    )
    def get(self, request: Request) -> Response:
        require(reads_all(request.user))
        params = request.query_params
        try:
            year = int(params["year"]) if params.get("year") else None
            date_from = dt.date.fromisoformat(params["date_from"]) if params.get("date_from") else None
            date_to = dt.date.fromisoformat(params["date_to"]) if params.get("date_to") else None
        except ValueError:
            raise ValidationError({"year": _("Enter the year and dates as 2021 and 2021-06-30.")}) from None
        counts = selectors.commendation_counts(
            year=year,
            date_from=date_from,
            date_to=date_to,
            issuer=params.get("issuer") or None,
            form_code=params.get("form_code") or None,
            campaign_code=params.get("campaign_code") or None,
        )
        return Response(
            {
                "collectives": counts.collectives,
                "individuals": counts.individuals,
                "total": counts.total,
                "decisions": list(counts.decisions),
            }
        )
