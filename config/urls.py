"""URLs: each app's pages under its own prefix, each app's API under /api/v1/<app>/."""

from importlib.util import find_spec

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

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
}

urlpatterns: list[URLPattern | URLResolver] = []
for app, prefix in APP_PREFIXES.items():
    if find_spec(f"khoi.{app}.api.urls"):
        urlpatterns.append(path(f"api/v1/{app}/", include(f"khoi.{app}.api.urls")))
    if find_spec(f"khoi.{app}.urls"):
        urlpatterns.append(path(prefix, include(f"khoi.{app}.urls")))

urlpatterns += [
    path("", include("khoi.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
