"""A stand-in for the embedding model, for tests and benchmarks that time everything but the model.

    Index(corpus=..., index=..., model=FakeEmbedder()).build()   # milliseconds, offline, deterministic
"""
from __future__ import annotations

import hashlib

import numpy as np

from .lexical import tokens


class FakeEmbedder:
    """Deterministic bag-of-words vectors: each word hashed to one of `dimension` axes, unit length."""

    name = "fake-embedder"
    weights = "fake"

    def __init__(self, dimension: int = 64):
        self.dimension = dimension

    @property
    def model(self):
        return self

    def encode(self, texts, batch_size=32, progress=None):
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text):
                out[row, int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dimension] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        if progress:
            progress(len(texts), len(texts))
        return out

    def encode_query(self, text):
        return self.encode([text])[0]
