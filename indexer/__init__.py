"""Clause-level semantic search over UN cyber-norms documents."""
from .config import Config
from .documents import Block, Clause, Document, Footnote, Hit
from .errors import IndexerError, IndexMismatch, IndexMissing, ModelUnavailable, NothingIndexed, UnreadableDocument

__all__ = [
    "Block", "Clause", "Config", "Document", "Footnote", "Hit",
    "IndexerError", "IndexMismatch", "IndexMissing", "ModelUnavailable", "NothingIndexed", "UnreadableDocument",
]
