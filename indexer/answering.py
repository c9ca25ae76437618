"""What the searcher adds to fused retrieval to answer across many documents: long clauses read
by their parts, questions that name a document, and one result per wording."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from operator import itemgetter

import numpy as np

from .ann import FLAT_LIMIT, flat_index
from .documents import Clause, Hit
from .glossary import ORDINALS
from .highlight import ARTICLE, DISTINCT_SHAPES, asked_items, holds_asked
from .lexical import tokens

PART_MARGIN = 0.02  # a part reads less context than its clause: it must match by this much more to count
NAME_WEIGHT = 0.25  # a question that surely names a document moves its clauses up by this much of 0..1
WRITTEN_WEIGHT = 0.5  # ... and one that writes its symbol out, by this much
NAMED = 0.5  # from this sureness a named document's clauses are candidates whatever the retrievers found
LEAD_WEIGHT = 0.1  # a question naming an article's subject moves its opening paragraph up by this much
ARTICLE_NAMED = 0.75  # ... when it holds this share of the words of the article's title
ARTICLE_BEYOND = 0.5  # ... and less than this share of its own weight (by idf) lies beyond the title
PASSAGE_CAP = 3  # clauses of one passage (an article, a chapeau's sub-paragraphs) before the next ones step down
PASSAGE_STEP = 0.1  # how far each further clause of a passage steps down
CITING_WEIGHT = 0.5  # a question writing out a symbol the index lacks moves the clauses citing it up by this much
SESSION_WEIGHT = 0.25  # ... and a session, less sure than a symbol (many clauses schedule one), the clauses naming it
ASKED_WEIGHT = 0.2  # a question asking for a date, session, duration ... moves clauses holding one up by this much
ASKED_AMONG = 30  # ... among the first this many
DEFINES_WEIGHT = 0.2  # a question asking what a term means moves the clause defining it up by this much
SCHEDULE_WEIGHT = 1.0  # a question asking when an item comes up next is answered by the clauses scheduling it: this much up
TIE = 0.05  # sub-paragraphs of one chapeau this close in score are tied: they answer with their chapeau
_OWN_ARTICLE = re.compile(r"\b(?:which|what) (?:articles?|provisions?) (?:of|in)\b", re.I)
_DRAFTS = ("draft resolution", "draft decision", "amendment")


def best_first(scores: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """(row, score) pairs by score, best first; rows in order where scores tie."""
    ordered = sorted(scores, key=itemgetter(0))
    ordered.sort(key=itemgetter(1), reverse=True)  # stable: tied rows keep their order
    return ordered


def moved_up(scores: list[tuple[int, float]], by) -> list[tuple[int, float]]:
    """Scores with each row moved up by `by(row)`, best first again."""
    return best_first([(i, s + by(i)) for i, s in scores])


class Parts:
    """The embedded parts of long clauses: a clause's dense score is the best of the whole and its parts."""

    def __init__(self, vectors: np.ndarray, owners: np.ndarray, clauses: int):
        self.vectors = np.asarray(vectors)  # float32 rows; a plain view of the memory map indexes fast
        self.owners = owners
        self.start = np.searchsorted(owners, np.arange(clauses + 1))  # parts of clause i: start[i]:start[i + 1]
        self._flat = None  # the parts searched exactly, while that is fast
        if 0 < len(owners) <= 2 * FLAT_LIMIT:
            self._flat = flat_index(self.vectors)

    def best(self, ids: np.ndarray, whole: np.ndarray, vector: np.ndarray) -> np.ndarray:
        """Per clause of `ids`: the best of its whole score and its parts' scores."""
        if not len(self.owners):
            return whole
        starts, lengths = self.start[ids], self.start[np.asarray(ids) + 1] - self.start[ids]
        if not lengths.sum():
            return whole
        # the part rows of every clause of ids, and which of ids each belongs to
        rows = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        scores = self.vectors[rows] @ vector - PART_MARGIN
        best = whole.copy()
        np.maximum.at(best, np.repeat(np.arange(len(ids)), lengths), scores)
        return best

    def best_part(self, i: int, vector: np.ndarray) -> int | None:
        """Which part of clause i is nearest the question (its index among the clause's parts)."""
        if self.start[i] == self.start[i + 1]:
            return None
        return int(np.argmax(self.similarities(i, vector)))

    def similarities(self, i: int, vector: np.ndarray) -> np.ndarray:
        """The question's similarity to each part of clause i; empty for a clause without parts."""
        return self.vectors[self.start[i]:self.start[i + 1]] @ vector

    def candidates(self, vector: np.ndarray, n: int, allowed: np.ndarray | None) -> np.ndarray:
        """The clauses whose parts are nearest the question (scored exactly, so only while that is fast)."""
        if self._flat is None:
            return np.array([], dtype=np.int64)
        if allowed is None:
            _, found = self._flat.search(vector[None, :], n)
            return np.unique(self.owners[found[0][found[0] >= 0]])
        rows = np.flatnonzero(np.isin(self.owners, allowed))
        if not len(rows):
            return np.array([], dtype=np.int64)
        scores = self.vectors[rows] @ vector
        top = min(n, len(rows))
        return np.unique(self.owners[rows[np.argpartition(-scores, top - 1)[:top]]])


