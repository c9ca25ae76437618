"""Opening the index when the app starts: build it first when missing or stale, explain any failure."""
from __future__ import annotations

import streamlit as st

from indexer import service
from indexer.embedding import Embedder
from indexer.errors import IndexerError
from indexer.search import Searcher

from . import corpus, safe


@st.cache_resource(show_spinner=False)
def embedder(name: str) -> Embedder:
    """The embedding model, loaded once per process (it loads lazily, on the first encode)."""
    import torch

    # Sessions encode one short query at a time; a second intra-op thread gains little there and,
    # on a busy machine, spinning threads made each query 20 times slower (0.5 s against 28 ms).
    torch.set_num_threads(1)
    return Embedder(name)


@st.cache_resource(show_spinner=False)
def workbench(settings: service.Settings) -> service.Workbench:
    """One Workbench (searcher, build lock) per configuration, shared by all sessions."""
    return service.Workbench(settings.config, embedder(settings.config.model), read_only=settings.read_only)


def ready(work: service.Workbench) -> Searcher:
    """The live Searcher; the first page view of the process builds or refreshes the index first."""
    try:
        if not work.verified:
            slot = st.empty()
            try:
                with slot.container(), st.spinner("Checking the index against the corpus; building it if needed…"):
                    report = work.ensure_current(progress=corpus.lazy_progress())
            except OSError as exc:
                # e.g. an index folder that is not writable: serve the index as it was built, if there is one
                report = None
                st.warning(safe.escape(f"could not update the index ({exc.strerror or exc.__class__.__name__}: "
                                       f"{exc.filename or work.config.index}); showing it as it was built"))
            slot.empty()
            if report is not None:
                corpus.failures(report)
                st.toast(safe.escape(report.summary()))
        return work.searcher()
    except IndexerError as exc:
        st.error(safe.escape(str(exc)))
        if not work.config.corpus.is_dir() or not any(work.config.corpus.iterdir()):
            if corpus.upload(work):
                st.rerun()  # the first documents are indexed: open the workbench
        st.stop()
