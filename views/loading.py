"""Opening the index when the app starts: build it first when missing or stale, explain any failure."""
from __future__ import annotations

import streamlit as st

from indexer import Index
from indexer.embedding import Embedder
from indexer.errors import IndexerError

from . import corpus, messages, safe, settings


@st.cache_resource(show_spinner=False)
def embedder(name: str) -> Embedder:
    """The embedding model, loaded once per process (it loads lazily, on the first encode)."""
    import torch

    # Sessions encode one short query at a time; a second intra-op thread gains little there and,
    # on a busy machine, spinning threads made each query 20 times slower (0.5 s against 28 ms).
    torch.set_num_threads(1)
    return Embedder(name)


@st.cache_resource(show_spinner=False)
def index(chosen: settings.Settings) -> Index:
    """One Index (searcher, build lock) per configuration, shared by all sessions."""
    return settings.open_index(chosen, embedder(chosen.config.model))


def ready(index: Index) -> None:
    """Return once the index can be searched; the first page view of the process builds or refreshes
    it first. Otherwise explain why not, offer an upload when the corpus is empty, and stop."""
    try:
        if not index.checked:
            slot = st.empty()
            try:
                with slot.container(), st.spinner("Checking the index against the corpus; building it if needed…"):
                    report = index.ensure_current(progress=corpus.lazy_progress())
            except OSError as exc:
                # e.g. an index folder that is not writable: serve the index as it was built, if there is one
                report = None
                st.warning(safe.escape(f"could not update the index ({exc.strerror or exc.__class__.__name__}: "
                                       f"{exc.filename or index.config.index}); showing it as it was built"))
            slot.empty()
            if report is not None:
                corpus.failures(report.failed)
                st.toast(safe.escape(report.summary()))
        index.searcher()
    except IndexerError as exc:
        corpus.failures(getattr(exc, "failed", []))
        st.error(messages.explain(exc))
        if not index.config.corpus.is_dir() or not any(index.config.corpus.iterdir()):
            if corpus.upload(index):
                st.rerun()  # the first documents are indexed: open the workbench
        st.stop()
