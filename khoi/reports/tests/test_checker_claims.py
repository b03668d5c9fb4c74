"""The checker on texts it has never seen: each shape of claim, consistent and not, with its
recomputation and the right figure; what a fair reading accepts is never flagged. No database."""

import pytest

from khoi.reporting.periods import Period
from khoi.reports.checker import CONFIRMED, INCONSISTENT, OUT_OF_SCOPE, WRONG, check_text, figures_of, text_period

from .test_checker_core import YEAR_2021


def _flagged(text):
    result = check_text(text)
    return {m.figure.text: (m.expected, m.recomputation) for m in result.marks if m.status == INCONSISTENT}


def test_a_fraction_with_a_long_noun_phrase_before_its_share_is_recomputed():
    flagged = _flagged(
        "Toàn tỉnh có 48/615 doanh nghiệp có vốn đầu tư nước ngoài đã thành lập công đoàn cơ sở (chiếm 8,1%)."
    )
    assert flagged == {"8,1%": ("7,8%", "48/615 = 7,8%")}


def test_an_exhaustive_split_must_add_up():
    flagged = _flagged("Tổng số đoàn viên là 12.480 người, trong đó nữ 7.215 người, nam 5.256 người.")
    assert flagged == {"12.480 người": ("12.471", "7.215 + 5.256 = 12.471")}
    assert _flagged("Tổng số đoàn viên là 12.471 người, trong đó nữ 7.215 người, nam 5.256 người.") == {}


def test_a_share_takes_its_total_from_the_sentence_before():
    flagged = _flagged(
        "Đảng bộ có 412 tổ chức cơ sở đảng. Qua đánh giá, 268 tổ chức hoàn thành tốt nhiệm vụ (chiếm 66,3%)."
    )
    assert flagged == {"66,3%": ("65,0%", "268/412 = 65,0%")}


def test_an_implied_base_is_carried_to_the_next_share_of_it():
    flagged = _flagged(
        "Số lao động làm việc tại các doanh nghiệp có tổ chức đảng là 31.240 người (bằng 41,5% số lao động toàn "
        "khu), trong đó lao động có trình độ cao là 6.080 người (bằng khoảng 20% tổng số lao động toàn khu)."
    )
    assert list(flagged) == ["khoảng 20%"]
    assert flagged["khoảng 20%"][0] == "khoảng 8,1%"
    assert flagged["khoảng 20%"][1].endswith("= 8,1%")


def test_a_growth_with_last_years_value_in_brackets_is_recomputed():
    flagged = _flagged("Thu nhập bình quân đạt 8,4 triệu đồng/người/tháng, tăng 12% (năm trước 7,2 triệu đồng).")
    assert flagged == {"tăng 12%": ("tăng 16,7%", "(8,4 − 7,2)/7,2 = +16,7%")}
    assert _flagged("Thu nhập bình quân đạt 8,4 triệu đồng/người/tháng, tăng 16,7% (năm trước 7,2 triệu đồng).") == {}


def test_a_decimal_point_gets_a_style_warning_with_the_right_form():
    (mark,) = check_text("Tỷ lệ nợ xấu 1.25%.").marks
    assert (mark.style, mark.status) != ("", INCONSISTENT)
    assert mark.style == "1,25%"


