"""Clause segmentation of UN resolutions, decisions, drafts, reports and their annexes.

Blocks from a reader become a Document: metadata from the heading zone (`metadata.py`),
then preambular paragraphs (PP1..PPn), operative or report paragraphs (1..n), lettered
sub-paragraphs ("1 (a)") carrying their chapeau, section headings kept as context,
footnotes attached to the clauses that cite them. An annex is a part of its own: its
clauses are labelled by the annex and, in a treaty, by the article ("annex, art. 40,
para. 12 (a)"), with chapter and article headings as context, never as text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .documents import DECISION, OPERATIVE, PREAMBULAR, REPORT, SUBPARAGRAPH, Block, Clause, Document, Footnote
from .footnotes import MARKERS, clean, footnote, markers, unmarked
from .furniture import CLOSING
from .metadata import DRAFT_CONTINUES, DRAFT_LINE, DRAFT_OPENS, read_metadata


_ORGAN = re.compile(
    r"^The (General Assembly|Security Council|Human Rights Council|Economic and Social Council|"
    r"(?:States )?Parties to (?:the present|this) \w+)(?P<mark>[,:]?)(?:\s+(?P<rest>[a-z].*))?$", re.S
)
_AGREED = re.compile(r"^(?:Have agreed|Hereby agree|(?:Solemnly )?[Dd]eclare)\b.*:$")  # "Declare the following:"
# a declaration's subject, before its preamble ("We, the Heads of State and Government ..., having met at ...,"),
# or opening its numbered paragraphs with no preamble ("We, Heads of State ..., commit to ..., and in this regard we:")
_SUBJECT = re.compile(r"^We, (?:the )?[A-Z][^;]{3,2000}(?:,| we:)$", re.S)
_ANNEX = re.compile(r"^(Annex(?:es)?|Appendix)(?: ([IVXLC]+|[A-Z]|\d{1,2}))?\b\.?\s*(.*)$", re.S)
_CHAPTER = re.compile(r"^(Chapter|Part|Section) [IVXLC\d]+[A-Z]?\b.{0,150}$")  # "Section 29A Department of ..."
_CHAPTER_RANK = {"Part": 0, "Chapter": 1, "Section": 2}  # a budget's "Part I" holds its "Section 1", "Section 2"
_ARTICLE = re.compile(r"^Article (\d+)\.?(?:\s+(\S.{0,150}))?$")
_RULE = re.compile(r"^Rule (\d+)\.?(?:\s+([A-Z][^.;:]{0,250}))?$")  # rules of procedure: "Rule 14 Duties of the Secretary-General"
# an article's heading and its first words on one line: the words open as a provision does, and end a sentence
_ARTICLE_WITH_WORDS = re.compile(r"^(Article \d+\.?\s+[A-Z][^.;:]{0,100}?)\s+((?:The|This|Each|Every|Nothing|Any|No|States Parties|"
                                 r"Where|Unless|Subject to|Without prejudice)\b.*[.:;])$", re.S)
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$", re.S)
_UNDOTTED = re.compile(r"^(\d{1,3})\s+([A-Z][a-z]+\b.*)$", re.S)
_ACTION = re.compile(r"^Action (\d{1,3})\.\s+(\S.*)$", re.S)  # "Action 39. We will reform the Security Council ..."
_LETTERED = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,5})\)(?:\s+|(?=[A-Z“]))(\S.*)$", re.S)  # "(mm)Designing": the space lost
_HEADING = re.compile(r"^(?:(?:[IVXLC]{1,6}|[A-Z])\.\s+\S.{0,160}|[IVXLC]{1,6}\s+[A-Z][^.;:,]{0,300}"
                      r"|Annex(?:es)?(?: [IVXLC]+)?|Appendix(?: [IVXLC]+)?|Preamble|Summary|Introduction)$")
_ROMAN = re.compile(r"^[ivxl]+$")
_SHORT_HEADING = re.compile(r"^[A-Z][^.;:]{2,100}(?<![.;:,])$")
_ROMAN_HEADING = re.compile(r"^[IVXLC]{1,6}\.?\s+[A-Z]")  # "I. Organization of work", "II Implementation ..."
_SECTION_NUMERAL = re.compile(r"^(?:[IVXLC]{1,6}\.?|[A-Z]\.)\s+[A-Z]")  # "I. Our shared commitment", "II Implementation ..."
_QUOTED = re.compile(r"^[“\"‘']|^[A-Z][^“”]*\?[”\"’']?\)?$", re.S)  # a quotation, or a question quoted without its marks
_SEPARATOR = re.compile(r"^(?:\*\s*){3}$")  # "* * *" between runs of a preamble
# the participle or adjective a preambular paragraph opens with ("Recalling", "Deeply concerned", "Mindful")
_PREAMBULAR_OPENING = (r"(?:[A-Z][a-z]+(?:ing|ed)|Mindful|Aware|Conscious|Convinced|Concerned|Determined|Bearing|Deeply|"
                       r"Gravely|Seriously|Further|Also)\b")
# a preamble's sub-heading ("Transport and transit corridors", "Countries in special situations"):
# a few words with no closing mark that do not open as a preambular paragraph does
# (or at most four words, without figures: "Peacebuilding Commission", "Financing for development")
_SUBHEADING = re.compile(rf"^(?:(?!{_PREAMBULAR_OPENING})[A-Z][^.;:,]{{2,80}}|[A-Z][A-Za-z’'-]+(?: [A-Za-z’'-]+){{0,3}})(?<![.;:,])$")


def _last_mark(text: str) -> str:
    """The text's last character, its footnote markers aside: the mark it ends on."""
    return MARKERS.sub("", text).rstrip()[-1:]


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
        return _last_mark(self.text) in {",", ";", ":", "."}


