"""The report's prose regenerated from the demo data (seeds 2021-07-16, 2021-12-28): every figure of
the seeds, and only sentences the data supports (no seed elision, no sentence nobody checked)."""

import pytest

from khoi.reporting.periods import Period
from khoi.reports import inputs, report_build

HALF_YEAR = (
    "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%; kim ngạch xuất khẩu đạt 58 triệu USD, "
    "tăng 129%; nộp ngân sách nhà nước 711 tỷ đồng, tăng 84,7%, nhóm ngân hàng đạt tổng mức huy động vốn "
    "57.763 tỷ đồng, tăng 11,8% với dư nợ cho vay 32.884 tỷ đồng, tăng 13,9% so với cùng kỳ năm 2020."
)
YEAR = (
    "Tổng doanh thu 27.701 tỷ đồng, tăng 7,7% so cùng kỳ, có 38 đơn vị đạt và vượt 100% kế hoạch năm 2021. "
    "Tổng số nộp ngân sách nhà nước 975,9 tỷ đồng, tăng 6,8% so cùng kỳ; 68 doanh nghiệp nộp ngân sách từ 01 tỷ "
    "đồng trở lên (chiếm 73,1%). Tổng kim ngạch xuất khẩu 131 triệu USD, tăng 79% so cùng kỳ. "
    "Tổng huy động vốn của các đơn vị ngân hàng "
    "trong Khối 50.009 tỷ đồng; tổng dư nợ cho vay 38.162 tỷ đồng, tăng 22,3%; tỷ lệ nợ xấu 0,78%. Thu nhập bình "
    "quân 9,9 triệu đồng/người/tháng, tăng 10% so với cùng kỳ (đạt chỉ tiêu Nghị quyết Đại hội III – tăng từ "
    "10%/năm trở lên)."
)


def test_the_half_year_paragraph_reads_as_the_seed_of_16_july_2021(demo):
    report = report_build.bloc_report(period=Period.parse("2021-H1"))
    assert report.prose[0] == HALF_YEAR


def test_the_year_paragraph_reads_as_the_seed_of_28_december_2021(demo):
    report = report_build.bloc_report(period=Period.parse("2021-Y"))
    assert report.prose[0] == YEAR


def test_the_half_year_report_cites_the_commendations_of_the_emulation_records(demo):
    report = report_build.bloc_report(period=Period.parse("2021-H1"))
    assert (
        report.prose[-1] == "Trong 6 tháng đầu năm 2021, Đảng ủy Khối đã tặng Giấy khen cho 12 tập thể và 29 cá nhân."
    )


def test_the_half_year_report_has_a_party_building_paragraph_from_the_approved_figures(demo):
    report = report_build.bloc_report(period=Period.parse("2021-H1"))
    party = report.prose[1]
    assert "kết nạp mới 36 đảng viên" in party and "chuyển chính thức cho 70 đảng viên" in party
    assert "95 tổ chức cơ sở đảng đã được đánh giá, xếp loại chất lượng" in party
    assert not any("…" in paragraph for paragraph in report.prose)


def test_the_resolution_target_is_checked_against_the_figure_not_written_as_met(demo):
    from khoi.reports.models import ProseTarget

    ProseTarget.objects.filter(code="nq-dai-hoi-iii-thu-nhap").update(min_growth_percent=12)
    report = report_build.bloc_report(period=Period.parse("2021-Y"))
    assert "(chưa đạt chỉ tiêu Nghị quyết Đại hội III – tăng từ 10%/năm trở lên)" in report.prose[0]


def test_without_same_period_figures_the_report_says_so_once_instead_of_after_every_figure(demo):
    report = report_build.bloc_report(period=Period.parse("2024-H1"))
    text = " ".join(report.prose)
    assert "chưa có số liệu cùng kỳ" not in text
    assert text.count("Chưa có số liệu cùng kỳ năm 2023 để so sánh.") == 1
    assert "so với cùng kỳ năm 2023" not in text


def test_the_report_prose_stays_vietnamese_under_an_english_interface(demo):
    from django.utils import translation

    with translation.override("en"):
        report = report_build.bloc_report(period=Period.parse("2021-H1"))
    assert report.prose[0].startswith("Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%")
    assert " up " not in report.prose[0]


def test_the_report_has_tables_by_group_ownership_and_unit(demo):
    report = report_build.bloc_report(period=Period.parse("2021-Y"))
    titles = [table.title for table in report.tables]
    assert titles == ["Thực hiện kế hoạch", "Theo nhóm đơn vị", "Theo loại hình sở hữu", "Theo đơn vị"]
    by_unit = report.tables[-1]
    assert len(by_unit.rows) == 95
    plan = report.tables[0]
    assert plan.rows[0][2] == "38"


def test_a_scope_narrows_the_report_to_its_units(demo):
    banks = inputs.scope_from_params({"group": "ngan-hang"})
    report = report_build.bloc_report(period=Period.parse("2021-Y"), scope=banks)
    assert report.scope_label == "Nhóm ngân hàng"
    assert report.units_expected == 8
    assert len(report.tables[-1].rows) == 8


@pytest.mark.parametrize("code", ["2021-Q1", "2021-9M"])
def test_other_periods_still_give_a_report_or_say_there_is_no_data(demo, code):
    report = report_build.bloc_report(period=Period.parse(code))
    assert report.prose or report.notes == ["Chưa có số liệu đã duyệt cho kỳ và phạm vi này."]
