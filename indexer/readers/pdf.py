"""PDF documents, read with their layout so furniture, footnotes and superscripts are told apart.

Every glyph's font size and position (from `glyphs.py`) is what tells them apart: a footnote
marker is a smaller, raised digit, a footnote a smaller line at the page foot, a running
header a line in the top margin set off from the text. Plain extraction loses all three and
glues "2013²" into "20132".
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from ..documents import Block
from ..errors import UnreadableDocument
from ..furniture import CLOSING, is_furniture
from .glyphs import BOLD, BOTTOM, SIZE, SPACE, TEXT, TOP, X0, X1, read_pages
from .words import SOFT_SPACE, join_hyphenated, soft_spaces, vocabulary

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_OPENER = re.compile(r"^(?:\d{1,3}\.\s|\([a-z]{1,2}\)\s|\([ivxl]{1,5}\)\s|[IVXL]{1,5}\.\s|[A-Z]\.\s)")
_SYMBOL_ONLY = re.compile(r"^(?:A|S|E)/(?:[A-Z0-9.\-]+/)*[0-9A-Za-z.]+$")
_FOOTNOTE_START = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*|\d{1,3}\s+)(\S.*)$")
# a footnote's line running on with a date ("New York, 14-18" / "17 March 2022, and Doha ..."): no next footnote
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = re.compile(rf"^(?:{_MONTHS})\b")
# a month run into its year where the glyphs touch ("14 December1960"); no date is printed so
_MONTH_RUN_INTO_YEAR = re.compile(rf"\b({_MONTHS})(\d{{4}})\b")
_TOP_BAND, _BOTTOM_BAND = 0.11, 0.88  # share of the page height where headers and footers sit
_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u2010": "-", "\u2011": "-", "\ufffe": "-"}  # PDFium marks a hyphen at a line end U+FFFE
_SMALL = 0.9  # a line smaller than this share of the body size is a footnote, not text


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float  # the line's dominant font size
    text: str
    height: float = 842.0  # the page's height
    bold: bool = False
    alone: bool = False  # a piece of a line split at a wide gap: never part of a paragraph with others


@dataclass
class _Paragraph:
    page: int
    lines: list[_Line] = field(default_factory=list)


def read(path: Path) -> tuple[list[Block], str | None]:
    pages, rules, damaged = _page_lines(path)
    if not any(pages):
        if damaged:
            raise UnreadableDocument(path, "no page of the PDF could be read; the file may be damaged")
        raise UnreadableDocument(path, "the PDF has no text layer (a scan?); run OCR on it first")
    body = _body_size(pages)
    recurring = _recurring_margins(pages)
    blocks: list[Block] = []
    paragraphs: list[_Paragraph] = []
    notes: dict[int, list[tuple[int, list[str]]]] = {}
    last_note = None
    for number, (lines, rule) in enumerate(zip(pages, rules), 1):
        lines = _drop_furniture(lines, number, body, recurring)
        text_lines, note_lines = _split_footnotes(lines, body, rule)
        carried, notes[number] = _footnotes(note_lines)
        if carried and last_note is not None:
            last_note[1].extend(carried)  # a footnote running on from the page before
        last_note = notes[number][-1] if notes[number] else last_note
        paragraphs.extend(_paragraphs(text_lines, body))
    paragraphs = _join_across_pages(paragraphs, body)
    words = vocabulary([[line.text for line in p.lines] for p in paragraphs])
    pending = sorted(notes)
    numbered = False  # bold lines before the first numbered paragraph are the masthead, not headings
    for paragraph in paragraphs:
        # a page's footnotes come after the last paragraph that starts on that page
        while pending and pending[0] < paragraph.page:
            blocks.extend(_note_blocks(notes, pending.pop(0)))
        text = soft_spaces(join_hyphenated([line.text for line in paragraph.lines], words), words)
        numbered = numbered or bool(_OPENER.match(text))
        blocks.append(Block(text=text, page=paragraph.page, heading=numbered and _is_heading(paragraph, text)))
    for page in pending:
        blocks.extend(_note_blocks(notes, page))
    note = f"page{'s' if len(damaged) > 1 else ''} {', '.join(map(str, damaged))} could not be read" if damaged else None
    return blocks, note


_RULE = re.compile(r"^_{5,}$")
_STRUCTURE = re.compile(r"^(?:(?:Article|Chapter|Annex|Part|Section) [\dIVXLC]+\b|Annex$)")


def _page_lines(path: Path) -> tuple[list[list[_Line]], list[float | None], list[int]]:
    """Each page's lines, where its footnote rule is, and the numbers of the pages too damaged to read."""
    pages, damaged = read_pages(path)
    lines, rules = [], []
    for page in pages:
        page_lines = _lines(page.glyphs, page.number, page.height)
        rule = page.rule
        # a rule typed as a row of underscores is the same rule
        typed = [line for line in page_lines if _RULE.match(line.text) and line.top > 0.5 * page.height]
        if typed:
            rule = max(rule or 0.0, typed[-1].top)
            page_lines = [line for line in page_lines if not _RULE.match(line.text)]
        lines.append(page_lines)
        rules.append(rule)
    return lines, rules, damaged


