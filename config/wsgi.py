"""The WSGI application: Django's, with the contests' two busiest requests answered in front of it
(khoi.contests.api.hot)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django_application = get_wsgi_application()

from khoi.contests.api.hot import contests_hot_paths  # noqa: E402  (needs the apps loaded)

application = contests_hot_paths(django_application)
