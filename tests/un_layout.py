"""Test fixtures in the layout of United Nations documents: PDF (reportlab), HTML and DOCX.

Two documents: the bundled resolution A/RES/73/266 (its text read from corpus/) and a
report in the style of a Group of Governmental Experts report, written for these tests.
The PDF layout follows the official one: a masthead on page 1, running headers (the
symbol on even pages, the title on odd ones), a footer with the job number and a page
mark, a barcode and a recycling note on page 1, footnotes in a smaller font at the foot
of the page, superscript markers in the body, justified lines with words hyphenated at
line ends. The layout records where each paragraph starts so tests can check pages.
"""
from __future__ import annotations

import re
from pathlib import Path

from un_content import (  # noqa: F401  (re-exported: the tests read the documents from here)
    _TO_DIGITS, RESOLUTION_TXT, SUPERSCRIPTS, Content, Item, Layout, Placed, _runs, plain, report, resolution,
)
from un_formats import write_docx, write_html  # noqa: F401

# --- PDF -------------------------------------------------------------------------------

_PAGE_W, _PAGE_H = 595.0, 842.0  # A4
_LEFT, _RIGHT = 90.0, 505.0
_BODY_TOP, _BODY_BOTTOM = 760.0, 80.0
_SIZE, _LEADING = 11.0, 13.5
_NOTE_SIZE, _NOTE_LEADING = 8.0, 9.5
_SUP_SIZE, _SUP_RISE = 6.0, 3.5
_INDENT = 36.0
_GAP = 6.0  # space between paragraphs


def _fonts(kind: str) -> tuple[str, float]:
    return {
        "heading": ("Times-Bold", 10.0), "chapter": ("Times-Bold", 12.0), "title": ("Times-Bold", 12.0),
    }.get(kind, ("Times-Roman", _SIZE))


_ITALIC = "\x01"  # marks a word set in italics while lines are laid out


def _face(word: str, font: str) -> tuple[str, str]:
    """The word without its italics mark, and the font to set it in."""
    if word.startswith(_ITALIC):
        return word[1:], {"Times-Roman": "Times-Italic", "Times-Bold": "Times-BoldItalic"}.get(font, font)
    return word, font


def _distribution(content: Content) -> list[str]:
    """ "Distr.: General 2 January 2019" as the masthead sets it: the date on a line of its own."""
    line = next((i.text for i in content.items if i.kind == "masthead" and i.text.startswith("Distr.")), "")
    m = re.match(r"^(Distr\.: \w+)\s+(.*)$", line)
    return [m.group(1), m.group(2)] if m else []


