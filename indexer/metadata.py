"""A document's metadata, read from the heading zone it prints above its first clause.

The masthead ("United Nations A/C.1/80/L.20 / General Assembly Distr.: Limited 13 October
2025"), the session, committee and agenda lines, the sponsors of a draft ("Singapore: draft
resolution"), the adoption line of a resolution or decision, and the title.
"""
from __future__ import annotations

import re
from datetime import datetime

SYMBOL = re.compile(
    r"\b((?:A|S|E)/(?:RES/|DEC/|CONF\.\d+/|AC\.\d+/|C\.\d/)?(?:ES-)?\d+/[0-9A-Za-z.]+"
    r"(?:/(?:Add|Rev|Corr)\.\d+)*)"
)
_RESOLUTION_NUMBER = re.compile(r"^(\d{1,3}/\d{1,4})\.\s+(.+)$", re.S)
_ADOPTED = re.compile(
    r"(Resolution|Decision) adopted by the (General Assembly|Security Council)(?: on (\d{1,2} \w+ \d{4}))?", re.I
)
_DRAFT = re.compile(
    r"^(.*?):?\*?\s*(?:revised )?(draft resolution|draft decision|amendments? to\b(?: draft (?:resolution|decision))?)",
    re.I | re.S,
)
DRAFT_LINE = _DRAFT
# a draft an officer submits, or one with no sponsors named: "Draft resolution submitted by the Rapporteur ...", "Draft decision"
_SUBMITTED = re.compile(r"^(?:Revised )?Draft (resolution|decision)(?:\s+submitted by\b.*)?$", re.S)
DRAFT_OPENS = re.compile(r"^(?:revised )?(?:draft (?:resolution|decision)|amendments? to)\b", re.I)
# the line after "...: amendment to" that names what is amended: "draft resolution 4 recommended by ..."
DRAFT_CONTINUES = re.compile(r"^(?:draft (?:resolution|decision)\b|[a-z])")
_DISTR_DATE = re.compile(r"Distr\.:?\s*\w+\s+(\d{1,2} \w+ \d{4})", re.I)
_DATE_LINE = re.compile(r"^(\d{1,2} \w+ \d{4})$")
_SESSION = re.compile(r"\b(\w+(?:-\w+)?) (?:special |emergency special )?session\b", re.I)
# "Agenda item 99 (ff)", "Agenda items 13 and 75"
_AGENDA = re.compile(r"\b(?:Agenda items?|Item)\s+(\d+(?:\s*\([a-z]{1,2}\))?(?:(?:,|,? and)\s+\d+(?:\s*\([a-z]{1,2}\))?)*)", re.I)
_COMMITTEE = re.compile(
    r"\b((?:First|Second|Third|Fourth|Fifth|Sixth) Committee|Special Political and Decolonization Committee)\b"
)
# "The General Assembly," (or ":") opens the text, as does a decision's "The General Assembly approves ..."
_OPENING = re.compile(r"^The [A-Z][\w ]+[,:]$|^The (?:General Assembly|Security Council|Economic and Social Council)(?:\s+[a-z]|$)")
# ... and may share a line with the title: "The Pact for the Future The General Assembly", a decision's
# "Reducing space threats ... The General Assembly, recalling its resolutions ..."
_OPENING_AFTER_TITLE = re.compile(r"(?<=\S)\s+The (?:General Assembly|Security Council|Economic and Social Council)\b(?:[,:]|$).*$")
_FURNITURE = re.compile(r"^(?:United Nations|General Assembly|Security Council|Distr\.|Original:|\d{2}-\d{5}|\*\d+\*)")
_ADOPTION = re.compile(r"^(?:(?:Resolution|Decision) adopted by\b|\[)")  # "Resolution adopted by the General Assembly on ...", "[on the report of ...]"
_BODIES = ("Open-ended Working Group", "Group of Governmental Experts", "Ad Hoc Committee")
# Member States whose names hold "and": a sponsor list is not split inside them
_NAMES_WITH_AND = (
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines",
    "Sao Tome and Principe", "Trinidad and Tobago", "United Kingdom of Great Britain and Northern Ireland",
)


_NOTE = re.compile(r"^Note by the (?:Secretariat|Secretary-General|President|Chair)\b")


