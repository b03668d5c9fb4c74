"""Users and their roles. A role says what a person may do; a reporter's unit says where."""

from __future__ import annotations

import uuid

from django.conf import settings
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


class PeopleJob(models.Model):
    """Reporters in bulk, created by the task worker (khoi.accounts.people_jobs): the preview's rows
    wait here until the worker creates them, all or none.

    `credentials` holds the first-login passwords of the accounts created, in clear, from the moment
    the worker has created them until `credentials_until` (CREDENTIALS_MINUTES later) at most:
    staff's *Done* button, any read after that time and `manage.py people_credentials_expire`
    (every minute) empty it. Passwords never go through the task queue's own rows (the task gets
    the job's id only)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being created")
        DONE = "done", _("Created")
        FAILED = "failed", _("Nobody was created")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rows = models.JSONField(_("rows"), default=list, blank=True)
    invite = models.BooleanField(_("email invitations"), default=False)
    site_url = models.CharField(_("site address"), max_length=200, blank=True)
    total = models.PositiveIntegerField(_("people"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_count = models.PositiveIntegerField(_("accounts created"), default=0)
    invited_count = models.PositiveIntegerField(_("invitations sent"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    credentials = models.JSONField(_("first-login credentials"), default=list, blank=True)
    credentials_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reporters-in-bulk job")
        verbose_name_plural = _("reporters-in-bulk jobs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="people_job_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.total} {self.status}"
