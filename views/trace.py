"""Where was this agreed? The earlier documents whose clauses share a clause's wording, on its card."""
from __future__ import annotations

import streamlit as st

from indexer.documents import Clause
from indexer import Index

from . import navigation, safe


def panel(index: Index, clause: Clause, key: str, k: int = 10) -> None:
    """Sources earliest first, with their dates, drafts marked, shared words emphasised; computed
    only when opened (the shingle index is built on first use, once per index)."""
    with st.expander("Where was this agreed?", key=f"trace-{key}", on_change="rerun") as box:
        if not box.open:
            return
        trace = index.lineage().trace(clause.doc, clause.para, k=k)
        if not trace.sources:
            st.caption("No earlier document in the index shares a run of this clause's words.")
            return
        many = len(trace.sources) != 1
        st.caption(safe.escape(f"{len(trace.sources)} earlier document{'s' if many else ''} "
                               f"share{'' if many else 's'} wording with this clause, earliest first"))
        for n, source in enumerate(trace.sources):
            with st.container(key=f"source-{key}-{n}"):
                st.code(source.clause.citation, language=None)
                draft = " · DRAFT" if source.kind == "draft" else f" · {source.kind}"
                st.caption(safe.escape(f"{source.date or 'undated'}{draft} · {source.shared_words} words shared, "
                                       f"{source.share:.0%} of this clause"))
                st.markdown(shared_markdown(trace.text, source.spans))
                st.button("Open in document", key=f"source-open-{key}-{n}", icon=":material/description:",
                          type="tertiary", on_click=navigation.open_document, args=(source.clause.doc, source.clause.para))


def shared_markdown(text: str, spans) -> str:
    """The traced clause with the shared runs emphasised; every part escaped on its own."""
    parts, at = [], 0
    for start, end in spans:
        if text[at:start].strip():
            parts.append(safe.escape(text[at:start]))
        parts.append(f":blue-background[{safe.escape(text[start:end])}]")
        at = end
    if text[at:].strip():
        parts.append(safe.escape(text[at:]))
    return " ".join(parts)
