"""Build the index: parse what changed, reuse what did not, embed, write a new generation."""
from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np

from . import catalogue, store
from .ann import choose_index
from .config import Config
from .documents import Clause, Document
from .embedding import Embedder
from .errors import IndexerError, NothingIndexed, UnreadableDocument
from .isolation import ParserPool
from .lexical import Lexical
from .readers import READERS

SKIPPED_NAMES = {"catalogue.json", "catalogue.toml", "readme.md", "readme.txt"}

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class BuildReport:
    indexed: list[str] = field(default_factory=list)  # files parsed in this build
    unchanged: list[str] = field(default_factory=list)  # files whose clauses were carried over
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, e.g. "decoded as cp1252")
    added: int = 0  # clauses embedded in this build
    reused: int = 0  # clauses whose vectors were carried over
    removed: int = 0  # clauses of the previous generation no longer present
    clauses: int = 0
    up_to_date: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        if self.up_to_date:
            return f"index is up to date: {self.clauses} clauses from {len(self.unchanged)} files"
        return (
            f"indexed {len(self.indexed)} files, {len(self.unchanged)} unchanged, {len(self.failed)} failed; "
            f"clauses: {self.added} embedded, {self.reused} reused, {self.removed} removed, {self.clauses} in all "
            f"({self.seconds:.1f} s)"
        )


def corpus_files(corpus: Path) -> list[Path]:
    """Every file of the corpus folder a reader could take or a user meant as a document."""
    if not corpus.is_dir():
        raise NothingIndexed(f"corpus folder {corpus}/ does not exist: create it and put documents in it")
    return sorted(
        p for p in corpus.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
        and p.name.lower() not in SKIPPED_NAMES
    )


def file_hash(path: Path) -> str:
    return store.sha256(path)


def model_identity(embedder: Embedder) -> dict:
    return {"name": embedder.name, "weights": embedder.weights}


def vector_key(model: dict, clause: Clause) -> str:
    return hashlib.sha256(f"{model['name']}|{model['weights']}|{clause.context_text()}".encode()).hexdigest()[:32]


def search_text(clause: Clause) -> str:
    """What BM25 reads: the clause in context and the document's symbol."""
    return f"{clause.doc} {clause.context_text()}"


def is_fresh(config: Config, embedder: Embedder) -> bool:
    """True when the live index was built from exactly this corpus with this model and format."""
    manifest = store.read_manifest(config.index)
    if not manifest or manifest.get("format") != store.FORMAT or manifest.get("model") != model_identity(embedder):
        return False
    try:
        files = corpus_files(config.corpus)
    except NothingIndexed:
        return False
    return manifest.get("corpus") == {_relative(p, config.corpus): file_hash(p) for p in files}


def stale_reason(index: Path) -> str | None:
    """Why the live index no longer matches the corpus it was built from, or None when it does."""
    manifest = store.read_manifest(index)
    corpus = Path(manifest.get("corpus_dir", "")) if manifest else None
    if not corpus or not corpus.is_dir():
        return None
    try:
        now = {_relative(p, corpus): file_hash(p) for p in corpus_files(corpus)}
    except (NothingIndexed, OSError):
        return None
    before = manifest.get("corpus", {})
    if now == before:
        return None
    changed = sorted(set(now) ^ set(before) | {k for k in now if k in before and now[k] != before[k]})
    return f"{corpus}/ has changed since the index was built ({', '.join(changed[:3])}{', ...' if len(changed) > 3 else ''})"


def _relative(path: Path, corpus: Path) -> str:
    return str(path.relative_to(corpus))


