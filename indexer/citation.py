"""Pasted citations: "A/RES/73/266, para. 5" or "73/266 preambular para. 9" name a clause outright."""
from __future__ import annotations

import re

_CITATION = re.compile(
    r"(?P<symbol>(?:[A-Z]/(?:RES/)?)?\d+/\d+(?:/[A-Za-z]+\.\d+)*)?[\s,]*"
    r"(?P<annex>annex(?:\s+[IVXLC]+\b)?(?:,\s*annex\b)?)?[\s,]*"
    r"(?:\bart(?:icle)?\.?\s*(?P<article>\d{1,3})\b[\s,]*)?"
    r"(?:(?P<preambular>preambular\s+)?(?:\bpara(?:graph)?s?\.?|§|\bpp\.?)\s*(?P<number>\d{1,3}))?"
    r"(?P<letters>(?:\s*\([a-z]{1,5}\))*)",
    re.I,
)


_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_ORDINAL_PARAGRAPH = re.compile(rf"\b(?P<nth>{'|'.join(_ORDINALS)})\s+(?P<kind>preambular|operative)\s+paragraph\b", re.I)


def _with_numbers(query: str) -> str:
    """"its second preambular paragraph" as "preambular para. 2", which the citation pattern reads."""
    def number(m: re.Match) -> str:
        n = _ORDINALS.index(m.group("nth").lower()) + 1
        return f"preambular para. {n}" if m.group("kind").lower() == "preambular" else f"para. {n}"
    return _ORDINAL_PARAGRAPH.sub(number, query)


def cited_labels(query: str) -> list[tuple[str | None, str]]:
    """(symbol or None, label) for each citation the query contains: "A/RES/73/266, para. 5" gives
    ("A/RES/73/266", "5"); "A/RES/79/243, annex, art. 7, para. 1" gives (..., "annex, art. 7, para. 1");
    "article 17" gives (None, "art. 17"), which names every clause of that article."""
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
            own = f"PP{m.group('number')}" if preambular else " ".join(filter(None, [m.group("number"), letters]))
            if scope:
                own = own if own.startswith("PP") else f"para. {own}"
            label = ", ".join(scope + [own])
        else:
            label = ", ".join(scope) + (f" {letters}" if letters else "")
        found.append((m.group("symbol"), label))
    return found


def symbol_matches(cited: str | None, symbol: str) -> bool:
    """A cited "73/266" matches "A/RES/73/266"; no symbol matches any document."""
    if not cited:
        return True
    cited, symbol = cited.upper(), symbol.upper()
    return symbol == cited or symbol.endswith("/" + cited)


def without_citations(query: str) -> str:
    """The query with the citations it holds taken out: what else it asks."""
    return _CITATION.sub(lambda m: " " if m.group("number") or m.group("article") else m.group(0), _with_numbers(query))
