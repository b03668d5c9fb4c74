"""Periodic reporting: the indicator catalogue, forms, rounds, submissions, values, plans, rules.

Design (the good parts of DHIS2, the reference health-reporting platform):
- An ``Indicator`` has two separate aggregation rules: over time (``flow`` adds up over a window;
  ``stock`` is the value at the window's end) and over units (``sum``; ``ratio`` of two sums;
  ``count_if`` of units whose base indicator meets a condition).
- Values are stored once per unit × indicator × period, with the period the form collected
  (a month, a quarter, 6 months, 9 months or a year), and belong to one ``Submission`` (a unit's
  answer to a ``ReportingRound``). Only values of approved submissions count in totals, unless a
  caller asks to include submitted ones.
- Every change of a value is kept in ``ValueAudit``; every workflow step in ``SubmissionEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khoi.core.models import Versioned
from khoi.core.text import TEXT_MAX_LENGTH
from khoi.units.models import Unit, UnitGroup


class TimeAggregation(models.TextChoices):
    FLOW = "flow", _("Flow (adds up over the period)")
    STOCK = "stock", _("Stock (value at the end of the period)")


class UnitAggregation(models.TextChoices):
    SUM = "sum", _("Sum over units")
    RATIO = "ratio", _("Ratio of two sums")
    COUNT_IF = "count_if", _("Count of units meeting a condition")


class ValueType(models.TextChoices):
    DECIMAL = "decimal", _("Number with decimals")
    INTEGER = "integer", _("Whole number")


class CountOperator(models.TextChoices):
    GTE = ">=", "≥"
    GT = ">", ">"
    LTE = "<=", "≤"
    LT = "<", "<"
    EQ = "==", "="


class CountDenominator(models.TextChoices):
    ENTERPRISES = "enterprises", _("Enterprises of the scope (units with a tax code)")
    UNITS = "units", _("All base organisations of the scope")
    REPORTING = "reporting", _("Units that reported the indicator")


class Indicator(Versioned):
    """An indicator of the catalogue. Edited through khoi.reporting.catalogue_services: once it has
    values, what they mean (unit, type, aggregations, terms) is fixed — a new version replaces it
    in the forms and the old one keeps its history; names, decimals and groups stay editable."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("Vietnamese name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    unit_label = models.CharField(_("unit of measure"), max_length=60, blank=True, help_text=_("e.g. tỷ đồng"))
    value_type = models.CharField(_("value type"), max_length=10, choices=ValueType.choices, default=ValueType.DECIMAL)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=0)
    allow_negative = models.BooleanField(_("may be negative"), default=False)
    time_aggregation = models.CharField(
        _("aggregation over time"), max_length=10, choices=TimeAggregation.choices, default=TimeAggregation.FLOW
    )
    unit_aggregation = models.CharField(
        _("aggregation over units"), max_length=10, choices=UnitAggregation.choices, default=UnitAggregation.SUM
    )
    # ratio: numerator ÷ denominator × multiplier (sums first, then divide).
    numerator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("numerator")
    )
    denominator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("denominator")
    )
    multiplier = models.DecimalField(_("multiplier"), max_digits=12, decimal_places=4, default=1)
    # count_if: units whose `base` value (operator) threshold, out of `count_denominator`.
    base = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("base indicator")
    )
    count_operator = models.CharField(_("condition"), max_length=2, choices=CountOperator.choices, blank=True)
    count_threshold = models.DecimalField(_("threshold"), max_digits=20, decimal_places=4, null=True, blank=True)
    count_denominator = models.CharField(
        _("counted out of"), max_length=12, choices=CountDenominator.choices, default=CountDenominator.ENTERPRISES
    )
    # A disaggregation: this indicator is one part of `part_of`; the parts must add up to it.
    part_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="parts", verbose_name=_("part of")
    )
    groups = models.ManyToManyField(
        UnitGroup,
        blank=True,
        related_name="indicators",
        verbose_name=_("applies to unit groups"),
        help_text=_("Empty: every unit reports it."),
    )
    lower_is_better = models.BooleanField(
        _("lower is better"), default=False, help_text=_("e.g. the bad-debt ratio: a fall is shown as good news.")
    )
    has_plan = models.BooleanField(_("has a yearly plan"), default=False)
    is_key = models.BooleanField(_("key figure of the bloc overview"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    definition = models.TextField(_("definition"), max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit_aggregation="ratio") | Q(numerator__isnull=False, denominator__isnull=False),
                name="indicator_ratio_has_terms",
            ),
            models.CheckConstraint(
                condition=~Q(unit_aggregation="count_if")
                | (Q(base__isnull=False, count_threshold__isnull=False) & ~Q(count_operator="")),
                name="indicator_count_if_has_condition",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        """Ratios and counts are computed from other indicators, never typed."""
        return self.unit_aggregation != UnitAggregation.SUM


class ReportForm(models.Model):
    """A set of indicators collected together (biểu mẫu)."""

    class Frequency(models.TextChoices):
        WINDOW = "window", _("One value for the round's period")
        QUARTER = "Q", _("One value per quarter")
        MONTH = "M", _("One value per month")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    frequency = models.CharField(_("values per"), max_length=10, choices=Frequency.choices, default=Frequency.WINDOW)
    indicators = models.ManyToManyField(Indicator, through="FormIndicator", related_name="forms")

    class Meta:
        ordering = ["code"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self) -> str:
        return self.name


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["form", "indicator"], name="form_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.form_id}:{self.indicator_id}"


class ReportingRound(models.Model):
    """Staff open a round: a form, a period, a deadline and the units that must answer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("form"))
    period_code = models.CharField(_("period"), max_length=10)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [models.UniqueConstraint(fields=["form", "period_code"], name="round_form_period_unique")]

    def __str__(self) -> str:
        return f"{self.form.name} – {self.period_label}"  # a period by name, never its code, on a screen

    @property
    def period_label(self) -> str:
        from .periods import Period

        return Period.parse(self.period_code).label

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.status == self.Status.OPEN and timezone.localdate() > self.deadline


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Submission(models.Model):
    """One unit's answer to a round. `version` guards against lost updates (optimistic locking)."""

    reporting_round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("reporting round")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("unit"))
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    return_comment = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH, blank=True)
    explanations = models.JSONField(_("explanations of warnings"), default=dict, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reporting_round", "unit__code"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [models.UniqueConstraint(fields=["reporting_round", "unit"], name="submission_round_unit_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} – {self.reporting_round_id}"

    @property
    def is_locked(self) -> bool:
        return self.status == SubmissionStatus.APPROVED

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


