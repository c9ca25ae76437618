"""End to end in headless Chromium: the app served by `streamlit run` on a tmp corpus and index."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from browser import ARTIFACTS, CHROMIUM, opened_page, serve
from payloads import HOSTILE_REPORT

pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"{CHROMIUM} is not installed")]

ROOT = Path(__file__).resolve().parent.parent
RESOLUTION = ROOT / "corpus" / "A_RES_73_266.txt"
QUESTION = "what does the GGE have to study"
RESULT_CODE = '[data-testid="stMain"] [data-testid="stCode"] code'

HOSTILE = HOSTILE_REPORT

UPLOADED = """United Nations A/77/555

Distr.: General 1 June 2022

Seventy-seventh session

Report of the Group of Governmental Experts on post-quantum transition

1. States should plan the migration of government systems to quantum-resistant cryptography before large quantum computers exist.

2. States are encouraged to share inventories of vulnerable cryptographic algorithms with national computer emergency response teams.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One server for the module, on a corpus of the resolution and a document full of payloads.

    The index folder starts empty, so the server builds it on the first page view."""
    folder = tmp_path_factory.mktemp("site")
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(RESOLUTION, corpus / RESOLUTION.name)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(corpus, folder / "embeddings", ARTIFACTS / "streamlit.log") as server:
        yield server, corpus


@pytest.fixture
def page(browser):
    with opened_page(browser, height=1000, timeout=120_000) as opened:
        yield opened


def url(server, **params) -> str:
    query = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())
    return f"{server.url}/?{query}" if query else f"{server.url}/"


def citations(page) -> list[str]:
    return [c.strip() for c in page.locator(RESULT_CODE).all_inner_texts()]


def wait_for_results(page, first: str | None = None) -> list[str]:
    page.wait_for_selector(RESULT_CODE)
    if first:
        page.wait_for_function(
            "([sel, first]) => { const c = document.querySelector(sel); return c && c.innerText.trim() === first; }",
            arg=[RESULT_CODE, first],
        )
    page.wait_for_timeout(500)
    return citations(page)


def wait_until_idle(page) -> None:
    """Wait for the rerun a click started to finish (the app shows a running indicator meanwhile)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.wait_for_timeout(300)


def test_shared_link_runs_the_query_with_the_answer_first(site, page):
    server, _ = site
    page.goto(url(server, q=QUESTION))
    found = wait_for_results(page, first="A/RES/73/266, para. 3")
    assert found[0] == "A/RES/73/266, para. 3"
    assert page.get_by_text("to continue to study", exact=False).first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=False)


def test_typing_a_question_and_pressing_enter(site, page):
    server, _ = site
    page.goto(url(server))
    page.get_by_text("Ask a question in your own words").wait_for()
    box = page.get_by_label("Ask about the documents")
    box.fill("confidence-building measures")
    box.press("Enter")
    found = wait_for_results(page)
    assert found and all(c.startswith("A/RES/73/266, ") for c in found)
    assert page.locator('[data-testid="stMain"]').get_by_text("confidence-building measures", exact=False).count() >= 1
    assert "q=confidence-building+measures" in page.url or "q=confidence-building%20measures" in page.url


def test_document_link_opens_the_clause_highlighted_and_in_view(site, page):
    server, _ = site
    page.goto(url(server, doc="A/RES/73/266", para="3"))
    selected = page.locator(".st-key-selected-clause")
    selected.wait_for()
    assert "Requests the Secretary-General" in selected.inner_text()
    citation = selected.locator('[data-testid="stCode"] code')
    citation.wait_for()
    assert citation.inner_text().strip() == "A/RES/73/266, para. 3"
    assert page.get_by_text("Advancing responsible State behaviour in cyberspace", exact=False).count() >= 1
    page.wait_for_function(
        """() => { const r = document.querySelector('.st-key-selected-clause').getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""",
        timeout=15_000,
    )
    page.screenshot(path=str(ARTIFACTS / "document.png"))


def test_open_in_document_and_back_through_the_url(site, page):
    server, _ = site
    page.goto(url(server, q=QUESTION))
    wait_for_results(page, first="A/RES/73/266, para. 3")
    page.get_by_role("button", name="Open in document").first.click()
    page.locator(".st-key-selected-clause").wait_for()
    assert "doc=A%2FRES%2F73%2F266" in page.url and "para=3" in page.url, "the document view is a shareable link"
    page.get_by_role("button", name="Back to results").click()
    assert wait_for_results(page, first="A/RES/73/266, para. 3")[0] == "A/RES/73/266, para. 3"
    assert "doc=" not in page.url


