"""Clause-level semantic search over UN cyber-norms documents.

    from indexer import Index
    index = Index(corpus="corpus", index="embeddings")
    index.build()
    hits = index.search("what does the GGE have to study", k=3)
"""
from .config import Config
from .documents import Block, Clause, Document, Footnote, Hit
from .errors import (
    ClauseNotFound, IndexerError, IndexMismatch, IndexMissing, ModelUnavailable, NothingIndexed, ReadOnlyIndex,
    UnreadableDocument,
)

__version__ = "0.4.0"

__all__ = [
    "Index", "Status", "BuildReport", "Filters",
    "Block", "Clause", "Config", "Document", "Footnote", "Hit",
    "ClauseNotFound", "IndexerError", "IndexMismatch", "IndexMissing", "ModelUnavailable", "NothingIndexed",
    "ReadOnlyIndex", "UnreadableDocument",
]

_LAZY = {"Index": "index", "Status": "index", "BuildReport": "build", "Filters": "search"}


def __getattr__(name: str):
    # The facade pulls in numpy, FAISS and BM25 on first use, not on `import indexer`: parser processes
    # import the package too, and must start quickly.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
