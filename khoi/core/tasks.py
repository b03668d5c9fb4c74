"""Handing work to the background worker, whether or not Redis answers.

In production tasks go to RQ on Redis (settings.production); when Redis cannot be reached they
are queued in the database instead (the "database" backend, run by `manage.py db_worker`), so a
document asked for during a Redis outage is still made.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from django.conf import settings
from django.tasks import Task

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"


def enqueue(task: Task[Any, Any], *args: Any, **kwargs: Any) -> Any:
    """Queues `task` on its backend, or on the database backend while Redis is unreachable."""
    try:
        return task.enqueue(*args, **kwargs)
    except redis.RedisError as error:
        if FALLBACK_BACKEND not in settings.TASKS or task.backend == FALLBACK_BACKEND:
            raise
        logger.warning("Redis unreachable (%s): %s queued in the database instead", error, task.name)
        return task.using(backend=FALLBACK_BACKEND).enqueue(*args, **kwargs)
