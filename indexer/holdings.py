"""What the corpus holds of the catalogue: each catalogued document indexed, not indexed or missing,
and the corpus files the catalogue does not list."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue as cat
from . import store
from .build import corpus_diff

INDEXED, NOT_INDEXED, MISSING = "indexed", "not indexed", "missing"


@dataclass
class Holding:
    """A catalogued document and what the corpus folder and the index hold of it."""

    entry: cat.Entry
    status: str  # indexed, not indexed or missing
    file: str | None = None  # path relative to the corpus folder
    checksum: str | None = None  # "ok" or "differs" when the catalogue has one to compare with

    def to_dict(self) -> dict:
        e = self.entry
        return {"symbol": e.symbol, "title": e.title, "date": e.date, "body": e.body, "kind": e.kind,
                "status": self.status, "file": self.file, "checksum": self.checksum}


@dataclass
class Listing:
    catalogue: Path
    holdings: list[Holding]
    others: list[tuple[str, str]] = field(default_factory=list)  # (file, indexed or not indexed)

    def count(self, status: str) -> int:
        return sum(1 for h in self.holdings if h.status == status)

    def to_dict(self) -> dict:
        return {"catalogue": str(self.catalogue), "documents": [h.to_dict() for h in self.holdings],
                "others": [{"file": f, "status": s} for f, s in self.others]}


def listing(corpus: Path, index: Path, catalogue_path: Path | None = None) -> Listing:
    """Each catalogued document with its status, and the corpus files the catalogue does not list."""
    book = cat.load(catalogue_path or cat.default_path(corpus))
    manifest = store.read_manifest(index) or {}
    indexed = manifest.get("corpus", {})
    # the build's own rule for which files are documents, and its one hash of each
    hashes = corpus_diff(corpus, manifest).hashes if corpus.is_dir() else {}
    by_stem: dict[str, list[str]] = {}
    for rel in hashes:
        by_stem.setdefault(Path(rel).stem.lower(), []).append(rel)
    holdings, claimed = [], set()
    for entry in book.entries:
        found = sorted(by_stem.get(entry.stem.lower(), []), key=lambda rel: not rel.endswith(".pdf"))
        if not found:
            holdings.append(Holding(entry, MISSING))
            continue
        rel = found[0]
        claimed.update(found)
        status = INDEXED if indexed.get(rel) == hashes[rel] else NOT_INDEXED
        checksum = None
        if entry.sha256 and rel.endswith(".pdf"):
            checksum = "ok" if hashes[rel] == entry.sha256 else "differs"
        holdings.append(Holding(entry, status, rel, checksum))
    others = [(rel, INDEXED if indexed.get(rel) == digest else NOT_INDEXED)
              for rel, digest in hashes.items() if rel not in claimed]
    return Listing(book.path, holdings, others)
