"""What changed between two documents: their clauses aligned, section by section, with a word diff.

Clauses are paired by their wording, never by their numbers, so a renumbered, moved, split or
merged paragraph still finds its counterpart. Preamble is aligned with preamble, operative part
with operative part, annex with annex. Every clause of either document appears in exactly one pair.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from .documents import PREAMBULAR, REPORT, Clause

SAME, CHANGED, NEW, DROPPED = "same", "changed", "new", "dropped"
STATUSES = (SAME, CHANGED, NEW, DROPPED)
EQUAL, INSERT, DELETE = "equal", "insert", "delete"  # the diff's operations, as difflib names them
SECTIONS = ("preamble", "operative", "annex")

PAIR_SIMILARITY = 0.45  # Dice share of common wording for two clauses to be one clause, changed
SURE_SIMILARITY = 0.6  # below this, a pair must also keep its place among the others (no moves)
PAIR_CONTAINMENT = 0.7  # ... or this share of the shorter clause found in the longer (a split or merge)
PART_CONTAINMENT = 0.6  # an unpaired clause this much contained in another is a piece split off it
MIN_WORDS = 5  # below this, containment proves nothing ("Welcomes the report;")
DRIFT = 0.1  # a small preference for clauses at the same relative place, to break ties

_WORD = re.compile(r"\w+")
# Diff units: words (with inner punctuation, so "A/79/214" and "open-ended" stay whole) or a mark,
# each with the spaces after it.
_UNIT = re.compile(r"(?:\w+(?:[’'\-/.:]\w+)*|[^\w\s])\s*")


@dataclass(frozen=True)
class Pair:
    """One clause of the old document and its counterpart in the new, either of them possibly None."""

    status: str
    old: Clause | None
    new: Clause | None
    similarity: float | None
    diff: tuple[tuple[str, str], ...]
    section: str
    moved: bool = False  # paired, but out of the order of the other pairs
    reuses: str | None = None  # an unpaired clause: the other document's clause that holds most of its wording

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "old": self.old.para if self.old else None,
            "new": self.new.para if self.new else None,
            "old_citation": self.old.citation if self.old else None,
            "new_citation": self.new.citation if self.new else None,
            "similarity": None if self.similarity is None else round(self.similarity, 3),
            "diff": [list(run) for run in self.diff],
            "section": self.section,
            "moved": self.moved,
            # a piece split off, or merged into, a clause of the other document
            "reuses": self.reuses if self.status == NEW else None,
            "reused_in": self.reuses if self.status == DROPPED else None,
        }


@dataclass(frozen=True)
class Comparison:
    old: str
    new: str
    pairs: tuple[Pair, ...]
    note: str = ""  # how the old document was chosen, when the user did not name it

    def counts(self) -> dict[str, int]:
        found = Counter(p.status for p in self.pairs)
        return {status: found.get(status, 0) for status in STATUSES}

    def to_dict(self) -> dict:
        data = {"old": self.old, "new": self.new, "pairs": [p.to_dict() for p in self.pairs], "counts": self.counts()}
        if self.note:
            data["note"] = self.note
        return data


def compare_clauses(old: str, old_clauses: list[Clause], new: str, new_clauses: list[Clause], note: str = "") -> Comparison:
    """Align the clauses of two documents; pairs come in the new document's order, dropped clauses
    after the clause that preceded them in the old one."""
    pairs: list[Pair] = []
    old_sections = _sections(old_clauses)
    new_sections = _sections(new_clauses)
    for section in SECTIONS:
        a = [c for c, s in zip(old_clauses, old_sections) if s == section]
        b = [c for c, s in zip(new_clauses, new_sections) if s == section]
        if a or b:
            pairs.extend(_align(a, b, section))
    return Comparison(old, new, tuple(pairs), note)


def _sections(clauses: list[Clause]) -> list[str]:
    """Each clause's part: preamble, operative part, or annex (labelled so, under an "Annex" heading,
    or report paragraphs in a document that has operative ones)."""
    operative = any(c.kind not in (REPORT, PREAMBULAR) for c in clauses)
    found = []
    for clause in clauses:
        if clause.kind == PREAMBULAR:
            found.append("preamble")
        elif (clause.para.lower().startswith("annex") or clause.heading.lower().startswith("annex")
              or (clause.kind == REPORT and operative)):
            found.append("annex")
        else:
            found.append("operative")
    return found


# -- alignment ----------------------------------------------------------------------------------

@dataclass
class _Side:
    clauses: list[Clause]

    def __post_init__(self):
        self.words = [_words(_own_text(c)) for c in self.clauses]
        self.full = [_words(c.text) for c in self.clauses]
        self.bags = [Counter(w) for w in self.full]

    def place(self, i: int) -> float:
        return i / max(1, len(self.clauses) - 1)


def _align(old: list[Clause], new: list[Clause], section: str) -> list[Pair]:
    a, b = _Side(old), _Side(new)
    match: dict[int, int] = {}  # new index -> old index
    scores: dict[int, float] = {}
    # 1. word for word, up to whitespace; repeated texts in order
    waiting: dict[str, list[int]] = {}
    for i, c in enumerate(old):
        waiting.setdefault(_unlabelled(c), []).append(i)
    for j, c in enumerate(new):
        found = waiting.get(_unlabelled(c))
        if found:
            match[j] = found.pop(0)
            scores[j] = 1.0
    # 2. the rest by common wording, best first
    candidates = []
    exact = set(match.values())
    for j in range(len(new)):
        if j in match:
            continue
        for i in range(len(old)):
            if i in exact:
                continue
            sim, contained = _similarity(a, i, b, j)
            if sim >= PAIR_SIMILARITY or contained >= PAIR_CONTAINMENT:
                rank = max(sim, contained * PAIR_SIMILARITY / PAIR_CONTAINMENT)
                candidates.append((rank - DRIFT * abs(a.place(i) - b.place(j)), sim, i, j))
    taken = set(match.values())
    ranked = sorted(candidates, key=lambda t: (-t[0], t[3], t[2]))
    for sure in (True, False):
        for rank, sim, i, j in ranked:
            if j in match or i in taken or (sure and rank < SURE_SIMILARITY):
                continue
            # a weak likeness counts only where the clause stands in the same place among the pairs
            if not sure and any((jj < j) != (ii < i) for jj, ii in match.items()):
                continue
            match[j], scores[j] = i, sim
            taken.add(i)
    return _ordered(a, b, match, scores, section)


def _similarity(a: _Side, i: int, b: _Side, j: int) -> tuple[float, float]:
    """(Dice share of common wording, share of the shorter clause found in the longer)."""
    both_subparagraphs = a.clauses[i].chapeau and b.clauses[j].chapeau
    x, y = (a.words[i], b.words[j]) if both_subparagraphs else (a.full[i], b.full[j])
    if not x or not y:
        return 0.0, 0.0
    # an upper bound from the bags of words skips most hopeless pairs without a sequence match
    common = sum((Counter(x) & Counter(y)).values()) if both_subparagraphs else sum((a.bags[i] & b.bags[j]).values())
    if 2 * common / (len(x) + len(y)) < PAIR_SIMILARITY and common / min(len(x), len(y)) < PAIR_CONTAINMENT:
        return 0.0, 0.0
    matched = _matched(x, y)
    contained = matched / min(len(x), len(y)) if min(len(x), len(y)) >= MIN_WORDS else 0.0
    return 2 * matched / (len(x) + len(y)), contained


def _matched(x: list[str], y: list[str]) -> int:
    """Words in common runs of two or more: single shared words ("the", "of") are coincidence."""
    blocks = SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks if block.size >= 2)


def _ordered(a: _Side, b: _Side, match: dict[int, int], scores: dict[int, float], section: str) -> list[Pair]:
    in_order = _increasing(sorted(match.items()))
    dropped = [i for i in range(len(a.clauses)) if i not in match.values()]
    after: dict[int | None, list[int]] = {}  # new index of the pair that precedes a dropped clause
    old_to_new = {i: j for j, i in match.items()}
    for i in dropped:
        before = [k for k in range(i) if k in old_to_new]
        after.setdefault(old_to_new[before[-1]] if before else None, []).append(i)
    pairs = [_dropped(a, i, b, match, section) for i in after.get(None, [])]
    for j, clause in enumerate(b.clauses):
        if j in match:
            i = match[j]
            old = a.clauses[i]
            same = scores[j] == 1.0 and _unlabelled(old) == _unlabelled(clause)
            pairs.append(Pair(SAME if same else CHANGED, old, clause, 1.0 if same else _ratio(old.text, clause.text),
                              ((EQUAL, clause.text),) if same else word_diff(old.text, clause.text),
                              section, moved=j not in in_order))
        else:
            pairs.append(Pair(NEW, None, clause, None, ((INSERT, clause.text),), section,
                              reuses=_reuses(b, j, a)))
        pairs.extend(_dropped(a, i, b, match, section) for i in after.get(j, []))
    return pairs


def _dropped(a: _Side, i: int, b: _Side, match, section: str) -> Pair:
    return Pair(DROPPED, a.clauses[i], None, None, ((DELETE, a.clauses[i].text),), section,
                reuses=_reuses(a, i, b))


def _reuses(side: _Side, i: int, other: _Side) -> str | None:
    """The clause of the other document that holds most of this one's wording, if most of it is there."""
    words = side.full[i]
    if len(words) < MIN_WORDS:
        return None
    best, label = 0.0, None
    for j, clause in enumerate(other.clauses):
        if sum((side.bags[i] & other.bags[j]).values()) / len(words) < PART_CONTAINMENT:
            continue
        share = _matched(words, other.full[j]) / len(words)
        if share >= PART_CONTAINMENT and share > best:
            best, label = share, clause.para
    return label


