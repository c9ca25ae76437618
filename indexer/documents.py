"""The documents' own vocabulary: documents, clauses, footnotes, hits."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

PREAMBULAR = "preambular"
OPERATIVE = "operative"
SUBPARAGRAPH = "subparagraph"
REPORT = "report"  # a numbered paragraph of a report, or of an annex
DECISION = "decision"  # a decision set in one paragraph


def cite(doc: str, para: str) -> str:
    """The pinpoint citation of a clause: "A/RES/73/266, preambular para. 12", "A/RES/79/243, annex, art. 7, para. 1",
    "A/RES/79/1, action 39"."""
    if para in ("decision", "amendment"):
        return doc
    label = re.sub(r"(?:^|(?<=, ))OP\b", "operative para.", para)  # "OP (a)", "section A, OP"
    label = re.sub(r"(?:^|(?<=, ))PP(\d+)", r"preambular para. \1", label)
    if label == para and para[:1].isdigit():  # "3 (a)"; not "section II, para. 3" nor "annex, art. 7, para. 1"
        label = f"para. {para}"
    return f"{doc}, {label}"


def clause_key(doc: str, para: str) -> str:
    """The key that names one clause of the index: its document's symbol and its label."""
    return f"{doc}|{para}"


@dataclass(frozen=True)
class Block:
    """A run of text as a reader found it: a paragraph, a fragment of one, or a footnote."""

    text: str
    page: int | None = None
    footnote: int | None = None  # the footnote's number when this block is a footnote
    heading: bool = False  # a reader that knows the block is a heading says so


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class Clause:
    """One citable unit: a preambular paragraph, an operative or report paragraph, a sub-paragraph."""

    doc: str
    para: str
    kind: str
    text: str
    page: int | None = None
    chapeau: str = ""  # the opening words of the paragraph a sub-paragraph belongs to
    heading: str = ""  # the section heading a report paragraph sits under
    footnotes: tuple[Footnote, ...] = ()
    order: int = 0  # position in the document

    @property
    def citation(self) -> str:
        return cite(self.doc, self.para)

    @property
    def key(self) -> str:
        return clause_key(self.doc, self.para)

    @property
    def group(self) -> str:
        """The kind a reader filters by: a sub-paragraph counts as the paragraph it belongs to, operative
        unless it is an item of a preambular paragraph ("PP41 (a)")."""
        if self.kind == SUBPARAGRAPH:
            return PREAMBULAR if re.match(r"(?:.*, )?PP\d", self.para) else OPERATIVE
        return self.kind

    @property
    def own_text(self) -> str:
        """The clause's text without the chapeau it begins with (a sub-paragraph's own words)."""
        if self.chapeau and self.text.startswith(self.chapeau):
            return self.text[len(self.chapeau):]
        return self.text

    def record(self) -> dict:
        """The clause as the JSON a user reads: the Hit fields other than rank, score and highlight."""
        return {
            "doc": self.doc,
            "para": self.para,
            "page": self.page,
            "text": self.text,
            "citation": self.citation,
            "kind": self.kind,
            "chapeau": self.chapeau,
            "heading": self.heading,
            "footnotes": [f"{f.number} {f.text}" for f in self.footnotes],
        }

    def context_text(self) -> str:
        """What the model reads: heading, clause (its chapeau included) and cited documents."""
        parts = [self.heading] if self.heading else []
        parts.append(self.text)
        parts.extend(f.text for f in self.footnotes)
        return " ".join(parts)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["footnotes"] = [asdict(f) for f in self.footnotes]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Clause":
        data = dict(data)
        data["footnotes"] = tuple(Footnote(**f) for f in data.get("footnotes", ()))
        return cls(**data)


@dataclass(frozen=True)
class Document:
    symbol: str
    title: str = ""
    date: str = ""  # ISO date of adoption or issue
    session: str = ""
    agenda_item: str = ""
    body: str = ""  # issuing body: General Assembly, Group of Governmental Experts, ...
    kind: str = ""  # resolution, decision, draft resolution, draft decision or report
    path: str = ""
    symbol_from: str = ""  # where the symbol was read: masthead, resolution number, file name
    committee: str = ""  # the Main Committee a draft is before: "First Committee"
    sponsors: tuple[str, ...] = ()  # the States that submit a draft
    annexes: tuple[str, ...] = ()  # the titles of its annexes: "Global Digital Compact"
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    def metadata(self) -> dict:
        data = asdict(self)
        data.pop("clauses")
        data["clauses"] = len(self.clauses)
        data["sponsors"] = list(self.sponsors)
        data["annexes"] = list(self.annexes)
        return data

    @classmethod
    def from_metadata(cls, meta: dict, clauses: tuple[Clause, ...] = ()) -> "Document":
        """The document `metadata()` (or the index's documents.json) describes, with these clauses."""
        known = {f.name for f in fields(cls)} - {"clauses"}
        values = {k: v for k, v in meta.items() if k in known}
        values["sponsors"] = tuple(values.get("sponsors", ()))
        values["annexes"] = tuple(values.get("annexes", ()))
        return cls(clauses=tuple(clauses), **values)


@dataclass(frozen=True)
class Hit:
    """A clause found by a search, with its rank, score and the answering phrase."""

    rank: int
    score: float
    clause: Clause
    highlight: tuple[int, int] | None = None  # character offsets of the answer span in the text
    also: tuple[Clause, ...] = ()  # clauses of other documents that say (almost) the same

    # the clause's JSON fields, read as attributes of the hit
    doc = property(lambda self: self.clause.doc)
    para = property(lambda self: self.clause.para)
    page = property(lambda self: self.clause.page)
    text = property(lambda self: self.clause.text)
    citation = property(lambda self: self.clause.citation)
    kind = property(lambda self: self.clause.kind)
    chapeau = property(lambda self: self.clause.chapeau)
    heading = property(lambda self: self.clause.heading)

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "score": round(float(self.score), 6),
            **self.clause.record(),
            "highlight": list(self.highlight) if self.highlight else None,
            "also_in": [{"doc": c.doc, "para": c.para, "citation": c.citation} for c in self.also],
        }
