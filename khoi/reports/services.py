"""Writes of the reports app: wording templates, document headers, generation jobs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.text import clean_text
from khoi.core.versioning import save_if_current
from khoi.units.models import Unit

from . import prose
from .models import (
    CountCondition,
    DocumentSettings,
    IndicatorStyle,
    ProseSection,
    ProseTarget,
    ProseTemplate,
    ReportFormat,
    ReportJob,
)


def _unknown_message(unknown: Iterable[str]) -> str:
    names = ", ".join("{" + name + "}" for name in unknown)
    return _("These placeholders do not exist: %(names)s.") % {"names": names}


def prose_template_validate(*, text: str) -> None:
    """A template may only name indicators that have a wording, count conditions, and the period."""
    if not text.strip():
        raise ValidationError({"text": _("The template text is empty.")})
    unknown = prose.unknown_placeholders(
        text,
        indicator_codes=IndicatorStyle.objects.values_list("indicator_code", flat=True),
        count_codes=CountCondition.objects.values_list("code", flat=True),
        target_codes=ProseTarget.objects.values_list("code", flat=True),
    )
    if unknown:
        raise ValidationError({"text": _unknown_message(unknown)})


@transaction.atomic
def prose_template_save(
    *,
    template: ProseTemplate | None = None,
    name: str,
    period_kind: str,
    text: str,
    is_active: bool = True,
    section: str = ProseSection.KEY_FIGURES,
    actor: User | None = None,
    expected_version: int | None = None,
) -> ProseTemplate:
    """Create or edit a wording template; a stale edit (someone saved since `expected_version`)
    is refused and writes nothing."""
    name, text = clean_text(name, multiline=False), clean_text(text, multiline=True)
    prose_template_validate(text=text)
    if not name.strip():
        raise ValidationError({"name": _("Give the template a name.")})
    if section not in ProseSection.values:
        raise ValidationError({"section": _("Unknown section.")})
    template = template or ProseTemplate()
    if is_active:
        # One template in use per kind of period: switching one on switches the other off (undone
        # with the rest of the transaction when the edit is stale).
        ProseTemplate.objects.filter(period_kind=period_kind, section=section, is_active=True).exclude(
            pk=template.pk
        ).update(is_active=False)
    template.name, template.period_kind, template.text, template.is_active = name.strip(), period_kind, text, is_active
    template.section = section
    template.full_clean(exclude=["updated_by"])
    if template.pk is None:
        template.updated_by = actor
        template.save()
    else:
        save_if_current(template, expected_version=expected_version, actor=actor)
    return template


def indicator_style_validate(*, phrase: str) -> None:
    unknown = prose.unknown_in_phrase(phrase, prose.PHRASE_PLACEHOLDERS)
    if unknown:
        raise ValidationError({"phrase": _unknown_message(unknown)})


@transaction.atomic
def indicator_style_save(
    *,
    indicator_code: str,
    phrase: str,
    unit_label: str = "",
    decimals: int | None = None,
    growth_decimals: int = 1,
    actor: User | None = None,
    expected_version: int | None = None,
) -> IndicatorStyle:
    """An indicator's wording, created on first save; a stale edit of an existing one (someone
    saved since `expected_version`) is refused and writes nothing."""
    indicator_style_validate(phrase=phrase)
    if decimals is not None and not 0 <= decimals <= 6:
        raise ValidationError({"decimals": _("Decimals must be between 0 and 6.")})
    fields = {"phrase": phrase, "unit_label": unit_label, "decimals": decimals, "growth_decimals": growth_decimals}
    style = IndicatorStyle.objects.filter(indicator_code=indicator_code).first()
    if style is None:
        return IndicatorStyle.objects.create(indicator_code=indicator_code, updated_by=_user(actor), **fields)
    for name, value in fields.items():
        setattr(style, name, value)
    save_if_current(style, expected_version=expected_version, actor=actor)
    return style


def _user(actor: Any) -> User | None:
    return actor if isinstance(actor, User) else None


def count_condition_validate(*, phrase: str) -> None:
    unknown = prose.unknown_in_phrase(phrase, prose.COUNT_PHRASE_PLACEHOLDERS)
    if unknown:
        raise ValidationError({"phrase": _unknown_message(unknown)})


@transaction.atomic
def count_condition_save(
    *,
    code: str,
    indicator_code: str,
    operator: str,
    threshold: Decimal,
    phrase: str,
    denominator: str = CountCondition.Denominator.ENTERPRISES,
) -> CountCondition:
    count_condition_validate(phrase=phrase)
    if operator not in CountCondition.Operator.values:
        raise ValidationError({"operator": _("Unknown condition.")})
    condition, _created = CountCondition.objects.update_or_create(
        code=code,
        defaults={
            "indicator_code": indicator_code,
            "operator": operator,
            "threshold": threshold,
            "phrase": phrase,
            "denominator": denominator,
        },
    )
    return condition


REQUIRED_HEADER_FIELDS = ("parent_body", "issuing_body", "symbol", "place", "signing_authority", "signer_title")


@transaction.atomic
def document_settings_save(
    *, bloc: Unit, actor: User | None = None, expected_version: int | None = None, **fields: Any
) -> DocumentSettings:
    """The bloc's document header; the bodies are written in capitals as Hướng dẫn 36 requires.
    A stale edit (someone saved since `expected_version`) is refused and writes nothing."""
    missing = {name: [_("This field is required.")] for name in REQUIRED_HEADER_FIELDS if not fields.get(name)}
    if missing:
        raise ValidationError(missing)
    for name in ("parent_body", "issuing_body", "signing_authority", "signer_title"):
        fields[name] = str(fields[name]).upper()
    settings_row = DocumentSettings.objects.filter(bloc=bloc).first()
    if settings_row is None:
        return DocumentSettings.objects.create(bloc=bloc, updated_by=_user(actor), **fields)
    for name, value in fields.items():
        setattr(settings_row, name, value)
    save_if_current(settings_row, expected_version=expected_version, actor=actor)
    return settings_row


# ---- Background generation ---------------------------------------------------------------------


@transaction.atomic
def report_job_create(
    *,
    requested_by: User,
    period_code: str,
    scope: dict[str, Any],
    format: str,
    number: str = "",
    document_date: dt.date | None = None,
    signer_name: str = "",
) -> ReportJob:
    if format not in ReportFormat.values:
        raise ValidationError({"format": _("Unknown format.")})
    return ReportJob.objects.create(
        requested_by=requested_by,
        period_code=period_code,
        scope=scope,
        format=format,
        number=number,
        document_date=document_date,
        signer_name=signer_name,
    )


def report_job_progress(*, job_id: Any, progress: int) -> None:
    """Progress of a running job (one UPDATE; readers poll it)."""
    ReportJob.objects.filter(pk=job_id).update(status=ReportJob.Status.RUNNING, progress=min(100, max(0, progress)))


@transaction.atomic
def report_job_finish(*, job_id: Any, filename: str, content: bytes) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.DONE, progress=100, filename=filename, content=content, finished_at=timezone.now()
    )


@transaction.atomic
def report_job_fail(*, job_id: Any, message: str) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.FAILED, message=message[:500], content=None, finished_at=timezone.now()
    )


def report_job_run(*, job_id: Any) -> None:
    """Generate a job's document, reporting progress; a failure is recorded, never half a file."""
    from khoi.reporting.periods import Period

    from . import inputs, report_files

    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == ReportJob.Status.DONE:
        return
    report_job_progress(job_id=job.pk, progress=1)
    try:
        scope = inputs.scope_from_params(job.scope)
        filename, content = report_files.report_document(
            period=Period.parse(job.period_code),
            scope=scope,
            format=job.format,
            number=job.number,
            on=job.document_date,
            signer_name=job.signer_name,
            progress=lambda percent: report_job_progress(job_id=job.pk, progress=min(percent, 99)),
        )
    except ValidationError as error:
        report_job_fail(job_id=job.pk, message=" ".join(error.messages))
        return
    except Exception:  # recorded for the person waiting, then re-raised for the log
        report_job_fail(job_id=job.pk, message=_("The document could not be generated."))
        raise
    report_job_finish(job_id=job.pk, filename=filename, content=content)


def report_job_start(
    *,
    requested_by: User,
    period_code: str,
    scope: dict[str, Any],
    format: str,
    number: str = "",
    document_date: dt.date | None = None,
    signer_name: str = "",
) -> ReportJob:
    """Queue a job and hand it to the task framework (after the transaction commits)."""
    from .tasks import generate_report_document

    job = report_job_create(
        requested_by=requested_by,
        period_code=period_code,
        scope=scope,
        format=format,
        number=number,
        document_date=document_date,
        signer_name=signer_name,
    )
    transaction.on_commit(lambda: generate_report_document.enqueue(str(job.pk)))
    return job