def read_metadata(header: list[str], fallback_symbol: str) -> dict:
    """Symbol, where it was read, title, date, session, agenda item, body, kind, committee, sponsors."""
    header = joined_sponsor_lines(header)
    text = "\n".join(header)
    symbol, symbol_from = _symbol(header, fallback_symbol)
    adopted = _ADOPTED.search(text)
    draft_line, draft = _draft(header)
    note = next((i for i, line in enumerate(header) if _NOTE.match(line)), None)  # "Note by the Secretariat"
    kind = _kind(symbol, adopted, draft, note is not None)
    printed = _COMMITTEE.search(text)
    committee = printed.group(1) if printed else _committee_of(symbol)
    session = _SESSION.search(text)
    agenda = _AGENDA.search(text)
    title = _title(header, draft_line, note)
    return {
        "symbol": symbol,
        "symbol_from": symbol_from,
        "title": title,
        "date": _date(text, adopted),
        "session": session.group(0)[0].upper() + session.group(0)[1:] if session else "",
        "agenda_item": agenda.group(1) if agenda else "",
        "body": _body(adopted, committee, kind, title, symbol),
        "kind": kind,
        "committee": committee,
        "sponsors": _sponsors(header, draft_line) if draft_line is not None else (),
    }


def joined_sponsor_lines(lines: list[str]) -> list[str]:
    """The sponsor list and "draft resolution" as one line where the list's colon ends a line."""
    out: list[str] = []
    for line in lines:
        if out and DRAFT_OPENS.match(line) and re.search(r":\*?$", out[-1].rstrip()):
            out[-1] = f"{out[-1].rstrip()} {line}"
        else:
            out.append(line)
    return out


def _symbol(header: list[str], fallback: str) -> tuple[str, str]:
    for line in header:
        first = SYMBOL.search(line)
        if first and (line.startswith("United Nations") or line.strip().rstrip("*") == first.group(1)):  # "A/RES/78/68*": reissued
            return first.group(1), "masthead"
    for line in header:
        m = _RESOLUTION_NUMBER.match(line)
        if m:
            return f"A/RES/{m.group(1)}", "resolution number"
    unbracketed = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", "\n".join(header))
    m = SYMBOL.search(unbracketed)
    return (m.group(1), "heading") if m else (fallback, "file name")


def _draft(header: list[str]) -> tuple[int | None, str]:
    """The index of the line that says "...: draft resolution" and which kind of draft it is."""
    for i, line in enumerate(header):
        m = _DRAFT.match(line)
        if m and ":" in line[: m.end()]:
            return i, m.group(2).lower()
        if m := _SUBMITTED.match(line):  # "Draft resolution submitted by the Chair of the Committee ...": no States
            return i, f"draft {m.group(1)}"
    return None, ""


def _kind(symbol: str, adopted, draft: str, note: bool) -> str:
    """What the document is; an L document that is a note ("Note by the Secretariat") is no draft but a report."""
    if draft.startswith("amendment"):
        return "amendment"
    if draft:
        return draft
    if adopted:
        return adopted.group(1).lower()
    if "/RES/" in symbol:
        return "resolution"
    if "/DEC/" in symbol:
        return "decision"
    if re.search(r"/L\.\d+", symbol) and not note:
        return "draft resolution"
    return "report"


def _date(text: str, adopted) -> str:
    if adopted and adopted.group(3):
        return _iso(adopted.group(3))
    m = _DISTR_DATE.search(text) or re.search(r"^(\d{1,2} \w+ \d{4})$", text, re.M)
    return _iso(m.group(1)) if m else ""


def _iso(day: str | None) -> str:
    try:
        return datetime.strptime(day or "", "%d %B %Y").date().isoformat()
    except ValueError:
        return ""


def _body(adopted, committee: str, kind: str, title: str, symbol: str) -> str:
    if adopted:
        return adopted.group(2)
    if (kind.startswith("draft") or "/C." in symbol) and committee:  # a committee's draft, or its note
        return committee
    if kind == "amendment":  # in plenary an amendment may name the committee whose draft it amends
        return _committee_of(symbol) or "General Assembly"
    return next((body for body in _BODIES if body.lower() in title.lower()), "General Assembly")


