"""Shared fixtures: the bundled corpus, a fast fake embedder, and a real index built once."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RESOLUTION = CORPUS / "A_RES_73_266.txt"
TESTS = Path(__file__).resolve().parent


class FakeEmbedder:
    """Deterministic bag-of-words vectors: the pipeline runs in milliseconds, no model needed."""

    name = "fake-embedder"
    weights = "fake"
    dimension = 64

    @property
    def model(self):
        return self

    def encode(self, texts, batch_size=32, progress=False):
        from indexer.lexical import tokens

        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text):
                out[row, int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dimension] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out

    def encode_query(self, text):
        return self.encode([text])[0]


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    """A fresh copy of the bundled corpus (the resolution alone)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(RESOLUTION, folder / RESOLUTION.name)
    return folder


@pytest.fixture(scope="session")
def embedder():
    """The real packaged all-MiniLM-L6-v2, loaded once for the whole run."""
    from indexer.embedding import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, embedder) -> Path:
    """An index of the bundled corpus built with the real model, once per run."""
    from indexer.build import build
    from indexer.config import Config

    folder = tmp_path_factory.mktemp("real")
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(RESOLUTION, corpus / RESOLUTION.name)
    config = Config(corpus=corpus, index=folder / "embeddings")
    build(config, embedder)
    return config.index


@pytest.fixture(scope="session")
def searcher(real_index, embedder):
    from indexer.search import Searcher

    return Searcher.open(real_index, embedder)
