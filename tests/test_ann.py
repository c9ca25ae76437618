"""The vector index: exact below the flat limit, an IVF index past it, both answering like exact search."""
from __future__ import annotations

import faiss
import numpy as np
import pytest

from indexer import ann


def clustered(n: int, d: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, d)).astype(np.float32)
    points = centres[rng.integers(0, 20, n)] + 0.3 * rng.standard_normal((n, d)).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(queries @ vectors.T), axis=1)[:, :k]


def test_a_small_corpus_gets_exact_search_and_no_ann_file(tmp_path):
    vectors = clustered(300)
    kind, params = ann.choose_index(tmp_path, vectors)
    assert (kind, params) == ("flat", {})
    assert not (tmp_path / ann.ANN_FILE).exists()
    index = ann.open_index(tmp_path, vectors, {"index": {"kind": kind, **params}})
    _, ids = index.search(vectors[:20], 5)
    assert (ids == exact_top(vectors, vectors[:20], 5)).all()


@pytest.fixture
def large(tmp_path, monkeypatch):
    """A corpus past the flat limit (the limit lowered so the test stays fast)."""
    monkeypatch.setattr(ann, "FLAT_LIMIT", 1000)
    vectors = clustered(4000)
    kind, params = ann.choose_index(tmp_path, vectors)
    return tmp_path, vectors, {"index": {"kind": kind, **params}}


def test_past_the_flat_limit_the_manifest_records_the_ann_index(large):
    folder, vectors, manifest = large
    spec = manifest["index"]
    assert spec["kind"] == "ivf-sq8"
    assert spec["nlist"] == ann.nlist_for(len(vectors))
    assert 1 <= spec["nprobe"] <= spec["nlist"]
    assert (folder / ann.ANN_FILE).is_file()


def test_the_ann_index_finds_what_exact_search_finds(large):
    folder, vectors, manifest = large
    index = ann.open_index(folder, vectors, manifest)
    queries = clustered(200, seed=1)
    _, found = index.search(queries, 10)
    truth = exact_top(vectors, queries, 10)
    recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)])
    assert recall >= 0.9


def test_the_ann_index_keeps_to_the_allowed_clauses(large):
    folder, vectors, manifest = large
    index = ann.open_index(folder, vectors, manifest)
    allowed = np.arange(0, len(vectors), 7, dtype=np.int64)
    params = faiss.SearchParametersIVF(sel=faiss.IDSelectorBatch(allowed), nprobe=manifest["index"]["nprobe"])
    _, ids = index.search(vectors[:10], 10, params=params)
    assert set(ids[ids >= 0].tolist()) <= set(allowed.tolist())
    assert (ids[:, 0] == allowed[np.argmax(vectors[:10] @ vectors[allowed].T, axis=1)]).mean() >= 0.9


def test_training_uses_a_bounded_reproducible_sample():
    vectors = clustered(5000)
    first, second = ann.training_sample(vectors, 10), ann.training_sample(vectors, 10)
    assert len(first) == ann.TRAIN_PER_LIST * 10
    assert (first == second).all()
    assert len(ann.training_sample(vectors[:100], 10)) == 100


def test_searching_leaves_the_thread_count_of_the_model_alone(tmp_path):
    vectors = clustered(300)
    index = ann.open_index(tmp_path, vectors, {"index": {"kind": "flat"}})
    faiss.omp_set_num_threads(2)
    index.search(vectors[:3], 5)
    assert faiss.omp_get_max_threads() == 2
