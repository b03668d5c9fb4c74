"""Memoranda, their follow-up, and the inter-use figure computed from the records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from khoi.marketplace import selectors, services
from khoi.marketplace.models import MouStatus
from khoi.marketplace.tests.conftest import category
from khoi.units.tests.factories import make_unit


def test_the_status_moves_forward_and_never_back(enterprise_in, enterprise_b):
    mou = services.mou_create(
        actor=None, provider=enterprise_b, customer=enterprise_in, subject="Kho lạnh",
        category=category("kho-bai"), signed_on=dt.date(2024, 7, 10),
    )  # fmt: skip
    services.mou_record_status(actor=None, mou=mou, status=MouStatus.CONTRACTED, on_date=dt.date(2024, 9, 1))
    with pytest.raises(ValidationError) as error:
        services.mou_record_status(actor=None, mou=mou, status=MouStatus.SIGNED, on_date=dt.date(2024, 10, 1))
    assert "Không thể quay lại" in str(error.value)
    with pytest.raises(ValidationError):
        services.mou_record_status(actor=None, mou=mou, status=MouStatus.IN_USE, on_date=dt.date(2024, 8, 1))
    assert [r.status for r in mou.records.order_by("on_date")] == ["signed", "contracted"]


def test_a_memorandum_needs_two_parties(enterprise_in):
    with pytest.raises(ValidationError):
        services.mou_create(
            actor=None, provider=enterprise_in, customer=enterprise_in, subject="X",
            category=category("kho-bai"), signed_on=dt.date(2024, 7, 10),
        )  # fmt: skip


def test_the_figure_counts_units_using_other_units_and_can_leave_out_essential_services(
    bloc, enterprise_in, enterprise_b
):
    third = services.enterprise_for_unit(unit=make_unit(bloc))
    water = services.mou_create(
        actor=None, provider=enterprise_b, customer=third, subject="Nước sạch",
        category=category("nuoc-sach"), signed_on=dt.date(2020, 1, 1),
    )  # fmt: skip
    services.mou_record_status(actor=None, mou=water, status=MouStatus.IN_USE, on_date=dt.date(2020, 2, 1))
    cold = services.mou_create(
        actor=None, provider=enterprise_b, customer=enterprise_in, subject="Kho lạnh",
        category=category("kho-bai"), signed_on=dt.date(2022, 7, 1),
    )  # fmt: skip
    services.mou_record_status(actor=None, mou=cold, status=MouStatus.IN_USE, on_date=dt.date(2023, 1, 1))
    assert selectors.inter_use_count(on_date=dt.date(2021, 1, 1)) == 0
    assert selectors.inter_use_count(on_date=dt.date(2021, 1, 1), exclude_essential=False) == 1
    assert selectors.inter_use_count(on_date=dt.date(2024, 1, 1)) == 1
    services.mou_record_status(actor=None, mou=cold, status=MouStatus.STOPPED, on_date=dt.date(2024, 3, 1))
    assert selectors.inter_use_count(on_date=dt.date(2024, 6, 1)) == 0
    figure = selectors.inter_use_figure(
        baseline=dt.date(2021, 1, 1), on_date=dt.date(2024, 6, 1), exclude_essential=False
    )
    assert (figure["baseline_count"], figure["count"], figure["change"]) == (1, 1, "bằng cùng kỳ")
