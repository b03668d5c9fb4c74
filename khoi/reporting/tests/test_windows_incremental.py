"""The incremental window store (windows.py) against the full recomputation (aggregation.py).

A random history of forms goes through the real services — values saved, submitted, approved
one by one or in bulk, returned, edited again, re-submitted, unlocked — over months, quarters,
half-years, nine months and years of two years, flow and stock indicators, two units; after every
step the stored windows must equal what ``aggregation.window_values`` computes from every counted
value in the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khoi.reporting import services
from khoi.reporting.aggregation import StoredValue, window_values
from khoi.reporting.models import (
    FormIndicator,
    Indicator,
    IndicatorValue,
    ReportForm,
    ReportingRound,
    Submission,
    SubmissionStatus,
    TimeAggregation,
    WindowValue,
)
from khoi.reporting.periods import Period
from khoi.reporting.windows import CONTAINMENT
from khoi.reporting.windows import windows_refresh_for_submissions as refresh

pytestmark = pytest.mark.django_db

YEARS = (2020, 2021)
CODES = ("flow_a", "flow_b", "stock_a")
PERIODS = [
    str(period)
    for year in YEARS
    for period in (
        *(Period(year, "M", m) for m in range(1, 13)),
        *(Period(year, "Q", q) for q in range(1, 5)),
        Period(year, "H1"),
        Period(year, "9M"),
        Period(year, "Y"),
    )
]
# The round periods of the quarterly and monthly forms (their values are the quarters or months).
SPLIT_PERIODS = [code for code in PERIODS if code[5:] in ("Q1", "Q2", "Q3", "Q4", "H1", "9M", "Y")]


@pytest.fixture
def setting(bloc, unit_a, unit_b, staff_user):
    indicators = [
        Indicator.objects.create(code="flow_a", name="Doanh thu", time_aggregation=TimeAggregation.FLOW),
        Indicator.objects.create(code="flow_b", name="Nộp ngân sách", time_aggregation=TimeAggregation.FLOW),
        Indicator.objects.create(code="stock_a", name="Số lao động", time_aggregation=TimeAggregation.STOCK),
    ]
    forms = [
        ReportForm.objects.create(code="theo-ky", name="Theo kỳ", frequency=ReportForm.Frequency.WINDOW),
        ReportForm.objects.create(code="theo-quy", name="Theo quý", frequency=ReportForm.Frequency.QUARTER),
        ReportForm.objects.create(code="theo-thang", name="Theo tháng", frequency=ReportForm.Frequency.MONTH),
    ]
    for form in forms:
        FormIndicator.objects.bulk_create(
            [FormIndicator(form=form, indicator=i, order=n, required=False) for n, i in enumerate(indicators)]
        )
    return {"units": [unit_a, unit_b], "forms": forms, "staff": staff_user}


def reference() -> dict[tuple[int, int, str], tuple[Decimal | None, Decimal | None]]:
    """The full recomputation, from every counted value (as services.window_values_refresh)."""
    stock_ids = set(Indicator.objects.filter(time_aggregation=TimeAggregation.STOCK).values_list("id", flat=True))
    grouped: dict[tuple[int, int], list[StoredValue]] = {}
    for unit_id, indicator_id, code, value, status in IndicatorValue.objects.filter(
        submission__status__in=[SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED]
    ).values_list("unit_id", "indicator_id", "period_code", "value", "submission__status"):
        period = Period.parse(code)
        grouped.setdefault((unit_id, period.year), []).append(
            StoredValue(indicator_id, period, value, status == SubmissionStatus.APPROVED)
        )
    expected = {}
    for (unit_id, year), stored in grouped.items():
        for (indicator_id, code), pair in window_values(stored, stock_indicator_ids=stock_ids, year=year).items():
            expected[(unit_id, indicator_id, code)] = pair
    return expected


def stored() -> dict[tuple[int, int, str], tuple[Decimal | None, Decimal | None]]:
    rows = {}
    for row in WindowValue.objects.all():
        assert row.year == int(row.window_code[:4])
        rows[(row.unit_id, row.indicator_id, row.window_code)] = (row.approved_value, row.submitted_value)
    return rows


amounts = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10**6).map(Decimal),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
)
steps = st.lists(
    st.tuples(
        st.sampled_from(["save", "save_submit", "submit", "approve", "bulk_approve", "return", "unlock"]),
        st.integers(min_value=0, max_value=1),  # unit
        st.integers(min_value=0, max_value=2),  # form: by period, by quarter, by month
        st.integers(min_value=0, max_value=len(PERIODS) - 1),
        st.dictionaries(st.sampled_from(CODES), amounts, max_size=3),
    ),
    min_size=1,
    max_size=20,
)


def _submission(setting, unit_index: int, form_index: int, period_index: int) -> Submission:
    form = setting["forms"][form_index]
    code = PERIODS[period_index] if form_index == 0 else SPLIT_PERIODS[period_index % len(SPLIT_PERIODS)]
    if form.frequency == ReportForm.Frequency.MONTH and code.endswith("Y"):
        code = code[:5] + "Q4"  # keep a monthly form's submission small
    reporting_round = ReportingRound.objects.filter(form=form, period_code=code).first()
    if reporting_round is None:
        units = setting["units"]
        reporting_round = services.round_open(
            form=form, period_code=code, deadline=dt.date(2030, 1, 1), actor=None, unit_ids=[u.pk for u in units]
        )
    return Submission.objects.get(reporting_round=reporting_round, unit=setting["units"][unit_index])


def _values(submission: Submission, amounts: dict[str, Decimal | None]) -> dict[str, object]:
    period = Period.parse(submission.reporting_round.period_code)
    periods = services.value_periods(form=submission.reporting_round.form, period=period)
    return {
        services.field_name(code, str(p)): ("" if amount is None else amount + index)
        for code, amount in amounts.items()
        for index, p in enumerate(periods)
    }


def _play(setting, action: str, unit: int, form: int, period: int, amounts: dict) -> None:
    staff = setting["staff"]
    if action.startswith("save"):
        submission = _submission(setting, unit, form, period)
    else:
        # Any form already opened (so that nearly every step changes something).
        existing = list(Submission.objects.order_by("pk"))
        if not existing:
            return
        submission = existing[period % len(existing)]
    status = submission.status
    if action.startswith("save") and submission.is_editable:
        services.submission_save_values(
            submission=submission, actor=staff, values=_values(submission, amounts), expected_version=None
        )
        if action == "save_submit":
            services.submission_submit(submission=submission, actor=staff)
    elif action == "submit" and submission.is_editable:
        services.submission_submit(submission=submission, actor=staff)
    elif action == "approve" and status == SubmissionStatus.SUBMITTED:
        services.submission_approve(submission=submission, actor=staff)
    elif action == "bulk_approve":
        waiting = list(Submission.objects.filter(status=SubmissionStatus.SUBMITTED).values_list("pk", flat=True))
        if waiting:
            services.submission_bulk_approve(submission_ids=waiting, actor=staff)
    elif action == "return" and status == SubmissionStatus.SUBMITTED:
        services.submission_return(submission=submission, actor=staff, comment="Xem lại số liệu.")
    elif action == "unlock" and status == SubmissionStatus.APPROVED:
        services.submission_unlock(submission=submission, actor=staff, comment="Mở khóa để sửa.")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=steps)
def test_incremental_windows_equal_a_full_recomputation_after_every_step(setting, history):
    with transaction.atomic():
        for step in history:
            try:
                with transaction.atomic():
                    _play(setting, *step)
            except ValidationError:
                pass  # e.g. a value already recorded by another form: nothing was written
            assert stored() == reference(), step
        transaction.set_rollback(True)


def test_a_returned_and_corrected_form_replaces_its_windows(setting):
    staff = setting["staff"]
    submission = _submission(setting, 0, 2, SPLIT_PERIODS.index("2021-Q1"))
    services.submission_save_values(
        submission=submission,
        actor=staff,
        values=_values(submission, {"flow_a": Decimal(10), "stock_a": Decimal(5)}),
        expected_version=None,
    )
    services.submission_submit(submission=submission, actor=staff)
    services.submission_approve(submission=submission, actor=staff)
    unit = setting["units"][0]
    flow_a = Indicator.objects.get(code="flow_a")
    quarter = WindowValue.objects.get(unit=unit, indicator=flow_a, window_code="2021-Q1")
    assert (quarter.approved_value, quarter.submitted_value) == (Decimal(33), Decimal(33))  # 10 + 11 + 12
    services.submission_unlock(submission=submission, actor=staff, comment="Sửa tháng 3.")
    assert not WindowValue.objects.filter(unit=unit, indicator=flow_a, window_code="2021-Q1").exists()
    services.submission_save_values(
        submission=submission,
        actor=staff,
        values={services.field_name("flow_a", "2021-03"): ""},
        expected_version=None,
    )
    services.submission_submit(submission=submission, actor=staff)
    # Two months of three: no quarter value either way, the months themselves still there.
    assert not WindowValue.objects.filter(unit=unit, indicator=flow_a, window_code="2021-Q1").exists()
    month = WindowValue.objects.get(unit=unit, indicator=flow_a, window_code="2021-02")
    assert (month.approved_value, month.submitted_value) == (None, Decimal(11))
    assert stored() == reference()


def test_the_refresh_is_a_fixed_number_of_statements_whatever_the_number_of_forms(setting):
    staff = setting["staff"]
    submissions = []
    for period in ("2021-Q1", "2021-Q2", "2021-Q3", "2020-Q4"):
        for unit in (0, 1):
            submission = _submission(setting, unit, 2, SPLIT_PERIODS.index(period))
            services.submission_save_values(
                submission=submission,
                actor=staff,
                values=_values(submission, {"flow_a": Decimal(1), "flow_b": Decimal(2), "stock_a": Decimal(3)}),
                expected_version=None,
            )
            services.submission_submit(submission=submission, actor=staff)
            submissions.append(submission.pk)
    with CaptureQueriesContext(connection) as one:
        refresh(submission_ids=submissions[:1])
    with CaptureQueriesContext(connection) as all_of_them:
        refresh(submission_ids=submissions)
    assert len(one.captured_queries) == len(all_of_them.captured_queries)
    window_statements = [q for q in all_of_them.captured_queries if WindowValue._meta.db_table in q["sql"]]
    assert len(window_statements) == 3  # one DELETE, one INSERT per indicator kind
    assert stored() == reference()


def test_the_containment_relation_lists_each_period_in_its_windows():
    rows = {(window, part): (months, at_end) for window, part, months, at_end, _w in CONTAINMENT}
    assert rows[("Q1", "03")] == (1, 1)
    assert rows[("H1", "Q1")] == (3, 0)
    assert rows[("9M", "H1")] == (6, 0)
    assert rows[("Y", "Y")] == (12, 1)
    assert ("Q2", "03") not in rows
    assert ("H1", "9M") not in rows
    # Twelve months, four quarters, H1, 9M and the year each lie in their own window and the year.
    assert len([1 for window, *_ in CONTAINMENT if window == "Y"]) == 19
