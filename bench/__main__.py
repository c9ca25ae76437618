"""python -m bench: build, query, vector-index and app timings, each against its floor.

Every figure is a median over repeats and is printed as a ratio to a floor measured in the same
run (the bare model, a bare flat FAISS search, exact search), because absolute timings on a
shared machine drift from one minute to the next while ratios taken side by side do not.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

SECTIONS = ("build", "query", "ann", "app")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench", description="Benchmark against floors measured in the same run. "
                                            "Example: python -m bench --quick --only build,query")
    p.add_argument("--quick", action="store_true", help="one repeat, sizes 10k and 100k: a few minutes")
    p.add_argument("--only", default=",".join(SECTIONS), type=_sections,
                   help=f"sections to run (default: {','.join(SECTIONS)})")
    p.add_argument("--sizes", help="clause counts for the vector-index section (default 10000,100000,1000000)")
    p.add_argument("--out", help="also write the results as markdown to this file, e.g. bench/results.md")
    return p


def _sections(text: str) -> list[str]:
    chosen = [s.strip() for s in text.split(",") if s.strip()]
    if not chosen or any(s not in SECTIONS for s in chosen):
        raise argparse.ArgumentTypeError(f"{text!r}: choose from {','.join(SECTIONS)}")
    return chosen


def _sizes(text: str | None, quick: bool) -> list[int]:
    if text is None:
        return [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    try:
        sizes = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        sizes = []
    if not sizes or any(n < 1000 for n in sizes):
        parser().error(f"--sizes {text!r}: give clause counts of at least 1000, e.g. 10000,100000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = parser().parse_args(argv)
    sections, sizes = args.only, _sizes(args.sizes, args.quick)
    # the suites import torch, FAISS and Streamlit: only once the arguments are known to be good
    from .report import Report, machine, table

    repeats = 1 if args.quick else 3
    report = Report()
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    print(f"{started}; {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="indexer-bench-") as tmp:
        work = Path(tmp)
        index = None
        if "build" in sections:
            from .build import bench_build

            index = bench_build(report, work, 1 if args.quick else 5)
        if index is None and {"query", "ann"} & set(sections):
            from .build import one_build
            from .corpus import bench_corpus

            index = work / "index"
            one_build(bench_corpus(work), index)
        if "query" in sections:
            from .query import bench_query

            bench_query(report, index, repeats)
        if "ann" in sections:
            from .ann import run_ann

            run_ann(report, index, sizes, args.quick)
        if "app" in sections:
            from .app import bench_app

            bench_app(report, work, repeats)
    print("\n" + table(report.rows))
    for line in report.skipped:
        print(f"skipped: {line}")
    if args.out:
        _write(Path(args.out), report, started, machine(), args)
    return 0


def _write(path: Path, report, started: str, machine: str, args) -> None:
    from .report import table

    only = ",".join(args.only)
    command = "python -m bench" + (" --quick" if args.quick else "") + \
        (f" --only {only}" if only != ",".join(SECTIONS) else "") + \
        (f" --sizes {args.sizes}" if args.sizes else "") + f" --out {args.out}"
    parts = [f"# Benchmark results\n\n{started}. Machine: {machine}.\n\nCommand: `HF_HUB_OFFLINE=1 .venv/bin/{command}`\n",
             "Each value is a median over repeats; the ratio compares it with its floor measured in the same run.\n",
             table(report.rows), "\n## Details\n", *report.details]
    if report.skipped:
        parts += ["\n## Skipped\n", *(f"- {s}" for s in report.skipped)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