class Articles:
    """The articles of a treaty by their titles. A question naming an article's subject ("ICT-related
    forgery", "the 24/7 network") is answered first by the article's opening paragraph, which states
    its rule; the paragraphs after it qualify that rule."""

    def __init__(self, clauses: list[Clause]):
        self.titles: dict[int, frozenset[str]] = {}  # row of an article's first clause -> its title's terms
        seen: set[tuple[str, str]] = set()
        for i, clause in enumerate(clauses):
            title = article_title(clause.heading)
            if title and (clause.doc, clause.heading) not in seen:
                seen.add((clause.doc, clause.heading))
                if terms := frozenset(tokens(title)):
                    self.titles[i] = terms
        self.words = frozenset().union(*self.titles.values())  # every word of every title
        # row -> its article (document, heading), for the clauses of articles
        self.article_of = {i: (c.doc, c.heading) for i, c in enumerate(clauses) if article_title(c.heading)}

    def lead_first(self, scores: list[tuple[int, float]], terms, held=None, idf=None) -> list[tuple[int, float]]:
        """Scores with the opening paragraph of each article the question names moved up, unless
        another paragraph of the article among the first candidates holds more of what the question
        asks beyond the title (`held(terms)`: per clause, the weight of these terms it holds), or,
        given each term's `idf`, the question asks mostly beyond the title."""
        weights = terms if isinstance(terms, dict) else dict.fromkeys(terms, 1.0)
        asked = set(weights)
        if not asked & self.words:
            return scores
        boosted = []
        for i, score in scores:
            title = self.titles.get(i)
            share = len(title & asked) / len(title) if title else 0.0
            named = share >= ARTICLE_NAMED and (idf is None or _beyond_share(weights, title, idf) < ARTICLE_BEYOND) \
                and (held is None or self._asks_no_more(i, scores, {t: weights[t] for t in asked - title}, held))
            boosted.append((i, score + LEAD_WEIGHT * share if named else score))
        return best_first(boosted)

    def _asks_no_more(self, lead: int, scores: list[tuple[int, float]], beyond: dict[str, float], held) -> bool:
        """Whether no other paragraph of the lead's article among the first candidates holds more of
        the question's words beyond the article's title than the lead does."""
        article = self.article_of[lead]
        rows = [j for j, _ in scores[:ASKED_AMONG] if j != lead and self.article_of.get(j) == article]
        if not rows or not beyond:
            return True
        weight = held(beyond)
        return weight[lead] >= max(weight[j] for j in rows)


def _beyond_share(terms: dict[str, float], title: frozenset[str], idf) -> float:
    """How much of the question's weight, by idf, lies in words beyond the article's title."""
    weights = {t: idf(t) * w for t, w in terms.items()}
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t not in title) / total if total else 0.0


