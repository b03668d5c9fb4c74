"""Model mixins every app shares."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A row people edit through forms: `version` guards against lost updates (optimistic locking,
    see khoi.core.versioning.save_if_current); who saved it last, and when, names the other editor."""

    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class ExportJob(models.Model):
    """The bloc's data, exported by the task worker into a zip in private storage (STORAGES["exports"],
    never served as a static or media file): only the person who asked downloads it, until
    `expires_at`; then `manage.py exports_expire` deletes the file (khoi.core.export_jobs)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being exported")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Deleted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    with_personal_data = models.BooleanField(_("with personal data"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    file_name = models.CharField(max_length=200, blank=True)  # the name in the "exports" storage
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export of the bloc's data")
        verbose_name_plural = _("exports of the bloc's data")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="export_job_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def download_name(self) -> str:
        return f"du-lieu-khoi-{timezone.localtime(self.created_at):%Y%m%d-%H%M}.zip"


class DataStamp(models.Model):
    """A stamp of the data figures are counted from, rewritten by database triggers whenever that
    data changes (khoi.core.data_stamp): pages of figures are cached under it."""

    name = models.CharField(max_length=20, primary_key=True)
    value = models.BigIntegerField()

    class Meta:
        verbose_name = "data stamp"

    def __str__(self) -> str:
        return f"{self.name} {self.value}"


class DataStampChange(models.Model):
    """PostgreSQL only: a transaction's mark that it changed a stamp's data; a deferred trigger
    rewrites the stamp at the commit and deletes the mark (khoi.core.data_stamp)."""

    name = models.CharField(max_length=20)

    class Meta:
        verbose_name = "data stamp change"

    def __str__(self) -> str:
        return self.name
