"""Sidebar controls: which clauses a search may return, and how many."""
from __future__ import annotations

import streamlit as st

from indexer import Filters, Index

KINDS = {"preambular": "Preambular", "operative": "Operative", "report": "Report paragraph"}


def filters(docs=(), bodies=(), kinds=(), years: tuple[int, int] | None = None,
            all_years: tuple[int, int] | None = None) -> Filters:
    """Filters from the sidebar's choices: an empty choice, or the full year range, means no limit."""
    return Filters(
        docs=frozenset(docs) or None,
        bodies=frozenset(bodies) or None,
        kinds=frozenset(kinds) or None,
        years=tuple(years) if years is not None and tuple(years) != tuple(all_years or ()) else None,
    )


def controls(index: Index) -> tuple[Filters, int]:
    """Draw the filters; return them as search Filters and the number of results wanted."""
    documents = index.documents()
    present = index.kinds()
    with st.sidebar:
        st.subheader("Filters", anchor=False)
        # Bound to the URL, so a filtered search can be shared as a link too.
        k = st.slider("Number of results", 1, 50, 10, key="k", bind="query-params")
        kinds = st.pills("Clause kind", [k for k in KINDS if k in present], selection_mode="multi", key="kinds",
                         format_func=lambda kind: KINDS.get(kind, kind), bind="query-params")
        # Symbols alone, so the URL stays readable (titles are on the Corpus page).
        docs = st.multiselect("Documents", sorted(d.symbol for d in documents), key="docs",
                              placeholder="All documents", bind="query-params")
        bodies = sorted({d.body for d in documents if d.body})
        chosen_bodies = st.multiselect("Issuing body", bodies, key="bodies", placeholder="All bodies",
                                       bind="query-params")
        years = sorted({d.year for d in documents if d.year is not None})
        span = None
        if len(years) > 1:
            span = st.slider("Years", years[0], years[-1], (years[0], years[-1]), key="years", bind="query-params")
        elif years:
            st.caption(f"All documents are from {years[0]}.")
    choice = filters(docs=docs, bodies=chosen_bodies, kinds=kinds or (), years=span,
                     all_years=(years[0], years[-1]) if years else None)
    return choice, k