class Definitions:
    """The clauses that define a term ("“Emergency” shall mean ..."). A question asking what a term
    means ("what does the convention define as an emergency") is answered first by its definition."""

    ASKS = re.compile(r"\bdefin\w*|\bmeaning of\b|\bwhat is meant by\b|\bwhat (?:counts|qualifies) as\b|"
                      r"\bwhat (?:does|do) [^?]+ mean\b", re.I)
    _DEFINED = re.compile(r"((?:[“\"][^”\"]{2,80}[”\"](?:,? or |, )?)+)(?:,[^,]{0,80},)? "
                          r"(?:shall mean|means|shall include|refers to|is defined as)\b")

    def __init__(self, clauses: list[Clause]):
        self.terms: dict[int, tuple[frozenset[str], ...]] = {}  # row of a defining clause -> the words of each term it defines
        for i, clause in enumerate(clauses):
            m = self._DEFINED.search(clause.text)
            if m:
                self.terms[i] = tuple(frozenset(tokens(term)) for term in re.findall(r"[“\"]([^”\"]+)[”\"]", m.group(1)))

    def first(self, scores: list[tuple[int, float]], terms, question: str) -> list[tuple[int, float]]:
        """Scores with the definitions of a term the question asks the meaning of moved up."""
        if not self.terms or not self.ASKS.search(question):
            return scores
        asked = set(terms)
        return moved_up(scores, lambda i: DEFINES_WEIGHT * any(term <= asked for term in self.terms.get(i, ())))


class Scheduling:
    """The clauses that schedule a question's next consideration ("Decides to include in the provisional
    agenda of its eightieth session the item ...", "Decides to continue its consideration of the question
    at its eighty-first session"). A question asking when or where the item comes up next is answered by them."""

    # "when will ..." or "when" opening the question, not "... when it discusses ..."
    ASKS = re.compile(r"(?:^\s*when\b|\bwhen (?:will|would|is|are|was|were|does|do|did|shall|should|must|can|could)\b|"
                      r"\b(?:which|what) session\b)[^?]*\b(?:next|again|agenda|take[ns]? up|taking up|"
                      r"consider(?:ation|ed|s)?|return to|discuss(?:ed|es)?)\b|\bprovisional agenda\b|\bnext (?:take|consider)|"
                      r"\bagenda\b[^?]*\b(?:which|what) session\b", re.I)
    _SCHEDULES = re.compile(r"\b(?:provisional agenda of its|continue (?:its )?consideration of)\b", re.I)

    def __init__(self, clauses: list[Clause]):
        self.rows = frozenset(i for i, clause in enumerate(clauses) if self._SCHEDULES.search(clause.own_text))
        self.docs = {clauses[i].doc for i in self.rows}
        self._doc_of = [clause.doc for clause in clauses]

    def first(self, scores: list[tuple[int, float]], question: str, named=frozenset()) -> list[tuple[int, float]]:
        """Scores with the scheduling clauses moved up, when the question asks what comes next: those
        of the documents the question names, when they schedule anything."""
        if not self.rows or not self.ASKS.search(question):
            return scores
        docs = set(named) & self.docs
        rows = self.rows if not docs else frozenset(i for i in self.rows if self._doc_of[i] in docs)
        return moved_up(scores, lambda i: SCHEDULE_WEIGHT * (i in rows))


_ARTICLES_HEADING = re.compile(r"Articles? (\d+(?:(?:,| and) \d+)*)\b")


@lru_cache(maxsize=4096)
def articles_headed(heading: str) -> frozenset[str]:
    """The article numbers a heading names: "... / Article 14 Offences ..." -> {"14"}; "... / Articles
    23 and 35, with regard to the term ..." -> {"23", "35"}; "... / Article 41 24/7 network" -> {"41"}."""
    m = _ARTICLES_HEADING.match(heading.rsplit(" / ", 1)[-1])
    return frozenset(re.findall(r"\d+", m.group(1))) if m else frozenset()


@lru_cache(maxsize=4096)
def article_title(heading: str) -> str:
    """"Chapter II Criminalization / Article 12 ... forgery" -> "... forgery"; "" for other headings."""
    m = re.search(r"\bArticle \d+\s+(.+)$", heading.split(" / ")[-1])
    return m.group(1) if m else ""


def named_boost(scores: list[tuple[int, float]], clauses: list[Clause], pointed: dict[str, float],
                weight: float = NAME_WEIGHT) -> list[tuple[int, float]]:
    """Fused scores with the named documents' clauses moved up, best first again."""
    if not pointed:
        return scores
    return moved_up(scores, lambda i: weight * pointed.get(clauses[i].doc, 0.0))


def citing_up(scores: list[tuple[int, float]], citing: set[int], weight: float = CITING_WEIGHT) -> list[tuple[int, float]]:
    """Scores with the clauses citing what the question writes out (a symbol the index lacks, a
    session) moved up: "When was resolution 53/70 adopted?" is answered by "Recalling its
    resolutions 53/70 of 4 December 1998, ...", however many dates and words a longer clause shares."""
    return moved_up(scores, lambda i: weight if i in citing else 0.0) if citing else scores


