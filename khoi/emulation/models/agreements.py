"""Emulation blocs, their members and leadership, the yearly agreement with its criteria, and the
scorecards members fill against it (with their evidence).

Scores copy their criterion's maximum (`max_points`) so the database itself can refuse a score
above it (a check constraint cannot look into another table).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khoi.core.models import Versioned
from khoi.core.text import TEXT_MAX_LENGTH


class Organisation(models.Model):
    """An organisation outside the register (an association in an emulation bloc)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("outside organisation")
        verbose_name_plural = _("outside organisations")

    def __str__(self) -> str:
        return self.name


class TieBreak(models.TextChoices):
    SHARED = "shared", _("Tied members share the rank")
    BASE_POINTS = "base_points", _("More points on the criteria (before bonus and penalty)")
    FEWER_PENALTIES = "fewer_penalties", _("Fewer penalty points")
    SECTIONS = "sections", _("More points in the first section, then the next")


class EmulationBloc(models.Model):
    """A khối / cụm thi đua."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    tie_break = models.CharField(
        _("tie-break rule"),
        max_length=20,
        choices=TieBreak.choices,
        default=TieBreak.BASE_POINTS,
        help_text=_("The default for new agreements; each agreement may set its own."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")

    def __str__(self) -> str:
        return self.name


class BlocMember(models.Model):
    """A member of an emulation bloc: a unit of the register or an outside organisation."""

    bloc = models.ForeignKey(EmulationBloc, on_delete=models.CASCADE, related_name="members", verbose_name=_("bloc"))
    name = models.CharField(_("name in the bloc"), max_length=255)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("outside organisation"),
    )
    joined_year = models.PositiveSmallIntegerField(_("member since (year)"))
    left_year = models.PositiveSmallIntegerField(_("member until (year)"), null=True, blank=True)

    class Meta:
        ordering = ["bloc", "name"]
        verbose_name = _("bloc member")
        verbose_name_plural = _("bloc members")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, organisation__isnull=True)
                | Q(unit__isnull=True, organisation__isnull=False),
                name="blocmember_unit_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["bloc", "unit"], condition=Q(unit__isnull=False), name="blocmember_unit_once"
            ),
            models.UniqueConstraint(
                fields=["bloc", "organisation"],
                condition=Q(organisation__isnull=False),
                name="blocmember_organisation_once",
            ),
            models.CheckConstraint(
                condition=Q(left_year__isnull=True) | Q(left_year__gte=models.F("joined_year")),
                name="blocmember_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def active_in(self, year: int) -> bool:
        return self.joined_year <= year and (self.left_year is None or self.left_year >= year)


class BlocLeadership(models.Model):
    """Who leads the bloc in a year (khối trưởng) and who is deputy (khối phó)."""

    bloc = models.ForeignKey(
        EmulationBloc, on_delete=models.CASCADE, related_name="leaderships", verbose_name=_("bloc")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    leader = models.ForeignKey(BlocMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader"))
    deputy = models.ForeignKey(
        BlocMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("deputy")
    )

    class Meta:
        ordering = ["bloc", "-year"]
        verbose_name = _("bloc leadership")
        verbose_name_plural = _("bloc leaderships")
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="blocleadership_one_per_year"),
            models.CheckConstraint(condition=~Q(leader=models.F("deputy")), name="blocleadership_leader_not_deputy"),
        ]

    def __str__(self) -> str:
        return f"{self.bloc} {self.year}"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    CLOSED = "closed", _("Reviewed (year closed)")


class Agreement(models.Model):
    """The yearly emulation agreement (giao ước thi đua) of a bloc, with its own scale."""

    bloc = models.ForeignKey(EmulationBloc, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("bloc"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    tie_break = models.CharField(_("tie-break rule"), max_length=20, choices=TieBreak.choices)
    bonus_cap = models.DecimalField(
        _("bonus cap (points)"), max_digits=6, decimal_places=2, null=True, blank=True, help_text=_("Empty: no cap.")
    )
    flag_count = models.PositiveSmallIntegerField(
        _("units proposed for the emulation flag"), default=1, help_text=_("The leading units (Cờ thi đua).")
    )
    merit_count = models.PositiveSmallIntegerField(
        _("units proposed for a commendation"), default=3, help_text=_("The next units (Bằng khen).")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("signed at"), max_length=255, blank=True)

    class Meta:
        ordering = ["bloc", "-year"]
        verbose_name = _("emulation agreement")
        verbose_name_plural = _("emulation agreements")
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="agreement_one_per_bloc_year"),
            models.CheckConstraint(
                condition=~Q(status=AgreementStatus.SIGNED) | Q(signed_on__isnull=False),
                name="agreement_signed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(bonus_cap__isnull=True) | Q(bonus_cap__gte=0), name="agreement_bonus_cap_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgreementSignatory(models.Model):
    """Who signed the agreement for a member (the signing record)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signatories", verbose_name=_("agreement")
    )
    member = models.ForeignKey(BlocMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    signer_name = models.CharField(_("signed by"), max_length=255)
    signer_title = models.CharField(_("title of the signer"), max_length=255, blank=True)

    class Meta:
        ordering = ["agreement", "member__name"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [models.UniqueConstraint(fields=["agreement", "member"], name="signatory_once_per_member")]

    def __str__(self) -> str:
        return f"{self.member} – {self.signer_name}"


class AgreementSection(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        ordering = ["agreement", "order"]
        verbose_name = _("agreement section")
        verbose_name_plural = _("agreement sections")
        constraints = [models.UniqueConstraint(fields=["agreement", "order"], name="section_order_unique")]

    def __str__(self) -> str:
        return self.title


class CriterionKind(models.TextChoices):
    STANDARD = "standard", _("Criterion")
    BONUS = "bonus", _("Bonus")
    PENALTY = "penalty", _("Penalty")


class Criterion(models.Model):
    """A criterion with its maximum points; a penalty's points are deducted."""

    section = models.ForeignKey(AgreementSection, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.STANDARD)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    guidance = models.TextField(_("scoring guidance"), max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["section__order", "order"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="criterion_order_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_points_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Scorecard(Versioned):
    """One member's scores under one agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="scorecards")
    member = models.ForeignKey(BlocMember, on_delete=models.PROTECT, related_name="scorecards")
    self_submitted_at = models.DateTimeField(_("self-score submitted at"), null=True, blank=True)
    bloc_scored_at = models.DateTimeField(_("bloc score recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "member__name"]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [models.UniqueConstraint(fields=["agreement", "member"], name="scorecard_once_per_member")]

    def __str__(self) -> str:
        return f"{self.member} – {self.agreement}"


class Score(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2, editable=False)
    self_points = models.DecimalField(_("self-score"), max_digits=6, decimal_places=2, null=True, blank=True)
    bloc_points = models.DecimalField(_("bloc score"), max_digits=6, decimal_places=2, null=True, blank=True)
    evidence_note = models.TextField(_("evidence"), max_length=TEXT_MAX_LENGTH, blank=True)
    bloc_note = models.TextField(_("bloc's note"), max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["criterion__section__order", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(
                condition=Q(self_points__isnull=True)
                | (Q(self_points__gte=0) & Q(self_points__lte=models.F("max_points"))),
                name="score_self_within_max",
            ),
            models.CheckConstraint(
                condition=Q(bloc_points__isnull=True)
                | (Q(bloc_points__gte=0) & Q(bloc_points__lte=models.F("max_points"))),
                name="score_bloc_within_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.self_points} / {self.bloc_points}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"emulation/evidence/{instance.scorecard_id}/{filename}"


class Evidence(models.Model):
    """An attachment backing a self-score (a report, a photo, a certificate)."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scorecard", "uploaded_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name
