"""Helpers for end-to-end tests: the app served on a free localhost port, and headless Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app.py -- --index DIR --corpus DIR` in a subprocess, on 127.0.0.1 only."""

    def __init__(self, corpus: Path, index: Path, log: Path):
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("INDEXER_")}
        env.update(HF_HUB_OFFLINE="1", STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
             "--", "--index", str(index), "--corpus", str(corpus)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )

    def wait(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}: see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"streamlit did not answer on {self.url} within {seconds} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@contextmanager
def serve(corpus: Path, index: Path, log: Path):
    server = Server(corpus, index, log)
    try:
        server.wait()
        yield server
    finally:
        server.stop()


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextmanager
def chromium():
    """Debian's Chromium, driven by Playwright, for a module's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@contextmanager
def opened_page(browser, height: int, timeout: float):
    """A fresh page that records (and dismisses) any dialog a document could open."""
    context = browser.new_context(viewport={"width": 1400, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(timeout)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def settle(page, timeout: float = 60_000) -> None:
    """Wait until the app has finished its run: no 'running' indicator, no spinner."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
               && !document.querySelector('[data-testid="stSpinner"]')""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


# -- load: Streamlit sessions driven over the app's own websocket protocol ------------------------

LOAD_QUESTIONS = (
    "what does the GGE have to study", "confidence-building measures", "critical infrastructure",
    "capacity-building for developing countries", "how international law applies to ICTs",
    "norms of responsible State behaviour", "the report to the General Assembly", "regional organizations",
    "informal consultative meetings", "national views and assessments", "Charter of the United Nations",
    "terrorist and criminal use of ICTs", "protect the confidentiality of information",
    "peaceful ICT environment", "equitable geographical distribution", "the Secretary-General's report",
    "threats in the sphere of information security", "supply chain integrity", "human rights online",
    "voluntary non-binding norms",
)


def rss_kb(pid: int) -> int:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def session_queries(url: str, questions, timeout: float = 120.0) -> list[tuple[float, list[str]]]:
    """One browser-like session: load the page with ?q=, then ask the rest through the search box.

    Returns (seconds, citations shown) per question."""
    import asyncio
    from urllib.parse import quote

    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    def run(message: BackMsg):
        async def wait():
            citations, box = [], None
            await ws.send(message.SerializeToString())
            while True:
                forward = ForwardMsg()
                forward.ParseFromString(await ws.recv())
                kind = forward.WhichOneof("type")
                if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                    element = forward.delta.new_element
                    if element.WhichOneof("type") == "code":
                        citations.append(element.code.code_text)
                    elif element.WhichOneof("type") == "text_input":
                        box = element.text_input.id
                elif kind == "script_finished":
                    return citations, box
        return asyncio.wait_for(wait(), timeout)

    out = []
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None) as ws:
        box = None
        for n, question in enumerate(questions):
            message = BackMsg()
            if n == 0:
                message.rerun_script.query_string = f"q={quote(question)}"
            else:
                state = message.rerun_script.widget_states.widgets.add()
                state.id, state.string_value = box, question
            started = time.perf_counter()
            citations, seen = await run(message)
            out.append((time.perf_counter() - started, citations))
            box = seen or box
    return out


def load(url: str, sessions: int, queries: int) -> dict:
    """`sessions` concurrent sessions asking `queries` questions each; failures, latencies."""
    import asyncio

    async def everyone():
        plans = [[LOAD_QUESTIONS[(s + q) % len(LOAD_QUESTIONS)] for q in range(queries)] for s in range(sessions)]
        return await asyncio.gather(*(session_queries(url, plan) for plan in plans), return_exceptions=True)

    from concurrent.futures import ThreadPoolExecutor

    started = time.perf_counter()
    # A thread of its own: Playwright's sync API may already run an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        outcomes = pool.submit(asyncio.run, everyone()).result()
    wall = time.perf_counter() - started
    latencies, failures = [], 0
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            failures += queries
            continue
        for seconds, citations in outcome:
            latencies.append(seconds)
            failures += not citations
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else None  # noqa: E731
    return {"sessions": sessions, "queries": sessions * queries, "failures": failures, "wall_seconds": round(wall, 1),
            "p50_seconds": round(pick(0.50), 3) if latencies else None,
            "p95_seconds": round(pick(0.95), 3) if latencies else None,
            "max_seconds": round(latencies[-1], 3) if latencies else None}