@pytest.mark.parametrize(
    "text",
    [
        "Trong số 1.245 đảng viên được đánh giá, có 198 đồng chí hoàn thành xuất sắc nhiệm vụ, 903 đồng chí hoàn "
        "thành tốt nhiệm vụ, 131 đồng chí hoàn thành nhiệm vụ, 15 đồng chí không hoàn thành nhiệm vụ.",
        "Khối có 128 tổ chức cơ sở đảng (47 đảng bộ cơ sở, 83 chi bộ cơ sở).",
        "Trong 2.150 hộ được hỗ trợ, có 1.326 hộ cận nghèo, còn lại 842 hộ mới thoát nghèo.",
        "Đảng bộ có 612 đảng viên, trong đó chính thức 574 đồng chí, dự bị 47 đồng chí.",
        "Có 88 tổ chức được đánh giá; trong đó 19 tổ chức hoàn thành xuất sắc nhiệm vụ, 73 tổ chức hoàn thành tốt "
        "nhiệm vụ.",
        "Kết quả xếp loại: hoàn thành xuất sắc 14,6%, hoàn thành tốt 72,8%, hoàn thành 9,9%, không hoàn thành 1,2%.",
        "Năm qua đã kết nạp 58 đảng viên, nâng tổng số đảng viên từ 1.904 lên 1.972 đồng chí.",
        "Giá trị xuất khẩu đạt 46,8 triệu USD, gấp 3,1 lần so với năm 2019 (18,2 triệu USD).",
        "Doanh thu đạt 1.286 tỷ đồng, giảm 5,2% so với năm trước (1.384 tỷ đồng).",
        "Đã có 87,5% (56/66 xã) đạt chuẩn nông thôn mới.",
        "Doanh nghiệp có 152 lao động, trong đó 64 lao động nữ (chiếm 42,1%), 23 lao động là đảng viên (chiếm 17,1%).",
        "Toàn tỉnh có 48/615 doanh nghiệp FDI đã thành lập công đoàn cơ sở, chiếm 8,1%.",
        "Tổng số đoàn viên 12.480, trong đó nữ 7.215, nam 5.256.",
        "Tổng số đoàn viên là 12.480 người; trong đó: nữ 7.215 người, nam 5.256 người.",
        "Có 268/412 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ 66,3%.",
        "Số lao động nữ là 7.215 người trong tổng số 12.480 lao động, chiếm 58,8%.",
        "Thu nhập bình quân tăng từ 7,2 triệu đồng lên 8,4 triệu đồng/người/tháng, tăng 12%.",
        "Thu nhập bình quân đạt 8,4 triệu đồng/người/tháng, tăng 12% so với năm trước (7,2 triệu đồng/người/tháng).",
        "Tiền lương bình quân đạt 7,8 triệu đồng/người/tháng, năm 2022 là 7,1 triệu đồng/người/tháng, tăng 12,9%.",
    ],
)
def test_each_shape_of_contradiction_is_flagged(text):
    assert len(_flagged(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # Partial splits into groups that may overlap, and shares of bases only described.
        "Công ty có 500 lao động, trong đó 320 lao động nữ, 260 đoàn viên công đoàn.",
        "Doanh thu nhóm cổ phần đạt 5.120 tỷ đồng, chiếm 37% tổng doanh thu toàn Khối.",
        # Either reading of "tăng k lần"; a change without its base; a running total without the old one.
        "Vốn đầu tư đạt 18.600 tỷ đồng, tăng 2 lần so với năm 2021 (6.200 tỷ đồng).",
        "Doanh thu đạt 14.167 tỷ đồng, tăng 28,7%; nộp ngân sách 711 tỷ đồng, tăng 84,7%.",
        "Kết nạp 36 đảng viên mới, nâng tổng số đảng viên lên 4.272 đồng chí.",
        # Rounded or qualified inputs: any fair reading accepts the stated figure.
        "Thành phố có gần 12.000 học sinh nhận học bổng, trong đó 3.150 em là con công nhân, chiếm hơn 26%.",
        "Các khu công nghiệp có khoảng 78.500 công nhân. Trong đó, 41.260 người thuê nhà trọ, chiếm khoảng 55%.",
        "Tỷ lệ hộ nghèo giảm từ 3,84% xuống 2,91%, giảm 0,93 điểm phần trăm.",
        "Tổng quỹ là 12,4 tỷ đồng, trong đó 9,8 tỷ đồng chi thưởng cho người lao động (chiếm 79%).",
        # Plan completion, thresholds and targets are not shares.
        "Có 41 doanh nghiệp đạt và vượt 100% kế hoạch; doanh thu đạt 8.760 tỷ đồng, bằng 104,3% kế hoạch năm.",
        "Phấn đấu thu nhập tăng từ 10%/năm trở lên; 100% tổ chức cơ sở đảng hoàn thành nhiệm vụ trở lên.",
        # A base only in its own clause; the share of a sum of like figures; groups that may overlap.
        "Lợi nhuận đạt 150 tỷ đồng, tăng 25%; doanh thu 2.000 tỷ đồng, so với năm trước 1.800 tỷ đồng.",
        "Kim ngạch xuất khẩu đạt 1,2 tỷ USD, tăng 8% so với năm 2022, trong đó sang Mỹ đạt 450 triệu USD, chiếm 37,5%.",
        "Doanh nghiệp A có 500 lao động, doanh nghiệp B có 300 lao động, chiếm 37,5% tổng số.",
        "Trong tổng số 120 đảng viên mới, nữ chiếm 45%, đoàn viên thanh niên chiếm 80%.",
        "Chỉ số sản xuất công nghiệp tăng 9,2%; trong đó chế biến, chế tạo tăng 10,1%, sản xuất điện tăng 5,3%.",
        "Năm 2020, 100% tổ chức cơ sở đảng được xếp loại. Trong đó gần 120 tổ chức 'Hoàn thành xuất sắc nhiệm vụ'; "
        "451 tổ chức 'Hoàn thành tốt nhiệm vụ', 27 tổ chức 'Hoàn thành nhiệm vụ', không có tổ chức 'Không hoàn thành'.",
    ],
)
def test_what_a_fair_reading_accepts_is_never_flagged(text):
    assert _flagged(text) == {}


