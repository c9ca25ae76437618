"""indexer.Index: the one door into the library. The CLI, the app and the benchmark call it.

    from indexer import Index

    index = Index(corpus="corpus", index="embeddings")
    index.build()
    for hit in index.search("what does the GGE have to study", k=3):
        print(hit.citation, hit.score, hit.text[slice(*hit.highlight)])

One Index holds the configuration and what it has loaded (the model, the live generation), and is
safe to share between threads: the app keeps one per configuration for the whole process.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

from . import store
from .build import BuildReport, CorpusDiff, Progress, build, corpus_diff, corpus_files, is_current
from .config import Config, from_environment
from .documents import Clause, Document, Hit
from .embedding import Embedder
from .errors import ClauseNotFound, IndexerError, IndexMissing, ReadOnlyIndex
from .search import Filters, Searcher


@dataclass(frozen=True)
class Status:
    """The live index and whether it holds the corpus as it is now."""

    model: str
    built_at: str
    clauses: int
    documents: int
    generation: str
    fresh: bool
    reason: str | None = None  # why it is not fresh: the corpus changed, or another model or format built it
    changes: CorpusDiff | None = None  # None when the corpus folder is not here


class Index:
    """A corpus folder and the index built from it.

    `model` is a model name or local folder (default: the packaged all-MiniLM-L6-v2), or an object
    with the Embedder interface. With no `corpus`, the index belongs to the corpus its manifest
    names; when that folder is not on this machine the index is served as built (`read_only`).
    Unset paths come from `config` (default: INDEXER_* variables, then corpus/ and embeddings/).
    """

    def __init__(self, corpus: str | Path | None = None, index: str | Path | None = None, model=None,
                 *, config: Config | None = None):
        base = config or from_environment()
        if isinstance(model, str):
            base = replace(base, model=model)
        self.config = base.with_paths(index=index)
        self.read_only = False
        if corpus is not None:
            self.config = self.config.with_paths(corpus=corpus)
        else:
            recorded = (store.read_manifest(self.config.index) or {}).get("corpus_dir")
            if recorded and Path(recorded).is_dir():
                self.config = self.config.with_paths(corpus=recorded)
            elif recorded:
                self.read_only = True
        self.embedder = model if model is not None and not isinstance(model, str) else Embedder(self.config.model)
        self._build_lock = threading.Lock()  # one build at a time per Index
        self._open_lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._checked = False  # whether ensure_current has run
        self._freshness: tuple[tuple, tuple] | None = None  # (what it was computed from, (fresh, reason, diff))

    def __repr__(self) -> str:
        return f"Index(corpus={str(self.config.corpus)!r}, index={str(self.config.index)!r}, model={self.embedder.name!r})"

    # -- building ----------------------------------------------------------------------------

    def build(self, progress: Progress | None = None, force: bool = False) -> BuildReport:
        """Index what changed in the corpus; files that cannot be read are listed in the report.

        `progress(stage, done, total)` is called as files are parsed ("parse") and clauses are
        embedded ("embed")."""
        if self.read_only:
            raise ReadOnlyIndex(self.config.index)
        with self._build_lock:
            return build(self.config, self.embedder, progress=progress, force=force)

    def ensure_current(self, progress: Progress | None = None) -> BuildReport | None:
        """Build when the index is missing or stale; checked once per Index (hashing the corpus on
        every page view would cost more than the search; uploads and rebuilds say so themselves)."""
        if self._checked:
            return None
        with self._build_lock:
            if self._checked:
                return None
            report = None
            if not self.read_only and not self._fresh()[0]:
                report = build(self.config, self.embedder, progress=progress)
            self._checked = True
            return report

    @property
    def checked(self) -> bool:
        return self._checked

    # -- searching and reading -----------------------------------------------------------------

    def searcher(self) -> Searcher:
        """The live generation, loaded once; reopened only when a build has published a new one."""
        generation = store.current(self.config.index).name
        with self._open_lock:
            if self._searcher is None or self._searcher.generation.folder.name != generation:
                self._searcher = Searcher.open(self.config.index, self.embedder)
            return self._searcher

    def search(self, query: str, k: int = 10, filters: Filters | None = None, method: str = "hybrid") -> list[Hit]:
        """The k clauses that best answer the query, best first."""
        return self.searcher().search(query, k=k, filters=filters, method=method)

    def clause(self, doc: str, para: str) -> Clause | None:
        """The clause with this label in this document, or None."""
        return self.searcher().clause(doc, para)

    def similar(self, doc: str, para: str, k: int = 5) -> list[Hit]:
        """The clauses nearest to this one by meaning, in other documents first."""
        if self.clause(doc, para) is None:
            raise ClauseNotFound(doc, para)
        return self.searcher().similar(doc, para, k=k)

    def clauses(self) -> list[Clause]:
        """Every indexed clause in document order (read without loading the model)."""
        if self._searcher is not None:
            return list(self._searcher.clauses)
        return store.load(self.config.index).clauses

    def documents(self) -> list[Document]:
        """Every indexed document, each with its clauses, in the order of its corpus path."""
        return list(self.searcher().documents.values())

    def document(self, symbol: str) -> Document | None:
        return self.searcher().documents.get(symbol)

    def kinds(self) -> set[str]:
        """The clause kinds a filter can choose among (preambular, operative, report)."""
        return self.searcher().kinds_present()

    def evaluate(self, queries) -> dict[str, dict]:
        """Retrieval metrics of BM25, dense and hybrid search on `evaluate.load_queries` queries."""
        from .evaluate import evaluate

        return evaluate(self.searcher(), queries)

    # -- what changed, and where wording comes from (lineage.py) ------------------------------

    def lineage(self):
        """The compare and trace machinery of the live generation, made once per generation."""
        from . import lineage

        # clauses and metadata are all it reads: the model is not loaded for it
        return lineage.of(self.searcher() if self._searcher is not None else store.load(self.config.index))

    def compare(self, old: str, new: str | None = None):
        """Clause-level comparison of OLD and NEW; with one symbol, of it and its predecessor."""
        return self.lineage().compare_with_previous(old) if new is None else self.lineage().compare(old, new)

    def predecessor(self, symbol: str) -> tuple[str, str]:
        """The closest earlier document of the same series, and why it was chosen."""
        return self.lineage().predecessor(symbol)

    def trace(self, doc: str, para: str | None = None, k: int = 20, text: str | None = None):
        """Earlier clauses sharing long runs of this clause's words (or of `text`), earliest first."""
        if text is not None:
            return self.lineage().trace_text(text, k=k)
        return self.lineage().trace(doc, para, k=k)

    # -- freshness ---------------------------------------------------------------------------

    def status(self) -> Status:
        """The live index: its model, size and generation, and whether the corpus has changed since."""
        manifest = store.read_manifest(self.config.index)
        if manifest is None:
            raise IndexMissing(self.config.index)
        fresh, reason, diff = self._fresh()
        return Status(
            model=str(manifest.get("model", {}).get("name", "")),
            built_at=str(manifest.get("built_at", "")),
            clauses=int(manifest.get("count", 0)),
            documents=len(self.searcher().documents),
            generation=store.current(self.config.index).name,
            fresh=fresh,
            reason=reason,
            changes=diff,
        )

    def _fresh(self) -> tuple[bool, str | None, CorpusDiff | None]:
        """(fresh, why not, the corpus diff), from one hash of the corpus; hashed again only when the
        generation or a file's name, size or modification time has changed."""
        key = (_generation_name(self.config.index), _corpus_signature(self.config.corpus))
        if self._freshness is None or self._freshness[0] != key:
            manifest = store.read_manifest(self.config.index)
            try:
                diff = corpus_diff(self.config.corpus, manifest)
            except IndexerError:  # the corpus folder is not here
                diff = None
            if manifest is None:
                answer = (False, f"no index in {self.config.index}/", diff)
            elif diff is None:
                answer = (self.read_only, None if self.read_only else f"corpus folder {self.config.corpus}/ does not exist", None)
            elif is_current(manifest, self.embedder, diff):
                answer = (True, None, diff)
            else:
                answer = (False, diff.reason() or "the index was built with another model or format", diff)
            self._freshness = (key, answer)
        return self._freshness[1]


def _generation_name(index: Path) -> str | None:
    try:
        return store.current(index).name
    except IndexerError:
        return None


def _corpus_signature(corpus: Path) -> tuple:
    """Names, sizes and modification times of the corpus files: cheap to read, changes with any edit."""
    try:
        return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in corpus_files(corpus))
    except (IndexerError, OSError):
        return ()
