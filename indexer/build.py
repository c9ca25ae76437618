"""Build the index: parse what changed, reuse what did not, embed, write a new generation."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np

from . import catalogue, echoes, store
from .ann import choose_index
from .config import Config
from .documents import Clause, Document
from .embedding import Embedder
from .errors import IndexerError, IndexMismatch, IndexMissing, NothingIndexed, UnreadableDocument
from .isolation import ParserPool
from .lexical import Lexical
from .parts import part_texts
from .readers import READERS
from .references import article_titles, referred_titles

SKIPPED_NAMES = {"catalogue.json", "catalogue.toml", "readme.md", "readme.txt"}

Progress = Callable[[str, int, int], None]  # (stage, done, total); stages "parse" (files) and "embed" (clauses and their parts)


@dataclass
class BuildReport:
    indexed: list[str] = field(default_factory=list)  # files parsed in this build
    unchanged: list[str] = field(default_factory=list)  # files whose clauses were carried over
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, e.g. "decoded as cp1252")
    added: int = 0  # clauses embedded in this build
    reused: int = 0  # clauses whose vectors were carried over
    parts_added: int = 0  # parts of long clauses embedded in this build (parts.py)
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
        raise NothingIndexed(corpus, missing=True)
    return sorted(
        p for p in corpus.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
        and p.name.lower() not in SKIPPED_NAMES
    )


@dataclass(frozen=True)
class CorpusDiff:
    """The corpus as it is now against the one an index was built from: the one freshness check."""

    corpus: Path
    hashes: dict[str, str]  # corpus-relative path -> SHA-256, now
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def reason(self) -> str | None:
        """Why the index no longer matches the corpus, in one line; None when it does."""
        if self.unchanged:
            return None
        names = sorted(self.added + self.changed + self.removed)
        more = ", ..." if len(names) > 3 else ""
        return f"{self.corpus}/ has changed since the index was built ({', '.join(names[:3])}{more})"


def corpus_diff(corpus: Path, manifest: dict | None) -> CorpusDiff:
    """Hash every corpus file once and compare with the manifest's record (None: nothing built yet)."""
    now = {str(p.relative_to(corpus)): store.sha256(p) for p in corpus_files(corpus)}
    before = (manifest or {}).get("corpus", {})
    return CorpusDiff(
        corpus=corpus,
        hashes=now,
        added=tuple(k for k in now if k not in before),
        changed=tuple(k for k in now if k in before and before[k] != now[k]),
        removed=tuple(k for k in before if k not in now),
    )


def model_identity(embedder: Embedder) -> dict:
    return {"name": embedder.name, "weights": embedder.weights}


def is_current(manifest: dict | None, embedder: Embedder, diff: CorpusDiff) -> bool:
    """True when that manifest's index holds exactly this corpus, embedded with this model, in this format."""
    return bool(manifest) and manifest.get("format") == store.FORMAT \
        and manifest.get("model") == model_identity(embedder) and diff.unchanged


def vector_key(model: dict, clause: Clause) -> str:
    return hashlib.sha256(f"{model['name']}|{model['weights']}|{clause.context_text()}".encode()).hexdigest()[:32]


def search_texts(clauses: list[Clause]) -> list[str]:
    """What BM25 reads of each clause: the clause in context, the document's symbol, and the titles
    of the articles it refers to."""
    titles = article_titles(clauses)
    return [" ".join([clause.doc, clause.context_text(), *referred_titles(clause, titles)]) for clause in clauses]