def _lines(glyphs: list[tuple], number: int, height: float) -> list[_Line]:
    """The page's text lines, top to bottom, raised small digits turned into superscripts."""
    rows = _rows(_distinct(glyphs), height)
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[X0])
        pieces = _pieces(row)
        for piece in pieces:
            line = _line(piece, number, height)
            line.alone = len(pieces) > 1
            lines.append(line)
    lines.sort(key=lambda line: (round(line.top), line.x0))
    return [line for line in lines if line.text]


def _distinct(chars) -> list[tuple]:
    """Without the copies a producer overprints to fake bold."""
    seen, out = set(), []
    add, keep = seen.add, out.append
    for c in chars:
        key = (c[TEXT], int(c[X0]), int(c[TOP]))
        if key not in seen:
            add(key)
            keep(c)
    return out


def _rows(chars: list[tuple], height: float) -> list[list[tuple]]:
    """Characters grouped by the foot of their line box; superscripts, set higher, join the line they sit in."""
    chars = sorted(chars, key=itemgetter(BOTTOM, X0))
    rows: list[list[tuple]] = []
    row: list[tuple] = []
    base, size, limit = 0.0, 0.0, 0.0
    for c in chars:
        # within a quarter of the smaller of the two sizes of the row's first glyph
        if row and c[BOTTOM] - base <= (limit if c[SIZE] >= size else 0.25 * max(c[SIZE], 1)):
            row.append(c)
        else:
            row = [c]
            rows.append(row)
            base, size = c[BOTTOM], c[SIZE]
            limit = 0.25 * max(size, 1)
    merged: list[list[tuple]] = []
    for i, row in enumerate(rows):
        host = next((other for other in (rows[i + 1] if i + 1 < len(rows) else None, merged[-1] if merged else None)
                     if other is not None and _is_raised_within(row, other)), None)
        if host is not None:
            host.extend(row)
        else:
            merged.append(row)
    return sorted(merged, key=lambda row: min(c[TOP] for c in row))


def _is_raised_within(small: list[tuple], row: list[tuple]) -> bool:
    size = max(c[SIZE] for c in row)
    if max(c[SIZE] for c in small) >= 0.8 * size:
        return False
    top, bottom = min(c[TOP] for c in row), max(c[BOTTOM] for c in row)
    s_top, s_bottom = min(c[TOP] for c in small), max(c[BOTTOM] for c in small)
    shared = min(bottom, s_bottom) - max(top, s_top)
    if shared < 0.5 * max(s_bottom - s_top, 0.1):
        return False
    # a marker stands by the text it belongs to (a footnote's number a tab before it); small text
    # far beside large text is a column of its own
    if all(any(r[X0] - 3 * size <= c[X0] <= r[X1] + size for r in row) for c in small):
        return True
    # markers in a run ("conflict,¹⁰,¹¹") whose first stands by the text, the others each by the one before
    run = sorted(small, key=itemgetter(X0))
    return any(r[X0] - 3 * size <= run[0][X0] <= r[X1] + size for r in row) \
        and all(b[X0] - a[X1] <= 0.5 * size for a, b in zip(run, run[1:]))


def _pieces(row: list[tuple]) -> list[list[tuple]]:
    """A row split at gaps so wide they separate two texts: "United Nations ... A/RES/73/266"."""
    size = Counter(c[SIZE] for c in row).most_common(1)[0][0]
    pieces = [[row[0]]]
    for prev, c in zip(row, row[1:]):
        if c[X0] - prev[X1] > 6 * size:
            pieces.append([])
        pieces[-1].append(c)
    return pieces


