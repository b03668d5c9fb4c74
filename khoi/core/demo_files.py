"""Demo data kept as data: each app's bulky demo lists live in JSON files in its demo_data/
folder, read here, so that demo modules hold the logic and not pages of literals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def demo_data(module_file: str, name: str) -> Any:
    """The JSON file `name` in the demo_data/ folder beside `module_file` (pass `__file__`)."""
    path = Path(module_file).with_name("demo_data") / name
    with path.open(encoding="utf-8") as file:
        return json.load(file)
