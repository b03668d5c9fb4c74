"""The checker on the 2021 seed articles against the demo data, and on altered copies."""

from pathlib import Path

import pytest
from django.conf import settings

from khoi.reporting.periods import Period
from khoi.reports import figure_source
from khoi.reports.checker import CONFIRMED, INCONSISTENT, NOT_CHECKABLE, WRONG, figures_of

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
HALF_YEAR = SEEDS / "2021-07-16-so-ket-6-thang.txt"
YEAR = SEEDS / "2021-12-28-hoi-nghi-lan-thu-bay.txt"

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles are not on this machine")


def _check(text, period):
    return figure_source.article_check(text=text, period=Period.parse(period))


def test_the_half_year_article_is_confirmed_figure_by_figure(demo):
    result = _check(HALF_YEAR.read_text(encoding="utf-8"), "2021-H1")
    assert figures_of(result.marks, WRONG) == []
    assert figures_of(result.marks, INCONSISTENT) == []
    assert figures_of(result.marks, CONFIRMED) == [
        "14.167 tỷ đồng", "tăng 28,7%", "58 triệu USD", "tăng 129%", "711 tỷ đồng", "tăng 84,7%",
        "57.763 tỷ đồng", "tăng 11,8%", "32.884 tỷ đồng", "tăng 13,9%", "gần 27.000 lao động", "95 đơn vị",
        "36 đảng viên", "70 đảng viên", "4,7 tỷ đồng", "1,3 tỷ đồng", "12 tập thể", "29 cá nhân",
    ]  # fmt: skip
    assert figures_of(result.marks, NOT_CHECKABLE) == ["4 đơn vị", "9 nhóm nhiệm vụ"]


def test_the_year_article_is_confirmed_figure_by_figure(demo):
    result = _check(YEAR.read_text(encoding="utf-8"), "2021-Y")
    assert not result.has_problems
    assert figures_of(result.marks, CONFIRMED) == [
        "27.701 tỷ đồng", "tăng 7,7%", "38 đơn vị", "975,9 tỷ đồng", "tăng 6,8%", "68 doanh nghiệp", "73,1%",
        "131 triệu USD", "tăng 79%", "50.009 tỷ đồng", "38.162 tỷ đồng", "tăng 22,3%", "0,78%",
        "9,9 triệu đồng/người/tháng", "tăng 10%",
    ]  # fmt: skip
    assert figures_of(result.marks, NOT_CHECKABLE) == ["7 nhóm nhiệm vụ", "100%", "01 tỷ đồng", "10%/năm"]


def test_a_changed_figure_and_a_wrong_percentage_are_flagged_with_the_right_ones(demo):
    text = (
        YEAR.read_text(encoding="utf-8")
        .replace("Tổng doanh thu 27.701 tỷ đồng", "Tổng doanh thu 27.107 tỷ đồng")
        .replace("(chiếm 73,1%)", "(chiếm 78,1%)")
        .replace("tăng 79% so cùng kỳ", "tăng 97% so cùng kỳ")
    )
    result = _check(text, "2021-Y")
    assert figures_of(result.marks, WRONG) == ["27.107 tỷ đồng", "78,1%", "tăng 97%"]
    assert figures_of(result.marks, INCONSISTENT) == []
    wrong = {mark.figure.text: mark for mark in result.marks if mark.status == WRONG}
    assert wrong["27.107 tỷ đồng"].expected == "27.701 tỷ đồng"
    assert wrong["27.107 tỷ đồng"].link.startswith("/reports/figures/revenue/?period=2021-Y")
    assert "95/95" in wrong["27.107 tỷ đồng"].source
    assert wrong["78,1%"].expected == "73,1%"
    assert wrong["tăng 97%"].expected == "tăng 79%"


def test_parts_that_do_not_add_up_and_a_wrong_share_are_flagged_as_inconsistent(demo):
    added = (
        " Khối có 95 tổ chức cơ sở Đảng (37 đảng bộ và 59 chi bộ); có 12/150 doanh nghiệp (chiếm 9,0%) chưa nộp"
        " báo cáo đúng hạn."
    )
    result = _check(YEAR.read_text(encoding="utf-8") + added, "2021-Y")
    assert figures_of(result.marks, WRONG) == []
    inconsistent = [m for m in result.marks if m.status == INCONSISTENT]
    assert [m.figure.text for m in inconsistent] == ["95 tổ chức cơ sở Đảng", "9,0%"]
    assert inconsistent[0].recomputation == "37 + 59 = 96"
    assert inconsistent[1].expected == "8,0%"


def test_the_same_additions_when_right_are_confirmed(demo):
    added = " Khối có 95 tổ chức cơ sở Đảng (37 đảng bộ và 58 chi bộ); có 12/150 doanh nghiệp (chiếm 8,0%) chưa nộp."
    result = _check(YEAR.read_text(encoding="utf-8") + added, "2021-Y")
    assert not result.has_problems
    assert {"95 tổ chức cơ sở Đảng", "8,0%"} <= set(figures_of(result.marks, CONFIRMED))


def test_a_figure_of_another_period_is_wrong_for_this_one(demo):
    result = _check("Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%.", "2021-Y")
    assert figures_of(result.marks, WRONG) == ["14.167 tỷ đồng", "tăng 28,7%"]


def test_a_longer_article_costs_no_more_queries(demo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    text = YEAR.read_text(encoding="utf-8")
    with CaptureQueriesContext(connection) as once:
        _check(text, "2021-Y")
    with django_assert_max_num_queries(len(once.captured_queries)):
        _check("\n\n".join([text] * 5), "2021-Y")
