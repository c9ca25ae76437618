"""python -m indexer: build, search, clauses, similar, eval."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .config import from_environment
from .errors import IndexerError


def _common(parser: argparse.ArgumentParser, corpus: bool = False) -> None:
    if corpus:
        parser.add_argument("--corpus", help="folder of documents (default: corpus/)")
    parser.add_argument("--index", help="folder of the index (default: embeddings/)")
    parser.add_argument("--model", help="embedding model: a local folder or an installed model name")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m indexer", description="Clause-level search over UN cyber-norms documents.")
    verbs = top.add_subparsers(dest="verb", required=True, metavar="COMMAND")

    p = verbs.add_parser("build", help="index every document of the corpus folder",
                         description="Index the corpus. Example: python -m indexer build --corpus corpus/")
    _common(p, corpus=True)
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.set_defaults(run=_build)

    p = verbs.add_parser("search", help="find the clauses that answer a question",
                         description='Search. Example: python -m indexer search "what does the GGE have to study" -k 3')
    p.add_argument("query", nargs="?", help="the question")
    p.add_argument("--batch", metavar="FILE", help="one query per line: plain text or JSON with a \"q\" field")
    p.add_argument("-k", type=int, default=10, help="number of results (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON (one object per query)")
    _common(p)
    p.set_defaults(run=_search)

    p = verbs.add_parser("clauses", help="list every indexed clause",
                         description="List clauses in document order. Example: python -m indexer clauses --json")
    p.add_argument("--json", action="store_true", help="print one JSON object per clause")
    _common(p)
    p.set_defaults(run=_clauses)

    p = verbs.add_parser("similar", help="clauses of other documents nearest to one clause",
                         description='Example: python -m indexer similar A/RES/73/266 "3" -k 5')
    p.add_argument("doc", help="document symbol, e.g. A/RES/73/266")
    p.add_argument("para", help='paragraph label, e.g. "3", "1 (a)" or "PP12"')
    p.add_argument("-k", type=int, default=5, help="number of results (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _common(p)
    p.set_defaults(run=_similar)

    p = verbs.add_parser("eval", help="score BM25, dense and hybrid retrieval on a query file",
                         description="Example: python -m indexer eval tests/queries.jsonl --ranks")
    p.add_argument("queries", help="JSON lines: {\"q\": ..., \"gold\": [{\"text\": ..., \"maxlen\": ...}]}")
    p.add_argument("--ranks", action="store_true", help="also print each query's rank per method")
    _common(p)
    p.set_defaults(run=_eval)

    for register in _extensions():
        register(verbs)
    return top


def _extensions():
    """Commands contributed by optional modules (fetch, corpus, bench; compare and trace)."""
    found = []
    for name in ("fetch", "bench", "lineage_cli"):
        try:
            module = __import__(f"{__package__}.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(__package__):
                continue
            raise
        if hasattr(module, "register"):
            found.append(module.register)
    return found


def _config(args):
    config = from_environment().with_paths(getattr(args, "corpus", None), args.index)
    if args.model:
        from dataclasses import replace

        config = replace(config, model=args.model)
    return config


def _searcher(config):
    from .build import stale_reason
    from .embedding import Embedder
    from .search import Searcher

    searcher = Searcher.open(config.index, Embedder(config.model))
    reason = stale_reason(config.index)
    if reason:
        print(f"warning: {reason}: run python -m indexer build to index the changes", file=sys.stderr)
    return searcher


def _build(args) -> int:
    from .build import build
    from .embedding import Embedder

    config = _config(args)
    progress = _progress_bar() if sys.stderr.isatty() else None
    report = build(config, Embedder(config.model), progress=progress, force=args.force)
    for path, note in report.notes:
        print(f"note: {path}: {note}", file=sys.stderr)
    print(report.summary())
    return 0


def _progress_bar():
    from tqdm import tqdm

    bars = {}

    def update(stage: str, done: int, total: int) -> None:
        if total < 20:
            return
        bar = bars.setdefault(stage, tqdm(total=total, desc=stage, file=sys.stderr, leave=False))
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


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


def _search(args) -> int:
    if (args.query is None) == (args.batch is None):
        raise IndexerError("give either a QUERY or --batch FILE")
    if args.k < 1:
        raise IndexerError(f"-k must be at least 1, not {args.k}")
    if args.batch and not args.json:
        raise IndexerError("--batch prints JSON lines: add --json")
    queries = _read_batch(args.batch) if args.batch else [args.query]
    searcher = _searcher(_config(args))
    for query in queries:
        hits = searcher.search(query, k=args.k)
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
        print(f"{h.rank:>2}. {h.clause.citation}  (score {h.score:.3f}, page {h.clause.page or '-'})")
        print(f"    {h.clause.text}")


def _clauses(args) -> int:
    from . import store
    from .documents import Hit

    generation = store.load(_config(args).index)
    for c in generation.clauses:
        if args.json:
            print(json.dumps({**Hit(rank=None, score=None, clause=c).to_dict(), "rank": None, "score": None}, ensure_ascii=False))
        else:
            print(f"{c.citation}: {c.text}")
    return 0


def _similar(args) -> int:
    searcher = _searcher(_config(args))
    if searcher.clause(args.doc, args.para) is None:
        raise IndexerError(f"no clause {args.doc}, para {args.para!r} in the index; list them with python -m indexer clauses")
    hits = searcher.similar(args.doc, args.para, k=args.k)
    if args.json:
        print(json.dumps({"doc": args.doc, "para": args.para, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False))
    else:
        _print_hits(f"{args.doc} {args.para}", hits)
    return 0


def _eval(args) -> int:
    from .evaluate import evaluate, load_queries, table

    queries = load_queries(Path(args.queries))
    results = evaluate(_searcher(_config(args)), queries)
    print(table(results, queries if args.ranks else None))
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except IndexerError as exc:
        print(f"error: {exc}", file=sys.stderr)
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