@dataclass
class _State:
    drafts: list[_Draft] = field(default_factory=list)
    footnotes: list[tuple[Footnote, int | None]] = field(default_factory=list)
    preambular: int = 0
    paragraph: _Draft | None = None  # the current numbered paragraph
    lettered: _Draft | None = None  # the current lettered sub-paragraph
    adopting: bool = False  # the sole operative paragraph ended in a colon: the title of what it adopts may follow
    adopted: str = ""  # that title
    deciding: bool = False  # after "The General Assembly" with no comma: the next paragraph is its one operative paragraph
    group: str = ""  # the lettered heading a paragraph's items stand under, where their letters start again
    item: _Draft | None = None  # a numbered item whose own lettered items run under it ("7. ... means a document that:")
    heading: str = ""
    last_number: int = 0
    resolution: bool = False  # numbered paragraphs of the body are operative, not report paragraphs
    preamble: bool = False  # unnumbered paragraphs are preambular
    preamble_heading: str = ""  # the sub-heading of the preamble's current run ("Countries in special situations")
    part: str = ""  # "" for the document's own text, "annex", "annex I", "annex, annex"
    titled: bool = False  # an annex's title lines are still running
    title: str = ""  # the annex's title: the root of its headings where no chapter is
    titles: list[str] = field(default_factory=list)  # every annex's title, in order
    chapter: str = ""
    article: str = ""  # "art. 5" inside a treaty's article
    by_article: bool = False  # the article numbers its own paragraphs from 1
    declared: bool = False  # the preamble just ended in "Have agreed as follows:", "Declare the following:"
    closed: bool = False  # past the closing "65th plenary meeting" until an annex opens
    part_start: int = 0  # how many clauses came before the current part
    running: set[str] = field(default_factory=set)  # parts numbered through, not article by article
    section: str = ""  # "section II" where the numbering starts again under a heading
    heading_seen: bool = False  # a heading came since the last numbered paragraph
    heading_at: int = -1  # how many clauses there were when the last heading came
    lead: str = ""  # the unnumbered words leading the numbered paragraphs after them ("We therefore commit to urgently:")
    lead_under: str = ""  # the heading those words came under
    items_base: str | None = None  # the paragraph's heading, while sub-headings stand among its items
    sections: set[str] = field(default_factory=set)

    @property
    def paragraph_ends_in_colon(self) -> bool:
        return self.paragraph is not None and self.paragraph.text.rstrip().endswith(":")


def segment(blocks: list[Block], fallback_symbol: str, path: str = "") -> Document:
    """The Document of these blocks; `fallback_symbol` serves when the text names none."""
    start, decision = _body_start(blocks)
    header = [b.text for b in blocks[:start] if b.footnote is None]
    meta = read_metadata(header, fallback_symbol)
    edges = _page_edges(blocks)
    body = _unmarked_headings([piece for i, b in enumerate(blocks[start:], start) if not _is_running_head(b.text, meta, i in edges)
                               for action in _actions_apart(b) for piece in _rules_apart(action)])
    deliberative = meta["kind"] in {"resolution", "decision", "draft resolution", "draft decision"}
    state = _State(resolution=deliberative, preamble=deliberative)
    lettered = decision is not None and bool(body) and _LETTERED.match(body[0].text.strip()) is not None
    if decision is not None and decision.group("rest") and not (decision.group(0).rstrip().endswith(":") and lettered):
        state.drafts.append(_Draft("decision", DECISION, [decision.group(0)], blocks[start - 1].page))
        state.preamble = False
    elif decision is not None and (decision.group("mark") == ":" or decision.group("rest") and lettered):
        # "The General Assembly: (a) Approves ...; (b) ...", "The General Assembly, recalling its decision 79/521: (a) Urges ...":
        # lettered decisions
        state.paragraph = _Draft("OP", OPERATIVE, [decision.group(0)], blocks[start - 1].page)
        state.drafts.append(state.paragraph)
        state.preamble = False
    elif decision is not None:  # "The General Assembly" with no comma: no preamble, its decision follows
        state.deciding = True
    for block in [b for b in blocks[:start] if b.footnote is not None] + body:
        if block.footnote is None and CLOSING.match(block.text.strip()) and not state.part:
            state.closed = True
        if not state.closed or block.footnote is not None or _ANNEX.match(block.text.strip()) and _is_annex(block):
            state.closed = state.closed and block.footnote is not None
            _take(block, state)
        elif (note := _footnote(block.text.strip(), state)) is not None:
            state.footnotes.append((note, block.page))
    if not state.drafts:
        _whole_text(body, meta["kind"], state)
    _sole_operative(state)
    _number_through(state)
    clauses = _finish(state, meta["symbol"])
    meta["title"] = meta["title"] or state.adopted  # a draft that adopts an outcome document bears its title
    return Document(clauses=tuple(clauses), path=path, annexes=tuple(state.titles), **meta)


def _unmarked_headings(body: list[Block]) -> list[Block]:
    """Headings the reader could not tell by their font: a short line ending in no mark, before a numbered
    paragraph and after a heading or a numbered paragraph or item that is complete ("Partnerships and
    support mechanisms"; "Objective 1. Close all digital divides ...", then "Connectivity")."""
    text = [b for b in body if b.footnote is None]
    headings = {id(b) for before, b, after in zip(text, text[1:], text[2:])
                if not b.heading and _NUMBERED.match(after.text) and _ends_paragraph(before)
                and _SHORT_HEADING.match(b.text.strip())}
    return [replace(b, heading=True) if id(b) in headings else b for b in body]


def _ends_paragraph(block: Block) -> bool:
    """A heading, or a numbered paragraph or lettered item that is complete."""
    return block.heading or bool(_NUMBERED.match(block.text) or _LETTERED.match(block.text)) and block.text.rstrip()[-1:] in ".;"