def _line(chars: list[tuple], page: int, height: float) -> _Line:
    size = Counter(c[SIZE] for c in chars).most_common(1)[0][0]
    baseline = Counter(c[BOTTOM] for c in chars if c[SIZE] == size).most_common(1)[0][0]
    out: list[str] = []
    prev = None
    space = False
    for c in chars:
        if c[TEXT].isspace():
            space = True
            continue
        gap = c[X0] - prev[X1] if prev is not None else 0.0
        # a word after a raised marker stands off by less than words do: "2011⁷ and"
        spaced = gap > (0.1 if prev is not None and _is_marker(prev, size, baseline) else 0.17) * size
        if prev is not None and (space or spaced) and out and out[-1] != " ":
            out.append(" ")
        elif prev is not None and c[SPACE] and out and out[-1] != " ":
            out.append(SOFT_SPACE)  # a break PDFium inferred: the document's words decide (see soft_spaces)
        space = False
        raised = _is_marker(c, size, baseline)
        text = _LIGATURES.get(c[TEXT], c[TEXT])
        out.append(text.translate(_SUPERSCRIPT) if raised and text.isdigit() else text)
        prev = c
    regular = [c for c in chars if not c[TEXT].isspace() and not _is_marker(c, size, baseline)]  # a marker's face may differ
    bold = bool(regular) and all(c[BOLD] for c in regular)
    return _Line(
        page=page, top=min(c[TOP] for c in chars), bottom=baseline,
        x0=chars[0][X0], x1=max(c[X1] for c in chars), size=size,
        text=_MONTH_RUN_INTO_YEAR.sub(r"\1 \2", "".join(out).strip()), height=height, bold=bold,
    )


def _is_marker(c: tuple, size: float, baseline: float) -> bool:
    """A glyph smaller than the line's and raised above its baseline: a footnote marker's."""
    return c[SIZE] < 0.8 * size and c[BOTTOM] < baseline - 0.15 * size


def _body_size(pages: list[list[_Line]]) -> float:
    sizes = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0]


def _in_margin(line: _Line) -> bool:
    return line.bottom < _TOP_BAND * line.height or line.top > _BOTTOM_BAND * line.height


def _margin_key(line: _Line) -> str:
    """The line with its page mark ("2/46") left out: what a running head repeats on every page."""
    return re.sub(r"\b\d+\s*/\s*\d+\b|\bpage\s+\d+\b|^\d+$", "#", line.text.lower())


def _recurring_margins(pages: list[list[_Line]]) -> set[str]:
    """Texts in the top or bottom margin of three or more pages, page numbers aside: running heads."""
    seen = Counter(key for lines in pages for key in {_margin_key(line) for line in lines if _in_margin(line)})
    return {key for key, count in seen.items() if count >= 3}


def _drop_furniture(lines: list[_Line], page: int, body: float, recurring: set[str]) -> list[_Line]:
    """Without running headers, footers, page marks, job numbers, barcodes and recycling notes."""
    kept = []
    for i, line in enumerate(lines):
        top = line.bottom < _TOP_BAND * line.height
        repeated = _margin_key(line) in recurring and (page > 1 or not _SYMBOL_ONLY.match(line.text))
        if _in_margin(line) and (is_furniture(line.text) or repeated):
            continue  # page 1's masthead keeps the symbol that the running heads repeat
        if page > 1 and top and _is_running_head(line, lines[i + 1:], body):
            continue
        kept.append(line)
    return kept


def _is_running_head(line: _Line, below: list[_Line], body: float) -> bool:
    """A line in the top margin set in a smaller font or well apart from the text under it, or the bare symbol."""
    if _SYMBOL_ONLY.match(line.text) or line.size < _SMALL * body:
        return True
    if _STRUCTURE.match(line.text):
        return False  # "Article 17" opening a page stands apart from its text as every heading does
    following = [b for b in below if b.top > line.bottom - 1 and b.top <= _BOTTOM_BAND * b.height]
    if not following:
        return False
    return following[0].top - line.bottom > 1.5 * body


