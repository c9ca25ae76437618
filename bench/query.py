"""Suite 2, query latency: the whole search against encoding the query and a bare flat FAISS search."""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import numpy as np

from indexer import Index
from indexer.ann import flat_index
from indexer.embedding import Embedder

from .corpus import _TOPICS, ROOT
from .report import Report, Row, percentile


def bench_queries() -> list[str]:
    """The development queries and questions about the generated topics."""
    queries = []
    dev = ROOT / "tests" / "dev_queries.jsonl"
    if dev.is_file():
        queries += [json.loads(line)["q"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    for topic in _TOPICS:
        queries.append(rng.choice(("what do States say about {}", "which clauses deal with {}",
                                   "{}", "who should act on {}")).format(topic))
    return queries


def bench_query(report: Report, index: Path, rounds: int) -> None:
    embedder = Embedder()
    searcher = Index(index=index, model=embedder).searcher()
    # the floor searches every vector the index holds: each clause's, and the parts of the long ones
    flat = flat_index(np.vstack([searcher.vectors, searcher.parts.vectors]))
    queries = bench_queries()

    def bare(q: str) -> None:
        vector = embedder.model.encode([q], normalize_embeddings=True, convert_to_numpy=True)
        flat.search(np.ascontiguousarray(vector, dtype=np.float32), 10)

    for q in queries:  # warm caches on both paths
        searcher.search(q, k=10)
        bare(q)
    full, floor = [], []
    for n in range(rounds):
        for q in (queries if n % 2 == 0 else queries[::-1]):
            started = time.perf_counter()
            searcher.search(q, k=10)
            middle = time.perf_counter()
            bare(q)
            full.append(middle - started)
            floor.append(time.perf_counter() - middle)
    report.note(f"query: {len(queries)} queries x {rounds} rounds over {len(searcher.clauses)} clauses and "
                f"{len(searcher.parts.vectors)} parts "
                f"(index kind {searcher.generation.manifest['index']['kind']})")
    for q in (50, 95):
        value, bottom = percentile(full, q) * 1000, percentile(floor, q) * 1000
        report.add(Row("query", f"search p{q}", value, "ms", bottom, "encode+flat", "<= 1.3x", value / bottom <= 1.3))
