"""Hybrid search over clauses: BM25 and dense vectors fused, with filters and answer highlighting."""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np
from threadpoolctl import ThreadpoolController

from . import store
from .ann import FLAT_LIMIT, open_index
from .build import model_identity
from .citation import ClauseLabels, cited_first, cited_labels
from .documents import Clause, Document, Hit, clause_key
from .embedding import Embedder
from .errors import IndexMismatch
from .glossary import Glossary
from .highlight import best_span, names_session, phrase_weight, phrases, with_answer, without_scene, without_sessions, written_sessions
from .answering import (ASKED_AMONG, LISTING, NAME_WEIGHT, NAMED, SESSION_WEIGHT, WRITTEN_WEIGHT, Articles, Definitions, Parts,
                        Scheduling, across_documents, asked_up, chapeau_order, citing_up, grouped, groups_of, named_boost,
                        ordinal_up, varied, with_also)
from .initials import Initials
from .lexical import Lexical, tokens
from .names import DocumentNames, frame, framing_words, is_subject, naming_span, read_as_kind, unframed
from .neighbours import WordNeighbours
from .parts import part_spans

CANDIDATES = 100  # from each retriever, before fusion
# Fusion: min-max normalised scores, mixed linearly. A linear mix keeps the margin of a clear
# lexical match (symbols, acronyms, numbers) that reciprocal rank fusion throws away, while dense
# similarity carries the paraphrases BM25 misses. With many documents the dense side over-rewards
# short clauses that name the same bodies: 0.3-0.4 beat 0.5 on all three question sets
# (tests/framework_questions.jsonl, tests/queries.jsonl, the dev questions), by 0.02-0.05 MRR@10.
DENSE_WEIGHT = 0.35
BOTH_NAMED = 0.25  # from this sureness each of two documents is named
NAMING_WEIGHT = 0.3  # in a question naming a document, its naming words count this much in the clauses' text
# A question whose informative words the best lexical match mostly lacks is a paraphrase: below
# COVERED of the question's idf held, the dense side gains weight, SHIFT of the way to 1 at UNCOVERED
# and below. (Lexical coverage of the best match: median 0.95 on keyword questions, 0.55-0.70 on
# factual, treaty and boilerplate ones, 0.27 on far paraphrases, tests/framework_questions.jsonl.)
COVERED = 0.5
UNCOVERED = 0.2
SHIFT = 0.7
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9]*[A-Z][a-z]?")
SCENE_WEIGHT = 0.3  # in choosing the answer phrase, a word only of a "when ..." clause setting the question's scene counts this much
# ... and a part of a long clause nearer the question in meaning than the part holding the phrase its
# words chose, by this much cosine, gives its own best phrase by words, if that weighs this share of the first
MEANING_MARGIN = 0.02
MEANING_SHARE = 0.7
EXPANSION_WEIGHT = 0.5  # glossary terms count half as much as the words the user typed
SEARCHED_WHOLE = 3  # documents a question names surely whose every clause is a candidate
# The products of one search are small; numpy's BLAS threads, left spinning after one, take the
# cores from the model's next encode and doubled the time of a query on 88 official documents.
_BLAS = ThreadpoolController()


def _one_blas_thread(method):
    @functools.wraps(method)
    def run(*args, **kwargs):
        with _BLAS.limit(limits=1, user_api="blas"):
            return method(*args, **kwargs)
    return run


@dataclass(frozen=True)
class Filters:
    """Limits applied inside the search; None means no limit."""

    docs: frozenset[str] | None = None
    bodies: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    years: tuple[int, int] | None = None

    def active(self) -> bool:
        return any(v is not None for v in (self.docs, self.bodies, self.kinds, self.years))


