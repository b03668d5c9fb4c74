"""Writes of periodic reporting: catalogue, values, workflow, window values, reminders.

Workflow of a submission: draft → submitted → returned (with a comment) → submitted … →
approved (locked). Unlocking an approved submission is a staff action, logged with a comment,
that returns it to the unit. Every value change is written to ValueAudit in the same
transaction; concurrent saves of one form are detected with the submission's `version`
(optimistic locking: the loser gets a clear message and nothing is written).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import Role, User
from khoi.core.text import clean_text
from khoi.units.models import UnitGroup

from . import catalogue
from .aggregation import StoredValue, window_values
from .entry import field_name, indicator_applies, parse_posted, submission_items, value_periods
from .models import (
    FormIndicator,
    Indicator,
    IndicatorValue,
    Notice,
    ReportForm,
    ReportingRound,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    TimeAggregation,
    ValidationRule,
    ValueAudit,
    WindowValue,
)
from .periods import Period
from .providers import record_providers
from .validation import RuleResult, submission_check, submission_validate
from .windows import windows_refresh_for_submissions

# Re-exported: pages, the API and other apps call these through the services module.
__all__ = ["RuleResult", "field_name", "indicator_applies", "submission_check", "submission_items", "value_periods"]


# ---- catalogue ---------------------------------------------------------------------------------


@transaction.atomic
def catalogue_install() -> int:
    """Create the standard indicators, rules and form if missing (idempotent). Returns how many
    indicators were created. Indicators another app counts from its records (providers) are not
    on the form, and no rule is installed over their typed values."""
    created = 0
    by_code = {indicator.code: indicator for indicator in Indicator.objects.all()}
    for spec in catalogue.INDICATORS:
        if spec["code"] in by_code:
            continue
        fields = {k: v for k, v in spec.items() if k not in {"groups", "numerator", "denominator", "base", "part_of"}}
        for relation in ("numerator", "denominator", "base", "part_of"):
            if relation in spec:
                fields[relation] = by_code[spec[relation]]
        indicator = Indicator.objects.create(**fields)
        if spec.get("groups"):
            indicator.groups.set(UnitGroup.objects.filter(code__in=spec["groups"]))
        by_code[indicator.code] = indicator
        created += 1
    recorded = set(record_providers())  # counted from another app's records, never typed
    for rule in catalogue.RULES:
        if recorded & set(re.findall(r"[a-z_][a-z0-9_]*", rule["expression"])):
            continue  # a rule over typed values of a figure nobody types
        ValidationRule.objects.get_or_create(code=rule["code"], defaults=rule)
    form, made = ReportForm.objects.get_or_create(
        code=catalogue.STANDARD_FORM["code"],
        defaults={"name": catalogue.STANDARD_FORM["name"], "frequency": catalogue.STANDARD_FORM["frequency"]},
    )
    if made:
        FormIndicator.objects.bulk_create(
            [
                FormIndicator(form=form, indicator=indicator, order=indicator.order, required=True)
                for indicator in sorted(by_code.values(), key=lambda i: (i.order, i.code))
                if not indicator.is_computed and indicator.code not in recorded
            ]
        )
    return created


# ---- helpers -----------------------------------------------------------------------------------


def _event(submission: Submission, action: str, actor: User | None, old: str, comment: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission, action=action, from_status=old, to_status=submission.status, comment=comment, actor=actor
    )


def _bump_version(submission: Submission, expected_version: int | None) -> None:
    """Optimistic locking: advance the version only if nobody else has saved since we read it."""
    version = submission.version if expected_version is None else expected_version
    updated = Submission.objects.filter(pk=submission.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise ValidationError(
            {
                "version": _(
                    "Someone else saved this form while you were editing it. Reload the page to see their "
                    "figures; nothing of yours was saved."
                )
            }
        )
    submission.version = version + 1


# ---- window values (the aggregation store) ----------------------------------------------------

COUNTED_STATUSES = (SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED)


@transaction.atomic
def window_values_refresh(*, unit_ids: Iterable[int], years: Iterable[int]) -> int:
    """Recompute the standard windows of these units in these years from their approved and
    submitted values (see aggregation.py). Called by every service that changes what counts."""
    unit_list, year_list = sorted(set(unit_ids)), sorted(set(years))
    if not unit_list or not year_list:
        return 0
    stock_ids = set(Indicator.objects.filter(time_aggregation=TimeAggregation.STOCK).values_list("id", flat=True))
    grouped: dict[tuple[int, int], list[StoredValue]] = {}
    for unit_id, indicator_id, period_code, value, status in IndicatorValue.objects.filter(
        unit_id__in=unit_list,
        period_start__year__in=year_list,
        submission__status__in=COUNTED_STATUSES,
    ).values_list("unit_id", "indicator_id", "period_code", "value", "submission__status"):
        period = Period.parse(period_code)
        grouped.setdefault((unit_id, period.year), []).append(
            StoredValue(indicator_id, period, value, status == SubmissionStatus.APPROVED)
        )
    WindowValue.objects.filter(unit_id__in=unit_list, year__in=year_list).delete()
    rows = []
    for (unit_id, year), stored in grouped.items():
        for (indicator_id, code), (approved, submitted) in window_values(
            stored, stock_indicator_ids=stock_ids, year=year
        ).items():
            rows.append(
                WindowValue(
                    unit_id=unit_id,
                    indicator_id=indicator_id,
                    year=year,
                    window_code=code,
                    approved_value=approved,
                    submitted_value=submitted,
                )
            )
    WindowValue.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _refresh_submissions(submissions: Iterable[Submission]) -> None:
    """Only the windows these submissions' values lie in (windows.py), not the units' years."""
    windows_refresh_for_submissions(submission_ids=[submission.pk for submission in submissions])


# ---- values ------------------------------------------------------------------------------------


@transaction.atomic
def submission_save_values(
    *,
    submission: Submission,
    actor: User | None,
    values: Mapping[str, Any],
    expected_version: int | None,
    source: str = "web",
) -> Submission:
    """Save typed values (a draft). `values` maps field names ("v-revenue-2021-H1") to text or
    numbers; an empty text removes a value. Nothing is written if any cell is wrong, if the form
    is locked, or if someone else saved it since `expected_version`."""
    submission = (
        Submission.objects.select_for_update().select_related("reporting_round__form", "unit").get(pk=submission.pk)
    )
    if not submission.is_editable:
        raise ValidationError(
            {
                "status": _("This form is %(status)s and locked: its values cannot be changed.")
                % {"status": submission.get_status_display().lower()}
            }
        )
    if submission.reporting_round.status != ReportingRound.Status.OPEN:
        raise ValidationError({"status": _("This reporting round is closed.")})
    period = Period.parse(submission.reporting_round.period_code)
    periods = value_periods(form=submission.reporting_round.form, period=period)
    items = submission_items(submission=submission)
    parsed, errors = parse_posted(raw=values, items=items, periods=periods)
    if errors:
        raise ValidationError(errors)
    _bump_version(submission, expected_version)
    _write_values(submission=submission, actor=actor, parsed=parsed, periods=periods, source=source)
    return submission


def _write_values(
    *,
    submission: Submission,
    actor: User | None,
    parsed: Mapping[tuple[int, str], Decimal | None],
    periods: list[Period],
    source: str,
) -> None:
    existing = {(v.indicator_id, v.period_code): v for v in submission.values.all()}
    by_code = {str(p): p for p in periods}
    audits = []
    for (indicator_id, period_code), new in parsed.items():
        current = existing.get((indicator_id, period_code))
        old = current.value if current else None
        if old is not None and new is not None and Decimal(old) == new:
            continue
        if old is None and new is None:
            continue
        if new is None and current is not None:
            current.delete()
        elif current is not None and new is not None:
            current.value = new
            current.save(update_fields=["value", "updated_at"])
        elif new is not None:
            period = by_code[period_code]
            if IndicatorValue.objects.filter(
                unit=submission.unit, indicator_id=indicator_id, period_code=period_code
            ).exists():
                raise ValidationError(
                    {
                        "values": _("A value for %(period)s is already recorded in another form.")
                        % {"period": period.label}
                    }
                )
            IndicatorValue.objects.create(
                submission=submission,
                unit=submission.unit,
                indicator_id=indicator_id,
                period_code=period_code,
                period_kind=period.kind,
                period_start=period.start,
                period_end=period.end,
                months=period.month_count,
                value=new,
            )
        audits.append(
            ValueAudit(
                unit=submission.unit,
                indicator_id=indicator_id,
                submission=submission,
                period_code=period_code,
                old_value=old,
                new_value=new,
                submission_status=submission.status,
                source=source,
                changed_by=actor,
            )
        )
    ValueAudit.objects.bulk_create(audits)


# ---- checks ------------------------------------------------------------------------------------


# ---- workflow ----------------------------------------------------------------------------------


def _require_status(submission: Submission, allowed: Iterable[str], action: str) -> None:
    if submission.status not in allowed:
        raise ValidationError(
            {
                "status": _("A %(status)s form cannot be %(action)s.")
                % {"status": submission.get_status_display().lower(), "action": action}
            }
        )


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("reporting_round__form", "unit").get(pk=submission.pk)


@transaction.atomic
def submission_submit(
    *,
    submission: Submission,
    actor: User | None,
    explanations: Mapping[str, str] | None = None,
    expected_version: int | None = None,
) -> Submission:
    """Submit for review: every required value given, no error rule broken, every broken
    warning rule explained."""
    submission = _lock(submission)
    _require_status(submission, [SubmissionStatus.DRAFT, SubmissionStatus.RETURNED], _("submitted"))
    if submission.reporting_round.status != ReportingRound.Status.OPEN:
        raise ValidationError({"status": _("This reporting round is closed.")})
    report = submission_validate(submission=submission, explanations=explanations)
    report.raise_if_blocking()
    explained = report.explanations
    _bump_version(submission, expected_version)
    old = submission.status
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.explanations = explained
    submission.save(update_fields=["status", "submitted_at", "explanations", "updated_at"])
    _event(submission, "submit", actor, old)
    _refresh_submissions([submission])
    return submission


@transaction.atomic
def submission_return(*, submission: Submission, actor: User | None, comment: str) -> Submission:
    """Staff send a submitted form back to the unit with a comment."""
    comment = clean_text(comment or "", multiline=True)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the unit should correct.")})
    submission = _lock(submission)
    _require_status(submission, [SubmissionStatus.SUBMITTED], _("returned"))
    old = submission.status
    submission.status = SubmissionStatus.RETURNED
    submission.return_comment = comment.strip()
    submission.version += 1
    submission.save(update_fields=["status", "return_comment", "version", "updated_at"])
    _event(submission, "return", actor, old, comment.strip())
    _refresh_submissions([submission])
    _notify_reporters(
        submission,
        _("Your form “%(form)s” for %(period)s was returned: %(comment)s")
        % {
            "form": submission.reporting_round.form.name,
            "period": Period.parse(submission.reporting_round.period_code).label,
            "comment": comment.strip(),
        },
    )
    return submission


@transaction.atomic
def submission_approve(*, submission: Submission, actor: User | None) -> Submission:
    """Staff approve a submitted form: its values count in the bloc's totals and are locked."""
    submission = _lock(submission)
    _require_status(submission, [SubmissionStatus.SUBMITTED], _("approved"))
    old = submission.status
    submission.status = SubmissionStatus.APPROVED
    submission.approved_at = timezone.now()
    submission.version += 1
    submission.save(update_fields=["status", "approved_at", "version", "updated_at"])
    _event(submission, "approve", actor, old)
    _refresh_submissions([submission])
    return submission


