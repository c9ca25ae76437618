"""Real UN series for the compare and trace tests: official PDFs under neutral names, indexed once.

tests/data/series/README.md lists which document each file is. The index is built with the fake
embedder (comparison and tracing read words, not vectors) and shared by every test module.
"""
from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "series"

# the symbols a correct parse gives each file
SYMBOLS = {
    "un-01.pdf": "A/RES/79/237", "un-02.pdf": "A/RES/80/16", "un-03.pdf": "A/C.1/80/L.20",
    "un-04.pdf": "A/RES/78/22", "un-05.pdf": "A/RES/79/23", "un-06.pdf": "A/RES/80/22",
    "un-07.pdf": "A/RES/78/132", "un-08.pdf": "A/RES/79/194", "un-09.pdf": "A/RES/80/118",
    "un-10.pdf": "A/RES/79/239", "un-11.pdf": "A/RES/80/58",
}
SERIES = [  # (older, newer) of the same title
    ("A/RES/79/237", "A/RES/80/16"), ("A/RES/78/22", "A/RES/79/23"), ("A/RES/79/23", "A/RES/80/22"),
    ("A/RES/78/132", "A/RES/79/194"), ("A/RES/79/194", "A/RES/80/118"), ("A/RES/79/239", "A/RES/80/58"),
]


@functools.cache
def index_folder() -> Path:
    """An index of every test PDF, built once per test run (in a folder removed at exit)."""
    from indexer.testing import FakeEmbedder
    from indexer.build import build
    from indexer.config import Config

    folder = Path(tempfile.mkdtemp(prefix="un-series-"))
    atexit.register(shutil.rmtree, folder, True)
    corpus = folder / "corpus"
    corpus.mkdir()
    for pdf in sorted(DATA.glob("*.pdf")):
        shutil.copy(pdf, corpus / pdf.name)
    config = Config(corpus=corpus, index=folder / "index")
    build(config, FakeEmbedder())
    return config.index


@functools.cache
def lineage():
    from indexer import store
    from indexer.lineage import Lineage

    return Lineage.from_generation(store.load(index_folder()))


def run(*args) -> subprocess.CompletedProcess:
    """python -m indexer ARGS in a process of its own, from the repository's root."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "indexer", *args], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, env=env, timeout=300)
