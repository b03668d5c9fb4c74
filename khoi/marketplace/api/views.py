"""Marketplace API: thin adapters over services and selectors, the same permission layer as pages.

An outside enterprise is not a user: staff act for it. A reporter acts for its own unit only.
Contact data of participants goes only to staff, the participant itself and its meeting partners.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.accounts.permissions import is_committee_staff, reads_all
from khoi.core.versioning import posted_version

from .. import access, selectors, services
from ..models import Category, Conference, Listing, Meeting, MeetingRequest, Mou, Participant
from . import serializers as s

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Search words (accents optional)"),
    OpenApiParameter("kind", str, enum=["offer", "need"]),
    OpenApiParameter("category", int),
    OpenApiParameter("region", str),
    OpenApiParameter("bloc", str, enum=["in", "out"]),
]


def _valid(serializer_class: type, data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class CategoryListView(APIView):
    @extend_schema(responses=s.CategorySerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.CategorySerializer(selectors.category_list(), many=True).data)


class SearchView(APIView):
    @extend_schema(parameters=SEARCH_PARAMETERS, responses=s.SearchHitSerializer(many=True))
    def get(self, request: Request) -> Response:
        params = request.query_params
        category = (
            Category.objects.filter(pk=params.get("category") or 0).first()
            if params.get("category", "").isdigit()
            else None
        )
        hits = selectors.listing_search(
            query=params.get("q", ""),
            kind=params.get("kind") or None,
            category=category,
            region=params.get("region") or None,
            in_bloc={"in": True, "out": False}.get(params.get("bloc", "")),
            on_date=timezone.localdate(),
        )
        return Response(s.SearchHitSerializer(hits, many=True).data)


class ListingListView(APIView):
    @extend_schema(responses=s.ListingSerializer(many=True))
    def get(self, request: Request) -> Response:
        listings = selectors.listing_visible(user=request.user).order_by("-created_at", "-id")[:500]
        return Response(s.ListingSerializer(listings, many=True).data)

    @extend_schema(request=s.ListingInput, responses={201: s.ListingSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(s.ListingInput, request.data)
        enterprise = data.pop("enterprise", None)
        if enterprise is None:
            units = list(selectors.units_acting_for(user=request.user)[:2])
            if len(units) != 1 or is_committee_staff(request.user):
                raise ValidationError({"enterprise": _("Choose the enterprise that posts.")})
            enterprise = services.enterprise_for_unit(unit=units[0])
        listing = services.listing_create(actor=request.user, enterprise=enterprise, fields=data)
        return Response(s.ListingSerializer(listing).data, status=status.HTTP_201_CREATED)


def _listing(request: Request, pk: int) -> Listing:
    listing = get_object_or_404(Listing.objects.select_related("enterprise__unit", "category__parent"), pk=pk)
    access.require_listing_visible(request.user, listing)
    return listing


class ListingDetailView(APIView):
    @extend_schema(responses=s.ListingSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.ListingSerializer(_listing(request, pk)).data)

    @extend_schema(request=s.ListingUpdateInput, responses=s.ListingSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        listing = _listing(request, pk)
        data = _valid(s.ListingUpdateInput, request.data)
        data.pop("enterprise", None)
        data.pop("version", None)
        fields = {key: value for key, value in data.items() if key in request.data}
        updated = services.listing_update(
            actor=request.user, listing=listing, fields=fields, expected_version=posted_version(request)
        )
        return Response(s.ListingSerializer(updated).data)


class ListingModerateView(APIView):
    @extend_schema(request=s.ModerateInput, responses=s.ListingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        listing = _listing(request, pk)
        data = _valid(s.ModerateInput, request.data)
        return Response(
            s.ListingSerializer(services.listing_moderate(actor=request.user, listing=listing, **data)).data
        )


class ListingMatchesView(APIView):
    @extend_schema(responses=s.MatchSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        found = selectors.listing_matches(listing=_listing(request, pk), on_date=timezone.localdate())
        return Response(s.MatchSerializer(found, many=True).data)


class EnterpriseListView(APIView):
    @extend_schema(parameters=[OpenApiParameter("q", str)], responses=s.EnterpriseSerializer(many=True))
    def get(self, request: Request) -> Response:
        enterprises = selectors.enterprise_list(query=request.query_params.get("q", ""))[:500]
        serializer = s.EnterpriseContactSerializer if is_committee_staff(request.user) else s.EnterpriseSerializer
        return Response(serializer(enterprises, many=True).data)

    @extend_schema(request=s.OutsideEnterpriseInput, responses={201: s.EnterpriseContactSerializer})
    def post(self, request: Request) -> Response:
        access.require_staff(request.user)
        enterprise = services.enterprise_register_outside(
            actor=request.user, **_valid(s.OutsideEnterpriseInput, request.data)
        )
        return Response(s.EnterpriseContactSerializer(enterprise).data, status=status.HTTP_201_CREATED)


class ConferenceListView(APIView):
    @extend_schema(responses=s.ConferenceSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.ConferenceSerializer(Conference.objects.prefetch_related("slots"), many=True).data)

    @extend_schema(request=s.ConferenceInput, responses={201: s.ConferenceSerializer})
    def post(self, request: Request) -> Response:
        access.require_staff(request.user)
        data = _valid(s.ConferenceInput, request.data)
        data["breaks"] = [tuple(pair) for pair in data["breaks"]]
        conference = services.conference_create(actor=request.user, **data)
        return Response(s.ConferenceSerializer(conference).data, status=status.HTTP_201_CREATED)


class ConferenceDetailView(APIView):
    @extend_schema(responses=s.ConferenceSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.ConferenceSerializer(get_object_or_404(Conference, pk=pk)).data)


class ParticipantListView(APIView):
    @extend_schema(parameters=[OpenApiParameter("q", str)], responses=s.ParticipantSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        conference = get_object_or_404(Conference, pk=pk)
        participants = selectors.participant_list(conference=conference, query=request.query_params.get("q", ""))
        serializer = s.ParticipantContactSerializer if is_committee_staff(request.user) else s.ParticipantSerializer
        return Response(serializer(participants, many=True).data)

    @extend_schema(request=s.RegisterInput, responses={201: s.ParticipantContactSerializer})
    def post(self, request: Request, pk: int) -> Response:
        conference = get_object_or_404(Conference, pk=pk)
        data = _valid(s.RegisterInput, request.data)
        unit_id = data.pop("unit", None)
        if unit_id is None:
            access.require_staff(request.user)
            data.pop("unavailable_slots")
            participant = services.participant_register_outside(actor=request.user, conference=conference, **data)
        else:
            unit = get_object_or_404(selectors.units_acting_for(user=request.user), pk=unit_id)
            for field in ("name", "tax_code", "province"):
                data.pop(field)
            participant = services.participant_register(
                actor=request.user, conference=conference, enterprise=services.enterprise_for_unit(unit=unit), **data
            )
        return Response(s.ParticipantContactSerializer(participant).data, status=status.HTTP_201_CREATED)


def _participant(pk: int) -> Participant:
    return get_object_or_404(Participant.objects.select_related("enterprise__unit", "conference"), pk=pk)


class ParticipantDetailView(APIView):
    @extend_schema(responses=s.ParticipantContactSerializer)
    def get(self, request: Request, pk: int) -> Response:
        participant = _participant(pk)
        if access.can_see_contact(request.user, participant):
            return Response(s.ParticipantContactSerializer(participant).data)
        return Response(s.ParticipantSerializer(participant).data)


class ParticipantAvailabilityView(APIView):
    @extend_schema(request=s.AvailabilityInput, responses=s.ParticipantContactSerializer)
    def post(self, request: Request, pk: int) -> Response:
        participant = _participant(pk)
        access.require_participant_private(request.user, participant)
        data = _valid(s.AvailabilityInput, request.data)
        services.participant_set_availability(
            actor=request.user, participant=participant, unavailable_slots=data["unavailable_slots"]
        )
        participant.refresh_from_db()
        return Response(s.ParticipantContactSerializer(participant).data)


class ParticipantAgendaView(APIView):
    @extend_schema(responses=s.AgendaRowSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        participant = _participant(pk)
        access.require_participant_private(request.user, participant)
        return Response(
            s.AgendaRowSerializer(selectors.agenda_for_participant(participant=participant), many=True).data
        )


class ParticipantRequestsView(APIView):
    @extend_schema(responses=s.RequestSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        participant = _participant(pk)
        access.require_participant_private(request.user, participant)
        found = selectors.request_list(participant=participant)
        return Response(s.RequestSerializer([*found["incoming"], *found["outgoing"]], many=True).data)


class RequestSendView(APIView):
    @extend_schema(request=s.RequestInput, responses={201: s.RequestSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(s.RequestInput, request.data)
        requester = data["requester"]
        if not access.can_act_for(request.user, requester.enterprise):
            access.require_participant_private(request.user, requester)
            access.require_act_for(request.user, requester.enterprise)
        created = services.meeting_request_send(actor=request.user, **data)
        return Response(s.RequestSerializer(created).data, status=status.HTTP_201_CREATED)


class RequestAnswerView(APIView):
    @extend_schema(request=s.AnswerInput, responses=s.RequestSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting_request = get_object_or_404(MeetingRequest.objects.select_related("recipient__enterprise__unit"), pk=pk)
        access.require_participant_private(request.user, meeting_request.recipient)
        data = _valid(s.AnswerInput, request.data)
        answered = services.meeting_request_answer(
            actor=request.user, request=meeting_request, accept=data["accept"], slot_index=data["slot"]
        )
        return Response(s.RequestSerializer(answered).data)


def _meeting(request: Request, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("first__enterprise__unit", "second__enterprise__unit", "slot"), pk=pk
    )
    access.require_meeting_visible(request.user, meeting)
    return meeting


class MeetingListView(APIView):
    @extend_schema(responses=s.MeetingSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        conference = get_object_or_404(Conference, pk=pk)
        meetings = selectors.meeting_list_visible(user=request.user, conference=conference)
        return Response(s.MeetingSerializer(meetings, many=True).data)


class MeetingBookView(APIView):
    @extend_schema(request=s.BookInput, responses=s.MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        data = _valid(s.BookInput, request.data)
        return Response(
            s.MeetingSerializer(
                services.meeting_book(actor=request.user, meeting=meeting, slot_index=data["slot"])
            ).data
        )


class MeetingMoveView(APIView):
    @extend_schema(request=s.MoveInput, responses=s.MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        data = _valid(s.MoveInput, request.data)
        moved = services.meeting_move(
            actor=request.user,
            meeting=meeting,
            slot_index=data["slot"],
            table_number=data["table_number"],
            lock=data["lock"],
        )
        return Response(s.MeetingSerializer(moved).data)


class MeetingLockView(APIView):
    @extend_schema(request=s.LockInput, responses=s.MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        data = _valid(s.LockInput, request.data)
        return Response(
            s.MeetingSerializer(services.meeting_lock(actor=request.user, meeting=meeting, locked=data["locked"])).data
        )


class ConferenceScheduleView(APIView):
    @extend_schema(request=None, responses=s.ScheduleOutput)
    def post(self, request: Request, pk: int) -> Response:
        conference = get_object_or_404(Conference, pk=pk)
        return Response(s.ScheduleOutput(services.conference_schedule(actor=request.user, conference=conference)).data)


class MouListView(APIView):
    @extend_schema(responses=s.MouSerializer(many=True))
    def get(self, request: Request) -> Response:
        mous = selectors.mou_list_visible(user=request.user)
        return Response(s.MouSerializer(mous, many=True).data)

    @extend_schema(request=s.MouInput, responses={201: s.MouSerializer})
    def post(self, request: Request) -> Response:
        mou = services.mou_create(actor=request.user, **_valid(s.MouInput, request.data))
        return Response(s.MouSerializer(selectors.mou_list().get(pk=mou.pk)).data, status=status.HTTP_201_CREATED)


class MouStatusView(APIView):
    @extend_schema(request=s.MouStatusInput, responses=s.MouSerializer)
    def post(self, request: Request, pk: int) -> Response:
        mou = get_object_or_404(Mou.objects.select_related("provider__unit", "customer__unit"), pk=pk)
        if not reads_all(request.user) and not (
            access.is_own(request.user, mou.provider) or access.is_own(request.user, mou.customer)
        ):
            raise Http404(_("No such memorandum."))
        services.mou_record_status(actor=request.user, mou=mou, **_valid(s.MouStatusInput, request.data))
        return Response(s.MouSerializer(selectors.mou_list().get(pk=mou.pk)).data)


class InterUseView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("baseline", dt.date, required=True),
            OpenApiParameter("on", dt.date),
            OpenApiParameter("essential", bool, description="Count essential services too"),
        ],
        responses=s.InterUseOutput,
    )
    def get(self, request: Request) -> Response:
        try:
            baseline = dt.date.fromisoformat(request.query_params.get("baseline", ""))
            on_date = dt.date.fromisoformat(request.query_params.get("on") or timezone.localdate().isoformat())
        except ValueError as error:
            raise ValidationError({"baseline": _("Give dates as YYYY-MM-DD.")}) from error
        exclude = request.query_params.get("essential") not in ("1", "true")
        figure = selectors.inter_use_figure(baseline=baseline, on_date=on_date, exclude_essential=exclude)
        return Response(s.InterUseOutput(figure).data)