@transaction.atomic
def submission_bulk_approve(*, submission_ids: Iterable[int], actor: User | None) -> int:
    """Approve every listed form that is submitted (one transaction); returns how many."""
    ids = list(submission_ids)
    if not ids:
        raise ValidationError({"submission_ids": _("Select at least one submitted form to approve.")})
    submissions = list(
        Submission.objects.select_for_update(of=("self",)).filter(pk__in=ids).select_related("reporting_round")
    )
    not_ready = [s for s in submissions if s.status != SubmissionStatus.SUBMITTED]
    if not_ready:
        raise ValidationError(
            {
                "submission_ids": _("%(count)d of the selected forms are not waiting for approval.")
                % {"count": len(not_ready)}
            }
        )
    now = timezone.now()
    for submission in submissions:
        submission.status = SubmissionStatus.APPROVED
        submission.approved_at = now
        submission.version += 1
    Submission.objects.bulk_update(submissions, ["status", "approved_at", "version"])
    SubmissionEvent.objects.bulk_create(
        [
            SubmissionEvent(
                submission=s, action="approve", from_status=SubmissionStatus.SUBMITTED, to_status=s.status, actor=actor
            )
            for s in submissions
        ]
    )
    _refresh_submissions(submissions)
    return len(submissions)


@transaction.atomic
def submission_unlock(*, submission: Submission, actor: User | None, comment: str) -> Submission:
    """Unlock an approved form (a logged staff action): it goes back to the unit as returned."""
    comment = clean_text(comment or "", multiline=True)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the approved form is unlocked.")})
    submission = _lock(submission)
    _require_status(submission, [SubmissionStatus.APPROVED], _("unlocked"))
    old = submission.status
    submission.status = SubmissionStatus.RETURNED
    submission.return_comment = comment.strip()
    submission.approved_at = None
    submission.version += 1
    submission.save(update_fields=["status", "return_comment", "approved_at", "version", "updated_at"])
    _event(submission, "unlock", actor, old, comment.strip())
    _refresh_submissions([submission])
    return submission


