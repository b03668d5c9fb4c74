"""The contests pool's WSGI application: Django's handler with the contests settings
(config.settings.contests), whatever DJANGO_SETTINGS_MODULE the environment file gives the
main pool."""

import os

from django.core.wsgi import get_wsgi_application

from config.startup import freeze_after_startup

os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("KHOI_CONTESTS_SETTINGS", "config.settings.contests")
application = get_wsgi_application()
freeze_after_startup()
