"""Commendation: legal bases, issuers, forms with their rules as data, campaigns, the people
proposed, proposals, the decisions that award lists and the awards they record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khoi.core.text import TEXT_MAX_LENGTH, search_key
from khoi.core.text import name_key as matching_key

from .agreements import Agreement, EmulationBloc, Organisation

ONE_RECIPIENT = (
    Q(unit__isnull=False, organisation__isnull=True, person__isnull=True)
    | Q(unit__isnull=True, organisation__isnull=False, person__isnull=True)
    | Q(unit__isnull=True, organisation__isnull=True, person__isnull=False)
)


class LegalBasis(models.Model):
    """A law a decision cites ("Căn cứ …"), with the dates it is in force: a decision cites the
    text in force on the day it is signed (the 2003 law as amended until 31/12/2023, the 2022 law
    from 01/01/2024)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    citation = models.CharField(
        _("citation"), max_length=500, help_text=_("As the decision writes it after “Căn cứ”, without the semicolon.")
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True, help_text=_("Empty: still in force."))
    order = models.PositiveSmallIntegerField(_("order among the bases"), default=10)

    class Meta:
        ordering = ["order", "valid_from"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="legal_basis_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.citation


class IssuerKind(models.TextChoices):
    PARTY = "party", _("Party body")
    STATE = "state", _("State body")
    ENTERPRISE = "enterprise", _("Head of the unit")


class Issuer(models.Model):
    """Who awards: the bloc's Party committee, the city People's Committee, the Prime Minister …"""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=50, help_text=_("As history lines write it: “ĐUK”."))
    kind = models.CharField(_("kind"), max_length=12, choices=IssuerKind.choices)
    is_own = models.BooleanField(
        _("the committee itself"), default=False, help_text=_("Its decisions and certificates are generated here.")
    )
    symbol = models.CharField(_("decision symbol"), max_length=30, help_text=_("“QĐ/ĐUK”, “QĐ-UBND”."))
    parent_body = models.CharField(_("parent body (document header)"), max_length=255, blank=True)
    issuing_body = models.CharField(_("issuing body (document header)"), max_length=255, blank=True)
    deciding_body = models.CharField(_("deciding body (above “QUYẾT ĐỊNH”)"), max_length=255, blank=True)
    authority = models.CharField(
        _("signing authority"), max_length=100, blank=True, help_text=_("“T/M BAN THƯỜNG VỤ”.")
    )
    place = models.CharField(_("place"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")

    def __str__(self) -> str:
        return self.name


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collectives")
    INDIVIDUAL = "individual", _("Individuals")
    BOTH = "both", _("Collectives and individuals")


class CommendationForm(models.Model):
    """A title or form of commendation (Giấy khen, Bằng khen, Cờ thi đua …) of one issuer."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=50, help_text=_("“Giấy khen”, “Bằng khen”."))
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="forms", verbose_name=_("issuer"))
    recipients = models.CharField(_("awarded to"), max_length=12, choices=RecipientKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), default=1, help_text=_("Higher is a higher form."))
    legal_basis = models.TextField(_("legal basis"), max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("commendation form")
        verbose_name_plural = _("commendation forms")

    def __str__(self) -> str:
        return self.name

    def accepts(self, recipient_kind: str) -> bool:
        return self.recipients in (RecipientKind.BOTH, recipient_kind)


class RuleKind(models.TextChoices):
    QUOTA = "quota", _("Quota")
    PREREQUISITE = "prerequisite", _("Prerequisite")


class QuotaBase(models.TextChoices):
    ACTIVE_UNITS = "active_units", _("Base organisations of the bloc in the year")
    BLOC_MEMBERS = "bloc_members", _("Members of the proposing emulation bloc")
    PER_UNIT = "per_unit", _("Per unit (a fixed number for each unit)")


class CommendationRule(models.Model):
    """A rule of a form, kept as data: a quota or a prerequisite, binding or a warning."""

    form = models.ForeignKey(CommendationForm, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=15, choices=RuleKind.choices)
    applies_to = models.CharField(_("applies to"), max_length=12, choices=RecipientKind.choices)
    binding = models.BooleanField(_("binding"), default=False, help_text=_("Binding rules block; others warn."))
    quota_base = models.CharField(_("quota base"), max_length=15, choices=QuotaBase.choices, blank=True)
    quota_percent = models.DecimalField(
        _("quota (percent of the base)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    quota_fixed = models.PositiveSmallIntegerField(_("quota (fixed number)"), null=True, blank=True)
    required_form = models.ForeignKey(
        CommendationForm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("required lower form"),
    )
    required_years = models.PositiveSmallIntegerField(_("consecutive years required"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"), max_length=TEXT_MAX_LENGTH)

    class Meta:
        ordering = ["form", "kind", "id"]
        verbose_name = _("commendation rule")
        verbose_name_plural = _("commendation rules")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.QUOTA)
                | (
                    ~Q(quota_base="")
                    & (
                        (Q(quota_base=QuotaBase.PER_UNIT) & Q(quota_fixed__isnull=False))
                        | (~Q(quota_base=QuotaBase.PER_UNIT) & Q(quota_percent__gt=0))
                    )
                ),
                name="rule_quota_complete",
            ),
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.PREREQUISITE) | Q(required_form__isnull=False, required_years__gte=1),
                name="rule_prerequisite_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form}: {self.get_kind_display()}"


class Campaign(models.Model):
    """A campaign or movement awards are made for ("thực hiện Chỉ thị 05-CT/TW")."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=500)

    class Meta:
        ordering = ["code"]
        verbose_name = _("campaign or movement")
        verbose_name_plural = _("campaigns and movements")

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Person(models.Model):
    """A person proposed or awarded. Birth date, gender and position are personal data."""

    full_name = models.CharField(_("full name"), max_length=255)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    search_text = models.TextField(editable=False, default="")
    # The name as people are matched on it: NFC, casefolded, single spaces (khoi.core.text.name_key).
    name_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(organisation__isnull=False), name="person_has_unit_or_organisation"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "name_key"], name="person_unit_name_key"),
            models.Index(fields=["organisation", "name_key"], name="person_organisation_name_key"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def refresh_search_text(self) -> None:
        self.search_text = search_key(self.full_name)
        self.name_key = matching_key(self.full_name)


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")
    DECIDED = "decided", _("Decided")


class Proposal(models.Model):
    """A proposal (đề nghị) by a unit or an emulation bloc, reviewed by the committee's staff."""

    year = models.PositiveSmallIntegerField(_("year of the achievements"))
    title = models.CharField(_("title"), max_length=500)
    number = models.CharField(_("number and symbol"), max_length=50, blank=True)
    proposer_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposing unit"),
    )
    proposer_bloc = models.ForeignKey(
        EmulationBloc, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals")
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    review_note = models.TextField(_("review note"), max_length=TEXT_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(proposer_unit__isnull=False) | Q(proposer_bloc__isnull=False), name="proposal_has_proposer"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProposalItem(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    form = models.ForeignKey(CommendationForm, on_delete=models.PROTECT, related_name="+", verbose_name=_("form"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="proposal_items")
    recipient_name = models.CharField(_("recipient"), max_length=255)
    achievement = models.TextField(_("achievements"), max_length=TEXT_MAX_LENGTH, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank in the bloc"), null=True, blank=True)
    warnings = models.JSONField(_("rule warnings"), default=list, blank=True)
    accepted = models.BooleanField(_("accepted"), default=True)

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = _("proposed recipient")
        verbose_name_plural = _("proposed recipients")
        constraints = [models.CheckConstraint(condition=ONE_RECIPIENT, name="proposalitem_one_recipient")]

    def __str__(self) -> str:
        return self.recipient_name

    @property
    def is_individual(self) -> bool:
        return self.person_id is not None


class Decision(models.Model):
    """A decision (quyết định) that awards a list: its number, date, signer and issuer."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("issuer"))
    number = models.PositiveIntegerField(_("number"))
    signed_on = models.DateField(_("signed on"))
    signed_year = models.PositiveSmallIntegerField(editable=False)
    signer_name = models.CharField(_("signed by"), max_length=255)
    signer_title = models.CharField(_("title of the signer"), max_length=100)
    subject = models.CharField(_("subject"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year of the achievements"))
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions")
    form = models.ForeignKey(CommendationForm, on_delete=models.PROTECT, related_name="decisions")
    achievement = models.TextField(
        _("achievements (as the decision words them)"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "signed_year", "number"], name="decision_number_unique_per_year")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """ "86-QĐ/ĐUK" (Party) or "512/QĐ-UBND" (state)."""
        separator = "-" if self.issuer.kind == IssuerKind.PARTY else "/"
        return f"{self.number}{separator}{self.issuer.symbol}"

    @property
    def number_line(self) -> str:
        """ "Số 86-QĐ/ĐUK" (Party documents, no colon) or "Số: 512/QĐ-UBND"."""
        return f"Số {self.reference}" if self.issuer.kind == IssuerKind.PARTY else f"Số: {self.reference}"


class Award(models.Model):
    """A record: one recipient received one form in one year, by one decision."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    form = models.ForeignKey(CommendationForm, on_delete=models.PROTECT, related_name="awards")
    year = models.PositiveSmallIntegerField(_("year of the achievements"))
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="awards")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="awards"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="awards")
    recipient_name = models.CharField(_("recipient"), max_length=255)
    proposal_item = models.OneToOneField(
        ProposalItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="award"
    )
    position = models.PositiveSmallIntegerField(_("position in the list"), default=0)

    class Meta:
        ordering = ["decision", "position", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.CheckConstraint(condition=ONE_RECIPIENT, name="award_one_recipient"),
            models.UniqueConstraint(
                fields=["person", "form", "year"], condition=Q(person__isnull=False), name="award_person_form_year_once"
            ),
            models.UniqueConstraint(
                fields=["unit", "form", "year"], condition=Q(unit__isnull=False), name="award_unit_form_year_once"
            ),
            models.UniqueConstraint(
                fields=["organisation", "form", "year"],
                condition=Q(organisation__isnull=False),
                name="award_organisation_form_year_once",
            ),
        ]
        indexes = [models.Index(fields=["year", "form"], name="award_year_form")]

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.form.short_name} {self.year}"

    @property
    def is_individual(self) -> bool:
        return self.person_id is not None
