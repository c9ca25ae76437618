"""The answering words inside a phrase, where the question asks for a date, a number, a
document symbol or a name ("when ..." -> "24 December 2024", "which report ..." -> "A/80/257").

A question that asks for none of these keeps the phrase; an item of the asked kind is taken
only from the phrase already chosen, the one nearest the question's own words.
"""
from __future__ import annotations

import re

from .lexical import tokens

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
ASKS = {
    "date": re.compile(r"\b(?:when|what date|by when|until when|which year|what year|what day|since when|how soon)\b", re.I),
    "number": re.compile(r"\b(?:how (?:many|much|long|often)|what (?:number|amount|percentage|share|proportion))\b", re.I),
    "symbol": re.compile(r"\b(?:which|what) (?:document|report|symbol|resolution|decision|draft)s?\b|\bsymbol\b", re.I),
    "name": re.compile(
        r"\b(?:who|whom|which (?:country|countries|state|states|member states?|body|bodies|organ|committee|office|"
        r"entity|entities|organization|organizations|city|place|sponsor|sponsors)|where)\b", re.I),
}
ITEMS = {
    "date": re.compile(rf"\b(?:\d{{1,2}} {_MONTH}(?: \d{{4}})?|{_MONTH} \d{{4}}|(?:in |by |since |until )?(?:19|20)\d{{2}}(?:[–-](?:19|20)?\d{{2,4}})?)\b"),
    "number": re.compile(
        r"\b(?:up to |at least |no (?:more|less) than )?(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\b(?: (?:per cent|%|days?|weeks?|months?|years?|"
        r"dollars|members|States|experts|sessions|meetings))?", re.I),
    "symbol": re.compile(r"\b(?:[AES]/(?:[A-Z0-9.]+/)*\d+/[0-9A-Za-z.]+|(?:resolution|decision)s? \d+/\d+(?: [A-Z])?)\b"),
    "name": re.compile(r"\b(?:[A-Z][\w’'-]*(?:\s+(?:of|for|and|on|the|de|d’)\s+|\s+)?){1,8}[A-Z][\w’'-]*\b|\b[A-Z][a-z]{3,}\b"),
}


def asked(question: str) -> str | None:
    """Which kind of item the question asks for, or None."""
    return next((kind for kind, pattern in ASKS.items() if pattern.search(question)), None)


def answer_span(text: str, phrase: tuple[int, int], question: str) -> tuple[int, int] | None:
    """The item of the asked kind inside the phrase, nearest the question's words; None when there is none."""
    kind = asked(question)
    if kind is None:
        return None
    start, end = phrase
    asked_terms = set(tokens(question))
    found = [m for m in ITEMS[kind].finditer(text, start, end) if not _echoes(m.group(0), asked_terms, kind)]
    if not found:
        return None
    anchors = [m.start() + start for m in re.finditer(r"\w+", text[start:end]) if set(tokens(m.group(0))) & asked_terms]
    if not anchors:
        return found[0].span()
    return min(found, key=lambda m: min(abs(m.start() - a) for a in anchors)).span()


def _echoes(item: str, asked_terms: set[str], kind: str) -> bool:
    """An item the question itself names is not its answer ("which resolution recalls 75/240")."""
    words = set(tokens(item))
    return bool(words) and words <= asked_terms and kind != "date"
