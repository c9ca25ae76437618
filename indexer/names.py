"""What people call a document, and which documents a question points at.

A document is named by its symbol, its title, its kind, its year and session, its body and
committee, and the short names people use ("the cybercrime convention", "the programme of
action", "the OEWG", "the draft"). A question that uses such words points at the documents
whose names hold them; words every document's name holds point nowhere.
"""
from __future__ import annotations

import math
import re

from .highlight import ROUND_THE_CLOCK, SYMBOL, YEAR
from .lexical import tokens

# short names derived from words of a title: the title says "Programme of action", people say "PoA"
_SHORT_NAMES = (
    (re.compile(r"\bconvention (?:against|on|for) ([\w\s-]+?)(?:;|,|$)", re.I), lambda m: f"{m.group(1)} convention treaty"),
    (re.compile(r"\bprogramme of action\b", re.I), lambda m: "PoA"),
    (re.compile(r"\bopen-ended working group\b", re.I), lambda m: "OEWG working group"),
    (re.compile(r"\bgroup of governmental experts\b", re.I), lambda m: "GGE experts"),
    (re.compile(r"\binformation and communications? technolog", re.I), lambda m: "ICT ICTs cyber"),
    (re.compile(r"\bprogress report\b", re.I), lambda m: "annual progress report APR"),
    (re.compile(r"\bpact for the future\b", re.I), lambda m: "pact summit of the future"),
    (re.compile(r"\bartificial intelligence\b", re.I), lambda m: "AI"),
)
_ORGANISATION = re.compile(r"\bUnited Nations\b")  # every document of the corpus is the United Nations': it names none
ANNEX_NAME_WORDS = 8  # an annex title this short is a name ("Global Digital Compact"); a longer one describes
_KIND_NAMES = {
    "draft resolution": "draft proposal L document",
    "draft decision": "draft proposal L document",
    "amendment": "amendment proposal",
    "resolution": "resolution adopted",
    "decision": "decision adopted",
}


def names(document: dict) -> str:
    """Every name of a document, as one text: symbol, titles, short names, kind, year, session, body."""
    return " ".join(name_parts(document))


def name_parts(document: dict) -> list[str]:
    """Each name of a document: symbol, title and its annexes' ("the Global Digital Compact"),
    short names, kind, year, session, body."""
    annexes = [t for t in document.get("annexes", ()) if len(t.split()) <= ANNEX_NAME_WORDS]
    titles = [_ORGANISATION.sub("", t) for t in (document.get("title", ""), *annexes)]
    short = [make(m) for title in titles for pattern, make in _SHORT_NAMES for m in pattern.finditer(title)]
    symbol = document.get("symbol", "")
    parts = [
        symbol, *titles, *short,
        document.get("kind", ""), _KIND_NAMES.get(document.get("kind", ""), ""),
        str(document.get("date", ""))[:4], document.get("session", ""), document.get("body", ""),
        document.get("committee", ""),
    ]
    return [p for p in parts if p]


def terms_of(text: str) -> list[str]:
    """The words of a name or question and each pair of neighbours: "programme of action" gives
    "programm", "action" and "programm action", a pair far rarer than its words."""
    words = tokens(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:]) if "/" not in a + b]


def _compound_pattern(compounds: tuple[str, ...]) -> re.Pattern | None:
    if not compounds:
        return None
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(compounds, key=len, reverse=True)) + r")(?![\w-])")


# a word that links a title's words names nothing, alone or with its neighbour: "under the convention"
# does not name the "Agreement under the ... Convention on the Law of the Sea", "following paragraph 23"
# not the "Follow-up to the advisory opinion ..."
_LINKING = frozenset(tokens("under within through between among upon into over after before follow-up"))


def _name_terms(part: str, compound: re.Pattern | None) -> set[str]:
    """The terms of one name, where a word of a compound term names only with its neighbour:
    "financial intelligence" does not name "... artificial intelligence ..."."""
    terms = {t for t in terms_of(part) if not _LINKING & set(t.split(" "))}
    if compound is not None:
        terms -= {t for m in compound.finditer(part) for t in tokens(m.group(0))}
    return terms


MOST = 0.5  # a word used in the text of more than this share of the documents names none of them
RARE = 0.25  # a word held by at most this share of the names points at their documents
FEW = 0.5  # ... and when no word is rarer, words held by at most half the names point instead
RIVAL = 0.8  # documents a frame points at this nearly as surely as its first are told apart by the whole question
OTHER_YEAR = 0.5  # of the documents a question points at, those of another year than the one it writes count this much


