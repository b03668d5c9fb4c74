"""The overview kept in the cache under a stamp of its data (khoi.core.data_stamp): served from the
cache while nothing it counts changes, made anew as soon as something does, never from data that
was rolled back. With committed transactions, on SQLite and on PostgreSQL (where the stamp is
rewritten at the commit)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from khoi.core.data_stamp import Stamp, stamp_value
from khoi.reporting import selectors, services
from khoi.reporting.models import Indicator, Plan, Submission
from khoi.reporting.periods import Period
from khoi.reporting.tests.test_workflow import complete_values

pytestmark = pytest.mark.django_db(transaction=True)
PERIOD = Period(2021, "H1")


def submitted(submission: Submission, reporter, revenue: str) -> Submission:
    services.submission_save_values(
        submission=submission, actor=reporter, values=complete_values(revenue=revenue), expected_version=None
    )
    return services.submission_submit(submission=submission, actor=reporter)


def revenue(*, include_submitted: bool = False) -> Decimal | None:
    figures = selectors.bloc_overview(period=PERIOD, include_submitted=include_submitted)
    return next(f.value for f in figures if f.indicator_code == "revenue")


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries.captured_queries)


def stamps() -> tuple[int | None, int | None]:
    return stamp_value(stamp=Stamp.APPROVED), stamp_value(stamp=Stamp.SUBMITTED)


def test_a_draft_leaves_both_stamps_a_submit_changes_only_the_submitted_one_an_approval_both(
    submission_a, reporter_a, staff_user
):
    approved, with_submitted = stamps()
    assert approved is not None and with_submitted is not None  # the catalogue's install stamped them

    services.submission_save_values(
        submission=submission_a, actor=reporter_a, values=complete_values(revenue="10"), expected_version=None
    )
    assert stamps() == (approved, with_submitted)

    services.submission_submit(submission=submission_a, actor=reporter_a)
    assert stamp_value(stamp=Stamp.APPROVED) == approved
    assert stamp_value(stamp=Stamp.SUBMITTED) != with_submitted

    before = stamps()
    services.submission_approve(submission=Submission.objects.get(pk=submission_a.pk), actor=staff_user)
    after = stamps()
    assert after[0] != before[0] and after[1] != before[1]

    services.submission_unlock(
        submission=Submission.objects.get(pk=submission_a.pk), actor=staff_user, comment="Sửa số liệu"
    )
    assert stamps()[0] != after[0]


def test_the_overview_comes_from_the_cache_until_a_form_it_counts_changes(
    submission_a, submission_b, reporter_a, reporter_b, staff_user
):
    services.submission_approve(submission=submitted(submission_a, reporter_a, "1.000"), actor=staff_user)
    assert revenue() == Decimal("1000")
    assert queries_of(revenue) == 1  # the stamp; the figures come from the cache

    submission_b = submitted(submission_b, reporter_b, "500")
    assert queries_of(revenue) == 1  # a submit changes no approved figure
    assert revenue() == Decimal("1000")
    assert revenue(include_submitted=True) == Decimal("1500")  # made anew: it counts submitted forms

    services.submission_approve(submission=submission_b, actor=staff_user)
    assert queries_of(revenue) > 1
    assert revenue() == Decimal("1500")


def test_a_plan_or_a_register_change_makes_the_overview_anew(submission_a, reporter_a, staff_user, unit_a):
    services.submission_approve(submission=submitted(submission_a, reporter_a, "1.000"), actor=staff_user)
    revenue()
    approved = stamp_value(stamp=Stamp.APPROVED)

    Plan.objects.create(unit=unit_a, indicator=Indicator.objects.get(code="revenue"), year=2021, value=5)
    assert stamp_value(stamp=Stamp.APPROVED) != approved
    assert queries_of(revenue) > 1

    approved = stamp_value(stamp=Stamp.APPROVED)
    unit_a.left_on = dt.date(2021, 6, 30)  # not in the bloc at the period's end
    unit_a.save()
    assert stamp_value(stamp=Stamp.APPROVED) != approved
    assert revenue() is None


def test_figures_changed_in_a_transaction_that_is_rolled_back_are_never_served(
    submission_a, submission_b, reporter_a, reporter_b, staff_user
):
    services.submission_approve(submission=submitted(submission_a, reporter_a, "1.000"), actor=staff_user)
    submission_b = submitted(submission_b, reporter_b, "500")
    assert revenue() == Decimal("1000")

    with transaction.atomic():
        services.submission_approve(submission=submission_b, actor=staff_user)
        assert revenue() == Decimal("1500")  # its own change, seen inside the transaction
        transaction.set_rollback(True)

    assert revenue() == Decimal("1000")
    assert Submission.objects.get(pk=submission_b.pk).status == "submitted"
