"""Fill msgstr entries of a gettext catalogue from a JSON object {msgid: msgstr}.

    python scripts/po_fill.py khoi/units/locale/vi/LC_MESSAGES/django.po translations.json

Used after `make messages` to add the Vietnamese for new English msgids. Plural entries take a
list of forms (Vietnamese has one). Existing translations are replaced only when given.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(po_path: str, json_path: str) -> None:
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    with open(po_path, "rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in translations:
            value = translations[key]
            message.string = (
                tuple(value)
                if isinstance(message.id, tuple) and isinstance(value, list)
                else ((value,) * len(message.id) if isinstance(message.id, tuple) else value)
            )
            message.flags.discard("fuzzy")
            filled += 1
    catalog.fuzzy = False  # makemessages marks a new catalogue fuzzy; a filled one is not
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, width=100)
    missing = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    print(f"{filled} filled, {len(missing)} still untranslated")
    for msgid in missing:
        print("  missing:", msgid)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
