"""Sidebar controls: which clauses a search may return, and how many."""
from __future__ import annotations

import streamlit as st

from indexer import service
from indexer.search import Filters, Searcher

KINDS = {"preambular": "Preambular", "operative": "Operative", "report": "Report paragraph"}


def _years(searcher: Searcher) -> list[int]:
    return sorted({int(m["date"][:4]) for m in searcher.documents.values() if str(m.get("date", ""))[:4].isdigit()})


def _kinds(searcher: Searcher) -> list[str]:
    present = {"operative" if c.kind == "subparagraph" else c.kind for c in searcher.clauses}
    return [k for k in KINDS if k in present]


def controls(searcher: Searcher) -> tuple[Filters, int]:
    """Draw the filters; return them as search Filters and the number of results wanted."""
    with st.sidebar:
        st.subheader("Filters", anchor=False)
        k = st.slider("Number of results", 1, 50, 10, key="k")
        kinds = st.pills("Clause kind", _kinds(searcher), selection_mode="multi", key="kinds",
                         format_func=lambda kind: KINDS.get(kind, kind))
        symbols = sorted(searcher.documents)
        docs = st.multiselect("Documents", symbols, key="docs", placeholder="All documents",
                              format_func=lambda s: _document_label(searcher, s))
        bodies = sorted({m.get("body") for m in searcher.documents.values() if m.get("body")})
        chosen_bodies = st.multiselect("Issuing body", bodies, key="bodies", placeholder="All bodies")
        years = _years(searcher)
        span = None
        if len(years) > 1:
            span = st.slider("Years", years[0], years[-1], (years[0], years[-1]), key="years")
        elif years:
            st.caption(f"All documents are from {years[0]}.")
    choice = service.filters(docs=docs, bodies=chosen_bodies, kinds=kinds or (), years=span,
                             all_years=(years[0], years[-1]) if years else None)
    return choice, k


def _document_label(searcher: Searcher, symbol: str) -> str:
    # Widget options are drawn as plain text, so a title cannot inject markup here.
    title = searcher.documents.get(symbol, {}).get("title", "")
    return f"{symbol} · {title[:60]}" if title else symbol
