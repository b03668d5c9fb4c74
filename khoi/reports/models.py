"""What staff edit about generated reports (wording, document header) and the generation jobs.

Figures are never stored here: they always come from the reporting engine's selectors.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khoi.core.models import Versioned
from khoi.core.text import TEXT_MAX_LENGTH
from khoi.units.models import Unit


class PeriodKind(models.TextChoices):
    MONTH = "M", _("Month")
    QUARTER = "Q", _("Quarter")
    FIRST_HALF = "H1", _("First six months")
    NINE_MONTHS = "9M", _("Nine months")
    YEAR = "Y", _("Year")


class IndicatorStyle(Versioned):
    """How the prose writes one indicator: its phrase, unit and rounding (staff edit these)."""

    indicator_code = models.SlugField(_("indicator code"), max_length=60, unique=True)
    unit_label = models.CharField(
        _("unit written"), max_length=60, blank=True, help_text=_("Empty: the indicator's own unit.")
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), null=True, blank=True, help_text=_("Empty: the indicator's own rounding.")
    )
    growth_decimals = models.PositiveSmallIntegerField(_("decimals of the change"), default=1)
    phrase = models.CharField(
        _("phrase"),
        max_length=500,
        default="{name} {value}, {change}",
        help_text=_("Placeholders: {name}, {value} (with its unit), {unit}, {change}, {same_period}."),
    )

    class Meta:
        ordering = ["indicator_code"]
        verbose_name = _("indicator wording")
        verbose_name_plural = _("indicator wordings")
        constraints = [models.CheckConstraint(condition=Q(decimals__lte=6), name="style_decimals_at_most_6")]

    def __str__(self) -> str:
        return self.indicator_code


class CountCondition(models.Model):
    """A count of units meeting a condition, for the prose ("68 doanh nghiệp nộp ngân sách từ 01 tỷ …")."""

    class Operator(models.TextChoices):
        GTE = ">=", "≥"
        GT = ">", ">"
        LTE = "<=", "≤"
        LT = "<", "<"

    class Denominator(models.TextChoices):
        ENTERPRISES = "enterprises", _("Enterprises of the scope")
        UNITS = "units", _("All base organisations of the scope")
        REPORTING = "reporting", _("Units that reported the indicator")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    indicator_code = models.SlugField(_("indicator code"), max_length=60)
    operator = models.CharField(_("condition"), max_length=2, choices=Operator.choices, default=Operator.GTE)
    threshold = models.DecimalField(
        _("threshold"), max_digits=20, decimal_places=4, help_text=_("In the indicator's own unit.")
    )
    denominator = models.CharField(
        _("counted out of"), max_length=12, choices=Denominator.choices, default=Denominator.ENTERPRISES
    )
    phrase = models.CharField(
        _("phrase"),
        max_length=500,
        help_text=_("Placeholders: {count}, {total}, {share}, {threshold}, {unit}."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("count condition")
        verbose_name_plural = _("count conditions")

    def __str__(self) -> str:
        return self.code


class ProseSection(models.TextChoices):
    KEY_FIGURES = "figures", _("Production and business")
    PARTY = "party", _("Party building")


class ProseTemplate(Versioned):
    """A paragraph of the report for one kind of period and one section (production and
    business; Party building); placeholders name the figures."""

    name = models.CharField(_("name"), max_length=200)
    period_kind = models.CharField(_("kind of period"), max_length=2, choices=PeriodKind.choices)
    section = models.CharField(
        _("section"), max_length=10, choices=ProseSection.choices, default=ProseSection.KEY_FIGURES
    )
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["period_kind", "name"]
        verbose_name = _("report wording template")
        verbose_name_plural = _("report wording templates")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "section"],
                condition=Q(is_active=True),
                name="prose_template_one_active_per_kind_section",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProseTarget(models.Model):
    """A target of a resolution for an indicator's growth ("tăng từ 10%/năm trở lên"), checked
    against the figures: the prose writes `{target.<code>}` as the met or the missed phrase."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    indicator_code = models.SlugField(_("indicator code"), max_length=60)
    min_growth_percent = models.DecimalField(
        _("minimum growth (%)"), max_digits=8, decimal_places=2, help_text=_("Against the same period last year.")
    )
    source = models.CharField(_("resolution"), max_length=200, help_text=_("e.g. Nghị quyết Đại hội III"))
    phrase_met = models.CharField(_("phrase when met"), max_length=500)
    phrase_missed = models.CharField(_("phrase when missed"), max_length=500)

    class Meta:
        ordering = ["code"]
        verbose_name = _("resolution target")
        verbose_name_plural = _("resolution targets")

    def __str__(self) -> str:
        return self.code


class DocumentSettings(Versioned):
    """The Party document header and signature of one bloc's reports (Hướng dẫn 36-HD/VPTW)."""

    bloc = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="document_settings")
    parent_body = models.CharField(
        _("parent body"), max_length=200, help_text=_("In capitals, e.g. the city Party committee.")
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, help_text=_("In capitals, e.g. the bloc Party committee.")
    )
    symbol = models.CharField(_("document symbol"), max_length=50, default="BC/ĐUK")
    place = models.CharField(_("place"), max_length=100)
    signing_authority = models.CharField(_("signing authority"), max_length=100, default="T/M BAN THƯỜNG VỤ")
    signer_title = models.CharField(_("signer's title"), max_length=100, default="BÍ THƯ")
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), max_length=TEXT_MAX_LENGTH, blank=True, help_text=_("One per line."))
    # The committee's logo (PNG or JPEG, at most LOGO_MAX_BYTES), kept in the database like the
    # generated documents: every process reads it, backups carry it.
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        verbose_name = _("document header")
        verbose_name_plural = _("document headers")

    def __str__(self) -> str:
        return self.issuing_body

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class ReportFormat(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"
    PDF = "pdf", "PDF"
    TXT = "txt", _("Text")


class ReportJob(models.Model):
    """A document generated in the background; the file is kept in the database (any process reads it)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period_code = models.CharField(_("period"), max_length=10)
    scope = models.JSONField(_("scope"), default=dict)
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    number = models.CharField(_("document number"), max_length=20, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_job_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.period_code} {self.format} {self.status}"

    @property
    def period_label(self) -> str:
        from khoi.reporting.periods import Period

        return Period.parse(self.period_code).label
