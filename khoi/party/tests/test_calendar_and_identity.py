"""The pure rules: months and working days on calendar edges, identity numbers, the quota."""

import datetime as dt
from decimal import Decimal

import pytest

from khoi.party import rules


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2021, 1, 31), 12, dt.date(2022, 1, 31)),
        (dt.date(2021, 1, 31), 1, dt.date(2021, 2, 28)),
        (dt.date(2020, 1, 31), 1, dt.date(2020, 2, 29)),
        (dt.date(2020, 2, 29), 12, dt.date(2021, 2, 28)),
        (dt.date(2020, 2, 29), 48, dt.date(2024, 2, 29)),
        (dt.date(2020, 12, 15), 12, dt.date(2021, 12, 15)),
        (dt.date(2021, 3, 31), -1, dt.date(2021, 2, 28)),
    ],
)
def test_months_keep_the_day_or_take_the_months_last(start, months, expected):
    assert rules.add_months(start, months) == expected


def test_working_days_skip_weekends():
    friday = dt.date(2021, 1, 29)
    assert rules.add_working_days(friday, 1) == dt.date(2021, 2, 1)  # Monday
    assert rules.add_working_days(friday, 5) == dt.date(2021, 2, 5)
    # 30 working days = 6 weeks from a Friday
    assert rules.add_working_days(friday, 30) == dt.date(2021, 3, 12)
    saturday = dt.date(2021, 1, 30)
    assert rules.add_working_days(saturday, 1) == dt.date(2021, 2, 1)


@pytest.mark.parametrize(
    ("number", "birth", "problem"),
    [
        ("031095012345", dt.date(1995, 5, 17), None),
        ("031295012345", dt.date(1995, 5, 17), "birth_year"),  # "2" = born in the 2000s
        ("031205012345", dt.date(2005, 5, 17), None),
        ("31095012345", dt.date(1995, 5, 17), "format"),
        ("03109501234a", dt.date(1995, 5, 17), "format"),
        ("０３１０９５０１２３４５", dt.date(1995, 5, 17), "format"),  # full-width digits
        ("000095012345", dt.date(1995, 5, 17), "province"),
        ("097095012345", dt.date(1995, 5, 17), "province"),
        ("031094012345", dt.date(1995, 5, 17), "birth_year"),
    ],
)
def test_identity_numbers(number, birth, problem):
    found = rules.identity_problem(number, birth)
    assert (found.message_key if found else None) == problem


def test_excellent_quota_counts_those_rated_good_or_excellent():
    # 2 excellent + 8 good: 20% of 10 = 2 allowed
    assert rules.excellent_allowed({"excellent": 2, "good": 8}, Decimal(20)) == 2
    # 3 excellent + 11 good: 20% of 14 = 2.8 -> 2
    assert rules.excellent_allowed({"excellent": 3, "good": 11}, Decimal(20)) == 2
    assert rules.excellent_allowed({"completed": 5}, Decimal(20)) == 0
