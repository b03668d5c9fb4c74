import os

from django.core.asgi import get_asgi_application

from config.startup import freeze_after_startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_asgi_application()
freeze_after_startup()
