"""Cross-references inside a treaty: the articles a clause refers to by number, read by their titles.

"... requests to remove or render inaccessible the content described in articles 14 and 16 of this
Convention" is about child sexual abuse material and intimate images, which only the titles of
articles 14 and 16 say. BM25 reads those titles with the clause.
"""
from __future__ import annotations

import re

from .answering import article_title, articles_headed
from .documents import Clause

# "article 40", "articles 14 and 16", "articles 23, 35 or 40"; a range ("articles 7 to 16") names too much
_REFERENCE = re.compile(r"\barticles? (\d{1,3})((?:(?:, | and | or )\d{1,3})*)\b(?! to \d)", re.I)


def article_titles(clauses: list[Clause]) -> dict[tuple[str, str], str]:
    """(symbol, article number) -> the article's title, for every titled article of these clauses."""
    titles: dict[tuple[str, str], str] = {}
    for clause in clauses:
        title = article_title(clause.heading)
        for number in articles_headed(clause.heading) if title else ():
            titles.setdefault((clause.doc, number), title)
    return titles


def referred_titles(clause: Clause, titles: dict[tuple[str, str], str]) -> list[str]:
    """The titles of the other articles of its document the clause's own words refer to, once each."""
    own = articles_headed(clause.heading) if article_title(clause.heading) else frozenset()
    found = []
    for m in _REFERENCE.finditer(clause.own_text):
        for number in [m.group(1), *re.findall(r"\d+", m.group(2))]:
            if (clause.doc, number) in titles and number not in own:
                found.append(titles[(clause.doc, number)])
    return list(dict.fromkeys(found))
