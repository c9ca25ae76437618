"""Acronyms the glossary lacks, read as the names the clauses spell out whose initials they are.

A question on another subject writes "UNPRPD" or "OCHA" where its clauses write "the United Nations
Partnership on the Rights of Persons with Disabilities" or "the Office for the Coordination of
Humanitarian Affairs". BM25 cannot see that and the model does not know every acronym. An acronym of
at least SHORTEST letters that no clause uses is looked up among the names the clauses write (words
opening with a capital, joined by "of", "the", "for" ...), by the capitals opening their words and
their capitalised halves ("Counter-Terrorism": "CT"). The names it fits, at most MOST, the most
written first, join the question as glossary equivalents do.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

SHORTEST = 3  # "AU" fits too many names to say which
MOST = 2  # names taken per acronym
LONGEST = 8  # capitals in a name an acronym is looked up among

_ACRONYM = re.compile(r"(?<![\w/-])[A-Z](?:[a-z]?[A-Z])+(?=s?(?![\w/-]))")  # "OCHA", "CoSP", "NGO" of "NGOs"
_JOINING = r"(?:of|on|the|for|and|with|in|to)"
_NAME = re.compile(rf"[A-Z][\w’'-]*(?:\s+(?:{_JOINING}\s+)*[A-Z][\w’'-]*)+")


class Initials:
    """The names written in the clauses' text, by their initials, gathered on first use."""

    def __init__(self, clauses, used):
        self._clauses = clauses
        self._used = used  # word -> whether some clause uses it

    def expansions(self, query: str, known: set[str]) -> list[tuple[str, list[str]]]:
        """(acronym, the names it stands for) for each acronym of the query no clause uses, that is
        not among `known` (the glossary's), and that the initials of some written name fit."""
        found = []
        for m in _ACRONYM.finditer(query):
            acronym = m.group(0)
            letters = re.sub(r"[a-z]", "", acronym)
            if len(letters) < SHORTEST or acronym in known or self._used(acronym.lower()):
                continue
            names = [name for name, _ in self._names.get(letters, Counter()).most_common(MOST)]
            if names:
                found.append((acronym, names))
        return found

    @cached_property
    def _names(self) -> dict[str, Counter]:
        """Initials -> the names they fit, counted: every run of capitalised words in a written name."""
        names: dict[str, Counter] = {}
        for clause in self._clauses:
            for m in _NAME.finditer(clause.text):
                words = m.group(0).split()
                capitals = [n for n, w in enumerate(words) if w[0].isupper()][:LONGEST]
                for a, first in enumerate(capitals):
                    for last in capitals[a + 1:]:
                        run = [words[n] for n in capitals if first <= n <= last]
                        name = " ".join(words[first:last + 1])
                        for initials in {"".join(w[0] for w in run), "".join(map(_hyphened_initials, run))}:
                            names.setdefault(initials, Counter())[name] += 1
        return names


def _hyphened_initials(word: str) -> str:
    """"Counter-Terrorism": "CT", as "the Global Counter-Terrorism Strategy" is the "GCTS"."""
    return "".join(part[0] for part in word.split("-") if part[:1].isupper())
