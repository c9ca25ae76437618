"""Uploaded files saved into the corpus folder: safe names, atomic writes, nothing overwritten."""
from __future__ import annotations

import os
import re
import unicodedata
import uuid
from pathlib import Path, PurePosixPath, PureWindowsPath

from indexer.config import Config
from indexer.errors import IndexerError, UnreadableDocument

UPLOAD_TYPES = ("pdf", "html", "htm", "docx", "txt", "md")


def safe_name(name: str) -> str:
    """A file name that cannot leave the corpus folder, hide itself or confuse a shell."""
    stem_and_suffix = PureWindowsPath(PurePosixPath(name).name).name
    text = unicodedata.normalize("NFKC", stem_and_suffix)
    text = re.sub(r"[^\w.\-]+", "_", text, flags=re.ASCII).strip("._-")
    suffix = Path(text).suffix.lower()
    stem = Path(text).stem.strip("._-")[:80] if suffix else text[:80]
    if not stem or suffix.lstrip(".") not in UPLOAD_TYPES:
        raise UnreadableDocument(name, f"not a document file; upload {', '.join(t.upper() for t in UPLOAD_TYPES if t != 'htm')}")
    return f"{stem}{suffix}"


def save(config: Config, name: str, data: bytes) -> Path:
    """Save under the corpus folder, atomically; an identical file already there is reused."""
    filename = safe_name(name)
    limit = config.max_file_mb * 1024 * 1024
    if len(data) > limit:
        raise UnreadableDocument(name, f"larger than {config.max_file_mb} MB; split it before uploading")
    if not data:
        raise UnreadableDocument(name, "the file is empty")
    folder = config.corpus
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _unused(folder, filename, data)
        if target.exists():
            return target
        partial = folder / f".upload-{uuid.uuid4().hex[:8]}"  # hidden, so a concurrent build skips it
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as exc:
        raise IndexerError(f"cannot save {filename} into {folder}/ ({exc.strerror or exc.__class__.__name__}): check the folder is writable") from None
    return target


def _unused(folder: Path, filename: str, data: bytes) -> Path:
    """The name itself, or name-2, name-3, ...; a file with the same content is returned as is."""
    stem, suffix = Path(filename).stem, Path(filename).suffix
    for n in range(1, 1000):
        candidate = folder / (filename if n == 1 else f"{stem}-{n}{suffix}")
        if not candidate.exists() or candidate.read_bytes() == data:
            return candidate
    raise IndexerError(f"too many files named {filename} in {folder}/: rename the upload")
