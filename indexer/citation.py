"""Pasted citations: "A/RES/73/266, para. 5" or "73/266 preambular para. 9" name a clause outright."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .answering import articles_headed, best_first
from .documents import Clause
from .glossary import ORDINALS
from .lexical import tokens

# A citation with at most this many other words is looked up: its clauses go first. In a longer
# question ("who operates the account under article 56") it moves its clauses up by CITED_WEIGHT
CITATION_ALONE = 2
CITED_WEIGHT = 0.3
PARAGRAPH_WEIGHT = 0.5  # ... and a paragraph it cites, which is where the answer stands, by this much

_CITATION = re.compile(
    r"(?P<symbol>(?:[A-Z]/(?:RES/)?)?\d+/\d+(?:/[A-Za-z]+\.\d+)*)?[\s,]*"
    r"(?P<annex>annex(?:\s+[IVXLC]+\b)?(?:,\s*annex\b)?)?[\s,]*"
    r"(?:\bart(?:icle)?\.?\s*(?P<article>\d{1,3})\b[\s,]*)?"
    r"(?:(?P<preambular>preambular\s+)?(?:\bpara(?:graph)?s?\.?|§|\bpp\.?)\s*(?P<number>\d{1,3}))?"
    r"(?P<letters>(?:\s*\([a-z]{1,5}\))*)",
    re.I,
)


# "A/RES/79/157, operative para.", "A/80/L.1, operative para. (a)": as the index cites a sole unnumbered
# operative paragraph, its symbol written (the words alone are what many questions say)
_SOLE_OPERATIVE = re.compile(r"(?P<symbol>(?:[A-Z]/(?:RES/|C\.\d/)?)?\d+/(?:L\.)?\d+)[\s,]*(?P<annex>annex(?:\s+[IVXLC]+\b)?)?[\s,]*"
                             r"\b(?P<kind>operative\s+para\.|preamble\b)(?!\s*\d)(?P<letters>(?:\s*\([a-z]{1,5}\))*)", re.I)
_ACTION = re.compile(r"(?:(?P<symbol>(?:[A-Z]/(?:RES/)?)?\d+/\d+)[\s,]*)?\baction\s+(?P<number>\d{1,3})\b(?![./])", re.I)

_ORDINAL_PARAGRAPH = re.compile(
    rf"\b(?P<nth>{'|'.join(sorted(ORDINALS, key=len, reverse=True))})\s+(?P<kind>preambular|operative)\s+paragraph\b", re.I)


def _with_numbers(query: str) -> str:
    """"its second preambular paragraph" as "preambular para. 2", which the citation pattern reads."""
    def number(m: re.Match) -> str:
        n = ORDINALS.index(m.group("nth").lower()) + 1
        return f"preambular para. {n}" if m.group("kind").lower() == "preambular" else f"para. {n}"
    return _ORDINAL_PARAGRAPH.sub(number, query)


def cited_labels(query: str) -> list[tuple[str | None, str]]:
    """(symbol or None, label) for each citation the query contains: "A/RES/73/266, para. 5" gives
    ("A/RES/73/266", "5"); "A/RES/79/243, annex, art. 7, para. 1" gives (..., "annex, art. 7, para. 1");
    "article 17" gives (None, "art. 17"), which names every clause of that article; "action 39" gives
    (None, "action 39")."""
    found = []
    for m in _CITATION.finditer(_with_numbers(query)):
        if not (m.group("number") or m.group("article")):
            continue
        letters = " ".join(re.findall(r"\([a-z]{1,5}\)", m.group("letters") or "", re.I)).lower()
        annex = " ".join(m.group("annex").lower().split()) if m.group("annex") else ""
        annex = re.sub(r"annex ([ivxlc]+)\b", lambda n: f"annex {n.group(1).upper()}", annex)
        scope = [p for p in (annex, f"art. {m.group('article')}" if m.group("article") else "") if p]
        preambular = m.group("preambular") or re.match(r"\s*pp", m.group(0).split(",")[-1], re.I) and m.group("number")
        if m.group("number"):
            own = " ".join(filter(None, [f"PP{m.group('number')}" if preambular else m.group("number"), letters]))
            if scope:
                own = own if own.startswith("PP") else f"para. {own}"
            label = ", ".join(scope + [own])
        else:
            label = ", ".join(scope) + (f" {letters}" if letters else "")
        found.append((m.group("symbol"), label))
    # a pact's actions: "Action 39 of the Pact for the Future", "A/RES/79/1, action 39"
    found += [(m.group("symbol"), f"action {m.group('number')}") for m in _ACTION.finditer(query)]
    # a sole unnumbered operative paragraph, or its items: "A/RES/79/157, operative para.", "operative para. (a)";
    # a declaration's subject: "A/RES/80/173, preamble"
    found += [(m.group("symbol"), _unnumbered_label(m)) for m in _SOLE_OPERATIVE.finditer(query)]
    return found


def _unnumbered_label(m: re.Match) -> str:
    own = "preamble" if m.group("kind").lower() == "preamble" else "OP"
    letters = [item.lower() for item in re.findall(r"\([a-z]{1,5}\)", m.group("letters"), re.I)]
    annex = re.sub(r"annex\s+([ivxlc]+)$", lambda n: f"annex {n.group(1).upper()}", " ".join(m.group("annex").lower().split())) \
        if m.group("annex") else ""
    return ", ".join(filter(None, [annex, " ".join([own, *letters])]))


def symbol_matches(cited: str | None, symbol: str) -> bool:
    """A cited "73/266" matches "A/RES/73/266"; no symbol matches any document."""
    if not cited:
        return True
    cited, symbol = cited.upper(), symbol.upper()
    return symbol == cited or symbol.endswith("/" + cited)


def without_citations(query: str) -> str:
    """The query with the citations it holds taken out: what else it asks."""
    return _CITATION.sub(lambda m: " " if m.group("number") or m.group("article") else m.group(0), _with_numbers(query))


class ClauseLabels:
    """The clauses' labels and headings, each list joined into one text, so that the few clauses a
    label may cite are found by a scan of that text rather than a test of every clause."""

    def __init__(self, clauses: list[Clause]):
        self._paras = _joined([c.para for c in clauses])
        self._headings = _joined([c.heading for c in clauses])

    def candidates(self, label: str) -> set[int]:
        """The rows whose label holds `label`, or, for an article, whose heading holds its number."""
        rows = self._paras.rows_holding(label)
        return rows | self._headings.rows_holding(label[5:]) if label.startswith("art. ") else rows


@dataclass(frozen=True)
class _Joined:
    text: str
    starts: np.ndarray  # where each row's line starts in `text`

    def rows_holding(self, part: str) -> set[int]:
        found = [m.start() for m in re.finditer(re.escape(part), self.text)]
        return set((np.searchsorted(self.starts, found, side="right") - 1).tolist())


def _joined(lines: list[str]) -> _Joined:
    starts = np.cumsum([0] + [len(line) + 1 for line in lines[:-1]])
    return _Joined("\n".join(line.replace("\n", " ") for line in lines), np.asarray(starts, dtype=np.int64))


def cited_first(query: str, scores: list[tuple[int, float]], clauses: list[Clause], allowed=None,
                named: set[str] = frozenset(), labels: list[tuple[str | None, str]] | None = None,
                index: ClauseLabels | None = None) -> list[tuple[int, float]]:
    """Scores with the clauses the query cites by their label ("A/RES/73/266, para. 5", "article 17")
    first, in the order the search put them. A label without its symbol ("its first preambular
    paragraph") is of the documents the question names, where it names some. `labels`: the query's
    cited_labels, where the caller has them; `index`: the clauses' ClauseLabels, where the caller keeps them."""
    labels = cited_labels(query) if labels is None else labels
    if not labels:
        return scores
    index = index or ClauseLabels(clauses)
    permitted = None if allowed is None else set(allowed.tolist())
    cited = {
        i: label for symbol, label in labels for i in sorted(index.candidates(label))
        if (_cites(label, clauses[i].para) or _notes_on(label, clauses[i].heading))
        and (symbol_matches(symbol, clauses[i].doc) if symbol or not named else clauses[i].doc in named)
        and (permitted is None or i in permitted)
    }
    if not cited:
        return scores
    ranked = {i: s for i, s in scores}
    others = [t for t in tokens(without_citations(query)) if "/" not in t]  # symbols name, they do not ask
    if len(others) > CITATION_ALONE:  # the citation is part of a question
        # a paragraph of one document (its symbol written or the document named), not every document's paragraph 5
        pinned = any(symbol for symbol, _ in labels) or bool(named)
        weight = {i: PARAGRAPH_WEIGHT if pinned and not _whole_article(label) and not label.startswith("action")
                  else CITED_WEIGHT for i, label in cited.items()}
        boosted = [(i, s + weight[i] if i in cited else s) for i, s in scores]
        boosted += [(i, weight[i]) for i in cited if i not in ranked]
        return best_first(boosted)
    top = max((s for _, s in scores), default=1.0) + 1.0
    # documents in the order the search put them; a paragraph's sub-paragraphs in their own
    # order, an article's paragraphs in the search's
    best: dict[str, float] = {}
    for i in cited:
        best[clauses[i].doc] = max(best.get(clauses[i].doc, 0.0), ranked.get(i, 0.0))
    order = sorted(cited, key=lambda i: (
        -best[clauses[i].doc], clauses[i].doc, -ranked.get(i, 0.0) if _whole_article(cited[i]) else 0.0, i))
    first, floor = [], math.inf
    for i in order:  # scores that never rise down the list
        floor = min(floor, top + (ranked.get(i, 0.0) if _whole_article(cited[i]) else best[clauses[i].doc]))
        first.append((i, floor))
    return first + [(i, s) for i, s in scores if i not in cited]


def _cites(label: str, para: str) -> bool:
    """Whether a cited label names this clause: itself, one of its sub-paragraphs ("2" names "2 (a)"),
    or, for an article ("art. 17"), any of its paragraphs."""
    if para == label or para.startswith(f"{label} ("):
        return True
    if "art." not in label:
        return False
    own = f", {para}"
    return f", {label}," in own + "," or f", {label} (" in own


def _notes_on(label: str, heading: str) -> bool:
    """Whether a clause sits under a heading naming the cited article ("art. 17"): a note on
    "Article 17" or on "Articles 23 and 35" in a treaty's interpretative notes, or the article's own."""
    return label.startswith("art. ") and label[5:] in articles_headed(heading)


def _whole_article(label: str) -> bool:
    """"art. 17" or "annex, art. 17": an article cited as a whole, not one of its paragraphs."""
    return re.search(r"(?:^|, )art\. \d+$", label) is not None
