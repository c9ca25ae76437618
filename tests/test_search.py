"""Answer quality with the real model: the dev questions, our own question set, acronym pairs, filters."""
from __future__ import annotations

from pathlib import Path

import json

import pytest

from indexer.evaluate import evaluate, load_queries, rank_of
from indexer.glossary import Glossary, ordinal_words
from indexer.highlight import best_span, spans
from indexer.search import Filters

TESTS = Path(__file__).resolve().parent


def test_dev_questions_meet_the_bar(searcher):
    queries = load_queries(TESTS / "dev_queries.jsonl")
    ranks = [rank_of([h.clause.text for h in searcher.search(q.q)], q) for q in queries]
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    assert mrr >= 0.95
    assert sum(r == 1 for r in ranks) / len(ranks) >= 0.90
    assert all(r and r <= 5 for r in ranks)


@pytest.fixture(scope="module")
def own_results(searcher):
    queries = load_queries(TESTS / "queries.jsonl")
    return queries, evaluate(searcher, queries)


def test_own_question_set_has_a_floor(own_results):
    queries, results = own_results
    assert len(queries) >= 40
    hybrid = results["hybrid"]["metrics"]
    assert hybrid["MRR@10"] >= 0.88
    assert hybrid["R@5"] >= 0.93


def test_hybrid_beats_each_retriever_alone(own_results):
    _, results = own_results
    for metric in ("MRR@10", "R@1", "nDCG@10"):
        assert results["hybrid"]["metrics"][metric] > results["bm25"]["metrics"][metric]
        assert results["hybrid"]["metrics"][metric] > results["dense"]["metrics"][metric]


PAIRS = [json.loads(line) for line in (TESTS / "acronym_pairs.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("pair", PAIRS, ids=[p["acronym"][:40] for p in PAIRS])
def test_acronyms_and_full_names_find_the_same_clause(searcher, pair):
    short = searcher.search(pair["acronym"], k=1)[0].clause.key
    full = searcher.search(pair["full"], k=1)[0].clause.key
    assert short == full


@pytest.mark.parametrize("query, para", [
    ("A/RES/73/266, para. 5", "5"),
    ("A/RES/73/266, preambular para. 12", "PP12"),
    ("73/266 para 2 (b)", "2 (b)"),
])
def test_a_pasted_citation_finds_its_clause(searcher, query, para):
    assert searcher.search(query, k=1)[0].clause.para == para


@pytest.mark.parametrize("query, paras", [
    ("A/RES/73/266, para. 2", ["2 (a)", "2 (b)"]),
    ("the first operative paragraph of 73/266", ["1 (a)", "1 (b)"]),
    ("what does 73/266 recall in its third preambular paragraph", ["PP3"]),
])
def test_a_paragraph_cited_in_words_gives_it_and_its_sub_paragraphs_in_order(searcher, query, paras):
    assert [h.clause.para for h in searcher.search(query, k=len(paras))] == paras


def test_filter_to_preambular_returns_k_preambular_clauses(searcher):
    hits = searcher.search("Group of Governmental Experts", k=10, filters=Filters(kinds=frozenset({"preambular"})))
    assert len(hits) == 10 and all(h.clause.para.startswith("PP") for h in hits)


def test_filter_to_operative_keeps_sub_paragraphs(searcher):
    hits = searcher.search("Member States", k=23, filters=Filters(kinds=frozenset({"operative"})))
    assert {h.clause.para for h in hits} == {"1 (a)", "1 (b)", "2 (a)", "2 (b)", "3", "4", "5", "6"}


def test_filters_that_exclude_everything_return_nothing(searcher):
    assert searcher.search("ICT", filters=Filters(years=(1990, 1991))) == []
    assert searcher.search("ICT", filters=Filters(docs=frozenset({"A/70/174"}))) == []


def test_empty_query_returns_nothing(searcher):
    assert searcher.search("   ") == []


def test_highlight_points_into_the_clause_text(searcher):
    hit = searcher.search("two-day informal consultative meetings", k=1)[0]
    start, end = hit.highlight
    assert "two two-day informal consultative meetings" in hit.clause.text[start:end]


def test_highlight_skips_the_chapeau(searcher):
    hit = searcher.search("efforts taken at the national level", k=1)[0]
    assert hit.clause.para == "2 (a)"
    start, _ = hit.highlight
    assert start >= len(hit.clause.chapeau)


def test_similar_clauses_exclude_the_clause_itself(searcher):
    hits = searcher.similar("A/RES/73/266", "PP13", k=3)
    assert len(hits) == 3 and all(h.clause.para != "PP13" for h in hits)
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_spans_cover_the_text_in_order():
    text = "First part; second part: third. Fourth sentence here."
    pieces = spans(text)
    assert [text[s:e] for s, e in pieces] == ["First part;", "second part:", "third.", "Fourth sentence here."]


def test_a_quoted_title_is_never_cut():
    text = ("Noting the report entitled “Safeguarding sport from corruption: focus on the FIFA World Cup 2026 and "
            "2028 Summer Olympics in Los Angeles”, and recalling its resolution 70/1, entitled “Transforming our "
            "world: the 2030 Agenda for Sustainable Development”; also noting the theme \"Our land. Our future\".")
    found = [text[s:e] for s, e in spans(text)]
    assert any("“Safeguarding sport from corruption: focus on the FIFA World Cup" in phrase for phrase in found)
    assert any("“Transforming our world: the 2030 Agenda for Sustainable Development”;" in phrase for phrase in found)
    assert found[-1].startswith("also noting") and found[-1].endswith("\"Our land. Our future\".")


def test_a_phrase_does_not_end_inside_an_enumeration():
    from indexer.highlight import phrases

    text = ("Recalling that the proposed United Nations programme of action to advance responsible State behaviour "
            "in the use of information and communications technologies is conceived as a permanent, inclusive, "
            "action-oriented mechanism to discuss existing and potential threats, to support States, in particular "
            "developing States, in their efforts to implement commitments, and for other purposes,")
    found = [text[s:e] for s, e, _ in phrases(text)]
    assert any("a permanent, inclusive, action-oriented mechanism" in phrase for phrase in found)
    assert not any(phrase.endswith("inclusive,") for phrase in found)


def test_best_span_is_none_without_shared_terms():
    assert best_span("Nothing in common here.", {"gge": 1.0}) is None


@pytest.mark.parametrize("query, expected", [
    ("GGE mandate", "Group of Governmental Experts"),
    ("group of governmental experts", "GGE"),
    ("report at the 76th session", "seventy-sixth"),
    ("the seventy-fourth session", "74th"),
    ("A/70/174", "2015 report"),
    ("MLA requests sent electronically", "mutual legal assistance"),
    ("withdrawal from the convention", "denunciation"),
    ("ICT-related forgery", "information and communications technology"),  # an acronym joined to a word
    ("AI-driven discrimination", "artificial intelligence"),
])
def test_glossary_expands_both_ways(query, expected):
    assert expected in Glossary.load().expansions(query)


def test_glossary_leaves_ordinary_words_alone():
    assert Glossary.load().expansions("it is about the au pair") == []
    assert Glossary.load().expansions("non-ICT and GGE- matters") == []  # a prefix, a hyphen ending nothing


@pytest.mark.parametrize("n, words", [(1, "first"), (12, "twelfth"), (40, "fortieth"), (73, "seventy-third"), (99, "ninety-ninth")])
def test_ordinal_words(n, words):
    assert ordinal_words(n) == words
