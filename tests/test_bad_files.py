"""Bad input: every unreadable file costs one line on stderr, never a crash, and the rest is indexed."""
from __future__ import annotations

import io
import os
import random
import shutil
import zipfile
from pathlib import Path

import pytest

from indexer.build import build
from indexer.cli import main
from indexer.config import Config
from indexer.readers import docx as docx_reader
from indexer.errors import UnreadableDocument
from indexer.search import Searcher
from indexer.testing import FakeEmbedder

import un_layout

RESOLUTION = Path(__file__).resolve().parent.parent / "corpus" / "A_RES_73_266.txt"


def _zip_bomb(declared_mb: int) -> bytes:
    """A .docx-shaped zip whose document part unpacks to `declared_mb` megabytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(declared_mb):
                member.write(chunk)
    return out.getvalue()


def _ratio_bomb() -> bytes:
    """Many highly compressed parts: each small, together far beyond any document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(30):
            archive.writestr(f"word/media/part{n}.bin", b"A" * (1 << 20))
    return out.getvalue()


def _deeply_nested_docx(docx: bytes, depth: int) -> bytes:
    """A real .docx whose body is tables nested `depth` deep."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "<w:tbl><w:tr><w:tc>" * depth + "<w:p><w:r><w:t>1. Deep.</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * depth
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                data = f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'.encode()
            target.writestr(member.filename, data)
    return out.getvalue()


def _flip(data: bytes, rng: random.Random, flips: int) -> bytes:
    mutated = bytearray(data)
    for _ in range(flips):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    return bytes(mutated)


def _malformed(sources: dict[str, bytes], rng: random.Random) -> dict[str, bytes]:
    """Over 200 broken files: truncations, byte flips, wrong names, empties, bombs, deep nesting, bad encodings."""
    files: dict[str, bytes] = {}
    for kind, data, truncations, flipped in (
        ("pdf", sources["report.pdf"], 30, 40), ("docx", sources["report.docx"], 25, 30),
        ("html", sources["report.html"], 20, 25),
    ):
        for n in range(truncations):
            files[f"truncated-{n}.{kind}"] = data[: len(data) * n // truncations]
        for n in range(flipped):
            files[f"flipped-{n}.{kind}"] = _flip(data, rng, 1 + n * 3)
    for source, data in sources.items():
        for suffix in (".pdf", ".docx", ".html"):
            if not source.endswith(suffix):
                files[f"renamed-{source}{suffix}"] = data[:20000]
    for suffix in (".pdf", ".docx", ".html", ".htm", ".txt", ".md"):
        files[f"empty{suffix}"] = b""
        files[f"random{suffix}"] = rng.randbytes(4096)
    files["blank.txt"] = b" \n\n\t\n"
    files["bomb.docx"] = _zip_bomb(250)
    files["ratio-bomb.docx"] = _ratio_bomb()
    files["nested-tables.docx"] = _deeply_nested_docx(sources["report.docx"], 20000)
    files["nested-some.docx"] = _deeply_nested_docx(sources["report.docx"], 50)
    files["nested-div.html"] = b"<div>" * 30000 + b"1. Deep text." + b"</div>" * 30000
    files["nested-table.html"] = b"<table><tr><td>" * 5000 + b"1. Deep cell."
    files["nested-unclosed.html"] = b"<b><i>" * 20000
    files["latin1-binary.txt"] = bytes(range(128, 256)) * 40
    files["bad-utf16.txt"] = b"\xff\xfe" + rng.randbytes(999)
    files["invalid-utf8.html"] = b"<p>" + bytes(range(128, 256)) * 20 + b"</p>"
    files["nul.md"] = b"# Title\n\x00\x00\x00 1. text"
    files["script-only.html"] = b"<script>1. Calls upon</script><style>p{}</style>"
    for suffix in (".doc", ".rtf", ".xyz", ".json"):
        files[f"unsupported{suffix}"] = b"1. Some text."
    files["no-extension"] = b"1. Some text."
    return files


# files no reader can make anything of, with what the message must say
CERTAIN = {
    "empty.pdf": "not a readable PDF", "empty.docx": "not a Word document", "empty.html": "empty",
    "empty.txt": "empty", "blank.txt": "empty", "random.docx": "not a Word document",
    "random.pdf": "not a readable PDF", "bomb.docx": "zip bomb", "ratio-bomb.docx": "zip bomb",
    "unsupported.doc": "unsupported file type", "unsupported.xyz": "unsupported file type",
    "no-extension": "unsupported file type", "truncated-0.pdf": "not a readable PDF",
    "script-only.html": "no text found", "locked.pdf": "encrypted",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "corpus"
    folder.mkdir()
    made = folder.parent / "made"
    made.mkdir()
    report = un_layout.report()
    un_layout.write_pdf(report, made / "report.pdf")
    un_layout.write_docx(report, made / "report.docx")
    un_layout.write_html(report, made / "report.html")
    sources = {p.name: p.read_bytes() for p in made.iterdir()}
    for name, data in _malformed(sources, random.Random(73266)).items():
        (folder / name).write_bytes(data)
    un_layout.write_pdf(un_layout.resolution(), folder / "locked.pdf", encrypt="secret")
    shutil.copy(RESOLUTION, folder / RESOLUTION.name)
    for name, data in sources.items():
        (folder / f"good-{name}").write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def outcome(corpus, tmp_path_factory):
    config = Config(corpus=corpus, index=tmp_path_factory.mktemp("index") / "embeddings", parse_seconds=30)
    return config, build(config, FakeEmbedder())


def test_there_are_over_200_malformed_files(corpus):
    assert len([p for p in corpus.iterdir() if not p.name.startswith("good-") and p.name != RESOLUTION.name]) > 200


def test_one_reason_per_unreadable_file_and_no_traceback(corpus, outcome):
    _, report = outcome
    named = [path for path, _ in report.failed]
    assert len(named) == len(set(named))
    assert all(reason.strip() and "\n" not in reason and "Traceback" not in reason for _, reason in report.failed)


def test_every_file_is_either_indexed_or_reported_never_both(corpus, outcome):
    _, report = outcome
    failed = {Path(path).name for path, _ in report.failed}
    indexed = {Path(path).name for path in report.indexed}
    assert not failed & indexed
    assert failed | indexed == {p.name for p in corpus.iterdir()}


def test_certainly_bad_files_fail_with_the_right_reason(outcome):
    _, report = outcome
    reasons = {Path(path).name: reason for path, reason in report.failed}
    for name, expected in CERTAIN.items():
        assert expected in reasons[name], (name, reasons.get(name))
        assert "\n" not in reasons[name]


def test_good_files_are_indexed_and_the_resolution_stays_searchable(outcome):
    config, report = outcome
    indexed = {Path(path).name for path in report.indexed}
    assert {RESOLUTION.name, "good-report.pdf", "good-report.docx", "good-report.html"} <= indexed

    query = "annex containing national contributions of participating governmental experts"
    hits = Searcher.open(config.index, FakeEmbedder()).search(query, k=5)
    assert any(h.clause.doc == "A/RES/73/266" and h.clause.para == "3" for h in hits)


def test_zip_bomb_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip_bomb(220))
    with pytest.raises(UnreadableDocument, match="zip bomb"):
        docx_reader.check_archive(path)


def test_cli_build_prints_one_line_per_bad_file_and_exits_0(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(RESOLUTION, corpus / RESOLUTION.name)
    (corpus / "empty.pdf").write_bytes(b"")
    (corpus / "random.docx").write_bytes(os.urandom(2048))
    (corpus / "notes.xyz").write_bytes(b"text")
    code = main(["build", "--corpus", str(corpus), "--index", str(tmp_path / "idx")])
    stderr = capsys.readouterr().err
    assert code == 0, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert sorted(line.split(": ")[1] for line in errors) == sorted(str(corpus / n) for n in ("empty.pdf", "notes.xyz", "random.docx"))
    assert "Traceback" not in stderr


def test_reasons_are_short_and_say_what_is_wrong(outcome):
    _, report = outcome
    for path, reason in report.failed:
        assert 10 < len(reason) < 200, (path, reason)
        assert "Traceback" not in reason and "\n" not in reason
