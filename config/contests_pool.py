"""What the contests pool leaves out of the main pool's middleware.

The contests pool (config.settings.contests, config.urls_contests, config.wsgi_contests) answers
the participants' autosave and submit, a token-authenticated JSON API: it needs no session, no
CSRF check (DRF's views exempt themselves), no login, no flash messages, no htmx and no static
files. Every other middleware of the main pool (security headers, CSP, the host check, the
language, clickjacking) stays, so one added to the main pool later is in this pool too.
"""

from __future__ import annotations

from collections.abc import Iterable

NOT_NEEDED = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django_htmx.middleware.HtmxMiddleware",
        "axes.middleware.AxesMiddleware",  # no login in this pool
    }
)


def contests_middleware(middleware: Iterable[str]) -> list[str]:
    """The main pool's middleware less what the contests API does not use, in the same order."""
    return [name for name in middleware if name not in NOT_NEEDED]
