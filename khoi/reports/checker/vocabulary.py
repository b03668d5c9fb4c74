"""The words the article checker reads figures by: data the reports app owns, no database.

Each indicator has the phrases that name it in the bloc's articles and the kind of unit its
figures are written in. The checker ties a figure to the nearest phrase before it (then after it)
whose unit fits, so "cho gần 27.000 lao động" is the workforce even though "thu nhập" comes first.
Phrases are lower-case Vietnamese with diacritics; order inside a list does not matter (the
longest match wins where two overlap).
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of unit a figure can be written in.
MONEY_VND = "money_vnd"  # "14.167 tỷ đồng"
MONEY_USD = "money_usd"  # "58 triệu USD"
INCOME = "income"  # "9,9 triệu đồng/người/tháng"
PERCENT = "percent"  # "0,78%" as a value (a ratio), not a change
PEOPLE = "people"  # "27.000 lao động"
MEMBERS = "members"  # "36 đảng viên"
UNITS = "units"  # "95 đơn vị", "93 tổ chức cơ sở Đảng"


@dataclass(frozen=True)
class IndicatorWords:
    code: str
    phrases: tuple[str, ...]
    unit_kind: str


INDICATOR_WORDS: tuple[IndicatorWords, ...] = (
    IndicatorWords("revenue", ("doanh thu", "tổng doanh thu", "doanh thu sản xuất kinh doanh"), MONEY_VND),
    IndicatorWords("exports", ("xuất khẩu", "kim ngạch xuất khẩu"), MONEY_USD),
    IndicatorWords("budget", ("nộp ngân sách", "ngân sách nhà nước", "nộp ngân sách nhà nước", "nộp nsnn"), MONEY_VND),
    IndicatorWords("deposits", ("huy động vốn", "vốn huy động", "tổng mức huy động"), MONEY_VND),
    IndicatorWords("loans", ("dư nợ", "dư nợ cho vay"), MONEY_VND),
    IndicatorWords("npl_ratio", ("nợ xấu", "tỷ lệ nợ xấu"), PERCENT),
    IndicatorWords("average_income", ("thu nhập bình quân", "thu nhập"), INCOME),
    IndicatorWords("workers", ("lao động", "người lao động", "công nhân lao động", "việc làm"), PEOPLE),
    IndicatorWords("party_members", ("đảng viên",), MEMBERS),
    IndicatorWords("party_admissions", ("kết nạp", "kết nạp mới", "kết nạp đảng"), MEMBERS),
    IndicatorWords("party_conversions", ("chuyển chính thức",), MEMBERS),
    IndicatorWords("social_welfare", ("an sinh xã hội",), MONEY_VND),
    IndicatorWords("covid_fund", ("phòng, chống dịch", "chống dịch"), MONEY_VND),
    IndicatorWords("base_organisations", ("tổ chức cơ sở đảng", "đơn vị"), UNITS),
    IndicatorWords("party_quality_assessed", ("đánh giá chất lượng", "đánh giá, xếp loại"), UNITS),
)
BY_CODE = {words.code: words for words in INDICATOR_WORDS}

# What the counted things are called ("38 đơn vị", "68 doanh nghiệp"); the unit kind they give.
COUNT_NOUNS: dict[str, str] = {
    "tổ chức cơ sở đảng": UNITS,
    "tổ chức cơ sở": UNITS,
    "đơn vị": UNITS,
    "doanh nghiệp": UNITS,
    "đảng bộ": UNITS,
    "tổ chức": UNITS,
    "chi bộ": UNITS,
    "người lao động": PEOPLE,
    "công nhân lao động": PEOPLE,
    "lao động": PEOPLE,
    "công nhân": PEOPLE,
    "đảng viên": MEMBERS,
    "tập thể": "collectives",
    "cá nhân": "individuals",
    "nhóm nhiệm vụ": "tasks",
    "người": PEOPLE,
    # Counted things no indicator reads: the checker's arithmetic still does.
    "đoàn viên": "union_members",
    "hội viên": "association_members",
    "công đoàn cơ sở": "unions",
    "đồng chí": "comrades",
    "cán bộ": "cadres",
    "dự án": "projects",
    "hộ": "households",
    "lượt": "times_people",
    "lượt người": "times_people",
    "hợp tác xã": "cooperatives",
    "chi đoàn": "youth_cells",
    "đảng viên mới": MEMBERS,
    "quần chúng": "people_other",
    "học viên": "people_other",
    "sản phẩm": "products",
    "cuộc": "events",
    "vụ": "cases",
}

# Scale words written alone after a number ("01 tỷ", "2,5 triệu người") and their factor.
SCALE_WORDS: dict[str, int] = {"nghìn tỷ": 10**12, "tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}

# Units of measure: figures in them add up only with the same unit.
MEASURE_UNITS: tuple[str, ...] = ("ha", "km", "tấn", "m2", "m²", "m3", "MW", "kWh", "lít", "kg")

# The thing a counted noun names, when nothing before it does ("với 4.272 đảng viên").
NOUN_INDICATOR: dict[str, str] = {
    "đảng viên": "party_members",
    "lao động": "workers",
    "người lao động": "workers",
    "công nhân lao động": "workers",
    "tổ chức cơ sở đảng": "base_organisations",
}

# Money written with a scale word: (currency, factor to the base unit).
MONEY_UNITS: dict[str, tuple[str, int]] = {
    "nghìn tỷ đồng": ("VND", 10**12),
    "tỷ đồng": ("VND", 10**9),
    "triệu đồng": ("VND", 10**6),
    "nghìn đồng": ("VND", 10**3),
    "đồng": ("VND", 1),
    "tỷ USD": ("USD", 10**9),
    "triệu USD": ("USD", 10**6),
    "nghìn USD": ("USD", 10**3),
    "USD": ("USD", 1),
}

# "đạt và vượt 100% kế hoạch <what>": the indicator the plan is for when the text names it.
PLAN_SUBJECTS: dict[str, str] = {"doanh thu": "revenue", "lợi nhuận": "profit", "nộp ngân sách": "budget"}
DEFAULT_PLAN_INDICATOR = "revenue"


def unit_kind_of(unit: str) -> str | None:
    """The kind of a figure's written unit: "tỷ đồng" → money_vnd; "lao động" → people."""
    if unit == "%":
        return PERCENT
    if unit.endswith("/người/tháng"):
        return INCOME
    if unit in MONEY_UNITS:
        return MONEY_VND if MONEY_UNITS[unit][0] == "VND" else MONEY_USD
    return COUNT_NOUNS.get(unit.lower())