class _PdfWriter:
    def __init__(self, target, content: Content, total: int, encrypt: str | None = None, raised_by: str = "rise"):
        from reportlab.pdfgen import canvas

        self.content = content
        self.raised_by = raised_by
        self.issued = "040119"  # the date stamp beside the job number on page 1
        self.total = total
        self.canvas = canvas.Canvas(target, pagesize=(_PAGE_W, _PAGE_H), encrypt=encrypt, pageCompression=1)
        self.layout = Layout()
        self.page = 0
        self.y = 0.0
        self.notes_here: list[int] = []
        self.noted: set[int] = set()
        self._new_page()

    def width(self, text: str, font: str = "Times-Roman", size: float = _SIZE) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        text, font = _face(text, font)
        total = 0.0
        for run, sup in _runs(text):
            total += stringWidth(run.translate(_TO_DIGITS) if sup else run, font, _SUP_SIZE if sup else size)
        return total

    # page furniture
    def _new_page(self) -> None:
        if self.page:
            self._finish_page()
        self.page += 1
        self.notes_here = []
        c = self.canvas
        if self.page == 1:
            c.setFont("Helvetica-Bold", 16)
            c.drawString(_LEFT, 790, "United Nations")
            c.setFont("Helvetica-Bold", 16)
            c.drawRightString(_RIGHT, 790, self.content.symbol)
            c.setFont("Helvetica-Bold", 20)
            c.drawString(_LEFT, 755, "General Assembly")
            # distribution and date stand in a column of their own, level with the organ's name
            c.setFont("Times-Roman", 10)
            for n, line in enumerate(_distribution(self.content)):
                c.drawString(_RIGHT - 110, 762 - 12 * n, line)
            c.setLineWidth(1.5)
            c.line(_LEFT, 735, _RIGHT, 735)
            self.y = 715.0
        else:
            c.setFont("Helvetica-Bold", 8)
            if self.page % 2 == 0:
                c.drawString(_LEFT, 800, self.content.symbol)
            else:
                c.drawRightString(_RIGHT, 800, self.content.title[:90])
            c.setLineWidth(0.5)
            c.line(_LEFT, 795, _RIGHT, 795)
            self.y = _BODY_TOP
        self.layout.pages = self.page

    def _finish_page(self) -> None:
        c = self.canvas
        if self.notes_here:
            self._draw_footnotes()
        c.setFont("Helvetica", 8)
        if self.page == 1:
            c.drawString(_LEFT, 40, f"{self.content.job} (E)")
            c.drawString(_LEFT + 200, 40, self.issued)
            c.setFont("Courier", 9)
            c.drawString(_LEFT, 28, "*" + self.content.job.replace("-", "") + "*")
            c.setFont("Helvetica", 7)
            c.drawRightString(_RIGHT, 28, "Please recycle")
        elif self.page % 2 == 0:
            c.drawString(_LEFT, 40, f"{self.page}/{self.total}")
            c.drawRightString(_RIGHT, 40, self.content.job)
        else:
            c.drawString(_LEFT, 40, self.content.job)
            c.drawRightString(_RIGHT, 40, f"{self.page}/{self.total}")
        c.showPage()

    def _notes_height(self, numbers: list[int]) -> float:
        if not numbers:
            return 0.0
        lines = sum(len(self._wrap(self._note_text(n), _RIGHT - _LEFT - 14, "Times-Roman", _NOTE_SIZE)) for n in numbers)
        return 14.0 + lines * _NOTE_LEADING

    def _note_text(self, number: int) -> str:
        return self.content.footnotes[number]

    def _draw_footnotes(self) -> None:
        c = self.canvas
        top = _BODY_BOTTOM - 10 + self._notes_height(self.notes_here) - 14.0
        c.setLineWidth(0.5)
        c.line(_LEFT, top + 10, _LEFT + 80, top + 10)
        y = top
        for number in self.notes_here:
            t = c.beginText(_LEFT, y)
            t.setFont("Times-Roman", _SUP_SIZE)
            t.setRise(_SUP_RISE - 1)
            t.textOut(str(number))
            t.setRise(0)
            c.drawText(t)
            for line in self._wrap(self._note_text(number), _RIGHT - _LEFT - 14, "Times-Roman", _NOTE_SIZE):
                c.setFont("Times-Roman", _NOTE_SIZE)
                c.drawString(_LEFT + 14, y, " ".join(line))
                y -= _NOTE_LEADING

    # text
    def _wrap(self, text: str, width: float, font: str, size: float, first_indent: float = 0.0) -> list[list[str]]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        space = stringWidth(" ", font, size)
        words = text.split()
        lines: list[list[str]] = [[]]
        used, limit = 0.0, width - first_indent
        i = 0
        while i < len(words):
            word = words[i]
            w = self.width(word, font, size)
            need = w + (space if lines[-1] else 0.0)
            if used + need <= limit:
                lines[-1].append(word)
                used += need
                i += 1
                continue
            head, tail = self._hyphenate(word, limit - used - (space if lines[-1] else 0.0), font, size)
            if head:
                lines[-1].append(head)
                words[i] = tail
                self.layout.hyphenated.append(((head + tail).lstrip(_ITALIC), word.lstrip(_ITALIC)))
            lines.append([])
            used, limit = 0.0, width
        return [line for line in lines if line]

    def _hyphenate(self, word: str, room: float, font: str, size: float) -> tuple[str, str]:
        """Break a word at a line end: at its own hyphen, else between letters with a hyphen added."""
        if room < 25:
            return "", word
        if "-" in word.strip("-"):
            parts = word.split("-")
            for k in range(len(parts) - 1, 0, -1):
                head = "-".join(parts[:k]) + "-"
                if self.width(head, font, size) <= room and parts[k]:
                    return head, "-".join(parts[k:])
            return "", word
        core = re.match(r"^([A-Za-z]+)(\W*)$", word)
        if not core or len(core.group(1)) < 9:
            return "", word
        letters = core.group(1)
        for cut in range(len(letters) - 4, 3, -1):
            head = letters[:cut] + "-"
            if self.width(head, font, size) <= room:
                return head, letters[cut:] + core.group(2)
        return "", word

    def paragraph(self, item: Item) -> None:
        font, size = _fonts(item.kind)
        leading = size * 1.2
        text = f"{item.label} {item.text}".strip() if item.label else item.text
        indent = _INDENT if item.kind in ("para", "organ") else 0.0
        if item.kind == "closing":
            indent = 200.0
        if item.italic:
            words = text.split()
            first = 1 if item.label else 0
            words[first:first + item.italic] = [_ITALIC + w for w in words[first:first + item.italic]]
            text = " ".join(words)
        lines = self._wrap(text, _RIGHT - _LEFT, font, size, indent)
        gap = {"chapter": 16.0, "heading": 10.0, "title": 12.0}.get(item.kind, _GAP)
        self.y -= gap
        start_page = None
        for n, words in enumerate(lines):
            markers = [int(ch.translate(_TO_DIGITS)) for w in words for ch in w if ch in SUPERSCRIPTS]
            new_notes = [m for m in markers if m not in self.noted and m in self.content.footnotes]
            floor = _BODY_BOTTOM + self._notes_height(self.notes_here + new_notes)
            if self.y - leading < floor:
                self._new_page()
            self.y -= leading
            if start_page is None:
                start_page = self.page
            self.notes_here += new_notes
            self.noted.update(new_notes)
            last = n == len(lines) - 1
            x0 = _LEFT + (indent if n == 0 else 0.0)
            self._draw_line(words, x0, _RIGHT, font, size, justify=not last and item.kind == "para")
        self.layout.placed.append(Placed(plain(item.text), item.label, start_page, self.page))

    def _draw_line(self, words: list[str], x0: float, x1: float, font: str, size: float, justify: bool) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widths = [self.width(w, font, size) for w in words]
        space = stringWidth(" ", font, size)
        if justify and len(words) > 1:
            space = (x1 - x0 - sum(widths)) / (len(words) - 1)
        x = x0
        for word, w in zip(words, widths):
            word, face = _face(word, font)
            if self.raised_by == "offset":
                self._draw_offset(word, x, face, size)
                x += w + space
                continue
            t = self.canvas.beginText(x, self.y)
            for run, sup in _runs(word):
                if sup:
                    t.setFont(face, _SUP_SIZE)
                    t.setRise(_SUP_RISE)
                    t.textOut(run.translate(_TO_DIGITS))
                    t.setRise(0)
                else:
                    t.setFont(face, size)
                    t.textOut(run)
            self.canvas.drawText(t)
            x += w + space

    def _draw_offset(self, word: str, x: float, font: str, size: float) -> None:
        """Markers set as separate text on a higher baseline, the way word processors often write them."""
        for run, sup in _runs(word):
            text = run.translate(_TO_DIGITS) if sup else run
            self.canvas.setFont(font, _SUP_SIZE if sup else size)
            self.canvas.drawString(x, self.y + (_SUP_RISE if sup else 0.0), text)
            x += self.width(run, font, size)

    def close(self) -> None:
        self._finish_page()
        self.canvas.save()


def write_pdf(content: Content, path: Path, encrypt: str | None = None, raised_by: str = "rise") -> Layout:
    """Write the content as a UN-layout PDF; the Layout says where each paragraph landed.

    `raised_by` sets how superscript markers are raised: "rise" (a text rise on the same
    baseline) or "offset" (separate text on a higher baseline).
    """
    import io

    total = 0
    for target in (io.BytesIO(), str(path)):  # page marks name the page count: lay out twice
        writer = _PdfWriter(target, content, total, encrypt, raised_by)
        for item in content.items:
            if not (item.kind == "masthead" and item.text.startswith("Distr.")):
                writer.paragraph(item)
        writer.close()
        total = writer.layout.pages
    return writer.layout


