"""Library errors as one line on screen: the facts the error carries, and what to do in the app."""
from __future__ import annotations

from indexer.errors import IndexerError, IndexMismatch, IndexMissing, ModelUnavailable, NothingIndexed, ReadOnlyIndex

from . import safe


def fix(exc: IndexerError) -> str | None:
    """What the reader can do about the error here, in the app's words."""
    if isinstance(exc, (IndexMissing, IndexMismatch)):
        return "press Rebuild index on the Corpus page"
    if isinstance(exc, NothingIndexed):
        return "create the folder and add documents to it" if exc.missing else "add PDF, HTML, DOCX or TXT documents"
    if isinstance(exc, ReadOnlyIndex):
        return "start the app with --corpus naming that folder to rebuild it"
    if isinstance(exc, ModelUnavailable):
        return "start the app with --model naming a local folder of a sentence-transformers model"
    return None


def explain(exc: IndexerError) -> str:
    """The error and its fix as escaped Markdown, one line."""
    advice = fix(exc)
    return safe.escape(f"{exc}: {advice}" if advice else str(exc))
