"""Demo data of emulation and commendation (seeds 2021-03-09 and 2021-07-16).

- The emulation bloc of business associations ("Khối thi đua Liên hiệp hội và các Hội doanh
  nghiệp thành phố"): seven members (two units of the register, DV094 and DV095, and five outside
  associations), its 2020 agreement scored and ranked, the year-end proposal, and the city
  People's Committee's decisions: Cờ thi đua for Hội Nữ doanh nhân Hải Phòng, Bằng khen for Liên
  minh Hợp tác xã và Doanh nghiệp thành phố, Hiệp hội Doanh nghiệp nhỏ và vừa thành phố and Hội
  Doanh nghiệp trẻ Hải Phòng; its 2021 agreement signed on 09/03/2021.
- The Đảng ủy Khối's Giấy khen for 2020 (Chỉ thị 05-CT/TW): 12 collectives (units of the bloc) and
  29 individuals (synthetic people of those units), proposed by the units, approved, decided.
- A history of earlier years (2017–2019) so units and people have records to show.
Names of people and decision numbers are synthetic; the secretary's name is the seed's.
Deterministic and idempotent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from khoi.core.demo_files import demo_data
from khoi.units.models import Unit

from . import scoring, services
from .models import (
    Agreement,
    BlocMember,
    Campaign,
    CommendationForm,
    CommendationRule,
    CriterionKind,
    EmulationBloc,
    Gender,
    Issuer,
    Person,
    QuotaBase,
    RecipientKind,
    RuleKind,
)

BLOC_CODE = "khoi-hoi-doanh-nghiep"
LAW = "Luật Thi đua, khen thưởng 2022 (Luật số 06/2022/QH15)"
DECREE = "Nghị định 98/2023/NĐ-CP (từ ngày 01/7/2025: Nghị định 152/2025/NĐ-CP)"
OWN_RULES = "Quy chế thi đua, khen thưởng của Đảng ủy Khối (tỷ lệ do Ban Thường vụ quy định)"

# The bloc's catalogue, members, agreement sections, scores and people as data (demo_data/bloc.json).
DATA: dict[str, Any] = demo_data(__file__, "bloc.json")
ISSUERS: list[dict[str, Any]] = DATA["issuers"]
# (code, name, short name, issuer, recipients, level)
FORMS: list[tuple[str, str, str, str, str, int]] = [
    (code, name, short, issuer, recipients, int(level))
    for code, name, short, issuer, recipients, level in DATA["forms"]
]
CAMPAIGNS: list[tuple[str, str]] = [(code, name) for code, name in DATA["campaigns"]]
# Members of the emulation bloc: (name in the bloc, register unit code or None).
MEMBERS: list[tuple[str, str | None]] = [(name, code) for name, code in DATA["members"]]
# The 2020 bloc scores (base, bonus, penalty): Hội Nữ doanh nhân leads; places 3 and 4 tie on
# 94,50 and the agreement's rule (more points before bonus) puts Hiệp hội DNNVV third.
RESULTS_2020: dict[str, list[str]] = DATA["results_2020"]
SIGNERS: list[tuple[str, str]] = [(name, title) for name, title in DATA["signers"]]
SURNAMES: list[str] = DATA["surnames"]
MIDDLE_MALE: list[str] = DATA["middle_male"]
MIDDLE_FEMALE: list[str] = DATA["middle_female"]
GIVEN_MALE: list[str] = DATA["given_male"]
GIVEN_FEMALE: list[str] = DATA["given_female"]
POSITIONS: list[str] = DATA["positions"]
# Units of the bloc given the 2020 Giấy khen (Chỉ thị 05) and units whose people were.
CT05_COLLECTIVES: list[str] = DATA["ct05_collectives"]
CT05_PEOPLE_UNITS = [
    *CT05_COLLECTIVES,
    *DATA["ct05_people_units_extra"],
]  # 14 units: 2 people each, 3 in the first → 29
EARLIER_COLLECTIVES = {int(year): codes for year, codes in DATA["earlier_collectives"].items()}


def _sections(year: int) -> list[services.SectionInput]:
    """The agreement's sections and criteria; from 2021 the year's theme is the city's named one."""
    theme = DATA["themes"]["from_2021" if year >= 2021 else "before_2021"]
    return [
        services.SectionInput(
            section["title"],
            [
                services.CriterionInput(
                    criterion["code"],
                    criterion["title"].replace("{theme}", theme),
                    Decimal(criterion["max_points"]),
                    CriterionKind(criterion["kind"]),
                    criterion.get("guidance", ""),
                )
                for criterion in section["criteria"]
            ],
        )
        for section in DATA["sections"]
    ]


