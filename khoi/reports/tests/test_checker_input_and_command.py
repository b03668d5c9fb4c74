"""The checker's bad input (a clear Vietnamese message or a normal result, never a 500), the
period the text names as the page's and the API's default, and the command on the issue's text."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from khoi.reports.checker import CheckerInputError, check_text, text_period

SIX_SENTENCES = """Toàn tỉnh có 48/615 doanh nghiệp có vốn đầu tư nước ngoài đã thành lập công đoàn cơ sở (chiếm 8,1%).
Tổng số đoàn viên là 12.480 người, trong đó nữ 7.215 người, nam 5.256 người.
Đảng bộ có 412 tổ chức cơ sở đảng. Qua đánh giá, 268 tổ chức hoàn thành tốt nhiệm vụ (chiếm 66,3%).
Số lao động làm việc tại các doanh nghiệp có tổ chức đảng là 31.240 người (bằng 41,5% số lao động toàn khu), \
trong đó lao động có trình độ cao là 6.080 người (bằng khoảng 20% tổng số lao động toàn khu).
Thu nhập bình quân đạt 8,4 triệu đồng/người/tháng, tăng 12% (năm trước 7,2 triệu đồng).
Tỷ lệ nợ xấu 1.25%.
"""


def _api(client, text, period="2021-Y"):
    return client.post(
        reverse("reports_api:check"), json.dumps({"period": period, "text": text}), content_type="application/json"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Dán nội dung bài viết cần kiểm tra."),
        (" \n\t  ", "Dán nội dung bài viết cần kiểm tra."),
        ("\x00\x01\x02\x03" * 500, "tệp nhị phân"),
        ("Doanh thu 1 tỷ đồng. " * 1_000_000, "Văn bản quá dài"),
    ],
)
def test_bad_text_gets_a_vietnamese_message_from_the_core(text, message):
    with pytest.raises(CheckerInputError, match=message):
        check_text(text)


def test_decomposed_diacritics_nul_bytes_and_mixed_line_endings_are_read_normally():
    text = "Tổng số đoàn viên là 12.480 người,\r\ntrong đó nu\u031b\u0303 7.215 người,\x00 nam 5.256 người.\rHết."
    (total, *_rest) = check_text(text).marks
    assert (total.figure.text, total.expected) == ("12.480 người", "12.471")


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        # A NUL anywhere in a request is refused by khoi.core.middleware.RefuseNulMiddleware.
        ("Doanh thu 12 tỷ đồng\x00 năm 2021.", 400, "Dữ liệu chứa ký tự không hợp lệ."),
        ("\x01\x02\x03" * 300, 400, "tệp nhị phân"),
        ("Doanh thu 12 tỷ đồng\x07 năm 2021.", 200, ""),
        ("   \n  ", 400, "Dán nội dung bài viết cần kiểm tra."),
        ("Doanh thu 1 tỷ đồng. " * 1_000_000, 400, "Văn bản quá dài"),
        ("Doanh thu đa\u0323t 12 ty\u0309 đồng.", 200, ""),
    ],
)
def test_the_page_and_the_api_answer_bad_text_without_a_server_error(demo_staff, text, status, message):
    response = _api(demo_staff, text)
    assert response.status_code == status
    assert message in json.dumps(response.json(), ensure_ascii=False)
    page = demo_staff.post(reverse("reports:checker"), {"period": "2021-Y", "text": text}, HTTP_HX_REQUEST="true")
    assert page.status_code == status
    assert message in page.content.decode()


def test_without_a_period_the_page_and_the_api_use_the_period_the_text_names(demo_staff):
    text = "6 tháng đầu năm 2021, tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%."
    response = _api(demo_staff, text, period="")
    assert response.status_code == 200
    assert response.json()["period"] == "2021-H1"
    assert response.json()["summary"]["confirmed"] == 2
    page = demo_staff.post(reverse("reports:checker"), {"period": "", "text": text}).content.decode()
    assert "6 tháng đầu năm 2021, kỳ mà bài viết nêu" in page
    assert '<option value="" selected' not in page or "Kỳ mà bài viết nêu" in page


def test_a_server_error_is_shown_on_the_page_not_swallowed(demo_staff):
    page = demo_staff.get(reverse("reports:checker")).content.decode()
    assert "reports/checker.js" in page
    assert "Máy chủ không kiểm tra được văn bản" in page
    # The browser test drives it; here, that the script swaps a 400 in and reports any other failure.
    script = (Path(settings.BASE_DIR) / "khoi/reports/static/reports/checker.js").read_text(encoding="utf-8")
    assert "xhr.status === 400" in script and "htmx:responseError" in script and "htmx:sendError" in script


def _run(path, *args):
    out = io.StringIO()
    try:
        call_command("check_article", str(path), *args, stdout=out)
    except SystemExit as stop:
        return stop.code, out.getvalue()
    return 0, out.getvalue()


def test_the_command_names_every_contradiction_of_the_issues_six_sentences(demo, tmp_path):
    article = tmp_path / "bai.txt"
    article.write_text(SIX_SENTENCES, encoding="utf-8")
    status, out = _run(article, "--period", "2021-Y")
    assert status == 1
    for named in ("→ 7,8%", "→ 12.471", "→ 65,0%", "→ khoảng 8,1%", "+16,7%", "“1,25%”"):
        assert named in out
    assert "[SAI]" not in out
    assert "NGOÀI PHẠM VI SỐ LIỆU CỦA KHỐI" in out


def test_the_command_refuses_a_binary_file_and_a_huge_one_in_vietnamese(demo, tmp_path):
    binary = tmp_path / "anh.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe" * 100)
    with pytest.raises(CommandError, match="không phải văn bản UTF-8"):
        call_command("check_article", str(binary), period="2021-Y")
    huge = tmp_path / "lon.txt"
    huge.write_bytes(b"Doanh thu 1 ty dong. " * 1_000_000)
    with pytest.raises(CommandError, match="Tệp quá lớn"):
        call_command("check_article", str(huge), period="2021-Y")
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("check_article", str(tmp_path / "khong-co.txt"), period="2021-Y")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 tháng đầu năm, doanh thu đạt 14.167 tỷ đồng, tăng 28,7% so với cùng kỳ năm 2020.", "2021-H1"),
        ("6 tháng đầu năm, doanh thu tăng. Triển khai nhiệm vụ 6 tháng cuối năm 2021; mục tiêu năm 2030.", "2021-H1"),
        ("Năm 2023, doanh thu đạt 9.800 tỷ đồng.", "2023-Y"),
    ],
)
def test_a_period_named_without_its_year_takes_the_year_the_text_is_about_not_todays(text, expected):
    assert str(text_period(text, 2026)) == expected
