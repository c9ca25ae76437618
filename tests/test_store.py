"""Index generations: atomic switch, integrity checks, refusal of another model, kill -9 mid-build."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer import store
from indexer.build import build
from indexer.config import Config
from indexer.errors import IndexMismatch, IndexMissing
from indexer.search import Searcher
from indexer.testing import FakeEmbedder

TESTS = Path(__file__).resolve().parent
RESOLUTION = TESTS.parent / "corpus" / "A_RES_73_266.txt"
DEV_QUERIES = [json.loads(line)["q"] for line in (TESTS / "dev_queries.jsonl").read_text().splitlines() if line.strip()]


def top5(index: Path) -> list[list[str]]:
    searcher = Searcher.open(index, FakeEmbedder())
    return [[h.clause.key for h in searcher.search(q, k=5)] for q in DEV_QUERIES]


@pytest.fixture
def built(corpus_dir, tmp_path, fake_embedder):
    config = Config(corpus=corpus_dir, index=tmp_path / "index")
    build(config, fake_embedder)
    return config


def test_build_writes_one_generation_and_a_pointer(built):
    folders = [p for p in built.index.iterdir() if p.name.startswith("gen-")]
    assert len(folders) == 1
    assert (built.index / "CURRENT").read_text().split()[0] == folders[0].name
    manifest = json.loads((folders[0] / "manifest.json").read_text())
    assert manifest["count"] == 23 and manifest["normalized"] is True
    assert set(manifest["files"]) >= {"clauses.jsonl", "documents.json", "vectors.npy"}


def test_a_rebuild_switches_generation_and_cleans_the_old(built, fake_embedder):
    old = store.current(built.index)
    (built.corpus / RESOLUTION.name).write_text(RESOLUTION.read_text().replace("two two-day", "three two-day"))
    build(built, fake_embedder)
    new = store.current(built.index)
    assert new != old and not old.exists()
    assert "three two-day" in Searcher.open(built.index, fake_embedder).search("two-day meetings", k=1)[0].clause.text


def test_missing_index_names_the_folder(tmp_path, fake_embedder):
    with pytest.raises(IndexMissing) as refused:
        Searcher.open(tmp_path / "none", fake_embedder)
    assert str(refused.value) == f"no index in {tmp_path / 'none'}/" and refused.value.index == tmp_path / "none"


class OtherModel(FakeEmbedder):
    name = "fake-embedder"
    weights = "other-weights"  # same name and dimension, different weights


def test_a_different_model_of_the_same_dimension_is_refused(built):
    with pytest.raises(IndexMismatch, match=r"built with model fake-embedder \(fake\); this program uses fake-embedder \(other-weights\)"):
        Searcher.open(built.index, OtherModel())


def test_hundred_byte_flips_and_truncations_are_all_detected(built, fake_embedder):
    folder = store.current(built.index)
    files = [p for p in folder.rglob("*") if p.is_file()]
    rng = random.Random(7)
    detected = 0
    for trial in range(100):
        path = rng.choice(files)
        original = path.read_bytes()
        damaged = bytearray(original)
        if trial % 2 and len(damaged) > 1:
            damaged = damaged[: rng.randrange(len(damaged))]
        else:
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(damaged))
        try:
            Searcher.open(built.index, fake_embedder)
        except IndexMismatch as exc:
            detected += 1
            assert exc.index == built.index and "\n" not in str(exc)
        finally:
            path.write_bytes(original)
    assert detected == 100
    assert Searcher.open(built.index, fake_embedder).search("dual-use", k=1)[0].clause.para == "PP5"


def test_a_pointer_to_a_missing_generation_is_reported(built, fake_embedder):
    (built.index / "CURRENT").write_text("gen-gone\n")
    with pytest.raises(IndexMismatch, match="names a missing generation"):
        Searcher.open(built.index, fake_embedder)


KILLER = """
from pathlib import Path
from indexer.build import build
from indexer.config import Config
from indexer.testing import FakeEmbedder
build(Config(corpus=Path({corpus!r}), index=Path({index!r})), FakeEmbedder(), force=True)
"""


@pytest.mark.slow
def test_kill_9_at_any_moment_of_a_build_leaves_the_previous_generation(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = RESOLUTION.read_text()
    (corpus / RESOLUTION.name).write_text(text)
    for n in range(12):  # more documents, so a build lasts long enough to be killed at every stage
        (corpus / f"copy{n}.txt").write_text(text.replace("A/RES/73/266", f"A/RES/73/{300 + n}").replace("73/266.", f"73/{300 + n}."))
    config = Config(corpus=corpus, index=tmp_path / "index")
    build(config, fake_embedder)
    before = top5(config.index)
    script = KILLER.format(corpus=str(corpus), index=str(config.index))
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=120)
    duration = time.perf_counter() - started
    rng = random.Random(11)
    for trial in range(50):
        proc = subprocess.Popen([sys.executable, "-c", script], env=env, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert top5(config.index) == before, f"trial {trial}"
