"""The checker's corpus: passages written for this project in the register of Vietnamese news
about Party committees, blocs, industrial zones, unions and provincial economies, each with every
internal calculation labelled, and altered copies with one figure changed (`passages_*.toml`).

`load()` gives every passage, the altered copies built from their originals; `verify()` recomputes
each label's computation, so a label's arithmetic cannot be wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Label:
    figure: str  # the figure as written that carries the result ("66,3%", "12.480 người")
    consistent: bool
    computation: str  # "268/412 = 65,0%"


@dataclass
class Passage:
    id: str
    text: str
    labels: list[Label] = field(default_factory=list)
    altered_from: str = ""


def load() -> list[Passage]:
    """Every passage, then every altered copy."""
    passages: list[Passage] = []
    altered: list[dict[str, str]] = []
    for path in sorted(HERE.glob("passages_*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for item in data.get("passage", []):
            labels = [Label(c["figure"], c["consistent"], c["computation"]) for c in item.get("checks", [])]
            passages.append(Passage(item["id"], item["text"], labels))
        altered.extend(data.get("altered", []))
    by_id = {passage.id: passage for passage in passages}
    copies = []
    for change in altered:
        original = by_id[change["of"]]
        if original.text.count(change["old"]) != 1:
            raise ValueError(f"{change['of']}: “{change['old']}” must occur exactly once")
        text = original.text.replace(change["old"], change["new"])
        kept = [
            label
            for label in original.labels
            if label.figure not in (change["old"], change["new"], change["figure"]) and label.figure in text
        ]
        labels = [*kept, Label(change["figure"], False, change["computation"])]
        copies.append(Passage(f"{change['of']}~{change['new']}", text, labels, altered_from=change["of"]))
    return passages + copies


_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def _decimal(written: str) -> Decimal:
    return Decimal(written.replace(".", "").replace(",", "."))


def _evaluate(expression: str) -> Decimal:
    """ "(16.215 − 14.380)/14.380" → its value (numbers, + − / and brackets only)."""

    def number(match: re.Match[str]) -> str:
        value = f"D('{_decimal(match.group(1))}')"
        return f"({value}/100)" if match.group(2) else value

    python = re.sub(r"(" + _NUMBER.pattern + r")(%?)", number, expression.replace("−", "-").replace("lần", ""))
    if re.search(r"[^\d\s().+\-/*D']", python):
        raise ValueError(f"cannot evaluate {expression!r}")
    return eval(python, {"D": Decimal, "__builtins__": {}})  # noqa: S307 - numbers and operators only


def verify(label: Label) -> str:
    """ "" when the computation's result is right and agrees with `consistent`; else why not."""
    left, _, right = label.computation.partition(" = ")
    value = _evaluate(left)
    if right.endswith("%"):
        value *= 100  # a share, a growth rate or a sum of shares (each p% read as p/100)
    result = _decimal(_NUMBER.search(right).group(0)) * (-1 if right.startswith("−") else 1)
    decimals = len(_NUMBER.search(right).group(0).partition(",")[2])
    if abs(value - result) > Decimal(5).scaleb(-decimals - 1) + Decimal("1e-9"):
        return f"{label.computation}: the left side gives {value:.4f}"
    return ""
