"""The register of units: the bloc's tree of Party organisations and the enterprises behind them.

A unit is kept for ever: leaving the bloc sets `left_on`, so a report for 2021 still counts the
units of 2021. Workforce and membership are indicators of the reporting app, not fields here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khoi.core.models import Versioned
from khoi.core.text import TEXT_MAX_LENGTH, search_key


class UnitKind(models.TextChoices):
    BLOC = "bloc", _("Bloc Party committee")
    BASE_COMMITTEE = "base_committee", _("Base Party committee")
    BASE_CELL = "base_cell", _("Base Party cell")
    SUBORDINATE_CELL = "subordinate_cell", _("Subordinate Party cell")


# The base organisations: what "the units of the bloc" counts (93 in 2024: 36 + 57).
BASE_KINDS = (UnitKind.BASE_COMMITTEE, UnitKind.BASE_CELL)

# Which kind may sit under which: the tree rule the services enforce.
ALLOWED_PARENT_KINDS: dict[str, tuple[str, ...]] = {
    UnitKind.BLOC: (),
    UnitKind.BASE_COMMITTEE: (UnitKind.BLOC,),
    UnitKind.BASE_CELL: (UnitKind.BLOC,),
    UnitKind.SUBORDINATE_CELL: (UnitKind.BASE_COMMITTEE,),
}


class Ownership(models.TextChoices):
    STATE = "state", _("State-owned enterprise")
    NON_STATE = "non_state", _("Non-state enterprise")
    FDI = "fdi", _("Foreign-invested enterprise")
    OTHER = "other", _("Other")


class Sector(models.Model):
    """A VSIC 2018 code, level 1 (section, "C") or level 2 (division, "10")."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=255)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("section")
    )

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("economic sector (VSIC 2018)")
        verbose_name_plural = _("economic sectors (VSIC 2018)")
        constraints = [
            models.CheckConstraint(condition=Q(level__in=[1, 2]), name="sector_level_1_or_2"),
            models.CheckConstraint(
                condition=(Q(level=1, parent__isnull=True) | Q(level=2, parent__isnull=False)),
                name="sector_division_has_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def section(self) -> Sector:
        return self.parent if self.parent_id and self.parent else self


class ZoneKind(models.TextChoices):
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    ECONOMIC_ZONE = "economic_zone", _("Economic zone")


class Zone(models.Model):
    """An industrial park (KCN) or economic zone (KKT): a managed list staff keep."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ZoneKind.choices)
    province = models.CharField(_("province"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("industrial park / economic zone")
        verbose_name_plural = _("industrial parks / economic zones")

    def __str__(self) -> str:
        return self.name


class Unit(Versioned):
    code = models.CharField(_("unit code"), max_length=20, unique=True, help_text=_("A short stable code, e.g. DV001."))
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind of Party organisation"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    # Materialised path of ids ("1/5/12/"): a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    enterprise_name = models.CharField(_("enterprise name"), max_length=255, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices, default=Ownership.OTHER)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="units", verbose_name=_("sector")
    )
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, null=True, blank=True, related_name="units", verbose_name=_("zone")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    registered_capital = models.DecimalField(
        _("registered capital (million VND)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    joined_on = models.DateField(_("joined the bloc on"))
    left_on = models.DateField(_("left the bloc on"), null=True, blank=True)

    # Accent-free, lower-case name, short name, enterprise name and tax code, for search on any database.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="unit_tax_code_unique_when_set"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="unit_left_after_joined",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
            models.CheckConstraint(
                condition=Q(kind=UnitKind.BLOC, parent__isnull=True)
                | (~Q(kind=UnitKind.BLOC) & Q(parent__isnull=False)),
                name="unit_only_bloc_is_root",
            ),
            models.CheckConstraint(
                condition=Q(registered_capital__isnull=True) | Q(registered_capital__gte=0),
                name="unit_capital_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["joined_on", "left_on"], name="unit_membership_dates")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_enterprise(self) -> bool:
        return bool(self.tax_code)

    @property
    def is_closed(self) -> bool:
        return self.left_on is not None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def refresh_search_text(self) -> None:
        self.search_text = search_key(" ".join([self.name, self.short_name, self.enterprise_name, self.tax_code]))


class UnitGroup(models.Model):
    """A named set of units that scopes indicators and filters reports ("Nhóm ngân hàng")."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    members = models.ManyToManyField(Unit, related_name="groups", blank=True, verbose_name=_("members"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")

    def __str__(self) -> str:
        return self.name


class UnitChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Edited")
    MOVE = "move", _("Moved")
    CLOSE = "close", _("Left the bloc")
    REOPEN = "reopen", _("Rejoined the bloc")
    IMPORT = "import", _("Imported")


class UnitChange(models.Model):
    """One entry of a unit's history: who changed what, from which value to which."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="changes", verbose_name=_("unit"))
    action = models.CharField(_("action"), max_length=10, choices=UnitChangeAction.choices)
    changes = models.JSONField(_("changes"), default=dict, help_text=_("{field: [old, new]}"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("unit change")
        verbose_name_plural = _("unit changes")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.action} {self.changed_at:%Y-%m-%d}"
