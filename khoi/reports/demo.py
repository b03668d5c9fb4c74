"""Demo wording and document header of the seed bloc: the prose reproduces the seed articles.

- 6 tháng đầu năm (seed 2021-07-16): "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng
  28,7%; kim ngạch xuất khẩu đạt 58 triệu USD, tăng 129%; … so với cùng kỳ năm 2020" (the seed's
  elision is not copied: every sentence is the data's).
- Năm (seed 2021-12-28): "Tổng doanh thu 27.701 tỷ đồng, tăng 7,7% so cùng kỳ, có 38 đơn vị đạt và
  vượt 100% kế hoạch năm 2021. …"
Staff change all of this on the "Report wording" page; nothing here is code.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from khoi.units.selectors import unit_get_bloc

from .models import CountCondition, DocumentSettings, IndicatorStyle, ProseTarget, ProseTemplate

# (indicator code, unit written, decimals or None for the indicator's own, phrase)
STYLES = [
    ("revenue", "", None, "tổng doanh thu đạt {value}, {change}"),
    ("exports", "", None, "kim ngạch xuất khẩu đạt {value}, {change}"),
    ("budget", "", None, "nộp ngân sách nhà nước {value}, {change}"),
    ("deposits", "", None, "huy động vốn {value}, {change}"),
    ("loans", "", None, "dư nợ cho vay {value}, {change}"),
    ("npl_ratio", "%", 2, "tỷ lệ nợ xấu {value}"),
    ("average_income", "", 1, "thu nhập bình quân {value}, {change}"),
    ("workers", "lao động", None, "bảo đảm việc làm cho {value}"),
    ("party_admissions", "", None, "kết nạp mới {value}"),
    ("party_conversions", "", None, "chuyển chính thức cho {value}"),
    ("party_quality_assessed", "tổ chức cơ sở đảng", None, "{value} đã được đánh giá, xếp loại chất lượng"),
]

# (code, indicator, minimum growth %, resolution, phrase met, phrase missed)
TARGETS = [
    (
        "nq-dai-hoi-iii-thu-nhap",
        "average_income",
        Decimal(10),
        "Nghị quyết Đại hội III",
        "đạt chỉ tiêu Nghị quyết Đại hội III – tăng từ 10%/năm trở lên",
        "chưa đạt chỉ tiêu Nghị quyết Đại hội III – tăng từ 10%/năm trở lên",
    ),
]

CONDITIONS = [
    (
        "budget_1bn",
        "budget",
        ">=",
        Decimal(1),
        "{count} doanh nghiệp nộp ngân sách từ 01 tỷ đồng trở lên (chiếm {share})",
    ),
]

HALF_YEAR = (
    "Tổng doanh thu sản xuất kinh doanh đạt {revenue}, {revenue.change}; kim ngạch xuất khẩu đạt {exports}, "
    "{exports.change}; nộp ngân sách nhà nước {budget}, {budget.change}, nhóm ngân hàng đạt tổng mức huy động "
    "vốn {deposits}, {deposits.change} với dư nợ cho vay {loans}, {loans.change} so với cùng kỳ năm "
    "{previous_year}."
)
YEAR = (
    "Tổng doanh thu {revenue}, {revenue.change} so cùng kỳ, {plan.revenue}. Tổng số nộp ngân sách nhà nước "
    "{budget}, {budget.change} so cùng kỳ; {count.budget_1bn}. Tổng kim ngạch xuất khẩu {exports}, "
    "{exports.change} so cùng kỳ. Tổng huy động vốn của các đơn vị ngân hàng trong Khối {deposits}; tổng dư nợ "
    "cho vay {loans}, {loans.change}; tỷ lệ nợ xấu {npl_ratio}. Thu nhập bình quân {average_income}, "
    "{average_income.change} so với cùng kỳ ({target.nq-dai-hoi-iii-thu-nhap})."
)
GENERIC = (
    "{revenue.phrase}; {exports.phrase}; {budget.phrase}; nhóm ngân hàng: {deposits.phrase}, {loans.phrase} "
    "so với cùng kỳ năm {previous_year}."
)
PARTY = (
    "Về công tác xây dựng Đảng, trong {period} các tổ chức cơ sở đảng trong Khối đã {party_admissions.phrase}, "
    "{party_conversions.phrase}; {party_quality_assessed.phrase}."
)
TEMPLATES = [
    ("Sơ kết 6 tháng (theo bài 16/7/2021)", "H1", "figures", HALF_YEAR),
    ("Tổng kết năm (theo bài 28/12/2021)", "Y", "figures", YEAR),
    ("Quý", "Q", "figures", GENERIC),
    ("9 tháng", "9M", "figures", GENERIC),
    *((f"Xây dựng Đảng ({name})", kind, "party", PARTY) for name, kind in (("6 tháng", "H1"), ("năm", "Y"))),
]


def install_wording() -> None:
    """The wording above (tests and the demo share it)."""
    for code, unit, decimals, phrase in STYLES:
        IndicatorStyle.objects.update_or_create(
            indicator_code=code, defaults={"unit_label": unit, "decimals": decimals, "phrase": phrase}
        )
    for code, indicator, operator, threshold, phrase in CONDITIONS:
        CountCondition.objects.update_or_create(
            code=code,
            defaults={"indicator_code": indicator, "operator": operator, "threshold": threshold, "phrase": phrase},
        )
    for code, indicator, growth, source, met, missed in TARGETS:
        ProseTarget.objects.update_or_create(
            code=code,
            defaults={
                "indicator_code": indicator,
                "min_growth_percent": growth,
                "source": source,
                "phrase_met": met,
                "phrase_missed": missed,
            },
        )
    for name, kind, section, text in TEMPLATES:
        if not ProseTemplate.objects.filter(period_kind=kind, section=section, is_active=True).exists():
            ProseTemplate.objects.create(name=name, period_kind=kind, section=section, text=text, is_active=True)


def install_document_settings() -> None:
    bloc = unit_get_bloc()
    if bloc is None:
        return
    DocumentSettings.objects.get_or_create(
        bloc=bloc,
        defaults={
            "parent_body": "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
            "issuing_body": "ĐẢNG ỦY KHỐI DOANH NGHIỆP",
            "symbol": "BC/ĐUK",
            "place": "Hải Phòng",
            "signing_authority": "T/M BAN THƯỜNG VỤ",
            "signer_title": "BÍ THƯ",
            "signer_name": "Đỗ Quang Khoa",
            "recipients": "Thành ủy Hải Phòng (để b/c)\nCác đảng bộ, chi bộ cơ sở\nLưu VP",
        },
    )


def load() -> str:
    if ProseTemplate.objects.exists() and DocumentSettings.objects.exists():
        return "already loaded"
    with transaction.atomic():
        install_wording()
        install_document_settings()
    return f"{IndicatorStyle.objects.count()} wordings, {ProseTemplate.objects.count()} templates"
