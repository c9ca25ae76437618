"""Words no clause uses, read as the corpus's words nearest to them in the model's own word table.

A question in everyday words ("kids", "household", "mail") may share no word with the clause that
answers it ("children", "family, home or correspondence"). BM25 cannot see that; the model's input
word embeddings, which ship with it and cost no encode, place such words near each other. A word
of the question that no clause uses is looked up there, and the corpus's words nearest to it (at
least NEAR in cosine, centred on the table's mean) join the BM25 query at their similarity times
WEIGHT. A question the clauses mostly word otherwise has its other words read so too, by the
neighbours nearer than KNOWN_NEAR: near synonyms and the forms a stemmer keeps apart ("help":
"assist"; "definition": "define"; "made": "make"). Only words the tokenizer holds whole are read: the
mean of the pieces of a split word ("meddl", "##ing") is noise.
"""
from __future__ import annotations

import re
from functools import cached_property

import numpy as np

from .ann import SingleThreaded, flat_index
from .lexical import is_stopword, stem

NEAR = 0.35  # cosine below which a neighbour is not taken
KNOWN_NEAR = 0.6  # ... for a word the clauses use, which its own clauses answer already: only a near synonym
MOST = 3  # neighbours taken per word
WEIGHT = 0.5  # times the similarity: a neighbour counts at most half as much as a word the user typed
_WORD = re.compile(r"[a-z]{3,}")


class WordNeighbours:
    """The tokenizer's whole words whose stems the index holds, with their centred unit vectors,
    loaded on first use."""

    def __init__(self, embedder, indexed: dict[str, int]):
        self._embedder = embedder
        self._indexed = indexed  # stem -> clauses using it
        self._nearest: dict[str, list[tuple[str, float]]] = {}  # a word's neighbours, found once

    def expansions(self, query: str) -> dict[str, float]:
        """For the words of the query no clause uses: their neighbours' stems, each with its weight."""
        unused = [w for w in _WORD.findall(query.lower()) if not is_stopword(w) and not self._indexed.get(stem(w))]
        return self._weighted(unused, NEAR)

    def synonyms(self, query: str) -> dict[str, float]:
        """For the words of the query the clauses use: their near neighbours' stems other than the
        query's own ("help": "assist"), each with its weight."""
        used = [w for w in _WORD.findall(query.lower()) if not is_stopword(w) and self._indexed.get(stem(w))]
        own = {stem(w) for w in used}
        return {t: w for t, w in self._weighted(used, KNOWN_NEAR).items() if t not in own}

    def _weighted(self, words: list[str], near: float) -> dict[str, float]:
        out: dict[str, float] = {}
        for nearest in self.near(words):
            for term, similarity in nearest:
                if similarity >= near:
                    out[term] = max(out.get(term, 0.0), WEIGHT * similarity)
        return out

    def near(self, words: list[str]) -> list[list[tuple[str, float]]]:
        """For each word the tokenizer holds whole, the stems of the corpus's words nearest to it
        (other than its own), with their cosine, best first."""
        table = self._table
        words = [w for w in words if w in table[0]] if table else []
        unseen = list(dict.fromkeys(w for w in words if w not in self._nearest))
        if unseen:
            rows, centred, stems, corpus = table
            similarities, found = corpus.search(np.ascontiguousarray(centred[[rows[w] for w in unseen]]), 2 * MOST)
            for word, similarity, ids in zip(unseen, similarities, found):
                nearest: dict[str, float] = {}
                for value, j in zip(similarity, ids):
                    if j >= 0 and value >= NEAR and stems[j] != stem(word):
                        nearest.setdefault(stems[j], float(value))
                self._nearest[word] = list(nearest.items())[:MOST]
        return [self._nearest[w] for w in words]

    @cached_property
    def _table(self) -> tuple[dict[str, int], np.ndarray, list[str], SingleThreaded] | None:
        words = getattr(self._embedder, "word_table", lambda: None)()
        return self._whole_words(*words) if words is not None else None

    def _whole_words(self, vocabulary: dict[str, int], matrix: np.ndarray):
        """The whole words of the vocabulary, each with its row of centred unit vectors, and
        those of them the index holds, searchable."""
        whole = sorted((i, w) for w, i in vocabulary.items() if i < len(matrix) and _WORD.fullmatch(w))
        centred = matrix[[i for i, _ in whole]] - matrix.mean(axis=0)
        centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
        rows = {w: row for row, (_, w) in enumerate(whole)}
        kept = [(row, stem(w)) for w, row in rows.items() if not is_stopword(w) and self._indexed.get(stem(w))]
        corpus = flat_index(centred[[row for row, _ in kept]])
        return rows, centred, [s for _, s in kept], corpus