def _split_footnotes(lines: list[_Line], body: float, rule: float | None) -> tuple[list[_Line], list[_Line]]:
    """The page's text lines and, apart, its footnotes: the smaller lines at its foot, below the
    footnote rule or, without one, from the first that opens with a number."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < _SMALL * body:
        start -= 1
    if rule is None or lines[start:start + 1] and lines[start].top < rule:
        while start < len(lines) and not _FOOTNOTE_START.match(lines[start].text):
            start += 1
    if start == len(lines) or not any(line.size >= _SMALL * body for line in lines[:start]):
        return lines, []
    return lines[:start], lines[start:]


def _footnotes(lines: list[_Line]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Lines running on from the page before, and the page's footnotes as (number, lines)."""
    carried: list[str] = []
    notes: list[tuple[int, list[str]]] = []
    for line in lines:
        m = _FOOTNOTE_START.match(line.text)
        marker = m.group(1).strip().translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) if m else ""
        if m and (line.text[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹" or not notes or int(marker) == notes[-1][0] + 1 and not _MONTH.match(m.group(2))):
            notes.append((int(marker), [m.group(2)]))
        elif notes:
            notes[-1][1].append(line.text)
        else:
            carried.append(line.text)
    return carried, notes


def _note_blocks(notes: dict[int, list[tuple[int, list[str]]]], page: int) -> list[Block]:
    return [Block(text=soft_spaces(join_hyphenated(parts, Counter()), Counter()), page=page, footnote=number)
            for number, parts in notes[page]]


def _paragraphs(lines: list[_Line], body: float) -> list[_Paragraph]:
    """Lines grouped into paragraphs at extra spacing, a change of font, an indent or an opener."""
    if not lines:
        return []
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.size == b.size == body and b.top > a.bottom - 1]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.3 * body
    margin = Counter(round(line.x0) for line in lines if line.size == body).most_common(1)
    left = margin[0][0] if margin else lines[0].x0
    right = max(line.x1 for line in lines)
    paragraphs: list[_Paragraph] = []
    prev = None
    for line in lines:
        if prev is None or _starts_paragraph(prev, line, usual, left, right):
            paragraphs.append(_Paragraph(page=line.page))
        paragraphs[-1].lines.append(line)
        prev = line
    return paragraphs


def _starts_paragraph(prev: _Line, line: _Line, usual: float, left: float, right: float) -> bool:
    if prev.alone or line.alone or line.top < prev.bottom - 1 or CLOSING.match(line.text) or _STRUCTURE.match(line.text):
        return True
    if line.top - prev.bottom > usual + 0.3 * line.size:
        return True
    if abs(line.size - prev.size) > 0.5 or line.bold != prev.bold:
        return True
    ended = prev.text.rstrip()[-1:] in ",;:."
    if line.x0 > left + 0.5 * line.size and prev.x1 < right - 2 * line.size and ended:
        return True
    # a numbered paragraph after a sentence's end, or after a short line (a heading's)
    return bool(_OPENER.match(line.text)) and (ended or prev.x1 < right - 2 * line.size)


def _is_heading(paragraph: _Paragraph, text: str) -> bool:
    """A short bold paragraph that is not a numbered one and does not end like a sentence."""
    return (
        all(line.bold for line in paragraph.lines) and len(text) < 300 and text[-1:] not in ".,;:"
        and not re.match(r"^(?:\d{1,3}\.|\([a-z]{1,2}\)|\([ivxl]{1,5}\))\s", text)
    )


def _join_across_pages(paragraphs: list[_Paragraph], body: float) -> list[_Paragraph]:
    """A paragraph that runs over a page break is one paragraph, cited at the page it starts on."""
    if not paragraphs:
        return paragraphs
    right = Counter(round(line.x1) for p in paragraphs for line in p.lines if line.size == body).most_common(1)[0][0]
    left = Counter(round(line.x0) for p in paragraphs for line in p.lines if line.size == body).most_common(1)[0][0]
    out = [paragraphs[0]]
    for paragraph in paragraphs[1:]:
        before, last, first = out[-1], out[-1].lines[-1], paragraph.lines[0]
        runs_on = (
            first.page == last.page + 1 and last.size == first.size == body
            and last.x1 >= right - body and first.x0 <= left + 0.5 * body
            and not _OPENER.match(first.text) and not _STRUCTURE.match(first.text) and not last.bold
            and not first.bold  # a bold line opening the page is a heading, not the paragraph's next words
        )
        if runs_on:
            before.lines.extend(paragraph.lines)
        else:
            out.append(paragraph)
    return out
