"""The benchmark package: its generated corpus reads as resolutions, its command line refuses bad options."""
from __future__ import annotations

import pytest

from bench.__main__ import main as bench_main
from bench.corpus import write_corpus
from indexer import Index
from indexer.cli import main
from indexer.testing import FakeEmbedder


def test_generated_resolutions_index_as_distinct_documents(tmp_path):
    write_corpus(tmp_path / "corpus", 3)
    report = Index(tmp_path / "corpus", tmp_path / "embeddings", model=FakeEmbedder()).build()
    documents = Index(index=tmp_path / "embeddings", model=FakeEmbedder()).documents()
    assert report.failed == [] and len(documents) == 3
    assert [d.symbol for d in documents] == ["A/RES/74/100", "A/RES/75/101", "A/RES/76/102"]
    assert all(any(c.kind == "preambular" for c in d.clauses) and any(c.group == "operative" for c in d.clauses)
               for d in documents)


@pytest.mark.parametrize("argv", [["--only", "nothing"], ["--sizes", "10"]])
def test_bad_options_are_refused_before_anything_runs(argv, capsys):
    with pytest.raises(SystemExit) as refused:
        bench_main(argv)
    assert refused.value.code == 2 and "python -m bench: error:" in capsys.readouterr().err


def test_the_indexer_command_forwards_to_the_bench(capsys):
    with pytest.raises(SystemExit):
        main(["bench", "--help"])
    assert "usage: python -m bench" in capsys.readouterr().out
