"""Download the catalogue's documents into the corpus folder.

Each English PDF is fetched from the UN documents service by symbol (or from the mirror named by
--base or INDEXER_FETCH_BASE), one request at a time with a pause between them. A download is
written to corpus/.partial/<file>.part (the build skips dot-folders), resumed with an HTTP Range
request after a broken connection, checked (it must be a PDF, and match the checksum the catalogue
recorded after the first download) and only then renamed into the corpus.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlsplit

from . import catalogue as cat
from .errors import IndexerError

if TYPE_CHECKING:
    import httpx

ENV_BASE = "INDEXER_FETCH_BASE"
PARTIAL = ".partial"
DELAY = 2.0  # seconds between two requests to the documents service
RETRIES = 3  # further attempts after a timeout, a broken connection or a 5xx answer
BACKOFF = 2.0  # seconds before the first retry, doubled before each next one
TIMEOUT = 60.0  # seconds to wait for the server to connect (at most 15) and between two reads
RETRYABLE = {408, 429, 500, 502, 503, 504}
USER_AGENT = "indexer-fetch/1 (clause-level search over UN cyber-norms documents)"
PDF_MAGIC = b"%PDF-"

FETCHED, PRESENT, SKIPPED, FAILED = "fetched", "present", "skipped", "failed"


class NotCatalogued(IndexerError):
    """Symbols the catalogue does not list, or none named at all (`symbols` empty)."""

    def __init__(self, symbols: list[str], catalogue: Path):
        if symbols:
            super().__init__(f"{', '.join(symbols)} {'is' if len(symbols) == 1 else 'are'} not in the catalogue {catalogue}")
        else:
            super().__init__("no document named to fetch")
        self.symbols = symbols
        self.catalogue = catalogue


class FetchFailed(IndexerError):
    """One document could not be downloaded; the message says why and what to do."""


@dataclass
class Outcome:
    """What happened to one requested document."""

    symbol: str
    status: str  # fetched, present, skipped or failed
    message: str
    path: Path | None = None
    size: int = 0

    @property
    def ok(self) -> bool:
        return self.status != FAILED


@dataclass
class _Session:
    client: httpx.Client
    delay: float
    retries: int
    backoff: float
    sleep: Callable[[float], None] = time.sleep
    last_request: float | None = None
    unreachable: bool = False  # once the host cannot be reached, later documents try once only

    def wait_turn(self) -> None:
        # No pause while the host refuses connections: a refused connection costs the server nothing.
        if self.last_request is not None and not self.unreachable:
            pause = self.delay - (time.monotonic() - self.last_request)
            if pause > 0:
                self.sleep(pause)
        self.last_request = time.monotonic()


def fetch(symbols: list[str] | None = None, all: bool = False, corpus: Path = Path("corpus"), *,
          base: str | None = None, catalogue_path: Path | None = None, delay: float = DELAY,
          retries: int = RETRIES, backoff: float = BACKOFF, timeout: float = TIMEOUT,
          report: Callable[[Outcome], None] | None = None, sleep: Callable[[float], None] = time.sleep) -> list[Outcome]:
    """Download the named documents (or every catalogued one) into corpus; one Outcome per document."""
    import httpx  # loaded here, not with the CLI, so other commands start without it

    corpus = Path(corpus)
    book = cat.load(catalogue_path or cat.default_path(corpus))
    entries = _chosen(book, symbols or [], all)
    base = _base(base)
    corpus.mkdir(parents=True, exist_ok=True)
    outcomes = []
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}  # byte ranges must count file bytes
    limits = httpx.Timeout(timeout, connect=min(timeout, 15.0))
    with httpx.Client(timeout=limits, follow_redirects=True, headers=headers) as client:
        session = _Session(client, delay, retries, backoff, sleep)
        for entry in entries:
            outcome, digest = _one(session, entry, corpus, base)
            if digest and entry.sha256 is None:
                book = book.with_checksum(entry.symbol, digest)
                book.save()  # after each document, so an interrupted run keeps what it verified
            outcomes.append(outcome)
            if report:
                report(outcome)
    _remove_if_empty(corpus / PARTIAL)
    return outcomes


def _chosen(book: cat.Catalogue, symbols: list[str], every: bool) -> list[cat.Entry]:
    if every and symbols:
        raise IndexerError("give SYMBOLs or --all, not both")
    if every:
        return list(book.entries)
    if not symbols:
        raise NotCatalogued([], book.path)
    unknown = [symbol for symbol in symbols if book.lookup(symbol) is None]
    if unknown:
        raise NotCatalogued(unknown, book.path)
    chosen = []
    for entry in map(book.lookup, symbols):
        if entry not in chosen:
            chosen.append(entry)
    return chosen


def _base(base: str | None) -> str | None:
    base = base if base is not None else os.environ.get(ENV_BASE) or None
    if base is not None and urlsplit(base).scheme not in ("http", "https"):
        raise IndexerError(f"fetch base {base!r} is not an http(s) address; give e.g. {cat.ODS}")
    return base


def _one(session: _Session, entry: cat.Entry, corpus: Path, base: str | None) -> tuple[Outcome, str | None]:
    """Fetch one document unless the corpus already holds it; (outcome, checksum to record)."""
    target = corpus / entry.filename
    if target.is_file():
        return _present(entry, target)
    other = _same_document(corpus, entry)
    if other is not None:
        return Outcome(entry.symbol, SKIPPED, f"already in the corpus as {other.name}; delete that file to fetch the PDF instead", other), None
    try:
        digest, size = _download(session, entry, corpus, target, entry.address(base))
    except FetchFailed as exc:
        return Outcome(entry.symbol, FAILED, str(exc)), None
    return Outcome(entry.symbol, FETCHED, f"{target} ({_kilobytes(size)})", target, size), digest


def _present(entry: cat.Entry, target: Path) -> tuple[Outcome, str | None]:
    digest = _sha256(target)
    if entry.sha256 and digest != entry.sha256:
        return Outcome(entry.symbol, FAILED, f"{target} does not match the catalogue's checksum; delete it and fetch it again", target), None
    if not _is_pdf(target):
        return Outcome(entry.symbol, FAILED, f"{target} is not a PDF; delete it and fetch it again", target), None
    return Outcome(entry.symbol, PRESENT, f"{target} is already there", target, target.stat().st_size), digest


def _same_document(corpus: Path, entry: cat.Entry) -> Path | None:
    """Another file of the corpus holding the same document, e.g. the bundled A_RES_73_266.txt."""
    for path in sorted(corpus.iterdir()):
        if path.is_file() and path.stem.lower() == entry.stem.lower() and path.name != entry.filename:
            return path
    return None


def _download(session: _Session, entry: cat.Entry, corpus: Path, target: Path, url: str) -> tuple[str, int]:
    """Download url to target through a .part file; the checksum and size of what was installed."""
    import httpx

    part = corpus / PARTIAL / f"{entry.filename}.part"
    part.parent.mkdir(parents=True, exist_ok=True)
    host = urlsplit(url).netloc
    attempts = 1 if session.unreachable else session.retries + 1
    problem, hint = "", "run the same command again later"
    for attempt in range(attempts):
        if attempt:
            session.sleep(session.backoff * 2 ** (attempt - 1))
        try:
            if _attempt(session, url, part):
                break
            problem = "the connection closed before the whole file arrived"
        except _Refused as exc:
            part.unlink(missing_ok=True)
            raise FetchFailed(f"{entry.symbol}: {url} answered {exc}; check the symbol in the catalogue") from None
        except _Busy as exc:
            problem = f"the server answered {exc}"
        except httpx.ConnectError as exc:
            problem = f"cannot reach {host} ({_reason(exc)})"
            hint = f"check the network connection, or set {ENV_BASE} to a mirror"
            session.unreachable = attempt == attempts - 1
        except httpx.TimeoutException:
            problem = f"{host} did not answer within the time limit"
        except httpx.TransportError as exc:
            problem = f"the connection to {host} broke ({_reason(exc)})"
    else:
        have = part.stat().st_size if part.exists() else 0
        if have:
            hint = f"{_kilobytes(have)} are kept: run the same command again to resume"
        tries = f"{attempts} attempt{'s' if attempts > 1 else ''}"
        raise FetchFailed(f"{entry.symbol}: {problem} after {tries}; {hint}")
    session.unreachable = False
    return _install(entry, part, target)


class _Refused(Exception):
    """A final answer (404, 403, ...): retrying will not help."""


class _Busy(Exception):
    """A passing answer (429, 503, ...): worth another try after a pause."""


def _attempt(session: _Session, url: str, part: Path) -> bool:
    """One request, appending to part when the server resumes; True when the file is complete."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    session.wait_turn()
    with session.client.stream("GET", url, headers=headers) as response:
        if response.status_code == 416 and have:
            part.unlink()  # the partial file no longer fits the document on the server: start over
            raise _Busy("416 Range Not Satisfiable to a resumed download")
        if response.status_code in RETRYABLE:
            raise _Busy(f"{response.status_code} {response.reason_phrase}")
        if response.status_code >= 400:
            raise _Refused(f"{response.status_code} {response.reason_phrase}")
        resumed = response.status_code == 206
        if resumed and _range_start(response) != have:
            part.unlink(missing_ok=True)  # a range that does not continue the partial file: start over
            raise _Busy("206 with a range that does not continue the partial download")
        expected = _total(response) if resumed else _length(response)
        with part.open("ab" if resumed else "wb") as f:
            for chunk in response.iter_bytes():
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
    return expected is None or part.stat().st_size >= expected


