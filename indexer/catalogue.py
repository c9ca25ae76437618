"""The catalogue of the framework's documents: what each one is, where its PDF lives, its checksum.

corpus/catalogue.json lists every resolution and report the project knows by symbol, with the
title, date, issuing body and kind to show for it, the official English PDF address on the UN
documents service, the source each entry was checked against, and the SHA-256 of the PDF once
it has been downloaded. `python -m indexer fetch` reads it; the build asks `lookup` for the
metadata of a document it recognises.
"""
from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from .documents import Document
from .errors import IndexerError

BUNDLED = Path(__file__).resolve().parent.parent / "corpus" / "catalogue.json"
NAME = "catalogue.json"
ODS = "https://documents.un.org/api/symbol/access"  # the UN documents service, addressed by symbol

BODIES = ("General Assembly", "Group of Governmental Experts", "Open-ended Working Group")
KINDS = ("resolution", "GGE report", "OEWG report")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # ISO 8601, to the precision a source gives
_SYMBOL = re.compile(r"^A(/[A-Z0-9.]+)+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ACT = re.compile(r"^(A(/[A-Z0-9.]+)+|decision \d+/\d+)$")  # a resolution's symbol or a numbered decision
_REQUIRED = ("symbol", "title", "date", "body", "kind", "url", "verified_by")


class CatalogueError(IndexerError):
    """The catalogue file is missing, unreadable or has an invalid entry."""


@dataclass(frozen=True)
class Entry:
    """One document of the framework as the catalogue describes it."""

    symbol: str
    title: str
    date: str  # adoption date of a resolution, issue date of a report
    body: str  # issuing body: one of BODIES
    kind: str  # one of KINDS
    url: str  # official English PDF on the UN documents service
    verified_by: str  # the source each fact of the entry was checked against
    established_by: str | None = None  # resolution that set up the body that wrote the report
    endorsed_by: str | None = None  # resolution or decision that welcomed or endorsed the report
    sha256: str | None = None  # of the PDF, recorded after its first download

    @property
    def stem(self) -> str:
        return file_stem(self.symbol)

    @property
    def filename(self) -> str:
        return f"{self.stem}.pdf"

    def address(self, base: str | None = None) -> str:
        """The PDF's address, on the UN documents service or on a mirror given as base."""
        return ods_address(self.symbol, base) if base else self.url

    def to_dict(self) -> dict:
        return asdict(self)


def normalise_symbol(symbol: str) -> str:
    """A/RES/73/266 from 'a/res/73/266', ' A/RES/73/266 ' or the file stem 'A_RES_73_266'."""
    return symbol.strip().upper().replace("_", "/")


def file_stem(symbol: str) -> str:
    """A file name stem safe on every system: A/RES/73/266 -> A_RES_73_266."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", normalise_symbol(symbol)).strip("_")


def ods_address(symbol: str, base: str = ODS) -> str:
    """The 'by symbol' address of a document's English PDF."""
    return f"{base}?" + urlencode({"s": symbol, "l": "en", "t": "pdf"}, safe="/")


def default_path(corpus: Path | None = None) -> Path:
    """The corpus folder's own catalogue when it has one, else the bundled one."""
    if corpus is not None and (corpus / NAME).is_file():
        return corpus / NAME
    return BUNDLED


@dataclass
class Catalogue:
    path: Path
    entries: list[Entry]

    def lookup(self, symbol: str) -> Entry | None:
        wanted = normalise_symbol(symbol)
        return next((e for e in self.entries if e.symbol == wanted), None)

    def by_stem(self, stem: str) -> Entry | None:
        return next((e for e in self.entries if e.stem.lower() == stem.lower()), None)

    def with_checksum(self, symbol: str, digest: str) -> "Catalogue":
        entries = [replace(e, sha256=digest) if e.symbol == symbol else e for e in self.entries]
        return Catalogue(self.path, entries)

    def save(self, path: Path | None = None) -> Path:
        """Write the catalogue atomically: readers see the old file or the new one, never half."""
        target = path or self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"documents": [e.to_dict() for e in self.entries]}, indent=2, ensure_ascii=False) + "\n"
        tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}"
        try:
            with tmp.open("w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        self.path = target
        return target


def load(path: Path | None = None) -> Catalogue:
    """Read and check a catalogue file; every problem is reported with the entry it is in."""
    path = path or BUNDLED
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no catalogue there; give --corpus a folder with catalogue.json or restore corpus/catalogue.json") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogueError(f"{path}: cannot read the catalogue ({exc.__class__.__name__}); fix the JSON or restore it from git") from None
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        raise CatalogueError(f"{path}: the catalogue needs a \"documents\" list")
    entries = [_entry(path, n, item) for n, item in enumerate(documents, 1)]
    seen: set[str] = set()
    for entry in entries:
        if entry.symbol in seen:
            raise CatalogueError(f"{path}: {entry.symbol} is listed twice; keep one entry")
        seen.add(entry.symbol)
    return Catalogue(path, entries)


def _entry(path: Path, n: int, item) -> Entry:
    where = f"{path}: entry {n}"
    if not isinstance(item, dict):
        raise CatalogueError(f"{where} is not an object")
    known = {f.name for f in fields(Entry)}
    unknown = sorted(set(item) - known)
    if unknown:
        raise CatalogueError(f"{where} has unknown fields {', '.join(unknown)}; use {', '.join(sorted(known))}")
    missing = [name for name in _REQUIRED if not isinstance(item.get(name), str) or not item[name].strip()]
    if missing:
        raise CatalogueError(f"{where} ({item.get('symbol', 'no symbol')}) lacks {', '.join(missing)}")
    entry = Entry(**item)
    where = f"{path}: {entry.symbol}"
    if not _SYMBOL.match(entry.symbol):
        raise CatalogueError(f"{where}: not a General Assembly symbol like A/RES/73/266")
    if not _DATE.match(entry.date):
        raise CatalogueError(f"{where}: date {entry.date!r} is not ISO (YYYY-MM-DD, or YYYY-MM when the day is unknown)")
    if entry.body not in BODIES:
        raise CatalogueError(f"{where}: body {entry.body!r} is not one of {', '.join(BODIES)}")
    if entry.kind not in KINDS:
        raise CatalogueError(f"{where}: kind {entry.kind!r} is not one of {', '.join(KINDS)}")
    if entry.url != ods_address(entry.symbol):
        raise CatalogueError(f"{where}: url should be the documents service address {ods_address(entry.symbol)}")
    if entry.sha256 is not None and not _SHA256.match(entry.sha256):
        raise CatalogueError(f"{where}: sha256 must be 64 lowercase hex digits or null")
    for name in ("established_by", "endorsed_by"):
        value = getattr(entry, name)
        if value is not None and not _ACT.match(value):
            raise CatalogueError(f"{where}: {name} {value!r} is neither a symbol like A/RES/73/266 nor 'decision 75/564'")
    return entry


@lru_cache(maxsize=4)
def _cached(path: Path, mtime_ns: int) -> Catalogue:
    return load(path)


def lookup(symbol: str, path: Path | None = None) -> Entry | None:
    """The catalogue entry of a symbol, or None when the catalogue does not list it (or is unreadable)."""
    path = path or BUNDLED
    try:
        catalogue = _cached(path, path.stat().st_mtime_ns)
    except (OSError, CatalogueError):
        return None
    return catalogue.lookup(symbol)


def enrich(document: Document, path: Path | None = None) -> Document:
    """The document with the catalogue's title, date, body and kind when the catalogue knows its symbol."""
    entry = lookup(document.symbol, path)
    if entry is None:
        return document
    # The document's own full date is kept when the catalogue knows only its year or month.
    sharper = document.date.startswith(entry.date) and len(document.date) > len(entry.date)
    date = document.date if sharper else entry.date
    return replace(document, title=entry.title, date=date, body=entry.body, kind=entry.kind)
