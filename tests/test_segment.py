"""Clause segmentation of plain-text documents: the bundled resolution and small hand-made ones."""
from __future__ import annotations

from pathlib import Path

import re

import pytest

from indexer.documents import Block
from indexer.parse import parse_file
from indexer.readers.text import text_blocks
from indexer.segment import segment

RESOLUTION = Path(__file__).resolve().parent.parent / "corpus" / "A_RES_73_266.txt"


RESOLUTION_LABELS = [f"PP{n}" for n in range(1, 16)] + ["1 (a)", "1 (b)", "2 (a)", "2 (b)", "3", "4", "5", "6"]


@pytest.fixture(scope="module")
def resolution():
    document, note = parse_file(RESOLUTION)
    assert note is None  # the bundled text is UTF-8
    return document


@pytest.fixture(scope="module")
def by_para(resolution):
    return {c.para: c for c in resolution.clauses}


def _document(text: str, name: str = "doc"):
    return segment(text_blocks(text), fallback_symbol=name)


def test_resolution_clause_labels_in_document_order(resolution):
    assert [c.para for c in resolution.clauses] == RESOLUTION_LABELS
    assert [c.order for c in resolution.clauses] == list(range(len(RESOLUTION_LABELS)))


def test_resolution_metadata_comes_from_the_text(resolution):
    meta = resolution.metadata()
    assert meta["symbol"] == "A/RES/73/266"
    assert meta["title"] == "Advancing responsible State behaviour in cyberspace in the context of international security"
    assert (meta["date"], meta["session"], meta["agenda_item"]) == ("2018-12-22", "Seventy-third session", "96")
    assert (meta["body"], meta["kind"]) == ("General Assembly", "resolution")


@pytest.mark.parametrize("para, citation", [
    ("PP12", "A/RES/73/266, preambular para. 12"),
    ("1 (a)", "A/RES/73/266, para. 1 (a)"),
    ("3", "A/RES/73/266, para. 3"),
])
def test_citations_a_researcher_can_paste(by_para, para, citation):
    assert by_para[para].citation == citation


def test_subparagraph_text_carries_its_chapeau(by_para):
    clause = by_para["2 (b)"]
    assert clause.chapeau.startswith("Invites all Member States, taking into account")
    assert clause.text.startswith(clause.chapeau + " (b) The content of the concepts")
    assert by_para["1 (a)"].text.startswith("Calls upon Member States: (a) To be guided")


def test_footnotes_attach_to_the_clause_that_cites_them(by_para):
    assert [f.text for f in by_para["1 (a)"].footnotes] == ["A/65/201.", "A/68/98.", "A/70/174."]
    assert "the 2010, 2013 and 2015 reports" in by_para["1 (a)"].text
    # the text edition printed the first marker as a plain digit: "2010, 1 2013"
    assert "the 2010, 2013 and 2015 reports" in by_para["PP10"].text
    assert [f.number for f in by_para["PP10"].footnotes] == [1]
    assert not by_para["3"].footnotes


def test_no_page_furniture_or_markers_in_clause_text(resolution):
    for clause in resolution.clauses:
        assert not re.search(r"\d+/\d\b|18-22650|\*\*|[¹²³]", clause.text), clause.para


def test_pages_follow_the_page_marks(by_para, resolution):
    pages = [c.page for c in resolution.clauses]
    assert pages == sorted(pages) and pages[0] == 1
    assert by_para["1 (a)"].page == 2  # it stands before the "2/3" mark
    assert by_para["6"].page == 3


def test_last_operative_paragraph_stops_before_the_closing_lines(by_para):
    assert by_para["6"].text.endswith('in the context of international security".')


SUB_SUB = """United Nations A/RES/99/1

Distr.: General 3 January 2031

Ninety-ninth session

Agenda item 12

Resolution adopted by the General Assembly on 20 December 2030

99/1. Testing the segmentation of nested sub-paragraphs

The General Assembly,

Recalling its earlier work on the subject,

Noting the views of Member States,

1. Decides that States should:

(a) Report on their practice, including:

(i) Their national strategies;

(ii) Their points of contact;

(b) Review progress every year;

2. Also decides to remain seized of the matter.

99th plenary meeting
20 December 2030
"""


