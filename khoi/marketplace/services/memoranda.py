"""Writes of memoranda of understanding (MoUs) and their status records. One transaction each;
bad input raises a ValidationError naming the field, and nothing is written."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.accounts.permissions import AnyUser

from .. import access
from ..models import (
    Category,
    Conference,
    Enterprise,
    Mou,
    MouStatus,
    MouStatusRecord,
    Participant,
)

MOU_AFTER_CONFERENCE = dt.timedelta(days=365)
STATUS_ORDER = [MouStatus.SIGNED, MouStatus.CONTRACTED, MouStatus.IN_USE, MouStatus.STOPPED]


# ---- Memoranda ---------------------------------------------------------------------------------


@transaction.atomic
def mou_create(
    *,
    actor: AnyUser | None,
    provider: Enterprise,
    customer: Enterprise,
    subject: str,
    category: Category,
    signed_on: dt.date,
    conference: Conference | None = None,
) -> Mou:
    if actor is not None and not (access.can_act_for(actor, provider) or access.can_act_for(actor, customer)):
        access.require_act_for(actor, customer)
    if provider.pk == customer.pk:
        raise ValidationError({"customer": _("A memorandum needs two different enterprises.")})
    if not subject.strip():
        raise ValidationError({"subject": _("Enter the subject of the memorandum.")})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("A memorandum cannot be signed in the future.")})
    if conference is not None and not conference.date <= signed_on <= conference.date + MOU_AFTER_CONFERENCE:
        raise ValidationError(
            {
                "signed_on": _("A memorandum of the conference of %(date)s is signed on that day or within a year.")
                % {"date": conference.date.strftime("%d/%m/%Y")}
            }
        )
    if (
        conference is not None
        and not Participant.objects.filter(conference=conference, enterprise__in=[provider, customer]).count() == 2
    ):
        raise ValidationError({"conference": _("Both parties must take part in the conference.")})
    mou = Mou.objects.create(
        conference=conference,
        provider=provider,
        customer=customer,
        subject=subject.strip(),
        category=category,
        signed_on=signed_on,
    )
    MouStatusRecord.objects.create(
        mou=mou, status=MouStatus.SIGNED, on_date=signed_on, recorded_by=actor if isinstance(actor, User) else None
    )
    return mou


@transaction.atomic
def mou_record_status(
    *, actor: AnyUser | None, mou: Mou, status: str, on_date: dt.date, note: str = ""
) -> MouStatusRecord:
    """Follow-up: ký kết → có hợp đồng → đang sử dụng → dừng (steps may be skipped, never undone)."""
    if actor is not None and not (access.can_act_for(actor, mou.provider) or access.can_act_for(actor, mou.customer)):
        access.require_act_for(actor, mou.customer)
    if status not in MouStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if on_date > timezone.localdate():
        raise ValidationError({"on_date": _("A follow-up record cannot be dated in the future.")})
    last = MouStatusRecord.objects.filter(mou=mou).order_by("-on_date", "-id").first()
    if last is not None:
        if on_date < last.on_date:
            raise ValidationError({"on_date": _("The date cannot be before the last follow-up record.")})
        if STATUS_ORDER.index(MouStatus(status)) <= STATUS_ORDER.index(MouStatus(last.status)):
            raise ValidationError(
                {"status": _("The status cannot go back from “%(status)s”.") % {"status": MouStatus(last.status).label}}
            )
    return MouStatusRecord.objects.create(
        mou=mou,
        status=status,
        on_date=on_date,
        note=note.strip(),
        recorded_by=actor if isinstance(actor, User) else None,
    )
