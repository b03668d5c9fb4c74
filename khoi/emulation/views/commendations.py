"""Commendation pages: proposals, decisions with their Word/Excel files and certificates, the
histories of units, organisations and people, and the counts.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import (
    member_required,
    reads_all,
    require,
    role_required,
    signed_in_member,
)
from khoi.core.downloads import file_response
from khoi.core.formatting import format_document_date
from khoi.core.inputs import id_or_400, parse_id
from khoi.core.service_errors import flash_errors
from khoi.units.models import Unit
from khoi.units.scope import require_unit_readable
from khoi.units.selectors import sort_vietnamese

from .. import access, documents, selectors, services
from ..forms import CountsForm, DecisionForm, PersonLineFormSet, ProposalForm, ReviewForm
from ..models import (
    Decision,
    Organisation,
    Person,
    Proposal,
    ProposalStatus,
)

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
    user = signed_in_member(request)
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
        violations = services.proposal_submit(proposal=proposal, actor=signed_in_member(request))
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
            actor=signed_in_member(request),
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
    return file_response(documents.proposal_docx(proposal=proposal), f"de-nghi-{proposal.pk}.docx")


@member_required
def proposal_excel(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    require(access.can_edit_proposal(request.user, proposal))
    personal = access.can_handle_commendation(request.user) or access.reporter_owns_unit(
        request.user, proposal.proposer_unit
    )
    return file_response(
        documents.proposal_xlsx(proposal=proposal, personal_data=personal), f"de-nghi-{proposal.pk}.xlsx"
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
                actor=signed_in_member(request),
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
    return file_response(
        documents.decision_docx(decision=decision), f"quyet-dinh-{decision.number}-{decision.signed_year}.docx"
    )


@member_required
def decision_excel(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    personal = access.can_handle_commendation(request.user)
    return file_response(
        documents.decision_xlsx(decision=decision, personal_data=personal),
        f"danh-sach-{decision.number}-{decision.signed_year}.xlsx",
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
