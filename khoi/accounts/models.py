"""Users and their roles. A role says what a person may do; a reporter's unit says where."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    STAFF = "staff", _("Committee staff")
    LEADERSHIP = "leadership", _("Leadership")
    REPORTER = "reporter", _("Unit reporter")


class Department(models.TextChoices):
    OFFICE = "office", _("Office (Văn phòng)")
    ORGANISATION = "organisation", _("Organisation Board (Ban Tổ chức)")
    PROPAGANDA = "propaganda", _("Propaganda Board (Ban Tuyên giáo)")
    INSPECTION = "inspection", _("Inspection Board (Ban Kiểm tra)")


class User(AbstractUser):  # type: ignore[django-manager-missing]  # knox names it auth_token_set
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    department = models.CharField(_("department"), max_length=20, choices=Department.choices, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporters",
        verbose_name=_("unit"),
        help_text=_("The unit a reporter reports for; they see this unit and its subtree only."),
    )
    phone = models.CharField(_("phone"), max_length=16, blank=True, help_text=_("E.164, e.g. +84912345678"))
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set for an account created with a first-login password: every page leads to the change."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.REPORTER) | Q(unit__isnull=False), name="user_reporter_has_unit"
            ),
            models.CheckConstraint(condition=~Q(role=Role.STAFF) | ~Q(department=""), name="user_staff_has_department"),
        ]

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_committee_staff(self) -> bool:
        """Admins and staff of any department: may manage the bloc's data."""
        return self.is_admin or self.role == Role.STAFF

    @property
    def reads_all(self) -> bool:
        """Staff, leadership and admins see every unit; reporters only their own subtree."""
        return self.is_committee_staff or self.role == Role.LEADERSHIP

    @property
    def is_reporter(self) -> bool:
        return self.role == Role.REPORTER and not self.is_superuser


class ApiToken(AbstractAuthToken):
    """A named API token (django-rest-knox): only its hash is stored; it expires; its owner revokes it."""

    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="apitoken_has_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"