# how a question names the document it asks about, before or after what it asks: "In the 2018
# resolution that set up the new group of experts, where ...", "..., according to the 2025 OEWG resolution?"
_KINDS = ("resolutions?", "conventions?", "treaty", "draft", "decision", "report", "programme of action", "pact", "compact",
          "declaration", "protocol")
_DOCUMENT = rf"(?:{'|'.join(_KINDS)}|text)"
_ABOUT = r"(?:on|of|for|against|about)"  # what follows a kind to say its subject: "the resolution on ..."
_THE = r"(?:the|its|this|that)"
_LEADING_FRAME = re.compile(rf"^\s*(?:in|under|according to|per|within|for)\s+{_THE}\b[^,?]*?\b{_DOCUMENT}\b[^,?]*,", re.I)
_TRAILING_FRAME = re.compile(rf"[,\s]\s*(?:according to|under|in|as per|per)\s+{_THE}\b[^,?]*?\b{_DOCUMENT}\b"
                             rf"(?:\s+{_ABOUT}\b[^,?]*)?\??\s*$", re.I)


# ... or as the subject of its verb: "How does the PoA resolution describe ...", "What did the December 2024 OEWG resolution say ..."
_SUBJECT_FRAME = re.compile(rf"^\s*(?:how|what|where|why|when|which|who)\b[^,?]*?\b(?:does|do|did|is|was|has)\s+"
                            rf"(the\s+(?:[\w/.’'-]+\s+){{0,6}}?{_DOCUMENT})\b", re.I)


def frame(question: str) -> str:
    """The words with which a question names the document it asks about, or "" when it has none."""
    m = _LEADING_FRAME.search(question) or _TRAILING_FRAME.search(question)
    if m:
        return m.group(0)
    m = _SUBJECT_FRAME.search(question)
    return m.group(1) if m else ""


def framing_words(question: str, framing: str) -> set[str]:
    """The terms of the frame that only name the document: one the question also asks with is its
    subject ("which earlier resolution does the 2025 resolution ... recall")."""
    if not framing:
        return set()
    return set(tokens(framing)) - set(tokens(question.replace(framing, " ")))


_DETERMINER = re.compile(rf"{_THE}\b", re.I)
_SMALL = frozenset({"the", "its", "this", "that", "of", "on", "in", "for", "against", "to", "un", "u.n", "united", "nations"})
_WORD = re.compile(r"[\w/.-]+(?:['’]s)?")
_KIND = re.compile("|".join(kind for kind in _KINDS if " " not in kind), re.I)  # a kind in one word
_SUBJECT_FOLLOWS = re.compile(rf"\s+{_ABOUT}\b", re.I)


def unframed(question: str, framing: str) -> str:
    """The question without its frame: what it asks ("where does the Assembly stress ..."); a frame that
    is the subject of its verb is read as the kind of document it names ("How does the resolution
    describe ..."). The question stays whole when the frame is nearly all of it."""
    if not framing:
        return question
    if is_subject(framing):
        at = question.find(framing)
        return read_as_kind(question, at, at + len(framing))
    at = len(question) - len(framing) if question.endswith(framing) else question.find(framing)
    rest = " ".join(f"{question[:at]} {question[at + len(framing):]}".split())
    return rest if len(tokens(rest)) >= 2 else question


def is_subject(framing: str) -> bool:
    """Whether the frame is the subject of the question's verb ("the PoA resolution"), not a phrase around it."""
    return bool(_DETERMINER.match(framing))


def naming_span(question: str, naming: set[str]) -> tuple[int, int] | None:
    """Where the question names its document with words that say which kind of document it is ("the
    2024 UN Convention against Cybercrime", "the PoA resolution"): the longest run of its naming
    words, a kind, and the small words and years between them, from a determiner, a year or a naming
    word on; None when no run holds both a naming word and a kind."""
    best, run, end = None, [], 0  # run: (match, names, kind) of the words since the last that is none of them
    for m in [*_WORD.finditer(question), None]:
        word = re.sub(r"['’]s$", "", m.group(0).lower().rstrip(".")) if m else ""
        names, kind = bool(set(tokens(word)) & naming), bool(_KIND.fullmatch(word))
        member = m is not None and bool(names or kind or word in _SMALL or YEAR.fullmatch(word))
        if member and not question[end:m.start()].strip():  # no punctuation since the last word
            run.append((m, names, kind))
        else:
            span = _named_run(run)
            if span and (best is None or span[1] - span[0] > best[1] - best[0]):
                best = span
            run = [(m, names, kind)] if member else []
        end = m.end() if m else end
    return best


