"""Background generation of long documents (Django's task framework: a database queue run by
`manage.py db_worker`, in development and production alike; run immediately in tests)."""

from __future__ import annotations

from django.tasks import task

from . import services


@task()
def generate_report_document(job_id: str) -> None:
    services.report_job_run(job_id=job_id)
