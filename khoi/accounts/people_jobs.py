"""Reporters in bulk in the task worker: the page checks the rows and records a job; the worker
hashes the passwords (the slow part: one hash per person, never two), creates every account or
none, sends the invitations, and leaves the first-login passwords on the job for the credentials
sheet, for CREDENTIALS_MINUTES at most.

Where the passwords are, and for how long: they are made by the worker and written only on the
job's row (`PeopleJob.credentials`), never in the task queue's rows (the task gets the job's id)
nor in a session. `credentials_until` is set when they are written; after it, any read empties
them (and answers 404), and `manage.py people_credentials_expire`, every minute, empties those
nobody came back for. Staff's *Done* button empties them at once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import people, selectors, services
from .credentials import CREDENTIALS_MINUTES
from .invitations import send_invitations
from .models import PeopleJob, User

HASHING_SHARE = 90  # of the progress bar: the rest is the transaction and the invitations
MAX_PROBLEMS = 50


def people_job_start(*, rows: list[dict[str, Any]], actor: User, invite: bool, site_url: str) -> PeopleJob:
    """Record the job (the preview's rows, not yet checked again) and queue it once the request's
    transaction commits."""
    from .tasks import create_reporters

    job = PeopleJob.objects.create(
        requested_by=actor, rows=rows, invite=invite, site_url=site_url[:200], total=len(rows)
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: create_reporters.enqueue(job_id))
    return job


def _progress(job_id: uuid.UUID, percent: int) -> None:
    PeopleJob.objects.filter(pk=job_id).update(progress=max(0, min(percent, 100)))


def _finish(job_id: uuid.UUID, **fields: Any) -> None:
    PeopleJob.objects.filter(pk=job_id).update(rows=[], finished_at=timezone.now(), **fields)


def people_job_run(*, job_id: uuid.UUID | str) -> None:
    """The worker's part. A job runs once: a task delivered twice finds it taken and does nothing."""
    claimed = PeopleJob.objects.filter(pk=job_id, status=PeopleJob.Status.QUEUED).update(
        status=PeopleJob.Status.RUNNING, progress=1
    )
    job = PeopleJob.objects.filter(pk=job_id).select_related("requested_by").first()
    if not claimed or job is None:
        return

    job_pk = job.pk

    def hashed(done: int, total: int) -> None:
        _progress(job_pk, 1 + (HASHING_SHARE - 1) * done // max(total, 1))

    try:
        accounts = services.reporters_create(
            rows=people.rows_from_input(job.rows), actor=job.requested_by, invite=job.invite, progress=hashed
        )
    except ValidationError as error:
        _finish(job.pk, status=PeopleJob.Status.FAILED, problems=error.messages[:MAX_PROBLEMS])
        return
    except Exception:  # recorded for the person waiting, then re-raised for the log
        _finish(job.pk, status=PeopleJob.Status.FAILED, problems=[_("The accounts could not be created.")])
        raise
    _progress(job.pk, 95)
    problems: list[str] = []
    sent = 0
    if job.invite:
        invited = User.objects.filter(username__in=[a.username for a in accounts if a.invited]).select_related("unit")
        sent, failed = send_invitations(users=invited, base_url=job.site_url, bloc_name=selectors.bloc_name())
        if failed:
            problems.append(
                _("These invitations could not be sent: %(emails)s. Send them again later or print their credentials.")
                % {"emails": ", ".join(failed)}
            )
    with_password = [vars(account) for account in accounts if account.password]
    _finish(
        job.pk,
        status=PeopleJob.Status.DONE,
        progress=100,
        created_count=len(accounts),
        invited_count=sent,
        problems=problems,
        credentials=with_password,
        credentials_until=timezone.now() + dt.timedelta(minutes=CREDENTIALS_MINUTES) if with_password else None,
    )


def people_job_forget(*, job: PeopleJob) -> None:
    """Staff have printed the sheet (or the time is up): the passwords are no longer kept anywhere."""
    PeopleJob.objects.filter(pk=job.pk).update(credentials=[], credentials_until=None)
    job.credentials, job.credentials_until = [], None


def people_job_credentials(*, job: PeopleJob) -> list[dict[str, Any]] | None:
    """The passwords of a finished job while they may still be shown; None (and emptied) after."""
    if not job.credentials or job.credentials_until is None:
        return None
    if job.credentials_until <= timezone.now():
        people_job_forget(job=job)
        return None
    return list(job.credentials)


def people_credentials_expire() -> int:
    """Empty every job's passwords past their time; returns how many jobs had some."""
    return PeopleJob.objects.filter(credentials_until__lte=timezone.now()).update(
        credentials=[], credentials_until=None
    )
