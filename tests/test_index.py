"""indexer.Index, the facade: progress of a build, freshness from one corpus hash, typed refusals."""
from __future__ import annotations

import pytest

from indexer import ClauseNotFound, Index, IndexMissing
from indexer.testing import FakeEmbedder


@pytest.fixture
def index(corpus_dir, tmp_path) -> Index:
    return Index(corpus=corpus_dir, index=tmp_path / "embeddings", model=FakeEmbedder())


def test_build_reports_files_parsed_then_clauses_embedded(index):
    seen = []
    report = index.build(progress=lambda stage, done, total: seen.append((stage, done, total)))
    texts = report.added + report.parts_added  # the 23 clauses, and the parts of the long ones
    assert report.added == 23 and report.parts_added > 0
    assert seen == [("parse", 0, 1), ("parse", 1, 1), ("embed", 0, texts), ("embed", texts, texts)]


def test_an_unchanged_corpus_reports_no_progress_and_is_up_to_date(index):
    index.build()
    seen = []
    assert index.build(progress=lambda *step: seen.append(step)).up_to_date and seen == []


def test_status_says_what_changed_since_the_build(index, corpus_dir):
    index.build()
    assert index.status().fresh and index.status().reason is None
    (corpus_dir / "new.txt").write_text("1. A new operative paragraph about norms.\n")
    status = index.status()
    assert not status.fresh and status.changes.added == ("new.txt",)
    assert status.reason == f"{corpus_dir}/ has changed since the index was built (new.txt)"
    index.build()
    assert index.status().fresh and index.status().documents == 2


def test_an_index_opened_without_a_corpus_belongs_to_the_one_it_was_built_from(index, corpus_dir):
    index.build()
    reopened = Index(index=index.config.index, model=FakeEmbedder())
    assert reopened.config.corpus.resolve() == corpus_dir.resolve() and not reopened.read_only
    assert [d.symbol for d in reopened.documents()] == ["A/RES/73/266"]


def test_refusals_are_typed_and_carry_the_facts(index, tmp_path):
    with pytest.raises(IndexMissing) as missing:
        index.search("norms")
    assert missing.value.index == tmp_path / "embeddings"
    index.build()
    with pytest.raises(ClauseNotFound) as absent:
        index.similar("A/RES/73/266", "99")
    assert (absent.value.doc, absent.value.para) == ("A/RES/73/266", "99")
    assert index.clause("A/RES/73/266", "99") is None
    assert index.clause("A/RES/73/266", "1 (a)").group == "operative"
