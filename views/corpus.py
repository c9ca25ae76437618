"""The corpus page: what is indexed, whether the index is current, uploads and rebuilds."""
from __future__ import annotations

import streamlit as st

from indexer import service
from indexer.build import BuildReport
from indexer.errors import IndexerError

from . import safe


def progress_callback(bar):
    """A build progress callback drawing on a Streamlit progress bar."""
    labels = {"parse": "Reading documents"}

    def update(stage: str, done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"{labels.get(stage, stage)}: {done} of {total}")

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


def run_build(workbench: service.Workbench, force: bool = False) -> BuildReport | None:
    """Build with a progress bar; per-file failures shown one line each, a total failure as an error."""
    bar = st.progress(0.0, text="Building the index…")
    try:
        with st.spinner("Embedding clauses…"):
            report = workbench.build(progress=progress_callback(bar), force=force)
    except IndexerError as exc:
        bar.empty()
        st.error(safe.escape(str(exc)))
        return None
    except OSError as exc:
        bar.empty()
        st.error(safe.escape(f"cannot write the index in {workbench.config.index}/ "
                             f"({exc.strerror or exc.__class__.__name__}): check the folder is writable"))
        return None
    bar.empty()
    failures(report)
    return report


def failures(report: BuildReport) -> None:
    for path, reason in report.failed:
        st.error(safe.escape(f"{path}: {reason}"))


def status(workbench: service.Workbench) -> None:
    try:
        state = workbench.status()
    except IndexerError as exc:
        st.warning(safe.escape(str(exc)))
        return
    columns = st.columns(4)
    columns[0].metric("Documents", state.documents)
    columns[1].metric("Clauses", state.clauses)
    columns[2].metric("Index", "current" if state.fresh else "stale")
    columns[3].metric("Built", state.built_at[:10] or "unknown")
    built = state.built_at[:19].replace("T", " ")
    st.caption(safe.escape(f"Model {state.model} · built {built} · index {workbench.config.index} · "
                           f"corpus {workbench.config.corpus} · generation {state.generation}"))
    if workbench.read_only:
        st.info("This index was built from a corpus that is not on this machine: it is served as it was built.")
    elif not state.fresh:
        reason = workbench.stale_reason() or "the corpus has changed since the index was built"
        st.info(safe.escape(f"{reason}: rebuild to search the current documents."))


def documents(searcher) -> None:
    rows = [
        {"symbol": symbol, "title": meta.get("title", ""), "date": meta.get("date", ""), "body": meta.get("body", ""),
         "kind": meta.get("kind", ""), "clauses": meta.get("clauses", 0), "file": meta.get("file", "")}
        for symbol, meta in sorted(searcher.documents.items(), key=lambda item: (item[1].get("date", ""), item[0]))
    ]
    # st.dataframe draws cells as plain text, so titles from documents cannot render as markup.
    st.dataframe(rows, hide_index=True, width="stretch")


def upload(workbench: service.Workbench) -> bool:
    """The upload form; True once files were added and indexed."""
    limit = workbench.config.max_file_mb
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            f"Add documents (PDF, HTML, DOCX, TXT or MD, up to {limit} MB each)",
            type=list(service.UPLOAD_TYPES), accept_multiple_files=True, max_upload_size=limit,
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
            saved.append(workbench.save_upload(file.name, file.getvalue()))
        except IndexerError as exc:
            st.error(safe.escape(str(exc)))
    if not saved:
        return False
    report = run_build(workbench)
    if report is not None:
        indexed = [p for p in saved if str(p) not in {f for f, _ in report.failed}]
        if indexed:
            st.success(safe.escape(f"Added {', '.join(p.name for p in indexed)}. {report.summary()}"))
            return True
    return False


def page(workbench: service.Workbench) -> None:
    st.header("Corpus", anchor=False)
    summary = st.container()  # drawn last, so it shows the index as any action below left it
    if not workbench.read_only:
        if st.button("Rebuild index", icon=":material/refresh:", key="rebuild"):
            report = run_build(workbench, force=True)
            if report is not None:
                st.success(safe.escape(report.summary()))
        upload(workbench)
    with summary:
        status(workbench)
        try:
            documents(workbench.searcher())
        except IndexerError as exc:
            st.warning(safe.escape(str(exc)))
