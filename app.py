"""The researcher's workbench: ask a question, get the clauses that answer it, with citations.

    streamlit run app.py                      # the bundled corpus, indexed first when needed
    streamlit run app.py -- --index DIR       # an index written by python -m indexer build --index DIR
"""
import os
import sys
from pathlib import Path

import streamlit as st

from views import compare, corpus, document, loading, navigation, search, settings, sidebar

os.environ.setdefault("HF_HUB_OFFLINE", "1")

st.set_page_config(page_title="UN cyber-norms clause search", page_icon=":material/gavel:", layout="wide")

index = loading.index(settings.from_args(sys.argv[1:], base=Path(__file__).resolve().parent))
loading.ready(index)

view = st.sidebar.segmented_control("View", ["Search", "Corpus"], default="Search", required=True,
                                    key="view", bind="query-params")
if view == "Corpus":
    corpus.page(index)
    st.stop()

st.title("UN cyber-norms clause search", anchor=False)
query = search.search_box()
filters, k = sidebar.controls(index)
doc, para = navigation.selected_document()
comparison = navigation.selected_comparison()
if comparison:
    compare.page(index, comparison)
elif doc:
    compare.offer(index, doc)
    document.view(index, doc, para)
else:
    search.page(index, filters, k, query)
