"""The corpus listing: each catalogued document indexed, not indexed or missing; files the catalogue does not list."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.cli import main
from indexer.holdings import listing
from indexer.testing import FakeEmbedder

SYMBOLS = ("A/RES/70/237", "A/70/174", "A/RES/73/266")
RESOLUTION = Path(__file__).resolve().parent.parent / "corpus" / "A_RES_73_266.txt"


@pytest.fixture
def corpus(catalogued_corpus) -> Path:
    return catalogued_corpus


def test_corpus_listing_names_files_the_catalogue_does_not_know(corpus, tmp_path, capsys):
    (corpus / "A_RES_73_266.txt").write_text("United Nations A/RES/73/266\n", encoding="utf-8")
    (corpus / "notes.md").write_text("# my notes\n", encoding="utf-8")

    assert main(["corpus", "--corpus", str(corpus), "--index", str(tmp_path / "none")]) == 0
    out = capsys.readouterr().out.splitlines()

    assert [line.split()[:2] for line in out[:3]] == [["A/RES/70/237", "missing"], ["A/70/174", "missing"], ["A/RES/73/266", "not"]]
    assert out[2].endswith("[A_RES_73_266.txt]")
    assert out[3:5] == ["not in the catalogue:", "  notes.md  (not indexed)"]
    assert out[5] == ("3 catalogued: 0 indexed, 1 not indexed, 2 missing; fetch the missing ones with "
                      "python -m indexer fetch --all; index the new ones with python -m indexer build")


def test_a_file_changed_since_the_build_is_listed_as_not_indexed(corpus, tmp_path):
    from indexer import Index

    (corpus / "A_RES_73_266.txt").write_text(RESOLUTION.read_text(encoding="utf-8"), encoding="utf-8")
    Index(corpus, tmp_path / "embeddings", model=FakeEmbedder()).build()
    assert [h.status for h in listing(corpus, tmp_path / "embeddings").holdings] == ["missing", "missing", "indexed"]
    with (corpus / "A_RES_73_266.txt").open("a", encoding="utf-8") as f:
        f.write("7. Decides to remain seized of the matter.\n")
    assert [h.status for h in listing(corpus, tmp_path / "embeddings").holdings] == ["missing", "missing", "not indexed"]