def build(config: Config, embedder: Embedder, progress: Progress | None = None, force: bool = False) -> BuildReport:
    """Index the corpus into a new generation; an unchanged corpus is left as it is.

    Files that cannot be read are listed in the report; NothingIndexed when no file could be."""
    started = time.perf_counter()
    report = BuildReport()
    manifest = store.read_manifest(config.index)
    diff = corpus_diff(config.corpus, manifest)
    hashes = diff.hashes
    if not force and is_current(manifest, embedder, diff):
        report.up_to_date, report.unchanged, report.clauses = True, list(hashes), manifest.get("count", 0)
        return report

    model = model_identity(embedder)
    old_docs, old_clauses, old_vectors = _previous(config.index, model)
    loader = threading.Thread(target=_load_model, args=(embedder,), daemon=True)  # load while files are parsed
    loader.start()

    catalogue_path = catalogue.default_path(config.corpus)
    documents: list[Document] = []
    to_parse = []
    for path in corpus_files(config.corpus):
        rel = str(path.relative_to(config.corpus))
        if path.suffix.lower() not in READERS:
            report.failed.append((str(path), f"unsupported file type '{path.suffix or path.name}'; use PDF, HTML, DOCX, TXT or MD"))
        elif path.stat().st_size > config.max_file_mb * 1024 * 1024:
            report.failed.append((str(path), f"larger than {config.max_file_mb} MB; split it or raise the limit"))
        elif rel in old_docs and old_docs[rel]["sha256"] == hashes.get(rel):
            meta = old_docs[rel]
            carried = Document.from_metadata(meta, old_clauses[meta["first"]:meta["first"] + meta["clauses"]])
            documents.append(catalogue.enrich(carried, catalogue_path))
            report.unchanged.append(rel)
        else:
            to_parse.append(path)
    pool = ParserPool(workers=2, seconds=config.parse_seconds, memory_mb=config.parse_memory_mb)
    if progress and to_parse:
        progress("parse", 0, len(to_parse))
    for n, (path, outcome, note) in enumerate(pool.parse(to_parse), 1):
        if isinstance(outcome, UnreadableDocument):
            report.failed.append((str(path), outcome.reason))
        else:
            # a document is known by its corpus-relative path, so the index moves with the corpus
            outcome = replace(outcome, path=str(path.relative_to(config.corpus)))
            documents.append(catalogue.enrich(outcome, catalogue_path))
            report.indexed.append(outcome.path)
            if note:
                report.notes.append((str(path), note))
        if progress:
            progress("parse", n, len(to_parse))
    if not documents:
        raise NothingIndexed(config.corpus, failed=report.failed)

    documents.sort(key=lambda d: str(d.path))
    clauses = [c for d in documents for c in d.clauses]
    keys = [vector_key(model, c) for c in clauses]
    owners, part_keys, part_text = _parts(model, clauses)
    missing = [i for i, k in enumerate(keys) if k not in old_vectors]
    loader.join()
    vectors, parts = _embed(embedder, old_vectors, [c.context_text() for c in clauses], keys, part_text, part_keys, progress)
    report.parts_added = sum(key not in old_vectors for key in part_keys)
    report.added, report.reused = len(missing), len(clauses) - len(missing)
    report.removed = _removed(old_clauses, clauses)
    report.clauses = len(clauses)
    _write(config, model, documents, clauses, keys, vectors, hashes, report, (owners, part_keys, parts))
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


def _previous(index: Path, model: dict) -> tuple[dict, list[Clause], dict]:
    """Documents (by corpus-relative path), clauses and vectors of the live generation, loaded once."""
    try:
        generation = store.load(index)
    except (IndexMissing, IndexMismatch):  # no index yet, or one this build replaces
        return {}, [], {}
    docs = {d["file"]: d for d in generation.documents if "file" in d}
    return docs, generation.clauses, store.stored_vectors(generation, model)


def _parts(model: dict, clauses: list[Clause]) -> tuple[list[int], list[str], list[str]]:
    """The parts of long clauses embedded beside them: their clause's row, content keys and texts."""
    owners, keys, texts = [], [], []
    for i, clause in enumerate(clauses):
        for text in part_texts(clause):
            owners.append(i)
            texts.append(text)
            keys.append(hashlib.sha256(f"{model['name']}|{model['weights']}|part|{text}".encode()).hexdigest()[:32])
    return owners, keys, texts


def _embed(embedder, old_vectors: dict, texts: list[str], keys: list[str], part_text: list[str],
           part_keys: list[str], progress) -> tuple[np.ndarray, np.ndarray]:
    """Clause and part vectors: reused where the same text was embedded before, else encoded in one pass."""
    all_keys, all_texts = keys + part_keys, texts + part_text
    vectors = np.zeros((len(all_keys), embedder.dimension), dtype=np.float32)
    missing = []
    for i, key in enumerate(all_keys):
        if key in old_vectors:
            vectors[i] = old_vectors[key]
        else:
            missing.append(i)
    if missing:
        embedded = (lambda done, total: progress("embed", done, total)) if progress else None
        if embedded:
            embedded(0, len(missing))
        vectors[missing] = embedder.encode([all_texts[i] for i in missing], progress=embedded)
    return vectors[:len(keys)], vectors[len(keys):]


def _write(config, model, documents, clauses, keys, vectors, hashes, report, parts) -> None:
    folder = store.new_generation(config.index)
    store.write_clauses(folder, clauses, keys)
    store.write_parts(folder, *parts)
    np.save(folder / "echoes.npy", echoes.groups([c.text for c in clauses]).astype(np.int32), allow_pickle=False)
    metas, first = [], 0
    for d in documents:
        metas.append({**d.metadata(), "file": d.path, "sha256": hashes.get(d.path, ""), "first": first})
        first += len(d.clauses)
    (folder / "documents.json").write_text(json.dumps(metas, indent=1, ensure_ascii=False), encoding="utf-8")
    np.save(folder / "vectors.npy", vectors, allow_pickle=False)
    index_kind, params = choose_index(folder, vectors)
    Lexical.build(search_texts(clauses)).save(folder / "bm25")
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
