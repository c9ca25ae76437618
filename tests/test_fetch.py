"""Fetching the catalogue's documents from a local stand-in for the UN documents service."""
from __future__ import annotations

import io
import json
import socket
import threading
import time
from hashlib import sha256
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer import catalogue as cat
from indexer.cli import main
from indexer.errors import IndexerError
from indexer.fetch import FAILED, FETCHED, PRESENT, SKIPPED, fetch

SYMBOLS = ("A/RES/70/237", "A/70/174", "A/RES/73/266")


def make_pdf(symbol: str, heading: list[str], clauses: list[str]) -> bytes:
    """A one-page PDF: a bold masthead and heading, then the clauses in the body font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for font, lines in (("Helvetica-Bold", [f"United Nations {symbol}", "General Assembly", *heading]), ("Helvetica", clauses)):
        page.setFont(font, 11)
        for line in lines:
            page.drawString(60, y, line)
            y -= 22
    page.showPage()
    page.save()
    return buffer.getvalue()


PDFS = {
    "A/RES/70/237": make_pdf("A/RES/70/237", [
        "Resolution adopted by the General Assembly on 23 December 2015",
        "70/237. Developments in the field of information and telecommunications"], [
        "The General Assembly,",
        "Recalling its earlier resolutions on the subject,",
        "1. Calls upon Member States to be guided by the 2015 report of the Group;",
        "2. Decides to include the item in the provisional agenda of its next session."]),
    "A/70/174": make_pdf("A/70/174", [
        "Report of the Group of Governmental Experts"], [
        "1. States should not knowingly allow their territory to be used for wrongful acts.",
        "2. States should not conduct ICT activity that damages critical infrastructure."]),
    "A/RES/73/266": make_pdf("A/RES/73/266", [
        "Resolution adopted by the General Assembly on 22 December 2018",
        "73/266. Advancing responsible State behaviour in cyberspace"], [
        "The General Assembly,",
        "Noting that considerable progress has been achieved,",
        "1. Requests the Secretary-General to establish a group of governmental experts;",
        "2. Decides to include the item in its agenda."]),
}


class Service:
    """What the local documents service answers, symbol by symbol, and what it was asked."""

    def __init__(self):
        self.documents = dict(PDFS)
        self.behaviour: dict[str, str] = {}  # symbol -> missing, slow, html, truncate, busy, redirect
        self.requests: list[tuple[str, str | None]] = []  # (symbol or path, Range header)
        self.slow_seconds = 1.0


def _handler(service: Service):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path.startswith("/files/"):
                symbol = url.path[len("/files/"):].replace("_", "/").removesuffix(".pdf")
                service.requests.append((url.path, self.headers.get("Range")))
                return self._document(symbol)
            symbol = parse_qs(url.query).get("s", [""])[0]
            service.requests.append((symbol, self.headers.get("Range")))
            behaviour = service.behaviour.get(symbol, "")
            if behaviour == "missing" or symbol not in service.documents:
                return self._answer(404, b"<html>not found</html>", "text/html")
            if behaviour == "slow":
                time.sleep(service.slow_seconds)
            if behaviour == "html":
                return self._answer(200, b"<!DOCTYPE html><html><body>Access denied</body></html>", "text/html")
            if behaviour == "busy":
                service.behaviour[symbol] = ""
                return self._answer(503, b"busy", "text/plain")
            if behaviour == "truncate":
                service.behaviour[symbol] = ""
                return self._truncated(service.documents[symbol])
            if behaviour == "redirect":
                self.send_response(302)
                self.send_header("Location", f"/files/{symbol.replace('/', '_')}.pdf")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._document(symbol)

        def _document(self, symbol: str):
            body = service.documents[symbol]
            wanted = self.headers.get("Range", "")
            if wanted.startswith("bytes="):
                start = int(wanted[len("bytes="):].split("-")[0])
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                return self._body(body[start:], "application/pdf", sent=True)
            return self._answer(200, body, "application/pdf")

        def _truncated(self, body: bytes):
            # The whole length is announced, half is sent, then the connection drops.
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

        def _answer(self, status: int, body: bytes, kind: str):
            self.send_response(status)
            self._body(body, kind, sent=True)

        def _body(self, body: bytes, kind: str, sent: bool):
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting

    return Handler


@pytest.fixture
def service():
    state = Service()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}/api/symbol/access"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def corpus(catalogued_corpus) -> Path:
    return catalogued_corpus


def quick(symbols, corpus, service, **options):
    """fetch() against the local service, with no pauses."""
    options = {"delay": 0, "backoff": 0, "retries": 2, "timeout": 5.0, **options}
    return fetch(list(symbols), corpus=corpus, base=service.base, **options)


def files(corpus: Path) -> list[str]:
    return sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file())


def test_fetch_saves_the_pdf_under_a_safe_name_and_records_its_checksum(corpus, service):
    [outcome] = quick(["A/RES/70/237"], corpus, service)

    assert outcome.status == FETCHED
    assert (corpus / "A_RES_70_237.pdf").read_bytes() == PDFS["A/RES/70/237"]
    assert files(corpus) == ["A_RES_70_237.pdf", "catalogue.json"]
    recorded = cat.load(corpus / cat.NAME).lookup("A/RES/70/237").sha256
    assert recorded == sha256(PDFS["A/RES/70/237"]).hexdigest()
    assert cat.load(corpus / cat.NAME).lookup("A/70/174").sha256 is None


def test_fetch_asks_the_service_by_symbol_in_english_pdf(corpus, service):
    quick(["A/70/174"], corpus, service)

    assert service.requests == [("A/70/174", None)]


def test_fetch_follows_the_service_redirect_to_the_file(corpus, service):
    service.behaviour["A/70/174"] = "redirect"

    [outcome] = quick(["A/70/174"], corpus, service)

    assert outcome.status == FETCHED
    assert (corpus / "A_70_174.pdf").read_bytes() == PDFS["A/70/174"]


def test_a_missing_document_is_one_error_and_is_not_retried(corpus, service):
    service.behaviour["A/70/174"] = "missing"

    outcomes = quick(["A/70/174", "A/RES/70/237"], corpus, service)

    assert [o.status for o in outcomes] == [FAILED, FETCHED]
    assert "A/70/174: " in outcomes[0].message and "404 Not Found" in outcomes[0].message
    assert [s for s, _ in service.requests].count("A/70/174") == 1
    assert files(corpus) == ["A_RES_70_237.pdf", "catalogue.json"]


def test_a_silent_server_times_out_and_leaves_nothing_behind(corpus, service):
    service.behaviour["A/70/174"] = "slow"

    [outcome] = quick(["A/70/174"], corpus, service, timeout=0.2, retries=1)

    assert outcome.status == FAILED
    assert "did not answer within the time limit after 2 attempts" in outcome.message
    assert files(corpus) == ["catalogue.json"]


def test_a_dropped_connection_is_resumed_with_a_range_request(corpus, service):
    service.behaviour["A/RES/73/266"] = "truncate"
    half = len(PDFS["A/RES/73/266"]) // 2

    [outcome] = quick(["A/RES/73/266"], corpus, service)

    assert outcome.status == FETCHED
    assert (corpus / "A_RES_73_266.pdf").read_bytes() == PDFS["A/RES/73/266"]
    assert service.requests == [("A/RES/73/266", None), ("A/RES/73/266", f"bytes={half}-")]
    assert files(corpus) == ["A_RES_73_266.pdf", "catalogue.json"]


def test_an_interrupted_run_is_resumed_by_the_next_one(corpus, service):
    service.behaviour["A/RES/73/266"] = "truncate"
    half = len(PDFS["A/RES/73/266"]) // 2

    [first] = quick(["A/RES/73/266"], corpus, service, retries=0)

    assert first.status == FAILED
    assert "run the same command again to resume" in first.message
    assert files(corpus) == [".partial/A_RES_73_266.pdf.part", "catalogue.json"]
    assert not (corpus / "A_RES_73_266.pdf").exists()

    [second] = quick(["A/RES/73/266"], corpus, service, retries=0)

    assert second.status == FETCHED
    assert service.requests[-1] == ("A/RES/73/266", f"bytes={half}-")
    assert (corpus / "A_RES_73_266.pdf").read_bytes() == PDFS["A/RES/73/266"]
    assert files(corpus) == ["A_RES_73_266.pdf", "catalogue.json"]


def test_an_html_answer_is_refused_as_not_a_pdf(corpus, service):
    service.behaviour["A/70/174"] = "html"

    [outcome] = quick(["A/70/174"], corpus, service)

    assert outcome.status == FAILED
    assert outcome.message == "A/70/174: the server sent an HTML page, not a PDF; try again later or check the symbol"
    assert files(corpus) == ["catalogue.json"]
    assert cat.load(corpus / cat.NAME).lookup("A/70/174").sha256 is None


def test_a_busy_server_is_retried_after_a_pause(corpus, service):
    service.behaviour["A/70/174"] = "busy"
    pauses = []

    [outcome] = quick(["A/70/174"], corpus, service, backoff=1.5, sleep=pauses.append)

    assert outcome.status == FETCHED
    assert pauses == [1.5]
    assert len(service.requests) == 2


def test_requests_are_spaced_by_the_polite_delay(corpus, service):
    pauses = []

    quick(["A/70/174", "A/RES/70/237"], corpus, service, delay=0.5, sleep=pauses.append)

    assert len(pauses) == 1 and 0.3 < pauses[0] <= 0.5


def test_a_reissued_pdf_that_does_not_match_the_recorded_checksum_is_refused(corpus, service):
    quick(["A/70/174"], corpus, service)
    (corpus / "A_70_174.pdf").unlink()
    service.documents["A/70/174"] = make_pdf("A/70/174", ["Report"], ["1. A different text altogether."])

    [outcome] = quick(["A/70/174"], corpus, service)

    assert outcome.status == FAILED
    assert "does not match the catalogue's checksum" in outcome.message
    assert files(corpus) == ["catalogue.json"]


def test_a_present_file_is_checked_against_the_checksum_not_downloaded_again(corpus, service):
    quick(["A/70/174"], corpus, service)
    asked = len(service.requests)

    [again] = quick(["A/70/174"], corpus, service)
    (corpus / "A_70_174.pdf").write_bytes(b"%PDF-1.4 altered")
    [altered] = quick(["A/70/174"], corpus, service)

    assert again.status == PRESENT
    assert altered.status == FAILED and "does not match the catalogue's checksum" in altered.message
    assert len(service.requests) == asked


def test_a_document_already_in_the_corpus_in_another_format_is_not_fetched_twice(corpus, service):
    (corpus / "A_RES_73_266.txt").write_text("United Nations A/RES/73/266\n", encoding="utf-8")

    [outcome] = quick(["A/RES/73/266"], corpus, service)

    assert outcome.status == SKIPPED
    assert "A_RES_73_266.txt" in outcome.message
    assert service.requests == []


def test_an_unreachable_service_gives_one_line_per_document(corpus):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    pauses = []

    outcomes = fetch(list(SYMBOLS), corpus=corpus, base=f"http://127.0.0.1:{port}/api", delay=1, backoff=1,
                     retries=2, sleep=pauses.append)

    assert [o.status for o in outcomes] == [FAILED] * 3
    assert all(o.message.startswith(f"{o.symbol}: cannot reach 127.0.0.1:{port}") for o in outcomes)
    assert all("INDEXER_FETCH_BASE" in o.message for o in outcomes)
    assert ["after 3 attempts" in o.message for o in outcomes] == [True, False, False]
    assert len(pauses) == 4  # two back-offs and two polite delays, all for the first document
    assert files(corpus) == ["catalogue.json"]


@pytest.mark.parametrize("symbols, every, message", [
    ([], False, "no document named to fetch"),
    (["A/RES/70/237"], True, "give SYMBOLs or --all, not both"),
    (["A/RES/99/1"], False, "A/RES/99/1 is not in the catalogue"),
    (["A/RES/99/1", "A/RES/70/237", "A/99/2"], False, "A/RES/99/1, A/99/2 are not in the catalogue"),
])
def test_bad_requests_are_refused_before_any_download(corpus, service, symbols, every, message):
    with pytest.raises(IndexerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch(symbols, every, corpus, base=service.base, delay=0)
    assert service.requests == []


def test_the_base_address_comes_from_the_environment(corpus, service, monkeypatch):
    monkeypatch.setenv("INDEXER_FETCH_BASE", service.base)

    [outcome] = fetch(["a/res/70/237"], corpus=corpus, delay=0)

    assert outcome.status == FETCHED


def test_cli_fetch_all_then_corpus_lists_every_document(corpus, service, tmp_path, capsys):
    code = main(["fetch", "--all", "--corpus", str(corpus), "--base", service.base, "--delay", "0"])
    out = capsys.readouterr().out

    assert code == 0
    assert "fetched A/RES/70/237: " in out and out.rstrip().endswith("3 fetched, 0 already there, 0 failed; then run python -m indexer build")

    assert main(["corpus", "--corpus", str(corpus), "--index", str(tmp_path / "none"), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["symbol"], d["status"], d["file"], d["checksum"]) for d in listed["documents"]] == [
        (s, "not indexed", f"{cat.file_stem(s)}.pdf", "ok") for s in SYMBOLS]
    assert listed["others"] == []


def test_cli_fetch_reports_each_failure_on_stderr_and_exits_non_zero(corpus, service, capsys):
    service.behaviour["A/70/174"] = "missing"

    code = main(["fetch", "A/70/174", "A/RES/70/237", "--corpus", str(corpus), "--base", service.base, "--delay", "0"])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: A/70/174: ")
    assert "1 fetched, 0 already there, 1 failed" in captured.out


def test_fetched_documents_are_indexed_by_build(corpus, service, tmp_path, fake_embedder):
    pytest.importorskip("indexer.readers.pdf", reason="the PDF reader is not installed")
    from indexer import store
    from indexer.build import build
    from indexer.config import Config

    outcomes = fetch(None, True, corpus, base=service.base, delay=0)
    (corpus / ".partial").mkdir()
    (corpus / ".partial" / "A_RES_77_37.pdf.part").write_bytes(b"%PDF-1.7 half a download")
    config = Config(corpus=corpus, index=tmp_path / "embeddings")
    report = build(config, fake_embedder)

    assert [o.status for o in outcomes] == [FETCHED] * 3
    assert sorted(report.indexed) == sorted(f"{cat.file_stem(s)}.pdf" for s in SYMBOLS)
    assert report.failed == []
    docs = {c.doc for c in store.load(config.index).clauses}
    assert docs == set(SYMBOLS)
