"""The search page: the question, example questions, result cards and exports."""
from __future__ import annotations

import streamlit as st

from indexer import Filters, Index

from . import export, navigation, results

EXAMPLE_QUESTIONS = (
    "What does the GGE have to study?",
    "Should States protect critical infrastructure from ICT threats?",
    "How does international law apply to the use of ICTs?",
    "What assistance should be given to developing countries?",
)


def search_box() -> str:
    """The question; bound to ?q= so a search can be shared as a link and runs on load."""
    query = st.text_input("Ask about the documents", key="q", bind="query-params", icon=":material/search:", max_chars=500,
                          placeholder="e.g. what does the GGE have to study", on_change=navigation.close_document)
    return " ".join((query or "").split())


def examples() -> None:
    st.caption("Ask a question in your own words, or start with one of these:")
    for n, question in enumerate(EXAMPLE_QUESTIONS):
        st.button(question, key=f"example-{n}", on_click=navigation.ask, args=(question,), type="tertiary",
                  icon=":material/lightbulb:")


def page(index: Index, filters: Filters, k: int, query: str) -> None:
    if not query:
        examples()
        return
    hits = index.search(query, k=k, filters=filters)
    if not hits:
        advice = "loosen the filters in the sidebar" if filters.active() else "try other words, or a shorter question"
        st.warning(f"No clause matches this question: {advice}.")
        return
    note = " (filtered)" if filters.active() else ""
    st.caption(f"{len(hits)} clauses{note}, best first")
    with st.expander("Export these results", icon=":material/download:"):
        export.downloads(query, hits)
    results.result_list(index, hits)
