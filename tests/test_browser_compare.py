"""Compare with previous and Where was this agreed?, end to end in headless Chromium."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from browser import ARTIFACTS, CHROMIUM, opened_page, serve, settle
from payloads import HOSTILE_REPORT
from un_series import DATA

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"{CHROMIUM} is not installed")

MAIN = '[data-testid="stMain"]'
PAIR_LINK = "compare=A%2FRES%2F79%2F237%2CA%2FRES%2F80%2F16"
# A later report of the hostile series: each changed run carries markup of its own.
HOSTILE_LATER = (HOSTILE_REPORT.replace("A/76/999", "A/77/999").replace("5 March 2021", "7 March 2022")
                 .replace("Seventy-sixth", "Seventy-seventh")
                 .replace("from harmful markup.", "from <i>harmful</i> markup [x](javascript:alert('diff')).")
                 .replace("**bold claims**", "**bolder claims** <img src=y onerror=alert('ins')>"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The 2024 and 2025 OEWG resolutions and the 2025 draft, two hostile reports; indexed on first view."""
    folder = tmp_path_factory.mktemp("compare-site")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name in ("un-01.pdf", "un-02.pdf", "un-03.pdf"):
        shutil.copy(DATA / name, corpus / name)
    (corpus / "hostile-1.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    (corpus / "hostile-2.txt").write_text(HOSTILE_LATER, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(corpus, folder / "embeddings", ARTIFACTS / "streamlit-compare.log") as server:
        yield server


@pytest.fixture
def page(browser):
    with opened_page(browser, height=1100, timeout=180_000) as opened:
        yield opened


def open_comparison(page, server, link: str = PAIR_LINK) -> dict[str, str]:
    page.goto(f"{server.url}/?{link}")
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    settle(page)
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    return {label.strip(): value.strip() for label, value in zip(labels, values)}


def pairs_shown(page, status: str) -> int:
    return page.locator(f'{MAIN} [class*="st-key-pair-{status}-"]').count()


def test_comparison_link_shows_counts_and_the_redline(site, page):
    counts = open_comparison(page, site)
    assert counts == {"Same": "0", "Changed": "5", "New": "2", "Dropped": "5"}
    main = page.locator(MAIN)
    assert main.locator("del", has_text="eightieth").count() >= 1, "deleted words struck through"
    assert main.locator("strong", has_text="eighty-first").count() >= 1, "inserted words in bold"
    assert main.get_by_text("para. 5 → para. 4 (changed)", exact=False).count() == 1
    assert pairs_shown(page, "changed") == 5 and pairs_shown(page, "new") == 2 and pairs_shown(page, "dropped") == 5
    page.screenshot(path=str(ARTIFACTS / "compare.png"))


def test_filters_choose_what_is_shown_and_travel_in_the_link(site, page):
    open_comparison(page, site)
    page.locator(MAIN).get_by_role("button", name="Changed", exact=True).click()
    page.wait_for_function(f"() => !document.querySelector('{MAIN} [class*=\"st-key-pair-changed-\"]')")
    settle(page)
    assert pairs_shown(page, "new") == 2 and pairs_shown(page, "dropped") == 5
    assert "show=" in page.url and PAIR_LINK in page.url
    shared = page.url
    page.goto(shared)
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    settle(page)
    assert pairs_shown(page, "changed") == 0 and pairs_shown(page, "new") == 2


def test_compare_with_previous_from_a_document(site, page):
    page.goto(f"{site.url}/?doc=A%2FRES%2F80%2F16")
    button = page.get_by_role("button", name="Compare with previous (A/RES/79/237)")
    button.wait_for()
    settle(page)
    button.click()
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    settle(page)
    assert PAIR_LINK in page.url, "the comparison is a shareable link"
    assert page.locator(MAIN).get_by_text("A/RES/79/237 → A/RES/80/16").count() == 1


def test_comparison_exports_markdown_and_csv(site, page):
    open_comparison(page, site)
    page.get_by_text("Export this comparison").click()
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Redline (Markdown)").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# A/RES/79/237 → A/RES/80/16") and "~~eightieth~~ **eighty-first**" in text
    with page.expect_download() as exported:
        page.get_by_role("button", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(exported.value.path()).read_text(encoding="utf-8"))))
    assert [(r["status"], r["old"], r["new"]) for r in rows if r["old"] == "5"] == [("changed", "5", "4")]


def test_where_was_this_agreed_lists_sources_that_open_in_the_document(site, page):
    page.goto(f"{site.url}/?q=noting+that+the+open-ended+working+group+held+its+organizational+session&k=3")
    card = page.locator(f'{MAIN} [class*="st-key-hit-"]', has_text="A/RES/80/16, preambular para. 1").first
    card.wait_for()
    settle(page)
    card.get_by_text("Where was this agreed?").click()
    source = card.locator('[class*="st-key-source-"]', has_text="A/RES/79/237, preambular para. 1")
    source.wait_for()
    settle(page)
    assert "2024-12-24" in source.inner_text() and "words shared" in source.inner_text()
    source.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "trace.png"))
    source.get_by_role("button", name="Open in document").click()
    # the selected clause fills in over a rerun or two: wait for its citation, not only its frame
    selected = page.locator(".st-key-selected-clause", has_text="A/RES/79/237, preambular para. 1")
    selected.wait_for()
    assert "doc=A%2FRES%2F79%2F237" in page.url and "para=PP1" in page.url


def test_redline_of_hostile_documents_is_literal_text(site, page):
    open_comparison(page, site, "compare=A%2F76%2F999%2CA%2F77%2F999&show=Same&show=Changed")
    main = page.locator(MAIN)
    main.get_by_text("onerror=alert('ins')", exact=False).first.wait_for()
    page.wait_for_timeout(1500)  # time for any injected handler to fire
    shown = main.inner_text().replace("\u2060", "")
    for literal in ("<i>harmful</i>", "[x](javascript:alert('diff'))", "<img src=y onerror=alert('ins')>",
                    "<script>alert('script')</script>", "<b>tags</b>"):
        assert literal in shown, literal
    injected = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return {images: main.querySelectorAll('img').length,
                links: [...main.querySelectorAll('a[href]')].map(a => a.outerHTML.slice(0, 300)),
                italics: main.querySelectorAll('i').length, bold: main.querySelectorAll('b').length};
    }""")
    assert injected == {"images": 0, "links": [], "italics": 0, "bold": 0}
    assert page.dialogs == []
    page.screenshot(path=str(ARTIFACTS / "compare-hostile.png"))


def test_unknown_symbols_and_a_first_of_its_series_are_explained(site, page):
    page.goto(f"{site.url}/?compare=A%2FRES%2F99%2F1%2CA%2FRES%2F80%2F16")
    page.get_by_text("no document A/RES/99/1 in the index", exact=False).wait_for()
    page.goto(f"{site.url}/?doc=A%2FRES%2F79%2F237")
    button = page.get_by_role("button", name="Compare with previous")
    button.wait_for()
    assert button.is_disabled(), "the first document of its series has nothing to compare with"


def test_a_link_naming_only_the_new_document_finds_its_predecessor(site, page):
    counts = open_comparison(page, site, "compare=A%2FRES%2F80%2F16")
    assert counts["Changed"] == "5"
    note = page.locator(MAIN).get_by_text("Compared with A/RES/79/237, the latest earlier document with the same title",
                                          exact=False)
    assert note.count() == 1
