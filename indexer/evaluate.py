"""Retrieval evaluation with the pinpoint rule: a hit counts only when it is the gold clause of the
gold document, not a window around it; by method, by kind of question, and for the answer phrase."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import IndexerError

# the retrievers alone, the hybrid, and the hybrid with each of its parts switched off
FEATURES = ("parts", "names", "frame", "reading", "echoes", "coverage", "articles", "asked", "definitions", "scheduling",
            "chapeaux", "variety", "neighbours", "citing")
METHODS = ("bm25", "dense", "hybrid") + tuple(f"hybrid-{feature}" for feature in FEATURES)


@dataclass(frozen=True)
class Gold:
    text: str  # lower-cased, whitespace-normalised substring of the clause
    maxlen: int  # the longest text that still is that clause, not a window around it
    doc: str | None = None  # the clause's document, where the question names one


@dataclass(frozen=True)
class Query:
    q: str
    gold: tuple[Gold, ...]
    kind: str = ""
    answer: str = ""  # the short answer the highlight should hold


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def relevant(text: str, query: Query, doc: str | None = None) -> bool:
    t = normalise(text)
    return any(g.text in t and len(t) <= g.maxlen and (g.doc is None or doc is None or g.doc == doc) for g in query.gold)


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
            gold = tuple(Gold(normalise(g["text"]), int(g["maxlen"]), g.get("doc")) for g in data["gold"])
            queries.append(Query(data["q"], gold, data.get("kind", ""), data.get("answer", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise IndexerError(f"{path}:{n}: expected {{\"q\": ..., \"gold\": [{{\"text\": ..., \"maxlen\": ...}}]}}") from None
    return queries


def answerable(queries: list[Query], symbols: set[str]) -> tuple[list[Query], int]:
    """The questions some gold of which can be found in an index of these documents (a gold naming
    no document can be anywhere), and how many were left out."""
    kept = [q for q in queries if any(g.doc is None or g.doc in symbols for g in q.gold)]
    return kept, len(queries) - len(kept)


def rank_of(hits, query: Query) -> int | None:
    """The rank of the first relevant hit among the top 10; hits are Hits or clause texts."""
    return next((r for r, h in enumerate(hits[:10], 1) if _relevant_hit(h, query)), None)


def _relevant_hit(hit, query: Query) -> bool:
    if isinstance(hit, str):
        return relevant(hit, query)
    return relevant(hit.clause.text, query, hit.clause.doc)


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


def evaluate(searcher, queries: list[Query], methods=METHODS) -> dict[str, dict]:
    """Per method: the metrics, each query's rank, and how often the highlight holds the answer."""
    ideal = [max(1, sum(relevant(c.text, q, c.doc) for c in searcher.clauses)) for q in queries]
    results = {}
    for method in methods:
        base, *off = method.split("-")
        ranks, hits, held = [], [], []
        for q in queries:
            found = searcher.search(q.q, k=10, method=base, without=frozenset(off))
            ranks.append(rank_of(found, q))
            hits.append([_relevant_hit(h, q) for h in found])
            if q.answer:
                held.append(_holds(found, ranks[-1], q.answer))
        results[method] = {"metrics": metrics(ranks, ideal, hits), "ranks": ranks,
                           "answers": (sum(held), len(held))}
    return results


def _holds(found, rank: int | None, answer: str) -> bool:
    """Whether the highlight of the first relevant hit holds the short answer."""
    if rank is None:
        return False
    hit = found[rank - 1]
    if not hit.highlight:
        return False
    return normalise(answer) in normalise(hit.clause.text[slice(*hit.highlight)])


def table(results: dict[str, dict], queries: list[Query] | None = None, ranks: bool = False) -> str:
    names = list(next(iter(results.values()))["metrics"])
    lines = [f"{'method':<16} " + " ".join(f"{n:>8}" for n in names) + "   answers"]
    for method, result in results.items():
        held, asked = result["answers"]
        answers = f"{held}/{asked}" if asked else "-"
        lines.append(f"{method:<16} " + " ".join(f"{result['metrics'][n]:>8.3f}" for n in names) + f"   {answers:>7}")
    if queries and any(q.kind for q in queries):
        lines += ["", "by kind (MRR@10 / R@1 / R@5)", f"{'kind':<16} {'n':>3} " + " ".join(f"{m:>20}" for m in results)]
        for kind in sorted({q.kind for q in queries}):
            picked = [i for i, q in enumerate(queries) if q.kind == kind]
            cells = []
            for result in results.values():
                m = metrics([result["ranks"][i] for i in picked], [1] * len(picked), [[] for _ in picked])
                cells.append(f"{m['MRR@10']:.2f} / {m['R@1']:.2f} / {m['R@5']:.2f}")
            lines.append(f"{kind:<16} {len(picked):>3} " + " ".join(f"{c:>20}" for c in cells))
    if queries and ranks:
        lines += ["", " ".join(f"{m:>8}" for m in results) + "  query"]
        for i, q in enumerate(queries):
            lines.append(" ".join(f"{results[m]['ranks'][i] or '-':>8}" for m in results) + f"  {q.q}")
    return "\n".join(lines)
