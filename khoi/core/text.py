"""Vietnamese-aware text keys for search and sorting, usable on any database.

SQLite has no Vietnamese collation and no unaccent; we store or compute keys in Python instead.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_BASE_ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_RANK = {letter: index for index, letter in enumerate(_BASE_ORDER)}
# Tones sort after the letter: none, huyền, hỏi, ngã, sắc, nặng (the dictionary order).
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SPACES = re.compile(r"\s+")


def search_key(text: str) -> str:
    """Lower-case, accent-free, đ→d, single spaces: "Nước  Sạch Đà Nẵng" → "nuoc sach da nang"."""
    return _SPACES.sub(" ", unidecode(text or "").lower()).strip()


def _letter_and_tone(char: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", char.lower())
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONE_MARKS:
            tone = _TONE_MARKS[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def vietnamese_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key that sorts as a Vietnamese reader expects: A Ă Â … D Đ …, then by tone."""
    letters: list[int] = []
    tones: list[int] = []
    for char in text or "":
        letter, tone = _letter_and_tone(char)
        if letter in _BASE_RANK:
            letters.append(100 + _BASE_RANK[letter])
        elif letter.isspace():
            letters.append(0)
        else:
            letters.append(200 + ord(letter[0]) if letter else 0)
        tones.append(tone)
    return tuple(letters), tuple(tones)
