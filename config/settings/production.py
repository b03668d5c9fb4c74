"""Production: PostgreSQL + Redis, several app processes, static files served by whitenoise.

Required environment: SECRET_KEY, DATABASE_URL, REDIS_URL, ALLOWED_HOSTS.
Mail: EMAIL_URL (SMTP; default smtp://localhost:25). HTTPS is assumed (SSL redirect, HSTS, secure
cookies); KHOI_HTTPS=false turns these off for a plain-HTTP intranet.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env, mailer_from_url

DEBUG = False

# Mail goes out by SMTP; a development backend (console, file, memory, dummy) is refused.
EMAIL_URL = env("EMAIL_URL", default="smtp://localhost:25")
MAILERS = {"default": mailer_from_url(EMAIL_URL)}
if not str(MAILERS["default"]["BACKEND"]).endswith("smtp.EmailBackend"):
    raise ImproperlyConfigured(
        f"EMAIL_URL must be an SMTP address in production (smtp://, smtp+tls://, smtps://), not {EMAIL_URL!r}."
    )

# HTTPS everywhere by default. On a plain-HTTP intranet set KHOI_HTTPS=false: no redirect, no HSTS,
# cookies sent over HTTP (check --deploy then warns about exactly these, as it should).
KHOI_HTTPS = env.bool("KHOI_HTTPS", default=True)
SECURE_SSL_REDIRECT = KHOI_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000) if KHOI_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=KHOI_HTTPS)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=KHOI_HTTPS)
# Behind a reverse proxy that terminates TLS and sets this header (and strips it from clients).
# An empty KHOI_PROXY_SSL_HEADER means no proxy: only the connection itself says HTTPS.
_proxy_ssl_header = env("KHOI_PROXY_SSL_HEADER", default="HTTP_X_FORWARDED_PROTO")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None

# Background tasks stay in the database queue of base.py (run by `manage.py db_worker`,
# deploy/systemd/khoi-worker.service): a document asked for while Redis is down is still made.

# Behind our nginx (deploy/): the client's address from X-Real-IP when the request comes from it.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
MIDDLEWARE = ["khoi.core.proxy.ProxiedClientAddressMiddleware", *MIDDLEWARE]
