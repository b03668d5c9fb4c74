"""Marketplace pages of connection conferences: registration, participants, meeting requests,
meetings and the schedule. Thin callers of services and selectors, checked through access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import is_committee_staff, member_required, require
from khoi.core.downloads import file_response
from khoi.core.inputs import id_or_400
from khoi.core.service_errors import add_form_errors, flash_errors

from .. import access, exports, scheduling, selectors, services
from ..forms import (
    ConferenceForm,
    OutsideEnterpriseForm,
    RequestForm,
)
from ..models import Conference, ListingStatus, Meeting, MeetingRequest, Participant
from .listings import _paging_query

# ---- Conferences -------------------------------------------------------------------------------


@member_required
def conference_list(request: HttpRequest) -> HttpResponse:
    return render(request, "marketplace/conference_list.html", {"conferences": selectors.conference_list()})


@member_required
def conference_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        breaks = [(data["break_after"], data["break_minutes"])] if data["break_after"] and data["break_minutes"] else []
        try:
            conference = services.conference_create(
                actor=request.user,
                title=data["title"],
                date=data["date"],
                venue=data["venue"],
                table_count=data["table_count"],
                starts_at=data["starts_at"],
                slot_minutes=data["slot_minutes"],
                slot_count=data["slot_count"],
                breaks=breaks,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            return redirect("marketplace:conference_detail", pk=conference.pk)
    return render(request, "marketplace/simple_form.html", {"form": form, "title": _("New conference")})


@member_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference, pk=pk)
    query = request.GET.get("q", "")
    participants = Paginator(selectors.participant_list(conference=conference, query=query), 50).get_page(
        request.GET.get("page")
    )
    mine = selectors.participants_of_user(conference=conference, user=request.user)
    staff = is_committee_staff(request.user)
    registered = {p.enterprise.unit_id for p in mine}
    can_register = staff or any(
        unit.pk not in registered for unit in selectors.units_acting_for(user=request.user).only("pk")
    )
    context = {
        "can_register": can_register,
        "conference": conference,
        "participants": participants,
        "paging_query": _paging_query(request),
        "query": query,
        "mine": mine,
        "figures": selectors.conference_figures(conference=conference),
        "is_staff": is_committee_staff(request.user),
        "slots": selectors.slot_list(conference=conference),
        "tables": range(1, conference.table_count + 1),
    }
    template = (
        "marketplace/conference_detail.html#participants"
        if getattr(request, "htmx", False)
        else "marketplace/conference_detail.html"
    )
    return render(request, template, context)


@member_required
def conference_register(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference, pk=pk)
    staff = is_committee_staff(request.user)
    if request.method == "POST":
        try:
            if request.POST.get("outside") == "1":
                access.require_staff(request.user)
                participant = services.participant_register_outside(
                    actor=request.user,
                    conference=conference,
                    name=request.POST.get("name", ""),
                    tax_code=request.POST.get("tax_code", ""),
                    province=request.POST.get("province", ""),
                    representative=request.POST.get("representative", ""),
                    phone=request.POST.get("phone", ""),
                    email=request.POST.get("email", ""),
                )
            else:
                units = selectors.units_acting_for(user=request.user)
                unit = get_object_or_404(units, pk=id_or_400(request.POST.get("unit")))
                enterprise = services.enterprise_for_unit(unit=unit)
                participant = services.participant_register(
                    actor=request.user,
                    conference=conference,
                    enterprise=enterprise,
                    representative=request.POST.get("representative", ""),
                    phone=request.POST.get("phone", ""),
                    email=request.POST.get("email", ""),
                    about=request.POST.get("about", ""),
                )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Registered."))
            return redirect("marketplace:participant_detail", pk=conference.pk, participant_pk=participant.pk)
    units = selectors.units_acting_for(user=request.user)
    require(staff or units.exists(), _("Only the committee's staff and unit reporters may register."))
    units = units.exclude(market_enterprise__participations__conference=conference)  # offer only those not yet in
    return render(
        request,
        "marketplace/conference_register.html",
        {"conference": conference, "units": units, "staff": staff, "outside_form": OutsideEnterpriseForm()},
    )


def _participant(conference_pk: int, participant_pk: int) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("conference", "enterprise__unit"),
        pk=participant_pk,
        conference_id=conference_pk,
    )


@member_required
def participant_detail(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = _participant(pk, participant_pk)
    conference = participant.conference
    private = access.can_see_private(request.user, participant)
    mine = [
        p for p in selectors.participants_of_user(conference=conference, user=request.user) if p.pk != participant.pk
    ]
    context = {
        "conference": conference,
        "participant": participant,
        "listings": participant.enterprise.listings.filter(status=ListingStatus.APPROVED)[:10],
        "show_contact": access.can_see_contact(request.user, participant),
        "private": private,
        "can_act": access.can_act_for(request.user, participant.enterprise),
        "mine": mine,
        "between": selectors.requests_between(mine=mine, other=participant) if mine else [],
        "request_form": RequestForm(),
        "is_staff": is_committee_staff(request.user),
    }
    if private:
        requests = selectors.request_list(participant=participant)
        unplaced = selectors.unplaced_meetings(participant=participant)
        slots = selectors.slot_list(conference=conference)
        others = [r.requester for r in requests["incoming"] if r.status == "pending"]
        others += [m.second if m.first_id == participant.pk else m.first for m in unplaced]
        busy = selectors.busy_slots(participants=[participant, *others])
        for item in requests["incoming"]:
            item.free_slots = [  # type: ignore[attr-defined]
                s for s in slots if s.index not in busy[participant.pk] | busy.get(item.requester_id, set())
            ]
        for meeting in unplaced:
            partner_id = meeting.second_id if meeting.first_id == participant.pk else meeting.first_id
            meeting.free_slots = [  # type: ignore[attr-defined]
                s for s in slots if s.index not in busy[participant.pk] | busy.get(partner_id, set())
            ]
        context["agenda"] = selectors.agenda_for_participant(participant=participant)
        context["requests"] = requests
        context["unplaced"] = unplaced
        context["notices"] = selectors.agenda_notices(participant=participant)
    return render(request, "marketplace/participant_detail.html", context)


@member_required
@require_POST
def request_send(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    recipient = _participant(pk, participant_pk)
    requester = get_object_or_404(
        Participant.objects.select_related("enterprise__unit", "conference"),
        pk=id_or_400(request.POST.get("requester")),
    )
    access.require_act_for(request.user, requester.enterprise)
    form = RequestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("The message is too long."))
        services.meeting_request_send(
            actor=request.user, requester=requester, recipient=recipient, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Meeting request sent."))
    return redirect("marketplace:participant_detail", pk=pk, participant_pk=participant_pk)


@member_required
@require_POST
def request_answer(request: HttpRequest, request_pk: int) -> HttpResponse:
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("recipient__enterprise__unit", "conference"), pk=request_pk
    )
    recipient = meeting_request.recipient
    if not access.can_see_private(request.user, recipient) and not is_committee_staff(request.user):
        access.require_participant_private(request.user, recipient)
    slot = request.POST.get("slot")
    try:
        services.meeting_request_answer(
            actor=request.user,
            request=meeting_request,
            accept=request.POST.get("accept") == "1",
            slot_index=int(slot) if slot and slot.isdigit() else None,
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Answer saved."))
    return redirect("marketplace:participant_detail", pk=meeting_request.conference_id, participant_pk=recipient.pk)


def _meeting(request: HttpRequest, meeting_pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("first__enterprise__unit", "second__enterprise__unit", "conference"),
        pk=meeting_pk,
    )
    access.require_meeting_visible(request.user, meeting)
    return meeting


@member_required
@require_POST
def meeting_book(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _meeting(request, meeting_pk)
    slot = request.POST.get("slot", "")
    try:
        if not slot.isdigit():
            raise ValidationError({"slot": _("Choose a slot.")})
        services.meeting_book(actor=request.user, meeting=meeting, slot_index=int(slot))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Slot booked."))
    back = request.POST.get("participant") or meeting.first_id
    return redirect("marketplace:participant_detail", pk=meeting.conference_id, participant_pk=back)


@member_required
@require_POST
def meeting_move(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _meeting(request, meeting_pk)
    access.require_staff(request.user)
    try:
        if request.POST.get("action") == "unlock":
            services.meeting_lock(actor=request.user, meeting=meeting, locked=False)
        elif request.POST.get("action") == "lock":
            services.meeting_lock(actor=request.user, meeting=meeting, locked=True)
        else:
            slot, table = request.POST.get("slot", ""), request.POST.get("table", "")
            if not (slot.isdigit() and table.isdigit()):
                raise ValidationError({"slot": _("Choose a slot and a table.")})
            services.meeting_move(actor=request.user, meeting=meeting, slot_index=int(slot), table_number=int(table))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("marketplace:conference_schedule", pk=meeting.conference_id)


@member_required
def conference_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff's grid of slots × tables, with "Xếp lịch": first a preview of what it would change
    (GET ?preview=1), then the change itself (POST)."""
    conference = get_object_or_404(Conference, pk=pk)
    access.require_staff(request.user)
    replan = request.POST.get("replan", request.GET.get("replan")) == "1"
    if request.method == "POST":
        try:
            figures = services.conference_schedule(actor=request.user, conference=conference, replan=replan)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request,
                _(
                    "Scheduled: %(new)d meetings placed, %(moved)d moved, %(unplaced)d could not be placed; "
                    "%(firms)d firms were told of the change to their agenda."
                )
                % {
                    "new": figures["newly_placed"],
                    "moved": figures["moved"],
                    "unplaced": figures["unplaced"],
                    "firms": figures["firms_told"],
                },
            )
        return redirect("marketplace:conference_schedule", pk=pk)
    plan = None
    if request.GET.get("preview") == "1":
        try:
            plan = scheduling.schedule_plan(conference=conference, replan=replan)
        except ValidationError as error:
            flash_errors(request, error)
    slots = selectors.slot_list(conference=conference)
    meetings = list(selectors.meeting_list_visible(user=request.user, conference=conference))
    grid = {(m.slot_id, m.table_number): m for m in meetings if m.slot_id}
    rows = [(slot, [grid.get((slot.pk, table)) for table in range(1, conference.table_count + 1)]) for slot in slots]
    return render(
        request,
        "marketplace/conference_schedule.html",
        {
            "conference": conference,
            "rows": rows,
            "tables": range(1, conference.table_count + 1),
            "unplaced": [m for m in meetings if m.slot_id is None],
            "slots": slots,
            "plan": plan,
            "replan": replan,
        },
    )


@member_required
def participant_agenda_pdf(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = _participant(pk, participant_pk)
    access.require_participant_private(request.user, participant)
    return file_response(
        exports.participant_agenda_pdf(participant=participant), f"lich-gap-{participant.pk}.pdf", inline=True
    )


@member_required
def table_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference, pk=pk)
    access.require_staff(request.user)
    table = request.GET.get("table", "")
    numbers = [int(table)] if table.isdigit() else list(range(1, conference.table_count + 1))
    return file_response(
        exports.table_agenda_pdf(conference=conference, table_numbers=numbers),
        f"lich-ban-{conference.pk}.pdf",
        inline=True,
    )


@member_required
def conference_export(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference, pk=pk)
    access.require_staff(request.user)
    return file_response(exports.schedule_workbook(conference=conference), f"hoi-nghi-{conference.pk}.xlsx")
