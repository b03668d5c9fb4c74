"""Demo figures of the seed bloc: 2020, 2021 and 2024, approved, adding up to the seeds' totals.

The figures come from khoi.reporting.demo_figures (pure: the same register gives the same figures
every time, each total exact to the seeds' published ones). ``load()`` writes them as
approved submissions of the standard form, plus an open 2024 nine-month round with units on
time, late and not submitted, so the workflow pages have something to show.

What the selectors give from this data (tests check each through the selectors):
- 6 tháng 2021 vs 2020: doanh thu 14.167 tỷ (tăng 28,7%), xuất khẩu 58 triệu USD (tăng 129%),
  nộp ngân sách 711 tỷ (tăng 84,7%), huy động 57.763 tỷ (tăng 11,8%), dư nợ 32.884 tỷ
  (tăng 13,9%), 26.874 lao động ("gần 27.000"), kết nạp 36, chuyển chính thức 70, 95 tổ chức
  cơ sở đảng được đánh giá chất lượng, an sinh xã hội 4,7 tỷ, Quỹ COVID-19 1,3 tỷ.
- Năm 2021 vs 2020: doanh thu 27.701 tỷ (tăng 7,7%), 38 đơn vị đạt và vượt kế hoạch, nộp ngân
  sách 975,9 tỷ (tăng 6,8%), 68 doanh nghiệp nộp từ 01 tỷ trở lên trên 93 doanh nghiệp (73,1%),
  xuất khẩu 131 triệu USD (tăng 79%), huy động 50.009 tỷ, dư nợ 38.162 tỷ (tăng 22,3%), nợ xấu
  0,78%, thu nhập bình quân 9,9 triệu đồng/người/tháng (tăng 10%).
- 6 tháng 2024: 93 tổ chức cơ sở đảng (36 đảng bộ, 57 chi bộ), 4.272 đảng viên, 25.186 lao động.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from khoi.units.models import BASE_KINDS, Unit
from khoi.units.selectors import unit_list_active_on

from . import catalogue
from .demo_figures import APPROVED_PERIODS, OPEN_PERIOD, PLAN_YEAR, D, demo_rng, generate, generate_plans
from .models import (
    Indicator,
    IndicatorValue,
    Plan,
    ReportForm,
    ReportingRound,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    ValueAudit,
)
from .periods import Period
from .services import catalogue_install, window_values_refresh


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


DEADLINE_DAYS = 20


def load() -> str:
    if ReportingRound.objects.filter(form__code=catalogue.STANDARD_FORM["code"]).exists():
        return "already loaded"
    if not Unit.objects.filter(code="DV001").exists():
        catalogue_install()
        return "catalogue only (no demo register)"
    with transaction.atomic():
        return _load()


def _load() -> str:
    from khoi.accounts.models import Role, User

    catalogue_install()
    form = ReportForm.objects.get(code=catalogue.STANDARD_FORM["code"])
    indicators = {i.code: i for i in Indicator.objects.all()}
    units = {u.code: u for u in Unit.objects.filter(kind__in=BASE_KINDS)}
    reporters = {u.unit_id: u for u in User.objects.filter(role=Role.REPORTER).order_by("id")}
    staff = User.objects.filter(username="vanphong").first()
    values = generate()
    by_period: dict[str, list[tuple[str, str, Decimal]]] = {}
    for (unit_code, code, period_code), value in values.items():
        by_period.setdefault(period_code, []).append((unit_code, code, value))

    value_count = 0
    for period_code in APPROVED_PERIODS:
        period = Period.parse(period_code)
        deadline = period.end + dt.timedelta(days=DEADLINE_DAYS)
        reporting_round = ReportingRound.objects.create(
            form=form, period_code=period_code, deadline=deadline, status=ReportingRound.Status.CLOSED, opened_by=staff
        )
        members = list(unit_list_active_on(on_date=period.end).order_by("code"))
        submissions = Submission.objects.bulk_create(
            [
                Submission(
                    reporting_round=reporting_round,
                    unit=unit,
                    status=SubmissionStatus.APPROVED,
                    version=2,
                    submitted_at=_aware(period.end + dt.timedelta(days=5 + index % 20)),
                    approved_at=_aware(deadline + dt.timedelta(days=3)),
                )
                for index, unit in enumerate(members)
            ]
        )
        value_count += _write(
            submissions, by_period.get(period_code, []), units, indicators, period, reporters, staff, approved=True
        )
    plans = generate_plans(values)
    Plan.objects.bulk_create(
        [
            Plan(unit=units[code], indicator=indicators["revenue"], year=PLAN_YEAR, value=value, updated_by=staff)
            for code, value in plans.items()
        ]
    )
    value_count += _load_open_round(form, units, indicators, values, reporters, staff)
    window_values_refresh(unit_ids=[u.pk for u in units.values()], years={2020, 2021, 2024})
    return f"{len(APPROVED_PERIODS) + 1} rounds, {value_count} values, {len(plans)} plans"


def _write(
    submissions: list[Submission],
    rows: list[tuple[str, str, Decimal]],
    units: dict[str, Unit],
    indicators: dict[str, Indicator],
    period: Period,
    reporters: Mapping[Any, Any],
    staff: Any,
    *,
    approved: bool,
) -> int:
    by_unit = {s.unit_id: s for s in submissions}
    objects = []
    audits = []
    for unit_code, code, value in rows:
        unit = units[unit_code]
        submission = by_unit.get(unit.pk)
        if submission is None:
            continue
        objects.append(
            IndicatorValue(
                submission=submission,
                unit=unit,
                indicator=indicators[code],
                period_code=str(period),
                period_kind=period.kind,
                period_start=period.start,
                period_end=period.end,
                months=period.month_count,
                value=value,
            )
        )
        audits.append(
            ValueAudit(
                unit=unit,
                indicator=indicators[code],
                submission=submission,
                period_code=str(period),
                old_value=None,
                new_value=value,
                submission_status=SubmissionStatus.DRAFT,
                source="demo",
                changed_by=reporters.get(unit.pk),
            )
        )
    IndicatorValue.objects.bulk_create(objects, batch_size=2000)
    ValueAudit.objects.bulk_create(audits, batch_size=2000)
    events = []
    for submission in submissions:
        events.append(
            SubmissionEvent(
                submission=submission,
                action="submit",
                from_status=SubmissionStatus.DRAFT,
                to_status=SubmissionStatus.SUBMITTED,
                actor=reporters.get(submission.unit_id),
            )
        )
        if approved:
            events.append(
                SubmissionEvent(
                    submission=submission,
                    action="approve",
                    from_status=SubmissionStatus.SUBMITTED,
                    to_status=SubmissionStatus.APPROVED,
                    actor=staff,
                )
            )
    SubmissionEvent.objects.bulk_create(events, batch_size=2000)
    return len(objects)


def _load_open_round(
    form: ReportForm,
    units: dict[str, Unit],
    indicators: dict[str, Indicator],
    values: Mapping[tuple[str, str, str], Decimal],
    reporters: Mapping[Any, Any],
    staff: Any,
) -> int:
    """2024 nine months, still open: 8 approved, 45 on time, 15 late, 2 returned, the rest not
    submitted (some with a draft started)."""
    period = Period.parse(OPEN_PERIOD)
    deadline = dt.date(2024, 10, 15)
    reporting_round = ReportingRound.objects.create(
        form=form, period_code=OPEN_PERIOD, deadline=deadline, status=ReportingRound.Status.OPEN, opened_by=staff
    )
    members = list(unit_list_active_on(on_date=period.end).order_by("code"))
    states: list[tuple[str, dt.datetime | None]] = []
    for index, _unit in enumerate(members):
        if index < 8:
            states.append((SubmissionStatus.APPROVED, _aware(dt.date(2024, 10, 5 + index))))
        elif index < 53:
            states.append((SubmissionStatus.SUBMITTED, _aware(dt.date(2024, 10, 1 + index % 15))))
        elif index < 68:
            states.append((SubmissionStatus.SUBMITTED, _aware(dt.date(2024, 10, 16 + index % 12))))
        elif index < 70:
            states.append((SubmissionStatus.RETURNED, _aware(dt.date(2024, 10, 12))))
        else:
            states.append((SubmissionStatus.DRAFT, None))
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                reporting_round=reporting_round,
                unit=unit,
                status=status,
                version=1,
                submitted_at=submitted_at,
                approved_at=_aware(dt.date(2024, 10, 20)) if status == SubmissionStatus.APPROVED else None,
                return_comment=(
                    "Đề nghị kiểm tra lại số lao động nữ và số lao động nam."
                    if status == SubmissionStatus.RETURNED
                    else ""
                ),
            )
            for unit, (status, submitted_at) in zip(members, states, strict=True)
        ]
    )
    filled = [
        s for s, (status, _at) in zip(submissions, states, strict=True) if status != SubmissionStatus.DRAFT
    ] + submissions[70:75]  # five drafts already started
    rows = []
    for submission in filled:
        unit_code = next(code for code, unit in units.items() if unit.pk == submission.unit_id)
        rng = demo_rng("9m", unit_code)
        for (code_unit, code, p), value in values.items():
            if code_unit != unit_code or p != "2024-H1":
                continue
            indicator = indicators[code]
            if code in ("female_workers", "male_workers", "high_skilled_workers"):
                new = value
            elif indicator.time_aggregation == "stock":
                new = value if code in ("workers", "party_members") else (value * D(repr(rng.uniform(0.97, 1.05))))
            else:
                new = value * D(repr(rng.uniform(1.4, 1.6)))
            places = 0 if indicator.value_type == "integer" else 2
            rows.append((unit_code, code, new.quantize(D(1).scaleb(-places))))
    count = _write(filled, rows, units, indicators, period, reporters, staff, approved=False)
    SubmissionEvent.objects.bulk_create(
        [
            SubmissionEvent(
                submission=s,
                action="approve" if s.status == SubmissionStatus.APPROVED else "return",
                from_status=SubmissionStatus.SUBMITTED,
                to_status=s.status,
                comment=s.return_comment,
                actor=staff,
            )
            for s in submissions
            if s.status in (SubmissionStatus.APPROVED, SubmissionStatus.RETURNED)
        ]
    )
    return count
