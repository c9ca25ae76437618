"""Clauses that say (almost) the same thing in several documents: a draft and the resolution it
became, the boilerplate every resolution repeats. They are grouped so that a result list shows
each wording once, with "also in" the others.

Grouping compares word trigrams (Jaccard similarity at least THRESHOLD). Candidate pairs come
from MinHash signatures cut into bands, so the cost grows with the number of clauses, not with
its square.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

THRESHOLD = 0.9  # "eightieth session" against "eighty-first session" in one sentence stays apart
_HASHES, _BANDS = 32, 16  # two rows a band: pairs of similarity 0.9 share a band almost surely
_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 3) -> set[int]:
    """The clause's word n-grams, hashed; a clause shorter than n words is its words."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[i:i + n]) for i in range(max(len(words) - n + 1, 1))] if words else []
    return {zlib.crc32(g.encode()) for g in grams}


def groups(texts: list[str], threshold: float = THRESHOLD) -> np.ndarray:
    """For each text, the index of the first text of its group (itself when it stands alone)."""
    sets = [shingles(t) for t in texts]
    parent = np.arange(len(texts))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return int(i)

    for a, b in _candidates(sets):
        ra, rb = root(a), root(b)
        if ra != rb and _jaccard(sets[a], sets[b]) >= threshold:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([root(i) for i in range(len(texts))])


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _candidates(sets: list[set[int]]):
    """Pairs whose MinHash signatures agree on a whole band."""
    rng = np.random.default_rng(0)
    a = rng.integers(1, _PRIME, _HASHES, dtype=np.uint64)
    b = rng.integers(0, _PRIME, _HASHES, dtype=np.uint64)
    rows = _HASHES // _BANDS
    buckets: dict[tuple, list[int]] = {}
    for i, s in enumerate(sets):
        if not s:
            continue
        values = np.fromiter(s, dtype=np.uint64)
        signature = ((values[:, None] * a[None, :] + b[None, :]) % np.uint64(_PRIME)).min(axis=0)
        for band in range(_BANDS):
            key = (band, *signature[band * rows:(band + 1) * rows].tolist())
            buckets.setdefault(key, []).append(i)
    seen = set()
    for members in buckets.values():
        for k, j in enumerate(members[1:], 1):
            for pair in ((members[0], j), (members[k - 1], j)):
                if pair not in seen:
                    seen.add(pair)
                    yield pair
