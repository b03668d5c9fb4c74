"""Text from outside made clean, and Vietnamese-aware keys for matching, search and sorting.

`clean_text` is what every way in (forms, the API, imports) applies to the text people type or
upload, before it is checked or stored. `name_key` is how a typed name is matched with a stored
one. SQLite has no Vietnamese collation and no unaccent; we store or compute keys in Python.
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
# The longest multi-line text we store (descriptions, achievements, comments): a model TextField's
# max_length, and the limit of a multi-line form or API field that states none. An Excel cell holds
# 32,767 characters at most; every text fits one.
TEXT_MAX_LENGTH = 10_000
_SPACES = re.compile(r"\s+")
# Line breaks of every convention (Windows, old Mac, vertical tab, form feed, NEL, U+2028/2029).
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_BREAK_AND_SPACES = re.compile("[ \t]*\n[ \t\n]*")
# C0 and C1 control characters (the tab and the line feed are handled before), DEL, and lone
# surrogates, which no database or document format can store.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: object, *, multiline: bool) -> str:
    r"""Text as we store it: NFC, no control characters, no surrounding spaces.

    A multi-line text keeps its line breaks, all written "\n"; a single-line text gets one space
    where line breaks (and the spaces around them) were. A tab becomes a space; other control
    characters are dropped. Never longer than the NFC form of what came in.
    """
    text = _LINE_BREAKS.sub("\n", str(value))
    if not multiline:
        text = _BREAK_AND_SPACES.sub(" ", text)
    text = text.replace("\t", " ")
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text)).strip()


def name_key(text: str) -> str:
    """The key on which a typed name matches a stored one: clean, NFC, casefolded, single spaces.

    "Nguyễn  Văn An" (NFD) and "nguyễn văn an" (NFC) give the same key; accents still count
    ("Lê" and "Lễ" are two people).
    """
    folded = clean_text(text or "", multiline=False).casefold()
    return unicodedata.normalize("NFC", _SPACES.sub(" ", folded))


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