def build(config: Config, embedder: Embedder, progress: Progress | None = None,
          errors=sys.stderr, force: bool = False) -> BuildReport:
    """Index the corpus into a new generation; an unchanged corpus is left as it is."""
    started = time.perf_counter()
    report = BuildReport()
    files = corpus_files(config.corpus)
    hashes = {_relative(p, config.corpus): file_hash(p) for p in files}
    model = model_identity(embedder)
    previous = store.read_manifest(config.index)
    if (not force and previous and previous.get("format") == store.FORMAT
            and previous.get("model") == model and previous.get("corpus") == hashes):
        report.up_to_date, report.unchanged, report.clauses = True, list(hashes), previous.get("count", 0)
        return report

    old_docs, old_clauses, old_vectors = _previous(config, model)
    loader = threading.Thread(target=_load_model, args=(embedder,), daemon=True)  # load while files are parsed
    loader.start()

    documents: list[Document] = []
    to_parse = []
    for path in files:
        rel = _relative(path, config.corpus)
        if path.suffix.lower() not in READERS:
            _fail(report, errors, path, f"unsupported file type '{path.suffix or path.name}'; use PDF, HTML, DOCX, TXT or MD")
        elif path.stat().st_size > config.max_file_mb * 1024 * 1024:
            _fail(report, errors, path, f"larger than {config.max_file_mb} MB; split it or raise the limit")
        elif rel in old_docs and old_docs[rel]["sha256"] == hashes[rel]:
            documents.append(catalogue.enrich(_carried(old_docs[rel], old_clauses), catalogue.default_path(config.corpus)))
            report.unchanged.append(rel)
        else:
            to_parse.append(path)
    pool = ParserPool(workers=2, seconds=config.parse_seconds, memory_mb=config.parse_memory_mb)
    for n, (path, outcome, note) in enumerate(pool.parse(to_parse), 1):
        if isinstance(outcome, UnreadableDocument):
            _fail(report, errors, path, outcome.reason)
        else:
            # a document is known by its corpus-relative path, so the index moves with the corpus
            outcome = replace(outcome, path=_relative(path, config.corpus))
            documents.append(catalogue.enrich(outcome, catalogue.default_path(config.corpus)))
            report.indexed.append(outcome.path)
            if note:
                report.notes.append((str(path), note))
        if progress:
            progress("parse", n, len(to_parse))
    if not documents:
        raise NothingIndexed(f"nothing could be indexed in {config.corpus}/: add PDF, HTML, DOCX or TXT documents")

    documents.sort(key=lambda d: str(d.path))
    clauses = [c for d in documents for c in d.clauses]
    keys = [vector_key(model, c) for c in clauses]
    missing = [i for i, k in enumerate(keys) if k not in old_vectors]
    loader.join()
    vectors = np.zeros((len(clauses), embedder.dimension), dtype=np.float32)
    for i, key in enumerate(keys):
        if key in old_vectors:
            vectors[i] = old_vectors[key]
    if missing:
        encoded = embedder.encode([clauses[i].context_text() for i in missing], progress=len(missing) > 256)
        vectors[missing] = encoded
    report.added, report.reused = len(missing), len(clauses) - len(missing)
    report.removed = _removed(old_clauses, clauses)
    report.clauses = len(clauses)
    _write(config, embedder, model, documents, clauses, keys, vectors, hashes, report)
    report.seconds = time.perf_counter() - started
    return report


def _load_model(embedder: Embedder) -> None:
    try:
        embedder.model
    except IndexerError:
        pass  # raised again, in one line, where the build first needs the model


def _removed(old: list[Clause], new: list[Clause]) -> int:
    """Clauses of the previous generation that this one no longer holds."""
    kept = Counter((c.doc, c.para, c.text) for c in new)
    gone = Counter((c.doc, c.para, c.text) for c in old) - kept
    return sum(gone.values())


def _fail(report: BuildReport, errors, path: Path, reason: str) -> None:
    report.failed.append((str(path), reason))
    if errors is not None:
        print(f"error: {path}: {reason}", file=errors, flush=True)


def _previous(config: Config, model: dict):
    """Documents (by corpus-relative path), clauses and vectors of the live generation, if usable."""
    try:
        generation = store.load(config.index)
    except Exception:  # no index yet, or one this build replaces
        return {}, [], {}
    docs = {d["file"]: d for d in generation.documents if "file" in d}
    vectors = store.stored_vectors(config.index, model)
    return docs, generation.clauses, vectors


def _carried(meta: dict, clauses: list[Clause]) -> Document:
    first, count = meta["first"], meta["clauses"]
    fields = {k: meta[k] for k in ("symbol", "title", "date", "session", "agenda_item", "body", "kind", "path")}
    return Document(clauses=tuple(clauses[first:first + count]), **fields)


def _write(config, embedder, model, documents, clauses, keys, vectors, hashes, report) -> None:
    folder = store.new_generation(config.index)
    store.write_clauses(folder, clauses, keys)
    metas, first = [], 0
    for d in documents:
        metas.append({**d.metadata(), "file": d.path, "sha256": hashes.get(d.path, ""), "first": first})
        first += len(d.clauses)
    (folder / "documents.json").write_text(json.dumps(metas, indent=1, ensure_ascii=False), encoding="utf-8")
    np.save(folder / "vectors.npy", vectors, allow_pickle=False)
    index_kind, params = choose_index(folder, vectors)
    Lexical.build([search_text(c) for c in clauses]).save(folder / "bm25")
    manifest = {
        "format": store.FORMAT,
        "model": model,
        "dimension": int(vectors.shape[1]),
        "normalized": True,
        "count": len(clauses),
        "index": {"kind": index_kind, **params},
        "corpus": hashes,
        "corpus_dir": str(config.corpus.resolve()),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "summary": {"failed": len(report.failed), "notes": report.notes},
    }
    store.publish(config.index, folder, manifest)
