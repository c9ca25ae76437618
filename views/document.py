"""One document read in order: its metadata, every clause, the chosen one marked and scrolled to."""
from __future__ import annotations

import streamlit as st

from indexer import Document, Index

from . import navigation, results, safe

# A fixed script: it names only the marked clause's CSS class and never carries document text.
_SCROLL = """<script>
const target = window.parent.document.querySelector('.st-key-selected-clause');
if (target) { target.scrollIntoView({block: 'start'}); }
</script>"""


def metadata(document: Document) -> None:
    st.subheader(safe.escape(document.symbol), anchor=False)
    if document.title:
        st.markdown(f"**{safe.escape(document.title)}**")
    facts = [document.body, document.date, document.kind, document.session, f"{len(document.clauses)} clauses"]
    st.caption(safe.escape(" · ".join(str(f) for f in facts if f)))


def view(index: Index, symbol: str, para: str | None) -> None:
    st.button("Back to results", icon=":material/arrow_back:", on_click=navigation.close_document, key="back")
    document = index.document(symbol)
    if document is None:
        st.warning(safe.escape(f"No document {symbol} in the index. Pick one on the Corpus page."))
        return
    metadata(document)
    if para and index.clause(symbol, para) is None:
        st.warning(safe.escape(f"{symbol} has no paragraph {para}; showing the whole document."))
        para = None
    heading, chapeau = "", ""
    for clause in document.clauses:
        if clause.heading and clause.heading != heading:
            st.markdown(f"**{safe.escape(clause.heading)}**")
        heading = clause.heading
        if clause.own_text != clause.text and clause.chapeau != chapeau:
            # A run of sub-paragraphs shares one chapeau: show it once, as the document does.
            safe.show(clause.chapeau)
        chapeau = clause.chapeau
        selected = clause.para == para
        with st.container(border=selected, key="selected-clause" if selected else None):
            label = clause.citation.removeprefix(f"{clause.doc}, ")
            st.caption(safe.escape(label + (f" · page {clause.page}" if clause.page else "")))
            safe.show(clause.own_text)
            for footnote in clause.footnotes:
                safe.dim(f"{footnote.number} {footnote.text}")
            if selected:
                st.code(clause.citation, language=None)
                results.similar_clauses(index, clause.doc, clause.para, key="document")
    if para:
        st.iframe(_SCROLL, height=1)

