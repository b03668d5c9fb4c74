"""People typed in NFC or NFD are one person; what the forms and the API store is clean; the data
migration cleans stored text and merges the people it had split."""

from __future__ import annotations

import datetime as dt
import importlib
import unicodedata

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from khoi.emulation import selectors, services
from khoi.emulation.models import Award, Organisation, Person, Proposal, ProposalItem

from .factories import decision_input

NAME = "Phạm Thị Thu"
BORN = dt.date(1985, 3, 9)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _propose(unit, catalogue, full_name, year):
    proposal = services.proposal_create_for_unit(
        actor=None,
        unit=unit,
        year=year,
        title="Đề nghị Giấy khen",
        form=catalogue["forms"]["GK"],
        people=[services.PersonInput(full_name=full_name, birth_date=BORN, achievement="Tiêu biểu")],
    )
    services.proposal_submit(proposal=proposal, actor=None)
    services.proposal_review(proposal=proposal, actor=None, approve=True)
    services.decision_create(
        actor=None,
        data=decision_input(catalogue, number=year, year=year),
        proposals=[Proposal.objects.get(pk=proposal.pk)],
    )


def test_the_same_person_typed_in_nfc_and_in_nfd_has_one_commendation_history(unit_a, catalogue):
    _propose(unit_a, catalogue, NAME, 2019)
    _propose(unit_a, catalogue, _nfd("  phạm  THỊ\x01 thu "), 2020)
    person = Person.objects.get()
    assert person.full_name == NAME
    assert [award.year for award in selectors.person_award_history(person=person)] == [2020, 2019]


def test_a_person_proposed_on_the_page_in_nfd_with_control_characters_is_stored_as_nfc(
    reporter_a_client, unit_a, catalogue
):
    data = {
        "title": _nfd("Đề nghị\x01 Giấy khen"),
        "year": "2020",
        "form": catalogue["forms"]["GK"].pk,
        "include_unit": "on",
        "unit_achievement": _nfd("Dòng một\r\nDòng hai\x1f"),
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-0-full_name": _nfd("Phạm\x02 Thị Thu"),
        "people-0-birth_date": "1985-03-09",
        "people-0-position": _nfd("Bí thư\x7f Chi đoàn"),
    }
    response = reporter_a_client.post(reverse("emulation:proposal_create"), data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.title == "Đề nghị Giấy khen"
    assert ProposalItem.objects.get(unit=unit_a).achievement == "Dòng một\nDòng hai"
    person = Person.objects.get()
    assert (person.full_name, person.position) == (NAME, "Bí thư Chi đoàn")


def test_a_person_proposed_through_the_api_in_nfd_is_the_person_already_known(reporter_a_client, unit_a, catalogue):
    known = services.person_create(full_name=NAME, unit=unit_a, birth_date=BORN)
    body = {
        "unit": unit_a.pk,
        "year": 2020,
        "title": _nfd("Đề nghị\x0b Giấy khen"),
        "form": catalogue["forms"]["GK"].code,
        "people": [{"full_name": _nfd("Phạm Thị\x01 Thu"), "birth_date": "1985-03-09", "achievement": "A\r\nB"}],
    }
    response = reporter_a_client.post(reverse("emulation_api:proposals"), body, content_type="application/json")
    assert response.status_code == 201, response.content
    item = ProposalItem.objects.get()
    assert item.person == known and item.achievement == "A\nB"
    assert Proposal.objects.get().title == "Đề nghị Giấy khen"


def test_an_organisation_typed_again_in_nfd_and_other_case_is_refused_as_the_same(db):
    services.organisation_create(name="Hội Doanh nghiệp trẻ")
    with pytest.raises(ValidationError) as error:
        services.organisation_create(name=_nfd("  HỘI doanh\x01 nghiệp  TRẺ "))
    assert "name" in error.value.message_dict
    assert Organisation.objects.count() == 1


def test_the_data_migration_cleans_names_and_merges_the_people_it_had_split(unit_a, catalogue):
    first = services.person_create(full_name=NAME, unit=unit_a, birth_date=BORN, position="Bí thư")
    # Stored before the door was shut: NFD with a control character, another person row.
    second = Person.objects.create(full_name=_nfd(f"{NAME}\x01"), unit=unit_a, birth_date=BORN, gender="female")
    for person, year in ((first, 2019), (second, 2020)):
        services.decision_create(
            actor=None,
            data=decision_input(catalogue, number=year, year=year),
            items=[services.ItemInput(form=catalogue["forms"]["GK"], person=person)],
        )
    Person.objects.filter(pk=second.pk).update(full_name=_nfd(f"{NAME}\x01"), name_key="")
    migration = importlib.import_module("khoi.emulation.migrations.0004_clean_stored_text")
    migration.clean(apps, None)
    person = Person.objects.get()
    assert (person.pk, person.full_name, person.gender, person.name_key) == (first.pk, NAME, "female", "phạm thị thu")
    assert sorted(Award.objects.filter(person=person).values_list("year", flat=True)) == [2019, 2020]


def test_the_data_migration_leaves_apart_two_people_with_the_same_award_in_one_year(unit_a, catalogue, capsys):
    first = services.person_create(full_name=NAME, unit=unit_a, birth_date=BORN)
    second = Person.objects.create(full_name=_nfd(NAME), unit=unit_a, birth_date=BORN)
    for number, person in ((1, first), (2, second)):
        services.decision_create(
            actor=None,
            data=decision_input(catalogue, number=number),
            items=[services.ItemInput(form=catalogue["forms"]["GK"], person=person)],
        )
    migration = importlib.import_module("khoi.emulation.migrations.0004_clean_stored_text")
    migration.clean(apps, None)
    assert Person.objects.count() == 2
    assert f"#{first.pk} and #{second.pk}" in capsys.readouterr().out


def test_an_organisation_whose_clean_name_would_repeat_another_is_left_as_it_was(db, capsys):
    Organisation.objects.create(name="Hội Doanh nghiệp")
    twin = Organisation.objects.create(name=_nfd("Hội Doanh nghiệp\x01"))
    migration = importlib.import_module("khoi.emulation.migrations.0004_clean_stored_text")
    migration.clean(apps, None)
    twin.refresh_from_db()
    assert twin.name == _nfd("Hội Doanh nghiệp\x01")
    assert f"emulation.Organisation #{twin.pk}: name" in capsys.readouterr().out
