"""Schemathesis over the whole API schema, as committee staff and as a unit's reporter: no input,
however odd, gets a 5xx. The requests go in-process to the project's WSGI application with a
session cookie from Django's test client (force_login) and a CSRF token.

A small world is seeded so that low ids name real rows: units, a listing, a conference with two
participants and a meeting, a contest round, a reporting round, an emulation agreement.
Deselect locally with `-m "not fuzz"`; `make test` runs it with bounded examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from config.wsgi import application
from khoi.accounts.models import Department, Role
from khoi.accounts.tests.factories import make_user
from khoi.contests.tests.factories import make_contest, make_question, make_round, make_topic
from khoi.emulation import services as emulation
from khoi.emulation.tests.factories import make_catalogue, make_emulation_bloc, simple_sections
from khoi.marketplace import services as market
from khoi.marketplace.models import Category
from khoi.reporting import round_services
from khoi.reporting import services as reporting
from khoi.reporting.models import ReportForm
from khoi.units.models import Unit, UnitGroup, UnitKind
from khoi.units.tests.factories import make_bloc, make_unit

CSRF = "k" * 32
EXAMPLES = 4

config = SchemathesisConfig.from_dict(
    {
        "generation": {"max-examples": EXAMPLES, "mode": "all"},
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True), config=config)
schema.app = application  # the production WSGI stack: the contests' hot front, then Django

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]


def _seed_world() -> Unit:
    """The world; returns the reporter's unit."""
    bloc = make_bloc()
    unit = make_unit(bloc, kind=UnitKind.BASE_COMMITTEE, name="Đảng bộ Công ty Cổ phần Cảng Hải Phòng")
    other = make_unit(bloc, name="Chi bộ Công ty Cổ phần Nước sạch Đồ Sơn")
    enterprise, other_enterprise = market.enterprise_for_unit(unit=unit), market.enterprise_for_unit(unit=other)
    market.listing_create(
        actor=None, enterprise=enterprise,
        fields={"kind": "offer", "category": Category.objects.get(code="nuoc-sach"), "title": "Nước sạch",
                "regions": ["Hải Phòng"], "valid_from": dt.date(2024, 1, 1)},
    )  # fmt: skip
    conference = market.conference_create(
        actor=None, title="Hội nghị", date=dt.date(2030, 7, 10), venue="Hải Phòng", table_count=2,
        starts_at=dt.time(14, 0), slot_minutes=20, slot_count=4, breaks=[],
    )  # fmt: skip
    first = market.participant_register(actor=None, conference=conference, enterprise=enterprise, phone="0912345678")
    second = market.participant_register(actor=None, conference=conference, enterprise=other_enterprise)
    request = market.meeting_request_send(actor=None, requester=second, recipient=first)
    market.meeting_request_answer(actor=None, request=request, accept=True, slot_index=1)
    topic = make_topic("Lịch sử Đảng bộ")
    for index in range(4):
        make_question(topic, correct="ABCD"[index])
    make_round(make_contest(), [(topic, 3)])
    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    reporting.catalogue_install()
    round_services.round_open(
        form=ReportForm.objects.get(code="bao-cao-dinh-ky"), period_code="2021-H1",
        deadline=dt.date(2021, 7, 20), actor=None,
    )  # fmt: skip
    make_catalogue()
    emulation.agreement_create(
        bloc=make_emulation_bloc([unit], ["Hội Du lịch"]), year=2020, title="Giao ước 2020", sections=simple_sections()
    )
    return unit


@pytest.fixture(autouse=True)
def _test_transaction_kept() -> Iterator[None]:
    """As Django's test client does: the request signals would otherwise close the connection that
    holds the test's transaction (PostgreSQL; SQLite's in-memory connection is never closed)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["staff", "reporter"])
def session_cookies(request: pytest.FixtureRequest) -> dict[str, str]:
    unit = _seed_world()
    if request.param == "staff":
        user = make_user("vanphong", role=Role.STAFF, department=Department.OFFICE)
    else:
        user = make_user("baocao", role=Role.REPORTER, unit=unit)
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value, "csrftoken": CSRF}


@schema.parametrize()
@hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_request_gets_a_server_error(case, session_cookies):
    case.call_and_validate(cookies=session_cookies, headers={"X-CSRFToken": CSRF}, checks=[not_a_server_error])
