"""Download buttons for the current results: a Markdown citation list, CSV and JSON."""
from __future__ import annotations

import re

import streamlit as st

from indexer import service
from indexer.documents import Hit


def file_stem(query: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", query.lower())[:6]
    return "clauses-" + ("-".join(words) or "results")


def downloads(query: str, hits: list[Hit]) -> None:
    stem = file_stem(query)
    columns = st.columns(3)
    columns[0].download_button("Citations (Markdown)", service.export_markdown(query, hits), f"{stem}.md",
                               mime="text/markdown", icon=":material/format_quote:", on_click="ignore", key="export-md")
    columns[1].download_button("CSV", service.export_csv(hits), f"{stem}.csv",
                               mime="text/csv", icon=":material/table:", on_click="ignore", key="export-csv")
    columns[2].download_button("JSON", service.export_json(query, hits), f"{stem}.json",
                               mime="application/json", icon=":material/data_object:", on_click="ignore", key="export-json")