def _named_run(run: list[tuple[re.Match, bool, bool]]) -> tuple[int, int] | None:
    """A run of words trimmed to what names: from its first determiner, year or naming word to its
    last naming word or kind; None unless it holds both."""
    while run and not (run[-1][1] or run[-1][2]):
        run = run[:-1]
    while run and not (run[0][1] or _DETERMINER.fullmatch(run[0][0].group(0)) or YEAR.fullmatch(run[0][0].group(0))):
        run = run[1:]
    if any(names for _, names, _ in run) and any(kind for _, _, kind in run):
        return run[0][0].start(), run[-1][0].end()
    return None


def read_as_kind(question: str, start: int, end: int) -> str:
    """The question with the name at question[start:end] read as the kind of document it names: "...
    implement the 2024 UN Convention against Cybercrime" asks what "... implement the Convention"
    asks; "the resolution on the cybercrime convention" is a resolution. Its determiner and
    possessive stay; without one ("the new crime treaty") the kind stands alone."""
    name = question[start:end]
    kinds = list(re.finditer(rf"\b{_DOCUMENT}\b", name, re.I))
    if not kinds:
        return question
    head = kinds[0] if _SUBJECT_FOLLOWS.match(name, kinds[0].end()) else kinds[-1]
    determiner = _DETERMINER.match(name)
    possessive = re.search(r"['’]s$", name)
    read = f"{determiner.group(0) + ' ' if determiner else ''}{head.group(0)}{possessive.group(0) if possessive else ''}"
    return question[:start] + read + question[end:]


# a symbol as a question writes it, whole: "A/RES/53/70", "A/C.1/80/L.20", "A/76/135", a resolution's "53/70"
_WRITTEN_SYMBOL = re.compile(rf"(?<![\w/.])(?:{SYMBOL.pattern}|\d{{1,3}}/\d{{1,3}})(?![\w/])")


def _written_forms(symbol: str) -> tuple[str, ...]:
    """How a question writes a symbol: whole, or a resolution by its number ("73/266")."""
    number = re.fullmatch(r"A/RES/(\d+/\d+)", symbol)
    return (symbol, number.group(1)) if number else (symbol,)


