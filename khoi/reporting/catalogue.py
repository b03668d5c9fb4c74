"""The standard indicator catalogue and validation rules of a bloc (data, not code paths).

Installed by ``services.catalogue_install()`` (the demo loader calls it; staff may edit the rows
afterwards in the admin). Nothing here is specific to one city: it is what the bloc committees'
half-year and year reports count. Vietnamese names are the words of the reports.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

BANK_GROUP = "ngan-hang"

# Each entry: Indicator fields; "groups" lists UnitGroup codes; "numerator"/"denominator"/"base"/
# "part_of" name other indicators by code.
INDICATORS: list[dict[str, Any]] = [
    {
        "code": "revenue",
        "name": "Tổng doanh thu",
        "name_en": "Revenue",
        "unit_label": "tỷ đồng",
        "decimals": 0,
        "time_aggregation": "flow",
        "has_plan": True,
        "is_key": True,
        "order": 10,
        "definition": "Doanh thu sản xuất kinh doanh của đơn vị trong kỳ (cộng dồn từ 1/1).",
    },
    {
        "code": "exports",
        "name": "Kim ngạch xuất khẩu",
        "name_en": "Export turnover",
        "unit_label": "triệu USD",
        "decimals": 0,
        "time_aggregation": "flow",
        "is_key": True,
        "order": 20,
    },
    {
        "code": "budget",
        "name": "Nộp ngân sách nhà nước",
        "name_en": "State-budget payments",
        "unit_label": "tỷ đồng",
        "decimals": 1,
        "time_aggregation": "flow",
        "is_key": True,
        "order": 30,
    },
    {
        "code": "budget_1bn_units",
        "name": "Doanh nghiệp nộp ngân sách từ 01 tỷ đồng trở lên",
        "name_en": "Enterprises paying at least 1 bn VND to the state budget",
        "unit_label": "doanh nghiệp",
        "value_type": "integer",
        "decimals": 0,
        "time_aggregation": "flow",
        "unit_aggregation": "count_if",
        "base": "budget",
        "count_operator": ">=",
        "count_threshold": Decimal(1),
        "count_denominator": "enterprises",
        "is_key": True,
        "order": 35,
        "definition": (
            "Số doanh nghiệp có số nộp ngân sách nhà nước trong kỳ từ 01 tỷ đồng trở lên. Tỷ lệ tính trên "
            "tổng số doanh nghiệp (đơn vị có mã số thuế) của Khối tại cuối kỳ; các hiệp hội, liên minh "
            "không có mã số thuế không được tính (năm 2021: 93 doanh nghiệp trên 95 tổ chức cơ sở đảng)."
        ),
    },
    {
        "code": "deposits",
        "name": "Huy động vốn",
        "name_en": "Deposits mobilised",
        "unit_label": "tỷ đồng",
        "decimals": 0,
        "time_aggregation": "stock",
        "groups": [BANK_GROUP],
        "is_key": True,
        "order": 40,
        "definition": "Số dư huy động vốn của các chi nhánh ngân hàng tại cuối kỳ (không cộng dồn).",
    },
    {
        "code": "loans",
        "name": "Dư nợ cho vay",
        "name_en": "Loans outstanding",
        "unit_label": "tỷ đồng",
        "decimals": 0,
        "time_aggregation": "stock",
        "groups": [BANK_GROUP],
        "is_key": True,
        "order": 50,
    },
    {
        "code": "bad_loans",
        "lower_is_better": True,
        "name": "Nợ xấu",
        "name_en": "Non-performing loans",
        "unit_label": "tỷ đồng",
        "decimals": 1,
        "time_aggregation": "stock",
        "groups": [BANK_GROUP],
        "order": 55,
    },
    {
        "code": "npl_ratio",
        "lower_is_better": True,
        "name": "Tỷ lệ nợ xấu",
        "name_en": "Non-performing-loan ratio",
        "unit_label": "%",
        "decimals": 2,
        "time_aggregation": "stock",
        "unit_aggregation": "ratio",
        "numerator": "bad_loans",
        "denominator": "loans",
        "multiplier": Decimal(100),
        "groups": [BANK_GROUP],
        "is_key": True,
        "order": 60,
        "definition": "Tổng nợ xấu ÷ tổng dư nợ cho vay của nhóm ngân hàng × 100 (không lấy bình quân tỷ lệ).",
    },
    {
        "code": "workers",
        "name": "Lao động",
        "name_en": "Workers",
        "unit_label": "người",
        "value_type": "integer",
        "time_aggregation": "stock",
        "is_key": True,
        "order": 70,
    },
    {
        "code": "female_workers",
        "name": "Lao động nữ",
        "name_en": "Female workers",
        "unit_label": "người",
        "value_type": "integer",
        "time_aggregation": "stock",
        "part_of": "workers",
        "order": 71,
    },
    {
        "code": "male_workers",
        "name": "Lao động nam",
        "name_en": "Male workers",
        "unit_label": "người",
        "value_type": "integer",
        "time_aggregation": "stock",
        "part_of": "workers",
        "order": 72,
    },
    {
        "code": "high_skilled_workers",
        "name": "Cán bộ quản lý, lao động kỹ thuật cao",
        "name_en": "Managers and high-skilled workers",
        "unit_label": "người",
        "value_type": "integer",
        "time_aggregation": "stock",
        "order": 73,
    },
    {
        "code": "wage_fund",
        "name": "Quỹ tiền lương, thu nhập",
        "name_en": "Wage fund",
        "unit_label": "triệu đồng",
        "time_aggregation": "flow",
        "order": 80,
    },
    {
        "code": "worker_months",
        "name": "Số người-tháng lao động",
        "name_en": "Worker-months",
        "unit_label": "người-tháng",
        "value_type": "integer",
        "time_aggregation": "flow",
        "order": 81,
        "definition": "Tổng số lao động bình quân của từng tháng trong kỳ.",
    },
    {
        "code": "average_income",
        "name": "Thu nhập bình quân",
        "name_en": "Average income",
        "unit_label": "triệu đồng/người/tháng",
        "decimals": 1,
        "time_aggregation": "flow",
        "unit_aggregation": "ratio",
        "numerator": "wage_fund",
        "denominator": "worker_months",
        "multiplier": Decimal(1),
        "is_key": True,
        "order": 85,
        "definition": "Tổng quỹ tiền lương, thu nhập ÷ tổng số người-tháng lao động (không lấy bình quân các đơn vị).",
    },
    {
        "code": "party_members",
        "name": "Đảng viên",
        "name_en": "Party members",
        "unit_label": "đảng viên",
        "value_type": "integer",
        "time_aggregation": "stock",
        "is_key": True,
        "order": 90,
    },
    {
        "code": "party_admissions",
        "name": "Kết nạp đảng viên mới",
        "name_en": "New Party members admitted",
        "unit_label": "đảng viên",
        "value_type": "integer",
        "time_aggregation": "flow",
        "is_key": True,
        "order": 91,
    },
    {
        "code": "party_conversions",
        "name": "Chuyển đảng viên chính thức",
        "name_en": "Probationary members made full members",
        "unit_label": "đảng viên",
        "value_type": "integer",
        "time_aggregation": "flow",
        "is_key": True,
        "order": 92,
    },
    {
        "code": "party_quality_assessed",
        "name": "Tổ chức cơ sở đảng được đánh giá chất lượng",
        "name_en": "Base organisations whose quality was assessed",
        "unit_label": "tổ chức",
        "value_type": "integer",
        "time_aggregation": "flow",
        "is_key": True,
        "order": 93,
        "definition": "1 nếu tổ chức cơ sở đảng đã có quyết định công nhận đánh giá chất lượng trong kỳ, 0 nếu chưa.",
    },
    {
        "code": "social_welfare",
        "name": "Đóng góp an sinh xã hội",
        "name_en": "Social-welfare contributions",
        "unit_label": "tỷ đồng",
        "decimals": 1,
        "time_aggregation": "flow",
        "is_key": True,
        "order": 100,
    },
    {
        "code": "covid_fund",
        "name": "Ủng hộ Quỹ phòng, chống COVID-19",
        "name_en": "Donations to the COVID-19 fund",
        "unit_label": "tỷ đồng",
        "decimals": 1,
        "time_aggregation": "flow",
        "is_key": True,
        "order": 101,
    },
]

RULES: list[dict[str, str]] = [
    {
        "code": "workers-by-sex",
        "name": "Lao động nam + nữ = tổng số lao động",
        "expression": "female_workers + male_workers == workers",
        "severity": "error",
        "message": "Số lao động nữ cộng số lao động nam phải bằng tổng số lao động.",
    },
    {
        "code": "high-skilled-within-workers",
        "name": "Lao động kỹ thuật cao không vượt tổng số lao động",
        "expression": "high_skilled_workers <= workers",
        "severity": "error",
        "message": "Số cán bộ quản lý, lao động kỹ thuật cao không được lớn hơn tổng số lao động.",
    },
    {
        "code": "bad-loans-within-loans",
        "name": "Nợ xấu không vượt dư nợ",
        "expression": "bad_loans <= loans",
        "severity": "error",
        "message": "Nợ xấu không được lớn hơn dư nợ cho vay.",
    },
    {
        "code": "revenue-not-negative",
        "name": "Doanh thu không âm",
        "expression": "revenue >= 0",
        "severity": "error",
        "message": "Doanh thu không được âm.",
    },
    {
        "code": "revenue-change-50",
        "name": "Doanh thu thay đổi quá 50% so với cùng kỳ",
        "expression": "abs(revenue - same_period(revenue)) <= 0.5 * same_period(revenue)",
        "severity": "warning",
        "message": "Doanh thu thay đổi hơn 50% so với cùng kỳ năm trước: đề nghị giải trình.",
    },
    {
        "code": "workers-change-50",
        "name": "Lao động thay đổi quá 50% so với cùng kỳ",
        "expression": "abs(workers - same_period(workers)) <= 0.5 * same_period(workers)",
        "severity": "warning",
        "message": "Số lao động thay đổi hơn 50% so với cùng kỳ năm trước: đề nghị giải trình.",
    },
]


def _within_year_rules() -> list[dict[str, str]]:
    """A flow only adds up over a year: a unit's value for a part of the year (a month, a quarter,
    the first half, nine months) never exceeds its value for a longer window containing it. One
    cross-period rule per typed, non-negative flow indicator."""
    rules = []
    for spec in INDICATORS:
        typed = spec.get("unit_aggregation", "sum") == "sum"
        if spec.get("time_aggregation") != "flow" or not typed or spec.get("allow_negative"):
            continue
        rules.append(
            {
                "code": f"{spec['code'].replace('_', '-')}-within-year",
                "name": f"{spec['name']}: kỳ ngắn không vượt kỳ dài hơn trong năm",
                "expression": f"{spec['code']} <= enclosing({spec['code']})",
                "severity": "error",
                "message": (
                    f"{spec['name']} của một kỳ trong năm không được lớn hơn số của kỳ dài hơn chứa nó "
                    "(tháng ≤ quý ≤ 6 tháng ≤ 9 tháng ≤ năm)."
                ),
            }
        )
    return rules


RULES += _within_year_rules()

# The standard form: every typed indicator (ratios and counts are computed, never typed; figures
# another app counts from its records, khoi.reporting.providers, are not on it either).
STANDARD_FORM = {
    "code": "bao-cao-dinh-ky",
    "name": "Báo cáo kết quả sản xuất kinh doanh và công tác xây dựng Đảng",
    "frequency": "window",
}
