"""Pages and API: who may see and do what (another unit's form → 404; a forbidden action → 403)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from khoi.reporting import round_services, services
from khoi.reporting.models import ReportForm, Submission, SubmissionStatus
from khoi.units.models import UnitGroup

pytestmark = pytest.mark.django_db
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


def submitted(submission, reporter):
    from khoi.reporting.tests.test_workflow import complete_values

    return services.submission_save_and_submit(
        submission=submission, actor=reporter, values=complete_values(), explanations={}, expected_version=None
    )


# ---- pages ------------------------------------------------------------------------------------


def test_a_reporter_sees_their_forms_due_on_the_to_do_list(reporter_a_client, submission_a):
    response = reporter_a_client.get(reverse("reporting:home"))
    assert response.status_code == 200
    assert reverse("reporting:submission_detail", args=[submission_a.pk]) in response.content.decode()


def test_a_reporter_fills_and_submits_their_form_on_the_page(reporter_a_client, submission_a):
    from khoi.reporting.tests.test_workflow import complete_values

    url = reverse("reporting:submission_detail", args=[submission_a.pk])
    assert reporter_a_client.get(url).status_code == 200
    data = {**complete_values(), "version": "0", "action": "submit"}
    response = reporter_a_client.post(url, data)
    assert response.status_code == 302
    assert Submission.objects.get(pk=submission_a.pk).status == SubmissionStatus.SUBMITTED


def test_a_bad_cell_on_the_page_shows_a_vietnamese_message_and_keeps_the_text(reporter_a_client, submission_a):
    url = reverse("reporting:submission_detail", args=[submission_a.pk])
    response = reporter_a_client.post(url, {"v-workers-2021-H1": "abc", "version": "0", "action": "save"})
    body = response.content.decode()
    assert response.status_code == 200 and "“abc” không phải là số" in body and 'value="abc"' in body


def test_another_units_reporter_gets_404_on_the_form_page_and_its_actions(reporter_b_client, submission_a):
    for name in ("reporting:submission_detail", "reporting:submission_excel"):
        assert reporter_b_client.get(reverse(name, args=[submission_a.pk])).status_code == 404
    url = reverse("reporting:submission_detail", args=[submission_a.pk])
    assert reporter_b_client.post(url, {"v-revenue-2021-H1": "1", "action": "save"}).status_code == 404
    assert reporter_b_client.get(reverse("reporting:audit") + "?unit=" + submission_a.unit.code).status_code == 404


def test_leadership_reads_but_cannot_approve_or_type(leader_client, submission_a, reporter_a):
    submitted(submission_a, reporter_a)
    assert leader_client.get(reverse("reporting:overview") + "?period=2021-H1").status_code == 200
    assert leader_client.get(reverse("reporting:submission_detail", args=[submission_a.pk])).status_code == 200
    approve = reverse("reporting:submission_action", args=[submission_a.pk, "approve"])
    assert leader_client.post(approve).status_code == 403
    entry = reverse("reporting:submission_detail", args=[submission_a.pk])
    assert leader_client.post(entry, {"v-revenue-2021-H1": "1", "action": "save"}).status_code == 403
    assert leader_client.get(reverse("reporting:round_create")).status_code == 403
    assert Submission.objects.get(pk=submission_a.pk).status == SubmissionStatus.SUBMITTED


def test_staff_approve_return_and_bulk_approve_on_the_pages(staff_client, submission_a, reporter_a, reporting_round):
    submitted(submission_a, reporter_a)
    response = staff_client.post(
        reverse("reporting:submission_action", args=[submission_a.pk, "return"]), {"comment": "Sai số lao động."}
    )
    assert response.status_code == 302
    assert Submission.objects.get(pk=submission_a.pk).status == SubmissionStatus.RETURNED
    services.submission_submit(submission=submission_a, actor=reporter_a)
    staff_client.post(
        reverse("reporting:round_bulk_approve", args=[reporting_round.pk]), {"submission_ids": [submission_a.pk]}
    )
    assert Submission.objects.get(pk=submission_a.pk).status == SubmissionStatus.APPROVED


def test_reporters_cannot_see_the_bloc_overview_rounds_rules_or_plans(reporter_a_client, reporting_round):
    for url in (
        reverse("reporting:overview"),
        reverse("reporting:drilldown", args=["revenue"]),
        reverse("reporting:round_list"),
        reverse("reporting:round_detail", args=[reporting_round.pk]),
        reverse("reporting:rule_list"),
        reverse("reporting:plans"),
    ):
        assert reporter_a_client.get(url).status_code == 403, url


def test_staff_see_the_overview_drilldown_and_round_completeness(staff_client, reporting_round):
    assert staff_client.get(reverse("reporting:overview") + "?period=2021-H1").status_code == 200
    drill = staff_client.get(
        reverse("reporting:drilldown", args=["revenue"]) + "?period=2021-H1", HTTP_HX_REQUEST="true"
    )
    assert drill.status_code == 200 and "<html" not in drill.content.decode()
    assert staff_client.get(reverse("reporting:drilldown", args=["nope"]) + "?period=2021-H1").status_code == 404
    page = staff_client.get(reverse("reporting:round_detail", args=[reporting_round.pk]))
    assert page.status_code == 200 and "Chưa nộp" in page.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client):
    response = client.get(reverse("reporting:overview"))
    assert response.status_code == 302 and "login" in response["Location"]


# ---- API --------------------------------------------------------------------------------------


def test_api_overview_for_leadership_not_for_reporters(leader_client, reporter_a_client, reporting_round, client):
    assert leader_client.get("/api/v1/reporting/overview/?period=2021-H1").status_code == 200
    assert reporter_a_client.get("/api/v1/reporting/overview/?period=2021-H1").status_code == 403
    assert client.get("/api/v1/reporting/overview/?period=2021-H1").status_code == 401  # anonymous: not authenticated
    assert leader_client.get("/api/v1/reporting/overview/?period=2021-H9").status_code == 400
    assert leader_client.get("/api/v1/reporting/figures/nope/?period=2021-H1").status_code == 404
    assert reporter_a_client.get("/api/v1/reporting/rounds/").status_code == 403
    assert reporter_a_client.get(f"/api/v1/reporting/rounds/{reporting_round.pk}/completeness/").status_code == 403


def test_api_form_of_another_unit_is_404_and_approval_by_leadership_is_403(
    reporter_a_client, reporter_b_client, leader_client, staff_client, submission_a, reporter_a
):
    url = f"/api/v1/reporting/submissions/{submission_a.pk}/"
    assert reporter_b_client.get(url).status_code == 404
    put = reporter_b_client.put(url + "values/", {"version": 0, "values": {}}, content_type="application/json")
    assert put.status_code == 404
    saved = reporter_a_client.put(
        url + "values/", {"version": 0, "values": {"v-revenue-2021-H1": "14.167"}}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["values"]["v-revenue-2021-H1"] == "14167.0000"
    stale = reporter_a_client.put(
        url + "values/", {"version": 0, "values": {"v-revenue-2021-H1": "1"}}, content_type="application/json"
    )
    assert stale.status_code == 400 and "version" in stale.json()
    submitted(submission_a, reporter_a)
    assert leader_client.post(url + "approve/").status_code == 403
    assert reporter_a_client.post(url + "approve/").status_code == 403
    assert staff_client.post(url + "approve/").status_code == 200
    assert staff_client.post(url + "unlock/", {"comment": ""}, content_type="application/json").status_code == 400


def test_api_todo_lists_the_reporters_forms(reporter_a_client, submission_a):
    response = reporter_a_client.get("/api/v1/reporting/todo/")
    assert [row["id"] for row in response.json()] == [submission_a.pk]


def test_the_schema_lists_the_reporting_api(staff_client):
    response = staff_client.get("/api/schema/")
    assert response.status_code == 200 and b"/api/v1/reporting/overview/" in response.content


def test_leadership_cannot_change_rules_plans_rounds_or_remind(leader_client, reporting_round, submission_a):
    assert leader_client.get(reverse("reporting:rule_list")).status_code == 200
    assert leader_client.get(reverse("reporting:rule_create")).status_code == 403
    assert (
        leader_client.post(reverse("reporting:plans"), {"unit_code": "X", "year": 2021, "value": 1}).status_code == 403
    )
    assert leader_client.post(reverse("reporting:round_bulk_approve", args=[reporting_round.pk])).status_code == 403
    assert leader_client.post(reverse("reporting:round_remind_all", args=[reporting_round.pk])).status_code == 403
    assert leader_client.post(reverse("reporting:submission_remind", args=[submission_a.pk])).status_code == 403
    api = f"/api/v1/reporting/rounds/{reporting_round.pk}/approve/"
    assert (
        leader_client.post(api, {"submission_ids": [submission_a.pk]}, content_type="application/json").status_code
        == 403
    )
    assert leader_client.post(f"/api/v1/reporting/submissions/{submission_a.pk}/remind/").status_code == 403


def test_staff_remind_a_unit_with_one_click(staff_client, submission_a, reporter_a):
    from khoi.reporting.models import Notice

    response = staff_client.post(reverse("reporting:submission_remind", args=[submission_a.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and Notice.objects.filter(user=reporter_a).exists()


def test_a_staff_member_edits_a_rule_and_a_malicious_one_is_refused_on_the_page(staff_client, reporting_round):
    from khoi.reporting.models import ValidationRule

    rule = ValidationRule.objects.get(code="bad-loans-within-loans")
    url = reverse("reporting:rule_edit", args=[rule.pk])
    data = {"code": rule.code, "name": rule.name, "severity": "error", "message": rule.message, "active": "on"}
    response = staff_client.post(url, {**data, "expression": "__import__('os').system('ls') == 0"})
    assert response.status_code == 200 and "không phải là quy tắc hợp lệ" in response.content.decode()
    assert staff_client.post(url, {**data, "expression": "bad_loans <= 0.1 * loans"}).status_code == 302
    assert ValidationRule.objects.get(pk=rule.pk).expression == "bad_loans <= 0.1 * loans"
