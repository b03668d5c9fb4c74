"""Prose for decreases, missing bases, zero bases and units with no plan; templates that name a
placeholder that does not exist are refused on save."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khoi.reports import prose, services
from khoi.reports.models import IndicatorStyle, ProseTemplate

D = Decimal
STYLE = prose.Style(unit_label="tỷ đồng", phrase="tổng doanh thu đạt {value}, {change}")


def _render(text, figure, plan=None, style=STYLE):
    context = prose.ProseContext(
        year=2021,
        period_label="năm 2021",
        figures={"revenue": figure},
        styles={"revenue": style},
        plans={"revenue": plan} if plan else {},
    )
    return prose.render(text, context)


def test_a_decrease_reads_giam():
    figure = prose.ProseFigure("Tổng doanh thu", D("968.4"), D(1000), D("-3.16"))
    assert _render("{revenue.phrase}.", figure) == "tổng doanh thu đạt 968 tỷ đồng, giảm 3,2%."


def test_no_base_anywhere_drops_the_changes_and_says_so_once_at_the_end():
    figure = prose.ProseFigure("Tổng doanh thu", D(968), None, None)
    text = "Tổng doanh thu {revenue}, {revenue.change} so cùng kỳ."
    assert _render(text, figure) == "Tổng doanh thu 968 tỷ đồng. Chưa có số liệu cùng kỳ năm 2020 để so sánh."


def test_a_missing_base_beside_figures_that_have_one_still_reads_per_figure():
    context = prose.ProseContext(
        year=2021,
        period_label="năm 2021",
        figures={
            "revenue": prose.ProseFigure("Tổng doanh thu", D(968), None, None),
            "exports": prose.ProseFigure("Xuất khẩu", D(58), D(25), D(132)),
        },
        styles={"revenue": STYLE, "exports": prose.Style(unit_label="triệu USD")},
    )
    text = "{revenue}, {revenue.change}; {exports}, {exports.change}."
    assert prose.render(text, context) == "968 tỷ đồng, chưa có số liệu cùng kỳ; 58 triệu USD, tăng 132%."


def test_a_target_reads_met_or_missed_from_the_growth_as_the_prose_rounds_it():
    goal = prose.ProseGoal("revenue", D(10), "đạt chỉ tiêu", "chưa đạt chỉ tiêu")
    for growth, expected in ((D("9.96"), "đạt chỉ tiêu"), (D("9.94"), "chưa đạt chỉ tiêu")):
        context = prose.ProseContext(
            year=2021,
            period_label="năm 2021",
            figures={"revenue": prose.ProseFigure("Tổng doanh thu", D(110), D(100), growth)},
            styles={"revenue": STYLE},
            targets={"t": goal},
        )
        assert prose.render("({target.t})", context) == f"({expected})"


def test_a_zero_base_has_no_growth_and_reads_the_same_way():
    # The reporting engine gives no growth over a zero base; the prose says so plainly.
    figure = prose.ProseFigure("Tổng doanh thu", D(12), D(0), None)
    assert _render("{revenue.change} so với cùng kỳ năm {previous_year}.", figure) == "chưa có số liệu cùng kỳ."


def test_level_with_the_same_period():
    figure = prose.ProseFigure("Tổng doanh thu", D(100), D(100), D(0))
    assert _render("doanh thu {revenue.change} so cùng kỳ", figure) == "doanh thu bằng cùng kỳ"


def test_no_value_reads_no_figures_yet():
    figure = prose.ProseFigure("Tổng doanh thu", None, None, None)
    assert _render("Tổng doanh thu {revenue}.", figure) == "Tổng doanh thu chưa có số liệu."


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (prose.ProsePlan(reached=38, with_plan=90), "có 38 đơn vị đạt và vượt 100% kế hoạch năm 2021"),
        (prose.ProsePlan(reached=0, with_plan=90), "chưa có đơn vị nào đạt 100% kế hoạch năm 2021"),
        (prose.ProsePlan(reached=0, with_plan=0), "chưa có đơn vị nào được giao kế hoạch năm 2021"),
    ],
)
def test_plan_completion_reads_naturally_with_and_without_plans(plan, expected):
    figure = prose.ProseFigure("Tổng doanh thu", D(1), D(1), D(0))
    assert _render("{plan.revenue}", figure, plan) == expected


def test_the_unit_and_rounding_come_from_the_indicator_wording():
    style = prose.Style(unit_label="%", decimals=2)
    figure = prose.ProseFigure("Tỷ lệ nợ xấu", D("0.7812"), None, None)
    assert _render("tỷ lệ nợ xấu {revenue}", figure, style=style) == "tỷ lệ nợ xấu 0,78%"


def test_unknown_placeholders_are_listed():
    text = "Doanh thu {revenue}, {revenue.change}, {revenue.colour}, {plan.nope}, {year}, {count.x}, {dummy}"
    assert prose.unknown_placeholders(text, indicator_codes=["revenue"], count_codes=[]) == [
        "revenue.colour",
        "plan.nope",
        "count.x",
        "dummy",
    ]


def test_a_template_with_a_placeholder_that_does_not_exist_is_refused_on_save(demo):
    with pytest.raises(ValidationError) as error:
        services.prose_template_save(name="Mẫu thử", period_kind="Y", text="Tổng doanh thu {revenue}, {doanh_thu}.")
    assert error.value.message_dict["text"] == ["Mẫu có chỗ trống không tồn tại: {doanh_thu}."]
    assert not ProseTemplate.objects.filter(name="Mẫu thử").exists()
    saved = services.prose_template_save(name="Mẫu thử", period_kind="Y", text="Tổng doanh thu {revenue}.")
    assert saved.is_active


def test_switching_a_template_on_switches_the_other_of_its_kind_off(demo):
    first = services.prose_template_save(name="A", period_kind="H1", text="{year}")
    second = services.prose_template_save(name="B", period_kind="H1", text="{period}")
    first.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)


def test_an_indicator_phrase_with_an_unknown_placeholder_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        services.indicator_style_save(indicator_code="revenue", phrase="doanh thu {gia_tri}")
    assert "{gia_tri}" in error.value.message_dict["phrase"][0]


def test_the_wording_page_shows_the_message_and_keeps_the_text(demo_staff):
    response = demo_staff.post(
        reverse("reports:template_new"),
        {"name": "Năm", "period_kind": "Y", "text": "Doanh thu {revenue}, {lai}", "is_active": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Mẫu có chỗ trống không tồn tại: {lai}." in body
    assert "Doanh thu {revenue}, {lai}" in body


def test_the_admin_form_refuses_an_unknown_placeholder_too(demo):
    from khoi.reports.admin import ProseTemplateForm

    form = ProseTemplateForm(data={"name": "Năm", "period_kind": "Y", "text": "{revenue} {xyz}", "is_active": True})
    assert not form.is_valid()
    assert form.errors["text"] == ["Mẫu có chỗ trống không tồn tại: {xyz}."]


def test_staff_change_an_indicators_wording_on_a_page(demo_staff, demo_leader):
    url = reverse("reports:style_edit", args=["revenue"])
    assert demo_leader.get(url).status_code == 403
    assert demo_staff.get(reverse("reports:style_edit", args=["no-such"])).status_code == 404
    bad = demo_staff.post(url, {"phrase": "doanh thu {gia_tri}", "decimals": "1", "growth_decimals": "1"})
    assert bad.status_code == 400
    assert "Mẫu có chỗ trống không tồn tại: {gia_tri}." in bad.content.decode()
    good = demo_staff.post(url, {"phrase": "doanh thu {value}", "unit_label": "triệu đồng", "decimals": "1"})
    assert good.status_code == 302
    style = IndicatorStyle.objects.get(indicator_code="revenue")
    assert (style.phrase, style.unit_label, style.decimals) == ("doanh thu {value}", "triệu đồng", 1)


def test_staff_set_the_document_header_of_their_bloc(demo_staff, demo_reporter):
    from khoi.reports.models import DocumentSettings
    from khoi.units.selectors import unit_get_bloc

    bloc = unit_get_bloc()
    url = reverse("reports:document_settings")
    assert demo_reporter.get(url).status_code == 403
    missing = demo_staff.post(url, {"parent_body": "", "issuing_body": "x"})
    assert missing.status_code == 400
    assert DocumentSettings.objects.get(bloc=bloc).issuing_body == "ĐẢNG ỦY KHỐI DOANH NGHIỆP"
    demo_staff.post(
        url,
        {
            "parent_body": "Đảng bộ tỉnh Quảng Ninh",
            "issuing_body": "Đảng ủy Khối Doanh nghiệp",
            "symbol": "BC/ĐUK",
            "place": "Quảng Ninh",
            "signing_authority": "K/T Bí thư",
            "signer_title": "Phó Bí thư",
            "signer_name": "Nguyễn Văn A",
        },
    )
    row = DocumentSettings.objects.get(bloc=bloc)
    assert (row.parent_body, row.signing_authority) == ("ĐẢNG BỘ TỈNH QUẢNG NINH", "K/T BÍ THƯ")
