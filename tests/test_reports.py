"""A GGE-style report in PDF, HTML and DOCX: numbered paragraphs under their section headings."""
from __future__ import annotations

import pytest

from indexer.parse import parse_file

import un_layout

FORMATS = ["pdf", "html", "docx"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    content = un_layout.report()
    un_layout.write_pdf(content, folder / "report.pdf")
    un_layout.write_html(content, folder / "report.html")
    un_layout.write_docx(content, folder / "report.docx")
    return folder


@pytest.fixture(scope="module")
def documents(rendered):
    return {kind: parse_file(rendered / f"report.{kind}")[0] for kind in FORMATS}


def _expected_labels(content) -> list[str]:
    """Each numbered paragraph, or its lettered sub-paragraphs when it has them."""
    labels: list[str] = []
    number = ""
    for item in content.items:
        if item.label.endswith("."):
            number = item.label[:-1]
            labels.append(number)
        elif item.label.startswith("("):
            if labels[-1] == number:
                labels.pop()  # a paragraph with sub-paragraphs is their chapeau
            labels.append(f"{number} {item.label}")
    return labels


def _section_of(content, label: str) -> str:
    """The headings over a paragraph: its chapter, and the section of that chapter it stands in."""
    chapter = heading = ""
    for item in content.items:
        if item.kind == "chapter":
            chapter = heading = item.text
        elif item.kind == "heading":
            heading = f"{chapter} / {item.text}" if chapter else item.text
        if item.label == f"{label}.":
            return heading
    raise LookupError(label)


@pytest.mark.parametrize("kind", FORMATS)
def test_report_paragraphs_and_subparagraphs(documents, kind):
    document = documents[kind]
    assert [c.para for c in document.clauses] == _expected_labels(un_layout.report())
    assert all(c.kind in ("report", "subparagraph") for c in document.clauses)


@pytest.mark.parametrize("kind", FORMATS)
def test_norm_13_c_cites_with_its_section_heading(documents, kind):
    content = un_layout.report()
    clause = {c.para: c for c in documents[kind].clauses}["13 (c)"]
    assert clause.citation == "A/70/174, para. 13 (c)"
    assert clause.heading == _section_of(content, "13") == (
        "III. Norms, rules and principles for the responsible behaviour of States / B. Recommendations of the Group")
    chapeau = next(i.text for i in content.items if i.label == "13.")
    norm = next(i.text for i in content.items if i.label == "(c)")
    assert clause.chapeau == chapeau
    assert clause.text == f"{chapeau} (c) {norm}"
    assert clause.heading in clause.context_text()


@pytest.mark.parametrize("kind", FORMATS)
def test_each_paragraph_sits_under_the_nearest_heading(documents, kind):
    content = un_layout.report()
    for clause in documents[kind].clauses:
        assert clause.heading == _section_of(content, clause.para.split()[0]), clause.para


@pytest.mark.parametrize("kind", FORMATS)
def test_report_metadata_from_content(documents, kind):
    meta = documents[kind].metadata()
    assert meta["symbol"] == "A/70/174"
    assert meta["kind"] == "report"
    assert meta["date"] == "2015-07-22"
    assert meta["session"] == "Seventieth session"
    assert meta["agenda_item"] == "93"
    assert meta["body"] == "Group of Governmental Experts"
    assert meta["title"].startswith("Report of the Group of Governmental Experts")


@pytest.mark.parametrize("kind", FORMATS)
def test_report_footnotes_attach_where_cited(documents, kind):
    by_para = {c.para: c for c in documents[kind].clauses}
    assert [f.text for f in by_para["1"].footnotes] == ["General Assembly resolution 68/243 of 27 December 2013."]
    assert [f.text for f in by_para["2"].footnotes] == ["See A/65/201 and A/68/98."]
    assert "2010 and 2013, whose" in by_para["2"].text


def test_the_three_formats_agree(documents):
    def summary(document):
        return [(c.para, c.text, c.heading, c.chapeau, tuple(f.text for f in c.footnotes)) for c in document.clauses]

    assert summary(documents["pdf"]) == summary(documents["html"]) == summary(documents["docx"])


def test_pdf_pages_and_html_docx_have_none(documents):
    pages = [c.page for c in documents["pdf"].clauses]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] >= 3
    assert {c.page for c in documents["html"].clauses} == {None}
    assert {c.page for c in documents["docx"].clauses} == {None}
