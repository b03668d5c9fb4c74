"""Every page and API family: out of scope → 404, forbidden → 403; personal data only for those
who handle commendation (and the person's own unit)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from khoi.emulation import services
from khoi.emulation.models import Scorecard

from .factories import decision_input, make_emulation_bloc, simple_sections

BIRTH = dt.date(1979, 4, 17)


@pytest.fixture
def world(unit_a, unit_b, catalogue):
    bloc = make_emulation_bloc([unit_a], ["Hội Nữ doanh nhân Hải Phòng"])
    agreement = services.agreement_create(bloc=bloc, year=2020, title="Giao ước 2020", sections=simple_sections())
    person = services.person_create(
        full_name="Nguyễn Thị Lan", unit=unit_a, birth_date=BIRTH, position="Kế toán trưởng"
    )
    proposal = services.proposal_create(
        actor=None,
        year=2020,
        title="Đề nghị của đơn vị A",
        proposer_unit=unit_a,
        items=[services.ItemInput(form=catalogue["forms"]["GK"], person=person)],
    )
    decision = services.decision_create(
        actor=None,
        data=decision_input(catalogue, number=86),
        items=[
            services.ItemInput(form=catalogue["forms"]["GK"], unit=unit_a),
            services.ItemInput(form=catalogue["forms"]["GK"], person=person),
        ],
    )
    card = Scorecard.objects.get(agreement=agreement, member__unit=unit_a)
    return {
        "bloc": bloc,
        "agreement": agreement,
        "person": person,
        "proposal": proposal,
        "decision": decision,
        "card": card,
    }


def url(name, *args):
    return reverse(f"emulation:{name}", args=args)


def api(name, *args):
    return reverse(f"emulation_api:{name}", args=args)


def test_anonymous_visitors_are_sent_to_the_login_page(world):
    response = Client().get(url("index"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert Client().get(api("blocs")).status_code in (401, 403)


def test_blocs_and_agreements_are_visible_to_member_units_only(
    world, reporter_a_client, reporter_b_client, leader_client
):
    bloc, agreement = world["bloc"], world["agreement"]
    assert reporter_a_client.get(url("bloc_detail", bloc.pk)).status_code == 200
    assert reporter_b_client.get(url("bloc_detail", bloc.pk)).status_code == 404
    assert reporter_b_client.get(url("agreement_detail", agreement.pk)).status_code == 404
    assert leader_client.get(url("agreement_detail", agreement.pk)).status_code == 200
    assert reporter_b_client.get(api("agreement", agreement.pk)).status_code == 404
    assert reporter_b_client.get(api("blocs")).json()["results"] == []
    assert len(reporter_a_client.get(api("blocs")).json()["results"]) == 1


def test_the_ranking_is_for_the_committee_not_for_units(world, reporter_a_client, reporter_b_client, leader_client):
    pk = world["agreement"].pk
    assert reporter_a_client.get(url("ranking", pk)).status_code == 403
    assert reporter_b_client.get(url("ranking", pk)).status_code == 404
    assert leader_client.get(url("ranking", pk)).status_code == 200
    assert reporter_a_client.get(api("ranking", pk)).status_code == 403
    assert leader_client.get(api("ranking", pk)).status_code == 200


def test_a_reporter_self_scores_its_own_card_but_not_the_blocs_score(world, reporter_a_client, reporter_b_client):
    card = world["card"]
    criterion = card.scores.select_related("criterion").get(criterion__code="1.1").criterion
    assert reporter_b_client.get(url("scorecard", card.pk)).status_code == 404
    response = reporter_a_client.post(
        url("scorecard", card.pk),
        {"action": "self", f"self_{criterion.pk}": "55", f"note_self_{criterion.pk}": "Báo cáo năm"},
    )
    assert response.status_code == 302
    assert card.scores.get(criterion=criterion).self_points == 55
    assert (
        reporter_a_client.post(url("scorecard", card.pk), {"action": "bloc", f"bloc_{criterion.pk}": "50"}).status_code
        == 403
    )
    body = {"scores": [{"criterion": criterion.pk, "points": "50"}]}
    assert (
        reporter_a_client.put(api("scores", card.pk, "bloc"), body, content_type="application/json").status_code == 403
    )
    assert (
        reporter_b_client.put(api("scores", card.pk, "self"), body, content_type="application/json").status_code == 404
    )
    over = {"scores": [{"criterion": criterion.pk, "points": "61"}]}
    response = reporter_a_client.put(api("scores", card.pk, "self"), over, content_type="application/json")
    assert response.status_code == 400 and "1.1" in str(response.json())


def test_only_commendation_staff_create_the_year_end_proposal(world, propaganda_client, staff_client, leader_client):
    pk = world["agreement"].pk
    assert propaganda_client.post(url("propose", pk)).status_code == 403
    assert leader_client.post(api("propose", pk), {}, content_type="application/json").status_code == 403
    response = staff_client.post(
        api("propose", pk), {"flag_form": "CTD-UBND", "merit_form": "BK-UBND"}, content_type="application/json"
    )
    assert response.status_code == 400  # nobody is scored yet: a Vietnamese message, not a crash
    assert "scores" in response.json()


def test_proposals_belong_to_their_unit(world, reporter_a_client, reporter_b_client, staff_client):
    pk = world["proposal"].pk
    assert reporter_b_client.get(url("proposal_detail", pk)).status_code == 404
    assert reporter_b_client.get(api("proposal", pk)).status_code == 404
    assert reporter_a_client.get(url("proposal_detail", pk)).status_code == 200
    assert reporter_a_client.post(url("proposal_submit", pk)).status_code == 302
    assert reporter_a_client.post(url("proposal_review", pk), {"approve": "1"}).status_code == 403
    assert (
        reporter_a_client.post(
            api("proposal_review", pk), {"approve": True}, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        staff_client.post(api("proposal_review", pk), {"approve": True}, content_type="application/json").status_code
        == 200
    )
    assert reporter_b_client.get(url("proposal_word", pk)).status_code == 404
    word = reporter_a_client.get(url("proposal_word", pk))
    assert word.status_code == 200 and word["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_reporter_proposes_for_its_own_unit_only(world, reporter_a_client, unit_b, catalogue):
    body = {"unit": unit_b.pk, "year": 2020, "title": "Đề nghị", "form": "GK-DUK", "include_unit": True}
    assert reporter_a_client.post(api("proposals"), body, content_type="application/json").status_code == 404
    body["unit"] = world["card"].member.unit_id
    body["people"] = [{"full_name": "Lê Văn Nam", "birth_date": "1985-02-03", "position": "Tổ trưởng"}]
    response = reporter_a_client.post(api("proposals"), body, content_type="application/json")
    assert response.status_code == 201 and len(response.json()["items"]) == 2


def test_decisions_are_read_by_the_committee_and_written_by_commendation_staff(
    world, reporter_a_client, leader_client, propaganda_client, staff_client
):
    pk = world["decision"].pk
    assert reporter_a_client.get(url("decision_detail", pk)).status_code == 403
    assert reporter_a_client.get(api("decision", pk)).status_code == 403
    assert leader_client.get(url("decision_detail", pk)).status_code == 200
    assert leader_client.get(url("decision_word", pk)).status_code == 403
    assert propaganda_client.get(url("decision_create")).status_code == 403
    assert propaganda_client.post(api("decisions"), {}, content_type="application/json").status_code == 403
    assert staff_client.get(url("decision_detail", 999999)).status_code == 404
    word = staff_client.get(url("decision_word", pk))
    assert word.status_code == 200 and len(word.content) > 1000
    certificates = staff_client.get(url("certificates", pk))
    assert certificates.status_code == 200 and "Nguyễn Thị Lan" in certificates.content.decode()
    assert leader_client.get(url("certificates", pk)).status_code == 403


def test_histories_follow_the_unit_scope(world, unit_a, reporter_a_client, reporter_b_client, leader_client):
    assert reporter_b_client.get(url("unit_history", unit_a.pk)).status_code == 404
    assert reporter_b_client.get(api("unit_history", unit_a.pk)).status_code == 404
    assert reporter_b_client.get(url("person_history", world["person"].pk)).status_code == 404
    page = reporter_a_client.get(url("unit_history", unit_a.pk)).content.decode()
    assert "Giấy khen ĐUK 2020" in page
    assert leader_client.get(api("unit_history", unit_a.pk)).json()[0]["decision"] == "86-QĐ/ĐUK"


def test_counts_are_for_the_committee(world, reporter_a_client, leader_client):
    assert reporter_a_client.get(url("counts")).status_code == 403
    assert reporter_a_client.get(api("counts")).status_code == 403
    figures = leader_client.get(api("counts"), {"year": 2020, "issuer": "DUK", "campaign_code": "CT05"}).json()
    assert (figures["collectives"], figures["individuals"], figures["decisions"]) == (1, 1, ["86-QĐ/ĐUK"])
    page = leader_client.get(url("counts"), {"year": 2020, "issuer": "DUK"}).content.decode()
    assert "86-QĐ/ĐUK" in page and "<form" in page
    partial = leader_client.get(url("counts"), {"year": 2020, "issuer": "DUK"}, headers={"HX-Request": "true"})
    assert (
        partial.content.decode().lstrip().startswith('<div id="counts-result">')
        and "86-QĐ/ĐUK" in partial.content.decode()
    )


def test_personal_data_is_shown_only_to_commendation_staff_and_the_persons_own_unit(
    world, staff_client, leader_client, propaganda_client, reporter_a_client, organisation_user
):
    person, decision = world["person"], world["decision"]
    for client in (leader_client, propaganda_client):
        data = client.get(api("person", person.pk)).json()
        assert data["full_name"] == "Nguyễn Thị Lan" and data["birth_date"] is None and data["position"] == ""
        page = client.get(url("decision_detail", decision.pk)).content.decode()
        assert "17/04/1979" not in page and "Kế toán trưởng" not in page
        assert "1979" not in client.get(url("person_history", person.pk)).content.decode()
    organisation_client = Client()
    organisation_client.force_login(organisation_user)
    for client in (staff_client, organisation_client, reporter_a_client):
        assert client.get(api("person", person.pk)).json()["birth_date"] == "1979-04-17"
    assert "17/04/1979" in staff_client.get(url("decision_detail", decision.pk)).content.decode()
    assert "Kế toán trưởng" in reporter_a_client.get(url("proposal_detail", world["proposal"].pk)).content.decode()
