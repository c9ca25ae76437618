"""The vector index: exact inner-product search while it is fast enough, an ANN index past that."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import faiss
import numpy as np

# Exact search scans every vector: past this many clauses one query takes over 10 ms here (bench/results.md).
FLAT_LIMIT = 30_000
ANN_FILE = "ann.faiss"
NPROBE = 48  # lists scanned per query: recall@10 >= 0.97 from 10k to 1M clauses, p95 < 10 ms at 1M (bench/results.md)
# One query at a time: handing a scan to a second thread costs more than it saves (bench/results.md).
SEARCH_THREADS = 1
TRAIN_PER_LIST = 64  # k-means needs a few dozen points per centroid; more only slows training


def nlist_for(count: int) -> int:
    """Inverted lists for this many clauses: about the square root, so lists and centroids cost alike."""
    return max(1, int(round(np.sqrt(count))))


def training_sample(vectors: np.ndarray, nlist: int) -> np.ndarray:
    """A fixed random sample to train on: training on every vector of a large corpus takes minutes."""
    size = min(len(vectors), TRAIN_PER_LIST * nlist)
    if size == len(vectors):
        return np.ascontiguousarray(vectors, dtype=np.float32)
    rows = np.sort(np.random.default_rng(0).choice(len(vectors), size, replace=False))
    return np.ascontiguousarray(vectors[rows], dtype=np.float32)


def choose_index(folder: Path, vectors: np.ndarray) -> tuple[str, dict]:
    """Write the ANN index a corpus of this size needs; return its kind and parameters."""
    if len(vectors) <= FLAT_LIMIT:
        return "flat", {}
    nlist = nlist_for(len(vectors))
    # Inner product equals cosine similarity on unit-length vectors.
    index = faiss.index_factory(vectors.shape[1], f"IVF{nlist},SQ8", faiss.METRIC_INNER_PRODUCT)
    with _all_cores():
        index.train(training_sample(vectors, nlist))
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(folder / ANN_FILE))
    return "ivf-sq8", {"nlist": nlist, "nprobe": NPROBE}


def flat_index(vectors: np.ndarray) -> "SingleThreaded":
    """Exact inner-product search over these rows (cosine on unit-length vectors), one thread a query."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return SingleThreaded(index)


def open_index(folder: Path, vectors: np.ndarray, manifest: dict):
    """A FAISS index over the generation's vectors, as the manifest describes it."""
    spec = manifest.get("index", {"kind": "flat"})
    if spec["kind"] == "flat":
        return flat_index(vectors)
    index = faiss.read_index(str(folder / ANN_FILE))
    faiss.extract_index_ivf(index).nprobe = spec.get("nprobe", NPROBE)
    return SingleThreaded(index)


class SingleThreaded:
    """A FAISS index whose searches run on the calling thread only, leaving the thread count as it was.

    The count is per thread and shared with torch, so setting it for good would also slow the model.
    """

    def __init__(self, index):
        self.index = index

    def search(self, x: np.ndarray, k: int, params=None):
        before = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(SEARCH_THREADS)
        try:
            return self.index.search(x, k, params=params)
        finally:
            faiss.omp_set_num_threads(before)

    def __getattr__(self, name: str):
        return getattr(self.index, name)


@contextmanager
def _all_cores():
    """Training and adding are batch work that does use every core."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)
