"""Fixtures only the emulation tests need."""

from __future__ import annotations

from typing import Any

import pytest

from khoi.units.models import Unit
from khoi.units.tests.factories import make_unit

from .factories import make_catalogue


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    return make_catalogue()


@pytest.fixture
def more_units(bloc: Unit) -> list[Unit]:
    return [make_unit(bloc, name=f"Chi bộ Công ty Thử nghiệm {i}") for i in range(3)]
