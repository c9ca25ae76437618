"""What the workbench needs from the library: a live index kept fresh, uploads saved safely, exports.

The app holds one Workbench per configuration for the whole process; every method is safe to call
from several sessions at once.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import threading
import unicodedata
import uuid
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

from . import store
from .build import BuildReport, Progress, build, corpus_files, is_fresh, stale_reason
from .config import Config, from_environment
from .documents import Hit
from .embedding import Embedder
from .errors import IndexerError, IndexMissing, UnreadableDocument
from .search import Filters, Searcher

UPLOAD_TYPES = ("pdf", "html", "htm", "docx", "txt", "md")
CSV_FIELDS = ("rank", "score", "doc", "para", "page", "text", "citation")
EXAMPLE_QUESTIONS = (
    "What does the GGE have to study?",
    "Should States protect critical infrastructure from ICT threats?",
    "How does international law apply to the use of ICTs?",
    "What assistance should be given to developing countries?",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula


# -- configuration ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    config: Config
    read_only: bool = False  # an index whose corpus is not on this machine: serve it, never rebuild it


def settings_from_args(argv: list[str], base: Path | None = None) -> Settings:
    """The app's settings: flags over INDEXER_* variables over defaults.

    Default paths are taken relative to `base` (the app's folder), so the app finds its corpus from
    any working directory. An index given without a corpus belongs to the corpus its manifest names;
    when that folder is not here, the index is served as it is rather than rebuilt from another corpus.
    """
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    for flag in ("--index", "--corpus", "--model"):
        parser.add_argument(flag)
    args, _ = parser.parse_known_args(argv)
    config = from_environment()
    if args.model:
        config = replace(config, model=args.model)
    explicit_corpus = args.corpus or os.environ.get("INDEXER_CORPUS")
    explicit_index = args.index or os.environ.get("INDEXER_INDEX")
    index = Path(args.index) if args.index else config.index
    corpus = Path(args.corpus) if args.corpus else config.corpus
    if base is not None:
        index = index if explicit_index else base / index
        corpus = corpus if explicit_corpus else base / corpus
    read_only = False
    if explicit_index and not explicit_corpus:
        manifest = store.read_manifest(index)
        recorded = (manifest or {}).get("corpus_dir")
        if recorded and Path(recorded).is_dir():
            corpus = Path(recorded)
        elif manifest is not None:
            read_only = True
    return Settings(config.with_paths(corpus=corpus, index=index), read_only)


# -- the live index ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndexStatus:
    model: str
    built_at: str
    clauses: int
    documents: int
    generation: str
    fresh: bool


class Workbench:
    """One index and its corpus: opens the live generation, rebuilds it when the corpus changes."""

    def __init__(self, config: Config, embedder: Embedder | None = None, read_only: bool = False):
        self.config = config
        self.embedder = embedder or Embedder(config.model)
        self.read_only = read_only
        self._build_lock = threading.Lock()  # one build at a time per process
        self._open_lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._verified = False  # whether this process has checked the index against the corpus
        self._freshness: tuple[tuple, bool] | None = None  # (what it was computed from, answer)

    @property
    def verified(self) -> bool:
        return self._verified

    def ensure_current(self, progress: Progress | None = None) -> BuildReport | None:
        """Build when the index is missing or stale. Checked once per Workbench: hashing the corpus
        on every page view would cost more than the search; later uploads and rebuilds say so themselves."""
        if self._verified:
            return None
        with self._build_lock:
            if self._verified:
                return None
            report = None
            if not self.read_only and not self.is_fresh():
                report = build(self.config, self.embedder, progress=progress, errors=None)
            self._verified = True
            return report

    def is_fresh(self) -> bool:
        """True when the live index holds exactly the corpus as it is now.

        Hashing every file is the test; it is redone only when the generation or a file's name,
        size or modification time has changed, so the corpus page stays quick on large corpora."""
        key = (_generation_name(self.config.index), _corpus_signature(self.config.corpus))
        if self._freshness is None or self._freshness[0] != key:
            self._freshness = (key, is_fresh(self.config, self.embedder))
        return self._freshness[1]

    def stale_reason(self) -> str | None:
        return stale_reason(self.config.index)

    def build(self, progress: Progress | None = None, force: bool = False) -> BuildReport:
        """An incremental build; unreadable files are listed in the report, not raised."""
        if self.read_only:
            raise IndexerError(f"the corpus this index was built from is not on this machine: "
                               f"run python -m indexer build --corpus DIR --index {self.config.index}")
        with self._build_lock:
            return build(self.config, self.embedder, progress=progress, errors=None, force=force)

    def searcher(self) -> Searcher:
        """The Searcher of the live generation; reopened only when a build has published a new one."""
        generation = store.current(self.config.index).name
        with self._open_lock:
            if self._searcher is None or self._searcher.generation.folder.name != generation:
                self._searcher = Searcher.open(self.config.index, self.embedder)
            return self._searcher

    def status(self) -> IndexStatus:
        manifest = store.read_manifest(self.config.index)
        if manifest is None:
            raise IndexMissing(f"no index in {self.config.index}/: build it from the Corpus page")
        model = manifest.get("model", {})
        return IndexStatus(
            model=str(model.get("name", "")),
            built_at=str(manifest.get("built_at", "")),
            clauses=int(manifest.get("count", 0)),
            documents=len(self.searcher().documents),
            generation=store.current(self.config.index).name,
            fresh=self.is_fresh(),
        )

    def save_upload(self, name: str, data: bytes) -> Path:
        """Write an uploaded file into the corpus folder under a safe, unused name; return its path."""
        return save_upload(self.config, name, data)


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


# -- uploads -------------------------------------------------------------------------------------

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


def save_upload(config: Config, name: str, data: bytes) -> Path:
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


# -- exports ---------------------------------------------------------------------------------------

def export_markdown(query: str, hits: list[Hit]) -> str:
    """A citation list to paste into notes: each citation followed by its clause, quoted."""
    lines = [f"# Clauses for: {_markdown_text(query)}", ""]
    for hit in hits:
        lines.append(f"{hit.rank}. **{_markdown_text(hit.clause.citation)}**: \u201c{_markdown_text(hit.clause.text)}\u201d")
    return "\n".join(lines) + "\n"


def export_json(query: str, hits: list[Hit]) -> str:
    """The same object as `python -m indexer search QUERY --json`."""
    return json.dumps({"query": query, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False, indent=1) + "\n"


def export_csv(hits: list[Hit]) -> str:
    """One row per hit with the contract's Hit fields; cells a spreadsheet would run are quoted with '."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for hit in hits:
        row = hit.to_dict()
        writer.writerow({f: _cell(row[f]) for f in CSV_FIELDS})
    return out.getvalue()


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>|~!&#$])")


def _markdown_text(text: str) -> str:
    """Document text as inert Markdown: one line, every character that could make markup escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", " ".join(text.split()))


def filters(docs=(), bodies=(), kinds=(), years: tuple[int, int] | None = None,
            all_years: tuple[int, int] | None = None) -> Filters:
    """Filters from the sidebar's choices: an empty choice, or the full year range, means no limit."""
    return Filters(
        docs=frozenset(docs) or None,
        bodies=frozenset(bodies) or None,
        kinds=frozenset(kinds) or None,
        years=tuple(years) if years is not None and tuple(years) != tuple(all_years or ()) else None,
    )
