"""Plain-text and Markdown documents, as extracted from the official PDFs or typed by hand."""
from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from ..documents import Block
from ..errors import UnreadableDocument
from ..furniture import is_furniture, page_mark

_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)([^*\n]+?)(?<=\S)\1|(?<!\w)(_)(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_BULLET = re.compile(r"^\s*(?:[-•*]\s+)+")
_HEADING_HASHES = re.compile(r"^\s*#{1,6}\s+")
# A line that opens a paragraph even without a blank line before it.
_OPENER = re.compile(r"^(?:\d{1,3}\.\s|\([a-z]{1,2}\)\s|\([ivxl]{1,5}\)\s)")
_BLANK_RUN_IS_PAGE_BREAK = 3


def read(path: Path) -> tuple[list[Block], str | None]:
    data = path.read_bytes()
    text, note = decode(data, path)
    blocks = text_blocks(text)
    if not blocks:
        raise UnreadableDocument(path, "no text found; the file is empty")
    return blocks, note


def decode(data: bytes, path: Path) -> tuple[str, str | None]:
    """UTF-8 first; otherwise the encoding charset-normalizer detects, reported back."""
    if not data.strip():
        raise UnreadableDocument(path, "the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument(path, "binary data, not text; save the document as UTF-8 text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as utf-16"
        except UnicodeDecodeError:
            raise UnreadableDocument(path, "damaged UTF-16 text; save the document as UTF-8") from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    # Latin-script text (English, French, Spanish) has a few accented letters among plain ones
    # and is then a Windows export; detectors guess poorly from so few bytes. Cyrillic, Arabic
    # or Chinese text is almost all non-ASCII and goes to the detector.
    high = sum(b >= 0x80 for b in data)
    if high <= 0.3 * (high + sum(chr(b).isalpha() for b in data if b < 0x80)):
        try:
            return data.decode("cp1252"), "decoded as cp1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument(path, "cannot tell the text encoding; save the document as UTF-8")
    return str(best), f"decoded as {best.encoding}"


_HEADING_MARK = "\x02"  # set on a Markdown heading line while lines are joined into paragraphs


def _clean_line(line: str) -> str:
    if _HEADING_HASHES.match(line):
        heading = _HEADING_HASHES.sub("", line).strip()
        return _HEADING_MARK + _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), heading) if heading else ""
    line = _BULLET.sub("", line)
    line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), line)
    return line.replace("\u00ad", "").strip()


def _pages(text: str) -> list[tuple[list[str], int | None]]:
    """Split the text at page breaks: form feeds, page marks and long runs of blank lines.

    Each piece comes with the page number its closing page mark gives, if any.
    """
    pieces: list[tuple[list[str], int | None]] = []
    for sheet in text.split("\f"):
        lines: list[str] = []
        blank = 0
        for raw in sheet.split("\n"):
            line = _clean_line(raw)
            if not line:
                blank += 1
                lines.append("")
                continue
            if blank >= _BLANK_RUN_IS_PAGE_BREAK and any(lines):
                pieces.append((lines, None))
                lines = []
            blank = 0
            number = page_mark(line)
            if number is not None:
                pieces.append((lines, number))
                lines = []
            elif not is_furniture(line):
                lines.append(line)
        pieces.append((lines, None))
    return [p for p in pieces if any(p[0])] or pieces[:1]


def _number_pages(pieces, has_form_feeds: bool) -> list[int | None]:
    marks = [(i, n) for i, (_, n) in enumerate(pieces) if n is not None]
    if not marks:
        return [i + 1 for i in range(len(pieces))] if has_form_feeds else [None] * len(pieces)
    numbers: list[int | None] = []
    for i in range(len(pieces)):
        # anchor on the nearest page mark at or after this piece, else the last one before it
        after = next(((j, n) for j, n in marks if j >= i), None)
        j, n = after if after else marks[-1]
        numbers.append(max(1, n - (j - i)))
    return numbers


def text_blocks(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pieces = _pages(text)
    numbers = _number_pages(pieces, "\f" in text)
    blocks: list[Block] = []
    for (lines, _), page in zip(pieces, numbers):
        for paragraph in _paragraphs(lines):
            heading = paragraph.startswith(_HEADING_MARK)
            blocks.append(Block(text=paragraph.lstrip(_HEADING_MARK), page=page, heading=heading))
    return blocks


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs, starting a new one at a blank line or a numbered opener."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if current and (_OPENER.match(line) and current[-1].rstrip()[-1:] in ",;:." or line[0] == _HEADING_MARK):
            paragraphs.append(current)
            current = []
        current.append(line)
        if line[0] == _HEADING_MARK:  # a heading is a paragraph of its own
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return [_join(p) for p in paragraphs]


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        # a word broken at the line end keeps its hyphen: "confidence-" + "building"
        out = out + line if out.endswith("-") and line[:1].islower() else f"{out} {line}"
    return re.sub(r"[ \t]+", " ", out).strip()
