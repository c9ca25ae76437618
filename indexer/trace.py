"""Where wording was first agreed: the earlier clauses that share long word sequences with a clause.

An index of word shingles (every run of SHINGLE consecutive words) over all clauses, held as one
sorted array of 64-bit hashes: a query looks up its own shingles by binary search, so its cost
grows with the clause's length and the hits, not with the number of documents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from .documents import Clause

SHINGLE = 5  # words: shorter runs ("the General Assembly") are common phrasing, not reused text
MIN_SHARED = 8  # words in shared runs for a clause to count as a source
# ... and either this share of the traced clause, or MANY_SHARED words: a body's name or a stock
# phrase quoted in passing ("the open-ended working group on ... established pursuant to
# resolution 75/240") is not where a clause was agreed
MIN_SHARE = 0.25
MANY_SHARED = 40
CANDIDATES = 200  # clauses, by shared shingles, whose coverage is worked out exactly
_WORD = re.compile(r"\w+")
_DRAFT = re.compile(r"/L\.\d+")
# random odd multipliers, fixed so hashes are the same in every process
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                         0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                        dtype=np.uint64)[:SHINGLE]


@dataclass(frozen=True)
class Source:
    """An earlier clause that shares wording with the traced one."""

    clause: Clause
    date: str
    kind: str  # "draft", "resolution", "report", ...
    shared_words: int
    share: float  # shared words over the traced clause's words
    spans: tuple[tuple[int, int], ...]  # character offsets, in the traced text, of the shared runs

    def to_dict(self) -> dict:
        c = self.clause
        return {
            "doc": c.doc, "para": c.para, "citation": c.citation, "date": self.date or None, "kind": self.kind,
            "shared_words": self.shared_words, "share": round(self.share, 3), "spans": [list(s) for s in self.spans],
            "text": c.text,
        }


@dataclass(frozen=True)
class Trace:
    clause: Clause | None  # None when free text was traced
    text: str
    sources: tuple[Source, ...] = field(default_factory=tuple)  # earliest first

    def to_dict(self) -> dict:
        if self.clause is not None:
            c = self.clause
            head = {"doc": c.doc, "para": c.para, "citation": c.citation, "text": c.text}
        else:
            head = {"doc": None, "para": None, "citation": None, "text": self.text}
        return {"clause": head, "sources": [s.to_dict() for s in self.sources]}


def document_kind(symbol: str, metadata: Mapping) -> str:
    """"draft" for an L-document (A/C.1/80/L.20, A/80/L.13/Rev.1), else the kind the reader found."""
    return "draft" if _DRAFT.search(symbol) else str(metadata.get("kind") or "document")


def date_key(date: str) -> int:
    """YYYYMMDD as an integer for sorting and comparing dates; 0 when unknown."""
    digits = re.sub(r"\D", "", str(date or ""))[:8]
    return int(digits.ljust(8, "0")) if len(digits) >= 4 else 0


class ShingleIndex:
    """Word shingles of every clause; read-only once built, so threads can share it."""

    def __init__(self, clauses: Sequence[Clause], documents: Mapping[str, Mapping]):
        self.clauses = list(clauses)
        self.documents = documents
        self.vocabulary: dict[str, int] = {}
        symbols = sorted({c.doc for c in self.clauses})
        self._doc_id = {s: n for n, s in enumerate(symbols)}
        self._docs = np.array([self._doc_id[c.doc] for c in self.clauses], dtype=np.int32)
        dates = np.array([date_key(documents.get(s, {}).get("date", "")) for s in symbols], dtype=np.int64)
        self._dates = dates[self._docs] if len(symbols) else np.zeros(0, dtype=np.int64)
        # all clauses' words as one array of ids: the shingles are hashed in one pass, then those
        # that straddle two clauses are dropped (the vocabulary is built by dict and map, in C)
        words, lengths = [], []
        for clause in self.clauses:
            found = _words(clause.text)
            words.extend(found)
            lengths.append(len(found))
        self.vocabulary = {w: n for n, w in enumerate(dict.fromkeys(words))}
        ids = np.fromiter(map(self.vocabulary.__getitem__, words), dtype=np.int64, count=len(words))
        hashes = _shingles(ids)
        lengths_array = np.array(lengths, dtype=np.int64)
        row_of_word = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths_array)[: len(hashes)]
        ends = np.cumsum(lengths_array)
        inside = np.arange(len(hashes)) + SHINGLE <= ends[row_of_word] if len(hashes) else np.zeros(0, dtype=bool)
        hashes, rows = hashes[inside], row_of_word[inside]
        order = np.lexsort((rows, hashes))
        hashes, rows = hashes[order], rows[order]
        first = np.ones(len(hashes), dtype=bool)  # a shingle repeated inside one clause counts once
        first[1:] = (hashes[1:] != hashes[:-1]) | (rows[1:] != rows[:-1])
        self._hashes, self._rows = hashes[first], rows[first]

    def __len__(self) -> int:
        return len(self._hashes)

    def sources(self, text: str, exclude_doc: str | None = None, before: str | None = None,
                k: int = 20) -> tuple[Source, ...]:
        """Clauses of other documents, dated before `before` when given, that share with `text`
        at least MIN_SHARED words in runs of SHINGLE or more, and MIN_SHARE of its words or
        MANY_SHARED of them: the k sharing most, one per document, earliest first."""
        spans_of, words = _word_spans(text)
        ids = np.array([self.vocabulary.get(w, -1) for w in words], dtype=np.int64)
        if len(ids) < SHINGLE or not len(self._hashes):
            return ()
        known = np.convolve((ids >= 0).astype(np.int64), np.ones(SHINGLE, dtype=np.int64), "valid") == SHINGLE
        positions = np.flatnonzero(known)
        query = _shingles(ids)[positions]
        lo = np.searchsorted(self._hashes, query, "left")
        hi = np.searchsorted(self._hashes, query, "right")
        counts = hi - lo
        if not counts.sum():
            return ()
        # every (shingle position, clause) pair that matched
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        rows = self._rows[np.arange(counts.sum()) + starts]
        at = np.repeat(positions, counts)
        keep = np.ones(len(rows), dtype=bool)
        if exclude_doc is not None and exclude_doc in self._doc_id:
            keep &= self._docs[rows] != self._doc_id[exclude_doc]
        limit = date_key(before or "")
        if limit:
            keep &= (self._dates[rows] > 0) & (self._dates[rows] < limit)
        rows, at = rows[keep], at[keep]
        if not len(rows):
            return ()
        candidates, which, hits = np.unique(rows, return_inverse=True, return_counts=True)
        if len(candidates) > CANDIDATES:
            best = np.argsort(-hits, kind="stable")[:CANDIDATES]
            chosen = np.full(len(candidates), -1)
            chosen[best] = np.arange(len(best))
            which = chosen[which]
            candidates = candidates[best]
            at, which = at[which >= 0], which[which >= 0]
        covered = np.zeros((len(candidates), len(ids)), dtype=bool)
        for offset in range(SHINGLE):
            covered[which, at + offset] = True
        shared = covered.sum(axis=1)
        return self._pick(candidates, covered, shared, spans_of, len(ids), k)

    def shingles_of(self, texts) -> np.ndarray:
        """The distinct shingles of these texts, as this index hashes them."""
        parts = [_shingles(np.array([self.vocabulary.get(w, -1) for w in _words(t)], dtype=np.int64)) for t in texts]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)

    def overlap(self, shingles: np.ndarray) -> dict[str, float]:
        """For every document holding any of these (unique) shingles, the share of them it holds."""
        if not len(shingles) or not len(self._hashes):
            return {}
        lo = np.searchsorted(self._hashes, shingles, "left")
        counts = np.searchsorted(self._hashes, shingles, "right") - lo
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        docs = self._docs[self._rows[np.arange(counts.sum()) + starts]].astype(np.int64)
        which = np.repeat(np.arange(len(shingles)), counts)
        pairs = np.unique(which * len(self._doc_id) + docs)  # each shingle counted once per document
        found, held = np.unique(pairs % len(self._doc_id), return_counts=True)
        symbols = list(self._doc_id)
        return {symbols[d]: float(n) / len(shingles) for d, n in zip(found.tolist(), held.tolist())}

    def _pick(self, candidates, covered, shared, spans_of, total: int, k: int) -> tuple[Source, ...]:
        best_per_doc: dict[str, int] = {}
        for n in np.argsort(-shared, kind="stable"):
            if shared[n] < MIN_SHARED:
                break
            if shared[n] < MANY_SHARED and shared[n] < MIN_SHARE * total:
                continue
            doc = self.clauses[int(candidates[n])].doc
            best_per_doc.setdefault(doc, int(n))
        chosen = list(best_per_doc.values())[:k]
        found = []
        for n in chosen:
            clause = self.clauses[int(candidates[n])]
            meta = self.documents.get(clause.doc, {})
            found.append(Source(clause, str(meta.get("date", "") or ""), document_kind(clause.doc, meta),
                                int(shared[n]), float(shared[n]) / total, _runs(covered[n], spans_of)))
        found.sort(key=lambda s: (date_key(s.date) or 99999999, s.clause.doc, s.clause.order))
        return tuple(found)


def _words(text: str) -> list[str]:
    """Lower-cased words; one lower() per text, then per word where that changes the words."""
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ", whose lower case is two characters, one not a letter
        return [w.lower() for w in _WORD.findall(text)]
    return _WORD.findall(lowered)


def _word_spans(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    matches = list(_WORD.finditer(text))
    words = [m.group(0).lower() for m in matches]
    return [m.span() for m in matches], words


def _shingles(ids: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each run of SHINGLE word ids (wrapping arithmetic is the point)."""
    n = len(ids) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    words = ids.astype(np.uint64) + np.uint64(1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            h ^= words[j: j + n] * _MULTIPLIERS[j]
            h = (h ^ (h >> np.uint64(29))) * np.uint64(0xBF58476D1CE4E5B9)
    return h


def _runs(mask: np.ndarray, spans_of: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Character spans of the runs of covered words."""
    runs, start = [], None
    for i, on in enumerate(mask.tolist() + [False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append((spans_of[start][0], spans_of[i - 1][1]))
            start = None
    return tuple(runs)