def test_preambular_filter_returns_only_preambular_clauses(site, page):
    server, _ = site
    page.goto(url(server, q=QUESTION))
    wait_for_results(page, first="A/RES/73/266, para. 3")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Preambular").click()
    page.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel)].every(c => c.innerText.includes('preambular para.'))",
        arg=RESULT_CODE,
    )
    wait_until_idle(page)
    found = citations(page)
    assert found and all(", preambular para. " in c for c in found)
    assert "kinds=Preambular" in page.url, "the filtered search is a shareable link"


def test_export_downloads_hold_the_citations(site, page, tmp_path):
    server, _ = site
    page.goto(url(server, q=QUESTION))
    expected = wait_for_results(page, first="A/RES/73/266, para. 3")
    page.get_by_text("Export these results").click()
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Citations (Markdown)").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert "A/RES/73/266, para. 3" in text
    with page.expect_download() as exported:
        page.get_by_role("button", name="JSON").click()
    data = json.loads(Path(exported.value.path()).read_text(encoding="utf-8"))
    assert data["query"] == QUESTION
    assert [h["citation"] for h in data["hits"]] == expected


def hostile_clauses(corpus: Path) -> list[str]:
    """The payload document's clauses as the index holds them: what the page must show verbatim."""
    from indexer import store

    return [c.text for c in store.load(corpus.parent / "embeddings").clauses if c.doc == "A/76/999"]


def test_hostile_document_is_shown_as_literal_text(site, page):
    server, corpus = site
    for link in (url(server, q="harmful markup script link image bold tags"), url(server, doc="A/76/999")):
        page.goto(link)
        page.get_by_text("onerror=", exact=False).first.wait_for()
        page.wait_for_timeout(1500)  # time for any injected handler to fire
        page.screenshot(path=str(ARTIFACTS / f"hostile-{'doc' if 'doc=' in link else 'search'}.png"), full_page=True)
        main = page.locator('[data-testid="stMain"]')
        shown = main.inner_text().replace("\u2060", "")
        texts = hostile_clauses(corpus)
        assert len(texts) == 3
        for text in texts:
            assert text in shown, text
        for literal in ("<img src=x onerror=", "<script>alert('script')</script>", "[link](javascript:alert('link'))",
                        "![pic](http://127.0.0.1:9/x.png)", "$x^2$", "<b>tags</b>", "https://evil.example"):
            assert literal in shown, literal
        injected = page.evaluate("""() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return {
              images: [...main.querySelectorAll('img')].map(i => i.getAttribute('src')),
              links: [...main.querySelectorAll('a')].map(a => a.getAttribute('href')),
              bold: [...main.querySelectorAll('b')].length,
              scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert')).length,
              katex: main.querySelectorAll('.katex').length,
            };
        }""")
        assert page.dialogs == []
        assert injected["images"] == [] and injected["scripts"] == 0 and injected["bold"] == 0
        assert injected["links"] == [], "no document text became a link"
        assert injected["katex"] == 0


def test_upload_makes_a_new_document_searchable(site, page, tmp_path):
    server, corpus = site
    upload = tmp_path / "post-quantum report.txt"
    upload.write_text(UPLOADED, encoding="utf-8")
    page.goto(url(server, view="Corpus"))
    page.locator('[data-testid="stDataFrame"]').wait_for()
    wait_until_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.locator('[data-testid="stFileChip"][aria-label^="post-quantum report.txt"]').wait_for()
    page.get_by_role("button", name="Add to corpus and index").click()
    page.get_by_text("Added post-quantum_report.txt", exact=False).wait_for()
    assert (corpus / "post-quantum_report.txt").is_file()
    page.screenshot(path=str(ARTIFACTS / "corpus.png"), full_page=True)
    page.goto(url(server, q="migration to quantum-resistant cryptography"))
    assert wait_for_results(page, first="A/77/555, para. 1")[0] == "A/77/555, para. 1"


def test_ten_sessions_of_twenty_queries(site):
    """Ten sessions at once, twenty questions each, on one server: no failure, bounded latency and memory."""
    from browser import load, rss_kb

    server, _ = site
    load(server.url, sessions=1, queries=2)  # the model loads on the first query; not part of the figures
    before = rss_kb(server.process.pid)
    figures = load(server.url, sessions=10, queries=20)
    figures["rss_growth_mb"] = round((rss_kb(server.process.pid) - before) / 1024, 1)
    (ARTIFACTS / "load.json").write_text(json.dumps(figures, indent=1))
    print(figures)
    assert figures["failures"] == 0
    assert figures["p95_seconds"] < 15
    assert figures["rss_growth_mb"] < 200
