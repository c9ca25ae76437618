"""Result cards: citation to copy, the clause with its answer marked, its context, and similar clauses."""
from __future__ import annotations

import hashlib

import streamlit as st

from indexer import Hit, Index

from . import navigation, safe, trace


def relevance(score: float) -> str:
    """A short label a reader can compare across results (scores are fused into 0..1)."""
    filled = max(0, min(5, round(score * 5)))
    return f"relevance {'●' * filled}{'○' * (5 - filled)} {score:.2f}"


def clause_body(hit: Hit, heading: bool = True) -> None:
    """Heading and chapeau dimmed above the clause; the answer span emphasised; footnotes below."""
    clause = hit.clause
    if clause.heading and heading:
        safe.dim(clause.heading)
    text, span = clause.own_text, hit.highlight
    if text != clause.text:
        safe.dim(clause.chapeau)
        cut = len(clause.text) - len(text)
        span = (span[0] - cut, span[1] - cut) if span and span[0] >= cut else None
    safe.show(text, span)
    for footnote in clause.footnotes:
        safe.dim(f"{footnote.number} {footnote.text}")


def card(index: Index, hit: Hit, key: str) -> None:
    clause = hit.clause
    with st.container(border=True, key=f"hit-{key}"):
        top = st.columns([6, 3], vertical_alignment="center")
        with top[0]:
            st.code(clause.citation, language=None)
        with top[1]:
            st.caption(safe.escape(f"#{hit.rank} · {clause.group} · {relevance(hit.score)}"
                                   + (f" · page {clause.page}" if clause.page else "")))
        clause_body(hit)
        if hit.also:  # the same wording in other documents, shown once
            st.caption(safe.escape("Also in " + ", ".join(c.citation for c in hit.also[:8])
                                   + (f" and {len(hit.also) - 8} more" if len(hit.also) > 8 else "")))
        st.button("Open in document", key=f"open-{key}", icon=":material/description:",
                  on_click=navigation.open_document, args=(clause.doc, clause.para), type="tertiary")
        similar_clauses(index, clause.doc, clause.para, key)
        trace.panel(index, clause, key)  # where the clause's wording was first agreed (views/trace.py)


def similar_clauses(index: Index, doc: str, para: str, key: str, k: int = 5, expanded: bool = False) -> None:
    """The nearest clauses by meaning, other documents first; computed only when opened."""
    with st.expander("Similar clauses", key=f"similar-{key}", on_change="rerun", expanded=expanded) as panel:
        if not panel.open:
            return
        hits = index.similar(doc, para, k=k)
        if not hits:
            st.caption("No other clause in the index to compare with.")
        for n, hit in enumerate(hits):
            st.code(hit.clause.citation, language=None)
            clause_body(hit)
            st.button("Open in document", key=f"open-{key}-similar-{n}", icon=":material/description:",
                      on_click=navigation.open_document, args=(hit.clause.doc, hit.clause.para), type="tertiary")


def result_list(index: Index, hits: list[Hit]) -> None:
    for hit in hits:
        card(index, hit, key=widget_key(hit.rank, hit.clause.key))


def widget_key(*parts) -> str:
    """A key safe for widgets and CSS classes; the clause's key keeps panels with their clause."""
    return "-".join(str(p) for p in parts[:-1]) + "-" + hashlib.sha1(str(parts[-1]).encode()).hexdigest()[:10]