class DocumentNames:
    """The documents of an index by their names: which ones a question points at, and how surely."""

    def __init__(self, documents: list[dict], used_in=None, compounds: tuple[str, ...] = ()):
        """`used_in`: given the names' words, how many of the documents use each in their own text
        (a dict of them, or a function of the words that returns one; unknown: none). `compounds`:
        terms of several words ("artificial intelligence"), whose words name only together."""
        self.symbols = [d.get("symbol", "") for d in documents]
        self.years = {d.get("symbol", ""): str(d.get("date", ""))[:4] for d in documents}
        compound = _compound_pattern(compounds)
        self.terms = [{t for part in name_parts(d) for t in _name_terms(part, compound)} | {d.get("symbol", "").lower()}
                      for d in documents]
        self._terms_of = dict(zip(self.symbols, self.terms))
        # every way a question can write a symbol, in one pattern: longest first, never inside a longer symbol
        self._symbol_of = {form.lower(): s for s in self.symbols if s for form in _written_forms(s)}
        forms = "|".join(re.escape(f) for f in sorted(self._symbol_of, key=len, reverse=True))
        self._written = re.compile(rf"(?<![\w/.])({forms})(?![\w/.])", re.I) if forms else None
        n = len(documents)
        counts: dict[str, int] = {}
        for terms in self.terms:
            for t in terms:
                counts[t] = counts.get(t, 0) + 1
        # a word in every document's name tells nothing; one in a single name tells most. A word
        # most documents use in their own text ("State", "security") names none of them either
        used_in = (used_in(counts) if callable(used_in) else used_in) or {}
        self.idf = {t: math.log(n / c) for t, c in counts.items() if c < n and used_in.get(t, 0) <= MOST * n}

    def pointed_at(self, query: str, equivalents: str = "", written: list[str] | None = None) -> dict[str, float]:
        """Symbol -> how surely the question points at that document (0..1); empty when it points at none.

        A symbol written out points surely. Otherwise the naming words of the question and of its
        glossary `equivalents` ("LAWS": "lethal autonomous weapons systems") count, those held by at
        most a quarter of the documents' names ("cybercrime", "programme", "draft" in a corpus of
        resolutions), weighted by rarity: a document's share of their weight is how surely the
        question points at it. Of the documents pointed at, those of another year than the one the
        question writes ("the 2025 resolution on ...") count OTHER_YEAR as much."""
        written = self.written(query) if written is None else written
        if written:
            return {s: 1.0 for s in written}
        # rare naming words; where there are none, words of up to half the names, which the year may narrow
        share = RARE if self._naming(query) or self._naming(equivalents) else FEW
        asked = self._naming(query, share)
        # the equivalents spell out what the question abbreviates: one name however many ways it is spelled
        spelled = {t: w for t, w in self._naming(equivalents, share).items() if t not in asked}
        if not asked and not spelled:
            return {}
        total = sum(asked.values()) + max(spelled.values(), default=0.0)
        out = {}
        for symbol, terms in zip(self.symbols, self.terms):
            held = sum(w for t, w in asked.items() if t in terms) + max((w for t, w in spelled.items() if t in terms), default=0.0)
            if held:
                out[symbol] = held / total
        return self._of_the_year(out, set(YEAR.findall(query)))

    def framed(self, question: str, framing: str, equivalents: str = "", framing_equivalents: str = "") -> dict[str, float]:
        """The documents the question's frame (names.frame) points at; of several it points at about
        as surely, those the whole question points at ("the 2025 Third Committee draft" that is on "a
        democratic ... order"). A frame pointing at one document before others ("In the 2018 resolution
        that set up the new group of experts on ICTs, ...") names it, whatever the question asks about."""
        pointed = self.pointed_at(framing, framing_equivalents)
        ranked = sorted(pointed.values(), reverse=True)
        if len(ranked) < 2 or ranked[1] < RIVAL * ranked[0]:  # the frame tells its document from the others
            return pointed
        whole = self.pointed_at(question, equivalents)
        most = max((whole.get(d, 0.0) for d in pointed), default=0.0)
        if not most:
            return pointed
        return {d: sure * whole[d] / most for d, sure in pointed.items() if whole.get(d)}

    def written(self, query: str) -> list[str]:
        """The documents whose symbol the question writes out ("A/RES/78/237", "73/266"), in corpus order."""
        if self._written is None:
            return []
        found = {self._symbol_of[m.group(1).lower()] for m in self._written.finditer(query)}
        return [s for s in self.symbols if s in found]

    def kind_name(self, question: str, acronyms: set[str] = frozenset()) -> str:
        """The words with which the question names a document and says its kind ("2025 resolution on
        ICT for sustainable development", "cybercrime convention", with `acronyms` the terms of those
        that name documents by what they stand for: "2023 LAWS resolution"), or "" when it has none."""
        span = naming_span(question, self.naming_words(question) | acronyms)
        if span is None:
            return ""
        name = question[span[0]:span[1]]
        # a name ends at its kind ("draft resolution": the last of adjacent kinds), unless the subject it
        # is on follows: not "convention points of contact"
        for kind in re.finditer(rf"\b{_DOCUMENT}\b", name, re.I):
            if not re.match(rf"\s+(?:{_ABOUT}|{_DOCUMENT})\b", name[kind.end():], re.I):
                return name[:kind.end()]
        return name

    def cited_only(self, query: str) -> list[str]:
        """The terms of the symbols the question writes that no document of the index has: documents
        only the indexed clauses citing them speak of. "A/RES/53/70" is cited as itself and as
        "53/70", "A/76/135" as itself only; "the 24/7 network" writes none."""
        cited = []
        for m in _WRITTEN_SYMBOL.finditer(query):
            symbol = m.group(0).lower()
            if symbol in self._symbol_of or symbol == ROUND_THE_CLOCK:
                continue
            number = re.fullmatch(r"a/res/(\d+/\d+)", symbol)
            cited += [symbol, number.group(1)] if number else [symbol]
        return list(dict.fromkeys(cited))

    def _of_the_year(self, pointed: dict[str, float], years: set[str]) -> dict[str, float]:
        """The documents pointed at, those of another year than the question's counting less."""
        of_year = {s for s in pointed if self.years.get(s) in years}
        if not of_year or len(of_year) == len(pointed):
            return pointed
        return {s: sure if s in of_year else sure * OTHER_YEAR for s, sure in pointed.items()}

    def naming_words(self, query: str, named=None) -> set[str]:
        """The words of the question that name documents rather than say what it asks about; given
        `named`, only those naming one of these documents ("emergency" in "what counts as an emergency
        under the cybercrime convention" names a humanitarian resolution, not the Convention)."""
        kept = [self._terms_of[s] for s in named] if named is not None else None
        naming = self._naming(query) or self._naming(query, FEW)  # as pointed_at found them
        return {word for term in naming if kept is None or any(term in terms for terms in kept)
                for word in term.split(" ")}

    def _naming(self, query: str, share: float = RARE) -> dict[str, float]:
        """The question's words held by at most this share of the names, by rarity."""
        common = math.log(1 / share)  # a word in more than a quarter of the names tells too little
        return {t: w for t in dict.fromkeys(terms_of(query)) if (w := self.idf.get(t, 0.0)) >= common}
