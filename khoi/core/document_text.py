"""Text as our document writers (Excel, Word, PDF) can always store it.

Names and addresses come from outside; whatever is already stored must never make a document
fail. XML 1.0 (inside .xlsx and .docx) cannot hold control characters other than tab, line feed
and carriage return, nor lone surrogates or U+FFFE/U+FFFF; python-docx and openpyxl raise on them,
and a PDF font has no glyph for them. `document_text` removes them, keeps tab and line breaks
(a carriage return becomes a line feed) and never raises.
"""

from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL and the C1 controls, lone surrogates, and the two
# non-characters XML forbids.
_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CARRIAGE_RETURNS = re.compile("\r\n?")


def document_text(value: object) -> str:
    """`value` as text any document writer stores: "" for None, unstorable characters removed."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = _CARRIAGE_RETURNS.sub("\n", text)
    return _UNSTORABLE.sub("", text)