EVENT_LABELS = {
    "submit": _("Submitted"),
    "return": _("Returned"),
    "approve": _("Approved"),
    "unlock": _("Unlocked"),
    "remind": _("Reminded"),
    "import": _("Imported from a history file"),
}


class SubmissionEvent(models.Model):
    """The workflow log: submit, return, approve, unlock, remind — who, when, comment."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    comment = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.action}"

    @property
    def action_label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


class IndicatorValue(models.Model):
    """A unit's value of an indicator for one stored period (as collected by the form)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    period_code = models.CharField(max_length=10)
    period_kind = models.CharField(max_length=2)
    period_start = models.DateField()
    period_end = models.DateField()
    months = models.PositiveSmallIntegerField(help_text="Months the period covers (1, 3, 6, 9 or 12).")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "period_code"], name="value_unit_indicator_period"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="value_period_ordered"),
        ]
        indexes = [
            models.Index(fields=["period_start", "period_end", "indicator"], name="value_window"),
            models.Index(fields=["submission"], name="value_submission"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.indicator_id} {self.period_code} = {self.value}"


class ValueAudit(models.Model):
    """Every change of a value: who, when, old, new, and the submission's state at the time."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="audit")
    period_code = models.CharField(max_length=10)
    old_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    new_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    submission_status = models.CharField(max_length=10)
    source = models.CharField(max_length=20, default="web")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.indicator_id} {self.period_code}: {self.old_value} → {self.new_value}"

    @property
    def period_label(self) -> str:
        from .periods import Period

        return Period.parse(self.period_code).label

    @property
    def status_label(self) -> str:
        """The form's state at the time of the change, in words."""
        return str(dict(SubmissionStatus.choices).get(self.submission_status, self.submission_status))


class Plan(models.Model):
    """A unit's yearly plan for an indicator (kế hoạch năm)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="plans")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=20, decimal_places=4)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "year"], name="plan_unit_indicator_year"),
            models.CheckConstraint(condition=Q(value__gt=0), name="plan_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.indicator_id} {self.year}: {self.value}"


class RuleSeverity(models.TextChoices):
    ERROR = "error", _("Error (blocks submission)")
    WARNING = "warning", _("Warning (needs an explanation)")


class ValidationRule(Versioned):
    """An expression over indicator codes checked on submission, e.g. `bad_loans <= loans`.

    `same_period(code)` is the unit's value for the same period a year earlier; `abs`, `min`,
    `max` are allowed. A rule whose values are missing is skipped (DHIS2's "skip if missing").
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    expression = models.CharField(_("expression"), max_length=500)
    severity = models.CharField(_("severity"), max_length=10, choices=RuleSeverity.choices, default=RuleSeverity.ERROR)
    message = models.CharField(_("message shown"), max_length=500)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["severity", "code"]
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """An in-app notice (e.g. a reminder to submit a form)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reporting_notices")
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text


class WindowValue(models.Model):
    """A unit's value of an indicator for a standard window (month, quarter, H1, 9M, year),
    derived from its stored values by ``aggregation.window_values``: from approved values only,
    and from approved plus submitted ones. Kept by ``windows.windows_refresh_for_submissions``
    whenever a form's counted values change (submit, return, approve, unlock): only the windows its
    values lie in, in SQL; ``services.window_values_refresh`` recomputes whole unit-years (demo data,
    benchmarks). The bloc's totals are one indexed query over units × indicators, never a nightly
    rebuild."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    window_code = models.CharField(max_length=10)
    approved_value = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    submitted_value = models.DecimalField(
        max_digits=24, decimal_places=4, null=True, help_text="Approved and submitted values together."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "window_code"], name="window_value_unique"),
        ]
        indexes = [
            # Covering: a window's totals are read from the index alone (PostgreSQL index-only scan).
            models.Index(
                fields=["window_code", "indicator", "unit", "approved_value", "submitted_value"],
                name="window_value_covering",
            ),
            models.Index(fields=["unit", "year"], name="window_value_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.indicator_id} {self.window_code}"


class HistoryImport(models.Model):
    """A workbook of past figures (khoi.reporting.history_import): kept from its preview to its
    import, then as the record of who brought which file (its SHA-256) in, and what it changed."""

    class Layout(models.TextChoices):
        TEMPLATE = "template", _("Khối's history template")
        SUMMARY = "summary", _("Summary tables (one sheet per period)")

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Previewed")
        IMPORTED = "imported", _("Imported")

    file_name = models.CharField(_("file"), max_length=255)
    file_hash = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    layout = models.CharField(_("layout"), max_length=10, choices=Layout.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    content = models.BinaryField(editable=False)
    # The summary layout's confirmed mapping: {"sheets": {title: period code}, "columns": {header: code}}.
    mapping = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("history import")
        verbose_name_plural = _("history imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.file_hash[:12]})"
