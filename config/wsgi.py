"""The main pool's WSGI application: Django's, every page and API (the contests pool has its own,
config.wsgi_contests)."""

import os

from django.core.wsgi import get_wsgi_application

from config.startup import freeze_after_startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()
freeze_after_startup()
