"""A document against its predecessor, and a clause's wording back to where it was first agreed.

`Lineage` holds the clauses and document metadata of one index generation and answers:
`compare(old, new)`, `compare_with_previous(new)`, `predecessor(symbol)`, `trace(doc, para)` and
`trace_text(text)`. The shingle index behind `trace` is built from the clauses on first use.
"""
from __future__ import annotations

import re
import threading
from typing import Mapping, Sequence

from .citation import symbol_matches
from .compare import Comparison, compare_clauses
from .documents import Clause
from .errors import IndexerError
from .trace import ShingleIndex, Trace, date_key, document_kind

TITLE_OVERLAP = 0.25  # a same-titled document sharing less wording than this is another series
AGENDA_OVERLAP = 0.2  # a document under the same agenda item must share this much wording
WORDING_OVERLAP = 0.5  # with neither title nor agenda item in common, this much wording
# Titles this far apart name different series ("Question of the British Virgin Islands" and "... of
# the United States Virgin Islands" share 84% of their wording): no agenda item or wording overrides them.
TITLE_AGREEMENT = 0.8
TITLE_CONTAINED = 0.9  # ... unless one title holds the other's words: "X" renamed "X, and advancing Y"


class UnknownDocument(IndexerError):
    def __init__(self, symbol: str, detail: str = ""):
        super().__init__(f"no document {symbol} in the index{detail}")
        self.symbol = symbol


class UnknownClause(IndexerError):
    def __init__(self, symbol: str, para: str):
        super().__init__(f"no clause {symbol}, para {para!r} in the index")
        self.symbol, self.para = symbol, para


class NoPredecessor(IndexerError):
    def __init__(self, symbol: str, reason: str):
        super().__init__(f"no earlier document of the series of {symbol} in the index ({reason})")
        self.symbol = symbol


