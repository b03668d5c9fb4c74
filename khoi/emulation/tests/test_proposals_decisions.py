"""Proposals → review → decisions → records; rules that warn or block; duplicates refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from khoi.emulation import selectors, services
from khoi.emulation.models import Award, Decision, Proposal, ProposalStatus
from khoi.units.tests.factories import make_unit

from .factories import decision_input


def person(unit, name="Nguyễn Văn Hùng", **extra):
    return services.person_create(full_name=name, unit=unit, birth_date=dt.date(1980, 5, 1), position="Bí thư", **extra)


def approved_proposal(unit, catalogue, *, people=1, include_unit=True):
    form = catalogue["forms"]["GK"]
    items = [services.ItemInput(form=form, unit=unit, achievement="Tiêu biểu")] if include_unit else []
    items += [services.ItemInput(form=form, person=person(unit, f"Người số {i} {unit.pk}")) for i in range(people)]
    proposal = services.proposal_create(
        actor=None,
        year=2020,
        title="Đề nghị Giấy khen",
        items=items,
        proposer_unit=unit,
        campaign=catalogue["campaign"],
    )
    services.proposal_submit(proposal=proposal, actor=None)
    services.proposal_review(proposal=proposal, actor=None, approve=True)
    return Proposal.objects.get(pk=proposal.pk)


def test_proposal_goes_through_review_to_a_decision_that_records_each_recipient(unit_a, unit_b, catalogue):
    first = approved_proposal(unit_a, catalogue, people=2)
    second = approved_proposal(unit_b, catalogue, people=1)
    decision = services.decision_create(
        actor=None, data=decision_input(catalogue, number=86), proposals=[first, second]
    )
    assert decision.reference == "86-QĐ/ĐUK" and decision.number_line == "Số 86-QĐ/ĐUK"
    collectives, individuals = selectors.decision_awards(decision=decision)
    assert {a.unit for a in collectives} == {unit_a, unit_b} and len(individuals) == 3
    assert Proposal.objects.filter(status=ProposalStatus.DECIDED).count() == 2
    assert selectors.history_line(selectors.unit_award_history(unit=unit_a)) == "Giấy khen ĐUK 2020"
    counts = selectors.commendation_counts(year=2020, issuer="DUK", campaign_code="CT05")
    assert (counts.collectives, counts.individuals, counts.decisions) == (2, 3, ("86-QĐ/ĐUK",))


def test_counts_filter_by_signing_dates_form_and_campaign(unit_a, catalogue):
    services.decision_create(
        actor=None, data=decision_input(catalogue, number=5), proposals=[approved_proposal(unit_a, catalogue)]
    )
    assert selectors.commendation_counts(date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 6, 30)).total == 2
    assert selectors.commendation_counts(date_from=dt.date(2021, 7, 1)).total == 0
    assert selectors.commendation_counts(form_code="BK-UBND").total == 0
    assert selectors.commendation_counts(campaign_code="OTHER").total == 0


def test_a_returned_proposal_needs_a_reason_and_can_be_submitted_again(unit_a, catalogue):
    form = catalogue["forms"]["GK"]
    proposal = services.proposal_create(
        actor=None, year=2020, title="Đề nghị", items=[services.ItemInput(form=form, unit=unit_a)], proposer_unit=unit_a
    )
    services.proposal_submit(proposal=proposal, actor=None)
    with pytest.raises(ValidationError):
        services.proposal_review(proposal=proposal, actor=None, approve=False)
    services.proposal_review(proposal=proposal, actor=None, approve=False, note="Bổ sung thành tích")
    services.proposal_submit(proposal=proposal, actor=None)
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.SUBMITTED


def test_a_unit_cannot_propose_another_units_people(unit_a, unit_b, catalogue):
    with pytest.raises(ValidationError, match="1"):
        services.proposal_create(
            actor=None,
            year=2020,
            title="Đề nghị",
            items=[services.ItemInput(form=catalogue["forms"]["GK"], person=person(unit_b))],
            proposer_unit=unit_a,
        )
    assert not Proposal.objects.exists()


def test_over_a_binding_quota_the_submission_is_blocked_citing_the_rule_and_nothing_changes(bloc, unit_a, catalogue):
    # 4 base organisations, a quota of 50%: 2 collectives at most, 3 proposed.
    rule = catalogue["rules"]["gk_quota"]
    rule.quota_percent = 50
    rule.save()
    make_unit(bloc)
    others = [make_unit(bloc) for _ in range(2)]
    form = catalogue["forms"]["GK"]
    proposal = services.proposal_create(
        actor=None,
        year=2025,
        title="Đề nghị",
        proposer_unit=bloc,
        items=[services.ItemInput(form=form, unit=u) for u in [unit_a, *others]],
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, actor=None)
    text = " ".join(error.value.messages)
    assert "Quy chế ĐUK: tỷ lệ tập thể" in text and "50" in text
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT


def test_over_a_warning_quota_the_submission_passes_and_keeps_the_warning_on_the_lines(unit_a, catalogue):
    form = catalogue["forms"]["GK"]
    people = [person(unit_a, f"Người {i}") for i in range(3)]
    proposal = services.proposal_create(
        actor=None,
        year=2020,
        title="Đề nghị",
        proposer_unit=unit_a,
        items=[services.ItemInput(form=form, person=p) for p in people],
    )
    violations = services.proposal_submit(proposal=proposal, actor=None)
    assert len(violations) == 1 and not violations[0].binding
    assert all(item.warnings and "2 người" in item.warnings[0]["legal_basis"] for item in proposal.items.all())


def test_a_missing_prerequisite_warns_with_the_rule_and_disappears_when_the_history_is_there(unit_a, catalogue):
    hero = person(unit_a)
    for year in (2018, 2019):
        services.decision_create(
            actor=None,
            data=decision_input(catalogue, number=year, year=year),
            items=[services.ItemInput(form=catalogue["forms"]["GK"], person=hero)],
        )
    newcomer = person(unit_a, "Trần Thị Mai")
    violations = selectors.rule_violations(
        year=2020,
        recipients=[
            selectors.RecipientRef(form=catalogue["forms"]["BK"], name=p.full_name, person=p) for p in (hero, newcomer)
        ],
    )
    assert len(violations) == 1 and "Trần Thị Mai" in violations[0].message
    assert "Giấy khen 2 năm liên tục" in violations[0].legal_basis


def test_a_decision_over_a_binding_quota_is_refused_and_writes_nothing(unit_a, catalogue):
    members = [services.organisation_create(name=f"Hội {i}") for i in range(4)]
    from khoi.emulation.tests.factories import make_emulation_bloc

    bloc = make_emulation_bloc([unit_a], [])
    for organisation in members:
        services.bloc_member_add(bloc=bloc, joined_year=2015, organisation=organisation)
    form = catalogue["forms"]["CTD"]
    proposal = Proposal.objects.create(year=2020, title="Cuối năm", proposer_bloc=bloc, status=ProposalStatus.APPROVED)
    for organisation in members[:2]:
        proposal.items.create(form=form, organisation=organisation, recipient_name=organisation.name)
    with pytest.raises(ValidationError, match="Cờ thi đua 20%"):
        services.decision_create(actor=None, data=decision_input(catalogue, "CTD", number=455), proposals=[proposal])
    assert not Decision.objects.exists() and not Award.objects.exists()


def test_awarding_a_person_the_same_form_twice_in_a_year_is_refused(unit_a, catalogue):
    hero = person(unit_a)
    line = services.ItemInput(form=catalogue["forms"]["GK"], person=hero)
    services.decision_create(actor=None, data=decision_input(catalogue, number=1), items=[line])
    with pytest.raises(ValidationError) as error:
        services.decision_create(actor=None, data=decision_input(catalogue, number=2), items=[line])
    assert "Nguyễn Văn Hùng" in " ".join(error.value.messages)
    assert Decision.objects.count() == 1


def test_the_database_itself_refuses_a_second_award_of_a_form_to_a_person_in_a_year(unit_a, catalogue):
    hero = person(unit_a)
    decision = services.decision_create(
        actor=None,
        data=decision_input(catalogue, number=1),
        items=[services.ItemInput(form=catalogue["forms"]["GK"], person=hero)],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(
            decision=decision, form=decision.form, year=2020, person=hero, recipient_name=hero.full_name
        )


def test_a_decision_number_is_unique_per_issuer_and_year(unit_a, unit_b, catalogue):
    services.decision_create(
        actor=None,
        data=decision_input(catalogue, number=7),
        items=[services.ItemInput(form=catalogue["forms"]["GK"], unit=unit_a)],
    )
    with pytest.raises(ValidationError) as error:
        services.decision_create(
            actor=None,
            data=decision_input(catalogue, number=7),
            items=[services.ItemInput(form=catalogue["forms"]["GK"], unit=unit_b)],
        )
    assert "number" in error.value.message_dict


def test_a_collective_only_form_cannot_go_to_a_person(unit_a, catalogue):
    with pytest.raises(ValidationError):
        services.decision_create(
            actor=None,
            data=decision_input(catalogue, "CTD", number=1),
            items=[services.ItemInput(form=catalogue["forms"]["CTD"], person=person(unit_a))],
        )
    assert not Award.objects.exists()
