"""Incremental builds: unchanged files are not parsed or embedded again, deleted ones drop out."""
from __future__ import annotations

from pathlib import Path

import time

from indexer.build import build
from indexer.config import Config
from indexer.search import Searcher

RESOLUTION = Path(__file__).resolve().parent.parent / "corpus" / "A_RES_73_266.txt"


class CountingEmbedder:
    """Wraps an embedder and counts the texts it is asked to encode."""

    def __init__(self, inner):
        self.inner = inner
        self.encoded = 0
        self.name, self.weights = inner.name, inner.weights

    @property
    def model(self):
        return self.inner.model

    @property
    def dimension(self):
        return self.inner.dimension

    def encode(self, texts, **kwargs):
        self.encoded += len(texts)
        return self.inner.encode(texts, **kwargs)

    def encode_query(self, text):
        return self.inner.encode_query(text)


def two_documents(folder):
    text = RESOLUTION.read_text()
    (folder / RESOLUTION.name).write_text(text)
    other = text.replace("A/RES/73/266", "A/RES/73/999").replace("73/266.", "73/999.")
    (folder / "other.txt").write_text(other)
    return other


def test_an_unchanged_corpus_embeds_nothing_and_is_fast(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    two_documents(corpus)
    config = Config(corpus=corpus, index=tmp_path / "index")
    counting = CountingEmbedder(embedder)
    started = time.perf_counter()
    first = build(config, counting)
    first_seconds = time.perf_counter() - started
    assert first.added == 46 and counting.encoded == 46 + first.parts_added and first.parts_added > 0
    started = time.perf_counter()
    second = build(config, counting)
    second_seconds = time.perf_counter() - started
    assert second.up_to_date and counting.encoded == 46 + first.parts_added
    assert second_seconds < 0.1 * first_seconds


def test_changing_one_file_re_embeds_only_its_changed_clauses(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    other = two_documents(corpus)
    config = Config(corpus=corpus, index=tmp_path / "index")
    build(config, fake_embedder)
    (corpus / "other.txt").write_text(other.replace("two two-day informal", "three one-day informal"))
    counting = CountingEmbedder(fake_embedder)
    report = build(config, counting)
    assert report.indexed == ["other.txt"] and report.unchanged == [RESOLUTION.name]
    assert report.added == 1 and report.reused == 45 and counting.encoded == 1 + report.parts_added
    assert report.parts_added <= 2  # only the changed clause's parts, if it is long
    hit = Searcher.open(config.index, fake_embedder).search("three one-day informal meetings", k=1)[0]
    assert hit.clause.doc == "A/RES/73/999" and hit.clause.para == "5"


def test_a_deleted_file_drops_its_clauses(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    two_documents(corpus)
    config = Config(corpus=corpus, index=tmp_path / "index")
    build(config, fake_embedder)
    (corpus / "other.txt").unlink()
    report = build(config, fake_embedder)
    assert report.clauses == 23 and report.removed == 23
    searcher = Searcher.open(config.index, fake_embedder)
    assert {c.doc for c in searcher.clauses} == {"A/RES/73/266"}


def test_a_new_file_is_added_without_touching_the_others(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / RESOLUTION.name).write_text(RESOLUTION.read_text())
    config = Config(corpus=corpus, index=tmp_path / "index")
    build(config, fake_embedder)
    (corpus / "other.txt").write_text(RESOLUTION.read_text().replace("A/RES/73/266", "A/RES/73/999").replace("73/266.", "73/999."))
    report = build(config, fake_embedder)
    assert report.indexed == ["other.txt"] and report.unchanged == [RESOLUTION.name]
    assert "1 unchanged" in report.summary()


def test_latin1_text_is_decoded_and_reported(tmp_path, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = RESOLUTION.read_text().replace("Governmental Experts", "Governmental Experts — café", 1).replace("¹", "").replace("²", "").replace("³", "").replace("—", "-")
    (corpus / "latin.txt").write_bytes(text.encode("latin-1"))
    report = build(Config(corpus=corpus, index=tmp_path / "index"), fake_embedder)
    assert report.failed == []
    assert report.notes and "decoded as" in report.notes[0][1]
    searcher = Searcher.open(tmp_path / "index", fake_embedder)
    assert any("café" in c.text for c in searcher.clauses)
