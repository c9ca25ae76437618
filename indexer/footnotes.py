"""Footnotes and their markers: which lines are footnotes, which markers a clause carries, and
the clause's text with its markers taken out and its footnotes attached."""
from __future__ import annotations

import re

from .documents import Footnote

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
MARKERS = re.compile(f"[{SUPERSCRIPTS}]+(?:,[{SUPERSCRIPTS}]+)*")  # "¹⁰,¹¹": two markers in a run
_FOOTNOTE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3})\s+(\S.*)$", re.S)
_NUMBERED = re.compile(r"^\d{1,3}\.\s")
# a marker extracted as a plain number between punctuation and a numeral: "2010, 1 2013"
_STRAY = re.compile(r"(?<=[,.;:])\s+(\d{1,2})(?=\s+\d)")

Noted = list[tuple[Footnote, int | None]]  # footnotes with the page each was found on


def markers(text: str) -> list[int]:
    """The footnote numbers a text cites with superscript markers."""
    return [int(n.translate(_TO_DIGITS)) for m in MARKERS.findall(text) for n in m.split(",")]


def footnote(text: str, footnotes: Noted, cited) -> Footnote | None:
    """The footnote this line is: a superscript number, or the next number that a clause cites
    (`cited()` gives the numbers cited so far; asked only for a line that could be a footnote)."""
    m = _FOOTNOTE.match(text)
    if not m or m.group(1).isdigit() and _NUMBERED.match(text):
        return None
    number = int(m.group(1).translate(_TO_DIGITS))
    expected = footnotes[-1][0].number + 1 if footnotes else 1
    if m.group(1)[0] in SUPERSCRIPTS or (number == expected and number in cited()):
        return Footnote(number, m.group(2).strip())
    return None


def clean(text: str) -> str:
    """Without markers, with single spaces and no space before punctuation. A marker set close
    before a word stands for the space it took ("Paris Agreement,³⁸and the ...")."""
    unmarked = MARKERS.sub(lambda m: " " if m.string[m.end():m.end() + 1].isalpha() else "", text)
    return re.sub(r"\s+([,;.:])", r"\1", re.sub(r"\s+", " ", unmarked)).strip()


def unmarked(raw: str, page: int | None, footnotes: Noted) -> tuple[str, tuple[Footnote, ...]]:
    """The clause's text without its markers, and the footnotes it cites."""
    numbers = {f.number for f, _ in footnotes}
    cited = markers(raw) + [int(m.group(1)) for m in _STRAY.finditer(raw) if int(m.group(1)) in numbers]
    raw = _STRAY.sub(lambda m: "" if int(m.group(1)) in numbers else m.group(0), raw)
    return clean(raw), tuple(_cited(cited, page, footnotes))


def _cited(cited: list[int], page, footnotes: Noted) -> list[Footnote]:
    found = []
    for number in dict.fromkeys(cited):
        matches = [(f, p) for f, p in footnotes if f.number == number]
        if matches:
            # the same number may recur in an annex: take the footnote on the nearest page
            found.append(min(matches, key=lambda fp: abs((fp[1] or 0) - (page or 0)))[0])
    return found
