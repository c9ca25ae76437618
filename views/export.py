"""The current results as files: a Markdown citation list, CSV and JSON, with their download buttons."""
from __future__ import annotations

import csv
import io
import json
import re

import streamlit as st

from indexer import Hit

from . import safe

CSV_FIELDS = ("rank", "score", "doc", "para", "page", "text", "citation")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula


def markdown(query: str, hits: list[Hit]) -> str:
    """A citation list to paste into notes: each citation followed by its clause, quoted; all inert."""
    lines = [f"# Clauses for: {safe.escape(query, screen=False)}", ""]
    for hit in hits:
        lines.append(f"{hit.rank}. **{safe.escape(hit.citation, screen=False)}**: "
                     f"\u201c{safe.escape(hit.text, screen=False)}\u201d")
    return "\n".join(lines) + "\n"


def as_json(query: str, hits: list[Hit]) -> str:
    """The same object as `python -m indexer search QUERY --json`."""
    return json.dumps({"query": query, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False, indent=1) + "\n"


def as_csv(hits: list[Hit]) -> str:
    """One row per hit with the contract's Hit fields; cells a spreadsheet would run are quoted with '."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for hit in hits:
        row = hit.to_dict()
        writer.writerow({f: _cell(row[f]) for f in CSV_FIELDS})
    return out.getvalue()


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def file_stem(query: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", query.lower())[:6]
    return "clauses-" + ("-".join(words) or "results")


def downloads(query: str, hits: list[Hit]) -> None:
    stem = file_stem(query)
    columns = st.columns(3)
    columns[0].download_button("Citations (Markdown)", markdown(query, hits), f"{stem}.md",
                               mime="text/markdown", icon=":material/format_quote:", on_click="ignore", key="export-md")
    columns[1].download_button("CSV", as_csv(hits), f"{stem}.csv",
                               mime="text/csv", icon=":material/table:", on_click="ignore", key="export-csv")
    columns[2].download_button("JSON", as_json(query, hits), f"{stem}.json",
                               mime="application/json", icon=":material/data_object:", on_click="ignore", key="export-json")