def test_roman_sub_subparagraphs_nest_under_their_letter():
    document = _document(SUB_SUB)
    assert [c.para for c in document.clauses] == ["PP1", "PP2", "1 (a) (i)", "1 (a) (ii)", "1 (b)", "2"]
    clause = document.clauses[2]
    assert clause.text == (
        "Decides that States should: (a) Report on their practice, including: (i) Their national strategies;"
    )
    assert clause.citation == "A/RES/99/1, para. 1 (a) (i)"
    assert document.symbol == "A/RES/99/1" and document.date == "2030-12-20"


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral():
    letters = "abcdefghij"
    text = "The General Assembly,\n\n1. Calls upon States:\n\n" + "\n\n".join(
        f"({x}) To take step {x};" for x in letters
    )
    document = _document(text, "A_RES_1_1")
    assert [c.para for c in document.clauses] == [f"1 ({x})" for x in letters]


REPORT = """United Nations A/80/999

General Assembly

Distr.: General 1 July 2025

Eightieth session

Item 94 of the provisional agenda

Report of the Open-ended Working Group on Security of and in the Use of Information Technologies

I. Introduction

1. The Group held five sessions.¹

2. It adopted the present report by consensus.

II. Recommendations

A. Norms

3. States should consider the following:

(a) Protecting critical infrastructure;

(b) Reporting vulnerabilities.

B. Capacity-building

4. Capacity-building should be demand-driven.

¹ See A/79/1.
"""


def test_report_paragraphs_keep_their_section_heading():
    document = _document(REPORT)
    assert [c.para for c in document.clauses] == ["1", "2", "3 (a)", "3 (b)", "4"]
    by_para = {c.para: c for c in document.clauses}
    assert by_para["1"].heading == "I. Introduction"
    assert by_para["3 (b)"].heading == "II. Recommendations / A. Norms"  # a lettered section stands under the numbered one
    assert by_para["4"].heading == "II. Recommendations / B. Capacity-building"
    assert by_para["3 (b)"].citation == "A/80/999, para. 3 (b)"
    assert by_para["3 (b)"].text == "States should consider the following: (b) Reporting vulnerabilities."
    assert [f.text for f in by_para["1"].footnotes] == ["See A/79/1."]
    assert "B. Capacity-building" in by_para["4"].context_text()


def test_report_metadata():
    document = _document(REPORT)
    assert document.symbol == "A/80/999"
    assert document.kind == "report"
    assert document.body == "Open-ended Working Group"
    assert (document.date, document.session, document.agenda_item) == ("2025-07-01", "Eightieth session", "94")
    assert document.title.startswith("Report of the Open-ended Working Group")


def test_a_document_without_a_symbol_is_named_after_its_file():
    document = _document("1. A paragraph of a note.\n\n2. Another one.", "my_note")
    assert [c.citation for c in document.clauses] == ["my_note, para. 1", "my_note, para. 2"]


def test_a_paragraph_cut_by_a_page_break_is_one_clause():
    blocks = [
        Block("The General Assembly,", 1),
        Block("Recalling its resolutions on the subject and the reports of the", 1),
        Block("Secretary-General on the matter,", 2),
        Block("1. Decides to continue.", 2),
    ]
    document = segment(blocks, "A/RES/1/1")
    assert [(c.para, c.page) for c in document.clauses] == [("PP1", 1), ("1", 2)]
    assert document.clauses[0].text.endswith("reports of the Secretary-General on the matter,")


def test_footnote_blocks_from_a_reader_attach_by_number():
    blocks = [
        Block("I. Introduction", 1),
        Block("1. The Group met twice.² It agreed.", 1),
        Block("See A/70/174.", 1, footnote=2),
    ]
    clause = segment(blocks, "x").clauses[0]
    assert clause.text == "The Group met twice. It agreed."
    assert [(f.number, f.text) for f in clause.footnotes] == [(2, "See A/70/174.")]


def test_footnotes_printed_after_the_closing_lines_still_attach():
    text = SUB_SUB.replace("(b) Review progress every year;", "(b) Review progress every year;²") + "\n² See A/78/265.\n"
    clause = {c.para: c for c in _document(text).clauses}["1 (b)"]
    assert [f.text for f in clause.footnotes] == ["See A/78/265."]
    assert clause.text.endswith("(b) Review progress every year;")


def test_markdown_headings_are_headings_even_without_a_number():
    text = (
        "# Report of the Working Group\n\nA/80/1\n\nDistr.: General 1 July 2025\n\n"
        "## Background\n1. The Group met.\n\n## Recommendations\n\n2. States should cooperate.\n"
    )
    document = _document(text)
    assert document.symbol == "A/80/1" and document.title == "Report of the Working Group"
    assert [(c.para, c.text, c.heading) for c in document.clauses] == [
        ("1", "The Group met.", "Background"), ("2", "States should cooperate.", "Recommendations"),
    ]
