"""Test data for the register, built through the services so paths and history are real."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from stdnum.vn import mst

from khoi.units import services
from khoi.units.models import Ownership, Unit, UnitKind

_counter = itertools.count(1)


def valid_tax_code(seed: int) -> str:
    for extra in itertools.count():
        body = f"03{(seed * 7907 + extra * 131) % 10_000_000:07d}"
        check = mst.calc_check_digit(body)
        if len(check) == 1:
            return body + check
    raise AssertionError("unreachable")


def make_bloc(**fields: Any) -> Unit:
    defaults: dict[str, Any] = {"code": "BLOC", "name": "Đảng bộ Khối Doanh nghiệp thử nghiệm", "kind": UnitKind.BLOC}
    defaults.update(fields)
    return services.unit_create(actor=None, parent=None, joined_on=dt.date(2000, 1, 1), fields=defaults)


def make_unit(
    parent: Unit,
    *,
    kind: str = UnitKind.BASE_CELL,
    joined_on: dt.date = dt.date(2010, 1, 1),
    **fields: Any,
) -> Unit:
    number = next(_counter)
    defaults: dict[str, Any] = {
        "code": f"T{number:04d}",
        "name": f"Chi bộ Công ty Cổ phần Thử nghiệm số {number}",
        "kind": kind,
        "enterprise_name": f"Công ty Cổ phần Thử nghiệm số {number}",
        "tax_code": valid_tax_code(number) if kind != UnitKind.SUBORDINATE_CELL else "",
        "ownership": Ownership.NON_STATE,
    }
    defaults.update(fields)
    return services.unit_create(actor=None, parent=parent, joined_on=joined_on, fields=defaults)
