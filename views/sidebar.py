"""Sidebar controls: which clauses a search may return, and how many."""
from __future__ import annotations

import streamlit as st

from indexer import service
from indexer.search import Filters, Searcher

KINDS = {"preambular": "Preambular", "operative": "Operative", "report": "Report paragraph"}


def _years(searcher: Searcher) -> list[int]:
    return sorted({int(m["date"][:4]) for m in searcher.documents.values() if str(m.get("date", ""))[:4].isdigit()})


def _kinds(searcher: Searcher) -> list[str]:
    present = searcher.kinds_present()
    return [k for k in KINDS if k in present]


def controls(searcher: Searcher) -> tuple[Filters, int]:
    """Draw the filters; return them as search Filters and the number of results wanted."""
    with st.sidebar:
        st.subheader("Filters", anchor=False)
        # Bound to the URL, so a filtered search can be shared as a link too.
        k = st.slider("Number of results", 1, 50, 10, key="k", bind="query-params")
        kinds = st.pills("Clause kind", _kinds(searcher), selection_mode="multi", key="kinds",
                         format_func=lambda kind: KINDS.get(kind, kind), bind="query-params")
        symbols = sorted(searcher.documents)
        # Symbols alone, so the URL stays readable (titles are on the Corpus page).
        docs = st.multiselect("Documents", symbols, key="docs", placeholder="All documents", bind="query-params")
        bodies = sorted({m.get("body") for m in searcher.documents.values() if m.get("body")})
        chosen_bodies = st.multiselect("Issuing body", bodies, key="bodies", placeholder="All bodies",
                                       bind="query-params")
        years = _years(searcher)
        span = None
        if len(years) > 1:
            span = st.slider("Years", years[0], years[-1], (years[0], years[-1]), key="years", bind="query-params")
        elif years:
            st.caption(f"All documents are from {years[0]}.")
    choice = service.filters(docs=docs, bodies=chosen_bodies, kinds=kinds or (), years=span,
                             all_years=(years[0], years[-1]) if years else None)
    return choice, k

