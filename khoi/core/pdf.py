"""PDF documents with correct Vietnamese diacritics: fpdf2 with the vendored Liberation fonts.

Liberation Serif is metric-compatible with Times New Roman, which Party documents name; the font
files ship in khoi/core/fonts (SIL Open Font License), so nothing depends on the server's fonts.
Every text drawn passes through `document_text` (fpdf2 calls `normalize_text` on each), so control
characters in stored names never reach the page as missing glyphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from fpdf import FPDF

from .document_text import document_text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SERIF = "serif"
SANS = "sans"


class DocumentPDF(FPDF):
    """FPDF that draws only characters a document can hold."""

    def normalize_text(self, text: str) -> str:
        return super().normalize_text(document_text(text))


def new_pdf(*, orientation: Literal["P", "L"] = "P", margins_mm: tuple[float, float, float] = (20, 15, 15)) -> FPDF:
    """An A4 PDF with the `serif` (Regular, B, I, BI) and `sans` (Regular, B) families registered.

    `margins_mm` is (left, top, right); the bottom margin is the automatic page-break margin.
    """
    pdf = DocumentPDF(orientation=orientation, unit="mm", format="A4")
    left, top, right = margins_mm
    pdf.set_margins(left, top, right)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font(SERIF, "", FONT_DIR / "LiberationSerif-Regular.ttf")
    pdf.add_font(SERIF, "B", FONT_DIR / "LiberationSerif-Bold.ttf")
    pdf.add_font(SERIF, "I", FONT_DIR / "LiberationSerif-Italic.ttf")
    pdf.add_font(SERIF, "BI", FONT_DIR / "LiberationSerif-BoldItalic.ttf")
    pdf.add_font(SANS, "", FONT_DIR / "LiberationSans-Regular.ttf")
    pdf.add_font(SANS, "B", FONT_DIR / "LiberationSans-Bold.ttf")
    pdf.set_font(SERIF, size=13)
    return pdf


def pdf_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())