def _person_name(index: int) -> tuple[str, str]:
    female = index % 2 == 1
    surname = SURNAMES[index % len(SURNAMES)]
    middle = (MIDDLE_FEMALE if female else MIDDLE_MALE)[(index // 2) % 6]
    given = (GIVEN_FEMALE if female else GIVEN_MALE)[(index * 7) % 11]
    return f"{surname} {middle} {given}", Gender.FEMALE if female else Gender.MALE


def _people_of(unit: Unit, count: int, start: int) -> list[Person]:
    """The unit's first `count` demo people, created on first use (the same people every run)."""
    existing = list(Person.objects.filter(unit=unit).order_by("id"))
    while len(existing) < count:
        index = start + len(existing)
        name, gender = _person_name(index)
        existing.append(
            services.person_create(
                full_name=name,
                unit=unit,
                birth_date=dt.date(1965 + index % 30, 1 + index % 12, 1 + (index * 3) % 28),
                gender=gender,
                position=POSITIONS[index % len(POSITIONS)],
            )
        )
    return existing[:count]


def load() -> str:
    if EmulationBloc.objects.filter(code=BLOC_CODE).exists():
        return "already loaded"
    if not Unit.objects.filter(code="DV095").exists():
        return "skipped (the register of units is not loaded)"
    # Generated texts (proposal titles, ranks) are stored in the bloc's language.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        return _load()


def _catalogue() -> tuple[dict[str, CommendationForm], dict[str, Campaign], dict[str, Issuer]]:
    issuers = {data["code"]: Issuer.objects.create(**data) for data in ISSUERS}
    forms = {
        code: CommendationForm.objects.create(
            code=code,
            name=name,
            short_name=short,
            issuer=issuers[issuer],
            recipients=recipients,
            level=level,
            legal_basis=f"{LAW}; {DECREE}.",
        )
        for code, name, short, issuer, recipients, level in FORMS
    }
    campaigns = {code: Campaign.objects.create(code=code, name=name) for code, name in CAMPAIGNS}
    rules = [
        {
            "form": forms["GK-DUK"],
            "kind": RuleKind.QUOTA,
            "applies_to": RecipientKind.COLLECTIVE,
            "binding": True,
            "quota_base": QuotaBase.ACTIVE_UNITS,
            "quota_percent": Decimal(15),
            "legal_basis": f"{OWN_RULES}: Giấy khen tặng tập thể mỗi năm không quá 15% số tổ chức cơ sở đảng; {LAW}.",
        },
        {
            "form": forms["GK-DUK"],
            "kind": RuleKind.QUOTA,
            "applies_to": RecipientKind.INDIVIDUAL,
            "binding": False,
            "quota_base": QuotaBase.PER_UNIT,
            "quota_fixed": 3,
            "legal_basis": f"{OWN_RULES}: mỗi tổ chức cơ sở đảng đề nghị không quá 3 cá nhân mỗi năm; {LAW}.",
        },
        {
            "form": forms["CTD-UBND"],
            "kind": RuleKind.QUOTA,
            "applies_to": RecipientKind.COLLECTIVE,
            "binding": True,
            "quota_base": QuotaBase.BLOC_MEMBERS,
            "quota_percent": Decimal(20),
            "legal_basis": f"{LAW}: Cờ thi đua tặng tập thể dẫn đầu khối, cụm thi đua; {DECREE} "
            "và quy định của UBND thành phố về tỷ lệ (cấu hình: không quá 20% số thành viên của khối).",
        },
        {
            "form": forms["BK-UBND"],
            "kind": RuleKind.QUOTA,
            "applies_to": RecipientKind.COLLECTIVE,
            "binding": False,
            "quota_base": QuotaBase.BLOC_MEMBERS,
            "quota_percent": Decimal(50),
            "legal_basis": f"{LAW}; {DECREE}; hướng dẫn của Ban Thi đua – Khen thưởng thành phố "
            "(cấu hình: khối đề nghị Bằng khen không quá 50% số thành viên).",
        },
        {
            "form": forms["BK-UBND"],
            "kind": RuleKind.PREREQUISITE,
            "applies_to": RecipientKind.INDIVIDUAL,
            "binding": False,
            "required_form": forms["GK-DUK"],
            "required_years": 2,
            "legal_basis": f"{OWN_RULES}: cá nhân được đề nghị Bằng khen đã được tặng Giấy khen 2 năm liên tục "
            f"trước đó; {LAW}; {DECREE}.",
        },
        {
            "form": forms["CSTD-TP"],
            "kind": RuleKind.PREREQUISITE,
            "applies_to": RecipientKind.INDIVIDUAL,
            "binding": True,
            "required_form": forms["CSTD-CS"],
            "required_years": 3,
            "legal_basis": f"{LAW} (tiêu chuẩn Chiến sĩ thi đua cấp tỉnh: lựa chọn trong số cá nhân nhiều năm "
            f"liên tục đạt Chiến sĩ thi đua cơ sở); {DECREE}.",
        },
    ]
    for rule in rules:
        CommendationRule.objects.create(**rule)
    return forms, campaigns, issuers


def _signed_agreement(
    bloc: EmulationBloc, members: dict[str, BlocMember], names: list[str], signed_on: dt.date
) -> Agreement:
    """The bloc's agreement for the year it is signed in, signed by every member's head."""
    agreement = services.agreement_create(
        bloc=bloc,
        year=signed_on.year,
        title=f"Giao ước thi đua năm {signed_on.year} của Khối thi đua Liên hiệp hội và các Hội doanh nghiệp thành phố",
        sections=_sections(signed_on.year),
        bonus_cap=Decimal(5),
    )
    services.agreement_sign(
        agreement=agreement,
        signed_on=signed_on,
        signed_place="Hải Phòng",
        signatories=[services.SignatoryInput(members[n], *SIGNERS[i]) for i, n in enumerate(names)],
    )
    return agreement


def _score_inputs(agreement: Agreement, base: Decimal, bonus: Decimal, penalty: Decimal, seed: int):
    """Deterministic bloc and self scores that add up to the wanted totals."""
    criteria = sorted(
        (c for s in agreement.sections.all() for c in s.criteria.all()), key=lambda c: (c.section.order, c.order)
    )
    standard = [c for c in criteria if c.kind == CriterionKind.STANDARD]
    deficit = sum((c.max_points for c in standard), Decimal(0)) - base
    bloc: dict[int, Decimal] = {c.pk: c.max_points for c in standard}
    step, position = Decimal("0.5"), seed
    while deficit > 0:
        criterion = standard[position % len(standard)]
        if bloc[criterion.pk] - step >= 0:
            bloc[criterion.pk] -= step
            deficit -= step
        position += 3
    for c in criteria:
        if c.kind == CriterionKind.BONUS:
            bloc[c.pk] = bonus
        elif c.kind == CriterionKind.PENALTY:
            bloc[c.pk] = penalty
    self_scores = {}
    for index, c in enumerate(criteria):
        extra = Decimal("0.5") if (index + seed) % 3 == 0 and c.kind != CriterionKind.PENALTY else Decimal(0)
        self_scores[c.pk] = min(c.max_points, bloc[c.pk] + extra)
    return (
        {
            pk: services.ScoreInput(value, "Báo cáo tổng kết năm, minh chứng kèm theo.")
            for pk, value in self_scores.items()
        },
        {pk: services.ScoreInput(value, "") for pk, value in bloc.items()},
    )


def _load() -> str:
    forms, campaigns, issuers = _catalogue()
    units = {unit.code: unit for unit in Unit.objects.filter(code__startswith="DV")}

    # ---- The emulation bloc of associations ----
    bloc = services.bloc_create(
        code=BLOC_CODE,
        name="Khối thi đua Liên hiệp hội và các Hội doanh nghiệp thành phố",
        description="Các hiệp hội, hội doanh nghiệp và Liên minh Hợp tác xã thành phố Hải Phòng.",
        tie_break=scoring.BASE_POINTS,
    )
    members: dict[str, BlocMember] = {}
    for name, code in MEMBERS:
        organisation = None if code else services.organisation_create(name=name)
        members[name] = services.bloc_member_add(
            bloc=bloc, joined_year=2017, unit=units[code] if code else None, organisation=organisation, name=name
        )
    names = [name for name, _code in MEMBERS]
    services.bloc_leadership_set(bloc=bloc, year=2019, leader=members[names[4]], deputy=members[names[1]])
    services.bloc_leadership_set(bloc=bloc, year=2020, leader=members[names[1]], deputy=members[names[0]])
    services.bloc_leadership_set(bloc=bloc, year=2021, leader=members[names[0]], deputy=members[names[2]])

    # 2019 outcome (history): Cờ thi đua for Liên minh HTX, Bằng khen for two members.
    _bloc_year_decisions(
        forms,
        issuers,
        campaigns,
        2019,
        flag=[members[names[1]]],
        merit=[members[names[0]], members[names[4]]],
        numbers=(612, 613),
        signed_on=dt.date(2020, 3, 5),
    )

    # 2020: agreement, scores, ranking, proposal, decisions.
    agreement = _signed_agreement(bloc, members, names, dt.date(2020, 3, 6))
    agreement = Agreement.objects.prefetch_related("sections__criteria__section").get(pk=agreement.pk)
    for seed, card in enumerate(agreement.scorecards.select_related("member").order_by("id")):
        base, bonus, penalty = (Decimal(v) for v in RESULTS_2020[card.member.name])
        self_scores, bloc_scores = _score_inputs(agreement, base, bonus, penalty, seed)
        services.scorecard_save_self(scorecard=card, actor=None, scores=self_scores, submit=True)
        services.scorecard_save_bloc(scorecard=card, actor=None, scores=bloc_scores)
    proposal = services.agreement_propose_commendations(
        agreement=agreement,
        actor=None,
        flag_form=forms["CTD-UBND"],
        merit_form=forms["BK-UBND"],
        campaign=campaigns["KTD-HOI"],
    )
    services.proposal_submit(proposal=proposal, actor=None, submitted_at=dt.datetime(2021, 1, 15, 9, 0, tzinfo=dt.UTC))
    services.proposal_review(proposal=proposal, actor=None, approve=True, note="Đủ điều kiện đề nghị.")
    for form_code, number, subject in (
        ("CTD-UBND", 455, "Về việc tặng Cờ thi đua của Ủy ban nhân dân thành phố năm 2020"),
        ("BK-UBND", 456, "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố năm 2020"),
    ):
        services.decision_create(
            actor=None,
            data=services.DecisionInput(
                issuer=issuers["UBND-TP"],
                form=forms[form_code],
                number=number,
                signed_on=dt.date(2021, 2, 25),
                signer_name="Trần Văn Hùng",
                signer_title="Phó Chủ tịch",
                subject=subject,
                year=2020,
                campaign=campaigns["KTD-HOI"],
                achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2020 của Khối thi đua.",
            ),
            proposals=[proposal],
        )

    # 2021 agreement, signed at the conference of 09/03/2021.
    _signed_agreement(bloc, members, names, dt.date(2021, 3, 9))

    # ---- The Đảng ủy Khối's Giấy khen: earlier years, then 2020 (Chỉ thị 05) ----
    for year, codes in EARLIER_COLLECTIVES.items():
        _earlier_giay_khen(forms, issuers, campaigns, units, year, codes)
    _bk_ubnd_enterprises_2019(forms, issuers, campaigns, units)
    _ct05_2020(forms, issuers, campaigns, units)
    return "1 emulation bloc (7 members), agreements 2020–2021, Giấy khen 2017–2020, Cờ thi đua and Bằng khen 2019–2020"


def _bloc_year_decisions(forms, issuers, campaigns, year, *, flag, merit, numbers, signed_on) -> None:
    for form_code, chosen, number in (("CTD-UBND", flag, numbers[0]), ("BK-UBND", merit, numbers[1])):
        services.decision_create(
            actor=None,
            data=services.DecisionInput(
                issuer=issuers["UBND-TP"],
                form=forms[form_code],
                number=number,
                signed_on=signed_on,
                signer_name="Trần Văn Hùng",
                signer_title="Phó Chủ tịch",
                subject=f"Về việc tặng {forms[form_code].short_name} năm {year}",
                year=year,
                campaign=campaigns["KTD-HOI"],
            ),
            items=[
                services.ItemInput(form=forms[form_code], unit=m.unit, organisation=m.organisation, name=m.name)
                for m in chosen
            ],
        )


def _earlier_giay_khen(forms, issuers, campaigns, units, year, codes) -> None:
    people: list[Person] = []
    for index, code in enumerate(codes):
        count = 2 if index < (len(codes) + 2 * (year - 2017)) // 2 + 3 else 1
        people.extend(_people_of(units[code], count, start=int(code[2:]) * 5))
    services.decision_create(
        actor=None,
        data=services.DecisionInput(
            issuer=issuers["DUK"],
            form=forms["GK-DUK"],
            number=40 + (year - 2017) * 3,
            signed_on=dt.date(year + 1, 1, 20 + year - 2017),
            signer_name="Đỗ Quang Khoa",
            signer_title="Bí thư",
            subject=f"Về việc tặng Giấy khen cho các tập thể, cá nhân hoàn thành xuất sắc nhiệm vụ năm {year}",
            year=year,
            campaign=campaigns["TD-NAM"],
            achievement=f"Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm {year}",
        ),
        items=[services.ItemInput(form=forms["GK-DUK"], unit=units[code]) for code in codes]
        + [services.ItemInput(form=forms["GK-DUK"], person=person) for person in people],
    )


def _bk_ubnd_enterprises_2019(forms, issuers, campaigns, units) -> None:
    """Bằng khen of the city for three units and two people who had Giấy khen in 2017 and 2018."""
    people = list(_people_of(units["DV017"], 1, start=17 * 5)) + _people_of(units["DV029"], 1, start=29 * 5)
    services.decision_create(
        actor=None,
        data=services.DecisionInput(
            issuer=issuers["UBND-TP"],
            form=forms["BK-UBND"],
            number=1234,
            signed_on=dt.date(2020, 4, 15),
            signer_name="Trần Văn Hùng",
            signer_title="Phó Chủ tịch",
            subject="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố năm 2019",
            year=2019,
            campaign=campaigns["TD-NAM"],
            achievement="Đã có thành tích xuất sắc trong sản xuất kinh doanh năm 2019",
        ),
        items=[services.ItemInput(form=forms["BK-UBND"], unit=units[code]) for code in ("DV017", "DV029", "DV041")]
        + [services.ItemInput(form=forms["BK-UBND"], person=person) for person in people],
    )


def _ct05_2020(forms, issuers, campaigns, units) -> None:
    """Each unit proposes (itself and its people); staff approve; one decision for 12 + 29."""
    proposals = []
    person_counts = {code: (3 if index == 0 else 2) for index, code in enumerate(CT05_PEOPLE_UNITS)}
    for code in CT05_PEOPLE_UNITS:
        unit = units[code]
        people = _people_of(unit, person_counts[code], start=int(code[2:]) * 5)
        items = [
            services.ItemInput(
                form=forms["GK-DUK"],
                person=person,
                achievement="Tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2020",
            )
            for person in people
        ]
        if code in CT05_COLLECTIVES:
            items.insert(
                0,
                services.ItemInput(
                    form=forms["GK-DUK"],
                    unit=unit,
                    achievement="Thực hiện tốt Chỉ thị 05-CT/TW, gắn với nhiệm vụ sản xuất kinh doanh năm 2020",
                ),
            )
        proposal = services.proposal_create(
            actor=None,
            year=2020,
            title=f"Đề nghị tặng Giấy khen thực hiện Chỉ thị 05-CT/TW năm 2020 – {unit.short_name or unit.name}",
            items=items,
            proposer_unit=unit,
            campaign=campaigns["CT05"],
        )
        handed_in = dt.datetime(2021, 6, 10, 9, 0, tzinfo=dt.UTC)
        services.proposal_submit(proposal=proposal, actor=None, submitted_at=handed_in)
        services.proposal_review(proposal=proposal, actor=None, approve=True)
        proposals.append(proposal)
    services.decision_create(
        actor=None,
        data=services.DecisionInput(
            issuer=issuers["DUK"],
            form=forms["GK-DUK"],
            number=86,
            signed_on=dt.date(2021, 6, 28),
            signer_name="Đỗ Quang Khoa",
            signer_title="Bí thư",
            subject="Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong thực hiện "
            "Chỉ thị 05-CT/TW của Bộ Chính trị năm 2020",
            year=2020,
            campaign=campaigns["CT05"],
            achievement="Đã có thành tích xuất sắc trong thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về đẩy mạnh "
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2020",
        ),
        proposals=proposals,
    )
