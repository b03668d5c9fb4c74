"""gettext for the checker's messages, remembered per language: a long text repeats the same few
messages thousands of times."""

from __future__ import annotations

from django.utils import translation

_seen: dict[tuple[str, str], str] = {}


def gettext(message: str) -> str:
    key = (translation.get_language() or "", message)
    found = _seen.get(key)
    if found is None:
        found = _seen[key] = translation.gettext(message)
    return found
