"""Test data for emulation, built through the services where there is one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from khoi.emulation import services
from khoi.emulation.models import (
    Campaign,
    CommendationForm,
    CommendationRule,
    CriterionKind,
    EmulationBloc,
    Issuer,
    IssuerKind,
    QuotaBase,
    RecipientKind,
    RuleKind,
)
from khoi.units.models import Unit

BASIS = "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP (thử nghiệm)"


def make_catalogue() -> dict[str, Any]:
    own = Issuer.objects.create(
        code="DUK",
        name="Ban Thường vụ Đảng ủy Khối",
        short_name="ĐUK",
        kind=IssuerKind.PARTY,
        is_own=True,
        symbol="QĐ/ĐUK",
        parent_body="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
        issuing_body="ĐẢNG ỦY KHỐI DOANH NGHIỆP",
        deciding_body="BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI DOANH NGHIỆP THÀNH PHỐ",
        authority="T/M BAN THƯỜNG VỤ",
        place="Hải Phòng",
    )
    city = Issuer.objects.create(
        code="UBND-TP", name="Ủy ban nhân dân thành phố", short_name="UBND TP", kind=IssuerKind.STATE, symbol="QĐ-UBND"
    )
    forms = {
        "GK": CommendationForm.objects.create(
            code="GK-DUK",
            name="Giấy khen của Ban Thường vụ Đảng ủy Khối",
            short_name="Giấy khen",
            issuer=own,
            recipients=RecipientKind.BOTH,
            level=1,
        ),
        "BK": CommendationForm.objects.create(
            code="BK-UBND",
            name="Bằng khen của Chủ tịch UBND thành phố",
            short_name="Bằng khen",
            issuer=city,
            recipients=RecipientKind.BOTH,
            level=3,
        ),
        "CTD": CommendationForm.objects.create(
            code="CTD-UBND",
            name="Cờ thi đua của UBND thành phố",
            short_name="Cờ thi đua",
            issuer=city,
            recipients=RecipientKind.COLLECTIVE,
            level=4,
        ),
    }
    rules = {
        "gk_quota": CommendationRule.objects.create(
            form=forms["GK"],
            kind=RuleKind.QUOTA,
            applies_to=RecipientKind.COLLECTIVE,
            binding=True,
            quota_base=QuotaBase.ACTIVE_UNITS,
            quota_percent=Decimal(100),
            legal_basis="Quy chế ĐUK: tỷ lệ tập thể; " + BASIS,
        ),
        "gk_per_unit": CommendationRule.objects.create(
            form=forms["GK"],
            kind=RuleKind.QUOTA,
            applies_to=RecipientKind.INDIVIDUAL,
            binding=False,
            quota_base=QuotaBase.PER_UNIT,
            quota_fixed=2,
            legal_basis="Quy chế ĐUK: 2 người mỗi đơn vị; " + BASIS,
        ),
        "ctd_quota": CommendationRule.objects.create(
            form=forms["CTD"],
            kind=RuleKind.QUOTA,
            applies_to=RecipientKind.COLLECTIVE,
            binding=True,
            quota_base=QuotaBase.BLOC_MEMBERS,
            quota_percent=Decimal(20),
            legal_basis="Cờ thi đua 20%; " + BASIS,
        ),
        "bk_prerequisite": CommendationRule.objects.create(
            form=forms["BK"],
            kind=RuleKind.PREREQUISITE,
            applies_to=RecipientKind.INDIVIDUAL,
            binding=False,
            required_form=forms["GK"],
            required_years=2,
            legal_basis="Giấy khen 2 năm liên tục; " + BASIS,
        ),
    }
    campaign = Campaign.objects.create(code="CT05", name="Thực hiện Chỉ thị 05-CT/TW")
    return {"own": own, "city": city, "forms": forms, "rules": rules, "campaign": campaign}


def make_emulation_bloc(
    units: list[Unit], organisations: list[str], *, tie_break: str = "base_points"
) -> EmulationBloc:
    bloc = services.bloc_create(code="khoi-thu", name="Khối thi đua thử nghiệm", tie_break=tie_break)
    for unit in units:
        services.bloc_member_add(bloc=bloc, joined_year=2015, unit=unit)
    for name in organisations:
        services.bloc_member_add(bloc=bloc, joined_year=2015, organisation=services.organisation_create(name=name))
    return bloc


def simple_sections() -> list[services.SectionInput]:
    c = services.CriterionInput
    return [
        services.SectionInput("Nhiệm vụ chuyên môn", [c("1.1", "Hoàn thành kế hoạch", Decimal(60))]),
        services.SectionInput("Tuyên truyền", [c("2.1", "Tuyên truyền chủ trương", Decimal(40))]),
        services.SectionInput(
            "Thưởng, trừ",
            [
                c("T1", "Sáng kiến", Decimal(5), CriterionKind.BONUS),
                c("P1", "Chậm báo cáo", Decimal(5), CriterionKind.PENALTY),
            ],
        ),
    ]


def decision_input(catalogue: dict[str, Any], form_key: str = "GK", *, number: int = 1, year: int = 2020, **extra: Any):
    form = catalogue["forms"][form_key]
    return services.DecisionInput(
        issuer=form.issuer,
        form=form,
        number=number,
        signed_on=extra.pop("signed_on", dt.date(year + 1, 6, 28)),
        signer_name="Đỗ Quang Khoa",
        signer_title="Bí thư",
        subject="Về việc tặng Giấy khen",
        year=year,
        campaign=extra.pop("campaign", catalogue["campaign"]),
        achievement="Đã có thành tích xuất sắc trong thực hiện Chỉ thị 05-CT/TW năm 2020",
        **extra,
    )