def _body_start(blocks: list[Block]) -> tuple[int, re.Match | None]:
    """Where the clauses begin, and the opening of a decision set in one paragraph."""
    for i, b in enumerate(blocks):
        m = _ORGAN.match(b.text.strip()) if b.footnote is None else None
        if m:
            return (i + 1, m) if m.group("rest") or m.group("mark") != "," else (i + 1, None)
    for i, b in enumerate(blocks[:40]):
        after_colon = i > 0 and DRAFT_OPENS.match(b.text) and re.search(r":\*?$", blocks[i - 1].text.rstrip())
        if DRAFT_LINE.match(b.text) and ":" in b.text or after_colon:  # "Denmark: amendment to ...", then its title
            i += 1
            while i < len(blocks) and DRAFT_CONTINUES.match(blocks[i].text):
                i += 1
            return min(i + 1, len(blocks)), None
    for i, b in enumerate(blocks[:40]):  # a resolution printing no "The General Assembly,": its first preambular paragraph
        if re.match(r"^\d{1,3}/\d{1,4}\.\s", b.text):
            opening = next((j for j in range(i + 1, min(i + 4, len(blocks))) if _opens_preamble(blocks[j])), None)
            if opening is not None:
                return opening, None
    for i, b in enumerate(blocks):
        if i == 0 and b.heading and not _HEADING.match(b.text):
            continue  # a heading that opens the file is the document's title, not a section
        if b.footnote is None and (b.heading or _HEADING.match(b.text) or _NUMBERED.match(b.text)):
            return i, None
    return 0, None


def _opens_preamble(block: Block) -> bool:
    text = block.text.strip()
    return block.footnote is None and re.match(_PREAMBULAR_OPENING, text) is not None and text.endswith(",")


def _is_annex(block: Block) -> bool:
    """An annex heading: "Annex", "Annex II" alone, or followed by the annex's title."""
    m = _ANNEX.match(block.text.strip())
    return bool(m) and (block.heading or not m.group(3) or m.group(3)[:1].isupper() or m.group(3)[:1].isdigit()) and len(block.text) < 400


def _is_running_head(text: str, meta: dict, at_edge: bool) -> bool:
    """A running header: the bare symbol, or the title alone on a line at the top or foot of a page
    (under "Annex" the same words are the annex's title: "Political declaration of ...")."""
    bare = text.strip()
    return bool(bare) and (bare in {meta["symbol"], f"United Nations {meta['symbol']}"} or at_edge and bare == meta["title"])


def _page_edges(blocks: list[Block]) -> set[int]:
    """The blocks that open or close a page."""
    pages = [b.page for b in blocks]
    return {i for i, page in enumerate(pages) if i == 0 or i == len(pages) - 1 or pages[i - 1] != page or pages[i + 1] != page}


def _take(block: Block, state: _State) -> None:
    text = block.text.strip()
    if block.footnote is not None:
        state.footnotes.append((Footnote(block.footnote, text), block.page))
        return
    footnote = _footnote(text, state)
    if footnote is not None:
        state.footnotes.append((footnote, block.page))
        return
    if _is_annex(block) and not _continues(state):
        _open_annex(_ANNEX.match(text), state)
        return
    if _decides(text, state):
        _open_sole_operative(text, block.page, state)
        return
    if _takes_structure(block, text, state):
        return
    action = _ACTION.match(text)
    if action and not _continues(state):
        _open_action(action.group(1), action.group(2), block.page, state)
        return
    numbered = _NUMBERED.match(text) or _undotted_number(text, state)
    if numbered and _nested_item(int(numbered.group(1)), state):
        _open_subparagraph(numbered.group(1), numbered.group(2), block.page, state)
        return
    if numbered and _plausible_number(int(numbered.group(1)), state):
        _open_paragraph(int(numbered.group(1)), numbered.group(2), block.page, state)
        return
    lettered = _LETTERED.match(text)
    if lettered and state.paragraph is None and (chapeau := _preambular_chapeau(state)):
        state.paragraph = chapeau  # "Recalling the endorsement by the Committee on World Food Security of: (a) ..."
    if lettered and (state.paragraph is not None or state.article) and not _inline_item(lettered, state):
        _open_subparagraph(lettered.group(1), lettered.group(2), block.page, state)
        return
    _take_unnumbered(text, block.page, state)


def _takes_structure(block: Block, text: str, state: _State) -> bool:
    """Headings, chapters, articles and the formulas that open and close a preamble."""
    if state.titled and _is_title_line(block, text):
        state.heading = f"{state.heading} {text}".strip()  # the annex's title running over lines
        return True
    if state.titled:
        # the title roots the annex's headings without its subtitle ("...against Cybercrime; Strengthening ...")
        state.titled, state.title = False, state.heading.split(";")[0].strip()
        if state.heading:
            state.titles.append(state.heading)
    if _ORGAN.match(text) and (state.part or state.drafts):
        if re.fullmatch(r"[A-Z]", state.heading) and not state.part.startswith("annex"):
            _open_part(f"part {state.heading}", state)  # a resolution in parts A, B: each part's own preamble
            state.resolution = True
        state.preamble = True
        return True
    if _AGREED.match(text) and state.preamble:
        state.preamble, state.declared = False, True
        return True
    worded = _ARTICLE_WITH_WORDS.match(text)
    article = _ARTICLE.match(worded.group(1) if worded else text)
    if article and not _continues(state):
        _open_article(article, state)
        if worded:  # "Article 19 Depositary The Secretary-General ... is hereby designated as the depositary ..."
            _take_unnumbered(worded.group(2), block.page, state)
        return True
    rule = _RULE.match(text)
    if rule and state.part and not _continues(state):
        _open_rule(rule, state)
        return True
    if (block.heading or _CHAPTER.match(text) or _HEADING.match(text)) and not _continues(state):
        before = state.heading
        lead = _close_lead(state)
        lead = lead if _stays_over(text, lead, state) else ""
        if _CHAPTER.match(text):
            state.chapter, state.article = _chapter_trail(text, state.chapter), ""
        root = state.chapter or (state.title if text != "Preamble" else "")
        treaty = state.chapter or state.article.startswith("art.")
        if _CHAPTER.match(text):
            state.heading = state.chapter
        elif text == root or treaty or re.fullmatch(r"[A-Z]|[IVXLC]+", text):
            state.heading = text if not root or text == root else f"{root} / {text}"
        else:
            state.heading = " / ".join(([root] if root else []) + _heading_trail(text, root, state))
        if lead:  # a sub-heading of its own font under the words leading the paragraphs: they lead it too
            parts = state.heading.split(" / ")
            state.heading, state.lead = " / ".join(parts[:-1] + [lead] + parts[-1:]), lead
        state.heading_at = len(state.drafts)
        group = re.match(r"^([A-Z])\.\s", text)
        if group and state.paragraph_ends_in_colon:
            state.group, state.lettered = group.group(1), None  # "32. ... commit to:", "A. Build ...", "(a) ...": 32 A (a)
        elif _heads_items(block, text, state):
            state.items_base = before if state.items_base is None else state.items_base
            state.lettered = None
        else:
            state.paragraph = state.lettered = None
            state.items_base = None
        state.heading_seen = True
        if text == "Preamble":
            state.preamble = True
        return True
    return False


