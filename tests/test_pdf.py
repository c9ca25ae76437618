"""A/RES/73/266 as a UN-layout PDF yields the clauses of the bundled text, with PDF pages."""
from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from indexer.errors import UnreadableDocument
from indexer.parse import parse_file
from indexer.readers import pdf as pdf_reader
from indexer.readers import words
from indexer.testing import FakeEmbedder

import un_layout

ROOT = Path(__file__).resolve().parent.parent
RESOLUTION = ROOT / "corpus" / "A_RES_73_266.txt"


@pytest.fixture(scope="module", params=["rise", "offset"])
def rendered(request, tmp_path_factory):
    """resolution.pdf alone in a corpus folder, and where the layout put each paragraph.

    Markers raised by a text rise and, as word processors also write them, on a baseline of their own.
    """
    folder = tmp_path_factory.mktemp("pdf") / "corpus"
    folder.mkdir()
    path = folder / "resolution.pdf"
    layout = un_layout.write_pdf(un_layout.resolution(), path, raised_by=request.param)
    return path, layout


@pytest.fixture(scope="module")
def document(rendered):
    return parse_file(rendered[0])[0]


@pytest.fixture(scope="module")
def blocks(rendered):
    return pdf_reader.read(rendered[0])[0]


@pytest.fixture(scope="module")
def from_text():
    return parse_file(RESOLUTION)[0]


def test_the_layout_is_a_real_test(rendered):
    _, layout = rendered
    assert layout.pages >= 3
    assert len(layout.straddling) >= 2
    assert len(layout.hyphenated) >= 5
    assert any("-" in written for _, written in layout.hyphenated)  # a compound broken at its own hyphen


def test_same_clauses_as_the_bundled_text(document, from_text):
    assert [(c.para, c.text) for c in document.clauses] == [(c.para, c.text) for c in from_text.clauses]
    assert [c.chapeau for c in document.clauses] == [c.chapeau for c in from_text.clauses]


def test_symbol_and_metadata_come_from_the_content_not_the_file_name(document, from_text):
    assert document.symbol == "A/RES/73/266"
    assert document.clauses[0].citation == "A/RES/73/266, preambular para. 1"
    meta, expected = document.metadata(), from_text.metadata()
    for key in ("symbol", "title", "date", "session", "agenda_item", "body", "kind"):
        assert meta[key] == expected[key], key


def test_each_clause_cites_the_page_it_starts_on(document, rendered):
    _, layout = rendered
    checked = 0
    for clause in document.clauses:
        placed = [p for p in layout.placed if p.text and clause.text.endswith(p.text)]
        assert placed, clause.para
        assert clause.page == placed[-1].page, clause.para
        checked += 1
    assert checked == len(document.clauses)


def test_paragraphs_straddling_a_page_break_are_joined(document, rendered):
    _, layout = rendered
    for placed in layout.straddling:
        clause = next(c for c in document.clauses if c.text.endswith(placed.text))
        assert clause.page == placed.page < placed.last_page


def test_no_page_furniture_in_clause_text(document):
    furniture = ["18-22650", "1822650", "040119", "Please recycle", "A/RES/73/266", "Advancing responsible State behaviour"]
    for clause in document.clauses:
        assert not any(f in clause.text for f in furniture), clause.para
        assert not re.search(r"\b\d/\d\b", clause.text), clause.para


def test_superscript_markers_are_not_glued_to_the_text(blocks, document):
    body = " ".join(b.text for b in blocks if b.footnote is None)
    assert "2010,¹ 2013² and 2015³ reports" in body
    assert not re.search(r"\b(20101|20132|20153)\b", " ".join(c.text for c in document.clauses))


def test_footnotes_are_read_from_the_page_foot_and_attached(blocks, document):
    notes = {b.footnote: b.text for b in blocks if b.footnote is not None}
    assert notes == un_layout.resolution().footnotes
    by_para = {c.para: c for c in document.clauses}
    assert [f.text for f in by_para["1 (a)"].footnotes] == ["A/65/201.", "A/68/98.", "A/70/174."]
    assert [f.text for f in by_para["PP10"].footnotes] == ["A/65/201."]


def test_words_broken_at_line_ends_are_repaired(document, rendered):
    _, layout = rendered
    text = " ".join(c.text for c in document.clauses)
    for broken, written in layout.hyphenated:
        assert written.rstrip(",;.") in text, broken
        if "-" not in written:
            assert broken.rstrip(",;.") not in text


@pytest.mark.parametrize("head, tail, keeps", [
    ("confidence", "building", True),  # both halves are words: a compound
    ("two", "day", True),
    ("infor", "mation", False),  # the joined form is a word
    ("interop", "erable", False),  # the halves are not words
    ("Secretary", "General", True),  # a capital after the hyphen
    ("2010", "2015", True),
])
def test_hyphen_kept_only_where_it_belongs_to_the_word(head, tail, keeps):
    assert words._keeps_hyphen(head, tail, Counter()) is keeps


