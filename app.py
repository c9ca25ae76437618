"""The researcher's workbench: ask a question, get the clauses that answer it, with citations.

    streamlit run app.py                      # the bundled corpus, indexed first when needed
    streamlit run app.py -- --index DIR       # an index written by python -m indexer build --index DIR
"""
import os
import sys
from pathlib import Path

import streamlit as st

from indexer import service
from views import compare, corpus, document, loading, navigation, search, sidebar

os.environ.setdefault("HF_HUB_OFFLINE", "1")

st.set_page_config(page_title="UN cyber-norms clause search", page_icon=":material/gavel:", layout="wide")

settings = service.settings_from_args(sys.argv[1:], base=Path(__file__).resolve().parent)
work = loading.workbench(settings)
searcher = loading.ready(work)

view = st.sidebar.segmented_control("View", ["Search", "Corpus"], default="Search", required=True,
                                    key="view", bind="query-params")
if view == "Corpus":
    corpus.page(work)
    st.stop()

st.title("UN cyber-norms clause search", anchor=False)
query = search.search_box()
filters, k = sidebar.controls(searcher)
doc, para = navigation.selected_document()
comparison = navigation.selected_comparison()
if comparison:
    compare.page(searcher, comparison)
elif doc:
    compare.offer(searcher, doc)
    document.view(searcher, doc, para)
else:
    search.page(searcher, filters, k, query)
