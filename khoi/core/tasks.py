"""The bloc's export, made by the task worker (`manage.py db_worker`; immediately in tests)."""

from __future__ import annotations

from django.tasks import task

from . import export_jobs


@task()
def export_bloc_data(job_id: str) -> None:
    export_jobs.export_job_run(job_id=job_id)
