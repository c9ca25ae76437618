"""The answer inside a clause: the sentence or phrase that best matches the question."""
from __future__ import annotations

import math
import re

from .lexical import tokens

# Spans end at sentence ends, semicolons and colons; long ones also at commas.
_STRONG = re.compile(r"(?<=[.;:])\s+")
_WEAK = re.compile(r"(?<=,)\s+")
_LONG = 220


def spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Character ranges of the phrases of `text` from offset `start` on."""
    out: list[tuple[int, int]] = []
    for s, e in _split(text, start, len(text), _STRONG):
        if e - s > _LONG:
            out.extend(_merge_short(_split(text, s, e, _WEAK)))
        else:
            out.append((s, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _split(text: str, start: int, end: int, pattern) -> list[tuple[int, int]]:
    pieces, s = [], start
    for m in pattern.finditer(text, start, end):
        pieces.append((s, m.start()))
        s = m.end()
    pieces.append((s, end))
    return pieces


def _merge_short(pieces: list[tuple[int, int]], minimum: int = 60) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged and (merged[-1][1] - merged[-1][0] < minimum or e - s < minimum / 2):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def phrases(text: str, skip: int = 0) -> list[tuple[int, int, frozenset[str]]]:
    """Each phrase of text[skip:] with its terms, as best_span reads them."""
    return [(s, e, frozenset(tokens(text[s:e]))) for s, e in spans(text, skip)]


def best_span(text: str, query_terms: dict[str, float], skip: int = 0, cached=None) -> tuple[int, int] | None:
    """The phrase of text[skip:] whose terms weigh most in the query; None when none shares a term."""
    best, best_score = None, 0.0
    for s, e, words in cached if cached is not None else phrases(text, skip):
        score = sum(w for t, w in query_terms.items() if t in words)
        score /= math.log(8 + len(words))  # of equal matches, the tighter phrase
        if score > best_score:
            best, best_score = (s, e), score
    return best
