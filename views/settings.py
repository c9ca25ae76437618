"""The app's own command line: `streamlit run app.py -- --index DIR --corpus DIR --model NAME`."""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, replace
from pathlib import Path

from indexer import Index
from indexer.config import Config, from_environment


@dataclass(frozen=True)
class Settings:
    config: Config  # paths as given, or the defaults taken relative to the app's folder
    corpus_given: bool = True  # False: the index names its corpus, and is served as built when that is not here


def from_args(argv: list[str], base: Path | None = None) -> Settings:
    """Flags over INDEXER_* variables over defaults.

    Default paths are taken relative to `base` (the app's folder), so the app finds its corpus from
    any working directory. An index given without a corpus belongs to the corpus its manifest names.
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
    return Settings(config.with_paths(corpus=corpus, index=index), corpus_given=not (explicit_index and not explicit_corpus))


def open_index(settings: Settings, embedder=None) -> Index:
    """The Index these settings describe; `embedder` shares one loaded model between indexes."""
    config = settings.config
    return Index(corpus=config.corpus if settings.corpus_given else None, index=config.index,
                 model=embedder, config=config)