class Lineage:
    """Read-only after construction (the shingle index is built once, under a lock)."""

    def __init__(self, clauses: Sequence[Clause], documents: Mapping[str, Mapping]):
        self.clauses = list(clauses)
        self.documents = dict(documents)
        self._by_doc: dict[str, list[Clause]] = {}
        for clause in self.clauses:
            self._by_doc.setdefault(clause.doc, []).append(clause)
        for symbol in self._by_doc:
            self.documents.setdefault(symbol, {"symbol": symbol})
        self._shingles: ShingleIndex | None = None
        self._lock = threading.Lock()
        self._predecessors: dict[str, tuple[str, str] | NoPredecessor] = {}
        self._comparisons: dict[tuple[str, str, str], Comparison] = {}  # the latest few, oldest first
        self._cache_lock = threading.Lock()

    @classmethod
    def from_generation(cls, generation) -> "Lineage":
        """From a store.Generation (documents as a list) or a Searcher (Documents by symbol)."""
        documents = generation.documents
        documents = documents.values() if isinstance(documents, Mapping) else documents
        # metadata as mappings: the index's documents.json rows, or Document dataclasses of a Searcher
        rows = [d if isinstance(d, Mapping) else d.metadata() for d in documents]
        return cls(generation.clauses, {row["symbol"]: row for row in rows})

    # -- documents ---------------------------------------------------------------------------

    def resolve(self, symbol: str) -> str:
        """The indexed symbol meant: exact, or a short form ("79/237") that names one document."""
        symbol = " ".join(symbol.split())
        if symbol in self._by_doc:
            return symbol
        found = [s for s in self._by_doc if s.upper() == symbol.upper() or symbol_matches(symbol, s)]
        if len(found) == 1:
            return found[0]
        raise UnknownDocument(symbol, f" ({len(found)} match it: {', '.join(sorted(found)[:5])})" if found else "")

    def document_clauses(self, symbol: str) -> list[Clause]:
        return list(self._by_doc.get(self.resolve(symbol), ()))

    def metadata(self, symbol: str) -> Mapping:
        return self.documents.get(self.resolve(symbol), {})

    def kind(self, symbol: str) -> str:
        return document_kind(symbol, self.documents.get(symbol, {}))

    # -- comparison --------------------------------------------------------------------------

    def compare(self, old: str, new: str, note: str = "") -> Comparison:
        """Every clause of both documents, paired: same, changed (with a word diff), new, dropped."""
        old, new = self.resolve(old), self.resolve(new)
        key = (old, new, note)
        found = self._comparisons.get(key)  # the app asks again on every rerun (a filter clicked)
        if found is None:
            found = compare_clauses(old, self._by_doc[old], new, self._by_doc[new], note)
            with self._cache_lock:
                while len(self._comparisons) >= 64:
                    self._comparisons.pop(next(iter(self._comparisons)))
                self._comparisons[key] = found
        return found

    def compare_with_previous(self, new: str) -> Comparison:
        """`new` against its predecessor; the comparison's note says which and why."""
        new = self.resolve(new)
        old, reason = self.predecessor(new)
        return self.compare(old, new, note=f"compared with {old}, {reason}")

    def predecessor(self, symbol: str) -> tuple[str, str]:
        """The latest earlier document of the same series, and why it was chosen.

        Adopted texts first: a draft of the same resolution is not what "last year" means. The
        series is the same title (sharing some wording), else the same agenda item, else most of
        the wording."""
        symbol = self.resolve(symbol)
        if symbol not in self._predecessors:  # asked on every view of a document: worked out once
            self._predecessors[symbol] = self._predecessor(symbol)
        found = self._predecessors[symbol]
        if isinstance(found, NoPredecessor):
            raise found
        return found

    def _predecessor(self, symbol: str) -> tuple[str, str] | NoPredecessor:
        meta = self.documents[symbol]
        date = date_key(meta.get("date", ""))
        if not date:
            return NoPredecessor(symbol, "its date is unknown")
        earlier = [s for s, m in self.documents.items() if s != symbol and s in self._by_doc
                   and 0 < date_key(m.get("date", "")) < date]
        adopted = [s for s in earlier if self.kind(s) != "draft"]
        for pool in (adopted, earlier):
            if not pool:
                continue
            overlap = self._overlap(symbol, pool)
            title = _normal_title(meta.get("title", ""))
            rules = (
                ("the latest earlier document with the same title",
                 lambda s: bool(title) and _normal_title(self.documents[s].get("title", "")) == title
                 and overlap[s] >= TITLE_OVERLAP),
                ("the latest earlier document under the same agenda item",
                 lambda s: bool(meta.get("agenda_item")) and self.documents[s].get("agenda_item") == meta.get("agenda_item")
                 and overlap[s] >= AGENDA_OVERLAP and _titles_agree(title, self.documents[s].get("title", ""))),
                ("the latest earlier document sharing most of its wording",
                 lambda s: overlap[s] >= WORDING_OVERLAP and _titles_agree(title, self.documents[s].get("title", ""))),
            )
            for reason, rule in rules:
                series = [s for s in pool if rule(s)]
                if series:
                    best = max(series, key=lambda s: (date_key(self.documents[s].get("date", "")), overlap[s], s))
                    return best, f"{reason} ({self.documents[best].get('date')}, {overlap[best]:.0%} of the wording shared)"
        return NoPredecessor(symbol, "none earlier has its title, its agenda item or most of its wording")

    def _overlap(self, symbol: str, others: list[str]) -> dict[str, float]:
        """The share of this document's word shingles each other document also has."""
        shared = self.shingles().overlap(self._document_shingles(symbol))
        return {s: shared.get(s, 0.0) for s in others}

    def _document_shingles(self, symbol: str):
        return self.shingles().shingles_of(c.text for c in self._by_doc.get(symbol, ()))

    # -- tracing -----------------------------------------------------------------------------

    def shingles(self) -> ShingleIndex:
        if self._shingles is None:
            with self._lock:
                if self._shingles is None:
                    self._shingles = ShingleIndex(self.clauses, self.documents)
        return self._shingles

    def trace(self, doc: str, para: str, k: int = 20) -> Trace:
        """Earlier documents whose clauses share long runs of this clause's words, earliest first
        (every other document when this one's date is unknown)."""
        symbol = self.resolve(doc)
        para = " ".join(para.split())
        clause = next((c for c in self._by_doc[symbol] if c.para == para or c.para.lower() == para.lower()), None)
        if clause is None:
            raise UnknownClause(symbol, para)
        date = self.documents[symbol].get("date", "")
        sources = self.shingles().sources(clause.text, exclude_doc=symbol, before=date or None, k=k)
        return Trace(clause, clause.text, sources)

    def trace_text(self, text: str, k: int = 20) -> Trace:
        """Every indexed document sharing long runs of these words, earliest first."""
        text = " ".join(text.split())
        return Trace(None, text, self.shingles().sources(text, k=k))


def _normal_title(title: str) -> str:
    return " ".join(re.findall(r"\w+", str(title).casefold()))


def _titles_agree(title: str, other: str) -> bool:
    """True when either title is unknown, they share most of their words, or one holds the other
    whole (a series renamed by adding words to its title)."""
    a, b = set(title.split()), set(_normal_title(other).split())
    if not a or not b:
        return True
    return len(a & b) / len(a | b) >= TITLE_AGREEMENT or len(a & b) / min(len(a), len(b)) >= TITLE_CONTAINED


_CACHE: dict[str, tuple[str, Lineage]] = {}  # index folder -> (its live generation, its Lineage)
_CACHE_LOCK = threading.Lock()


def of(source) -> Lineage:
    """The Lineage of a Searcher's or a store.Generation's generation, made once per generation and
    shared by all sessions."""
    folder = getattr(source, "generation", source).folder
    with _CACHE_LOCK:
        generation, found = _CACHE.get(str(folder.parent), ("", None))
        if found is None or generation != folder.name:
            found = Lineage.from_generation(source)  # a new generation replaces the old one
            _CACHE[str(folder.parent)] = (folder.name, found)
        return found
