"""The parts of a long clause that are embedded beside the whole.

A long clause (a treaty paragraph, the GGE's mandate in A/RES/73/266 para. 3) says several
things; a question about one of them matches that part better than the whole. A clause
longer than LONG characters is cut at phrase ends into parts of about PART_LENGTH characters,
two at least and MAX_PARTS at most, each read with the clause's chapeau; its dense score is the
best of the whole and its parts. That keeps the index at about two embedded texts per clause
(2.1 on the 87 official PDFs of the development set).
"""
from __future__ import annotations

from .documents import Clause
from .highlight import spans

LONG = 300  # characters of the clause's own words from which it is cut into parts
MAX_PARTS = 4
PART_LENGTH = 350  # characters of a part, about: a 1,000-character clause is cut into three


def part_spans(clause: Clause) -> list[tuple[int, int]]:
    """Character ranges of the clause's text embedded as parts; none for a short clause."""
    start = len(clause.chapeau) if clause.chapeau and clause.text.startswith(clause.chapeau) else 0
    if len(clause.text) - start <= LONG:
        return []
    phrases = spans(clause.text, start)
    if len(phrases) < 2:
        return []
    count = min(MAX_PARTS, len(phrases), max(2, round((len(clause.text) - start) / PART_LENGTH)))
    target = (phrases[-1][1] - phrases[0][0]) / count
    parts: list[tuple[int, int]] = []
    begin = phrases[0][0]
    for i, (_, end) in enumerate(phrases):
        remaining = count - len(parts) - 1
        if remaining and end - begin >= target and len(phrases) - i - 1 >= remaining:
            parts.append((begin, end))
            begin = phrases[i + 1][0]
    parts.append((begin, phrases[-1][1]))
    return parts


def part_texts(clause: Clause) -> list[str]:
    """What the model reads of each part: the section heading, the chapeau, then the part."""
    context = " ".join(p for p in (clause.heading, clause.chapeau) if p)
    return [f"{context} {clause.text[s:e]}".strip() for s, e in part_spans(clause)]
