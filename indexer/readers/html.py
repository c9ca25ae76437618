"""HTML documents: one block per paragraph-like element, headings marked, scripts and styles dropped."""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ..documents import Block
from ..errors import UnreadableDocument

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_DROPPED = {"script", "style", "noscript", "template", "head", "nav", "svg", "math", "iframe", "object", "form", "button", "select"}
_BLOCKS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre", "dd", "dt",
    "section", "article", "header", "footer", "aside", "main", "table", "tr", "ul", "ol", "dl", "hr",
    "figure", "figcaption", "caption", "address", "center", "body", "html",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FOOTNOTE_ID = re.compile(r"^(?:fn|ftn|footnote|endnote|note)[-_:]?(\d{1,3})$", re.I)
_BACKLINK = re.compile(r"\s*[↩↑^]\s*$")
_FOOTNOTE_LINK = re.compile(r"^#_?(?:fn|ftn|footnote|endnote)[-_:]?\d{1,3}$", re.I)
_MARKER_TEXT = re.compile(r"^\s*[\[(]?(\d{1,3})[\])]?\s*$")


def read(path: Path) -> tuple[list[Block], str | None]:
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableDocument(path, "the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument(path, "binary data, not HTML; save the page as HTML text")
    soup = BeautifulSoup(data, "lxml")
    blocks = _blocks(soup)
    if not blocks:
        raise UnreadableDocument(path, "no text found in the HTML")
    encoding = soup.original_encoding
    note = None if not encoding or encoding.lower() in {"utf-8", "ascii", "utf-8-sig"} else f"decoded as {encoding}"
    return blocks, note


def _blocks(soup: BeautifulSoup) -> list[Block]:
    """Walk the tree without recursion, so deeply nested markup costs no stack."""
    blocks: list[Block] = []
    footnotes: list[Block] = []
    parts: list[str] = []
    state = {"heading": False, "footnote": None}

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        parts.clear()
        if not text:
            return
        if state["footnote"] is not None:
            text = _BACKLINK.sub("", re.sub(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d+\]|\d+\.?)\s*", "", text)).strip()
            if text:
                footnotes.append(Block(text=text, footnote=state["footnote"]))
        else:
            blocks.append(Block(text=text, heading=state["heading"]))

    # a stack of (node, leaving) pairs: leaving marks the end of an element
    stack: list[tuple[object, bool]] = [(soup, False)]
    context: list[tuple[bool, int | None]] = []
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            state["heading"], state["footnote"] = context.pop()
            continue
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = (node.name or "").lower()
        if name in _DROPPED:
            continue
        if name == "br":
            parts.append(" ")
            continue
        marker = _marker(node, name)
        if marker is not None:
            if state["footnote"] is None:  # in the footnote's own text the number is dropped anyway
                parts.append(str(marker).translate(_SUPERSCRIPT))
            continue
        if name in _BLOCKS or name in _HEADINGS:
            flush()
            context.append((state["heading"], state["footnote"]))
            number = _footnote_number(node)
            state["heading"] = state["heading"] or name in _HEADINGS
            state["footnote"] = number if number is not None else state["footnote"]
            stack.append((node, True))
            label = _list_label(node) if name == "li" else ""
            if label:
                parts.append(label + " ")
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return blocks + footnotes


def _marker(node: Tag, name: str) -> int | None:
    """The footnote number a superscript or a footnote link shows: "1", "[1]" or "(1)"."""
    if name == "sup" or (name == "a" and _FOOTNOTE_LINK.match(str(node.get("href", "")))) or (
        name == "span" and "FootnoteReference" in " ".join(node.get("class", []))
    ):
        m = _MARKER_TEXT.match(node.get_text())
        return int(m.group(1)) if m else None
    return None


def _footnote_number(node: Tag) -> int | None:
    m = _FOOTNOTE_ID.match(str(node.get("id", "")))
    return int(m.group(1)) if m else None


def _list_label(item: Tag) -> str:
    """The label a numbered list gives its item: "(a)", "(ii)" or "3.", as the document shows it."""
    parent = item.parent
    if not isinstance(parent, Tag) or parent.name != "ol" or _footnote_number(item) is not None:
        return ""
    kind = str(parent.get("type", ""))
    if kind not in {"a", "i"}:
        return ""
    try:
        start = int(parent.get("start", 1))
    except ValueError:
        start = 1
    n = start + sum(1 for sibling in item.find_previous_siblings("li") if sibling.parent is parent)
    return f"({_letter(n) if kind == 'a' else _roman(n)})"


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * (1 + (n - 1) // 26)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out
