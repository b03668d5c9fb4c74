"""The admission pipeline, probation and conversion: order, dates, deadlines, duplicates; bad
input is refused in Vietnamese and nothing is written."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from khoi.party import services
from khoi.party.models import AdmissionStep, Decision, Person, PersonStatus, Step
from khoi.party.services import StepInput

from .factories import admit, awareness_course, convert, make_person, step

pytestmark = pytest.mark.django_db


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_full_path_from_candidate_to_full_member(unit_a):
    person = admit(make_person(unit_a), dt.date(2020, 3, 2), ceremony=dt.date(2020, 3, 16))
    assert person.status == PersonStatus.PROBATIONARY
    assert person.probation_ends_on == dt.date(2021, 3, 16)
    person = convert(person, dt.date(2021, 3, 20))
    assert person.status == PersonStatus.FULL
    assert person.full_member_on == dt.date(2021, 3, 16)
    assert person.steps.count() == len(Step)


def test_probation_from_29_february_ends_on_28_february(unit_a):
    person = admit(make_person(unit_a), dt.date(2020, 2, 20), ceremony=dt.date(2020, 2, 29))
    assert person.probation_ends_on == dt.date(2021, 2, 28)
    with pytest.raises(ValidationError):
        convert(person, dt.date(2021, 2, 27))
    assert convert(person, dt.date(2021, 2, 28)).status == PersonStatus.FULL


def test_probation_from_31_january(unit_a):
    person = admit(make_person(unit_a), dt.date(2021, 1, 25), ceremony=dt.date(2021, 1, 31))
    assert person.probation_ends_on == dt.date(2022, 1, 31)


def test_conversion_before_twelve_months_is_refused_and_nothing_written(unit_a):
    person = admit(make_person(unit_a), dt.date(2020, 3, 2), ceremony=dt.date(2020, 3, 16))
    from .factories import new_member_course

    course = new_member_course(2020)
    step(person, Step.NEW_MEMBER_COURSE, dt.date(2020, 4, 1), course=course)
    with pytest.raises(ValidationError) as caught:
        step(person, Step.CONVERSION_VOTE, dt.date(2021, 3, 15), votes_for=5, votes_total=6)
    assert "12 tháng" in _message(caught.value) or "mười hai tháng" in _message(caught.value)
    assert not person.steps.filter(step=Step.CONVERSION_VOTE).exists()


def test_a_step_out_of_order_is_refused(unit_a):
    person = make_person(unit_a)
    with pytest.raises(ValidationError) as caught:
        step(person, Step.CELL_VOTE, dt.date(2020, 5, 1), votes_for=5, votes_total=6)
    assert "trước" in _message(caught.value)
    assert AdmissionStep.objects.count() == 0


def test_a_date_before_the_previous_step_is_refused(unit_a):
    person = make_person(unit_a)
    course = awareness_course(2020)
    step(person, Step.COURSE, dt.date(2020, 2, 1), course=course)
    with pytest.raises(ValidationError) as caught:
        step(person, Step.APPLICATION, dt.date(2020, 1, 31), introducers=("Trần Văn Bình", "Lê Thị Cúc"))
    assert "01/02/2020" in _message(caught.value)
    assert person.steps.count() == 1


def test_an_application_needs_two_different_introducers(unit_a):
    person = make_person(unit_a)
    step(person, Step.COURSE, dt.date(2020, 2, 1), course=awareness_course(2020))
    with pytest.raises(ValidationError):
        step(person, Step.APPLICATION, dt.date(2020, 3, 1), introducers=("Trần Văn Bình", "trần  văn bình"))
    assert person.steps.count() == 1


def test_the_ceremony_deadline_is_30_working_days_unless_agreed_late(unit_a):
    person = make_person(unit_a)
    decided = dt.date(2021, 1, 29)  # a Friday: 30 working days later is 12 March 2021
    for kind, on, extra in (
        (Step.COURSE, dt.date(2020, 2, 1), {"course": awareness_course(2020)}),
        (Step.APPLICATION, dt.date(2020, 11, 1), {"introducers": ("Trần Văn Bình", "Lê Thị Cúc")}),
        (Step.CELL_VOTE, dt.date(2020, 12, 1), {"votes_for": 5, "votes_total": 6}),
        (Step.BASE_PROPOSAL, dt.date(2021, 1, 4), {}),
        (Step.DECISION, decided, {"decision_number": "12-QĐ/ĐUK"}),
    ):
        step(person, kind, on, **extra)
    with pytest.raises(ValidationError) as caught:
        step(person, Step.CEREMONY, dt.date(2021, 3, 15))
    assert "12/03/2021" in _message(caught.value)
    assert "29-QĐ/TW" in _message(caught.value)
    person.refresh_from_db()
    assert person.status == PersonStatus.CANDIDATE
    step(person, Step.CEREMONY, dt.date(2021, 3, 12))
    person.refresh_from_db()
    assert person.status == PersonStatus.PROBATIONARY


def test_a_late_ceremony_with_the_higher_committees_agreement(unit_a):
    person = make_person(unit_a)
    person = admit(person, dt.date(2021, 1, 29), ceremony=dt.date(2021, 1, 30))
    other = make_person(unit_a, "Phạm Thị Dung", dt.date(1996, 1, 1), gender="female")
    from .factories import _numbers

    for kind, on, extra in (
        (Step.COURSE, dt.date(2020, 2, 1), {"course": awareness_course(2020)}),
        (Step.APPLICATION, dt.date(2020, 11, 1), {"introducers": ("Trần Văn Bình", "Lê Thị Cúc")}),
        (Step.CELL_VOTE, dt.date(2020, 12, 1), {"votes_for": 5, "votes_total": 6}),
        (Step.BASE_PROPOSAL, dt.date(2021, 1, 4), {}),
        (Step.DECISION, dt.date(2021, 1, 29), {"decision_number": f"{next(_numbers)}-QĐ/ĐUK"}),
        (Step.CEREMONY, dt.date(2021, 4, 1), {"late_approved": True}),
    ):
        step(other, kind, on, **extra)
    other.refresh_from_db()
    assert other.admitted_on == dt.date(2021, 4, 1)


def test_a_decision_number_used_twice_in_a_year_is_refused(unit_a):
    first = admit(make_person(unit_a, "Nguyễn Văn An"), dt.date(2021, 3, 1))
    number = first.steps.get(step=Step.DECISION).decision.number
    person = make_person(unit_a, "Đỗ Thị Bé", dt.date(1997, 2, 3), gender="female")
    step(person, Step.COURSE, dt.date(2020, 2, 1), course=awareness_course(2020))
    step(person, Step.APPLICATION, dt.date(2021, 1, 1), introducers=("Trần Văn Bình", "Lê Thị Cúc"))
    step(person, Step.CELL_VOTE, dt.date(2021, 1, 10), votes_for=5, votes_total=6)
    step(person, Step.BASE_PROPOSAL, dt.date(2021, 1, 20))
    before = Decision.objects.count()
    with pytest.raises(ValidationError) as caught:
        step(person, Step.DECISION, dt.date(2021, 5, 5), decision_number=number.lower().replace("-", " - "))
    assert "đã được dùng" in _message(caught.value)
    assert Decision.objects.count() == before
    assert not person.steps.filter(step=Step.DECISION).exists()
    # The same number in another year is another decision.
    step(person, Step.DECISION, dt.date(2022, 1, 5), decision_number=number)


def test_the_same_person_twice_in_an_organisation_nfc_or_nfd(unit_a, unit_b):
    make_person(unit_a, "Nguyễn Thị Hồng Nhung", dt.date(1990, 4, 2), gender="female")
    decomposed = unicodedata.normalize("NFD", "nguyễn  thị hồng NHUNG")
    with pytest.raises(ValidationError) as caught:
        make_person(unit_a, decomposed, dt.date(1990, 4, 2), gender="female")
    assert "đã có" in _message(caught.value)
    assert Person.objects.count() == 1
    make_person(unit_b, decomposed, dt.date(1990, 4, 2), gender="female")  # another organisation
    make_person(unit_a, decomposed, dt.date(1991, 4, 2), gender="female")  # another birth date
    assert Person.objects.filter(name_key="nguyễn thị hồng nhung").count() == 3


def test_names_are_stored_clean_and_nfc(unit_a):
    person = make_person(unit_a, unicodedata.normalize("NFD", "  Lê   Văn\tLễ "))
    assert person.full_name == "Lê Văn Lễ"
    assert unicodedata.is_normalized("NFC", person.full_name)


@pytest.mark.parametrize(
    ("number", "birth", "fragment"),
    [
        ("12345", dt.date(1995, 5, 17), "12 chữ số"),
        ("031295012345", dt.date(1995, 5, 17), "năm sinh"),
        ("099095012345", dt.date(1995, 5, 17), "mã tỉnh"),
    ],
)
def test_bad_identity_numbers_are_refused(unit_a, number, birth, fragment):
    with pytest.raises(ValidationError) as caught:
        make_person(unit_a, birth=birth, identity_number=number)
    assert fragment in _message(caught.value)
    assert Person.objects.count() == 0


def test_an_identity_number_belongs_to_one_person(unit_a, unit_b):
    make_person(unit_a, identity_number="031095012345")
    with pytest.raises(ValidationError):
        make_person(unit_b, "Trần Văn Cường", identity_number="031 095 012 345")


def test_a_candidate_under_18_or_born_in_the_future_is_refused(unit_a):
    for birth in (dt.date(2015, 1, 1), dt.date(2999, 1, 1), dt.date(1850, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            services.person_create(unit=unit_a, full_name="Vũ Văn Em", birth_date=birth, gender="male")
        assert "18" in _message(caught.value)
    assert Person.objects.count() == 0


def test_a_vote_without_a_majority_is_refused(unit_a):
    person = make_person(unit_a)
    step(person, Step.COURSE, dt.date(2020, 2, 1), course=awareness_course(2020))
    step(person, Step.APPLICATION, dt.date(2020, 3, 1), introducers=("Trần Văn Bình", "Lê Thị Cúc"))
    for votes_for, total in ((3, 6), (7, 6), (0, 0)):
        with pytest.raises(ValidationError):
            services.step_record(
                person=person,
                data=StepInput(
                    step=Step.CELL_VOTE, done_on=dt.date(2020, 4, 1), votes_for=votes_for, votes_total=total
                ),
                by=None,
            )
    assert person.steps.count() == 2


def test_a_candidate_cannot_be_recorded_in_a_bloc_level_unit(bloc):
    with pytest.raises(ValidationError):
        make_person(bloc)


def test_the_database_itself_refuses_what_the_services_refuse(unit_a):
    from django.db import IntegrityError, transaction

    person = make_person(unit_a)
    for bad in (
        {"step": Step.DECISION},  # a decision step without its decision
        {"step": Step.CELL_VOTE, "votes_for": 7, "votes_total": 6},
        {"step": Step.APPLICATION, "introducers": ""},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            AdmissionStep.objects.create(person=person, done_on=dt.date(2021, 1, 1), **bad)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(identity_number="12345")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(kind="admission", number="1-QĐ/ĐUK", number_key="1-QĐ/ĐUK", year=2021,
                                signed_on=dt.date(2021, 1, 1))  # fmt: skip
        Decision.objects.create(kind="conversion", number="1-QĐ/ĐUK", number_key="1-QĐ/ĐUK", year=2021,
                                signed_on=dt.date(2021, 5, 1))  # fmt: skip
