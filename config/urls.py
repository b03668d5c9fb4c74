"""URLs: each app's pages under its own prefix, each app's API under /api/v1/<app>/."""

from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

# Page prefix of each domain app. An app's `urls.py` and `api/urls.py` are picked up when present.
# Contests come first: thousands of participants' requests are resolved before anything else.
APP_PREFIXES = {
    "contests": "contests/",
    "accounts": "accounts/",
    "units": "units/",
    "reporting": "reporting/",
    "reports": "reports/",
    "marketplace": "market/",
    "emulation": "emulation/",
    "party": "party/",
    "bloc": "setup/",
}

# Swagger UI and ReDoc build their pages with inline styles and ReDoc searches in a blob: worker; their
# scripts still come only from our static files (the split view serves Swagger's set-up script).
DOCS_CSP: dict[str, Any] = {
    **settings.SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "worker-src": [CSP.SELF, "blob:"],
}
docs_policy = csp_override(DOCS_CSP)

urlpatterns: list[URLPattern | URLResolver] = []
for app, prefix in APP_PREFIXES.items():
    if not apps.is_installed(f"khoi.{app}"):  # an app left out of INSTALLED_APPS has no pages
        continue
    if find_spec(f"khoi.{app}.api") and find_spec(f"khoi.{app}.api.urls"):
        urlpatterns.append(path(f"api/v1/{app}/", include(f"khoi.{app}.api.urls")))
    if find_spec(f"khoi.{app}.urls"):
        urlpatterns.append(path(prefix, include(f"khoi.{app}.urls")))

urlpatterns += [
    path("", include("khoi.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", docs_policy(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/redoc/", docs_policy(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
]

# Error pages in the site's layout and the interface language (khoi/core/errors.py).
handler400 = "khoi.core.errors.bad_request"
handler403 = "khoi.core.errors.permission_denied"
handler404 = "khoi.core.errors.page_not_found"
handler500 = "khoi.core.errors.server_error"