def _increasing(items: list[tuple[int, int]]) -> set[int]:
    """New indices of the longest run of pairs whose old indices increase too: those not moved."""
    if not items:
        return set()
    tails: list[int] = []  # positions in items
    previous = [-1] * len(items)
    keys: list[int] = []
    for n, (_, i) in enumerate(items):
        k = bisect.bisect_left(keys, i)
        if k == len(keys):
            keys.append(i)
            tails.append(n)
        else:
            keys[k], tails[k] = i, n
        previous[n] = tails[k - 1] if k else -1
    keep, n = set(), tails[-1]
    while n >= 0:
        keep.add(items[n][0])
        n = previous[n]
    return keep


# -- words --------------------------------------------------------------------------------------

def _squash(text: str) -> str:
    return " ".join(text.split())


def _unlabelled(clause: Clause) -> str:
    """The text up to whitespace, without a sub-paragraph's own letter: relettering is not a change."""
    own = _own_text(clause)
    if own is not clause.text:
        return _squash(clause.chapeau) + " " + _squash(re.sub(r"^\s*\([a-z]{1,3}\)\s*", "", own))
    return _squash(clause.text)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _own_text(clause: Clause) -> str:
    """A sub-paragraph's words without the chapeau its siblings share."""
    if clause.chapeau and clause.text.startswith(clause.chapeau):
        return clause.text[len(clause.chapeau):]
    return clause.text


