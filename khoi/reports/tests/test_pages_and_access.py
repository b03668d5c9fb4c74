"""Pages and API: who may see what (403 for a role, 404 for what is out of scope), and that the
pages render the report, the dashboard, the drill-down and the checker."""

import json
import re
import uuid

import pytest
from django.urls import reverse

from khoi.reports.models import ReportJob

from .conftest import client_for

PAGES = ["reports:report", "reports:dashboard", "reports:checker"]


@pytest.mark.parametrize("name", PAGES)
def test_a_units_reporter_may_not_open_the_bloc_pages(demo_reporter, name):
    assert demo_reporter.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(demo, client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_report_page_shows_the_prose_and_the_tables(demo_leader):
    response = demo_leader.get(reverse("reports:report"), {"period": "2021-H1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%" in body
    assert "Theo nhóm đơn vị" in body and "Theo đơn vị" in body


def test_the_dashboard_has_charts_with_tables_and_drill_down_links(demo_leader):
    response = demo_leader.get(reverse("reports:dashboard"), {"period": "2021-Y", "indicator": "revenue"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<svg") >= 5
    assert "Tổng doanh thu theo ngành kinh tế" in body
    assert "Thực hiện kế hoạch năm 2021: Tổng doanh thu" in body
    assert "/reports/figures/revenue/?period=2021-Y" in body
    assert "cdn" not in body.lower()


def test_the_dashboard_shows_submission_completeness_of_an_open_round(demo_leader):
    body = demo_leader.get(reverse("reports:dashboard"), {"period": "2024-9M"}).content.decode()
    assert "Tình hình nộp báo cáo" in body
    assert "Đúng hạn" in body and "Chưa nộp" in body


def test_the_drill_down_lists_the_units_behind_a_figure(demo_staff):
    response = demo_staff.get(reverse("reports:drilldown", args=["deposits"]), {"period": "2021-Y"})
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 1 + 8


def test_an_unknown_indicator_answers_404(demo_staff):
    assert demo_staff.get(reverse("reports:drilldown", args=["no-such"]), {"period": "2021-Y"}).status_code == 404
    assert demo_staff.get(reverse("reports:dashboard"), {"period": "2021-Y", "indicator": "nope"}).status_code == 404


def test_the_checker_page_marks_the_figures_of_a_pasted_text(demo_staff):
    text = "Tổng doanh thu 27.701 tỷ đồng, tăng 7,7% so cùng kỳ; tỷ lệ nợ xấu 0,87%."
    response = demo_staff.post(reverse("reports:checker"), {"period": "2021-Y", "text": text}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="fig confirmed"' in body
    assert '<mark class="fig wrong"' in body
    assert "0,78%" in body  # the right figure
    assert "<html" not in body  # htmx gets the results only


def test_a_job_of_someone_else_answers_404_and_a_missing_one_too(demo):
    from khoi.accounts.models import User

    job = ReportJob.objects.create(
        requested_by=User.objects.get(username="lanhdao"), period_code="2021-Y", format="docx"
    )
    other_leader = User.objects.create_user("lanhdao2", role="leadership")
    client = client_for(other_leader.username)
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:job", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("reports_api:document-detail", args=[job.pk])).status_code == 404


def test_only_staff_edit_the_wording(demo_leader, demo_staff):
    assert demo_leader.get(reverse("reports:templates")).status_code == 403
    assert demo_staff.get(reverse("reports:templates")).status_code == 200
    assert demo_staff.get(reverse("reports:template_edit", args=[999_999])).status_code == 404


@pytest.mark.parametrize(
    ("method", "name", "payload"),
    [
        ("get", "reports_api:bloc-report", {"period": "2021-Y"}),
        ("post", "reports_api:check", {"period": "2021-Y", "text": "Doanh thu 1 tỷ đồng."}),
        ("post", "reports_api:documents", {"period": "2021-Y", "format": "txt"}),
    ],
)
def test_the_api_refuses_a_units_reporter(demo_reporter, method, name, payload):
    response = (
        getattr(demo_reporter, method)(reverse(name), payload, content_type="application/json")
        if method == "post"
        else demo_reporter.get(reverse(name), payload)
    )
    assert response.status_code == 403


def test_the_api_gives_the_report_data(demo_leader):
    response = demo_leader.get(reverse("reports_api:bloc-report"), {"period": "2021-H1", "group": "ngan-hang"})
    data = response.json()
    assert response.status_code == 200
    deposits = next(row for row in data["key_rows"] if row["code"] == "deposits")
    assert deposits["value_text"] == "57.763"
    assert data["scope_label"] == "Nhóm ngân hàng"


def test_the_api_checks_a_text(demo_staff):
    response = demo_staff.post(
        reverse("reports_api:check"),
        json.dumps({"period": "2021-Y", "text": "Tổng kim ngạch xuất khẩu 131 triệu USD, tăng 97% so cùng kỳ."}),
        content_type="application/json",
    )
    data = response.json()
    assert response.status_code == 200
    assert data["summary"] == {
        "confirmed": 1,
        "wrong": 1,
        "inconsistent": 0,
        "not_checkable": 0,
        "out_of_scope": 0,
        "style": 0,
    }
    assert data["has_problems"] is True
    assert data["marks"][1]["expected"] == "tăng 79%"


def test_the_api_generates_a_document_in_the_background_and_serves_it(demo_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = demo_staff.post(
            reverse("reports_api:documents"), {"period": "2021-H1", "format": "xlsx"}, content_type="application/json"
        )
    assert response.status_code == 202
    job = demo_staff.get(reverse("reports_api:document-detail", args=[response.json()["id"]])).json()
    assert job["status"] == "done" and job["progress"] == 100
    file = demo_staff.get(job["download_url"])
    assert file.status_code == 200
    assert file["Content-Type"].startswith("application/vnd.openxmlformats")
    assert file.content[:2] == b"PK"


def test_the_schema_lists_the_reports_api(demo_staff):
    schema = demo_staff.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in ("bloc-report/", "documents/", "documents/{job_id}/", "documents/{job_id}/file/", "check/"):
        assert f"/api/v1/reports/{path}" in paths


def test_the_dashboard_colours_a_falling_bad_debt_ratio_as_good_news_in_percentage_points(demo_leader):
    page = demo_leader.get(reverse("reports:dashboard"), {"period": "2021-Y"}).content.decode()
    npl = page.split('<span class="kpi-name">Tỷ lệ nợ xấu</span>', 1)[1].split("</a>", 1)[0]
    assert 'class="kpi-change good"' in npl and "điểm phần trăm" in npl
    assert "giảm" in npl


def test_the_dashboard_says_in_words_when_a_chart_has_nothing_to_compare(demo_leader):
    page = demo_leader.get(reverse("reports:dashboard"), {"period": "2024-H1"}).content.decode()
    key = page.split('id="chart-key"', 1)[1].split("</section>", 1)[0]
    assert "Chưa có số liệu cùng kỳ năm trước: chưa so sánh được 6 tháng đầu năm 2024." in key
    assert "<svg" not in key
    assert 'class="kpi-change neutral"' in page and 'class="kpi-change good"' not in page
    text = page.split("<main", 1)[1]
    assert "2024-H1" not in re.sub(r'(href|value)="[^"]*"', "", text)  # periods by name, codes only in links


def test_the_dashboard_table_gives_a_ratios_change_in_percentage_points(demo_leader):
    page = demo_leader.get(reverse("reports:dashboard"), {"period": "2021-Y"}).content.decode()
    key = page.split('id="chart-key"', 1)[1].split("</section>", 1)[0]
    row = key.split("Tỷ lệ nợ xấu (%)", 1)[1].split("</tr>", 1)[0]
    assert "−0,17 điểm %" in row
    assert "Tỷ lệ nợ xấu" not in key.split("<svg", 1)[1].split("</svg>", 1)[0]  # no % of a % among the bars
