"""Official PDFs: parse CPU per page, and `build` against its floor, a bare load + encode.

Usage: python bench/real_pdfs.py [--pdfs DIR] [--rounds N]
The floor is measured in the same run, alternating with the builds, and the ratio of the
medians is reported: timings on a shared machine are noisy, ratios less so.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def parse_cost(pdfs: list[Path]) -> dict:
    """CPU seconds per page for reading the PDFs, and for segmenting what was read."""
    import pypdfium2

    from indexer.readers import read_blocks
    from indexer.segment import segment

    pages = sum(len(pypdfium2.PdfDocument(str(p))) for p in pdfs)
    reading = segmenting = 0.0
    clauses = 0
    for path in pdfs:
        started = time.process_time()
        blocks, _ = read_blocks(path)
        middle = time.process_time()
        clauses += len(segment(blocks, path.stem).clauses)
        reading += middle - started
        segmenting += time.process_time() - middle
    return {"documents": len(pdfs), "pages": pages, "clauses": clauses,
            "read_ms_per_page": 1000 * reading / pages, "segment_ms_per_page": 1000 * segmenting / pages}


def build_against_floor(pdfs: list[Path], rounds: int) -> dict:
    """Wall seconds of a fresh `build` and of a bare load + encode of the same texts, alternating."""
    import shutil

    from indexer.build import build
    from indexer.config import Config
    from indexer.embedding import Embedder
    from indexer.parse import parse_file
    from indexer.parts import part_texts

    clauses = [c for p in pdfs for c in parse_file(p)[0].clauses]
    # every text the index embeds: each clause, and the parts of the long ones
    texts = [c.context_text() for c in clauses] + [t for c in clauses for t in part_texts(c)]
    builds, floors = [], []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for n, path in enumerate(pdfs):
            shutil.copy(path, corpus / f"doc{n}.pdf")
        for round_ in range(rounds):
            embedder = Embedder()
            started = time.perf_counter()
            embedder.encode(texts)  # loads the model first
            floors.append(time.perf_counter() - started)
            embedder = Embedder()
            started = time.perf_counter()
            build(Config(corpus=corpus, index=Path(tmp) / f"index{round_}"), embedder)
            builds.append(time.perf_counter() - started)
    build_s, floor_s = statistics.median(builds), statistics.median(floors)
    return {"texts": len(texts), "clauses": len(clauses), "build_s": build_s, "floor_s": floor_s, "ratio": build_s / floor_s,
            "pair_ratios": [round(b / f, 3) for b, f in zip(builds, floors)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", default=str(ROOT / "corpus"), help="folder of official PDFs (default: corpus/)")
    parser.add_argument("--rounds", type=int, default=5, help="builds and floors, alternating (default 5)")
    args = parser.parse_args()
    pdfs = sorted(Path(args.pdfs).glob("*.pdf"))
    if not pdfs:
        sys.exit(f"error: no PDF in {args.pdfs}")
    cost = parse_cost(pdfs)
    print(f"parse: {cost['documents']} documents, {cost['pages']} pages, {cost['clauses']} clauses; "
          f"reading {cost['read_ms_per_page']:.1f} ms CPU per page, segmenting {cost['segment_ms_per_page']:.1f} ms")
    result = build_against_floor(pdfs, args.rounds)
    print(f"build: median {result['build_s']:.2f} s against a bare load + encode of {result['texts']} texts "
          f"({result['texts'] / result['clauses']:.2f} per clause) {result['floor_s']:.2f} s: {result['ratio']:.2f}x "
          f"(pairs {result['pair_ratios']})")


if __name__ == "__main__":
    main()