def _range_start(response: httpx.Response) -> int | None:
    match = re.match(r"bytes (\d+)-\d+/(\d+|\*)", response.headers.get("content-range", ""))
    return int(match.group(1)) if match else None


def _total(response: httpx.Response) -> int | None:
    match = re.match(r"bytes \d+-\d+/(\d+)", response.headers.get("content-range", ""))
    return int(match.group(1)) if match else None


def _length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() and "content-encoding" not in response.headers else None


def _install(entry: cat.Entry, part: Path, target: Path) -> tuple[str, int]:
    """Check the finished download and rename it into the corpus atomically."""
    if not _is_pdf(part):
        with part.open("rb") as f:
            head = f.read(512).decode("latin-1").lower()
        what = "an HTML page" if "<html" in head or "<!doctype" in head else "something else"
        part.unlink()
        raise FetchFailed(f"{entry.symbol}: the server sent {what}, not a PDF; try again later or check the symbol")
    digest = _sha256(part)
    if entry.sha256 and digest != entry.sha256:
        part.unlink()
        raise FetchFailed(f"{entry.symbol}: the PDF does not match the catalogue's checksum; if the UN reissued it, "
                          f"clear its sha256 in the catalogue and fetch again")
    size = part.stat().st_size
    os.replace(part, target)
    from .store import fsync_path  # numpy comes with the store; only a download needs it

    fsync_path(target.parent)
    return digest, size


def _sha256(path: Path) -> str:
    from .store import sha256  # the index's own file hash, so the listing compares like with like

    return sha256(path)


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(PDF_MAGIC)) == PDF_MAGIC


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # absent, or holding a download to resume


def _reason(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return re.sub(r"^\[Errno -?\d+\]\s*", "", lines[-1]) if lines else exc.__class__.__name__


def _kilobytes(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} bytes"
