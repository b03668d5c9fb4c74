"""Reporters in bulk, created by the task worker (`manage.py db_worker`; immediately in tests)."""

from __future__ import annotations

from django.tasks import task

from . import people_jobs


@task()
def create_reporters(job_id: str) -> None:
    people_jobs.people_job_run(job_id=job_id)
