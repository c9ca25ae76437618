"""python -m indexer compare / trace: what changed since the predecessor, and where wording comes from."""
from __future__ import annotations

import json
import sys

from .config import from_environment
from .errors import IndexerError

_LIST = "list them with python -m indexer clauses"


def register(verbs) -> None:
    p = verbs.add_parser(
        "compare", help="what changed between two documents, clause by clause",
        description="Pair the clauses of OLD and NEW (preamble with preamble, operative with operative, annex "
                    "with annex) and show what is the same, changed, new and dropped. With NEW alone, OLD is "
                    "the closest earlier document of its series. "
                    "Example: python -m indexer compare A/RES/79/237 A/RES/80/16",
    )
    p.add_argument("documents", nargs="+", metavar="OLD NEW", help="document symbols (OLD may be left out)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--index", help="folder of the index (default: embeddings/)")
    p.set_defaults(run=_compare)

    p = verbs.add_parser(
        "trace", help="earlier documents whose clauses share this clause's wording",
        description="List the earlier clauses that share long runs of words with a clause, earliest first, "
                    'drafts marked. Example: python -m indexer trace A/RES/80/16 PP1, or trace --text "..."',
    )
    p.add_argument("doc", nargs="?", help="document symbol, e.g. A/RES/80/16")
    p.add_argument("para", nargs="?", help='paragraph label, e.g. "PP1", "1" or "2 (b)"')
    p.add_argument("--text", help="trace this text instead of an indexed clause")
    p.add_argument("-k", type=int, default=20, help="at most this many sources (default 20)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--index", help="folder of the index (default: embeddings/)")
    p.set_defaults(run=_trace)


def _lineage(args):
    from .index import Index

    return Index(index=args.index or from_environment().index).lineage()


def _compare(args) -> int:
    from . import redline
    from .lineage import NoPredecessor, UnknownDocument

    if len(args.documents) > 2:
        raise IndexerError(f"compare takes OLD NEW or NEW alone, not {len(args.documents)} symbols")
    lineage = _lineage(args)
    try:
        if len(args.documents) == 1:
            comparison = lineage.compare_with_previous(args.documents[0])
            print(f"note: {comparison.note}", file=sys.stderr)
        else:
            comparison = lineage.compare(*args.documents)
    except UnknownDocument as exc:
        raise IndexerError(f"{exc}: list the documents with python -m indexer corpus") from None
    except NoPredecessor as exc:
        raise IndexerError(f"{exc}: name the older document, python -m indexer compare OLD NEW") from None
    if args.json:
        print(json.dumps(comparison.to_dict(), ensure_ascii=False))
    else:
        print(redline.terminal(comparison, color=sys.stdout.isatty()))
    return 0


def _trace(args) -> int:
    from . import redline
    from .lineage import UnknownClause, UnknownDocument

    if args.text is not None and (args.doc or args.para):
        raise IndexerError("give either DOC PARA or --text, not both")
    if args.text is None and not (args.doc and args.para):
        raise IndexerError('give DOC PARA (e.g. A/RES/80/16 PP1) or --text "..."')
    if args.k < 1:
        raise IndexerError(f"-k must be at least 1, not {args.k}")
    if args.text is not None and not args.text.strip():
        raise IndexerError("--text is empty: give the words to trace")
    lineage = _lineage(args)
    try:
        trace = lineage.trace_text(args.text, k=args.k) if args.text is not None else lineage.trace(args.doc, args.para, k=args.k)
    except (UnknownDocument, UnknownClause) as exc:
        raise IndexerError(f"{exc}: {_LIST}") from None
    if args.json:
        print(json.dumps(trace.to_dict(), ensure_ascii=False))
    else:
        print(redline.trace_lines(trace))
    return 0
