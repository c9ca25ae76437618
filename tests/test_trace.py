"""trace: the earlier clauses that share long runs of a clause's words, on hand-made and real documents."""
from __future__ import annotations

import json
import re
import time

import pytest

from un_series import index_folder, lineage, run

from indexer.documents import OPERATIVE, Clause
from indexer.lineage import Lineage, UnknownClause
from indexer.trace import MIN_SHARE, MIN_SHARED, SHINGLE, ShingleIndex

AGREED = ("Calls upon Member States to be guided in their use of information and communications technologies "
          "by the reports of the Group of Governmental Experts")
OTHER = "Decides to include in the provisional agenda of its next session the item entitled developments in the field"


def corpus(*docs: tuple[str, str, str]) -> tuple[list[Clause], dict]:
    """(symbol, date, text) for one-clause documents."""
    clauses = [Clause(doc=s, para="1", kind=OPERATIVE, text=t) for s, _, t in docs]
    return clauses, {s: {"symbol": s, "date": d, "kind": "resolution"} for s, d, _ in docs}


# -- the shingle index ------------------------------------------------------------------------------

def test_sources_are_earlier_documents_earliest_first_with_their_shared_words():
    lineage = Lineage(*corpus(
        ("A/RES/70/1", "2015-12-01", AGREED + "."),
        ("A/RES/72/1", "2017-12-01", "Recalling that, " + AGREED + ", and " + OTHER),
        ("A/RES/71/1", "2016-12-01", "Notes " + AGREED[9:]),
        ("A/RES/73/1", "2018-12-01", AGREED + ", and to consider other reports"),
        ("A/RES/74/1", "2019-12-01", AGREED + ", as well as the new text added this year"),
    ))
    trace = lineage.trace("A/RES/73/1", "1")
    assert [s.clause.doc for s in trace.sources] == ["A/RES/70/1", "A/RES/71/1", "A/RES/72/1"]
    first = trace.sources[0]
    words = len(AGREED.split())
    assert (first.date, first.kind, first.shared_words) == ("2015-12-01", "resolution", words)
    assert first.share == pytest.approx(words / len((AGREED + ", and to consider other reports").split()))
    assert [trace.text[a:b] for a, b in first.spans] == [AGREED]


def test_runs_shorter_than_a_shingle_are_not_shared_wording():
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
    broken = " ".join(w if n % SHINGLE else "X" + w for n, w in enumerate(words))  # no run of SHINGLE words left
    lineage = Lineage(*corpus(("OLD", "2020-01-01", broken), ("NEW", "2021-01-01", " ".join(words))))
    assert lineage.trace("NEW", "1").sources == ()


def test_a_source_needs_the_minimum_of_shared_words():
    text = " ".join(f"w{n}" for n in range(30))
    short = " ".join(f"w{n}" for n in range(MIN_SHARED - 1))
    enough = " ".join(f"w{n}" for n in range(MIN_SHARED))
    lineage = Lineage(*corpus(("A", "2020-01-01", short), ("B", "2020-01-02", enough), ("C", "2021-01-01", text)))
    assert [s.clause.doc for s in lineage.trace("C", "1").sources] == ["B"]


def test_a_phrase_quoted_in_passing_is_not_a_source_unless_long():
    name = "the open-ended working group on security of and in the use of information and communications technologies"
    clause = f"Recalling that {name} held its sessions in 2021, 2022 and 2023 " + " ".join(f"w{n}" for n in range(50))
    lineage = Lineage(*corpus(("A", "2020-01-01", f"Welcomes the report of {name}"), ("B", "2021-01-01", clause)))
    assert 17 / len(re.findall(r"\w+", clause)) < MIN_SHARE and lineage.trace("B", "1").sources == ()
    longer = Lineage(*corpus(("A", "2020-01-01", " ".join(f"w{n}" for n in range(40))), ("B", "2021-01-01", clause)))
    assert [s.shared_words for s in longer.trace("B", "1").sources] == [40]


def test_one_source_per_document_its_clause_sharing_most():
    clauses = [Clause(doc="OLD", para="1", kind=OPERATIVE, text=AGREED[:60]),
               Clause(doc="OLD", para="2", kind=OPERATIVE, text=AGREED, order=1),
               Clause(doc="NEW", para="1", kind=OPERATIVE, text=AGREED)]
    lineage = Lineage(clauses, {"OLD": {"date": "2020-01-01"}, "NEW": {"date": "2021-01-01"}})
    assert [(s.clause.doc, s.clause.para, s.share) for s in lineage.trace("NEW", "1").sources] == [("OLD", "2", 1.0)]


def test_free_text_is_traced_against_every_document_and_drafts_are_marked():
    lineage = Lineage(*corpus(("A/C.1/80/L.20", "2025-10-13", AGREED), ("A/RES/80/16", "2025-12-01", AGREED)))
    trace = lineage.trace_text("  " + AGREED.upper() + "  ")
    assert [(s.clause.doc, s.kind) for s in trace.sources] == [("A/C.1/80/L.20", "draft"), ("A/RES/80/16", "resolution")]
    assert trace.to_dict()["clause"] == {"doc": None, "para": None, "citation": None, "text": AGREED.upper()}


