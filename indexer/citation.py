"""Pasted citations: "A/RES/73/266, para. 5" or "73/266 preambular para. 9" name a clause outright."""
from __future__ import annotations

import re

_CITATION = re.compile(
    r"(?P<symbol>(?:[A-Z]/(?:RES/)?)?\d+/\d+(?:/[A-Za-z]+\.\d+)*)?[\s,]*"
    r"(?P<preambular>preambular\s+)?(?:\bpara(?:graph)?s?\.?|§|\bpp\.?)\s*(?P<number>\d{1,3})"
    r"(?P<letters>(?:\s*\([a-z]{1,5}\))*)",
    re.I,
)


def cited_labels(query: str) -> list[tuple[str | None, str]]:
    """(symbol or None, para label) for each citation the query contains."""
    found = []
    for m in _CITATION.finditer(query):
        letters = " ".join(re.findall(r"\([a-z]{1,5}\)", m.group("letters") or "", re.I)).lower()
        preambular = m.group("preambular") or m.group(0).lower().lstrip(" ,").startswith("pp")
        label = f"PP{m.group('number')}" if preambular else " ".join(filter(None, [m.group("number"), letters]))
        found.append((m.group("symbol"), label))
    return found


def symbol_matches(cited: str | None, symbol: str) -> bool:
    """A cited "73/266" matches "A/RES/73/266"; no symbol matches any document."""
    if not cited:
        return True
    cited, symbol = cited.upper(), symbol.upper()
    return symbol == cited or symbol.endswith("/" + cited)
