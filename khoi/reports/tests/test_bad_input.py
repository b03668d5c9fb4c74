"""Bad input gets a clear Vietnamese message, never a crash or a partial file."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse


def test_an_empty_period_on_the_report_page_is_explained(demo_staff):
    response = demo_staff.get(reverse("reports:report"), {"period": ""})
    assert response.status_code == 400
    assert "Chọn kỳ báo cáo (ví dụ 2021-H1 hoặc 2021-Y)." in response.content.decode()


def test_a_period_that_is_not_one_is_explained(demo_staff):
    response = demo_staff.get(reverse("reports:report"), {"period": "2021-H3"})
    assert response.status_code == 400
    assert "“2021-H3” không phải là kỳ báo cáo" in response.content.decode()


def test_a_scope_with_no_approved_data_says_so(demo_staff):
    response = demo_staff.get(reverse("reports:report"), {"period": "2019-Y"})
    assert response.status_code == 200
    assert "Chưa có số liệu đã duyệt cho kỳ và phạm vi này." in response.content.decode()


def test_exporting_a_scope_with_no_data_gives_a_message_and_no_file(demo_staff):
    response = demo_staff.post(reverse("reports:export"), {"period": "2019-Y", "format": "pdf"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Chưa có số liệu đã duyệt của năm 2019 trong phạm vi này." in response.content.decode()


def test_an_unknown_group_is_refused(demo_staff):
    response = demo_staff.get(reverse("reports:report"), {"period": "2021-Y", "group": "khong-co"})
    assert response.status_code == 400
    assert "Không có nhóm đơn vị này." in response.content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Dán nội dung bài viết cần kiểm tra."),
        ("Hội nghị đã thảo luận và thống nhất cao.", "Văn bản không có số liệu nào để kiểm tra."),
        ("Doanh thu 1 tỷ đồng. " * 50_000, "Văn bản quá dài"),
    ],
)
def test_the_checker_explains_what_is_wrong_with_the_text(demo_staff, text, message):
    response = demo_staff.post(reverse("reports:checker"), {"period": "2021-Y", "text": text})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_checker_needs_a_period(demo_staff):
    response = demo_staff.post(reverse("reports:checker"), {"period": "", "text": "Doanh thu 1 tỷ đồng."})
    assert response.status_code == 400
    assert "Chọn kỳ báo cáo" in response.content.decode()


def test_the_api_names_the_field_in_its_vietnamese_message(demo_staff):
    response = demo_staff.post(
        reverse("reports_api:check"), json.dumps({"period": "", "text": "x"}), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"period": ["Chọn kỳ báo cáo (ví dụ 2021-H1 hoặc 2021-Y)."]}
    response = demo_staff.post(
        reverse("reports_api:check"),
        json.dumps({"period": "2021-Y", "text": "không có số"}),
        content_type="application/json",
    )
    assert response.json() == {"text": ["Văn bản không có số liệu nào để kiểm tra."]}


def test_a_megabyte_of_text_is_refused_by_the_api_too(demo_staff):
    response = demo_staff.post(
        reverse("reports_api:check"),
        json.dumps({"period": "2021-Y", "text": "Doanh thu 1 tỷ đồng. " * 50_000}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Văn bản quá dài" in response.json()["text"][0]


def test_the_command_refuses_an_empty_period_and_writes_no_file(demo, tmp_path):
    target = tmp_path / "bao-cao.docx"
    with pytest.raises(CommandError, match="Chọn kỳ báo cáo"):
        call_command("bloc_report", period="", format="docx", output=str(target))
    with pytest.raises(CommandError, match="Chưa có số liệu đã duyệt"):
        call_command("bloc_report", period="2019-Y", format="docx", output=str(target))
    assert list(tmp_path.iterdir()) == []
