"""How many of a filter's best clauses an IVF index still finds when search.py filters with an ID selector.

Run: HF_HUB_OFFLINE=1 .venv/bin/python -m bench.filtered_ivf
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import faiss
import numpy as np

from indexer import ann
from indexer.embedding import Embedder

from .ann import QUERY_SPREAD, clustered_vectors
from .corpus import bench_corpus, clause_texts


def main(size: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Embedder().encode(clause_texts(bench_corpus(Path(tmp))))
        vectors = clustered_vectors(seeds, size, seed=5)
        kind, params = ann.choose_index(Path(tmp), vectors)
        index = ann.open_index(Path(tmp), vectors, {"index": {"kind": kind, **params}})
    queries = clustered_vectors(seeds, 50, seed=6, spread=QUERY_SPREAD)
    rng = np.random.default_rng(0)
    print(f"{size:,} clauses, {kind} {params}; 100 dense candidates asked per query, as search.py does")
    for allowed_count in (30, 300, 3000, 30000):
        allowed = np.sort(rng.choice(size, allowed_count, replace=False)).astype(np.int64)
        selector = faiss.IDSelectorBatch(allowed)
        _, ids = index.search(queries, 100, params=faiss.SearchParametersIVF(sel=selector, nprobe=params["nprobe"]))
        truth = allowed[np.argsort(-(queries @ vectors[allowed].T), axis=1)[:, :10]]
        found = np.mean([len(set(row[row >= 0]) & set(best)) / 10 for row, best in zip(ids, truth)])
        print(f"filter allows {allowed_count:>6,}: candidates returned median {np.median((ids >= 0).sum(1)):.0f}, "
              f"the filter's exact top 10 among them {found:.2f}")


if __name__ == "__main__":
    main()