class Searcher:
    """One loaded generation: read-only after opening, so sessions and threads can share it."""

    def __init__(self, generation: store.Generation, embedder: Embedder, glossary: Glossary | None = None):
        self.generation = generation
        self.embedder = embedder
        self.glossary = glossary or Glossary.load()
        self.clauses: list[Clause] = generation.clauses
        # document metadata as dataclasses, each with its clauses, in the index's (corpus path) order
        self.documents: dict[str, Document] = {
            d["symbol"]: Document.from_metadata(d, tuple(self.clauses[d["first"]:d["first"] + d["clauses"]]))
            for d in generation.documents
        }
        self.vectors = np.asarray(generation.vectors) if generation.manifest["index"]["kind"] == "flat" else generation.vectors
        self.index = open_index(generation.folder, self.vectors, generation.manifest)
        self.lexical = Lexical.load(generation.folder / "bm25")
        self._by_key = {c.key: i for i, c in enumerate(self.clauses)}
        self._df = self.lexical.document_frequencies()
        self._phrases: dict[int, list] = {}  # clause row -> its phrases and their terms, filled on first use
        self._part_bounds: dict[int, list[tuple[int, int]]] = {}  # clause row -> its parts' character ranges, likewise
        self.parts = Parts(generation.parts, generation.part_owners, len(self.clauses))
        metadata = [d.metadata() for d in self.documents.values()]
        self.names = DocumentNames(metadata, self._documents_using, self.glossary.compounds)
        self.neighbours = WordNeighbours(embedder, self._df)
        self.clause_labels = ClauseLabels(self.clauses)
        self.initials = Initials(self.clauses, lambda word: any(t in self._df for t in tokens(word)))
        self.articles = Articles(self.clauses)
        self.definitions = Definitions(self.clauses)
        self.scheduling = Scheduling(self.clauses)
        self.kinds = {symbol: d.kind for symbol, d in self.documents.items()}
        self._rows_of = {d["symbol"]: np.arange(d["first"], d["first"] + d["clauses"]) for d in generation.documents}
        self.echoes, self._echo_groups = generation.echoes, groups_of(generation.echoes)
        self._facet_arrays: dict[str, np.ndarray] | None = None

    def _documents_using(self, terms) -> dict[str, int]:
        """For each of these terms, how many documents use it in their clauses."""
        doc_of = np.zeros(len(self.clauses), dtype=np.int64)
        for row, d in enumerate(self.generation.documents):
            doc_of[d["first"]:d["first"] + d["clauses"]] = row
        return {term: len(np.unique(doc_of[rows])) for term, rows in self.lexical.rows(terms).items()}

    @classmethod
    def open(cls, index: Path, embedder: Embedder) -> "Searcher":
        """Load and check the live generation; refuse one built with another model."""
        generation = store.load(index)
        built = generation.manifest.get("model", {})
        if built != model_identity(embedder):
            raise IndexMismatch(index, (
                f"index in {index}/ was built with model {built.get('name')} ({built.get('weights') or 'unknown weights'}); "
                f"this program uses {embedder.name} ({embedder.weights or 'unknown weights'})"
            ))
        if not generation.manifest.get("normalized") or generation.manifest.get("dimension") != embedder.dimension:
            raise IndexMismatch(index, (
                f"index in {index}/ holds {generation.manifest.get('dimension')}-dimensional vectors; "
                f"the model gives {embedder.dimension}"
            ))
        return cls(generation, embedder)

    # -- search ---------------------------------------------------------------------------

    @_one_blas_thread
    def search(self, query: str, k: int = 10, filters: Filters | None = None, method: str = "hybrid",
               without: frozenset[str] = frozenset()) -> list[Hit]:
        """The k clauses that best answer the query, best first, one per wording.

        `method` is "hybrid" (the default), or "bm25" or "dense" alone for evaluation; `without`
        switches parts of the hybrid off for evaluation (evaluate.FEATURES): "parts", "names", "frame",
        "reading", "echoes", "coverage", "articles", "asked", "definitions", "scheduling", "chapeaux",
        "variety", "neighbours", "citing".
        """
        query = " ".join(query.split())
        if not query or k <= 0:
            return []
        allowed = self._allowed(filters)
        if allowed is not None and not len(allowed):
            return []
        expansions = self._expansions_of(query)
        naming = method == "hybrid" and "names" not in without
        written = self.names.written(query) if naming else []
        pointed, framed = self._pointed(query, expansions, written, without) if naming else ({}, "")
        named = [d for d, sure in pointed.items() if sure >= NAMED]
        near = self.neighbours.expansions(query) if "neighbours" not in without and method != "dense" else {}
        naming_words = (self.names.naming_words(query, named) if named else set()) | framing_words(query, framed)
        terms = self._query_terms(query, expansions, naming_words, near)
        own = None if framed else self._own_terms(query, expansions, [d for d, sure in pointed.items() if sure >= BOTH_NAMED], near)
        lexical = self._lexical_scores(terms, own) if method != "dense" else None
        cover = None  # how much of the question the best lexical match holds, once it is known
        if lexical is not None and own is None and "neighbours" not in without:
            terms, lexical, cover = self._in_other_words(query, terms, lexical)
        one = naming_words if len(named) == 1 and not written else set()  # the words naming its one document
        read = _as_typed(query, expansions) if "reading" in without else self._dense_query(query, framed, one, expansions)
        vector = self.embedder.encode_query(read) if method != "bm25" else None
        weight = {"hybrid": DENSE_WEIGHT, "dense": 1.0, "bm25": 0.0}[method]
        parts = "parts" not in without and method != "bm25"
        scores = self._fuse(vector, terms, allowed, k, weight, parts, pointed, "coverage" not in without, lexical,
                            cover if allowed is None else None)
        if method == "hybrid":
            scores = self._arranged(query, scores, terms, pointed, set(named), bool(written), allowed, without)
        if method == "hybrid" and "echoes" not in without:
            picked = grouped(scores, self.clauses, self.echoes, self._echo_groups, self.kinds, k, pointed)
        else:
            picked = [(i, score, ()) for i, score in scores[:k]]
        return [
            with_also(self._hit(rank, i, score, query, terms, vector if parts else None), tuple(self.clauses[j] for j in also))
            for rank, (i, score, also) in enumerate(picked, 1)
        ]

    def _expansions_of(self, text: str) -> list[tuple[str, list[str]]]:
        """The glossary's equivalents of the terms the text uses, and the names its other acronyms stand for."""
        expansions = self.glossary.expansions_of(text)
        known = {word for typed, _ in expansions for word in typed.split()}
        return expansions + self.initials.expansions(text, known)

    def _dense_query(self, query: str, framed: str, naming: set[str], expansions) -> str:
        """What the model reads: what is asked, not the frame or the name (of `naming` words) that found
        the document (their words would draw the vector towards every clause naming it: a name is read
        as the kind of document it names), with one equivalent per glossary term asked with: enough to
        bridge an acronym, short enough to stay fast."""
        span = naming_span(query, naming) if naming and (not framed or is_subject(framed)) else None
        asked = read_as_kind(query, *span) if span else unframed(query, framed)
        return _as_typed(asked, self._expansions_of(asked) if asked != query else expansions)

    def _pointed(self, query: str, expansions, written: list[str], without: frozenset[str]) -> tuple[dict[str, float], str]:
        """The documents the question points at, each with how surely, and the frame that names
        them ("In the 2018 resolution that set up ..., ") when it has one that points at any."""
        equivalents = _equivalents(expansions)
        framed = frame(query) if "frame" not in without and not written else ""
        if framed:
            pointed = self.names.framed(query, framed, equivalents, _equivalents(self._expansions_of(framed)))
            if pointed:
                return pointed, framed
            if len(self.documents) == 1:  # no name tells the one document from others: a frame names it
                return dict.fromkeys(self.documents, 1.0), framed
        pointed = self.names.pointed_at(query, equivalents, written)
        if written or max(pointed.values(), default=0.0) >= NAMED:
            return pointed, ""
        return self._named_by_kind(query, expansions, equivalents) or pointed, ""

    def _named_by_kind(self, query: str, expansions, equivalents: str) -> dict[str, float]:
        """The documents a name saying its kind points at surely on its own words ("2025 resolution on
        ICT for sustainable development: new challenges ... call for fair, inclusive approaches"), where
        the question's other words, some in other documents' titles, left none named surely; of several,
        those the whole question points at too. Empty when the name points at none surely either."""
        naming = {t for typed, extra in expansions if _ACRONYM.fullmatch(typed) and self.names.pointed_at(" ; ".join(extra))
                  for t in tokens(typed)}  # "LAWS": lethal autonomous weapons systems
        name = self.names.kind_name(query, naming)
        if not name:
            return {}
        pointed = self.names.framed(query, name, equivalents, _equivalents(self._expansions_of(name)))
        return pointed if max(pointed.values(), default=0.0) >= NAMED else {}

    def _arranged(self, query: str, scores: list[tuple[int, float]], terms: dict[str, float], pointed: dict[str, float],
                  named: set[str], written: bool, allowed, without: frozenset[str]) -> list[tuple[int, float]]:
        """Fused scores arranged as a reader expects: the named document's clauses up, an article's
        opening paragraph up when the question names its subject, cited clauses first, and, where the
        question names nothing, no passage taking more than its share of the places."""
        scores = named_boost(scores, self.clauses, pointed, WRITTEN_WEIGHT if written else NAME_WEIGHT)
        if "citing" not in without:
            scores = citing_up(scores, self._citing(query))
            scores = citing_up(scores, self._in_session(query, scores), SESSION_WEIGHT)
        scores = scores if "articles" in without else self.articles.lead_first(scores, terms, self._held, self._idf)
        scores = scores if "asked" in without else ordinal_up(asked_up(scores, self.clauses, query), self.clauses, query)
        scores = scores if "definitions" in without else self.definitions.first(scores, terms, query)
        scores = scores if "scheduling" in without else self.scheduling.first(scores, query, named)
        labels = cited_labels(query)
        scores = cited_first(query, scores, self.clauses, allowed, named, labels, self.clause_labels)
        if not named and not labels and "variety" not in without:
            scores = varied(scores, self.clauses)
            scores = across_documents(scores, self.clauses) if LISTING.search(query) else scores
        return scores if "chapeaux" in without else chapeau_order(scores, self.clauses, terms)

    def _held(self, terms: dict[str, float]) -> np.ndarray:
        """Per clause, the weight of these terms it holds, each its own weight times its idf."""
        held = np.zeros(len(self.clauses), dtype=np.float32)
        for t, rows in self.lexical.rows(terms).items():
            held[rows] += terms[t] * self._idf(t)
        return held

    def _citing(self, query: str) -> set[int]:
        """The clauses citing a document the question writes the symbol of and the index lacks ("53/70")."""
        return {int(i) for found in self.lexical.rows(self.names.cited_only(query)).values() for i in found}

    def _in_session(self, query: str, scores: list[tuple[int, float]]) -> set[int]:
        """Of the first candidates, the clauses naming a session the question writes out ("at its
        seventy-sixth session"): of the documents the rest of the question names, where it names a
        few ("What did the Assembly decide at its seventy-ninth session about cybercrime?"). The
        session itself names every document adopted at it, which speak of other sessions."""
        sessions = written_sessions(query)
        if not sessions:
            return set()
        named = {d for d, sure in self.names.pointed_at(without_sessions(query)).items() if sure >= NAMED}
        named = named if len(named) <= SEARCHED_WHOLE else set()
        return {i for i, _ in scores[:ASKED_AMONG] if (not named or self.clauses[i].doc in named)
                and names_session(self.clauses[i].text, sessions)}

    def _query_terms(self, query: str, expansions: list[tuple[str, list[str]]], naming: set[str],
                     near: dict[str, float]) -> dict[str, float]:
        """Each term's weight: the user's words 1, glossary equivalents EXPANSION_WEIGHT, the corpus
        words `near` those no clause uses their own; words that named the document the question
        points at (and their equivalents) found it, and count NAMING_WEIGHT as much in the clauses' text."""
        terms = {t: NAMING_WEIGHT if t in naming else 1.0 for t in tokens(query)}
        for matched, extra in expansions:
            words = set(tokens(matched))
            weight = EXPANSION_WEIGHT * (NAMING_WEIGHT if words and words <= naming else 1.0)
            for term in extra:
                for t in tokens(term):
                    terms.setdefault(t, weight)
        for term, weight in near.items():
            terms.setdefault(term, weight)
        return terms

    def _own_terms(self, query: str, expansions, named: list[str],
                   near: dict[str, float]) -> tuple[dict[str, float], dict[str, dict[str, float]]] | None:
        """For a question naming two documents by different words, each one's naming words are the
        other's subject ("how does the Pact for the Future refer to the cybercrime convention"): the
        terms as typed, and per named document the terms with its own naming words counting less."""
        if len(named) < 2:
            return None
        words = {d: self.names.naming_words(query, [d]) for d in named}
        if any(words[a] & words[b] for a in named for b in named if a < b):
            return None  # one name for both ("the AI in the military domain resolutions"): it names, it does not ask
        return (self._query_terms(query, expansions, set(), near),
                {d: self._query_terms(query, expansions, w, near) for d, w in words.items()})

    def _in_other_words(self, query: str, terms: dict[str, float],
                        lexical: np.ndarray) -> tuple[dict[str, float], np.ndarray, float | None]:
        """The terms and BM25 scores of a question the clauses word otherwise (the best lexical match
        holds less than COVERED of its informative words), with the near synonyms of its words added;
        and the coverage of the terms returned, None when they were widened."""
        cover = self._coverage(terms, _best_rows(lexical, CANDIDATES))
        if cover >= COVERED:
            return terms, lexical, cover
        extra = {t: w for t, w in self.neighbours.synonyms(query).items() if t not in terms}
        if not extra:
            return terms, lexical, cover
        return {**terms, **extra}, lexical + self.lexical.weighted_scores(extra), None

    def _lexical_scores(self, terms: dict[str, float], own) -> np.ndarray:
        """Each clause's BM25 score; with `own` (see _own_terms), the named documents' clauses read their own terms."""
        if own is None:
            return self.lexical.weighted_scores(terms)
        typed, by_document = own
        scores = self.lexical.weighted_scores(typed)
        for doc, doc_terms in by_document.items():
            rows = self._rows_of[doc]
            scores[rows] = self.lexical.weighted_scores(doc_terms)[rows]
        return scores

    def _dense_candidates(self, vector: np.ndarray, allowed: np.ndarray | None, n: int) -> np.ndarray:
        params = None
        if allowed is not None and len(allowed) <= FLAT_LIMIT:
            # a filter leaving few clauses: score them exactly; an IVF index would scan lists that miss them
            scores = np.asarray(self.vectors[allowed]) @ vector
            top = min(n, len(allowed))
            return allowed[np.argpartition(-scores, top - 1)[:top]]
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed.astype(np.int64))
            params = faiss.SearchParameters(sel=selector)
            spec = self.generation.manifest["index"]
            if spec["kind"] != "flat":
                # the fewer clauses the filter keeps, the more lists must be scanned to find n of them
                nprobe = min(spec["nlist"], math.ceil(spec["nprobe"] * len(self.clauses) / len(allowed)))
                params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
        _, ids = self.index.search(vector[None, :], n, params=params)
        return ids[0][ids[0] >= 0]

    def _fuse(self, vector, terms, allowed, k, weight: float = DENSE_WEIGHT, parts: bool = False,
              pointed: dict[str, float] | None = None, coverage: bool = True, lexical=None,
              cover: float | None = None) -> list[tuple[int, float]]:
        n = max(CANDIDATES, k)
        if weight > 0:
            dense_ids = self._dense_candidates(vector, allowed, min(n, len(self.clauses)))
            if parts:
                dense_ids = np.concatenate([dense_ids, self.parts.candidates(vector, n, allowed)])
        else:
            dense_ids = np.array([], dtype=np.int64)
        surely = [self._rows_of[d] for d, sure in (pointed or {}).items() if sure >= NAMED and d in self._rows_of]
        # a document the question names is searched whatever the retrievers found; a word naming
        # many ("cyber" names every ICT resolution) says what the question is about, not where to look
        if surely and len(surely) <= SEARCHED_WHOLE:
            named_ids = np.concatenate(surely)
            dense_ids = np.concatenate([dense_ids, named_ids if allowed is None else np.intersect1d(named_ids, allowed)])
        lexical = lexical if lexical is not None and weight < 1 else np.zeros(len(self.clauses), dtype=np.float32)
        if allowed is not None:
            mask = np.zeros(len(self.clauses), dtype=bool)
            mask[allowed] = True
            lexical = np.where(mask, lexical, 0.0)
        lexical_ids = _best_rows(lexical, n)
        ids = np.unique(np.concatenate([dense_ids, lexical_ids]).astype(np.int64))
        if weight == 0:
            fused = lexical[ids]
        else:
            dense = np.asarray(self.vectors[ids]) @ vector
            dense = self.parts.best(ids, dense, vector) if parts else dense
            if 0 < weight < 1 and coverage:
                weight = _weight_for(weight, self._coverage(terms, lexical_ids) if cover is None else cover)
            fused = dense if weight == 1 else weight * _minmax(dense) + (1 - weight) * _scale(lexical[ids])
        order = np.lexsort((ids, -fused))
        return list(zip(ids[order].tolist(), fused[order].tolist()))

    def _coverage(self, terms: dict[str, float], ids: np.ndarray) -> float:
        """How much of the question's informative words (by idf) the best lexical match holds."""
        total = sum(w * self._idf(t) for t, w in terms.items())
        if not total or not len(ids):
            return 0.0
        return float(self._held(terms)[ids].max()) / total


    def _facets(self) -> dict[str, np.ndarray]:
        """Per clause: its document, issuing body, kind and year, as arrays a filter reads at once."""
        if self._facet_arrays is None:
            meta = [self.documents.get(c.doc) or Document(c.doc) for c in self.clauses]
            self._facet_arrays = {
                "doc": np.array([c.doc for c in self.clauses], dtype=object),
                "body": np.array([m.body for m in meta], dtype=object),
                "kind": np.array([c.group for c in self.clauses], dtype=object),
                "year": np.array([m.year or -1 for m in meta]),
            }
        return self._facet_arrays

    def kinds_present(self) -> set[str]:
        """The clause kinds a filter can choose among: preambular, operative, report."""
        return set(self._facets()["kind"].tolist())

    def _allowed(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or not filters.active():
            return None
        facets = self._facets()
        keep = np.ones(len(self.clauses), dtype=bool)
        for name, wanted in (("doc", filters.docs), ("body", filters.bodies), ("kind", filters.kinds)):
            if wanted is not None:
                keep &= np.isin(facets[name], list(wanted))
        if filters.years is not None:
            keep &= (facets["year"] >= filters.years[0]) & (facets["year"] <= filters.years[1])
        return np.flatnonzero(keep).astype(np.int64)

    def _hit(self, rank: int, i: int, score: float, query: str, terms: dict[str, float], vector: np.ndarray | None = None) -> Hit:
        clause = self.clauses[i]
        if i not in self._phrases:
            self._phrases[i] = phrases(clause.text, len(clause.text) - len(clause.own_text))
        cached = self._phrases[i]
        # the user's own words pick the phrase; glossary equivalents only when none of them occurs
        typed = {t: self._idf(t) for t, w in terms.items() if w == 1.0}
        asked = without_scene(query)
        if asked != query:  # the words of the scene the question sets count less than those of what it asks
            kept = set(tokens(asked))
            typed = {t: w if t in kept else w * SCENE_WEIGHT for t, w in typed.items()}
        span = best_span(clause.text, typed, cached=cached)
        if span is not None and vector is not None:
            span = self._nearer_in_meaning(i, span, typed, cached, vector)
        if span is None:
            span = best_span(clause.text, {t: w * self._idf(t) for t, w in terms.items()}, cached=cached)
        if span is None and vector is not None:  # no shared word: the part nearest by meaning
            part = self.parts.best_part(i, vector)
            spans = self._parts_of(i)
            span = spans[part] if part is not None and part < len(spans) else None
        if span is not None:
            span = with_answer(clause.text, span, cached, query, typed)
        return Hit(rank=rank, score=score, clause=clause, highlight=span)

    def _nearer_in_meaning(self, i: int, span: tuple[int, int], typed: dict[str, float], cached,
                           vector: np.ndarray) -> tuple[int, int]:
        """The phrase the question's words chose in clause i, or, when another part of the long
        clause is nearer the question by MEANING_MARGIN, that part's best phrase by words, if it
        weighs MEANING_SHARE of the first ("if there is no agreement on joint investigative bodies,
        how can States Parties still carry out joint investigations?": "joint investigations may be
        undertaken by agreement on a case-by-case basis", not the phrase on the agreements)."""
        similarities = self.parts.similarities(i, vector)
        if not len(similarities):
            return span
        bounds = self._parts_of(i)
        if len(bounds) != len(similarities):
            return span
        own = next((n for n, (s, e) in enumerate(bounds) if s <= span[0] < e), None)
        nearest = int(np.argmax(similarities))
        if own is None or similarities[nearest] - similarities[own] < MEANING_MARGIN:
            return span
        start, end = bounds[nearest]
        inside = [(phrase_weight(words, typed), (s, e)) for s, e, words in cached if start <= s and e <= end]
        chosen = next((phrase_weight(words, typed) for s, e, words in cached if (s, e) == span), 0.0)
        best = max(inside, default=None)
        return best[1] if best and best[0] >= MEANING_SHARE * chosen > 0 else span

    def _parts_of(self, i: int) -> list[tuple[int, int]]:
        """The character ranges of clause i's embedded parts."""
        if i not in self._part_bounds:
            self._part_bounds[i] = part_spans(self.clauses[i])
        return self._part_bounds[i]

    def _idf(self, term: str) -> float:
        n = len(self.clauses)
        df = self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    # -- browsing ------------------------------------------------------------------------

    def clause(self, doc: str, para: str) -> Clause | None:
        i = self._by_key.get(clause_key(doc, para))
        return self.clauses[i] if i is not None else None

    @_one_blas_thread
    def similar(self, doc: str, para: str, k: int = 5) -> list[Hit]:
        """The clauses nearest to this one by meaning (in other documents, when there are any)."""
        i = self._by_key.get(clause_key(doc, para))
        if i is None:
            return []
        vector = np.asarray(self.vectors[i], dtype=np.float32)
        candidates = [j for j in range(len(self.clauses)) if j != i]
        elsewhere = [j for j in candidates if self.clauses[j].doc != doc]
        pool = np.array(elsewhere or candidates, dtype=np.int64)
        if not len(pool):
            return []
        scores = np.asarray(self.vectors[pool]) @ vector
        order = np.argsort(-scores, kind="stable")[:k]
        return [Hit(rank=r, score=float(scores[j]), clause=self.clauses[int(pool[j])]) for r, j in enumerate(order, 1)]


def _as_typed(query: str, expansions: list[tuple[str, list[str]]]) -> str:
    """The question and one glossary equivalent of each term it uses, as the model reads them."""
    return f"{query} ({'; '.join(extra[0] for _, extra in expansions)})" if expansions else query


def _equivalents(expansions: list[tuple[str, list[str]]]) -> str:
    """What the acronyms among the expanded words stand for: an acronym names the document whose
    title spells it out ("LAWS", "UNODC")."""
    return " ; ".join(term for typed, extra in expansions if _ACRONYM.fullmatch(typed) for term in extra)


def _weight_for(weight: float, cover: float) -> float:
    """The dense weight for a question whose best lexical match holds `cover` of its idf."""
    if cover >= COVERED:
        return weight
    return weight + (1 - weight) * SHIFT * min(1.0, (COVERED - cover) / (COVERED - UNCOVERED))


def _best_rows(scores: np.ndarray, n: int) -> np.ndarray:
    """The rows of the n best positive scores, in no order."""
    top = min(n, len(scores))
    rows = np.argpartition(-scores, top - 1)[:top] if top else np.array([], dtype=np.int64)
    return rows[scores[rows] > 0]


def _minmax(x: np.ndarray) -> np.ndarray:
    if not len(x):
        return x
    lo, hi = float(x.min()), float(x.max())
    return (x - lo) / (hi - lo) if hi > lo else np.ones_like(x)


def _scale(x: np.ndarray) -> np.ndarray:
    hi = float(x.max()) if len(x) else 0.0
    return x / hi if hi > 0 else np.zeros_like(x)
