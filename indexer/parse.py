"""One file in, one Document out: read its blocks, segment them into clauses."""
from __future__ import annotations

from pathlib import Path

from .documents import Document
from .errors import UnreadableDocument
from .readers import read_blocks
from .segment import segment


def parse_file(path: Path) -> tuple[Document, str | None]:
    """The document's clauses and a note on decoding (None when there is nothing to say)."""
    blocks, note = read_blocks(path)
    document = segment(blocks, fallback_symbol=path.stem, path=str(path))
    if not document.clauses:
        raise UnreadableDocument(path, "no clauses found: the text has no paragraphs to index")
    return document, note
