"""compare: clause-level alignment of two documents, on tricky hand-made cases and on real UN series."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from un_series import SERIES, index_folder, lineage, run

from indexer import redline
from indexer.compare import CHANGED, DELETE, DROPPED, EQUAL, INSERT, NEW, SAME, compare_clauses, word_diff
from indexer.documents import OPERATIVE, PREAMBULAR, SUBPARAGRAPH, Clause
from indexer.lineage import NoPredecessor, UnknownDocument

A = "Calls upon Member States to further promote at multilateral levels the consideration of existing and potential threats in the field of information security"
B = "Requests the Secretary-General to submit a report on the implementation of the present resolution to the General Assembly at its next session"
C = "Encourages regional organizations to share their experience of confidence-building measures with the open-ended working group"
D = "Decides to convene informal consultative meetings with interested Member States on the application of international law"
E = "Welcomes the establishment of the Global Points of Contact Directory as a practical tool for communication between States during incidents"


def doc(symbol: str, *paras: tuple[str, str]) -> list[Clause]:
    """Clauses from (label, text); "PPn" is preambular, "n (x)" a sub-paragraph, the rest operative."""
    out = []
    for order, (para, text) in enumerate(paras):
        kind = PREAMBULAR if para.startswith("PP") else SUBPARAGRAPH if "(" in para else OPERATIVE
        chapeau = text.split(":")[0] + ":" if kind == SUBPARAGRAPH else ""
        out.append(Clause(doc=symbol, para=para, kind=kind, text=text, chapeau=chapeau, order=order))
    return out


def pairs_of(old, new) -> list[tuple[str, str | None, str | None]]:
    comparison = compare_clauses("OLD", old, "NEW", new)
    return [(p.status, p.old.para if p.old else None, p.new.para if p.new else None) for p in comparison.pairs]


def assert_each_clause_once(comparison, old, new):
    olds = Counter(p.old.para for p in comparison.pairs if p.old)
    news = Counter(p.new.para for p in comparison.pairs if p.new)
    assert olds == Counter(c.para for c in old) and news == Counter(c.para for c in new)


# -- alignment on hand-made cases ------------------------------------------------------------------

def test_renumbered_paragraphs_pair_by_wording_not_number():
    old = doc("OLD", ("1", A), ("2", B), ("3", C))
    new = doc("NEW", ("1", D), ("2", A), ("3", B + " and to include recommendations"), ("4", C))
    assert pairs_of(old, new) == [(NEW, None, "1"), (SAME, "1", "2"), (CHANGED, "2", "3"), (SAME, "3", "4")]


def test_a_moved_paragraph_is_paired_and_marked_moved():
    old = doc("OLD", ("1", A), ("2", B), ("3", C), ("4", D))
    new = doc("NEW", ("1", A), ("2", C), ("3", D), ("4", B))
    comparison = compare_clauses("OLD", old, "NEW", new)
    assert [(p.status, p.old.para, p.new.para) for p in comparison.pairs] == [
        (SAME, "1", "1"), (SAME, "3", "2"), (SAME, "4", "3"), (SAME, "2", "4")]
    assert [p.moved for p in comparison.pairs] == [False, False, False, True]


def test_a_split_paragraph_pairs_its_larger_part_and_names_the_source_of_the_other():
    old = doc("OLD", ("1", A), ("2", f"{B}, and {C[0].lower()}{C[1:]}"), ("3", D))
    new = doc("NEW", ("1", A), ("2", B), ("3", "Also " + C[0].lower() + C[1:]), ("4", D))
    comparison = compare_clauses("OLD", old, "NEW", new)
    got = [(p.status, p.old.para if p.old else None, p.new.para if p.new else None) for p in comparison.pairs]
    assert got == [(SAME, "1", "1"), (CHANGED, "2", "2"), (NEW, None, "3"), (SAME, "3", "4")]
    assert comparison.pairs[2].reuses == "2" and comparison.pairs[2].to_dict()["reuses"] == "2"
    assert_each_clause_once(comparison, old, new)


def test_merged_paragraphs_pair_one_and_name_where_the_other_went():
    old = doc("OLD", ("1", A), ("2", B), ("3", "Also " + C[0].lower() + C[1:]), ("4", D))
    new = doc("NEW", ("1", A), ("2", f"{B}, and {C[0].lower()}{C[1:]}"), ("3", D))
    comparison = compare_clauses("OLD", old, "NEW", new)
    got = [(p.status, p.old.para if p.old else None, p.new.para if p.new else None) for p in comparison.pairs]
    assert got == [(SAME, "1", "1"), (CHANGED, "2", "2"), (DROPPED, "3", None), (SAME, "4", "3")]
    assert comparison.pairs[2].to_dict()["reused_in"] == "2"


def test_unrelated_paragraphs_in_the_same_place_are_new_and_dropped_not_changed():
    old = doc("OLD", ("1", A), ("2", B), ("3", D))
    new = doc("NEW", ("1", A), ("2", E), ("3", D))
    assert pairs_of(old, new) == [(SAME, "1", "1"), (DROPPED, "2", None), (NEW, None, "2"), (SAME, "3", "3")]


def test_preamble_and_operative_part_are_aligned_separately():
    old = doc("OLD", ("PP1", "Recalling " + C), ("1", A))
    new = doc("NEW", ("PP1", "Recalling " + E), ("1", "Recalling " + C))
    statuses = pairs_of(old, new)
    assert (SAME, "PP1", "1") not in statuses
    assert statuses == [(DROPPED, "PP1", None), (NEW, None, "PP1"), (DROPPED, "1", None), (NEW, None, "1")]


def test_annex_is_aligned_with_annex():
    old = doc("OLD", ("1", A), ("annex, para. 1", B), ("annex, para. 2", C))
    new = doc("NEW", ("1", B), ("annex, para. 1", C), ("annex, para. 2", A))
    comparison = compare_clauses("OLD", old, "NEW", new)
    got = [(p.section, p.status, p.old.para if p.old else None, p.new.para if p.new else None) for p in comparison.pairs]
    assert got == [("operative", DROPPED, "1", None), ("operative", NEW, None, "1"),
                   ("annex", DROPPED, "annex, para. 1", None), ("annex", SAME, "annex, para. 2", "annex, para. 1"),
                   ("annex", NEW, None, "annex, para. 2")]


def test_sub_paragraphs_pair_by_their_own_words_not_their_shared_chapeau():
    chapeau = "Welcomes the consensus achieved within the working group to:"
    old = doc("OLD", ("2 (a)", f"{chapeau} (a) {A};"), ("2 (b)", f"{chapeau} (b) {C};"))
    new = doc("NEW", ("2 (a)", f"{chapeau} (a) {C};"), ("2 (b)", f"{chapeau} (b) {E};"))
    # a relettered sub-paragraph with the same words is the same clause
    assert pairs_of(old, new) == [(DROPPED, "2 (a)", None), (SAME, "2 (b)", "2 (a)"), (NEW, None, "2 (b)")]


def test_repeated_identical_clauses_pair_in_order():
    old = doc("OLD", ("1", A), ("2", A), ("3", B))
    new = doc("NEW", ("1", A), ("2", A), ("3", B))
    assert pairs_of(old, new) == [(SAME, "1", "1"), (SAME, "2", "2"), (SAME, "3", "3")]


def test_same_means_word_for_word_up_to_whitespace():
    old = doc("OLD", ("1", A), ("2", B))
    new = doc("NEW", ("1", A.replace(" ", "  \n ", 3)), ("2", B.replace("report", "Report")))
    comparison = compare_clauses("OLD", old, "NEW", new)
    assert [p.status for p in comparison.pairs] == [SAME, CHANGED]
    assert comparison.pairs[1].diff == ((EQUAL, "Requests the Secretary-General to submit a "), (DELETE, "report "),
                                        (INSERT, "Report "), (EQUAL, B.split("report ", 1)[1]))


def test_one_side_empty():
    old = doc("OLD", ("1", A), ("2", B))
    assert pairs_of(old, []) == [(DROPPED, "1", None), (DROPPED, "2", None)]
    assert pairs_of([], old) == [(NEW, None, "1"), (NEW, None, "2")]
    assert pairs_of([], []) == []


@pytest.mark.parametrize("old, new", [
    (A, A.replace("further promote", "continue to promote")),
    ("Decides to endorse the third annual progress report of the OEWG as contained in document A/79/214;",
     "Decides to endorse the final report of the open-ended working group as contained in document A/80/257;"),
    (B, ""), ("", C), (A + ",", A + ";"), ("  " + A, A + "  "),
])
def test_word_diff_spells_both_texts(old, new):
    runs = word_diff(old, new)
    assert " ".join("".join(t for op, t in runs if op != INSERT).split()) == " ".join(old.split())
    assert " ".join("".join(t for op, t in runs if op != DELETE).split()) == " ".join(new.split())
    assert all(op in (EQUAL, INSERT, DELETE) and text for op, text in runs)


def test_word_diff_keeps_symbols_whole_and_groups_a_rewrite():
    runs = word_diff("contained in document A/79/214;", "contained in document A/80/257;")
    assert runs == ((EQUAL, "contained in document "), (DELETE, "A/79/214"), (INSERT, "A/80/257"), (EQUAL, ";"))


# -- real series -----------------------------------------------------------------------------------

def statuses(comparison) -> dict[tuple[str | None, str | None], str]:
    return {(p.old.para if p.old else None, p.new.para if p.new else None): p.status for p in comparison.pairs}


def test_oewg_2024_to_2025():
    comparison = lineage().compare("A/RES/79/237", "A/RES/80/16")
    found = statuses(comparison)
    assert found[("PP1", "PP1")] == CHANGED
    assert found[("1", "1")] == CHANGED
    assert found[("5", "4")] == CHANGED
    assert found[(None, "3")] == NEW
    assert found[("4", None)] == DROPPED
    pair = next(p for p in comparison.pairs if p.old and p.old.para == "5")
    assert (DELETE, "eightieth ") in pair.diff and (INSERT, "eighty-first ") in pair.diff


@pytest.mark.parametrize("old, new", SERIES)
def test_every_clause_of_both_documents_appears_exactly_once(old, new):
    comparison = lineage().compare(old, new)
    assert_each_clause_once(comparison, lineage().document_clauses(old), lineage().document_clauses(new))
    for p in comparison.pairs:
        assert (p.old is not None, p.new is not None) == {SAME: (True, True), CHANGED: (True, True),
                                                          NEW: (False, True), DROPPED: (True, False)}[p.status]


def test_science_series_changes_only_the_session_numbers():
    comparison = lineage().compare("A/RES/78/22", "A/RES/79/23")
    changed = {p.new.para: p for p in comparison.pairs if p.status == CHANGED}
    assert comparison.counts()[NEW] == comparison.counts()[DROPPED] == 0
    assert [(op, t.strip()) for op, t in changed["4"].diff if op != EQUAL] == [(DELETE, "seventy-ninth"), (INSERT, "eightieth")]


def test_renumbered_preamble_of_a_real_series():
    found = statuses(lineage().compare("A/RES/79/239", "A/RES/80/58"))
    assert found[(None, "PP1")] == NEW  # a new first preambular paragraph shifts all the others
    assert found[("PP1", "PP2")] == CHANGED and found[("PP3", "PP4")] == SAME and found[("PP18", "PP18")] == SAME
    assert found[("9", "11")] == CHANGED and found[("2", "4")] == CHANGED


@pytest.mark.parametrize("new, old", [("A/RES/80/16", "A/RES/79/237"), ("A/RES/80/22", "A/RES/79/23"),
                                      ("A/RES/79/23", "A/RES/78/22"), ("A/RES/80/118", "A/RES/79/194"),
                                      ("A/RES/80/58", "A/RES/79/239")])
def test_the_predecessor_is_the_latest_earlier_adopted_text_of_the_series(new, old):
    comparison = lineage().compare_with_previous(new)
    assert (comparison.old, comparison.new) == (old, new)
    assert comparison.note.startswith(f"compared with {old}, the latest earlier document with the same title")


def test_the_first_of_a_series_has_no_predecessor():
    with pytest.raises(NoPredecessor, match="no earlier document of the series of A/RES/78/22"):
        lineage().predecessor("A/RES/78/22")


def test_short_symbols_are_resolved_and_unknown_ones_refused():
    assert lineage().compare("79/237", "80/16").old == "A/RES/79/237"
    with pytest.raises(UnknownDocument, match=r"^no document A/RES/99/1 in the index$"):
        lineage().compare("A/RES/99/1", "A/RES/80/16")


def test_a_draft_is_found_under_its_printed_symbol():
    assert lineage().resolve("A/C.1/80/L.20") == "A/C.1/80/L.20"
    assert statuses(lineage().compare("A/C.1/80/L.20", "A/RES/80/16"))[("PP1", "PP1")] == SAME


# -- renderings ------------------------------------------------------------------------------------

def test_terminal_redline_marks_deletions_and_insertions():
    text = redline.terminal(lineage().compare("A/RES/79/237", "A/RES/80/16"))
    assert text.splitlines()[0] == "A/RES/79/237 → A/RES/80/16: 0 same, 5 changed, 2 new, 5 dropped"
    assert "~ para. 5 → para. 4 (changed)" in text
    assert "[-eightieth-] {+eighty-first+}" in text
    assert "+ para. 3 (new)" in text and "- para. 4 (dropped)" in text


def test_markdown_and_csv_exports_are_inert():
    old = doc("OLD", ("1", "Notes [a link](http://x) and <b>bold</b>"), ("2", A))
    new = doc("NEW", ("1", "Notes [a link](http://y) and <b>bold</b>"), ("2", "=HYPERLINK(\"http://x\")"))
    comparison = compare_clauses("OLD", old, "NEW", new)
    markdown = redline.markdown(comparison)
    assert "\\<b\\>bold" in markdown and "\\[a link\\]" in markdown
    assert not re.search(r"(?<!\\)[<\[\]]", markdown), "every bracket that could start markup is escaped"
    rows = redline.to_csv(comparison).splitlines()
    assert rows[0].startswith("status,section,old,new,old_citation,new_citation,similarity")
    assert any("'=HYPERLINK" in row for row in rows)


# -- command line ----------------------------------------------------------------------------------

def test_cli_compare_json_lists_every_clause_once():
    proc = run("compare", "A/RES/79/237", "A/RES/80/16", "--json", "--index", str(index_folder()))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["old"], data["new"]) == ("A/RES/79/237", "A/RES/80/16")
    for pair in data["pairs"]:
        assert {"status", "old", "new", "old_citation", "new_citation", "similarity", "diff"} <= set(pair)
        assert all(op in (EQUAL, INSERT, DELETE) for op, _ in pair["diff"])
    found = {(p["old"], p["new"]): p for p in data["pairs"]}
    assert found[("5", "4")]["status"] == CHANGED and found[("5", "4")]["old_citation"] == "A/RES/79/237, para. 5"
    assert found[(None, "3")]["status"] == NEW and found[("4", None)]["status"] == DROPPED
    clauses = [json.loads(line) for line in run("clauses", "--json", "--index", str(index_folder())).stdout.splitlines()]
    for symbol, side in (("A/RES/79/237", "old"), ("A/RES/80/16", "new")):
        listed = sorted(p[side] for p in data["pairs"] if p[side] is not None)
        assert listed == sorted(c["para"] for c in clauses if c["doc"] == symbol)


def test_cli_compare_with_one_symbol_says_which_it_chose():
    proc = run("compare", "A/RES/80/16", "--index", str(index_folder()))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("note: compared with A/RES/79/237, the latest earlier document with the same title")
    assert "[-eightieth-] {+eighty-first+}" in proc.stdout


@pytest.mark.parametrize("args, message", [
    (["A/RES/99/1", "A/RES/80/16"], "error: no document A/RES/99/1 in the index: list the documents with python -m indexer corpus\n"),
    (["A/RES/78/22"], "error: no earlier document of the series of A/RES/78/22 in the index (none earlier has its title, "
                      "its agenda item or most of its wording): name the older document, python -m indexer compare OLD NEW\n"),
    (["a", "b", "c"], "error: compare takes OLD NEW or NEW alone, not 3 symbols\n"),
])
def test_cli_compare_errors_are_one_line(args, message):
    proc = run("compare", *args, "--index", str(index_folder()))
    assert (proc.returncode, proc.stderr, proc.stdout) == (1, message, "")


def test_cli_compare_has_help():
    proc = run("compare", "--help")
    assert proc.returncode == 0 and "Example: python -m indexer compare A/RES/79/237 A/RES/80/16" in proc.stdout


# -- the predecessor, on hand-made series ----------------------------------------------------------

def series(*docs: tuple[str, str, str, str, str]):
    """(symbol, date, title, agenda item, text) for one-clause documents."""
    from indexer.lineage import Lineage

    clauses = [Clause(doc=s, para="1", kind=OPERATIVE, text=text) for s, _, _, _, text in docs]
    return Lineage(clauses, {s: {"symbol": s, "date": d, "title": t, "agenda_item": a, "kind": "resolution"}
                             for s, d, t, a, _ in docs})


def test_an_adopted_text_is_preferred_to_the_draft_of_the_same_resolution():
    lineage = series(("A/RES/79/1", "2024-12-01", "Cyber", "93", A), ("A/C.1/80/L.1", "2025-10-10", "Cyber", "94", A),
                     ("A/RES/80/1", "2025-12-01", "Cyber", "94", A))
    assert lineage.predecessor("A/RES/80/1")[0] == "A/RES/79/1"
    assert lineage.predecessor("A/C.1/80/L.1")[0] == "A/RES/79/1"


def test_a_draft_serves_when_no_adopted_text_is_earlier():
    lineage = series(("A/C.1/80/L.1", "2025-10-10", "Cyber", "94", A), ("A/RES/80/1", "2025-12-01", "Cyber", "94", A))
    assert lineage.predecessor("A/RES/80/1")[0] == "A/C.1/80/L.1"


@pytest.mark.parametrize("title, agenda, expected", [
    ("Question of the British Virgin Islands", "58", None),  # another territory: another series
    ("", "58", "A/RES/78/1"),  # no title read: the agenda item and the wording decide
    ("Cyber", "12", "A/RES/78/1"),  # same title
    ("Question of the United States Virgin Islands, and advancing its economy", "58", "A/RES/78/1"),  # renamed
])
def test_titles_that_differ_are_different_series_whatever_the_wording(title, agenda, expected):
    lineage = series(("A/RES/78/1", "2023-12-01", "Cyber" if title == "Cyber" else "Question of the United States Virgin Islands",
                      "58", A), ("A/RES/80/1", "2025-12-01", title, agenda, A))
    if expected is None:
        with pytest.raises(NoPredecessor):
            lineage.predecessor("A/RES/80/1")
    else:
        assert lineage.predecessor("A/RES/80/1")[0] == expected
