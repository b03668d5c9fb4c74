"""Production: PostgreSQL + Redis, several app processes, static files served by whitenoise.

Required environment: SECRET_KEY, DATABASE_URL, REDIS_URL, ALLOWED_HOSTS.
"""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE, REDIS_URL, env

DEBUG = False
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if REDIS_URL:
    # RQ on Redis; while Redis is down, tasks are queued in the database (khoi.core.tasks.enqueue),
    # so `manage.py db_worker` runs beside `manage.py rqworker` (deploy/systemd).
    TASKS = {
        "default": {"BACKEND": "django_tasks_rq.backend.RQBackend", "QUEUES": ["default"]},  # type: ignore[dict-item]
        "database": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"},
    }
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}

# Behind our nginx (deploy/): the client's address from X-Real-IP when the request comes from it.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
MIDDLEWARE = ["khoi.core.proxy.ProxiedClientAddressMiddleware", *MIDDLEWARE]