def _ratio(old: str, new: str) -> float:
    """The share of words and marks two texts have in common (what the diff keeps)."""
    a, b = [u.strip() for u in _units(old)], [u.strip() for u in _units(new)]
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Runs of (operation, text): equal and insert runs spell the new text, equal and delete runs
    the old one (up to whitespace). A changed stretch shows its deletion before its insertion."""
    a, b = _units(old), _units(new)
    opcodes = SequenceMatcher(None, [u.strip() for u in a], [u.strip() for u in b], autojunk=False).get_opcodes()
    runs: list[list] = []
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        # an island of one or two kept words inside a rewrite reads better as part of the rewrite
        island = op == EQUAL and 0 < n < len(opcodes) - 1 and i2 - i1 <= 2
        if op == EQUAL and not island:
            runs.append([EQUAL, "".join(b[j1:j2])])
            continue
        _extend(runs, DELETE, "".join(a[i1:i2]))
        _extend(runs, INSERT, "".join(b[j1:j2]))
    return tuple((op, text) for op, text in _tidy(runs))


def spaced(diff) -> list[tuple[str, str]]:
    """Runs ready to show one after another: a space where a run starts a new word but the run
    before it ends without one (the kept text follows the new document's spacing, the deleted text
    the old one's)."""
    out: list[tuple[str, str]] = []
    for op, text in diff:
        if out and text[:1].isalnum() and out[-1][1][-1:] not in " \n\t(“‘[/-" and out[-1][1][-1:]:
            text = " " + text
        out.append((op, text))
    return out


def _extend(runs: list[list], op: str, text: str) -> None:
    if not text:
        return
    # a deletion and an insertion of one stretch stay together: "- old + new", never interleaved
    if runs and runs[-1][0] == op:
        runs[-1][1] += text
    elif op == DELETE and len(runs) >= 1 and runs[-1][0] == INSERT:
        if len(runs) >= 2 and runs[-2][0] == DELETE:
            runs[-2][1] += text
        else:
            runs.insert(len(runs) - 1, [DELETE, text])
    else:
        runs.append([op, text])


def _tidy(runs: list[list]) -> list[list]:
    """Runs that end in spaces keep them; a run of only spaces joins its neighbour."""
    out: list[list] = []
    for op, text in runs:
        if out and (not text.strip() or out[-1][0] == op):
            out[-1][1] += text
        else:
            out.append([op, text])
    return out


def _units(text: str) -> list[str]:
    """Words and marks, each with the spaces after it, so the units join back into the text."""
    units = _UNIT.findall(text)
    lead = text[: len(text) - len(text.lstrip())]
    if units and lead:
        units[0] = lead + units[0]
    return units or ([text] if text else [])