# Groups that split a whole with nothing left over: a split naming every member of a family must
# add up to the total (its shares to 100%); one naming some members must not exceed it. Each
# member's words are regular expressions read in order (the first that matches names the member,
# so "không hoàn thành" is tried before "hoàn thành").
EXHAUSTIVE_FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "gender": {"female": (r"\bnữ\b",), "male": (r"(?<!việt )(?<!miền )\bnam\b",)},
    "origin": {"foreign": (r"nước ngoài", r"\bfdi\b"), "domestic": (r"trong nước",)},
    "ownership": {
        "private": (r"ngoài nhà nước", r"tư nhân", r"dân doanh"),
        "foreign": (r"nước ngoài", r"\bfdi\b"),
        "state": (r"nhà nước",),
    },
    "grade": {
        "excellent": (r"xuất sắc",),
        "failed": (r"không hoàn thành", r"chưa hoàn thành"),
        "good": (r"hoàn thành tốt", r"\btốt\b"),
        "done": (r"hoàn thành",),
    },
    "membership": {"full": (r"chính thức",), "probation": (r"dự bị",)},
    "party_units": {"committee": (r"đảng bộ",), "cell": (r"chi bộ",)},
    "area": {"urban": (r"thành thị",), "rural": (r"nông thôn",)},
    "done_or_not": {"not_yet": (r"\bchưa\b",), "done": (r"\bđã\b",)},
}
