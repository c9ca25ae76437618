"""Moving between results and documents through the URL, so every screen can be shared as a link."""
from __future__ import annotations

import streamlit as st


def open_document(doc: str, para: str | None = None) -> None:
    """Show a document (scrolled to one clause); the query stays in the URL for the way back."""
    st.query_params["doc"] = doc
    if para:
        st.query_params["para"] = para
    else:
        st.query_params.pop("para", None)


def close_document() -> None:
    st.query_params.pop("doc", None)
    st.query_params.pop("para", None)


def selected_document() -> tuple[str | None, str | None]:
    return st.query_params.get("doc"), st.query_params.get("para")


def ask(question: str) -> None:
    """Run a question: put it in the search box (and so in the URL) and leave any document."""
    st.session_state["q"] = question
    close_document()


# -- comparison of two documents (views/compare.py): ?compare=OLD,NEW, or ?compare=NEW ---------------

def open_comparison(old: str | None, new: str) -> None:
    st.query_params["compare"] = f"{old},{new}" if old else new


def close_comparison() -> None:
    st.query_params.pop("compare", None)
    st.query_params.pop("show", None)


def selected_comparison() -> str | None:
    return st.query_params.get("compare")
