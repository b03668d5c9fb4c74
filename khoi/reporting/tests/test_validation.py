"""The validation service: posted values checked all at once, warnings explained on the first
submit, rule names shown to staff, and cross-period rules (a part of the year ≤ the year)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from khoi.reporting import round_services, services, validation
from khoi.reporting.models import Indicator, ReportForm, Submission, SubmissionStatus, ValidationRule
from khoi.reporting.periods import Period
from khoi.reporting.rules import RuleSyntaxError, parse_rule
from khoi.reporting.tests.factories import record
from khoi.reporting.tests.test_workflow import complete_values, v
from khoi.units.models import UnitGroup

PERIOD = "2021-H1"


@pytest.fixture
def reporting_round(bloc, unit_a, unit_b, staff_user):
    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    services.catalogue_install()
    form = ReportForm.objects.get(code="bao-cao-dinh-ky")
    return round_services.round_open(form=form, period_code=PERIOD, deadline=dt.date(2021, 7, 20), actor=staff_user)


@pytest.fixture
def submission_a(reporting_round, unit_a):
    return Submission.objects.get(reporting_round=reporting_round, unit=unit_a)


def open_round(period_code, staff_user):
    form = ReportForm.objects.get(code="bao-cao-dinh-ky")
    return round_services.round_open(
        form=form, period_code=period_code, deadline=Period.parse(period_code).end + dt.timedelta(20), actor=staff_user
    )


@pytest.mark.django_db
def test_every_problem_of_the_posted_values_comes_back_at_once(submission_a):
    values = complete_values(revenue="abc", female_workers="41")
    del values[v("exports")]
    report = validation.submission_validate(submission=submission_a, values=values)
    messages = " ".join(issue.message for issue in report.errors)
    assert "“abc” is not a number" in messages or "“abc” không phải là số" in messages
    assert v("exports") in {issue.field for issue in report.errors}  # a required value missing
    assert "lao động nữ cộng số lao động nam phải bằng tổng số lao động" in messages  # an error rule
    assert report.blocks_submission


@pytest.mark.django_db
def test_a_warning_on_the_posted_value_asks_for_its_explanation_on_the_first_submit(submission_a, unit_a):
    record(unit_a, Indicator.objects.get(code="revenue"), "2020-H1", "367.3")
    values = complete_values(revenue="900")  # never saved as a draft
    report = validation.submission_validate(submission=submission_a, values=values)
    assert not report.errors
    [warning] = report.warnings
    assert warning.field == "explanation-revenue-change-50"
    assert warning.rule_name == "Doanh thu thay đổi quá 50% so với cùng kỳ"
    explained = validation.submission_validate(
        submission=submission_a, values=values, explanations={"revenue-change-50": "Hợp đồng mới."}
    )
    assert not explained.blocks_submission and explained.explanations == {"revenue-change-50": "Hợp đồng mới."}


@pytest.mark.django_db
def test_the_form_page_shows_the_explanation_box_after_the_first_submit_and_keeps_the_typing(
    reporter_a_client, submission_a, unit_a, staff_client
):
    record(unit_a, Indicator.objects.get(code="revenue"), "2020-H1", "367.3")
    url = reverse("reporting:submission_detail", args=[submission_a.pk])
    data = {**complete_values(revenue="900"), "version": "0", "action": "submit"}
    page = reporter_a_client.post(url, data).content.decode()
    assert 'name="explanation-revenue-change-50"' in page
    assert 'value="900"' in page
    assert Submission.objects.get(pk=submission_a.pk).status == SubmissionStatus.DRAFT
    data["explanation-revenue-change-50"] = "Có hợp đồng mới với cảng Lạch Huyện."
    assert reporter_a_client.post(url, data).status_code == 302
    assert Submission.objects.get(pk=submission_a.pk).status == SubmissionStatus.SUBMITTED
    staff_page = staff_client.get(url).content.decode()
    assert "Doanh thu thay đổi quá 50% so với cùng kỳ" in staff_page
    assert "revenue-change-50" not in staff_page


@pytest.mark.django_db
def test_a_first_half_above_the_approved_year_is_refused_and_so_is_a_year_below_the_half(
    reporting_round, unit_a, staff_user, reporter_a
):
    budget = Indicator.objects.get(code="budget")
    record(unit_a, budget, "2021-Y", "0.6")
    submission = Submission.objects.get(reporting_round=reporting_round, unit=unit_a)
    report = validation.submission_validate(submission=submission, values=complete_values(budget="1,9"))
    [issue] = [i for i in report.errors if i.rule_code == "budget-within-year"]
    assert "6 tháng đầu năm 2021" in issue.message and "năm 2021" in issue.message
    with pytest.raises(ValidationError):
        services.submission_save_and_submit(
            submission=submission,
            actor=reporter_a,
            values=complete_values(budget="1,9"),
            explanations={},
            expected_version=None,
        )
    services.submission_save_and_submit(
        submission=submission,
        actor=reporter_a,
        values=complete_values(budget="0,5"),
        explanations={},
        expected_version=None,
    )


@pytest.mark.django_db
def test_a_year_below_its_approved_first_half_is_refused(bloc, unit_a, staff_user):
    services.catalogue_install()
    record(unit_a, Indicator.objects.get(code="budget"), "2022-H1", "1.9")
    year_round = open_round("2022-Y", staff_user)
    submission = Submission.objects.get(reporting_round=year_round, unit=unit_a)
    report = validation.submission_validate(
        submission=submission, values={v("budget").replace(PERIOD, "2022-Y"): "0,6"}
    )
    assert "budget-within-year" in {issue.rule_code for issue in report.errors}


def test_enclosing_is_a_cross_period_reference_and_cannot_mix_with_same_period():
    assert parse_rule("budget <= enclosing(budget)").is_cross_period
    assert not parse_rule("budget <= 2 * same_period(budget)").is_cross_period
    with pytest.raises(RuleSyntaxError):
        parse_rule("enclosing(budget) <= same_period(budget)")


@settings(max_examples=60, deadline=None)
@given(months=st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=12, max_size=12))
def test_monthly_flows_that_are_not_negative_always_keep_the_nested_windows_rule(months):
    rule = ValidationRule(code="r", name="r", expression="x <= enclosing(x)", severity="error", message="m")
    stored = [("x", Period(2021, "M", number), Decimal(value)) for number, value in enumerate(months, start=1)]
    table = validation.window_table(stored, stocks=set(), year=2021)
    assert set(table) >= {"2021-Q1", "2021-H1", "2021-9M", "2021-Y"}
    assert validation.evaluate_nested_rules([(rule, parse_rule(rule.expression))], table, year=2021) == []


def test_a_month_above_its_quarter_is_found():
    rule = ValidationRule(code="r", name="r", expression="x <= enclosing(x)", severity="error", message="m")
    table = {"2021-01": {"x": Decimal(5)}, "2021-Q1": {"x": Decimal(3)}, "2021-Y": {"x": Decimal(9)}}
    [result] = validation.evaluate_nested_rules([(rule, parse_rule(rule.expression))], table, year=2021)
    assert (result.period_code, result.enclosing_code) == ("2021-01", "2021-Q1")


@pytest.mark.django_db
def test_bulk_approve_with_nothing_selected_says_so_instead_of_a_success(staff_client, reporting_round):
    url = reverse("reporting:round_bulk_approve", args=[reporting_round.pk])
    page = staff_client.post(url, {}, follow=True).content.decode()
    assert "Chọn ít nhất một biểu mẫu đã gửi để duyệt." in page
    assert "0 biểu mẫu" not in page
    assert 'data-select-all="submission_ids"' in page


@pytest.mark.django_db
def test_staff_open_a_round_by_choosing_the_period_by_name(staff_client, reporting_round):
    year = timezone.localdate().year
    page = staff_client.get(reverse("reporting:round_create")).content.decode()
    assert f"6 tháng đầu năm {year}" in page and "- Chọn -" in page
    assert "Select an option" not in page and f">{year}-H1<" not in page
    form = ReportForm.objects.get(code="bao-cao-dinh-ky")
    response = staff_client.post(
        reverse("reporting:round_create"),
        {"form": form.pk, "period_code": f"{year}-Y", "deadline": f"{year + 1}-01-20"},
    )
    assert response.status_code == 302
    assert form.rounds.filter(period_code=f"{year}-Y").exists()


@pytest.mark.django_db
def test_the_change_history_names_periods_and_states_in_words(staff_client, submission_a, reporter_a):
    services.submission_save_values(
        submission=submission_a, actor=reporter_a, values={v("revenue"): "12"}, expected_version=None
    )
    page = staff_client.get(reverse("reporting:audit")).content.decode()
    assert "6 tháng đầu năm 2021" in page and "Đang nhập" in page
    assert ">2021-H1<" not in page and ">draft<" not in page


@pytest.mark.django_db
def test_the_overview_opens_on_the_latest_period_with_approved_figures(staff_client, unit_a, staff_user):
    services.catalogue_install()
    record(unit_a, Indicator.objects.get(code="revenue"), "2021-H1", 10)
    late = open_round("2024-H1", staff_user)
    Submission.objects.filter(reporting_round=late).update(status=SubmissionStatus.APPROVED)
    page = staff_client.get(reverse("reporting:overview")).content.decode()
    assert '<option value="2024-H1" selected>' in page


@pytest.mark.django_db
def test_under_english_the_form_shows_numbers_as_it_reads_them_so_a_resubmit_keeps_them(
    reporter_a_client, submission_a, reporter_a
):
    services.submission_save_values(
        submission=submission_a,
        actor=reporter_a,
        values=complete_values(wage_fund="10.442,04", worker_months="1.435"),
        expected_version=None,
    )
    reporter_a_client.cookies["django_language"] = "en"
    page = reporter_a_client.get(reverse("reporting:submission_detail", args=[submission_a.pk])).content.decode()
    assert 'value="10.442,04"' in page and 'value="1.435"' in page