def test_the_document_decides_before_the_wordlist():
    seen = Counter({"cyber-security": 3, "cybersecurity": 0})
    assert words._keeps_hyphen("cyber", "security", seen) is True
    assert words._keeps_hyphen("cyber", "security", Counter({"cybersecurity": 2})) is False


def test_encrypted_pdf_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "locked.pdf"
    un_layout.write_pdf(un_layout.resolution(), path, encrypt="secret")
    with pytest.raises(UnreadableDocument) as caught:
        parse_file(path)
    assert "encrypted" in caught.value.reason
    assert "\n" not in caught.value.reason


def test_a_pdf_without_text_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.save()
    with pytest.raises(UnreadableDocument, match="no text layer"):
        parse_file(path)


def test_extraction_speed_per_page(rendered):
    path, layout = rendered
    started = time.perf_counter()
    pdf_reader.read(path)
    per_page = (time.perf_counter() - started) / layout.pages
    assert per_page < 2.0  # generous on a shared machine; a page usually takes well under 0.5 s


def test_built_index_lists_the_pdf_clauses_with_citations_and_pages(tmp_path, from_text):
    """The whole path: build over a corpus holding only resolution.pdf, then `clauses --json`."""
    import json
    import subprocess
    import sys

    from indexer.build import build
    from indexer.config import Config

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    layout = un_layout.write_pdf(un_layout.resolution(), corpus / "resolution.pdf")
    config = Config(corpus=corpus, index=tmp_path / "embeddings")
    report = build(config, FakeEmbedder())
    assert not report.failed
    listed = subprocess.run(
        [sys.executable, "-m", "indexer", "clauses", "--json", "--index", str(config.index)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    ).stdout.splitlines()
    hits = [json.loads(line) for line in listed]
    assert [(h["doc"], h["para"], h["text"]) for h in hits] == [(c.doc, c.para, c.text) for c in from_text.clauses]
    assert hits[11]["citation"] == "A/RES/73/266, preambular para. 12"
    pages = {p.text: p.page for p in layout.placed}
    for hit in hits:
        assert hit["page"] == next(page for text, page in pages.items() if text and hit["text"].endswith(text))


def test_a_footnote_running_onto_the_next_page_stays_one_footnote(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "notes.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))

    def body(lines, marker=None):
        y = 760
        for text in lines:
            t = c.beginText(90, y)
            t.setFont("Times-Roman", 11)
            t.textOut(text)
            if marker and text is lines[-1]:
                t.setFont("Times-Roman", 6)
                t.setRise(3.5)
                t.textOut(marker)
                t.setRise(0)
            c.drawText(t)
            y -= 13.5

    def notes(lines):
        c.line(90, 130, 170, 130)
        y = 118
        for number, text in lines:
            if number:
                c.setFont("Times-Roman", 6)
                c.drawString(90, y + 2.5, number)
            c.setFont("Times-Roman", 8)
            c.drawString(104, y, text)
            y -= 9.5

    filler = "The Group held its sessions over two years and heard the views of many States in each of them."
    body(["1. The Group met in New York.", filler, filler, "2. It adopted its report."], marker="1")
    notes([("1", "The sessions were held in 2019 and in 2020, with a further informal"), ("", "exchange of views")])
    c.showPage()
    body([filler, filler, "3. It recommends a follow-up process."], marker="2")
    notes([("", "held online in 2021."), ("2", "See A/76/135.")])
    c.showPage()
    c.save()
    blocks, _ = pdf_reader.read(path)
    text = [b.text for b in blocks if b.footnote is None]
    assert text[-1] == "3. It recommends a follow-up process.²"
    assert not any("held online" in t or "exchange of views" in t for t in text)
    assert [(b.footnote, b.text) for b in blocks if b.footnote] == [
        (1, "The sessions were held in 2019 and in 2020, with a further informal exchange of views held online in 2021."),
        (2, "See A/76/135."),
    ]


def test_a_running_head_repeated_on_every_page_is_dropped_even_close_to_the_text(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "heads.pdf"
    topics = ["threats", "norms", "international law", "confidence-building measures"]
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for page, topic in enumerate(topics, 1):
        c.setFont("Times-Roman", 11)
        c.drawString(90, 790, "Report of the Open-ended Working Group")  # same size, no gap: only repetition tells
        c.drawString(90, 772, f"{page}. The Group considered {topic} at its meeting.")
        c.drawString(290, 40, f"Page {page}")
        c.showPage()
    c.save()
    blocks, _ = pdf_reader.read(path)
    assert [b.text for b in blocks] == [f"{n}. The Group considered {t} at its meeting." for n, t in enumerate(topics, 1)]


@pytest.mark.parametrize("lines, joined", [
    (["the period 2010–", "2015 saw"], "the period 2010–2015 saw"),
    (["States — and", "others"], "States — and others"),
    (["the following -", "items"], "the following - items"),
    (["informa\u00ad", "tion"], "information"),
    (["the Secretary-", "General"], "the Secretary-General"),
])
def test_lines_join_at_dashes_and_soft_hyphens(lines, joined):
    assert words.join_hyphenated(lines, Counter()) == joined
