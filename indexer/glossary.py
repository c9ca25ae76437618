"""Query expansion from the cyber-norms glossary (data/glossary.json) and ordinal session names."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORDINAL_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                  "seventeenth", "eighteenth", "nineteenth"]
_ORDINAL_TENS = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]


def ordinal_words(n: int) -> str:
    """1 -> "first", 74 -> "seventy-fourth" (1 to 99)."""
    if n < 10:
        return _ORDINAL_UNITS[n]
    if n < 20:
        return _ORDINAL_TEENS[n - 10]
    tens, units = divmod(n, 10)
    return _ORDINAL_TENS[tens] if units == 0 else f"{_TENS[tens]}-{_ORDINAL_UNITS[units]}"


ORDINALS = tuple(ordinal_words(n) for n in range(1, 100))  # "first" ... "ninety-ninth", ORDINALS[n - 1] is n
# the same words as one pattern built as they are, "seventy-" then "fourth": a regular expression of
# 99 alternatives tries each at every word of a text, and this one few
ORDINAL_PATTERN = (rf"(?:(?:{'|'.join(_TENS[2:])})-(?:{'|'.join(_ORDINAL_UNITS[1:])})"
                   rf"|{'|'.join(_ORDINAL_UNITS[1:] + _ORDINAL_TEENS + _ORDINAL_TENS[2:])})")


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def load(cls, path: Path | None = None) -> "Glossary":
        path = path or Path(__file__).with_name("data") / "glossary.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        ordinals = tuple((_ordinal_suffix(n), ordinal_words(n)) for n in range(1, 100))
        return cls(tuple(tuple(g) for g in data["groups"]) + ordinals)

    @property
    def _patterns(self):
        return _compile(self.groups)

    @property
    def compounds(self) -> tuple[str, ...]:
        """The terms of several words ("artificial intelligence", "personal data"), acronyms aside."""
        return tuple(t for group in self.groups for t in group
                     if len(_WORD.findall(t)) > 1 and not t.isupper())

    def expansion_groups(self, query: str) -> list[list[str]]:
        """For each glossary group the query names, the group's other terms the query lacks."""
        return [terms for _, terms in self.expansions_of(query)]

    def expansions_of(self, query: str) -> list[tuple[str, list[str]]]:
        """(the words of the query a glossary group matched, the group's other terms the query lacks)."""
        words = {part for word in _WORD.findall(query.lower()) for part in {word, *word.split("-")}}
        matched = [(group, list(pattern.finditer(query))) for group, pattern, first in self._patterns if first & words]
        matched = [(group, found) for group, found in matched if found]
        seen = {_stem(m.group(0)) for _, found in matched for m in found}
        # "UNGA 76" and "GA76" name the General Assembly's seventy-sixth session
        out = [(m.group(0), [f"{ordinal_words(int(m.group(1)))} session"]) for m in _SESSION_SHORTHAND.finditer(query)]
        for group, found in matched:
            new = [term for term in group if _stem(term) not in seen]
            seen.update(_stem(term) for term in new)
            if new:
                out.append((" ".join(m.group(0) for m in found), new))
        return out

    def expansions(self, query: str) -> list[str]:
        """Terms equivalent to those the query names, that the query does not already contain."""
        return [term for group in self.expansion_groups(query) for term in group]

    def expand(self, query: str) -> str:
        """The query as the dense model reads it: one equivalent per term it names, so it stays short."""
        extra = [group[0] for group in self.expansion_groups(query)]
        return f"{query} ({'; '.join(extra)})" if extra else query


_WORD = re.compile(r"[\w/-]+")
_SESSION_SHORTHAND = re.compile(r"\b(?:UNGA|GA)[ -]?([1-9]\d)\b")


def _stem(term: str) -> str:
    """Case and a plural "s" do not make a different term."""
    term = term.lower()
    return term[:-1] if term.endswith("s") and len(term) > 3 else term


@lru_cache(maxsize=4)
def _compile(groups):
    compiled = []
    for group in groups:
        # acronyms match as written (so "it" or "au" in prose do not), phrases in any case
        acronyms = [t for t in group if t.isupper() or re.fullmatch(r"[A-Z][A-Za-z]*[A-Z]s?|[A-Z]+/[\w/.]+", t)]
        phrases = [t for t in group if t not in acronyms]
        parts = []
        if acronyms:
            # ... and before a hyphen joining them to a word: "ICT-related", "AI-enabled"
            parts.append(r"(?<![\w/-])(?:" + "|".join(re.escape(t) for t in sorted(acronyms, key=len, reverse=True)) + r")(?![\w/]|-\W|-$)")
        if phrases:
            parts.append(r"(?i:(?<![\w/-])(?:" + "|".join(re.escape(t) for t in sorted(phrases, key=len, reverse=True)) + r")(?![\w/-]))")
        # a term matches only where its first word stands whole in the query: test that first, it is cheap
        first = frozenset(m.group(0).lower() for t in group if (m := _WORD.match(t)))
        compiled.append((group, re.compile("|".join(parts)), first))
    return tuple(compiled)
