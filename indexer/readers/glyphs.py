"""The glyphs of each PDF page, with their boxes and font sizes, read with PDFium.

pypdfium2 is used because PDFium reads a page's text in C: one call per glyph for its box,
and the font is asked only where the glyphs' height or line changes, which keeps reading
near the cost of extracting the bare text. The layout (lines, superscripts, footnotes,
running heads) is worked out from these glyphs in `pdf.py`.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..errors import UnreadableDocument

_BOLD = 600  # font weight from which a glyph is bold
# a glyph: its character, its loose box (left, right, top, bottom, from the page's top), its font
# size, whether it is bold, whether a word break PDFium inferred comes before it
TEXT, X0, X1, TOP, BOTTOM, SIZE, BOLD, SPACE = range(8)
_DASHES = "-‐‑–—\ufffe"


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    glyphs: list[tuple]  # (TEXT, X0, X1, TOP, BOTTOM, SIZE, BOLD, SPACE): edges from the top of the page
    rule: float | None  # top of the short rule that sets the footnotes off, if drawn


def read_pages(path: Path) -> tuple[list[Page], list[int]]:
    """Every page's glyphs, and the numbers of the pages too damaged to read."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(path, _reason(exc)) from None
    pages, damaged = [], []
    try:
        for number in range(1, len(pdf) + 1):
            try:
                pages.append(_page(pdf, number))
            except (pdfium.PdfiumError, ValueError, OSError):  # a damaged page costs that page only
                pages.append(Page(number, 842.0, [], None))
                damaged.append(number)
    finally:
        pdf.close()
    return pages, damaged


def _reason(exc: Exception) -> str:
    message = str(exc).lower()
    if "password" in message:
        return "the PDF is encrypted; save a copy without a password and index that"
    if "format" in message or "file" in message:
        return "not a readable PDF (damaged or truncated); get a fresh copy of the file"
    return f"not a readable PDF ({exc}); the file may be damaged"


def _page(pdf, number: int) -> Page:
    page = pdf[number - 1]
    try:
        height = float(page.get_height())
        textpage = page.get_textpage()
        try:
            glyphs = _glyphs(textpage, height)
        finally:
            textpage.close()
        return Page(number, height, glyphs, _footnote_rule(page, height))
    finally:
        page.close()


def _glyphs(textpage, height: float) -> list[tuple]:
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count, errors="ignore")
    if len(text) != count:  # characters outside the Basic Multilingual Plane: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    box, rect = raw.FPDFText_GetLooseCharBox, raw.FS_RECTF()
    glyphs: list[tuple] = []
    append = glyphs.append
    size, bold, last_bottom, last_height = 0.0, False, None, None
    spaced, previous, last = False, "", -1
    for i, char in enumerate(text):
        box(textpage, i, rect)
        left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        if right == left and top == bottom:
            # a space or line break PDFium inferred: a word break, though not beside a hyphen ("Open -Ended")
            spaced = spaced or char == " "
            continue
        glyph_height = top - bottom
        if last_height is None or abs(glyph_height - last_height) > 0.2 or abs(bottom - last_bottom) > 1:
            # the font is asked where the glyphs' height changes or a new line starts
            size = round(raw.FPDFText_GetFontSize(textpage, i), 1)
            bold = _is_bold(textpage, i)
            last_height, last_bottom = glyph_height, bottom
        # PDFium's inferred word break counts where the text run changes too ("Recalling further", an
        # italic word against a roman one), not inside a run set with wide letter spacing ("tha t")
        broken = spaced and char not in _DASHES and previous not in _DASHES and _runs_differ(textpage, last, i)
        append((char, left, right, height - top, height - bottom, size, bold, broken))
        spaced, previous, last = False, char, i
    return glyphs


def _runs_differ(textpage, before: int, after: int) -> bool:
    if before < 0:
        return False
    one, other = raw.FPDFText_GetTextObject(textpage, before), raw.FPDFText_GetTextObject(textpage, after)
    return ctypes.cast(one, ctypes.c_void_p).value != ctypes.cast(other, ctypes.c_void_p).value


def _is_bold(textpage, i: int) -> bool:
    weight = raw.FPDFText_GetFontWeight(textpage, i)
    if weight > 0:
        return weight >= _BOLD
    # the standard fonts carry no weight: their name says it ("Helvetica-Bold")
    name = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(textpage, i, name, len(name), None)
    return b"Bold" in name.value


def _footnote_rule(page, height: float) -> float | None:
    """The top of the short horizontal rule drawn in the lower half of the page above the footnotes."""
    width = float(page.get_width())
    tops = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < 3 and 15 < right - left < 0.5 * width and height - top > 0.5 * height:
            tops.append(height - top)
    return max(tops) if tops else None
