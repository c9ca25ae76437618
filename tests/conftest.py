"""Shared fixtures: the bundled corpus, a fast fake embedder, and a real index built once.

Tests take what they share from here as fixtures, never by importing this module."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
RESOLUTION = ROOT / "corpus" / "A_RES_73_266.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def resolution() -> Path:
    """The bundled resolution A/RES/73/266 as text."""
    return RESOLUTION


@pytest.fixture(scope="session")
def tests_dir() -> Path:
    return ROOT / "tests"


@pytest.fixture
def fake_embedder():
    from indexer.testing import FakeEmbedder

    return FakeEmbedder()


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    """A fresh copy of the bundled corpus (the resolution alone)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(RESOLUTION, folder / RESOLUTION.name)
    return folder


@pytest.fixture
def catalogued_corpus(tmp_path) -> Path:
    """An empty corpus folder with its own catalogue: three documents taken from the bundled one."""
    from indexer import catalogue as cat

    folder = tmp_path / "corpus"
    folder.mkdir()
    bundled = cat.load()
    cat.Catalogue(folder / cat.NAME, [bundled.lookup(s) for s in ("A/RES/70/237", "A/70/174", "A/RES/73/266")]).save()
    return folder


@pytest.fixture(scope="session")
def embedder():
    """The real packaged all-MiniLM-L6-v2, loaded once for the whole run."""
    from indexer.embedding import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, embedder) -> Path:
    """An index of the bundled corpus built with the real model, once per run."""
    from indexer import Index

    folder = tmp_path_factory.mktemp("real")
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(RESOLUTION, corpus / RESOLUTION.name)
    Index(corpus=corpus, index=folder / "embeddings", model=embedder).build()
    return folder / "embeddings"


@pytest.fixture(scope="session")
def searcher(real_index, embedder):
    from indexer.search import Searcher

    return Searcher.open(real_index, embedder)


@pytest.fixture(scope="session")
def framework_searcher(tmp_path_factory, embedder):
    """The whole bundled corpus (A/RES/73/266 and the official PDFs beside it), indexed with the
    real model once per run."""
    from indexer import Index
    from indexer.search import Searcher

    folder = tmp_path_factory.mktemp("framework")
    Index(corpus=ROOT / "corpus", index=folder / "embeddings", model=embedder).build()
    return Searcher.open(folder / "embeddings", embedder)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run, driven by Playwright."""
    from browser import chromium

    with chromium() as opened:
        yield opened