def _reporters(submission: Submission) -> list[User]:
    return list(User.objects.filter(role=Role.REPORTER, unit=submission.unit, is_active=True))


def _notify_reporters(submission: Submission, text: str) -> list[User]:
    users = _reporters(submission)
    Notice.objects.bulk_create(
        [Notice(user=user, text=text[:500], url=f"/reporting/submissions/{submission.pk}/") for user in users]
    )
    return users


@transaction.atomic
def submission_remind(*, submission: Submission, actor: User | None) -> int:
    """Remind a unit to submit: an in-app notice and an email to its reporters. Returns how many
    people were reminded."""
    submission = _lock(submission)
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise ValidationError({"status": _("This form has already been submitted.")})
    reporting_round = submission.reporting_round
    period = Period.parse(reporting_round.period_code)
    text = _("Reminder: the form “%(form)s” for %(period)s was due on %(deadline)s.") % {
        "form": reporting_round.form.name,
        "period": period.label,
        "deadline": reporting_round.deadline.strftime("%d/%m/%Y"),
    }
    users = _notify_reporters(submission, text)
    emails = [user.email for user in users if user.email]
    if emails:
        send_mail(
            subject=_("Reminder: report for %(period)s") % {"period": period.label},
            message=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=emails,
        )
    submission.reminded_at = timezone.now()
    submission.save(update_fields=["reminded_at", "updated_at"])
    _event(submission, "remind", actor, submission.status)
    return len(users)


@transaction.atomic
def notice_mark_read(*, user: User, notice_ids: Iterable[int] | None = None) -> int:
    notices = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(pk__in=list(notice_ids))
    return notices.update(read_at=timezone.now())


@transaction.atomic
def submission_save_and_submit(
    *,
    submission: Submission,
    actor: User | None,
    values: Mapping[str, Any],
    explanations: Mapping[str, str] | None,
    expected_version: int | None,
) -> Submission:
    """Save the typed values and submit, as one step. The posted values are validated first, all
    at once: if anything refuses the submission (a bad cell, a missing value, an error rule, an
    unexplained warning) every problem is raised together and nothing is saved."""
    submission_validate(submission=submission, values=values, explanations=explanations).raise_if_blocking()
    submission = submission_save_values(
        submission=submission, actor=actor, values=values, expected_version=expected_version
    )
    return submission_submit(submission=submission, actor=actor, explanations=explanations)
