"""Typed errors of the library. Each states the facts in one line and carries them as attributes;
what to do about it is for the caller to say (the CLI names a command, the app a button)."""
from __future__ import annotations

from pathlib import Path


class IndexerError(Exception):
    """Base class: the message is one line of facts."""


class UnreadableDocument(IndexerError):
    """A corpus file that cannot be read or parsed into clauses."""

    def __init__(self, path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexFolderError(IndexerError):
    """Something about the index folder `index`."""

    def __init__(self, index: Path, message: str):
        super().__init__(message)
        self.index = Path(index)


class IndexMissing(IndexFolderError):
    """No index has been built at the given folder."""

    def __init__(self, index: Path):
        super().__init__(index, f"no index in {index}/")


class IndexMismatch(IndexFolderError):
    """The index on disk does not match this program, its model or its own manifest."""

    def __init__(self, index: Path, reason: str):
        super().__init__(index, reason)
        self.reason = reason


class ModelUnavailable(IndexerError):
    """The embedding model cannot be loaded offline."""

    def __init__(self, model: str, reason: str):
        super().__init__(reason)
        self.model = model
        self.reason = reason


class NothingIndexed(IndexerError):
    """No file of the corpus could be indexed: the folder is missing, or every file failed."""

    def __init__(self, corpus: Path, missing: bool = False, failed: list[tuple[str, str]] | None = None):
        super().__init__(f"corpus folder {corpus}/ does not exist" if missing else f"nothing could be indexed in {corpus}/")
        self.corpus = Path(corpus)
        self.missing = missing
        self.failed = list(failed or [])  # (path, reason) of each file that could not be read


class ReadOnlyIndex(IndexFolderError):
    """The index is served as it was built: the corpus it was built from is not on this machine."""

    def __init__(self, index: Path):
        super().__init__(index, f"the corpus the index in {index}/ was built from is not on this machine")


class ClauseNotFound(IndexerError):
    """No clause of the index has this document symbol and label."""

    def __init__(self, doc: str, para: str):
        super().__init__(f"no clause {doc}, para {para!r} in the index")
        self.doc = doc
        self.para = para
