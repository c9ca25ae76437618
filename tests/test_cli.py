"""The command line of CONTRACT.md with the real model: in this process through main(argv), and once
as a user runs it, in a subprocess."""
from __future__ import annotations

from pathlib import Path

import io
import json
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest

from indexer.cli import main

ROOT = Path(__file__).resolve().parent.parent
RESOLUTION = ROOT / "corpus" / "A_RES_73_266.txt"


CONTRACT_FIELDS = {"rank", "score", "doc", "para", "page", "text", "citation"}
FURNITURE = [r"(?<![\w/])[123]/3(?![\w/])", r"18-22650", r"\*", r"United Nations A/RES", r"^- ", r"Distr\.", r"plenary meeting"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run(*args, check=True) -> Run:
    """`python -m indexer ARGS` in this process: what it printed and its exit status."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # --help and argparse's own usage errors
            code = exc.code
    proc = Run(code, out.getvalue(), err.getvalue())
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / RESOLUTION.name).write_bytes(RESOLUTION.read_bytes())
    proc = run("build", "--corpus", str(corpus), "--index", str(folder / "index"))
    return folder, corpus, folder / "index", proc


@pytest.fixture(scope="module")
def clauses(cli_index):
    _, _, index, _ = cli_index
    return [json.loads(line) for line in run("clauses", "--json", "--index", str(index)).stdout.splitlines()]


def test_build_prints_a_summary(cli_index):
    *_, proc = cli_index
    assert "indexed 1 files" in proc.stdout and "23 embedded" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_second_build_reports_up_to_date(cli_index):
    _, corpus, index, _ = cli_index
    proc = run("build", "--corpus", str(corpus), "--index", str(index))
    assert proc.stdout.startswith("index is up to date: 23 clauses")


@pytest.mark.parametrize("para, citation", [
    ("PP1", "A/RES/73/266, preambular para. 1"),
    ("PP5", "A/RES/73/266, preambular para. 5"),
    ("PP12", "A/RES/73/266, preambular para. 12"),
    ("PP15", "A/RES/73/266, preambular para. 15"),
    ("1 (a)", "A/RES/73/266, para. 1 (a)"),
    ("1 (b)", "A/RES/73/266, para. 1 (b)"),
    ("2 (a)", "A/RES/73/266, para. 2 (a)"),
    ("2 (b)", "A/RES/73/266, para. 2 (b)"),
    ("3", "A/RES/73/266, para. 3"),
    ("4", "A/RES/73/266, para. 4"),
    ("5", "A/RES/73/266, para. 5"),
    ("6", "A/RES/73/266, para. 6"),
])
def test_clauses_carry_label_doc_and_citation(clauses, para, citation):
    found = [c for c in clauses if c["para"] == para]
    assert len(found) == 1
    assert found[0]["doc"] == "A/RES/73/266"
    assert found[0]["citation"] == citation


def test_clauses_are_in_document_order_with_contract_fields(clauses):
    assert [c["para"] for c in clauses] == [f"PP{i}" for i in range(1, 16)] + [
        "1 (a)", "1 (b)", "2 (a)", "2 (b)", "3", "4", "5", "6"]
    for c in clauses:
        assert CONTRACT_FIELDS <= set(c)
        assert c["rank"] is None and c["score"] is None


def test_no_clause_carries_page_furniture(clauses):
    for c in clauses:
        for mark in FURNITURE:
            assert not re.search(mark, c["text"]), (c["para"], mark)
        assert not any(ch in c["text"] for ch in "¹²³")


def test_search_json_has_contract_fields(cli_index):
    _, _, index, _ = cli_index
    out = json.loads(run("search", "what does the GGE have to study", "--json", "-k", "3", "--index", str(index)).stdout)
    assert out["query"] == "what does the GGE have to study"
    assert [h["rank"] for h in out["hits"]] == [1, 2, 3]
    assert out["hits"][0]["citation"] == "A/RES/73/266, para. 3"
    assert out["hits"][0]["page"] == 3
    assert out["hits"][0]["score"] >= out["hits"][1]["score"] >= out["hits"][2]["score"]
    assert CONTRACT_FIELDS <= set(out["hits"][0])


def test_search_batch_answers_each_line_in_order(cli_index, tmp_path):
    _, _, index, _ = cli_index
    batch = tmp_path / "q.txt"
    batch.write_text('plain text question about A/70/174\n{"q": "dual-use technologies"}\n\n{"q": "two-day meetings"}\n')
    lines = run("search", "--batch", str(batch), "--json", "--index", str(index)).stdout.splitlines()
    answers = [json.loads(line) for line in lines]
    assert [a["query"] for a in answers] == ["plain text question about A/70/174", "dual-use technologies", "two-day meetings"]
    assert answers[0]["hits"][0]["para"] == "1 (a)"  # the footnote's symbol lands on the clause citing it
    assert answers[1]["hits"][0]["para"] == "PP5"
    assert answers[2]["hits"][0]["para"] == "5"
    assert all(len(a["hits"]) == 10 for a in answers)


def test_human_readable_search(cli_index):
    _, _, index, _ = cli_index
    out = run("search", "two-day informal consultative meetings", "-k", "1", "--index", str(index)).stdout
    assert out.startswith(" 1. A/RES/73/266, para. 5")


@pytest.mark.parametrize("args, message", [
    (["search", "x", "--index", "{missing}"], "no index in"),
    (["search", "--index", "{index}"], "give either a QUERY or --batch FILE"),
    (["search", "x", "-k", "0", "--index", "{index}"], "-k must be at least 1"),
    (["search", "--batch", "{missing}/q.txt", "--json", "--index", "{index}"], "cannot read the batch file"),
    (["build", "--corpus", "{missing}", "--index", "{missing}/i"], "does not exist"),
    (["similar", "A/RES/73/266", "99", "--index", "{index}"], "no clause A/RES/73/266, para '99' in the index: list them with"),
    (["fetch", "--corpus", "{missing}"], "no document named to fetch: name them (e.g. A/RES/73/266) or give --all"),
    (["fetch", "A/RES/99/1", "--corpus", "{missing}"], "A/RES/99/1 is not in the catalogue"),
])
def test_user_mistakes_get_one_line(cli_index, tmp_path, args, message):
    _, _, index, _ = cli_index
    args = [a.format(index=index, missing=tmp_path / "nowhere") for a in args]
    proc = run(*args, check=False)
    assert proc.returncode != 0
    assert proc.stderr.strip().startswith("error: ") and message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_build_skips_a_bad_file_and_indexes_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / RESOLUTION.name).write_bytes(RESOLUTION.read_bytes())
    (corpus / "notes.xyz").write_text("not a document")
    (corpus / "empty.txt").write_text("")
    proc = run("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    errors = proc.stderr.strip().splitlines()
    assert proc.returncode == 0
    assert sorted(errors) == sorted([
        f"error: {corpus / 'empty.txt'}: the file is empty",
        f"error: {corpus / 'notes.xyz'}: unsupported file type '.xyz'; use PDF, HTML, DOCX, TXT or MD",
    ])
    assert "23 in all" in proc.stdout


def test_build_fails_when_nothing_can_be_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("")
    proc = run("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].startswith("error: nothing could be indexed")


def test_every_command_has_help():
    for verb in ("build", "search", "clauses", "similar", "eval", "fetch", "corpus"):
        proc = run(verb, "--help")
        assert "Example:" in proc.stdout


def test_version():
    from indexer import __version__

    assert run("--version").stdout.strip() == f"indexer {__version__}"


def test_a_missing_index_gets_the_command_that_builds_it(tmp_path):
    proc = run("search", "x", "--index", tmp_path / "none", check=False)
    assert proc.stderr == f"error: no index in {tmp_path / 'none'}/: run python -m indexer build --index {tmp_path / 'none'}\n"


def test_as_a_user_runs_it(cli_index):
    """The module entry point in a fresh process: exit status, output and error streams."""
    _, _, index, _ = cli_index
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-m", "indexer", "search", "two-day meetings", "-k", "1", "--json",
                           "--index", str(index)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["hits"][0]["citation"] == "A/RES/73/266, para. 5"
    missing = subprocess.run([sys.executable, "-m", "indexer", "clauses", "--index", "/nonexistent"],
                             cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert missing.returncode == 1 and missing.stderr.startswith("error: no index in /nonexistent/")


def test_search_warns_in_one_line_when_the_corpus_changed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / RESOLUTION.name).write_bytes(RESOLUTION.read_bytes())
    run("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    (corpus / "new.txt").write_text("1. A new operative paragraph about norms.\n")
    proc = run("search", "norms", "-k", "1", "--index", str(tmp_path / "index"))
    assert proc.stderr.strip() == f"warning: {corpus.resolve()}/ has changed since the index was built (new.txt): run python -m indexer build to index the changes"
    assert proc.stdout.startswith(" 1. A/RES/73/266")


def test_an_index_that_cannot_be_written_is_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / RESOLUTION.name).write_bytes(RESOLUTION.read_bytes())
    (tmp_path / "plain-file").write_text("")
    proc = run("build", "--corpus", str(corpus), "--index", str(tmp_path / "plain-file" / "index"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {tmp_path / 'plain-file' / 'index'}: Not a directory; check the folder exists and is writable"


def test_eval_scores_only_questions_about_documents_in_the_index(cli_index, tmp_path):
    _, _, index, _ = cli_index
    questions = tmp_path / "q.jsonl"
    here = {"q": "two-day meetings", "gold": [{"doc": "A/RES/73/266", "text": "two two-day", "maxlen": 500}]}
    away = {"q": "the Global Mechanism", "gold": [{"doc": "A/RES/80/16", "text": "global mechanism", "maxlen": 900}]}
    questions.write_text(json.dumps(here) + "\n" + json.dumps(away) + "\n")
    proc = run("eval", str(questions), "--index", str(index))
    assert "1 questions about documents not in the index left out; 1 scored" in proc.stderr
    assert proc.stdout.splitlines()[0].startswith("method")
    questions.write_text(json.dumps(away) + "\n")
    proc = run("eval", str(questions), "--index", str(index), check=False)
    assert proc.returncode != 0 and "no question is about a document in the index" in proc.stderr
