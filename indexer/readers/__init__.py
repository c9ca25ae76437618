"""Readers turn a file into blocks of text; one module per format."""
from __future__ import annotations

from pathlib import Path

from ..documents import Block
from ..errors import UnreadableDocument
from . import text

READERS = {".txt": text.read, ".md": text.read}


def _register_optional():
    # Each format's reader is registered when its module is present.
    for name, suffixes in (("pdf", (".pdf",)), ("html", (".html", ".htm")), ("docx", (".docx",))):
        try:
            module = __import__(f"{__name__}.{name}", fromlist=["read"])
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(__name__):
                continue
            raise
        for suffix in suffixes:
            READERS[suffix] = module.read


_register_optional()


def read_blocks(path: Path) -> tuple[list[Block], str | None]:
    """Blocks of the file and a note on how it was decoded (None when nothing to say)."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableDocument(path, f"unsupported file type '{path.suffix}'; use PDF, HTML, DOCX, TXT or MD")
    return reader(path)
