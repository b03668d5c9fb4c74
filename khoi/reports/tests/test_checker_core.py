"""The checker's core on its own: figures tied to indicators, the text's own arithmetic, and the
comparison with approved figures from an in-memory source (no database)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from khoi.reports.checker import (
    CONFIRMED,
    INCONSISTENT,
    NOT_CHECKABLE,
    WRONG,
    CheckerInputError,
    KnownCount,
    KnownFigure,
    analyse,
    check_text,
    figures_of,
)

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
D = Decimal


class FakeSource:
    def __init__(self, figures, plan=None, count_if=None):
        self.figures = figures
        self.plan = plan
        self.counted = count_if

    def figure(self, code):
        return self.figures.get(code)

    def plan_count(self, code, threshold):
        return self.plan

    def count_if(self, code, operator, threshold, unit):
        return self.counted


def known(code, value, growth=None, unit="tỷ đồng", decimals=0, base=None):
    return KnownFigure(
        code=code,
        name=code,
        unit_label=unit,
        decimals=decimals,
        value=D(value),
        same_period_value=D(base) if base else None,
        growth_percent=D(growth) if growth is not None else None,
        source="demo",
    )


YEAR_2021 = FakeSource(
    {
        "revenue": known("revenue", "27701.2", "7.68"),
        "budget": known("budget", "975.93", "6.81", decimals=1),
        "exports": known("exports", "131.2", "79.1", unit="triệu USD"),
        "deposits": known("deposits", "50009", "-3"),
        "loans": known("loans", "38162", "22.34"),
        "npl_ratio": known("npl_ratio", "0.781", None, unit="%", decimals=2),
        "average_income": known("average_income", "9.93", "10.02", unit="triệu đồng/người/tháng", decimals=1),
    },
    plan=KnownCount(38, 95),
    count_if=KnownCount(68, 93),
)


def _year_text():
    path = SEEDS / "2021-12-28-hoi-nghi-lan-thu-bay.txt"
    if not path.exists():
        pytest.skip("the seed articles (../shared/seeds next to the repository) are not on this machine")
    return path.read_text(encoding="utf-8")


def test_the_year_article_figures_are_tied_to_the_right_indicators():
    figures = {f.text: (f.role, f.indicator) for f in analyse(_year_text())}
    assert figures["27.701 tỷ đồng"] == ("value", "revenue")
    assert figures["tăng 7,7%"] == ("growth", "revenue")
    assert figures["38 đơn vị"] == ("plan_count", "revenue")
    assert figures["100%"][0] == "threshold"
    assert figures["68 doanh nghiệp"] == ("count_if", "budget")
    assert figures["01 tỷ đồng"][0] == "threshold"
    assert figures["73,1%"] == ("count_share", "budget")
    assert figures["38.162 tỷ đồng"] == ("value", "loans")
    assert figures["tăng 22,3%"] == ("growth", "loans")
    assert figures["0,78%"] == ("value", "npl_ratio")
    assert figures["9,9 triệu đồng/người/tháng"] == ("value", "average_income")
    assert figures["10%/năm"][0] == "threshold"


def test_the_year_article_is_confirmed_by_matching_figures():
    result = check_text(_year_text(), YEAR_2021)
    assert figures_of(result.marks, WRONG) == []
    assert figures_of(result.marks, INCONSISTENT) == []
    assert "27.701 tỷ đồng" in figures_of(result.marks, CONFIRMED)
    assert "73,1%" in figures_of(result.marks, CONFIRMED)
    assert figures_of(result.marks, NOT_CHECKABLE) == ["7 nhóm nhiệm vụ", "100%", "01 tỷ đồng", "10%/năm"]


def test_a_changed_figure_is_wrong_and_the_right_one_is_given():
    text = _year_text().replace("975,9 tỷ đồng", "957,9 tỷ đồng").replace("tăng 22,3%", "tăng 23,3%")
    result = check_text(text, YEAR_2021)
    assert figures_of(result.marks, WRONG) == ["957,9 tỷ đồng", "tăng 23,3%"]
    by_text = {m.figure.text: m for m in result.marks}
    assert by_text["957,9 tỷ đồng"].expected == "975,9 tỷ đồng"
    assert by_text["tăng 23,3%"].expected == "tăng 22,3%"


def test_a_wrong_share_of_a_count_is_wrong():
    result = check_text(_year_text().replace("(chiếm 73,1%)", "(chiếm 75,1%)"), YEAR_2021)
    assert figures_of(result.marks, WRONG) == ["75,1%"]


def test_a_part_over_a_whole_is_recomputed_without_data():
    result = check_text("Có 12/150 doanh nghiệp (chiếm 9,0%) chưa nộp báo cáo.")
    mark = result.marks[0]
    assert (mark.status, mark.expected) == (INCONSISTENT, "8,0%")
    assert "12/150" in mark.recomputation
    assert check_text("Có 12/150 doanh nghiệp (chiếm 8,0%) chưa nộp.").marks[0].status == CONFIRMED


def test_parts_that_do_not_add_up_make_the_total_inconsistent():
    good = check_text("Khối có 93 tổ chức cơ sở Đảng (36 đảng bộ và 57 chi bộ).")
    assert figures_of(good.marks, INCONSISTENT) == []
    assert figures_of(good.marks, CONFIRMED) == ["93 tổ chức cơ sở Đảng"]
    bad = check_text("Khối có 93 tổ chức cơ sở Đảng (36 đảng bộ và 58 chi bộ).")
    assert figures_of(bad.marks, INCONSISTENT) == ["93 tổ chức cơ sở Đảng"]
    assert bad.marks[0].recomputation == "36 + 58 = 94"


def test_a_growth_rate_given_with_both_values_is_recomputed():
    ok = check_text("Doanh thu đạt 14.167 tỷ đồng, tăng 28,7% so với cùng kỳ (11.008 tỷ đồng).")
    assert figures_of(ok.marks, CONFIRMED) == ["tăng 28,7%"]
    bad = check_text("Doanh thu tăng từ 11.008 tỷ đồng lên 14.167 tỷ đồng, tăng 30,7%.")
    assert figures_of(bad.marks, INCONSISTENT) == ["tăng 30,7%"]
    assert bad.marks[-1].expected == "tăng 28,7%"


def test_a_decrease_is_read_with_its_sign():
    source = FakeSource({"revenue": known("revenue", "968", "-3.2")})
    assert check_text("Doanh thu đạt 968 tỷ đồng, giảm 3,2%.", source).count(WRONG) == 0
    assert check_text("Doanh thu đạt 968 tỷ đồng, tăng 3,2%.", source).count(WRONG) == 1


def test_no_base_makes_a_change_not_checkable_with_the_reason():
    source = FakeSource({"revenue": known("revenue", "968", None)})
    mark = check_text("Doanh thu đạt 968 tỷ đồng, tăng 3,2%.", source).marks[1]
    assert mark.status == NOT_CHECKABLE
    assert "cùng kỳ" in mark.message


def test_amounts_in_other_scales_are_converted():
    source = FakeSource({"budget": known("budget", "975930", "6.8", unit="triệu đồng")})
    assert check_text("Nộp ngân sách 975,9 tỷ đồng.", source).marks[0].status == CONFIRMED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Dán nội dung"),
        ("   ", "Dán nội dung"),
        ("Hội nghị diễn ra tốt đẹp.", "không có số liệu"),
        ("x" * 1_000_001, "quá dài"),
    ],
)
def test_bad_input_gets_a_clear_vietnamese_message(text, message):
    with pytest.raises(CheckerInputError) as error:
        check_text(text)
    assert message in str(error.value)