# by their number, as their documents print them first
_MAIN_COMMITTEES = ("First Committee", "Second Committee", "Third Committee",
                    "Special Political and Decolonization Committee", "Fifth Committee", "Sixth Committee")


def _committee_of(symbol: str) -> str:
    """The Main Committee a document's symbol names when its text does not: "A/C.3/80/L.18" is the Third Committee's."""
    m = re.match(r"A/C\.([1-6])/", symbol)
    return _MAIN_COMMITTEES[int(m.group(1)) - 1] if m else ""


def _title(header: list[str], draft_line: int | None, note: int | None) -> str:
    """The title, without the opening of the text that may follow it on its line."""
    return _OPENING_AFTER_TITLE.sub("", _title_lines(header, draft_line, note))


def _title_lines(header: list[str], draft_line: int | None, note: int | None) -> str:
    if note:  # the line above the note's byline: "Organization of work" / "Note by the Secretariat"
        return _one_line(header[note - 1])
    header = [line for line in header if not _OPENING.match(line)]
    for i, line in enumerate(header):
        m = _RESOLUTION_NUMBER.match(line)
        if m:  # the title runs on to the text: "79/243. United Nations Convention against Cybercrime; ..."
            return _one_line(" ".join([m.group(2)] + header[i + 1:]))
    if draft_line is not None:
        after = header[draft_line + 1:]
        while after and DRAFT_CONTINUES.match(after[0]):
            after = after[1:]
        while after and re.fullmatch(r"[A-Z]|[IVX]+", after[-1].strip()):
            after = after[:-1]  # the mark of the first part ("A") opens the text, not the title
        return _one_line(" ".join(after))
    return _report_title(header)


def _report_title(header: list[str]) -> str:
    """The first title-cased line of the heading zone that is not a masthead or metadata line."""
    for line in header:
        words = [w for w in line.split() if len(w) > 3]
        if len(words) < 3 or line.rstrip()[-1:] in ".,;:" or _FURNITURE.match(line) or _DISTR_DATE.search(line) \
                or _ADOPTION.match(line):
            continue
        if SYMBOL.search(line) or _DATE_LINE.match(line) or _SESSION.search(line) or _AGENDA.match(line):
            continue
        if sum(w[0].isupper() for w in words) / len(words) >= 0.6:
            return _one_line(line)
    return ""


def _sponsors(header: list[str], draft_line: int) -> tuple[str, ...]:
    """The States that submit a draft: the list before ": draft resolution", over one or more lines."""
    names = _DRAFT.match(header[draft_line]).group(1)
    i = draft_line - 1
    # the list runs on: a line ending in a comma or "and", or a name broken over two lines ("State of" / "Palestine")
    while i >= 0 and (re.search(r"(?:,|\band|\bof)$", header[i].rstrip()) or i == draft_line - 1 and names[:1].islower()) \
            and not _AGENDA.search(header[i]):
        names = f"{header[i]} {names}"
        i -= 1
    names = re.sub(r"\s*\*+\s*$", "", _one_line(names))
    names = re.sub(r"\s*\(on behalf of [^)]*\)", "", names)
    # the marks a footnote leaves: "Saudi Arabia,* Slovakia", "Nigeria,* and Thailand", "Iraq:*"
    parts = [re.sub(r"^and\s+", "", p.strip(" *:")) for p in names.split(",") if p.strip(" *:")]
    ending = next((name for name in _NAMES_WITH_AND if parts and parts[-1].endswith(f" and {name}")), None)
    if ending:  # "Ukraine and United Kingdom of Great Britain and Northern Ireland"
        parts[-1:] = [parts[-1][:-len(ending) - len(" and ")].strip(), ending]
    elif parts and " and " in parts[-1] and parts[-1] not in _NAMES_WITH_AND:
        head, _, tail = parts[-1].rpartition(" and ")
        if not any(head.endswith(name.rpartition(" and ")[0]) for name in _NAMES_WITH_AND if tail == name.rpartition(" and ")[2]):
            parts[-1:] = [head.strip(" *"), tail.strip()]  # "Nigeria* and Thailand"
    return tuple(p for p in parts if p)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
