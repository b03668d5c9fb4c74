"""Writes of reporting rounds: open a round (one draft submission per unit that must answer) and close it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.units.models import BASE_KINDS
from khoi.units.selectors import unit_list_active_on

from .models import ReportForm, ReportingRound, Submission
from .periods import Period


@transaction.atomic
def round_open(
    *,
    form: ReportForm,
    period_code: str,
    deadline: dt.date,
    actor: User | None,
    unit_ids: Iterable[int] | None = None,
) -> ReportingRound:
    """Open a round and create one draft submission for each unit that must answer (by default
    the bloc's base organisations at the period's end)."""
    try:
        period = Period.parse(period_code)
    except ValueError as error:
        raise ValidationError(
            {
                "period_code": _("“%(code)s” is not a period (write 2021-Q1, 2021-H1, 2021-9M, 2021-Y or 2021-03).")
                % {"code": period_code}
            }
        ) from error
    if ReportingRound.objects.filter(form=form, period_code=str(period)).exists():
        raise ValidationError(
            {"period_code": _("This form already has a round for %(period)s.") % {"period": period.label}}
        )
    if deadline < period.start:
        raise ValidationError({"deadline": _("The deadline cannot be before the period starts.")})
    units = unit_list_active_on(on_date=period.end, kinds=BASE_KINDS)
    if unit_ids is not None:
        units = units.filter(pk__in=list(unit_ids))
    unit_list = list(units.order_by("code"))
    if not unit_list:
        raise ValidationError({"unit_ids": _("No unit of the bloc would answer this round.")})
    reporting_round = ReportingRound.objects.create(
        form=form, period_code=str(period), deadline=deadline, opened_by=actor
    )
    Submission.objects.bulk_create([Submission(reporting_round=reporting_round, unit=unit) for unit in unit_list])
    return reporting_round


@transaction.atomic
def round_close(*, reporting_round: ReportingRound, actor: User | None) -> ReportingRound:
    reporting_round.status = ReportingRound.Status.CLOSED
    reporting_round.save(update_fields=["status"])
    return reporting_round
