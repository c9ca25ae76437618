"""Word documents: paragraphs in order, heading styles marked, footnotes attached where cited."""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ..documents import Block
from ..errors import UnreadableDocument

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
# a real document unpacks to a few MB; more, or an extreme ratio, is a zip bomb
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 5000


def read(path: Path) -> tuple[list[Block], str | None]:
    check_archive(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zlib.error, EOFError):
        raise UnreadableDocument(path, "the Word document is damaged (corrupt compressed data); save it again as .docx") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise UnreadableDocument(path, f"not a readable Word document ({exc.__class__.__name__}); save it again as .docx") from None
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # python-docx and lxml fail in many ways on a damaged package
        raise UnreadableDocument(path, f"the Word document is damaged ({exc.__class__.__name__}); save it again as .docx") from None
    try:
        notes = _footnotes(document)
        blocks, order = _paragraphs(document, _Numbering(document))
    except (ValueError, KeyError, AttributeError, TypeError) as exc:  # numbering or notes out of spec
        raise UnreadableDocument(path, f"the Word document is damaged ({exc.__class__.__name__}); save it again as .docx") from None
    for number, note_id in enumerate(order, 1):
        if notes.get(note_id):
            blocks.append(Block(text=notes[note_id], footnote=number))
    if not blocks:
        raise UnreadableDocument(path, "no text found in the Word document")
    return blocks, None


def check_archive(path: Path) -> None:
    """Refuse a zip whose declared contents are absurd for a document, before anything unpacks it."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableDocument(path, f"not a Word document (not a valid zip archive: {exc.__class__.__name__})") from None
    if len(members) > MAX_MEMBERS:
        raise UnreadableDocument(path, f"the archive holds {len(members)} files; refused as a possible zip bomb")
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise UnreadableDocument(path, f"unpacks to {unpacked // 2**20} MB; refused as a possible zip bomb")
    if unpacked > 10 * 2**20 and unpacked > MAX_RATIO * max(packed, 1):
        raise UnreadableDocument(path, f"compression ratio {unpacked // max(packed, 1)}:1; refused as a possible zip bomb")
    if not any(m.filename == "word/document.xml" for m in members):
        raise UnreadableDocument(path, "a zip archive but not a Word document (no word/document.xml)")


def _paragraphs(document, numbering: "_Numbering") -> tuple[list[Block], list[str]]:
    """Body paragraphs and table cells in order, with the numbers Word generates for numbered
    paragraphs; footnote references as superscript numbers."""
    blocks: list[Block] = []
    order: list[str] = []  # footnote ids in the order the text cites them: their shown numbers
    body = document.element.body
    for element in body.iter(f"{_W}p"):
        parts = []
        for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}footnoteReference", f"{_W}vertAlign"):
            tag = node.tag
            if tag == f"{_W}t":
                text = node.text or ""
                parts.append(text.translate(_SUPERSCRIPT) if _raised(node) and text.strip().isdigit() else text)
            elif tag in (f"{_W}tab", f"{_W}br"):
                parts.append(" ")
            elif tag == f"{_W}footnoteReference":
                note_id = node.get(f"{_W}id", "")
                if note_id not in order:
                    order.append(note_id)
                parts.append(str(order.index(note_id) + 1).translate(_SUPERSCRIPT))
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        label = numbering.label(element) if text else ""
        text = f"{label} {text}" if label else text
        if text:
            blocks.append(Block(text=text, heading=_is_heading(element)))
    return blocks, order


def _raised(text_node) -> bool:
    run = text_node.getparent()
    props = run.find(f"{_W}rPr") if run is not None else None
    align = props.find(f"{_W}vertAlign") if props is not None else None
    return align is not None and align.get(f"{_W}val") == "superscript"


def _is_heading(paragraph) -> bool:
    props = paragraph.find(f"{_W}pPr")
    style = props.find(f"{_W}pStyle") if props is not None else None
    name = (style.get(f"{_W}val", "") if style is not None else "").lower()
    return name.startswith("heading") or name in {"title", "subtitle"}


def _footnotes(document) -> dict[str, str]:
    """Footnote texts by id, from the footnotes part when the document has one."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype != _FOOTNOTES or rel.is_external:
            continue
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(rel.target_part.blob, parser)
        except etree.XMLSyntaxError:
            return {}
        notes = {}
        for note in root.iter(f"{_W}footnote"):
            if note.get(f"{_W}type") in {"separator", "continuationSeparator", "continuationNotice"}:
                continue
            text = " ".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in note.iter(f"{_W}p"))
            notes[note.get(f"{_W}id", "")] = re.sub(r"\s+", " ", text).strip()
        return notes
    return {}


class _Numbering:
    """The labels Word generates for automatically numbered paragraphs: "1.", "(a)", "(ii)"."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (format, text, start)
        self.counters: dict[str, list[int]] = {}
        self.style_numbers: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", int(_val(lvl, "start") or 1),
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for node in root.iter(f"{_W}num"):
            self.levels[node.get(f"{_W}numId")] = abstract.get(_val(node, "abstractNumId"), {})
        for style in document.styles.element.iter(f"{_W}style"):
            number = style.find(f"{_W}pPr/{_W}numPr")
            if number is not None:
                self.style_numbers[style.get(f"{_W}styleId")] = (_val(number, "numId"), int(_val(number, "ilvl") or 0))

    def label(self, paragraph) -> str:
        number = paragraph.find(f"{_W}pPr/{_W}numPr")
        if number is not None:
            num_id, level = _val(number, "numId"), int(_val(number, "ilvl") or 0)
        else:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            num_id, level = self.style_numbers.get(style.get(f"{_W}val") if style is not None else "", ("", 0))
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [])
        counts[:] = (counts + [None] * (level + 1))[: level + 1]  # deeper levels restart
        counts[level] = levels[level][2] if counts[level] is None else counts[level] + 1
        for above in range(level):
            if counts[above] is None:
                counts[above] = levels.get(above, ("", "", 1))[2]
        text = levels[level][1]
        for n in range(level + 1):
            text = text.replace(f"%{n + 1}", _format(levels.get(n, ("decimal",))[0], counts[n]))
        return "" if levels[level][0] in {"bullet", "none"} else text.strip()


def _val(node, name: str) -> str | None:
    child = node.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


def _format(kind: str, n: int) -> str:
    if kind in {"lowerLetter", "upperLetter"}:
        letters = chr(ord("a") + (n - 1) % 26) * (1 + (n - 1) // 26)
        return letters if kind == "lowerLetter" else letters.upper()
    if kind in {"lowerRoman", "upperRoman"}:
        roman = ""
        for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                roman, n = roman + numeral, n - value
        return roman if kind == "lowerRoman" else roman.upper()
    return str(n)
