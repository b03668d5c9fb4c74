"""Data a whole test module reads, loaded once for the module instead of once per test.

The data goes in inside a transaction opened for the module and rolled back when its last test is
done, so no other module ever sees it; each test still runs in its own savepoint (pytest-django's
`db`), so what one test changes is gone before the next. Loading a demo costs seconds; a module of
ten tests that each loaded it paid for it ten times.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction


@contextmanager
def rolled_back_after_module(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
