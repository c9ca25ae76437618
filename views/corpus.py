"""The corpus page: what is indexed, whether the index is current, uploads and rebuilds."""
from __future__ import annotations

import streamlit as st

from indexer import BuildReport, Index
from indexer.errors import IndexerError

from . import messages, safe, upload as uploads

STAGES = {"parse": "Reading documents", "embed": "Embedding clauses"}


def progress_callback(bar):
    """A build progress callback drawing both stages (files read, clauses embedded) on one Streamlit bar."""

    def update(stage: str, done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"{STAGES.get(stage, stage)}: {done} of {total}")

    return update


def lazy_progress():
    """A progress callback whose bar appears only once a build reports progress."""
    bar = None

    def update(stage: str, done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = st.progress(0.0)
        progress_callback(bar)(stage, done, total)

    return update


def run_build(index: Index, force: bool = False) -> BuildReport | None:
    """Build with a progress bar; per-file failures shown one line each, a total failure as an error."""
    bar = st.progress(0.0, text="Building the index…")
    try:
        report = index.build(progress=progress_callback(bar), force=force)
    except IndexerError as exc:
        bar.empty()
        failures(getattr(exc, "failed", []))
        st.error(messages.explain(exc))
        return None
    except OSError as exc:
        bar.empty()
        st.error(safe.escape(f"cannot write the index in {index.config.index}/ "
                             f"({exc.strerror or exc.__class__.__name__}): check the folder is writable"))
        return None
    bar.empty()
    failures(report.failed)
    return report


def failures(failed: list[tuple[str, str]]) -> None:
    for path, reason in failed:
        st.error(safe.escape(f"{path}: {reason}"))


def status(index: Index) -> None:
    try:
        state = index.status()
    except IndexerError as exc:
        st.warning(messages.explain(exc))
        return
    columns = st.columns(4)
    columns[0].metric("Documents", state.documents)
    columns[1].metric("Clauses", state.clauses)
    columns[2].metric("Index", "current" if state.fresh else "stale")
    columns[3].metric("Built", state.built_at[:10] or "unknown")
    built = state.built_at[:19].replace("T", " ")
    st.caption(safe.escape(f"Model {state.model} · built {built} · index {index.config.index} · "
                           f"corpus {index.config.corpus} · generation {state.generation}"))
    if index.read_only:
        st.info("This index was built from a corpus that is not on this machine: it is served as it was built.")
    elif not state.fresh:
        st.info(safe.escape(f"{state.reason}: rebuild to search the current documents."))


def documents(index: Index) -> None:
    rows = [
        {"symbol": d.symbol, "title": d.title, "date": d.date, "body": d.body, "kind": d.kind,
         "clauses": len(d.clauses), "file": d.path}
        for d in sorted(index.documents(), key=lambda d: (d.date, d.symbol))
    ]
    # st.dataframe draws cells as plain text, so titles from documents cannot render as markup.
    st.dataframe(rows, hide_index=True, width="stretch")


def upload(index: Index) -> bool:
    """The upload form; True once files were added and indexed."""
    limit = index.config.max_file_mb
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            f"Add documents (PDF, HTML, DOCX, TXT or MD, up to {limit} MB each)",
            type=list(uploads.UPLOAD_TYPES), accept_multiple_files=True, max_upload_size=limit,
        )
        submitted = st.form_submit_button("Add to corpus and index", icon=":material/upload_file:")
    if not submitted:
        return False
    if not files:
        st.warning("Choose one or more files first.")
        return False
    saved = []
    for file in files:
        try:
            saved.append(uploads.save(index.config, file.name, file.getvalue()))
        except IndexerError as exc:
            st.error(safe.escape(str(exc)))
    if not saved:
        return False
    report = run_build(index)
    if report is not None:
        indexed = [p for p in saved if str(p) not in {f for f, _ in report.failed}]
        if indexed:
            st.success(safe.escape(f"Added {', '.join(p.name for p in indexed)}. {report.summary()}"))
            return True
    return False


def page(index: Index) -> None:
    st.header("Corpus", anchor=False)
    summary = st.container()  # drawn last, so it shows the index as any action below left it
    if not index.read_only:
        if st.button("Rebuild index", icon=":material/refresh:", key="rebuild"):
            report = run_build(index, force=True)
            if report is not None:
                st.success(safe.escape(report.summary()))
        upload(index)
    with summary:
        status(index)
        try:
            documents(index)
        except IndexerError as exc:
            st.warning(messages.explain(exc))