def asked_up(scores: list[tuple[int, float]], clauses: list[Clause], question: str) -> list[tuple[int, float]]:
    """Scores with the clauses that hold what the question asks for (a date, a session, a duration, a
    symbol, an article, a resolution) moved up: "which session's agenda" is answered by "at its
    eighty-first session", "which article of the Charter" by "Article 2 (4)"."""
    shapes = tuple(s for s in asked_items(question) if s in DISTINCT_SHAPES)
    if not shapes:
        return scores
    # "which article of the convention ..." is answered by an article's own number: the articles it
    # cites are cross-references ("the offences established in accordance with articles 7 to 11")
    inside = tuple(s for s in shapes if s is not ARTICLE) if _OWN_ARTICLE.search(question) else shapes
    top = moved_up(scores[:ASKED_AMONG], lambda i: ASKED_WEIGHT * holds_asked(
        clauses[i].text, question, inside if article_title(clauses[i].heading) else shapes))
    return top + scores[ASKED_AMONG:]


_ORDINAL_ITEM = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)\s+"
                           r"(?:[a-z-]+\s+){0,2}?(?:items?|elements?|types?|kinds?|forms?|things?|points?|requirements?|conditions?|measures?|grounds?|"
                           r"categor(?:y|ies)|entr(?:y|ies)|details?|steps?|purposes?|objectives?|criteri(?:on|a)|factors?|"
                           r"components?|listed|mentioned)\b|\b(?:listed|mentioned|named|comes?)\s+(first|second|third|last)\b", re.I)
_LETTERED = re.compile(r"\(([a-z]{1,4})\)$")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def listed_place(para: str) -> int | None:
    """Where a lettered sub-paragraph stands in its list: "art. 42, para. 3 (a)" -> 1, "47, para. 1 (b) (ii)" -> 2."""
    m = _LETTERED.search(para)
    if m is None:
        return None
    label = m.group(1)
    if label in _ROMAN and (re.search(r"\([a-z]\) \([ivx]+\)$", para) or len(label) > 1):
        return _ROMAN.index(label) + 1
    return ord(label) - ord("a") + 1 if len(label) == 1 else None


def ordinal_up(scores: list[tuple[int, float]], clauses: list[Clause], question: str) -> list[tuple[int, float]]:
    """Scores with the sub-paragraph standing where the question asks moved up: "what is the first
    item a request must specify" is answered by its (a), "the last ground listed" by the last."""
    m = _ORDINAL_ITEM.search(question)
    if m is None:
        return scores
    word = (m.group(1) or m.group(2)).lower()
    top = scores[:ASKED_AMONG]
    last: dict[tuple[str, str], int] = {}
    if word in ("last", "final"):
        for i, _ in top:
            clause = clauses[i]
            last[(clause.doc, clause.chapeau)] = max(last.get((clause.doc, clause.chapeau), 0), listed_place(clause.para) or 0)

    def asked(i: int) -> bool:
        clause = clauses[i]
        place = listed_place(clause.para) if clause.chapeau else None
        if place is None:
            return False
        return place == last[(clause.doc, clause.chapeau)] if last else ORDINALS[place - 1] == word

    return moved_up(top, lambda i: ASKED_WEIGHT * asked(i)) + scores[ASKED_AMONG:]


def chapeau_order(scores: list[tuple[int, float]], clauses: list[Clause], terms) -> list[tuple[int, float]]:
    """Scores where sub-paragraphs of one chapeau that tie because they answer with the chapeau's
    words (their own text adds none of the question's) stand in the document's order, (a) before
    (b), in the places they hold."""
    asked = set(terms)
    places: dict[tuple[str, str], list[int]] = {}  # chapeau -> the places of its tied sub-paragraphs
    for place, (i, score) in enumerate(scores[:ASKED_AMONG]):
        clause = clauses[i]
        if clause.chapeau and not asked & _own_words(clause.own_text, clause.chapeau):
            tied = places.setdefault((clause.doc, clause.chapeau), [])
            if not tied or scores[tied[0]][1] - score <= TIE:
                tied.append(place)
    out = list(scores)
    for tied in places.values():
        rows = sorted(scores[p][0] for p in tied)
        for place, row in zip(tied, rows):
            out[place] = (row, scores[place][1])
    return out


