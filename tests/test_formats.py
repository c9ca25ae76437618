"""HTML, DOCX, TXT and MD documents reach the same clause structure as the official text."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import UnreadableDocument
from indexer.parse import parse_file
from indexer.readers import docx as docx_reader
from indexer.readers import html as html_reader
from indexer.readers import read_blocks
from indexer.testing import FakeEmbedder

import un_layout

RESOLUTION = Path(__file__).resolve().parent.parent / "corpus" / "A_RES_73_266.txt"


@pytest.fixture(scope="module")
def from_text():
    return parse_file(RESOLUTION)[0]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    content = un_layout.resolution()
    un_layout.write_html(content, folder / "resolution.html")
    un_layout.write_docx(content, folder / "resolution.docx")
    return folder


def _summary(document):
    return [(c.para, c.text, c.chapeau, tuple(f.text for f in c.footnotes)) for c in document.clauses]


@pytest.mark.parametrize("name", ["resolution.html", "resolution.docx"])
def test_same_clauses_as_the_bundled_text(folder, from_text, name):
    document, note = parse_file(folder / name)
    assert note is None
    assert _summary(document) == _summary(from_text)
    assert document.symbol == "A/RES/73/266" and document.date == "2018-12-22"
    assert {c.page for c in document.clauses} == {None}  # no pages in the source


def test_html_scripts_styles_and_noscript_never_reach_the_text(folder):
    blocks, _ = html_reader.read(folder / "resolution.html")
    text = " ".join(b.text for b in blocks)
    assert "click here" not in text and "text-indent" not in text and "Enable scripts" not in text


def test_html_headings_become_heading_blocks(tmp_path):
    path = tmp_path / "report.html"
    path.write_text(
        "<html><body><h1>Report of the Group</h1><h2>I. Introduction</h2>"
        "<p>1. The Group met.</p><h3>Summary of views</h3><p>2. It agreed.</p></body></html>",
        encoding="utf-8",
    )
    blocks, _ = html_reader.read(path)
    assert [(b.text, b.heading) for b in blocks] == [
        ("Report of the Group", True), ("I. Introduction", True), ("1. The Group met.", False),
        ("Summary of views", True), ("2. It agreed.", False),
    ]
    document, _ = parse_file(path)
    # the h3 stands under the numbered h2: its heading is the path to it
    assert [(c.para, c.heading) for c in document.clauses] == [("1", "I. Introduction"), ("2", "I. Introduction / Summary of views")]


def test_html_lettered_lists_keep_their_letters(tmp_path):
    path = tmp_path / "list.html"
    path.write_text(
        "<p>1. States should:</p><ol type='a'><li>Cooperate;</li><li>Share information.</li></ol>",
        encoding="utf-8",
    )
    document, _ = parse_file(path)
    assert [(c.para, c.text) for c in document.clauses] == [
        ("1 (a)", "States should: (a) Cooperate;"), ("1 (b)", "States should: (b) Share information."),
    ]


def test_broken_html_is_read_as_far_as_it_goes(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><p>1. The first paragraph.<p>2. The second <b>paragraph<div>3. Third.", encoding="utf-8")
    document, _ = parse_file(path)
    assert [c.para for c in document.clauses] == ["1", "2", "3"]


def test_html_in_a_legacy_encoding_is_decoded_and_reported(tmp_path):
    path = tmp_path / "legacy.html"
    html = "<html><head><meta charset='windows-1252'></head><body><p>1. Les États membres coopèrent.</p></body></html>"
    path.write_bytes(html.encode("cp1252"))
    document, note = parse_file(path)
    assert document.clauses[0].text == "Les États membres coopèrent."
    assert note == "decoded as windows-1252"


def test_docx_heading_styles_become_heading_blocks(folder):
    blocks, _ = docx_reader.read(folder / "resolution.docx")
    assert not any(b.heading for b in blocks)  # a resolution has no headings
    report = folder / "report.docx"
    un_layout.write_docx(un_layout.report(), report)
    blocks, _ = docx_reader.read(report)
    headings = [b.text for b in blocks if b.heading]
    assert headings[:3] == ["I. Introduction", "II. Existing and emerging threats",
                            "III. Norms, rules and principles for the responsible behaviour of States"]


def test_docx_footnotes_are_numbered_in_citation_order(folder):
    blocks, _ = docx_reader.read(folder / "resolution.docx")
    assert {b.footnote: b.text for b in blocks if b.footnote} == un_layout.resolution().footnotes
    assert any("2010,¹ 2013² and 2015³" in b.text for b in blocks)


def test_cp1252_text_is_decoded_and_the_encoding_reported(tmp_path):
    path = tmp_path / "note.txt"
    text = RESOLUTION.read_text(encoding="utf-8").replace("Recalling", "Recalling « its » résolutions")
    path.write_bytes(text.replace("¹", "").replace("²", "").replace("³", "").encode("cp1252", errors="replace"))
    document, note = parse_file(path)
    assert note is not None and note.startswith("decoded as ")
    assert "Recalling « its » résolutions" in document.clauses[0].text
    assert document.symbol == "A/RES/73/266"


def test_markdown_emphasis_and_bullets_are_dropped(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# I. Introduction\n\n- 1. The **Group** met.\n\n- 2. It _agreed_ on *norms*.\n", encoding="utf-8")
    document, _ = parse_file(path)
    assert [(c.para, c.text, c.heading) for c in document.clauses] == [
        ("1", "The Group met.", "I. Introduction"), ("2", "It agreed on norms.", "I. Introduction"),
    ]


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b"  \n\n ", "the file is empty"),
    ("binary.txt", b"\x00\x01\x02" * 100, "binary data"),
    ("empty.html", b"", "the file is empty"),
    ("script-only.html", b"<script>alert(1)</script><style>p{}</style>", "no text found"),
    ("random.docx", b"PK\x03\x04 not really a zip", "not a valid zip"),
    ("notes.xyz", b"1. Text.", "unsupported file type '.xyz'"),
])
def test_unreadable_inputs_name_the_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as caught:
        read_blocks(path)
    assert reason in caught.value.reason


def test_word_exported_html_footnotes(tmp_path):
    """Word writes markers as links "[1]" to "_ftn1" and the notes in divs with id "ftn1"."""
    path = tmp_path / "word.html"
    path.write_text(
        "<html><body><p class=MsoNormal>1. States should cooperate.<a href='#_ftn1' name='_ftnref1'>"
        "<span class=MsoFootnoteReference>[1]</span></a></p>"
        "<p>2. States should share information.<a href='#_ftn2'><sup>[2]</sup></a></p>"
        "<div style='mso-element:footnote-list'><div id=ftn1><p><a href='#_ftnref1'>[1]</a> See A/70/174.</p></div>"
        "<div id=ftn2><p><a href='#_ftnref2'>[2]</a> See A/76/135.</p></div></div></body></html>",
        encoding="utf-8",
    )
    document, _ = parse_file(path)
    assert [(c.para, c.text, [f.text for f in c.footnotes]) for c in document.clauses] == [
        ("1", "States should cooperate.", ["See A/70/174."]),
        ("2", "States should share information.", ["See A/76/135."]),
    ]


def test_a_title_heading_at_the_top_leaves_the_masthead_to_the_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<h1>Report of the Group of Governmental Experts on Advancing Responsible State Behaviour</h1>"
        "<p>A/76/135</p><p>Distr.: General 14 July 2021</p><p>Seventy-sixth session</p>"
        "<h2>I. Introduction</h2><p>1. The Group met.</p>",
        encoding="utf-8",
    )
    document, _ = parse_file(path)
    assert (document.symbol, document.date, document.session) == ("A/76/135", "2021-07-14", "Seventy-sixth session")
    assert document.title.startswith("Report of the Group")
    assert [(c.citation, c.heading) for c in document.clauses] == [("A/76/135, para. 1", "I. Introduction")]


def test_build_reports_the_decoding_note(tmp_path):
    from indexer.build import build
    from indexer.config import Config

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_bytes("1. Les États membres coopèrent.\n\n2. Ils échangent des vues.".encode("cp1252"))
    report = build(Config(corpus=corpus, index=tmp_path / "index"), FakeEmbedder())
    assert report.notes == [(str(corpus / "note.txt"), "decoded as cp1252")]


@pytest.mark.parametrize("text, encoding", [
    ("1. Los Estados cooperarán en la región y la información será útil.", "cp1252"),
    ("1. Государства-члены сотрудничают в области информационной безопасности.", "cp1251"),
])
def test_legacy_encodings_decode_to_the_right_letters(tmp_path, text, encoding):
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode(encoding))
    document, note = parse_file(path)
    assert document.clauses[0].text == text[3:]
    assert note == f"decoded as {encoding}"


def test_docx_automatic_numbering_gives_the_paragraph_labels(tmp_path):
    """Word documents often number paragraphs by list styles: "1." and "(a)" are not in the text."""
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
        '</w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))

    document.add_paragraph("I. Introduction", style="Heading 1")
    numbered("The Group met.", 0)
    numbered("States should:", 0)
    numbered("Cooperate;", 1)
    numbered("Share information;", 1)
    numbered("The Group adopted its report.", 0)
    numbered("Its members agreed:", 0)
    numbered("To meet again.", 1)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    parsed, _ = parse_file(path)
    assert [(c.para, c.text) for c in parsed.clauses] == [
        ("1", "The Group met."), ("2 (a)", "States should: (a) Cooperate;"),
        ("2 (b)", "States should: (b) Share information;"), ("3", "The Group adopted its report."),
        ("4 (a)", "Its members agreed: (a) To meet again."),
    ]
