"""The contests API: the participant's steps (public, no account) and the staff's reports.

Public endpoints take no session (so no CSRF) and pass the same bot and flood checks as the
pages; the participant's token is the key to an entry. Staff endpoints need the Propaganda
Board or an administrator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.contests import selectors, services, throttle
from khoi.contests.access import CanManageContests
from khoi.contests.models import Entry, Round

from . import serializers as s


def _public_round(pk: int) -> Round:
    contest_round = get_object_or_404(Round.objects.select_related("contest"), pk=pk)
    if not contest_round.contest.is_published:
        raise Http404
    return contest_round


def _entry(token: str) -> Entry:
    entry = selectors.entry_get_by_token(token=token)
    if entry is None:
        raise Http404
    return entry


class PublicAPIView(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


class HotPathAPIView(PublicAPIView):
    """Start, autosave and submit, the busiest endpoints: JSON in and out only, and the answers
    are written as plain dicts (the serializers in the schema describe them)."""

    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]


def _local_iso(value: dt.datetime) -> str:
    """As DRF's DateTimeField writes it: in the site's time zone, ISO 8601."""
    return timezone.localtime(value).isoformat()


class RoundPublicView(PublicAPIView):
    @extend_schema(responses=s.ContestRoundPublicSerializer, summary="A round's public facts and the live count")
    def get(self, request: Request, pk: int) -> Response:
        contest_round = _public_round(pk)
        pool = selectors.round_pool_get(round_id=pk)
        now = timezone.now()
        data = {
            "contest": contest_round.contest.title,
            "contest_slug": contest_round.contest.slug,
            "number": contest_round.number,
            "title": contest_round.title,
            "opens_at": contest_round.opens_at,
            "closes_at": contest_round.closes_at,
            "is_open": contest_round.opens_at <= now < contest_round.closes_at,
            "time_limit_seconds": contest_round.time_limit_seconds,
            "question_count": sum(count for _topic, count in pool.rules) if pool else 0,
            "prediction_question": contest_round.prediction_question,
            "participation": selectors.round_participation_count(round_id=pk),
            "challenge": throttle.challenge_issue(pk),
        }
        return Response(s.ContestRoundPublicSerializer(data).data)


def _drawn_questions(entry: Entry) -> list[dict[str, Any]]:
    pool = selectors.round_pool_get(round_id=entry.round_id)
    if pool is None:
        return []
    return [
        {
            "id": question.id,
            "text": question.text,
            "multiple": question.multiple,
            "options": [{"letter": option.letter, "text": option.text} for option in question.options],
        }
        for question in selectors.entry_drawn_questions(entry=entry, pool=pool)
    ]


class EntryStartView(HotPathAPIView):
    @extend_schema(
        request=s.ContestEntryStartInputSerializer,
        responses={201: s.ContestEntryStartedSerializer},
        summary="Start an entry (no account): the server draws the questions and starts the clock",
    )
    def post(self, request: Request, pk: int) -> Response:
        pool = selectors.round_pool_get(round_id=pk)  # the process's copy: no query at peak
        if pool is None or not pool.is_published:
            raise Http404
        payload = s.ContestEntryStartInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        refusal = throttle.entry_start_guard(
            request._request,
            contest_id=pool.contest_id,
            round_id=pk,
            per_ip_per_minute=pool.starts_per_ip_per_minute,
            phone=data["phone"],
            challenge=data["challenge"],
            honeypot=data["website"],
        )
        if refusal is not None:
            return Response({"non_field_errors": [refusal.message]}, status=refusal.status)
        entry = services.entry_start(
            round_id=pk,
            name=data["name"],
            phone=data["phone"],
            unit_id=data["unit"],
            other_unit=data["other_unit"],
            birth_year=data["birth_year"],
        )
        out = {
            "token": entry.token,
            "started_at": _local_iso(entry.started_at),
            "deadline_at": _local_iso(entry.deadline_at),
            "questions": _drawn_questions(entry),
        }
        return Response(out, status=status.HTTP_201_CREATED)


def _answers_input(data: Any) -> tuple[dict[str, Any], int | None]:
    """The body of an autosave or a submit, checked by hand: these are the busiest endpoints, and
    the service checks each answer against the draw anyway (the serializer documents the shape)."""
    answers = data.get("answers") if isinstance(data, Mapping) else None
    prediction = data.get("prediction") if isinstance(data, Mapping) else None
    if answers is None:
        answers = {}
    if not isinstance(answers, Mapping) or not all(
        isinstance(choice, str) or (isinstance(choice, list) and all(isinstance(c, str) for c in choice))
        for choice in answers.values()
    ):
        raise ValidationError({"answers": _('Send the answers as {question id: letters}, e.g. {"12": "B"}.')})
    if prediction is not None and (isinstance(prediction, bool) or not isinstance(prediction, int) or prediction < 0):
        raise ValidationError({"prediction": _("Enter the prediction as a whole number, 0 or more.")})
    return dict(answers), prediction


def autosave(token: str, data: Any) -> dict[str, Any]:
    """Autosave's answer."""
    entry = _entry(token)
    answers, prediction = _answers_input(data)
    services.entry_answers_save(entry=entry, answers=answers, prediction=prediction)
    return {"saved": len(answers), "deadline_at": _local_iso(entry.deadline_at)}


def submit(token: str, data: Any) -> dict[str, Any]:
    """Submit's answer, once the entry is stored."""
    entry = _entry(token)
    answers, prediction = _answers_input(data)
    entry = services.entry_submit(entry=entry, answers=answers, prediction=prediction)
    if entry.receipt_code is None or entry.submitted_at is None:
        raise Http404(_("No such test."))
    return {
        "receipt_code": entry.receipt_code,
        "submitted_at": _local_iso(entry.submitted_at),
        "finished_by": entry.finished_by,
    }


class EntryAnswersView(HotPathAPIView):
    @extend_schema(
        request=s.ContestAnswersInputSerializer, responses=s.ContestAnswersSavedSerializer, summary="Autosave answers"
    )
    def post(self, request: Request, token: str) -> Response:
        return Response(autosave(token, request.data))


class EntrySubmitView(HotPathAPIView):
    @extend_schema(
        request=s.ContestAnswersInputSerializer,
        responses=s.ContestReceiptSerializer,
        summary="Submit: the entry is stored before the receipt code is returned",
    )
    def post(self, request: Request, token: str) -> Response:
        return Response(submit(token, request.data))


class RoundRankingView(APIView):
    permission_classes = [CanManageContests]

    @extend_schema(responses=s.ContestRankingSerializer, summary="The round's ranking with phones (Propaganda Board)")
    def get(self, request: Request, pk: int) -> Response:
        contest_round = get_object_or_404(Round.objects.select_related("contest"), pk=pk)
        rows, true_figure = selectors.round_ranking(contest_round=contest_round)
        return Response(s.ContestRankingSerializer({"true_figure": true_figure, "rows": rows}).data)


class RoundItemStatisticsView(APIView):
    permission_classes = [CanManageContests]

    @extend_schema(responses=s.ContestItemStatSerializer(many=True), summary="Share correct per question")
    def get(self, request: Request, pk: int) -> Response:
        contest_round = get_object_or_404(Round, pk=pk)
        stats = selectors.round_item_statistics(contest_round=contest_round)
        return Response(s.ContestItemStatSerializer(stats, many=True).data)
