"""The answer inside a clause: the sentence or phrase that best matches the question."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .glossary import ORDINAL_PATTERN
from .lexical import tokens

# Spans end at sentence ends, semicolons and colons; long ones also at commas, but not at the
# commas of an enumeration ("permanent, inclusive, action-oriented", "the 2010, 2013 and 2015 reports")
# an abbreviation's full stop ("No. 189", "para. 3", "e.g. images") ends no sentence
_STRONG = re.compile(r"(?<=[.;:])(?<!\bNo\.)(?<!\bNos\.)(?<!\bpara\.)(?<!\bparas\.)(?<!\bart\.)(?<!\bg\.)(?<!\be\.)\s+")
_WEAK = re.compile(r"(?<=,)\s+(?!(?:[\w’'-]+\s+){0,2}[\w’'-]+(?:,|\s+(?:and|or|and/or)\s))")
_LONG = 220
COMPLETION = 200  # the longest end of a sentence a phrase ending on a comma takes with it


_QUOTED = re.compile(r"“[^”]{1,300}”|\"[^\"]{1,300}\"")  # a title: “Transforming our world: the 2030 Agenda ...”


def spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Character ranges of the phrases of `text` from offset `start` on; a quoted title is never cut."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    out: list[tuple[int, int]] = []
    for s, e in _split(text, start, len(text), _STRONG, quoted):
        if e - s > _LONG:
            out.extend(_merge_short(_split(text, s, e, _WEAK, quoted)))
        else:
            out.append((s, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _split(text: str, start: int, end: int, pattern, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces, s = [], start
    for m in pattern.finditer(text, start, end):
        if any(qs < m.start() < qe for qs, qe in quoted):
            continue
        pieces.append((s, m.start()))
        s = m.end()
    pieces.append((s, end))
    return pieces


def _merge_short(pieces: list[tuple[int, int]], minimum: int = 60) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged and (merged[-1][1] - merged[-1][0] < minimum or e - s < minimum / 2):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


_IN_ENUMERATION = re.compile(r",\s+[\w’'-]+,\s*$")  # "... a permanent, inclusive,"
# a phrase ending on the words introducing what follows: "... including, inter alia,", "..., such as,"
_ELABORATING = "including|in particular|particularly|notably|such as"  # words saying what the words before them cover
_INTRODUCING = re.compile(rf"\b(?:{_ELABORATING}|inter alia|namely|through|by|and|or),\s*$"
                          r"|\b(?:with a view to [a-z]+ing|(?:continue|in order|so as) to [a-z]+),\s*$", re.I)


def phrases(text: str, skip: int = 0) -> list[tuple[int, int, frozenset[str]]]:
    """Each phrase of text[skip:] with its terms, as best_span reads them; a phrase cut inside an
    enumeration whose last item has no "and" ("permanent, inclusive, action-oriented"), or after
    the words introducing what follows ("including, inter alia,"), runs on."""
    joined: list[tuple[int, int]] = []
    for s, e in spans(text, skip):
        if joined and (_IN_ENUMERATION.search(text, joined[-1][0], joined[-1][1])
                       or _INTRODUCING.search(text, joined[-1][0], joined[-1][1])):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return [(s, e, frozenset(tokens(text[s:e]))) for s, e in joined]


def best_span(text: str, query_terms: dict[str, float], skip: int = 0, cached=None) -> tuple[int, int] | None:
    """The phrase of text[skip:] whose terms weigh most in the query; None when none shares a term."""
    best, best_score = None, 0.0
    for s, e, words in cached if cached is not None else phrases(text, skip):
        score = phrase_weight(words, query_terms)
        if score > best_score:
            best, best_score = (s, e), score
    return best


def phrase_weight(words: frozenset[str], query_terms: dict[str, float]) -> float:
    """How much of the query a phrase of these terms holds; of equal matches, the tighter phrase more."""
    return sum(w for t, w in query_terms.items() if t in words) / math.log(8 + len(words))


# What a question asks for, and what such an answer looks like in a clause
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_NUMBER_WORD = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)"
_DATE = re.compile(rf"\b\d{{1,2}} {_MONTH}(?: \d{{4}})?\b|\b{_MONTH} \d{{4}}\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DURATION = re.compile(rf"\b{_NUMBER_WORD}(?:[ -](?:consecutive|working|calendar))? (?:days?|weeks?|months?|years?|hours?)\b", re.I)
_AMOUNT = re.compile(rf"\b{_NUMBER_WORD}\b|\b(?:one|two|three)-(?:thirds?|quarters?|half)\b", re.I)
SYMBOL = re.compile(r"\b[A-Z]{1,3}(?:\.\d+)?/(?:[A-Za-z0-9.]+/)*[A-Za-z0-9.]+\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:of |for |on |the |and )*[A-Z][a-z]+)+\b|\b[A-Z]{3,}\b")
_ORDINAL = ORDINAL_PATTERN
_SESSION = re.compile(rf"\b(?:{_ORDINAL}) (?:special |regular |resumed )?session\b", re.I)
_NAMED_SESSION = re.compile(rf"\b({_ORDINAL}) (?:special |regular |resumed |substantive |emergency special )?sessions?\b", re.I)
_PLACE = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")  # a capitalised word inside a phrase: "in Geneva"
_DAY_AFTER = re.compile(r"\b[a-z]+(?:-[a-z]+)?(?:th|st|nd|rd) day (?:after|following)\b[^,;.]*", re.I)  # "on the thirtieth day after the date of deposit"
_AT_THE_TIME = re.compile(r"\bat the time of\b[^,;.]*|\b(?:no|not) later than\b[^,;.]*", re.I)  # "at the time of deposit of ..."
ARTICLE = re.compile(r"\bArticles? \d+(?: \(\d+\))?", re.I)
ROUND_THE_CLOCK = "24/7"  # the 24/7 network: a figure written like a resolution number, which it is not
_RESOLUTION = re.compile(rf"\bresolutions? \d+(?:/\d+| ?\([IVXLCS-]+\))?|\b(?!{ROUND_THE_CLOCK}\b)\d{{1,3}}/\d{{1,3}}\b", re.I)
_WHICH_RESOLUTION = re.compile(r"\b(?:which|what)\s+(?:(?!(?:does|do|did|is|are|was|were|has|have|had)\b)[\w-]+\s+){0,3}"
                               r"resolutions?\b", re.I)  # "which 2024 General Assembly resolution"
_ASKS = (
    (re.compile(r"\b(?:which|what) (?:articles?|provisions?)\b", re.I), (ARTICLE,)),
    (_WHICH_RESOLUTION, (_RESOLUTION,)),
    (re.compile(r"\bdeadline\b|\btime limit\b|\bhow soon\b|\bwithin (?:what|which|how much) (?:time|period)\b", re.I),
     (_DURATION, _DATE, YEAR)),
    (re.compile(r"\b(?:on )?(?:what|which) (?:dates?|days?)\b|^\s*when\b|\bwhen (?:did|was|were|will|is|does)\b", re.I),
     (_DATE, YEAR, _SESSION, _DAY_AFTER, _AT_THE_TIME)),
    (re.compile(r"\b(?:what|which|in what|in which) years?\b|\bby when\b|\bsince when\b|\bfrom (?:what|which) year\b", re.I), (YEAR,)),
    (re.compile(r"\b(?:what|which)\s+(?:[\w’'-]+\s+){0,3}sessions?\b", re.I), (_SESSION,)),  # not "which office ... its sessions"
    (re.compile(r"\bhow long\b|\bhow many (?:days|weeks|months|years|hours)\b", re.I), (_DURATION,)),
    (re.compile(r"\bhow many\b|\bwhat (?:majority|age|number|percentage|proportion|share)\b|\bup to what\b", re.I), (_AMOUNT,)),
    (re.compile(r"\bsymbol\b|\bdocument number\b|\bwhich document\b|\bin what document\b", re.I), (SYMBOL,)),
    (re.compile(r"\b(?:which|what) (?:\w+ )?(?:organi[sz]ations?|countr(?:y|ies)|bod(?:y|ies)|organs?|court|city|office|"
                r"agenc(?:y|ies)|entity|entities)\b|^\s*where\b|\bwhere (?:can|could|will|would|is|are|was|were|did|does|do|"
                r"should|shall|may)\b|\bwho(?:m|se)?\b", re.I), (_NAME, _PLACE)),
)

_WHO = re.compile(r"\b[Ww]ho\b")  # not the WHO
_PARTIES = re.compile(r"(?:(?:Each|Every|Any|All|Other|The) )?(?:States? Part(?:y|ies)|Member States?)|United Nations")
# rare enough in clauses to tell one from another: "which article of the Charter" is answered by the
# clause citing "Article 2 (4)", "which resolutions ... recall" by the one reciting them
DISTINCT_SHAPES = frozenset({_DATE, YEAR, _SESSION, _DURATION, SYMBOL, ARTICLE, _RESOLUTION})


@lru_cache(maxsize=256)
def _asking(question: str) -> tuple[tuple[re.Pattern, ...], frozenset[str]]:
    """The shapes of answer a question asks for, and the terms of the words asking ("which provision", "until when")."""
    # "When States help each other ..., what are those studies meant to feed into?" asks no date
    asked = _OPENING_SCENE.sub(" ", question)
    return next(((shapes, frozenset(tokens(m.group(0)))) for asks, shapes in _ASKS if (m := asks.search(asked))),
                ((), frozenset()))


def asked_items(question: str) -> tuple[re.Pattern, ...]:
    """The shapes of answer a question asks for: a date, a year, a session, a duration, an amount, a
    symbol, an article, a resolution, a name."""
    return _asking(question)[0]


def _asking_words(question: str) -> frozenset[str]:
    return _asking(question)[1]


# a clause of the question that sets its scene says where the answer stands, not what it is: "When
# military assets are used as a last resort ..., whose consent ...", "... recall when it discusses
# algorithms ...?" ("apart from the private sector, which groups ..." is not one: the answer stands beside it)
_SCENE_BEFORE = r"(?:^|(?<=,))\s*(?:when|while|whenever)\b[^,?]*,(?=\s*(?:what|which|who|whose|whom|how|where|when|why)\b)"
_SCENE = re.compile(rf"{_SCENE_BEFORE}|(?<=\w)\s+(?:when|while|whenever)\b[^,?]*(?=[?,]|$)", re.I)
_OPENING_SCENE = re.compile(rf"^{_SCENE_BEFORE}", re.I)
# ... but "when" after these words is what is asked: "which article says when the Convention enters into force"
_ASKED_WHEN = re.compile(r"\b(?:says?|said|states?|specif(?:y|ies)|decides?|determines?|knows?|asks?|date|time|day|year|"
                         r"moment|since|until|by|from|and|or)\s*$", re.I)


@lru_cache(maxsize=256)
def without_scene(question: str) -> str:
    """The question without the "when ..." clauses that set its scene: what it asks."""
    return _SCENE.sub(lambda m: m.group(0) if _ASKED_WHEN.search(question, 0, m.start()) else " ", question)


def written_sessions(question: str) -> list[str]:
    """The ordinals of the sessions a question names ("at its seventy-sixth session": "seventy-sixth")."""
    return [m.group(1).lower() for m in _NAMED_SESSION.finditer(question)]


def without_sessions(question: str) -> str:
    """The question without the sessions it names."""
    return _NAMED_SESSION.sub(" ", question)


def names_session(text: str, ordinals: list[str]) -> bool:
    """Whether the text names one of these sessions ("... to the General Assembly at its seventy-sixth
    session"), not only their words apart ("the Sixth Committee, at the eighty-first session")."""
    return any(m.group(1).lower() in ordinals for m in _NAMED_SESSION.finditer(text))


def with_answer(text: str, span: tuple[int, int], cached, question: str, weights: dict[str, float] | None = None) -> tuple[int, int]:
    """The phrase, or what the question asks for when the phrase lacks it ("on what date ...": the
    phrase with the date). A neighbouring phrase holding it widens the span; one farther away, or
    in the chapeau, takes the span's place when it shares a word with the question. Given the
    `weights` of the question's words, the phrase of its sentence holding the rarest one it lacks
    joins it. A span that only restates the question is joined to the next phrase of its sentence,
    which answers it."""
    answer = _asked_span(text, span, cached, question)
    answer = _with_rest(text, answer, cached, question, weights) if weights else answer
    answer = _beyond_restated(text, answer, cached, question)
    return _dated_item(text, answer, question) or answer


def _dated_item(text: str, span: tuple[int, int], question: str) -> tuple[int, int] | None:
    """For "which 1981 resolution ...", in a span longer than two phrases reciting many: the one
    resolution of that year with its date ("resolutions 36/103 of 9 December 1981"); None when
    the question names no year, the span is short, or it recites none or several of that year."""
    years = _years_asked(question)
    if not years or span[1] - span[0] <= 2 * _LONG:
        return None
    items = [(m.start(), dated.end()) for m in _RESOLUTION.finditer(text, *span)
             if (dated := _DATED.match(text, m.end())) and dated.group(1) in years]
    return items[0] if len(items) == 1 else None


def _with_rest(text: str, span: tuple[int, int], cached, question: str, weights: dict[str, float]) -> tuple[int, int]:
    """For a question asking what, which, who ...: the span joined to the phrase of its sentence
    holding the question's rarest word that the span lacks, often its verb ("what should ... help
    countries with unsustainable debt escape?": "... to enable those countries to escape debt overhang")."""
    if not _WH.search(question):
        return span
    held = _phrase_words(span, cached)
    missing = {t: w for t, w in weights.items() if t not in held}
    if not held or not missing:
        return span
    rarest = max(missing, key=missing.get)
    sentence = _sentence_of(text, span, cached)
    found = next(((s, e) for s, e, words in sentence if rarest in words), None)
    if found is None:
        return span
    joined = (min(span[0], found[0]), max(span[1], found[1]))
    return joined if joined[1] - joined[0] <= 2 * _LONG else span


def _phrase_words(span: tuple[int, int], cached) -> frozenset[str]:
    """The terms of the phrases inside the span."""
    return frozenset().union(*[words for s, e, words in cached if span[0] <= s and e <= span[1]])


def _sentence_of(text: str, span: tuple[int, int], cached) -> list:
    """The phrases of the sentence holding the span, other than the span's own."""
    ends = [n for n, (s, e, _) in enumerate(cached) if text[s:e].rstrip()[-1:] in ".;:"]
    at = next((n for n, (s, e, _) in enumerate(cached) if s <= span[0] < e), None)
    if at is None:
        return []
    first = max([n + 1 for n in ends if n < at], default=0)
    last = min([n for n in ends if n >= at], default=len(cached) - 1)
    return [p for p in cached[first:last + 1] if not (span[0] <= p[0] and p[1] <= span[1])]


_WH = re.compile(r"\b(?:what|which|who|whom|whose|where|when|how)\b", re.I)
RESTATED = 0.75  # a span holding the question's words for this share of its own restates it


def _beyond_restated(text: str, span: tuple[int, int], cached, question: str) -> tuple[int, int]:
    """For a question asking what, which, who ...: a span whose words are mostly the question's
    ("What kind of funding does the resolution urge donors to provide": "Urges donors to provide
    funding,"), joined to the phrase after it in its sentence, or before it when it ends one."""
    if not _WH.search(question):
        return span
    words = _phrase_words(span, cached) or frozenset(tokens(text[span[0]:span[1]]))
    if not words or len(words & _terms_of(question)) < RESTATED * len(words):
        return span
    bounds = [(s, e) for s, e, _ in cached]
    after = next((n for n, (_, e) in enumerate(bounds) if e == span[1]), None)
    if after is not None and after + 1 < len(bounds) and text[span[0]:span[1]].rstrip()[-1:] not in ".;":
        return (span[0], bounds[after + 1][1])
    before = next((n for n, (s, _) in enumerate(bounds) if s == span[0]), None)
    if before and text[bounds[before - 1][0]:bounds[before - 1][1]].rstrip()[-1:] not in ".;:":
        return (bounds[before - 1][0], span[1])
    return span


def _asked_span(text: str, span: tuple[int, int], cached, question: str) -> tuple[int, int]:
    bounds = [(s, e) for s, e, _ in cached]
    if span not in bounds:
        return span
    at = bounds.index(span)
    if _EXAMPLES_ASKED.search(question) and (listed := _examples(text, bounds, at)):
        return listed
    shapes = asked_items(question)
    if not shapes and (verbs_object := _object_asked(text, bounds, at, question)):
        return _completed(text, verbs_object, bounds)
    if not shapes:
        return _completed(text, _with_referent(text, _with_focus(span, cached, question), cached, question), bounds)
    if _NAME in shapes and (actor := _actor(text, cached, at, question)):
        return actor
    if _NAME in shapes and (not _holds(text, span, _NAME, question) or _named_elsewhere(text, span, question)) \
            and (named := _name_asked(text, bounds, at, question)):
        return named
    for shape in shapes:
        if _holds(text, span, shape, question):  # "which phase ..., and until when": the phase too
            return span if set(_focus(question)) <= _asking_words(question) else _with_focus(span, cached, question)
        # "at its eighth session, on 12 July 2024, the group considered ..."; "who keeps ...": "The
        # Secretary-General ..., and shall set up and keep updated a register"
        before_first = shape is _DATE or (shape is _NAME and _WHO.search(question) is not None)
        for other in ((at - 1, at + 1) if before_first else (at + 1, at - 1)):
            if 0 <= other < len(bounds) and _holds(text, bounds[other], shape, question):
                return (min(span[0], bounds[other][0]), max(span[1], bounds[other][1]))
    asked = set(tokens(question))
    for shape in shapes:  # farther on in the clause, then in its chapeau
        for pool in (cached, phrases(text[:bounds[0][0]]) if bounds[0][0] else []):
            holders = [(len(words & asked), -abs(s - span[0]), (s, e)) for s, e, words in pool
                       if words & asked and _holds(text, (s, e), shape, question)]
            if holders:
                return max(holders)[2]
    return _completed(text, span, bounds)


_WHICH = re.compile(r"\b(?:which|what)\s+((?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)", re.I)


@lru_cache(maxsize=256)
def _asked_words(question: str) -> frozenset[str]:
    """The three words after "which": the noun asked about and what it does ("which body endorsed
    the ..." -> {"bodi", "endors"}; "Which Secretariat office did ..." -> {"secretariat", "offic"})."""
    m = _WHICH.search(question)
    return frozenset(tokens(m.group(1))) if m else frozenset()


def _named_elsewhere(text: str, span: tuple[int, int], question: str) -> bool:
    """Whether a name holding the noun a "which office ..." question asks about ("the Office for
    Disarmament Affairs") stands in the clause but not in the span, which names others."""
    nouns = _asked_words(question)
    return bool(nouns) and not _names_one(text, span, nouns) and _names_one(text, (0, len(text)), nouns)


def _names_one(text: str, span: tuple[int, int], nouns: frozenset[str]) -> bool:
    """Whether a name in the span holds one of these nouns ("office" in "Office for Disarmament Affairs")."""
    return any(nouns & frozenset(tokens(" ".join(words))) for words in _items(text, span, _NAME))


def _name_asked(text: str, bounds: list[tuple[int, int]], at: int, question: str) -> tuple[int, int] | None:
    """For "which office ..." when the span names nothing: the phrase nearest it that holds a name and
    the asked noun ("the Office for Disarmament Affairs", "regional organizations, such as the African
    Union"), joined to the span when beside it; None when none does."""
    nouns = _asked_words(question)
    if not nouns:
        return None
    chapeau = [(s, e) for s, e, _ in phrases(text[:bounds[0][0]])] if bounds[0][0] else []
    near = sorted(range(len(bounds)), key=lambda n: (abs(n - at), n))
    for s, e in [bounds[n] for n in near] + chapeau:
        if nouns & frozenset(tokens(text[s:e])) and _holds(text, (s, e), _NAME, question):
            if (s, e) in bounds and abs(bounds.index((s, e)) - at) == 1:
                return (min(s, bounds[at][0]), max(e, bounds[at][1]))
            return (s, e)
    return None


# "who appoints ...", "who must keep ...": the verb whose doer is asked for
_WHO_DOES = re.compile(r"\b[Ww]ho\s+(?:(?:is|are|was|were|will|would|shall|should|must|can|could|may|might|has|have|had|does|do|did)"
                       r"\s+(?:be\s+)?)?([a-z]+)")  # not the WHO
# a chapeau whose subject does what its sub-paragraphs list: "The secretariat shall:"
_DOER = re.compile(r"^(?:The|An?) [a-z][\w -]{0,60}? (?:shall|should|will|may|must)\b")


def _actor(text: str, cached, at: int, question: str) -> tuple[int, int] | None:
    """For "who appoints ...": the phrase holding the verb and a name ("request the President of the
    General Assembly to appoint ..."), or the verb's phrase joined to the name just before it; for a
    sub-paragraph doing it with no name, its chapeau's subject ("The secretariat shall:"). None when
    the phrase holds both already, or when nothing does."""
    m = _WHO_DOES.search(question)
    verb = next(iter(tokens(m.group(1))), None) if m else None
    if verb is None:
        return None
    bounds = [(s, e) for s, e, _ in cached]
    near = sorted(range(len(cached)), key=lambda n: (abs(n - at), n))
    doing = [n for n in near if verb in cached[n][2]]
    for n in doing:
        if _holds(text, bounds[n], _NAME, question):
            return None if n == at else bounds[n]
        if n and _holds(text, bounds[n - 1], _NAME, question):
            return (bounds[n - 1][0], bounds[n][1])
    chapeau = text[:bounds[0][0]]
    if doing and (doer := _DOER.match(chapeau)):
        return doer.span()
    return None


_FOCUS = re.compile(r"\b(?:which|what)\s+(?:kind of\s+|type of\s+)?([a-z][\w-]*)", re.I)
_VERB = r"(?:does|do|did|is|are|was|were|has|have|had|must|should|shall|may|might|can|could|will|would)\b"
# the words of "which upcoming major sporting events does ...", up to the verb: the last is the noun asked about
_NOUN_PHRASE = re.compile(rf"\b(?:which|what)\s+(?:kind of\s+|type of\s+)?(?!{_VERB})((?:[a-z][\w-]*\s+){{0,3}}?[a-z][\w-]*)"
                          rf"(?=\s+{_VERB}|\s*[?,]|\s*$)", re.I)


_NEGATED = re.compile(r"\bnon-[\w-]+", re.I)


@lru_cache(maxsize=256)
def _focus(question: str) -> tuple[str, ...]:
    """The terms a "which/what NOUN" question asks about, the noun first: "which principle must ..."
    -> ("principl",); "which culture-related activities are ..." -> ("activ", "cultur", "relat")."""
    m = _NOUN_PHRASE.search(question)
    if m is not None:  # a "non-" word names what the noun is not: "which non-state actors" asks for actors
        return tuple(reversed(tokens(_NEGATED.sub(" ", m.group(1)))))
    m = _FOCUS.search(question)
    if m is None or re.fullmatch(_VERB, m.group(1), re.I):  # "what must ...": no noun asked about
        return ()
    return tuple(tokens(m.group(1))[:1])


def _with_focus(span: tuple[int, int], cached, question: str) -> tuple[int, int]:
    """The phrase, or, when it lacks the noun the question asks about ("which principle"), the
    phrase that holds it: joined to the phrase beside it, or in its place when it shares another
    of the question's words too ("... incorporate the principle of proportionality")."""
    at = next((n for n, (s, e, _) in enumerate(cached) if (s, e) == span), None)
    # the noun asked about, or, when no phrase holds it, the nearest word before it that one does
    focus = next((term for term in _focus(question) if any(term in words for _, _, words in cached)), None)
    if focus is None or at is None or focus in cached[at][2]:
        return span
    asked = set(tokens(question))
    holders = [(len(words & asked), n) for n, (_, _, words) in enumerate(cached) if focus in words]
    if not holders:
        return span
    shared, n = max(holders)
    if abs(n - at) == 1:
        return (min(span[0], cached[n][0]), max(span[1], cached[n][1]))
    return (cached[n][0], cached[n][1]) if shared >= 2 else span


_ANAPHOR = re.compile(r"\b(?:such|these|those|said)\s+([a-z][\w-]*)", re.I)


def _with_referent(text: str, span: tuple[int, int], cached, question: str) -> tuple[int, int]:
    """The span, or, when it holds the noun a "which offences ..." question asks about only as "such
    offences", the phrase before it naming them ("the offences established in accordance with
    articles 14 to 16"): joined to the span when near, in its place when far."""
    focus = next(iter(_focus(question)), None)

    def refers(s: int, e: int) -> bool:
        return any(tokens(m.group(1))[:1] == [focus] for m in _ANAPHOR.finditer(text, s, e))

    if focus is None or not refers(*span):
        return span
    for s, e, words in reversed(cached):
        if s < span[0] and focus in words and not refers(s, e):
            return (s, span[1]) if span[1] - s <= 2 * _LONG else (s, e)
    return span


# a question asking for examples is answered by what a clause lists after "including", "such as" ...
_EXAMPLES_ASKED = re.compile(r"\bexamples?\b", re.I)
_EXAMPLES = re.compile(r"\b(?:including|such as|inter alia|for example|for instance|e\.g\.|notably)\b", re.I)


def _examples(text: str, bounds: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """For "what examples of content data ...": the phrase listing them after the span, in its
    sentence ("including, but not limited to, images, text messages, ..."), joined to the span
    when near; None when the span lists them already, or no phrase does."""
    span = bounds[at]
    if _EXAMPLES.search(text, *span):
        return None
    for s, e in bounds[at + 1:]:
        if _EXAMPLES.search(text, s, e):
            return (span[0], e) if e - span[0] <= 2 * _LONG else (s, e)
        if text[s:e].rstrip()[-1:] in ".;":
            return None
    return None


# "what does the group have to study?", "what are States asked to consider?" ask for the object of
# the verb, which a phrase ending on it ("to continue to study, with a view to promoting common understandings,") leaves to the next
_ASKS_OBJECT = re.compile(r"^\s*[Ww]hat\b[^?,]*\b(?:has|have|had|is|are|was|were|be|been)\s+(?:[a-z]+\s+)?to ([a-z]+)\W*$")
_ENDS_ON_VERB = re.compile(r"\b([a-z]+)(?:,\s*(?:with a view to|in order to|so as to|as appropriate|inter alia)\b[^,;]*)?,\s*$")


def _object_asked(text: str, bounds: list[tuple[int, int]], at: int, question: str) -> tuple[int, int] | None:
    """The phrase after the one at `at` when that one ends on the verb the question asks the object of."""
    asked = _ASKS_OBJECT.search(question)
    verb = tokens(asked.group(1)) if asked else []
    if len(verb) != 1 or at + 1 >= len(bounds):
        return None
    end = _ENDS_ON_VERB.search(text, *bounds[at])
    return bounds[at + 1] if end and tokens(end.group(1)) == verb else None


# a phrase opening with these elaborates the last words of the phrase before it
_ELABORATES = re.compile(rf"(?:{_ELABORATING}|especially|which)\b", re.I)


def _completed(text: str, span: tuple[int, int], bounds: list[tuple[int, int]]) -> tuple[int, int]:
    """A phrase ending on a comma, with the short rest of its sentence, which often says how or
    what ("... requests for mutual legal assistance, in electronic form"; "... the framework for
    responsible State behaviour, which includes international law, norms, ..., and confidence-building measures;"),
    or with the phrase after it that elaborates its last words ("including persons with disabilities ...";
    "a legal framework, which must be publicly accessible, clear, ...")."""
    at = next((n for n, (_, e) in enumerate(bounds) if e == span[1]), None)
    if at is None or not text[span[0]:span[1]].rstrip().endswith(","):
        return span
    while at + 1 < len(bounds) and _ELABORATES.match(text, bounds[at + 1][0]) and bounds[at + 1][1] - span[0] <= 2 * _LONG:
        at, span = at + 1, (span[0], bounds[at + 1][1])  # "... for everyone, including persons with disabilities ..."
        if not text[span[0]:span[1]].rstrip().endswith(","):
            return span
    for s, e in bounds[at + 1:]:
        if e - bounds[at + 1][0] > COMPLETION:
            return span
        if text[s:e].rstrip()[-1:] in ".;" or (s, e) == bounds[-1]:  # a preambular clause ends on a comma
            return (span[0], e)
    return span


def holds_asked(text: str, question: str, shapes: tuple[re.Pattern, ...]) -> bool:
    """Whether the text holds an item of a shape the question asks for ("which session": "at its eightieth session")."""
    return any(_holds(text, (0, len(text)), shape, question) for shape in shapes)


def _holds(text: str, span: tuple[int, int], shape: re.Pattern, question: str) -> bool:
    """Whether the span holds an item of that shape the question does not itself say, in its words
    or by its initials ("the ERC": "the Emergency Relief Coordinator")."""
    asked, initials = _words_of(question), _acronyms_of(question)
    years = _years_asked(question) if shape is _RESOLUTION else frozenset()
    return any(sum(w in asked for w in words) * 2 <= len(words)  # half new or more: an answer ("article 19"), not the question
               and not _initialled(words, initials) for words in _items(text, span, shape, years))


def _initialled(words: tuple[str, ...], acronyms: frozenset[str]) -> bool:
    """Whether a name's words are those of an acronym: all of them, or three or more running ("Requests
    the Emergency Relief Coordinator" holds the ERC)."""
    initials = "".join(w[0] for w in words)
    return any(a == initials or (len(a) >= 3 and a in initials) for a in acronyms)


@lru_cache(maxsize=256)
def _terms_of(question: str) -> frozenset[str]:
    return frozenset(tokens(question))


@lru_cache(maxsize=256)
def _acronyms_of(question: str) -> frozenset[str]:
    """The acronyms a question writes, lower-cased: "ERC", "IASC"."""
    return frozenset(a.lower() for a in re.findall(r"\b[A-Z]{2,}(?=s?\b)", question))


@lru_cache(maxsize=256)
def _years_asked(question: str) -> frozenset[str]:
    """The years inside the words asking for a resolution: "which 2024 resolution" -> {"2024"}."""
    which = _WHICH_RESOLUTION.search(question)
    return frozenset(YEAR.findall(which.group(0))) if which else frozenset()


_CONNECTIVES = frozenset({"the", "of", "for", "on", "and"})  # the small words inside a name: "Office for ... of the Secretariat"


@lru_cache(maxsize=256)
def _words_of(question: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", question.lower()))


@lru_cache(maxsize=8192)
def _items(text: str, span: tuple[int, int], shape: re.Pattern, years: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
    """The words of each item of that shape in the span of the text; the parties every clause
    speaks of ("Each State Party", "Member States") and the United Nations name no one in particular, and, given the
    `years` a question asks of ("which 2024 resolution"), an item dated in another year is none."""
    return tuple(tuple(w for w in re.findall(r"\w+", m.group(0).lower()) if w not in _CONNECTIVES)
                 for m in shape.finditer(text, *span) if not _PARTIES.fullmatch(m.group(0))
                 and not (years and (dated := _DATED.match(text, m.end())) and dated.group(1) not in years))


_DATED = re.compile(r"\s*(?:\([IVXLCS-]+\)\s*)?of \d{1,2} [A-Z][a-z]+ ((?:19|20)\d\d)\b")  # "1514 (XV) of 14 December 1960"
