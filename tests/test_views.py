"""The pieces behind the app's screens: uploads, filters, settings, escaping."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from indexer import Filters, store
from indexer.config import Config
from indexer.errors import ReadOnlyIndex, UnreadableDocument
from views import safe, settings, sidebar, upload


@pytest.mark.parametrize("name, expected", [
    ("report.pdf", "report.pdf"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\me\\GGE report 2021.DOCX", "GGE_report_2021.docx"),
    (".hidden.md", "hidden.md"),
    ("résumé final.html", "r_sum_final.html"),
])
def test_uploads_get_safe_names(name, expected):
    assert upload.safe_name(name) == expected


@pytest.mark.parametrize("name", ["tool.exe", "noextension", "...", ".txt", "archive.tar.gz"])
def test_uploads_of_other_files_are_refused(name):
    with pytest.raises(UnreadableDocument, match="not a document file"):
        upload.safe_name(name)


def test_upload_never_overwrites_a_different_file(tmp_path):
    config = Config(corpus=tmp_path / "corpus", index=tmp_path / "embeddings")
    first = upload.save(config, "note.txt", b"one")
    again = upload.save(config, "note.txt", b"one")
    other = upload.save(config, "note.txt", b"two")
    assert first == again and first.read_bytes() == b"one"
    assert other.name == "note-2.txt" and other.read_bytes() == b"two"
    assert not [p for p in config.corpus.iterdir() if p.name.startswith(".")], "no partial files left"


def test_upload_size_limit(tmp_path):
    from dataclasses import replace

    config = replace(Config(corpus=tmp_path / "corpus"), max_file_mb=1)
    with pytest.raises(UnreadableDocument, match="larger than 1 MB"):
        upload.save(config, "big.txt", b"x" * (1024 * 1024 + 1))


def test_filters_treat_empty_choices_as_no_limit():
    assert sidebar.filters() == Filters()
    assert sidebar.filters(years=(2018, 2021), all_years=(2018, 2021)) == Filters()
    assert sidebar.filters(kinds=["preambular"], years=(2019, 2021), all_years=(2018, 2021)) == \
        Filters(kinds=frozenset({"preambular"}), years=(2019, 2021))


def test_config_from_flags_environment_and_the_index_manifest(monkeypatch, real_index, tmp_path):
    monkeypatch.delenv("INDEXER_INDEX", raising=False)
    monkeypatch.delenv("INDEXER_CORPUS", raising=False)
    default = settings.from_args([], base=tmp_path)
    assert (default.config.index, default.config.corpus) == (tmp_path / "embeddings", tmp_path / "corpus")
    assert not settings.open_index(default).read_only
    served = settings.open_index(settings.from_args(["--index", str(real_index)], base=tmp_path))
    assert served.config.index == real_index and not served.read_only
    assert served.config.corpus.resolve() == (real_index.parent / "corpus").resolve(), "the corpus the index was built from"


def test_index_moved_away_from_its_corpus_is_served_read_only(monkeypatch, real_index, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(real_index, moved)
    manifest = store.current(moved) / "manifest.json"
    data = json.loads(manifest.read_text())
    data["corpus_dir"] = str(tmp_path / "gone")
    manifest.write_text(json.dumps(data))
    monkeypatch.delenv("INDEXER_INDEX", raising=False)
    monkeypatch.delenv("INDEXER_CORPUS", raising=False)
    index = settings.open_index(settings.from_args(["--index", str(moved)], base=tmp_path))
    assert index.read_only
    with pytest.raises(ReadOnlyIndex, match="not on this machine"):
        index.build()


@pytest.mark.parametrize("text", [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[link](javascript:alert(1))",
    "![pic](http://x/y.png)", "**bold** _it_ `code`", "# heading", "1. list", "> quote", "a | b", "$x^2$",
    ":smile: :material/home:", "https://evil.example www.evil.example", "write to someone@example.org", "&lt;b&gt; &amp;", "back\\slash",
])
def test_escaped_text_renders_as_exactly_itself(text):
    markdown_it = pytest.importorskip("markdown_it")
    import html

    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(safe.escape(text))
    rendered = rendered.replace(safe.JOINER, "")
    assert rendered == f"<p>{html.escape(text, quote=False)}</p>\n"


def test_bare_urls_and_addresses_cannot_become_links():
    # the renderer links these after escapes are resolved, so each gets a word joiner
    for text in ("https://evil.example", "see www.evil.example", "someone@example.org", "(HTTP://X)"):
        unescaped = re.sub(r"\\(.)", r"\1", safe.escape(text))
        assert safe.JOINER in unescaped and unescaped.replace(safe.JOINER, "") == text
        assert not re.search(r"(?i)\b(https?://|www\.)|\w@", unescaped)


def test_highlight_splits_the_clause_into_three_escaped_parts():
    text = "States *should* act; <b>this</b> is the answer. After [x](y)."
    start = text.index("<b>")
    end = text.index(".", start) + 1
    markdown = safe.highlighted(text, (start, end))
    assert markdown == (safe.escape(text[:start]) + " :orange-background[**" + safe.escape(text[start:end]) + "**] "
                        + safe.escape(text[end:]))
    emphasis = re.sub(r":orange-background\[\*\*(.*?)\*\*\]", r"\1", markdown)
    assert re.sub(r"\\(.)", r"\1", emphasis).replace(safe.JOINER, "") == text, "reads as the text itself"


def test_the_markdown_export_renders_document_text_as_text():
    markdown_it = pytest.importorskip("markdown_it")
    from indexer import Clause, Hit
    from views import export

    hostile = "<img src=x onerror=alert(1)> [link](javascript:x) **bold** `code` | a ~~gone~~ &amp; $x$"
    hit = Hit(rank=1, score=0.5, clause=Clause(doc="A/RES/1/1", para="1", kind="operative", text=hostile))
    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(export.markdown("q *x*", [hit]))
    assert "<img" not in rendered and "<a " not in rendered and "<code>" not in rendered and "<s>" not in rendered
    assert rendered.count("<strong>") == 1, "only the citation is bold"
    assert "<strong>A/RES/1/1, para. 1</strong>" in rendered
