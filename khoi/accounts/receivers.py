"""What accounts do when other apps tell them something (signals connected in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from . import services


def deactivate_reporters_of_units(*, unit_ids: list[int], **kwargs: Any) -> None:
    """Units left the bloc (khoi.units.signals.units_left): their reporters may no longer sign in."""
    services.reporters_deactivate(unit_ids=unit_ids)
