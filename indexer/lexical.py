"""BM25 over clauses (bm25s, sparse matrices), with a tokenizer that keeps UN symbols whole."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

_TOKEN = re.compile(r"[a-z]+/(?:[a-z]+/)*\d+/[\w.]+|\d+/\d+|\w+")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_SUFFIX = {"first": "st", "second": "nd", "third": "rd"}
# "seventy-sixth" is one number, as "76th" is: its halves would match "seventy-eighth" and "sixth" apart
_COMPOUND_ORDINAL = re.compile(rf"\b({'|'.join(_TENS)})-({'|'.join(_UNITS)})\b")
# question words carry no topic: "which clauses deal with", "what does ... say about"
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | {
    "clause", "clauses", "paragraph", "paragraphs", "para", "what", "which", "who", "whom", "how",
    "does", "do", "did", "have", "has", "had", "about", "say", "says", "said", "deal", "deals",
    "mention", "mentions", "regarding", "concerning", "where", "when", "why", "any", "there",
    # the particles of phrasal verbs ("set up", "follow-up", "carry out") say nothing of the topic
    "up", "down", "out", "off",
}
_stemmer = Stemmer.Stemmer("english")
# a term's weight saturates early (one mention says most), and length counts nearly in full: a
# clause of 2,000 characters that names a term once is less about it than one of 200
K1 = 1.2
B = 0.9


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The term a lower-case word is indexed under."""
    return _stemmer.stemWord(word)


def is_stopword(word: str) -> bool:
    return word in _STOPWORDS


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed terms; "A/RES/73/266" yields itself and "73/266"; "ICTs" yields "ict"."""
    out: list[str] = []
    text = _COMPOUND_ORDINAL.sub(_ordinal_number, text.lower().replace("\u2019", "'"))
    for raw in _TOKEN.findall(text):
        raw = raw.rstrip(".")
        if "/" in raw:
            out.append(raw)
            short = re.search(r"\d+/[\w.]+$", raw)
            if short and short.group(0) != raw:
                out.append(short.group(0))
            continue
        if raw in _STOPWORDS or (len(raw) < 2 and not raw.isdigit()):
            continue
        out.append(raw if raw.isdigit() else stem(raw))
    return out


def _ordinal_number(m: re.Match) -> str:
    """The figures of a compound ordinal: "seventy-sixth" -> "76th"."""
    unit = m.group(2)
    return f"{_TENS.index(m.group(1)) + 2}{_UNITS.index(unit) + 1}{_SUFFIX.get(unit, 'th')}"


class Lexical:
    """A BM25 index over the search text of each clause, row i for clause i."""

    def __init__(self, retriever: bm25s.BM25):
        self.retriever = retriever

    @classmethod
    def build(cls, texts: list[str]) -> "Lexical":
        retriever = bm25s.BM25(k1=K1, b=B)
        retriever.index([tokens(t) or [""] for t in texts], show_progress=False)
        return cls(retriever)

    def weighted_scores(self, terms: dict[str, float]) -> np.ndarray:
        """Each clause's BM25 score for these terms, each term's share times its weight."""
        matrix = self.retriever.scores  # per term, the rows holding it and its share of their score
        indptr, indices, data = (np.asarray(matrix[key]) for key in ("indptr", "indices", "data"))
        scores = np.zeros(matrix["num_docs"], dtype=np.float32)
        for term, weight in terms.items():
            i = self.retriever.vocab_dict.get(term)
            if i is not None and i + 1 < len(indptr):
                span = slice(indptr[i], indptr[i + 1])
                scores[indices[span]] += weight * data[span]  # a term holds each row once
        return scores

    def document_frequencies(self) -> dict[str, int]:
        """How many clauses contain each term (read off the score matrix)."""
        indptr = np.asarray(self.retriever.scores["indptr"])
        counts = np.diff(indptr)
        return {term: int(counts[i]) for term, i in self.retriever.vocab_dict.items() if i < len(counts)}

    def rows(self, terms) -> dict[str, np.ndarray]:
        """For each of these terms the index knows, the rows (clauses) that contain it."""
        indptr = np.asarray(self.retriever.scores["indptr"])
        indices = np.asarray(self.retriever.scores["indices"])
        known = ((t, self.retriever.vocab_dict.get(t)) for t in terms)
        return {t: indices[indptr[i]:indptr[i + 1]] for t, i in known if i is not None and i + 1 < len(indptr)}

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path) -> "Lexical":
        return cls(bm25s.BM25.load(str(folder), mmap=False))