@lru_cache(maxsize=4096)
def _own_words(own_text: str, chapeau: str) -> frozenset[str]:
    """The words of a sub-paragraph that its chapeau does not hold."""
    return frozenset(tokens(own_text)) - frozenset(tokens(chapeau))


def varied(scores: list[tuple[int, float]], clauses: list[Clause]) -> list[tuple[int, float]]:
    """Scores where one passage (a treaty article, the sub-paragraphs of one chapeau) holds at most
    PASSAGE_CAP places before its further clauses step down, so that a question no document is
    named in gets answers from across the corpus, not ten paragraphs of one article."""
    seen: dict[tuple[str, str], int] = {}
    stepped = []
    for i, score in scores:
        passage = _passage(clauses[i])
        if passage is not None:
            seen[passage] = seen.get(passage, 0) + 1
            score -= PASSAGE_STEP * max(0, seen[passage] - PASSAGE_CAP)
        stepped.append((i, score))
    return best_first(stepped)


# a question asking for the clauses on a subject rather than for an answer: "clauses about capacity-building"
LISTING = re.compile(r"^\s*(?:(?:list|show|find)\s+)?(?:(?:all|the|any)\s+)?(?:clauses?|paragraphs?|provisions?|passages?)\s+"
                     r"(?:about|on|concerning|regarding|related to|dealing with|mentioning|referring to)\b", re.I)


def across_documents(scores: list[tuple[int, float]], clauses: list[Clause]) -> list[tuple[int, float]]:
    """Scores in rounds: each document's best clause first, in score order, then each one's second
    best, and so on, so that a listing of the clauses on a subject shows how every document words
    it before any document's further clauses. A clause's score is at most the one before it."""
    taken: dict[str, int] = {}
    rounds = []
    for place, (i, score) in enumerate(scores):
        rounds.append((taken.get(clauses[i].doc, 0), place, i, score))
        taken[clauses[i].doc] = rounds[-1][0] + 1
    out, last = [], math.inf
    for _, _, i, score in sorted(rounds):
        last = min(last, score)
        out.append((i, last))
    return out


def _passage(clause: Clause) -> tuple[str, str] | None:
    """The passage a clause belongs to: its article, else its chapeau's sub-paragraphs; None alone."""
    if article_title(clause.heading):
        return clause.doc, clause.heading
    if clause.chapeau:
        return clause.doc, clause.chapeau
    return None


def grouped(scores: list[tuple[int, float]], clauses: list[Clause], roots: np.ndarray, members: dict[int, list[int]],
            kinds: dict[str, str], k: int, pointed: dict[str, float] | None = None) -> list[tuple[int, float, tuple[int, ...]]]:
    """The first k results with one clause per wording: (row, score, rows of the same wording elsewhere).

    Of a group, the clause of a document the question names is shown; else, or among documents
    named as surely, an adopted text rather than its draft."""
    out: list[tuple[int, float, tuple[int, ...]]] = []
    seen: set[int] = set()
    for i, score in scores:
        root = int(roots[i])
        if root in seen:
            continue
        seen.add(root)
        group = members.get(root, [i])
        shown = i
        named_here = [j for j in group if (pointed or {}).get(clauses[j].doc, 0.0) >= NAMED]
        if named_here:
            shown = max(named_here, key=lambda j: (pointed[clauses[j].doc], kinds.get(clauses[j].doc, "") not in _DRAFTS))
        elif kinds.get(clauses[i].doc, "") in _DRAFTS:
            adopted = [j for j in group if kinds.get(clauses[j].doc, "") not in _DRAFTS]
            shown = adopted[0] if adopted else i
        out.append((shown, score, tuple(j for j in group if j != shown)))
        if len(out) == k:
            break
    return out


def groups_of(roots: np.ndarray) -> dict[int, list[int]]:
    """Group root -> its clauses, for the groups of more than one."""
    members: dict[int, list[int]] = {}
    for i, root in enumerate(roots.tolist()):
        members.setdefault(root, []).append(i)
    return {root: rows for root, rows in members.items() if len(rows) > 1}


def with_also(hit: Hit, also: tuple[Clause, ...]) -> Hit:
    return Hit(rank=hit.rank, score=hit.score, clause=hit.clause, highlight=hit.highlight, also=also)
