"""clean_text: what every way in does to the text people type or upload."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from khoi.core.text import clean_text, name_key

# Vietnamese letters, both forms of the marks, spaces, line breaks and every kind of control.
_ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from(list("aăâeêoôơuưdđAĐ \n\r\t\x00\x01\x1f\x7f\x85\x9f\u0300\u0301\u0303\u0309\u0323\u2028")),
)
_TEXTS = st.text(alphabet=_ALPHABET, max_size=40)


def _controls(text: str) -> set[str]:
    return {ch for ch in text if unicodedata.category(ch) == "Cc"}


@given(_TEXTS, st.booleans())
def test_clean_text_is_idempotent(text, multiline):
    once = clean_text(text, multiline=multiline)
    assert clean_text(once, multiline=multiline) == once


@given(_TEXTS, st.booleans())
def test_clean_text_gives_nfc_without_control_characters_but_the_line_feed_of_a_multiline_text(text, multiline):
    cleaned = clean_text(text, multiline=multiline)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert _controls(cleaned) <= ({"\n"} if multiline else set())
    assert cleaned == cleaned.strip()


@given(_TEXTS, st.booleans())
def test_clean_text_is_never_longer_than_the_nfc_form_of_its_input(text, multiline):
    assert len(clean_text(text, multiline=multiline)) <= len(unicodedata.normalize("NFC", text))


def test_nfd_and_control_characters_become_the_nfc_text_people_meant():
    typed = unicodedata.normalize("NFD", " Công ty\x01 Cảng\x1f Hải Phòng\x7f ")
    assert clean_text(typed, multiline=False) == "Công ty Cảng Hải Phòng"


def test_line_breaks_of_every_convention_become_a_line_feed_in_a_multiline_text():
    assert clean_text("Dòng một\r\nDòng hai\rDòng ba\u2028Dòng bốn\t.", multiline=True) == (
        "Dòng một\nDòng hai\nDòng ba\nDòng bốn ."
    )


def test_a_single_line_text_gets_a_space_where_a_line_break_was():
    assert clean_text("Công ty\r\nABC", multiline=False) == "Công ty ABC"


def test_the_same_name_in_nfc_and_nfd_with_other_case_and_spaces_has_one_key():
    nfc = "Nguyễn Văn Ánh"
    assert name_key(unicodedata.normalize("NFD", "  nguyễn  VĂN\tánh ")) == name_key(nfc) == "nguyễn văn ánh"


def test_accents_still_tell_two_names_apart():
    assert name_key("Lê Văn A") != name_key("Lễ Văn A")
