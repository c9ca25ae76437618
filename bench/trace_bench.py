"""Benchmark of trace (and compare) on a corpus of 1,000+ documents synthesised from real ones.

    .venv/bin/python bench/trace_bench.py [PDF_FOLDER] [--documents 1000] [--queries 500]

The real documents are parsed from PDF_FOLDER (default tests/data/series). Each synthetic document is
a real one whose clauses are perturbed (a few words replaced, dropped or inserted; some clauses
dropped), dated at random between 1995 and 2025: the shingle index then holds as many distinct
runs of words as a real corpus of that size. Vectors play no part in trace, so none are made.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.documents import Clause  # noqa: E402
from indexer.lineage import Lineage  # noqa: E402
from indexer.parse import parse_file  # noqa: E402


def real_documents(folder: Path) -> list:
    found = []
    for path in sorted(folder.glob("*.pdf")):
        try:
            document, _ = parse_file(path)
        except Exception as exc:  # noqa: BLE001 - a file the reader refuses is left out of the sample
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
            continue
        found.append(document)
    return found


def perturb(text: str, vocabulary: list[str], rng: random.Random, rate: float) -> str:
    words = text.split()
    out = []
    for word in words:
        roll = rng.random()
        if roll < rate / 3:
            continue  # dropped
        if roll < 2 * rate / 3:
            out.append(rng.choice(vocabulary))  # replaced
            continue
        out.append(word)
        if roll > 1 - rate / 3:
            out.append(rng.choice(vocabulary))  # inserted
    return " ".join(out)


def synthesise(real: list, count: int, seed: int = 7) -> tuple[list[Clause], dict[str, dict]]:
    rng = random.Random(seed)
    vocabulary = sorted({w for d in real for c in d.clauses for w in c.text.split()})
    clauses: list[Clause] = []
    documents: dict[str, dict] = {}
    for d in real:
        documents[d.symbol] = d.metadata()
        clauses.extend(d.clauses)
    for n in range(count - len(real)):
        source = rng.choice(real)
        symbol = f"A/RES/SYN/{n + 1}"
        year = rng.randint(1995, 2025)
        documents[symbol] = {**source.metadata(), "symbol": symbol, "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
        rate = rng.choice((0.02, 0.05, 0.1, 0.3))
        kept = [c for c in source.clauses if rng.random() > 0.1]
        clauses.extend(replace(c, doc=symbol, text=perturb(c.text, vocabulary, rng, rate), order=i)
                       for i, c in enumerate(kept))
    return clauses, documents


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def measure(real: list, size: int, queries: int) -> None:
    clauses, documents = synthesise(real, max(size, len(real)))
    lineage = Lineage(clauses, documents)

    started = time.perf_counter()
    shingles = lineage.shingles()
    build = time.perf_counter() - started
    megabytes = (shingles._hashes.nbytes + shingles._rows.nbytes) / 1e6
    print(f"{len(documents)} documents, {len(clauses)} clauses, {len(shingles)} shingles ({megabytes:.1f} MB): "
          f"shingle index built in {build:.2f} s (load average {os.getloadavg()[0]:.1f})")

    rng = random.Random(11)
    sample = rng.sample(clauses, min(queries, len(clauses)))
    lineage.trace(sample[0].doc, sample[0].para)  # warm
    times, sources = [], []
    for clause in sample:
        t = time.perf_counter()
        found = lineage.trace(clause.doc, clause.para)
        times.append((time.perf_counter() - t) * 1000)
        sources.append(len(found.sources))
    print(f"trace over {len(sample)} clauses: p50 {percentile(times, 0.5):.2f} ms, p95 {percentile(times, 0.95):.2f} ms, "
          f"max {max(times):.2f} ms; {statistics.mean(sources):.1f} sources on average")

    symbols = [d.symbol for d in real]
    t = time.perf_counter()
    for symbol in symbols:
        try:
            lineage.compare_with_previous(symbol)
        except Exception:  # noqa: BLE001 - the first of a series has none
            pass
    per = (time.perf_counter() - t) * 1000 / len(symbols)
    print(f"compare NEW (predecessor found, then aligned) over the {len(symbols)} real documents: {per:.1f} ms each")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "data" / "series"))
    parser.add_argument("--documents", type=int, nargs="+", default=[1000], help="corpus sizes to measure")
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args()

    started = time.perf_counter()
    real = real_documents(Path(args.folder))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"parsed {len(real)} real documents ({sum(len(d.clauses) for d in real)} clauses) "
          f"in {time.perf_counter() - started:.1f} s")
    for size in args.documents:
        measure(real, size, args.queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