def test_consistent_claims_are_confirmed_with_their_recomputation():
    result = check_text("Đảng bộ có 1.530 đảng viên, trong đó đảng viên nữ 642 đồng chí (chiếm 42%), nam 888 đồng chí.")
    confirmed = {m.figure.text: m.recomputation for m in result.marks if m.status == CONFIRMED}
    assert confirmed == {"1.530 đảng viên": "642 + 888 = 1.530", "42%": "642/1.530 = 42,0%"}


def test_figures_about_another_province_are_out_of_scope_never_wrong():
    text = (
        "Năm 2021, tổng doanh thu của các doanh nghiệp trong Khối đạt 27.701 tỷ đồng. "
        "Toàn tỉnh Bắc Ninh có doanh thu 512.000 tỷ đồng, nộp ngân sách 38.000 tỷ đồng."
    )
    result = check_text(text, YEAR_2021, period=Period.parse("2021-Y"))
    assert figures_of(result.marks, CONFIRMED) == ["27.701 tỷ đồng"]
    assert figures_of(result.marks, WRONG) == []
    assert figures_of(result.marks, OUT_OF_SCOPE) == ["512.000 tỷ đồng", "38.000 tỷ đồng"]
    assert "Ngoài phạm vi số liệu của Khối" in next(m for m in result.marks if m.status == OUT_OF_SCOPE).message


def test_a_text_that_only_names_other_organisations_is_not_compared_with_our_data():
    text = "Toàn khu có 96.350 lao động.\nDoanh thu đạt 27.107 tỷ đồng, tăng 7,7%."
    result = check_text(text, YEAR_2021, period=Period.parse("2021-Y"))
    assert figures_of(result.marks, WRONG) == []


def test_a_title_naming_the_city_committee_does_not_move_the_figures_out_of_scope():
    text = "Thực hiện ý kiến chỉ đạo của Bí thư Thành ủy, tổng doanh thu của Khối đạt 27.107 tỷ đồng."
    result = check_text(text, YEAR_2021, period=Period.parse("2021-Y"))
    assert figures_of(result.marks, WRONG) == ["27.107 tỷ đồng"]


def test_figures_of_another_period_are_not_compared_with_the_chosen_one():
    text = "6 tháng đầu năm 2021, tổng doanh thu đạt 14.167 tỷ đồng, tăng 28,7% so với cùng kỳ năm 2020."
    result = check_text(text, YEAR_2021, period=Period.parse("2021-Y"))
    assert figures_of(result.marks, WRONG) == []
    assert figures_of(result.marks, OUT_OF_SCOPE) == ["14.167 tỷ đồng", "tăng 28,7%"]
    assert "6 tháng đầu năm 2021" in result.marks[0].message


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("6 tháng đầu năm 2021, doanh thu đạt 14.167 tỷ đồng, tăng 28,7% so với cùng kỳ năm 2020.", "2021-H1"),
        ("Năm 2023, Đảng bộ Khối kết nạp 312 đảng viên mới.", "2023-Y"),
        ("Quý III/2022, doanh thu ước đạt 2.940 tỷ đồng, tăng 9,5% so với quý III/2021.", "2022-Q3"),
        ("Tính chung 9 tháng năm 2022, kim ngạch xuất khẩu đạt 4.168 triệu USD.", "2022-9M"),
        ("Doanh thu đạt 1.286 tỷ đồng.", None),
        ("Giai đoạn 2021 – 2023, doanh thu tăng bình quân 9%/năm.", None),
    ],
)
def test_the_period_a_text_names(text, period):
    named = text_period(text, 2024)
    assert (str(named) if named else None) == period
