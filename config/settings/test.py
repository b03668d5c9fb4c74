"""Test settings: same as local, with fast hashing and an isolated test database."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Several test runs may share one PostgreSQL server; give each its own test database.
# (SQLite tests use an in-memory database already.)
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": f"test_khoi_{os.getpid()}"}
LANGUAGE_CODE = "vi"
# ...and its own cache namespace on a shared Redis (rate limits, counters).
CACHES["default"]["KEY_PREFIX"] = f"test{os.getpid()}"
# Browser tests restore the migrations' data (categories, sectors) after their flush
# (serialized_rollback). Content types and permissions are left out: another transactional test's
# flush re-creates them with new ids, and restoring the old rows would then collide.
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
