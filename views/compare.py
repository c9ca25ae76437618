"""Compare with previous: two documents' clauses side by side as a redline, with counts, filters, exports.

The comparison lives in the URL (`?compare=OLD,NEW`, or `?compare=NEW` for its predecessor), so it can
be shared as a link. The redline is built from escaped runs: document text never becomes markup.
"""
from __future__ import annotations

import re

import streamlit as st

from indexer import redline
from indexer.compare import CHANGED, DELETE, DROPPED, EQUAL, NEW, SAME, STATUSES, Comparison, Pair, spaced
from indexer.errors import IndexerError
from indexer import Index

from . import navigation, safe

LABELS = {SAME: "Same", CHANGED: "Changed", NEW: "New", DROPPED: "Dropped"}
SECTIONS = {"preamble": "Preamble", "operative": "Operative part", "annex": "Annex"}


def offer(index: Index, symbol: str) -> None:
    """The "Compare with previous" button of a document: shown when the document has a predecessor."""
    try:
        old, _ = index.lineage().predecessor(symbol)
    except IndexerError as exc:
        st.button("Compare with previous", key="compare-previous", icon=":material/difference:", disabled=True,
                  help=safe.escape(str(exc)))
        return
    st.button(f"Compare with previous ({old})", key="compare-previous", icon=":material/difference:",
              on_click=navigation.open_comparison, args=(old, symbol), type="secondary")


def page(index: Index, spec: str) -> None:
    st.button("Back", icon=":material/arrow_back:", on_click=navigation.close_comparison, key="compare-back")
    comparison = _comparison(index, spec)
    if comparison is None:
        return
    st.subheader(safe.escape(f"{comparison.old} → {comparison.new}"), anchor=False)
    titles = {s: index.lineage().metadata(s) for s in (comparison.old, comparison.new)}
    for symbol, meta in titles.items():
        st.caption(safe.escape(f"{symbol}: {meta.get('title', '')} · {meta.get('date', '') or 'undated'}"))
    if comparison.note:
        st.info(safe.escape(comparison.note[0].upper() + comparison.note[1:]))
    counts = comparison.counts()
    columns = st.columns(4)
    for column, status in zip(columns, STATUSES):
        column.metric(LABELS[status], counts[status])
    shown = st.pills("Show", list(STATUSES), selection_mode="multi", default=[CHANGED, NEW, DROPPED],
                     format_func=LABELS.get, key="show", bind="query-params")
    with st.expander("Export this comparison", icon=":material/download:"):
        stem = "compare-" + "-".join(re.findall(r"[A-Za-z0-9.]+", f"{comparison.old} {comparison.new}")).lower()
        left, right = st.columns(2)
        left.download_button("Redline (Markdown)", redline.markdown(comparison), f"{stem}.md", mime="text/markdown",
                             icon=":material/format_strikethrough:", on_click="ignore", key="compare-md")
        right.download_button("CSV", redline.to_csv(comparison), f"{stem}.csv", mime="text/csv",
                              icon=":material/table:", on_click="ignore", key="compare-csv")
    pairs = [p for p in comparison.pairs if p.status in (shown or ())]
    if not pairs:
        st.caption("No clause to show: choose what to show above.")
    section = None
    for n, pair in enumerate(pairs):
        if pair.section != section:
            section = pair.section
            st.markdown(f"**{SECTIONS.get(section, section)}**")
        _pair(pair, n)


def _comparison(index: Index, spec: str) -> Comparison | None:
    symbols = [s.strip() for s in spec.split(",") if s.strip()]
    try:
        if len(symbols) == 1:
            return index.lineage().compare_with_previous(symbols[0])
        if len(symbols) == 2:
            return index.lineage().compare(*symbols)
    except IndexerError as exc:
        st.warning(safe.escape(f"{exc}. Open a document and use Compare with previous, or give ?compare=OLD,NEW."))
        return None
    st.warning(safe.escape(f"Cannot compare {spec!r}: give two symbols, ?compare=OLD,NEW, or one, ?compare=NEW."))
    return None


def _pair(pair: Pair, n: int) -> None:
    with st.container(border=True, key=f"pair-{pair.status}-{n}"):
        top = st.columns([7, 2], vertical_alignment="center")
        similarity = f" · similarity {pair.similarity:.2f}" if pair.status == CHANGED else ""
        top[0].caption(safe.escape(redline.label(pair) + similarity))
        clause = pair.new or pair.old
        top[1].button("Open in document", key=f"pair-open-{n}", icon=":material/description:", type="tertiary",
                      on_click=_open, args=(clause.doc, clause.para))
        if pair.status == SAME:
            safe.dim(pair.new.text)
        else:
            st.markdown(runs_markdown(pair.diff))


def runs_markdown(diff) -> str:
    """The redline as Markdown: each run escaped on its own, then struck through (deleted, red) or
    bold (inserted, green). Only this function's own markup is live."""
    parts = []
    for op, text in spaced(diff):
        if not text.strip():
            continue
        escaped = safe.escape(text)
        if op == DELETE:
            escaped = f":red-background[~~{escaped}~~]"
        elif op != EQUAL:
            escaped = f":green-background[**{escaped}**]"
        parts.append((" " if text[0].isspace() else "") + escaped + (" " if text[-1].isspace() else ""))
    return "".join(parts).strip()


def _open(doc: str, para: str) -> None:
    navigation.close_comparison()
    navigation.open_document(doc, para)
