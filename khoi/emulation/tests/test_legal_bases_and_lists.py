"""Decisions cite the law in force on the day they are signed; certificates are Vietnamese and
dated as Party documents are; lists read newest first; nothing typed in a proposal is dropped."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from khoi.emulation import documents, selectors, services
from khoi.units.tests.factories import make_unit

from .factories import decision_input

pytestmark = pytest.mark.django_db


def _bases(decision):
    text = [p.text for p in Document(io.BytesIO(documents.decision_docx(decision=decision))).paragraphs]
    return [line for line in text if line.startswith("Căn cứ Luật")]


def test_a_decision_of_january_2022_cites_the_2003_law_and_one_of_2024_the_2022_law(unit_a, catalogue):
    items = [services.ItemInput(form=catalogue["forms"]["GK"], unit=unit_a)]
    old = services.decision_create(
        actor=None, data=decision_input(catalogue, number=3, signed_on=dt.date(2022, 1, 20)), items=items
    )
    assert _bases(old) == [
        "Căn cứ Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và năm 2013 và các văn bản hướng "
        "dẫn thi hành;"
    ]
    new = services.decision_create(
        actor=None,
        data=decision_input(catalogue, number=4, year=2023, signed_on=dt.date(2024, 1, 1)),
        items=[services.ItemInput(form=catalogue["forms"]["GK"], unit=unit_a)],
    )
    assert _bases(new) == [
        "Căn cứ Luật Thi đua, khen thưởng năm 2022 (Luật số 06/2022/QH15) và các văn bản hướng dẫn thi hành;"
    ]


def test_certificates_are_vietnamese_and_dated_with_leading_zeros_under_an_english_interface(
    unit_a, catalogue, staff_client
):
    decision = services.decision_create(
        actor=None,
        data=decision_input(catalogue, number=7, signed_on=dt.date(2022, 1, 20)),
        items=[services.ItemInput(form=catalogue["forms"]["GK"], unit=unit_a)],
    )
    staff_client.cookies["django_language"] = "en"
    page = staff_client.get(reverse("emulation:certificates", args=[decision.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Print" in text  # the interface around the certificates is English
    assert "ngày 20 tháng 01 năm 2022" in text
    assert "awards this to" not in text and "day 20 month 1" not in text


def test_the_latest_decisions_come_newest_first_by_the_date_signed(bloc, unit_a, unit_b, catalogue):
    third = make_unit(bloc, name="Chi bộ Công ty Cổ phần Thương mại Lê Chân")
    for number, unit, day in (
        (1, unit_a, dt.date(2021, 12, 1)),
        (2, unit_b, dt.date(2021, 3, 1)),
        (3, third, dt.date(2021, 6, 1)),
    ):
        services.decision_create(
            actor=None,
            data=decision_input(catalogue, number=number, signed_on=day),
            items=[services.ItemInput(form=catalogue["forms"]["GK"], unit=unit)],
        )
    assert [d.number for d in selectors.decision_list()] == [1, 3, 2]


def test_typed_unit_achievements_without_the_box_ticked_are_refused_not_dropped(unit_a, catalogue):
    with pytest.raises(ValidationError) as error:
        services.proposal_create_for_unit(
            actor=None,
            unit=unit_a,
            year=2021,
            title="Đề nghị",
            form=catalogue["forms"]["GK"],
            include_unit=False,
            unit_achievement="Hoàn thành xuất sắc nhiệm vụ",
        )
    assert "include_unit" in error.value.message_dict


def test_a_person_line_without_a_name_is_refused_not_dropped(unit_a, catalogue):
    with pytest.raises(ValidationError) as error:
        services.proposal_create_for_unit(
            actor=None,
            unit=unit_a,
            year=2021,
            title="Đề nghị",
            form=catalogue["forms"]["GK"],
            people=[services.PersonInput(full_name="  ", achievement="Lao động giỏi")],
        )
    assert "people" in error.value.message_dict


def test_the_proposal_form_lists_units_in_alphabetical_order_with_none_chosen(staff_client, unit_a, unit_b, catalogue):
    page = staff_client.get(reverse("emulation:proposal_create")).content.decode()
    assert '<option value="">' in page and " selected>" not in page.split('id="unit"')[1].split("</select>")[0]
    first, second = page.index(unit_b.name), page.index(unit_a.name)  # "Chi bộ …" before "Đảng bộ …"
    assert first < second
