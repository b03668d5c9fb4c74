"""Production: PostgreSQL + Redis, several app processes, static files served by whitenoise.

Required environment: SECRET_KEY, DATABASE_URL, REDIS_URL, ALLOWED_HOSTS.
"""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env

DEBUG = False
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background tasks stay in the database queue of base.py (run by `manage.py db_worker`,
# deploy/systemd/khoi-worker.service): a document asked for while Redis is down is still made.

# Behind our nginx (deploy/): the client's address from X-Real-IP when the request comes from it.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
MIDDLEWARE = ["khoi.core.proxy.ProxiedClientAddressMiddleware", *MIDDLEWARE]
