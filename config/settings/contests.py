"""The contests pool: production's settings, with only the middleware and the two addresses the
participants' autosave and submit need (config.contests_pool says what is left out and why).

Served by its own app processes (`config.wsgi_contests`), behind the proxy's location for those
two addresses (deploy/nginx/khoi.conf); everything else goes to the main pool.
"""

from config.contests_pool import contests_middleware

from .production import *  # noqa: F403
from .production import MIDDLEWARE

MIDDLEWARE = contests_middleware(MIDDLEWARE)
ROOT_URLCONF = "config.urls_contests"
WSGI_APPLICATION = "config.wsgi_contests.application"

# The admin is installed (the apps and models are the same) but not served by this pool: its
# middleware checks do not apply here.
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "admin.E408", "admin.E409", "admin.E410"]