def _chapter_trail(text: str, chapter: str) -> str:
    """The chapter headings down to this one: a section stands under its part ("Part I Overall policymaking
    ... / Section 1 ..."), and takes the place of the section before it."""
    rank = _CHAPTER_RANK[_CHAPTER.match(text).group(1)]
    above = [part for part in chapter.split(" / ") if part and _CHAPTER_RANK[_CHAPTER.match(part).group(1)] < rank] \
        if chapter else []
    return " / ".join(above + [text])


def _heads_items(block: Block, text: str, state: _State) -> bool:
    """A sub-heading in the text's own voice among the items of a paragraph ending in a colon ("27. To
    ensure that countries have the necessary resources ...:", "Transparency and accountability in fiscal
    systems", "(a) We commit to ..."): it heads the items after it, which stay the paragraph's."""
    return block.heading and state.paragraph_ends_in_colon and not (_HEADING.match(text) or _CHAPTER.match(text))


def _heading_trail(text: str, root: str, state: _State) -> list[str]:
    """The headings from the root down to this one. A heading takes the place of the last one of its
    kind ("II. Financing" of "I. Governance"); with none of its kind above it, it stands under the
    heading right before it when no paragraph came between ("Priority area 2: Trade ...", then "I.
    International trade"), and an unnumbered or lettered heading stands under the numbered ones
    ("I. Governance / Commitments", "I. Organization of work / A. Plenary meetings")."""
    held = state.heading[len(root) + 3:] if root and state.heading.startswith(f"{root} / ") else "" if root else state.heading
    trail = held.split(" / ") if held else []
    kinds: list[str] = []
    for part in trail:
        kinds.append(_heading_kind(part, [p for p, k in zip(trail, kinds) if k == "roman"]))
    kind = _heading_kind(text, [p for p, k in zip(trail, kinds) if k == "roman"], after=trail[-1] if trail else "")
    if kind in kinds:
        at = len(kinds) - 1 - kinds[::-1].index(kind)
        return trail[:at] + [text]
    numbered = "roman" in kinds or "letter" in kinds
    if trail and (state.heading_at == len(state.drafts) or kind == "plain" and numbered or kind == "letter" and "roman" in kinds):
        return trail + [text]
    return [text]


def _heading_kind(text: str, romans: list[str], after: str = "") -> str:
    """"roman" ("I. Governance", "II Implementation"), "letter" ("A. Plenary meetings", "C. A secure
    future"; "I.", "V.", "X." after "H.", "U.", "W.", or under a roman heading they do not follow:
    "V." under "IV." is roman), "numbered" ("Priority area 2: ...", "Objective 4. ...") or "plain"."""
    letter = re.match(r"^([A-Z])\.\s+[A-Z]", text)
    if letter and letter.group(1) in "IVX":
        follows = bool(romans) and _roman_value(romans[-1]) == _roman_value(text) - 1
        if after[:2] == f"{chr(ord(letter.group(1)) - 1)}." or romans and not follows:
            return "letter"
    elif letter:
        return "letter"
    if _ROMAN_HEADING.match(text):
        return "roman"
    return "numbered" if re.match(r"^[A-Z][a-z]+(?: [a-z]+)? (?:\d+|[IVX]+)\b", text) else "plain"


