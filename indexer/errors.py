"""Typed errors of the library; the CLI and the app turn them into one-line messages."""


class IndexerError(Exception):
    """Base class: the message is one line that says what to do."""


class UnreadableDocument(IndexerError):
    """A corpus file that cannot be read or parsed into clauses."""

    def __init__(self, path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexMissing(IndexerError):
    """No index has been built at the given folder."""


class IndexMismatch(IndexerError):
    """The index on disk does not match this program, its model or its own manifest."""


class ModelUnavailable(IndexerError):
    """The embedding model cannot be loaded offline."""


class NothingIndexed(IndexerError):
    """No file of the corpus could be indexed."""
