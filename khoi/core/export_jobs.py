"""The export page's zip, made by the task worker (`manage.py db_worker`; immediately in tests).

The page records a job and queues it; the worker writes the zip module by module to a temporary
file, then into the private "exports" storage (settings.STORAGES; outside MEDIA_ROOT, never
served), under a random name. Only the person who asked sees the job and downloads the file,
until `expires_at` (settings.KHOI_EXPORT_HOURS after it was made); `manage.py exports_expire`
(a periodic job) deletes the files past their time, and the rows of jobs older than a month.
Writes and reads of these jobs are all here: core has no other app to share them with.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .exports import write_export_zip
from .models import ExportJob

KEEP_ROWS_DAYS = 31
RECENT = 5


def export_storage() -> Storage:
    return storages["exports"]


# ---- Writes --------------------------------------------------------------------------------------


def export_job_start(*, requested_by: Any, with_personal_data: bool) -> ExportJob:
    """Record the job and queue it once the request's transaction commits."""
    from .tasks import export_bloc_data

    job = ExportJob.objects.create(requested_by=requested_by, with_personal_data=with_personal_data)
    job_id = str(job.pk)
    transaction.on_commit(lambda: export_bloc_data.enqueue(job_id))
    return job


def _update(job_id: uuid.UUID, **fields: Any) -> None:
    ExportJob.objects.filter(pk=job_id).update(**fields)


def export_job_run(*, job_id: uuid.UUID | str) -> None:
    """The worker's part. A job runs once: a task delivered twice finds it taken."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, progress=1
    )
    job = ExportJob.objects.filter(pk=job_id).first()
    if not claimed or job is None:
        return

    job_pk = job.pk

    def progress(done: int, total: int) -> None:
        _update(job_pk, progress=min(95, 1 + 94 * done // max(total, 1)))

    storage = export_storage()
    try:
        with tempfile.TemporaryFile() as handle:
            write_export_zip(handle, with_personal_data=job.with_personal_data, progress=progress)
            size = handle.tell()
            handle.seek(0)
            name = storage.save(f"{uuid.uuid4().hex}.zip", File(handle, name="export.zip"))
    except Exception:  # recorded for the person waiting, then re-raised for the log
        _update(
            job.pk,
            status=ExportJob.Status.FAILED,
            message=_("The export could not be made."),
            finished_at=timezone.now(),
        )
        raise
    now = timezone.now()
    _update(
        job.pk,
        status=ExportJob.Status.DONE,
        progress=100,
        file_name=name,
        size=size,
        finished_at=now,
        expires_at=now + dt.timedelta(hours=settings.KHOI_EXPORT_HOURS),
    )


def exports_expire() -> int:
    """Delete the files of exports past their time (and the rows of old jobs); returns how many files."""
    now = timezone.now()
    storage = export_storage()
    expired = list(ExportJob.objects.filter(status=ExportJob.Status.DONE, expires_at__lte=now))
    for job in expired:
        if job.file_name:
            storage.delete(job.file_name)
    ExportJob.objects.filter(pk__in=[job.pk for job in expired]).update(status=ExportJob.Status.EXPIRED, file_name="")
    ExportJob.objects.filter(created_at__lt=now - dt.timedelta(days=KEEP_ROWS_DAYS)).exclude(
        status=ExportJob.Status.DONE
    ).delete()
    return len(expired)


# ---- Reads ---------------------------------------------------------------------------------------


def export_job_get(*, job_id: Any, user: Any) -> ExportJob | None:
    """A job of this user's own; another's (even an administrator's) is as good as missing."""
    return ExportJob.objects.filter(pk=job_id, requested_by=user).first()


def export_jobs_recent(*, user: Any) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(requested_by=user)[:RECENT]


def export_job_file(*, job: ExportJob) -> Any | None:
    """The open zip of a finished export still within its time, or None."""
    if job.status != ExportJob.Status.DONE or not job.file_name:
        return None
    if job.expires_at is None or job.expires_at <= timezone.now():
        return None
    try:
        return export_storage().open(job.file_name, "rb")
    except FileNotFoundError:
        return None
