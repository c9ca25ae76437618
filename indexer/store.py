"""Index generations on disk: each build writes a whole new folder, then a pointer switches to it.

embeddings/CURRENT names the live generation; a generation holds manifest.json, clauses.jsonl,
documents.json, vectors.npy, bm25/ and, for large corpora, ann.faiss. The manifest records a
SHA-256 of every file; loading checks them all, so a truncated or altered file is refused
instead of answering with shifted clauses. Nothing is ever unpickled.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .documents import Clause
from .errors import IndexMismatch, IndexMissing

FORMAT = 12  # bump when clause segmentation, what BM25 or the model reads (the parts), or the files' layout changes
POINTER = "CURRENT"


@dataclass
class Generation:
    folder: Path
    manifest: dict
    clauses: list[Clause]
    documents: list[dict]
    vectors: np.ndarray  # float32, one unit-length row per clause (memory-mapped)
    keys: list[str]  # per clause, the content key its vector was made from (model and context text)
    parts: np.ndarray  # float32, one unit-length row per part of a long clause (parts.py)
    part_owners: np.ndarray  # per part, the row of its clause (ascending)
    part_keys: list[str]
    echoes: np.ndarray  # per clause, the first clause of its group of near-identical clauses (echoes.py)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_path(path: Path) -> None:
    """Flush a file or a folder's entries to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        fsync_path(path)
    fsync_path(folder)


def new_generation(index: Path) -> Path:
    """A fresh, empty folder for the next generation (invisible to readers until published)."""
    index.mkdir(parents=True, exist_ok=True)
    folder = index / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    return folder


def write_clauses(folder: Path, clauses: list[Clause], keys: list[str]) -> None:
    with (folder / "clauses.jsonl").open("w", encoding="utf-8") as f:
        for clause, key in zip(clauses, keys):
            f.write(json.dumps({**clause.to_dict(), "vector_key": key}, ensure_ascii=False) + "\n")


def write_parts(folder: Path, owners: list[int], keys: list[str], vectors: np.ndarray) -> None:
    (folder / "parts.json").write_text(json.dumps({"owners": owners, "keys": keys}), encoding="utf-8")
    np.save(folder / "parts.npy", np.asarray(vectors, dtype=np.float32), allow_pickle=False)


def publish(index: Path, folder: Path, manifest: dict) -> None:
    """Seal the generation (hashes, fsync) and switch the pointer to it atomically."""
    manifest = dict(manifest)
    manifest["files"] = {
        str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "manifest.json"
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    _fsync_tree(folder)
    tmp = index / f".{POINTER}.{uuid.uuid4().hex[:8]}"
    with tmp.open("w", encoding="utf-8") as f:
        # the pointer carries the manifest's hash, so the manifest itself cannot be altered unseen
        f.write(f"{folder.name} {sha256(folder / 'manifest.json')}\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, index / POINTER)
    fsync_path(index)
    clean_old(index, keep=folder.name)


def clean_old(index: Path, keep: str) -> None:
    """Remove generations and half-written leftovers other than the live one."""
    for path in index.iterdir():
        if path.name == keep or path.name == POINTER:
            continue
        if path.name.startswith("gen-") and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(f".{POINTER}."):
            path.unlink(missing_ok=True)


def _pointer(index: Path) -> tuple[Path, str]:
    pointer = index / POINTER
    if not pointer.is_file():
        raise IndexMissing(index)
    name, _, digest = pointer.read_text(encoding="utf-8").strip().partition(" ")
    folder = index / name
    if not name.startswith("gen-") or "/" in name or not folder.is_dir():
        raise IndexMismatch(index, f"the index pointer in {index}/ names a missing generation")
    return folder, digest


def current(index: Path) -> Path:
    return _pointer(index)[0]


def read_manifest(index: Path) -> dict | None:
    """The live manifest, or None when there is no readable index."""
    try:
        return json.loads((current(index) / "manifest.json").read_text(encoding="utf-8"))
    except (IndexMissing, IndexMismatch, OSError, ValueError):
        return None


def load(index: Path) -> Generation:
    """The live generation, every file checked against the manifest's hashes."""
    folder, digest = _pointer(index)
    try:
        if sha256(folder / "manifest.json") != digest:
            raise IndexMismatch(index, f"index file {folder / 'manifest.json'} is damaged or altered")
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise IndexMismatch(index, f"the index manifest in {folder} is unreadable") from None
    if manifest.get("format") != FORMAT:
        raise IndexMismatch(index, f"the index in {index}/ has format {manifest.get('format')}, this program reads {FORMAT}")
    for name, digest in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file() or sha256(path) != digest:
            raise IndexMismatch(index, f"index file {path} is damaged or altered")
    try:
        rows = [json.loads(line) for line in (folder / "clauses.jsonl").read_text(encoding="utf-8").splitlines()]
        keys = [row.pop("vector_key") for row in rows]
        clauses = [Clause.from_dict(row) for row in rows]
        documents = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
        vectors = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
        parts = json.loads((folder / "parts.json").read_text(encoding="utf-8"))
        part_vectors = np.load(folder / "parts.npy", mmap_mode="r", allow_pickle=False)
        echoes = np.load(folder / "echoes.npy", allow_pickle=False)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexMismatch(index, f"the index in {folder} cannot be read ({exc.__class__.__name__})") from None
    count = manifest.get("count")
    if not (len(clauses) == count == vectors.shape[0]) or vectors.shape[1] != manifest.get("dimension"):
        raise IndexMismatch(index, f"the index in {folder} holds {vectors.shape[0]} vectors for {len(clauses)} clauses")
    owners = np.asarray(parts["owners"], dtype=np.int64)
    if len(owners) != len(part_vectors) or len(echoes) != len(clauses) or (len(owners) and owners.max() >= len(clauses)):
        raise IndexMismatch(index, f"the index in {folder} holds parts or groups that do not match its clauses")
    return Generation(folder, manifest, clauses, documents, vectors, keys, part_vectors, owners, parts["keys"], echoes)


def stored_vectors(generation: Generation, model_id: dict) -> dict[str, np.ndarray]:
    """Vectors of a generation by content key, for reuse when the model is the same."""
    if generation.manifest.get("model") != model_id:
        return {}
    vectors = np.asarray(generation.vectors)
    found = {key: vectors[i] for i, key in enumerate(generation.keys)}
    found.update(zip(generation.part_keys, generation.parts))
    return found
