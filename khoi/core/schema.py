"""OpenAPI (drf-spectacular) description of the project's own API plumbing."""

from drf_spectacular.authentication import SessionScheme


class KhoiSessionScheme(SessionScheme):
    """Our session authentication (khoi.core.api_auth) is DRF's with a translated CSRF refusal."""

    target_class = "khoi.core.api_auth.SessionAuthentication"
