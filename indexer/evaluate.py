"""Retrieval evaluation with the pinpoint rule: a hit counts only when it is the gold clause, not a window."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import IndexerError

METHODS = ("bm25", "dense", "hybrid")


@dataclass(frozen=True)
class Query:
    q: str
    gold: tuple[tuple[str, int], ...]  # (lower-cased substring, longest acceptable clause)
    kind: str = ""


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def relevant(text: str, query: Query) -> bool:
    t = normalise(text)
    return any(g in t and len(t) <= maxlen for g, maxlen in query.gold)


def load_queries(path: Path) -> list[Query]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise IndexerError(f"{path}: cannot read the query file ({exc.strerror})") from None
    queries = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            gold = tuple((normalise(g["text"]), int(g["maxlen"])) for g in data["gold"])
            queries.append(Query(data["q"], gold, data.get("kind", "")))
        except (ValueError, KeyError, TypeError):
            raise IndexerError(f"{path}:{n}: expected {{\"q\": ..., \"gold\": [{{\"text\": ..., \"maxlen\": ...}}]}}") from None
    return queries


def rank_of(texts: list[str], query: Query) -> int | None:
    return next((r for r, t in enumerate(texts[:10], 1) if relevant(t, query)), None)


def metrics(ranks: list[int | None], ideal: list[int], hits: list[list[bool]]) -> dict[str, float]:
    n = len(ranks) or 1
    ndcg = []
    for relevant_hits, total in zip(hits, ideal):
        dcg = sum(1 / math.log2(r + 1) for r, rel in enumerate(relevant_hits[:10], 1) if rel)
        idcg = sum(1 / math.log2(r + 1) for r in range(1, min(total, 10) + 1))
        ndcg.append(dcg / idcg if idcg else 0.0)
    return {
        "MRR@10": sum(1 / r for r in ranks if r) / n,
        "R@1": sum(r == 1 for r in ranks) / n,
        "R@5": sum(bool(r and r <= 5) for r in ranks) / n,
        "R@10": sum(bool(r and r <= 10) for r in ranks) / n,
        "nDCG@10": sum(ndcg) / n,
    }


def evaluate(searcher, queries: list[Query]) -> dict[str, dict]:
    """Per method: the metrics and each query's rank."""
    ideal = [sum(relevant(c.text, q) for c in searcher.clauses) for q in queries]
    results = {}
    for method in METHODS:
        ranks, hits = [], []
        for q in queries:
            texts = [h.clause.text for h in searcher.search(q.q, k=10, method=method)]
            ranks.append(rank_of(texts, q))
            hits.append([relevant(t, q) for t in texts])
        results[method] = {"metrics": metrics(ranks, ideal, hits), "ranks": ranks}
    return results


def table(results: dict[str, dict], queries: list[Query] | None = None) -> str:
    names = list(next(iter(results.values()))["metrics"])
    lines = [f"{'method':<8} " + " ".join(f"{n:>8}" for n in names)]
    for method, result in results.items():
        lines.append(f"{method:<8} " + " ".join(f"{result['metrics'][n]:>8.3f}" for n in names))
    if queries:
        lines.append("")
        lines.append("   bm25  dense hybrid  query")
        for i, q in enumerate(queries):
            cells = " ".join(f"{results[m]['ranks'][i] or '-':>6}" for m in results)
            lines.append(f"{cells}  {q.q}")
    return "\n".join(lines)