def test_unknown_clause_is_refused():
    with pytest.raises(UnknownClause, match=r"^no clause A/RES/80/16, para '99' in the index$"):
        lineage().trace("A/RES/80/16", "99")


def test_the_index_is_an_array_of_hashes_queried_without_a_scan():
    index = ShingleIndex(*corpus(("A", "2020-01-01", AGREED), ("B", "2021-01-01", OTHER)))
    assert len(index) == len(AGREED.split()) - SHINGLE + 1 + len(OTHER.split()) - SHINGLE + 1
    assert index.sources("too short") == ()


# -- real documents --------------------------------------------------------------------------------

def test_oewg_2025_preambular_para_1_comes_from_2024():
    trace = lineage().trace("A/RES/80/16", "PP1")
    dates = [s.date for s in trace.sources]
    assert dates == sorted(dates), "earliest first"
    most = [s for s in trace.sources if s.share > 0.5]
    assert most[0].clause.citation == "A/RES/79/237, preambular para. 1"
    assert most[0].date == "2024-12-24" and most[0].kind == "resolution" and most[0].shared_words >= 60
    assert all(s.date < "2025-12-01" for s in trace.sources), "only earlier documents"
    assert "A/RES/80/16" not in {s.clause.doc for s in trace.sources}


def test_oewg_2025_preambular_para_1_has_its_draft_among_its_sources():
    trace = lineage().trace("A/RES/80/16", "PP1")
    draft = [s for s in trace.sources if s.clause.doc == "A/C.1/80/L.20"]
    assert draft and draft[0].kind == "draft" and draft[0].clause.para == "PP1" and draft[0].share == 1.0


def test_oewg_2025_para_1_is_found_word_for_word_in_its_draft():
    trace = lineage().trace("A/RES/80/16", "1")
    whole = [s for s in trace.sources if s.share == 1.0]
    assert [s.date for s in whole] == ["2025-10-13"], "the First Committee draft, issued before adoption"


def test_oewg_2025_para_1_names_its_draft_as_a_draft():
    source = next(s for s in lineage().trace("A/RES/80/16", "1").sources if s.share == 1.0)
    assert (source.clause.doc, source.kind, source.clause.citation) == (
        "A/C.1/80/L.20", "draft", "A/C.1/80/L.20, para. 1")


def test_a_clause_traces_back_through_a_three_year_series():
    trace = lineage().trace("A/RES/80/22", "PP1")
    series = [s.clause.doc for s in trace.sources if s.share == 1.0]
    assert series == ["A/RES/78/22", "A/RES/79/23"]


def test_tracing_is_fast():
    generation = lineage()
    generation.shingles()
    clauses = [c for c in generation.clauses if c.doc.startswith("A/RES/80/")]
    started = time.perf_counter()
    for clause in clauses:
        generation.trace(clause.doc, clause.para)
    per_clause = (time.perf_counter() - started) / len(clauses)
    assert per_clause < 0.1, f"{per_clause * 1000:.1f} ms per clause"


# -- command line ----------------------------------------------------------------------------------

def test_cli_trace_json():
    proc = run("trace", "A/RES/80/16", "PP1", "--json", "--index", str(index_folder()))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["clause"]["citation"] == "A/RES/80/16, preambular para. 1"
    fields = {"doc", "para", "citation", "date", "kind", "shared_words", "share", "spans"}
    assert data["sources"] and all(fields <= set(s) for s in data["sources"])
    first_most = next(s for s in data["sources"] if s["share"] > 0.5)
    assert (first_most["doc"], first_most["para"]) == ("A/RES/79/237", "PP1")
    text = data["clause"]["text"]
    assert all(0 <= a < b <= len(text) for s in data["sources"] for a, b in s["spans"])


def test_cli_trace_text_and_readable_output():
    proc = run("trace", "--text", "Role of science and technology in the context of international security and disarmament",
               "--index", str(index_folder()))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("the text given: ") and "earliest first" in lines[0]
    assert "2023-12-04  A/RES/78/22, " in proc.stdout


@pytest.mark.parametrize("args, message", [
    (["A/RES/80/16", "99"], "error: no clause A/RES/80/16, para '99' in the index: list them with python -m indexer clauses\n"),
    (["A/RES/80/16"], 'error: give DOC PARA (e.g. A/RES/80/16 PP1) or --text "..."\n'),
    (["A/RES/80/16", "PP1", "--text", "x"], "error: give either DOC PARA or --text, not both\n"),
    (["--text", "  "], "error: --text is empty: give the words to trace\n"),
    (["A/RES/80/16", "PP1", "-k", "0"], "error: -k must be at least 1, not 0\n"),
])
def test_cli_trace_errors_are_one_line(args, message):
    proc = run("trace", *args, "--index", str(index_folder()))
    assert (proc.returncode, proc.stderr, proc.stdout) == (1, message, "")


def test_cli_trace_has_help():
    proc = run("trace", "--help")
    assert proc.returncode == 0 and "Example: python -m indexer trace A/RES/80/16 PP1" in proc.stdout
