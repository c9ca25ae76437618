"""Clause segmentation of UN resolutions and reports.

Blocks from a reader become a Document: metadata from the heading zone, then preambular
paragraphs (PP1..PPn), operative or report paragraphs (1..n), lettered sub-paragraphs
("1 (a)") carrying their chapeau, section headings kept as context, footnotes attached to
the clauses that cite them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from .documents import OPERATIVE, PREAMBULAR, REPORT, SUBPARAGRAPH, Block, Clause, Document, Footnote

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
_MARKERS = re.compile(f"[{SUPERSCRIPTS}]+")

SYMBOL = re.compile(
    r"\b((?:A|S|E)/(?:RES/|DEC/|CONF\.\d+/|AC\.\d+/)?(?:ES-)?\d+/[0-9A-Za-z.]+"
    r"(?:/(?:Add|Rev|Corr)\.\d+)*)"
)
_RESOLUTION_NUMBER = re.compile(r"^(\d{1,3}/\d{1,4})\.\s+(.+)$")
_ADOPTED = re.compile(r"(?:Resolution|Decision) adopted by the (General Assembly|Security Council)(?: on (\d{1,2} \w+ \d{4}))?", re.I)
_DISTR_DATE = re.compile(r"Distr\.:?\s*\w+\s+(\d{1,2} \w+ \d{4})", re.I)
_SESSION = re.compile(r"\b(\w+(?:-\w+)?) session\b", re.I)
_AGENDA = re.compile(r"\b(?:Agenda item|Item)\s+(\d+(?:\s*\([a-z]\))?)", re.I)
_ORGAN = re.compile(r"^The (General Assembly|Security Council|Human Rights Council|Economic and Social Council),?$")
_CLOSING = re.compile(r"^\d+\w{0,2} plenary meeting\b", re.I)

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$", re.S)
_LETTERED = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,5})\)\s+(\S.*)$", re.S)
_HEADING = re.compile(r"^(?:(?:[IVXLC]{1,6}|[A-Z])\.\s+\S.{0,160}|Annex(?:es)?(?: [IVXLC]+)?|Appendix(?: [IVXLC]+)?|Summary|Introduction)$")
_FOOTNOTE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3})\s+(\S.*)$", re.S)
_ROMAN = re.compile(r"^[ivxl]+$")
_BODIES = (
    ("Open-ended Working Group", "Open-ended Working Group"),
    ("Group of Governmental Experts", "Group of Governmental Experts"),
)


@dataclass
class _Draft:
    label: str
    kind: str
    parts: list[str]
    page: int | None
    chapeau: str = ""
    heading: str = ""
    letter: str = ""  # the lettered level, for telling "(i)" the letter from "(i)" the roman numeral
    children: int = 0

    @property
    def text(self) -> str:
        return " ".join(self.parts)

    def complete(self) -> bool:
        return _MARKERS.sub("", self.text).rstrip()[-1:] in {",", ";", ":", "."}


@dataclass
class _State:
    drafts: list[_Draft] = field(default_factory=list)
    footnotes: list[tuple[Footnote, int | None]] = field(default_factory=list)
    preambular: int = 0
    paragraph: _Draft | None = None  # the current numbered paragraph
    lettered: _Draft | None = None  # the current lettered sub-paragraph
    heading: str = ""
    last_number: int = 0
    resolution: bool = False
    annex: bool = False  # past an "Annex" heading, numbered paragraphs are report paragraphs


def segment(blocks: list[Block], fallback_symbol: str, path: str = "") -> Document:
    """The Document of these blocks; `fallback_symbol` serves when the text names none."""
    start = _body_start(blocks)
    header = [b.text for b in blocks[:start] if b.footnote is None]
    meta = _metadata(header, fallback_symbol)
    body = [b for b in blocks[start:] if not _is_running_head(b.text, meta)]
    is_resolution = meta["kind"] == "resolution"
    state = _State(resolution=is_resolution)
    closed = False  # past the closing "65th plenary meeting" only footnotes remain
    for block in [b for b in blocks[:start] if b.footnote is not None] + body:
        closed = closed or (is_resolution and not state.annex and bool(_CLOSING.match(block.text)))
        if not closed or block.footnote is not None:
            _take(block, state)
        elif (note := _footnote(block.text.strip(), state)) is not None:
            state.footnotes.append((note, block.page))
    clauses = _finish(state, meta["symbol"])
    return Document(clauses=tuple(clauses), path=path, **meta)


def _body_start(blocks: list[Block]) -> int:
    for i, b in enumerate(blocks):
        if _ORGAN.match(b.text) and b.footnote is None:
            return i + 1
    for i, b in enumerate(blocks):
        if i == 0 and b.heading and not _HEADING.match(b.text):
            continue  # a heading that opens the file is the document's title, not a section
        if b.footnote is None and (b.heading or _HEADING.match(b.text) or _NUMBERED.match(b.text)):
            return i
    return 0


def _metadata(header: list[str], fallback_symbol: str) -> dict:
    text = "\n".join(header)
    title, symbol, kind, date = "", "", "report", ""
    for line in header:
        m = _RESOLUTION_NUMBER.match(line)
        if m:
            title, kind = m.group(2).strip(), "resolution"
            symbol = f"A/RES/{m.group(1)}"
            break
    for line in header:
        first = SYMBOL.search(line)
        if first and (line.startswith("United Nations") or line.strip() == first.group(1)):
            symbol = first.group(1)
            break
    if not symbol:
        unbracketed = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", text)
        m = SYMBOL.search(unbracketed)
        symbol = m.group(1) if m else fallback_symbol
    if "/RES/" in symbol:
        kind = "resolution"
    adopted = _ADOPTED.search(text)
    if adopted:
        kind = "resolution"
        date = _iso(adopted.group(2))
    if not date:
        m = _DISTR_DATE.search(text)
        date = _iso(m.group(1)) if m else ""
    if not title:
        title = _report_title(header)
    session = _SESSION.search(text)
    agenda = _AGENDA.search(text)
    body = adopted.group(1) if adopted else next((b for key, b in _BODIES if key.lower() in text.lower()), "General Assembly")
    return {
        "symbol": symbol,
        "title": title,
        "date": date,
        "session": session.group(0)[0].upper() + session.group(0)[1:] if session else "",
        "agenda_item": agenda.group(1) if agenda else "",
        "body": body,
        "kind": kind,
    }


def _iso(day: str | None) -> str:
    if not day:
        return ""
    try:
        return datetime.strptime(day, "%d %B %Y").date().isoformat()
    except ValueError:
        return ""


def _report_title(header: list[str]) -> str:
    """The first title-cased line of the heading zone that is not a metadata line."""
    for line in header:
        words = [w for w in line.split() if len(w) > 3]
        if len(words) < 3 or line.rstrip()[-1:] in ".,;:" or SYMBOL.search(line) or _DISTR_DATE.search(line):
            continue
        if sum(w[0].isupper() for w in words) / len(words) >= 0.6:
            return line.strip()
    return ""


def _is_running_head(text: str, meta: dict) -> bool:
    """A running header: the bare symbol, or the title alone on a line."""
    bare = text.strip()
    return bare in {meta["symbol"], meta["title"], f"United Nations {meta['symbol']}"} and bool(bare)


def _take(block: Block, state: _State) -> None:
    text = block.text.strip()
    preamble_open = state.resolution and state.last_number == 0
    if block.footnote is not None:
        state.footnotes.append((Footnote(block.footnote, text), block.page))
        return
    footnote = _footnote(text, state)
    if footnote is not None:
        state.footnotes.append((footnote, block.page))
        return
    if block.heading or (_HEADING.match(text) and not _continues(state)):
        state.heading = text
        state.annex = state.annex or text.startswith("Annex")
        state.paragraph = state.lettered = None
        return
    numbered = _NUMBERED.match(text)
    if numbered and _plausible_number(int(numbered.group(1)), state):
        _open_paragraph(int(numbered.group(1)), numbered.group(2), block.page, state)
        return
    lettered = _LETTERED.match(text)
    if lettered and state.paragraph is not None:
        _open_subparagraph(lettered.group(1), lettered.group(2), block.page, state)
        return
    current = state.drafts[-1] if state.drafts else None
    if current is not None and (not current.complete() or text[:1].islower() or not preamble_open):
        current.parts.append(text)  # a paragraph running on, across a page break or a quotation
    elif preamble_open:
        state.preambular += 1
        state.drafts.append(_Draft(f"PP{state.preambular}", PREAMBULAR, [text], block.page))


def _continues(state: _State) -> bool:
    return bool(state.drafts) and not state.drafts[-1].complete()


def _footnote(text: str, state: _State) -> Footnote | None:
    m = _FOOTNOTE.match(text)
    if not m or m.group(1).isdigit() and _NUMBERED.match(text):
        return None
    number = int(m.group(1).translate(_TO_DIGITS))
    expected = state.footnotes[-1][0].number + 1 if state.footnotes else 1
    cited = any(number == n for d in state.drafts for n in _markers(d.text))
    if m.group(1)[0] in SUPERSCRIPTS or (number == expected and cited):
        return Footnote(number, m.group(2).strip())
    return None


def _plausible_number(number: int, state: _State) -> bool:
    return number == state.last_number + 1 or number == 1


def _open_paragraph(number: int, text: str, page, state: _State) -> None:
    state.last_number = number
    kind = OPERATIVE if state.resolution and not state.annex else REPORT
    draft = _Draft(str(number), kind, [text], page, heading=state.heading)
    state.drafts.append(draft)
    state.paragraph, state.lettered = draft, None


def _is_roman_level(mark: str, state: _State) -> bool:
    if not _ROMAN.match(mark) or state.lettered is None:
        return False
    letter = state.lettered.letter
    return not (len(mark) == 1 and len(letter) == 1 and ord(mark) == ord(letter) + 1)


def _open_subparagraph(mark: str, text: str, page, state: _State) -> None:
    roman = _is_roman_level(mark, state)
    parent = state.lettered if roman else state.paragraph
    _become_chapeau(parent, state)
    chapeau = _join_subparagraph(parent) if parent.kind == SUBPARAGRAPH else parent.text
    draft = _Draft(
        f"{parent.label} ({mark})", SUBPARAGRAPH, [text], page,
        chapeau=chapeau, heading=parent.heading, letter="" if roman else mark,
    )
    state.drafts.append(draft)
    if not roman:
        state.lettered = draft


def _become_chapeau(parent: _Draft, state: _State) -> None:
    """A paragraph followed by sub-paragraphs is their chapeau, not a clause of its own."""
    parent.children += 1
    if parent.children == 1 and parent in state.drafts:
        state.drafts.remove(parent)


def _markers(text: str) -> list[int]:
    return [int(m.translate(_TO_DIGITS)) for m in _MARKERS.findall(text)]


def _finish(state: _State, symbol: str) -> list[Clause]:
    numbers = {f.number for f, _ in state.footnotes}
    clauses = []
    for order, draft in enumerate(state.drafts):
        raw = _join_subparagraph(draft)
        cited = _markers(raw)
        # a marker extracted as a plain number between punctuation and a numeral: "2010, 1 2013"
        stray = re.compile(r"(?<=[,.;:])\s+(\d{1,2})(?=\s+\d)")
        for m in stray.finditer(raw):
            if int(m.group(1)) in numbers:
                cited.append(int(m.group(1)))
        raw = stray.sub(lambda m: "" if int(m.group(1)) in numbers else m.group(0), raw)
        text = re.sub(r"\s+", " ", _MARKERS.sub("", raw)).strip()
        text = re.sub(r"\s+([,;.:])", r"\1", text)
        notes = tuple(_cited_footnotes(cited, draft.page, state.footnotes))
        clauses.append(
            Clause(
                doc=symbol, para=draft.label, kind=draft.kind, text=text, page=draft.page,
                chapeau=_clean(draft.chapeau), heading=draft.heading, footnotes=notes, order=order,
            )
        )
    return clauses


def _join_subparagraph(draft: _Draft) -> str:
    if draft.kind != SUBPARAGRAPH:
        return draft.text
    mark = draft.label.rsplit("(", 1)[1]
    return f"{draft.chapeau} ({mark} {draft.text}".strip()


def _clean(text: str) -> str:
    return re.sub(r"\s+([,;.:])", r"\1", re.sub(r"\s+", " ", _MARKERS.sub("", text))).strip()


def _cited_footnotes(cited: list[int], page, footnotes) -> list[Footnote]:
    found = []
    for number in dict.fromkeys(cited):
        matches = [(f, p) for f, p in footnotes if f.number == number]
        if not matches:
            continue
        # the same number may recur in an annex: take the footnote on the nearest page
        best = min(matches, key=lambda fp: abs((fp[1] or 0) - (page or 0)))
        found.append(best[0])
    return found
