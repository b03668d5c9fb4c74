"""Local development: embedded SQLite by default, debug on, a throwaway secret key."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "local-development-only-not-a-secret")

from .base import *  # noqa: F403
