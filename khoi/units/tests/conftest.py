"""Fixtures for the register's tests: a manager (the Office), the demo bloc, workbooks."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from khoi.accounts.models import User
from khoi.units.register_excel import COLUMNS


@pytest.fixture
def manager(organisation_user: User) -> User:
    """A register manager: the Organisation Board (root conftest)."""
    return organisation_user


@pytest.fixture
def manager_client(manager: User) -> Client:
    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def demo(db: None) -> None:
    from khoi.accounts import demo as accounts_demo
    from khoi.units import demo as units_demo

    units_demo.load()
    accounts_demo.load()


def make_workbook(rows: Sequence[dict[str, Any]], *, headers: Sequence[str] | None = None) -> bytes:
    """A register workbook: the Vietnamese header row, then one row per dict {column key: value}."""
    workbook = Workbook()
    sheet = workbook.active
    with translation.override("vi"):
        sheet.append(list(headers) if headers else [str(column.header) for column in COLUMNS])
    for row in rows:
        sheet.append([row.get(column.key) for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