def _roman_value(heading: str) -> int:
    """The value of the numeral a heading opens with: "IV. ..." -> 4."""
    numeral = re.match(r"[IVXLC]+", heading)
    values = [{"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}[c] for c in numeral.group(0)] if numeral else []
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _rules_root(state: _State) -> str:
    """The headings a rule stands under: its roman-numbered section and the sub-heading under that
    ("X. Public and private meetings / General principles"), not the rule before it and its title."""
    parts = state.heading.split(" / ") if state.heading else []
    rule = next((n for n, part in enumerate(parts) if _RULE.match(part)), len(parts))
    roman = [n for n, part in enumerate(parts[:rule]) if _ROMAN_HEADING.match(part)]
    return " / ".join(parts[:rule]) if roman else state.title


def _is_title_line(block: Block, text: str) -> bool:
    """A line of an annex's title: short, not ending like a sentence, not a structural line."""
    structural = _NUMBERED.match(text) or _ORGAN.match(text) or _ARTICLE.match(text) or _CHAPTER.match(text) \
        or _SECTION_NUMERAL.match(text)
    return not structural and text != "Preamble" and len(text) < 300 and text[-1:] not in ".,:"


def _open_part(part: str, state: _State) -> None:
    state.part, state.chapter, state.article, state.section, state.title = part, "", "", "", ""
    state.paragraph = state.lettered = None
    state.last_number = state.preambular = 0
    state.resolution = state.by_article = False
    state.preamble = True  # unnumbered paragraphs before the part's first numbered one are its preamble
    state.preamble_heading = ""
    state.part_start = len(state.drafts)


def _open_annex(m: re.Match, state: _State) -> None:
    number = m.group(2)
    if number:
        part = f"annex {number}"
    elif state.part.startswith("annex") and not state.part.split(",")[0].strip()[6:]:
        part = f"{state.part}, annex"  # an unnumbered annex inside an unnumbered annex: the annex to it
    else:
        part = "annex"
    _open_part(part, state)
    state.heading, state.titled = m.group(3).strip(), True


def _open_article(m: re.Match, state: _State) -> None:
    state.article = f"art. {m.group(1)}"
    title = f"Article {m.group(1)}" + (f" {m.group(2).strip()}" if m.group(2) else "")
    root = state.chapter or state.title
    state.heading = f"{root} / {title}" if root else title
    state.paragraph = state.lettered = None
    state.preamble = False
    state.by_article = state.part not in state.running  # until a paragraph shows the numbering runs on


def _open_rule(m: re.Match, state: _State) -> None:
    """A rule of procedure, cited as a treaty's article is: "annex III, rule 14, para. 2"."""
    state.article = f"rule {m.group(1)}"
    title = f"Rule {m.group(1)}" + (f" {m.group(2).strip()}" if m.group(2) else "")
    root = _rules_root(state)
    state.heading = f"{root} / {title}" if root else title
    state.paragraph = state.lettered = None
    state.preamble, state.by_article = False, True


def _take_unnumbered(text: str, page, state: _State) -> None:
    current = state.drafts[-1] if len(state.drafts) > state.part_start else None
    if state.article and (state.paragraph is None or state.paragraph.label.endswith(state.article)):
        if state.paragraph is None:  # an article's own words, before or without numbered paragraphs
            draft = _Draft(_label(state, ""), REPORT, [text], page, heading=state.heading)
            state.drafts.append(draft)
            state.paragraph, state.lettered = draft, None
            return
    if state.adopting and _adopted_title(text, state):
        return
    if _opens_section_preamble(text, state):
        _open_section(state)
        state.preamble, state.preambular, state.last_number, state.preamble_heading = True, 0, 0, ""
        state.heading_seen = False
        current = None
    alone = _opens_section_alone(text, state)  # "I Conditions of service ...", then "Approves, with effect from ..."
    if alone:
        _open_section(state)
    if alone or _opens_section_decision(text, state):
        draft = _Draft(f"{state.section}, OP", OPERATIVE, [text], page, heading=state.heading)
        state.drafts.append(draft)
        state.paragraph, state.lettered, state.preamble = draft, None, False
        return
    if state.preamble and current is not None and current.kind == PREAMBULAR and current.text.rstrip().endswith(":") \
            and _QUOTED.match(text):
        current.parts.append(text)  # what a preambular paragraph quotes: "... on the following question: “What are ...?”"
    elif state.preamble and _SEPARATOR.match(text):
        state.preamble_heading = ""
    elif state.preamble and _SUBHEADING.match(text) and len(text.split()) <= 12 and (current is None or current.complete()):
        state.preamble_heading = text
    elif state.preamble and state.preambular == 0 and _SUBJECT.match(text) and (current is None or current.complete()):
        _open_subject(text, page, state)
    elif _leads_paragraphs(text, current, state):
        _close_lead(state)
        state.lead, state.lead_under = text, state.heading
        state.heading = " / ".join(h for h in (state.heading, text) if h)
        state.paragraph = state.lettered = None
    elif _leads_declaration(text, current, state):
        state.drafts.append(_Draft(_scoped(state, "OP"), _paragraph_kind(state), [text], page, heading=state.heading))
        state.paragraph = state.lettered = None
    elif _closes_items(text, page, current, state):
        for item in _closed_items(text, current, state):
            item.parts.append(text)  # "(ii) ... recording of;" then "traffic data, in real time, ...": the words close each item
    elif current is not None and (not current.complete() or text[:1].islower() or not state.preamble) \
            and not _after_unclosed_quotation(current, text, state):
        current.parts.append(text)  # a paragraph running on, across a page break or a quotation
    elif state.preamble:
        state.preambular += 1
        label = _scoped(state, f"PP{state.preambular}")
        state.drafts.append(_Draft(label, PREAMBULAR, [text], page, heading=_preamble_heading(state)))
        state.paragraph = state.lettered = None
    elif state.part:
        state.heading = f"{state.heading} {text}".strip()


def _open_subject(text: str, page, state: _State) -> None:
    """A declaration's subject ("We, the Ministers ..., held in New York on 16 and 17 December 2025,"):
    the preamble's opening, cited as "preamble", and no preambular paragraph of its own count."""
    label = _scoped(state, "preamble")
    state.drafts.append(_Draft(label, PREAMBULAR, [text], page, heading=_preamble_heading(state)))
    state.paragraph = state.lettered = None


def _preamble_heading(state: _State) -> str:
    """The heading of a preambular paragraph: its part's or section's, and the preamble's sub-heading."""
    return " / ".join(h for h in (state.heading if state.part or state.section else "", state.preamble_heading) if h)


def _leads_declaration(text: str, current: _Draft | None, state: _State) -> bool:
    """The unnumbered paragraph leading the declared text, right after "Declare the following:" ("In order to
    seize the opportunity ..., we will observe the following guiding principles:"): its operative paragraph."""
    declared, state.declared = state.declared, False
    return (declared and current is not None and current.kind == PREAMBULAR and current.complete()
            and text[:1].isupper() and not _HEADING.match(text))


def _leads_paragraphs(text: str, current: _Draft | None, state: _State) -> bool:
    """Unnumbered words between two numbered paragraphs of an annexed declaration that lead those after
    them, in its own voice ("We therefore commit to urgently:", "To deliver on our commitment ..., we
    will:"): the heading of those paragraphs, not the tail of the one before."""
    return (bool(state.part) and not state.preamble and not state.article and state.last_number >= 1
            and current is not None and re.search(r"\b[Ww]e\b", text) is not None
            and current.kind != PREAMBULAR and _last_mark(current.text) in {".", ";"}
            and text[:1].isupper() and _last_mark(text) == ":" and len(text) <= 500)


def _stays_over(heading: str, lead: str, state: _State) -> bool:
    """Whether words leading the paragraphs after them lead the sub-heading that follows too: a plain
    sub-heading, where the lead stands under no plain heading of its own ("To deliver on our commitment
    ..., we will:", then "Strengthen primary health care"); under "Commitments", "Actions" ends it."""
    if not lead or _CHAPTER.match(heading) or _SECTION_NUMERAL.match(heading):
        return False
    under = state.lead_under
    above = under.split(" / ")[-1] if under and under not in {state.title, state.chapter} else ""
    return not above or _heading_kind(above, []) != "plain"


def _close_lead(state: _State) -> str:
    """The heading without the words leading the paragraphs since; returns those words."""
    lead, state.lead = state.lead, ""
    if lead:
        state.heading = " / ".join(part for part in state.heading.split(" / ") if part != lead)
    return lead


def _closes_items(text: str, page, current: _Draft | None, state: _State) -> bool:
    """Words in lower case after a paragraph's last item, on the item's page, that complete every item
    of it ("... to: (a) Collect or record ...; and (b) Compel a service provider ...: (i) ...; or (ii) ...
    recording of;" then "traffic data, in real time, associated with specified communications ...")."""
    return (not state.preamble and state.paragraph is not None and current is not None and current.kind == SUBPARAGRAPH
            and current.complete() and text[:1].islower() and page == current.page
            and state.paragraph.text.rstrip().endswith(":") and len(_items_of(state.paragraph, state)) > 1)


def _items_of(paragraph: _Draft, state: _State) -> list[_Draft]:
    """The items standing under a paragraph, at every level."""
    return [d for d in state.drafts[state.part_start:] if d.kind == SUBPARAGRAPH and d.label.startswith(f"{paragraph.label} (")]


def _closed_items(text: str, current: _Draft, state: _State) -> list[_Draft]:
    """The items closing words complete: ending in a full stop, they end the paragraph and complete all
    of its items; otherwise more items may follow, and they complete the current item's list only ("(a)
    The obtaining ... of: (i) ...; (ii) ...;" then "with the intent that ...; and", then "(b) The possession ...")."""
    items = _items_of(state.paragraph, state)
    return items if _last_mark(text) == "." else [d for d in items if d.chapeau == current.chapeau]


def _after_unclosed_quotation(current: _Draft, text: str, state: _State) -> bool:
    """A preambular paragraph after one whose closing quotation mark lost its comma ("... held on 3 and
    4 December 2020”", then "Taking note of resolution 77.17 ...,"): a paragraph of its own."""
    return (state.preamble and current.kind == PREAMBULAR and _last_mark(current.text) == "”"
            and _opens_preamble(Block(text)))


def _preambular_chapeau(state: _State) -> _Draft | None:
    """The preambular paragraph a lettered item belongs to: the last one, when it ends in a colon."""
    last = state.drafts[-1] if state.preamble and len(state.drafts) > state.part_start else None
    return last if last is not None and last.kind == PREAMBULAR and last.text.rstrip().endswith(":") else None


def _continues(state: _State) -> bool:
    return len(state.drafts) > state.part_start and not state.drafts[-1].complete()


def _footnote(text: str, state: _State) -> Footnote | None:
    return footnote(text, state.footnotes, lambda: {n for d in state.drafts for n in markers(d.text)})


def _nested_item(number: int, state: _State) -> bool:
    """A list numbered 1, 2, 3 under a paragraph that ends in a colon: items of that paragraph."""
    paragraph = state.paragraph
    if paragraph is None:
        return False
    last = state.drafts[-1].label if state.drafts else ""
    if number > 1 and re.fullmatch(rf"{re.escape(paragraph.label)} \({number - 1}\)(?: \([a-z]+\))*", last):
        return True
    chapeau = paragraph.text.rstrip().endswith(":")
    return number == 1 and chapeau and (state.last_number >= 1 or paragraph.label == _label(state, ""))


def _undotted_number(text: str, state: _State) -> re.Match | None:
    """A numbered paragraph printed without its full stop ("6 Also reaffirms ..."): the next number,
    opening with a capital, after a paragraph that is complete."""
    m = _UNDOTTED.match(text)
    current = state.paragraph
    if not m or state.last_number < 1 or int(m.group(1)) != state.last_number + 1:
        return None
    return m if current is not None and current.complete() and not state.lettered else None


def _decides(text: str, state: _State) -> bool:
    """The paragraph right after "The General Assembly" with no comma, when it is not numbered and
    does not open as a preambular paragraph: the Assembly's one decision ("Adopts the following ...")."""
    deciding, state.deciding = state.deciding, False
    return deciding and not _NUMBERED.match(text) and not _HEADING.match(text) and re.match(_PREAMBULAR_OPENING, text) is None


def _open_sole_operative(text: str, page, state: _State) -> None:
    """The decision after "The General Assembly" ("Adopts the following Pact for the Future and its
    annexes:"); what it adopts follows, its preamble read as preambular paragraphs."""
    state.drafts.append(_Draft("OP", OPERATIVE, [text], page))
    state.adopting = text.rstrip().endswith(":")


def _adopted_title(text: str, state: _State) -> bool:
    """The title of the text a sole operative paragraph adopts, on the line after its colon."""
    state.adopting, titled = False, state.adopting and len(text) < 300 and text[-1:] not in ".,;:"
    if titled:
        state.preamble_heading = state.adopted = text
    return titled


def _open_section(state: _State) -> None:
    """A section of the resolution, named by its heading's numeral: "section II"."""
    parts = state.heading.split(" / ")
    numerals = [m for part in parts if (m := re.match(r"^([IVXLC]{1,6}|[A-Z])\.?(?:\s|$)", part))]
    section = f"section {numerals[-1].group(1) if numerals else parts[-1][:60]}".strip()  # the innermost numbered heading
    n = 2
    while section in state.sections:  # a heading the reader could not see: number the runs
        section = f"{section.rsplit(' (', 1)[0]} ({n})"
        n += 1
    state.section = section
    state.sections.add(section)


def _opens_section_preamble(text: str, state: _State) -> bool:
    """A preambular paragraph under a heading after operative ones ("II Support account ...", then
    "Recalling its resolution 77/304,"): the preamble of the resolution's next section."""
    current = state.drafts[-1] if state.drafts else None
    return (state.resolution and not state.part and not state.article and state.heading_seen
            and (state.last_number >= 1 or bool(state.section)) and current is not None and current.complete()
            and re.match(_PREAMBULAR_OPENING, text) is not None)


def _opens_section_alone(text: str, state: _State) -> bool:
    """A section's one unnumbered operative paragraph right under its heading, after the numbered ones
    before it, with no preamble of its own: it opens with no participle and ends as an operative paragraph does."""
    current = state.drafts[-1] if len(state.drafts) > state.part_start else None
    return (state.resolution and not state.preamble and not state.part and not state.article and state.heading_seen
            and state.heading_at == len(state.drafts) and current is not None and current.complete()
            and text[:1].isupper() and re.match(_PREAMBULAR_OPENING, text) is None
            and _last_mark(text) in {".", ";"})


def _opens_section_decision(text: str, state: _State) -> bool:
    """A section's one unnumbered operative paragraph after its preamble ("Approves, with effect from
    1 January 2026, ..."): it opens with no participle and ends as an operative paragraph does, not in a comma."""
    current = state.drafts[-1] if len(state.drafts) > state.part_start else None
    return (state.preamble and bool(state.section) and not state.part and current is not None
            and current.kind == PREAMBULAR and current.complete() and text.rstrip()[-1:] in ".;"
            and re.match(_PREAMBULAR_OPENING, text) is None and text[:1].isupper())


def _plausible_number(number: int, state: _State) -> bool:
    return number == state.last_number + 1 or number == 1


def _paragraph_kind(state: _State) -> str:
    return OPERATIVE if state.resolution and not state.part.startswith("annex") else REPORT


def _scoped(state: _State, own: str) -> str:
    """A label the part and section name before the clause's own: "annex II, preamble", "section II, PP1"."""
    return ", ".join([p for p in (state.part, state.section) if p] + [own])


def _label(state: _State, own: str) -> str:
    """The label of a clause numbered `own` where the state stands: "3", "annex, para. 3", "annex, art. 5, para. 3"."""
    article = state.article if state.by_article or not own else ""
    scope = [p for p in (state.part, state.section, article) if p]
    if not scope:
        return own
    return ", ".join(scope + ([f"para. {own}"] if own else []))


def _open_paragraph(number: int, text: str, page, state: _State) -> None:
    if state.article and state.by_article and state.paragraph is None and number != 1:
        state.by_article = False  # the numbering runs through the annex: the article is a heading
        state.running.add(state.part)
    if number == 1 and state.last_number >= 1 and not state.article and not state.paragraph_ends_in_colon:
        _open_section(state)  # numbering that starts again, under a heading: "section II, para. 1"
    state.last_number, state.heading_seen, state.group = number, False, ""
    if state.items_base is not None:  # the sub-headings among the last paragraph's items head none after it,
        if state.heading_at != len(state.drafts):  # unless the last came right before this paragraph
            state.heading = state.items_base
        state.items_base = None
    if state.preamble and (heading := _heading_over_operative(state)):
        state.heading = heading
    kind = _paragraph_kind(state)
    lettered = _LETTERED.match(text)
    first = lettered and lettered.group(1) == "a"  # "12. (a) Each State Party shall ...": no chapeau of its own
    draft = _Draft(_label(state, str(number)), kind, [] if first else [text], page, heading=state.heading)
    state.drafts.append(draft)
    state.paragraph, state.lettered = draft, None
    state.preamble, state.preamble_heading = False, ""
    if first:
        _open_subparagraph("a", lettered.group(2), page, state)


_ACTION_WITHIN = re.compile(r"(?<=[.;:])\s+(?=Action \d{1,3}\.\s+[A-Z])")


def _actions_apart(block: Block) -> list[Block]:
    """A block whose line break the reader missed, "... facilitation. Action 6. We will invest ...",
    as the paragraph and the action it runs into."""
    if block.footnote is not None or "Action " not in block.text:
        return [block]
    return [replace(block, text=piece) for piece in _ACTION_WITHIN.split(block.text)]


def _heading_over_operative(state: _State) -> str:
    """A sub-heading between the preamble's last paragraph and the first operative one ("Role and
    authority of the General Assembly"): the heading of the paragraphs after it, not of the preamble."""
    last = state.drafts[-1] if len(state.drafts) > state.part_start else None
    if not state.preamble_heading or last is not None and last.heading.endswith(state.preamble_heading):
        return ""
    return " / ".join(h for h in (state.title if state.part else "", state.preamble_heading) if h)


_RULE_WITHIN = re.compile(r"(?<=\S)\s+(?=Rule \d+\s+[A-Z])")


def _rules_apart(block: Block) -> list[Block]:
    """A heading run into the heading of the rule under it ("IV. Secretariat of the Conference
    Rule 14 Duties of ..."), as the two headings."""
    if not block.heading or "Rule " not in block.text:
        return [block]
    return [replace(block, text=piece) for piece in _RULE_WITHIN.split(block.text)]


def _open_action(number: str, text: str, page, state: _State) -> None:
    """An action of a pact, between its numbered paragraphs: a clause of its own, cited by its
    number as readers cite it ("A/RES/79/1, action 39"), not the tail of the paragraph before."""
    kind = _paragraph_kind(state)
    label = _scoped(state, f"action {number}")
    draft = _Draft(label, kind, [text], page, heading=state.heading)
    state.drafts.append(draft)
    state.paragraph, state.lettered = draft, None


def _inline_item(m: re.Match, state: _State) -> bool:
    """A roman item in lower case, "(ii) dedicated thematic groups", runs on inside its sub-paragraph;
    so does a lettered one whose earlier items run inline in the paragraph's own text ("... education
    systems by (a) providing ...; (b) investing ...;" then "(c) eradicating ...")."""
    if _is_roman_level(m.group(1), state):
        return m.group(2)[:1].islower()
    mark, paragraph = m.group(1), state.paragraph
    earlier = chr(ord(mark) - 1) if len(mark) == 1 and mark > "a" else ""
    return (bool(earlier) and paragraph is not None and state.lettered is None and paragraph in state.drafts
            and f"({earlier}) " in paragraph.text)


def _is_roman_level(mark: str, state: _State) -> bool:
    if not _ROMAN.match(mark) or state.lettered is None:
        return False
    return mark != _next_letter(state.lettered.letter)


def _next_letter(letter: str) -> str:
    """The letter after this one, lettering on past (z) as (aa), (bb): "h" -> "i", "hh" -> "ii", "z" -> "aa"."""
    if not letter or len(set(letter)) != 1 or not letter.isalpha():
        return ""
    if letter[0] == "z":
        return "a" * (len(letter) + 1)
    return chr(ord(letter[0]) + 1) * len(letter)


def _open_subparagraph(mark: str, text: str, page, state: _State) -> None:
    roman = _is_roman_level(mark, state)
    if mark.isdigit() or _opens_items_of_item(mark, state):
        state.item = None if mark.isdigit() else state.lettered
    under_item = not roman and state.item is not None and state.paragraph is not None \
        and state.item.label.startswith(f"{state.paragraph.label} (")
    parent = state.lettered if roman else state.item if under_item else state.paragraph
    if parent is None:  # lettered items straight under an article: "annex, art. 2 (b)"
        parent = _Draft(_label(state, ""), REPORT, [], page, heading=state.heading)
        state.paragraph = parent
    _become_chapeau(parent, state)
    chapeau = _join_subparagraph(parent) if parent.kind == SUBPARAGRAPH else parent.text
    group = f" {state.group}" if state.group and parent is state.paragraph else ""
    draft = _Draft(
        f"{parent.label}{group} ({mark})", SUBPARAGRAPH, [text], page,
        chapeau=chapeau, heading=state.heading if group or state.items_base is not None else parent.heading,
        letter="" if roman else mark,
    )
    state.drafts.append(draft)
    if not roman:
        state.lettered = draft
        inner = _LETTERED.match(text)
        if inner and inner.group(1) == "i":  # "(a) (i) The conversion ...": (a) has no words of its own
            draft.parts = []
            _open_subparagraph("i", inner.group(2), page, state)


def _opens_items_of_item(mark: str, state: _State) -> bool:
    """An "(a)" after a numbered item that ends in a colon: the first of that item's own items."""
    item = state.lettered
    return mark == "a" and item is not None and item.letter.isdigit() and item.text.rstrip().endswith(":")


def _become_chapeau(parent: _Draft, state: _State) -> None:
    """A paragraph followed by sub-paragraphs is their chapeau, not a clause of its own."""
    parent.children += 1
    if parent.children == 1 and parent in state.drafts:
        state.drafts.remove(parent)


def _whole_text(body: list[Block], kind: str, state: _State) -> None:
    """A text without paragraphs of its own (an amendment, a decision in running prose) is one clause."""
    text = [b.text.strip() for b in body if b.footnote is None and not CLOSING.match(b.text.strip())]
    if text:
        label = "amendment" if kind == "amendment" else "decision"
        state.drafts.append(_Draft(label, DECISION, text, next(b.page for b in body if b.footnote is None)))


def _number_through(state: _State) -> None:
    """In a part numbered through its articles, "annex, art. 2, para. 1" is "annex, para. 1"."""
    for part in state.running:
        pattern = re.compile(rf"^{re.escape(part)}, art\. \d+, para\. ")
        for draft in state.drafts:
            draft.label = pattern.sub(f"{part}, para. ", draft.label)


def _sole_operative(state: _State) -> None:
    """A resolution whose one operative paragraph is not numbered: the last paragraph, ending in a full
    stop; or, when the last paragraph has lettered items ("Decides: (a) To postpone ...; (b) ..."),
    those items, "OP (a)", "OP (b)"."""
    own = [d for d in state.drafts if not d.label.startswith("annex")]
    if not own or not all(d.label.startswith("PP") for d in own) or _last_mark(own[-1].text) != ".":
        return
    last = own[-1]
    if last.kind == PREAMBULAR:
        last.label, last.kind = "OP", OPERATIVE
        return
    paragraph = last.label.split(" (")[0]
    items = [d for d in own if d.label.startswith(f"{paragraph} (")]
    opening = items[0].chapeau
    if re.match(_PREAMBULAR_OPENING, opening):  # "Recalling further ...: (a) Expresses ...": the preamble's last words
        state.drafts.insert(state.drafts.index(items[0]), _Draft(paragraph, PREAMBULAR, [opening], items[0].page))
        for draft in items:
            draft.chapeau = draft.chapeau[len(opening):].strip()
    for draft in items:
        draft.label = "OP" + draft.label[len(paragraph):]


def _finish(state: _State, symbol: str) -> list[Clause]:
    clauses = []
    cited = {n for draft in state.drafts for n in markers(_join_subparagraph(draft))}
    for order, draft in enumerate(state.drafts):
        text, notes = unmarked(_join_subparagraph(draft), draft.page, state.footnotes)
        headed = [n for n in markers(draft.heading) if n not in cited]
        cited.update(headed)  # a footnote a heading cites goes with the first clause under it
        clauses.append(Clause(
            doc=symbol, para=draft.label, kind=draft.kind, text=text, page=draft.page, chapeau=clean(draft.chapeau),
            heading=clean(draft.heading), footnotes=notes + _notes_numbered(headed, state), order=order,
        ))
    return clauses


def _notes_numbered(numbers: list[int], state: _State) -> tuple[Footnote, ...]:
    """The first footnote of each of these numbers."""
    noted: dict[int, Footnote] = {}
    for note, _ in state.footnotes:
        noted.setdefault(note.number, note)
    return tuple(noted[n] for n in numbers if n in noted)


def _join_subparagraph(draft: _Draft) -> str:
    if draft.kind != SUBPARAGRAPH:
        return draft.text
    mark = draft.label.rsplit("(", 1)[1]
    return f"{draft.chapeau} ({mark} {draft.text}".strip()
