"""Answers across the bundled framework documents with the real model: our question set's floors,
citations written in words, and the highlight holding what a factual question asks for."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.evaluate import evaluate, load_queries
from indexer.answering import listed_place
from indexer.highlight import asked_items, phrases, spans, with_answer

TESTS = Path(__file__).resolve().parent
pytestmark = pytest.mark.slow


def phrase_where(text: str, test) -> tuple[int, int]:
    """The first phrase of a clause's text that passes `test`: the one a search would have chosen."""
    return next((s, e) for s, e, _ in phrases(text) if test(text[s:e]))


def marked(text: str, chosen: tuple[int, int], question: str, weights=None) -> str:
    """What the highlight marks in a clause's text when the search chose the phrase `chosen`."""
    return text[slice(*with_answer(text, chosen, phrases(text), question, weights))]


@pytest.fixture(scope="module")
def framework_results(framework_searcher):
    present = set(framework_searcher.documents)
    queries = [q for q in load_queries(TESTS / "framework_questions.jsonl")
               if all(g.doc in present for g in q.gold)]
    return queries, evaluate(framework_searcher, queries, methods=("bm25", "hybrid"))


def test_the_framework_questions_have_a_floor(framework_results):
    queries, results = framework_results
    assert len(queries) >= 100
    hybrid = results["hybrid"]["metrics"]
    assert hybrid["MRR@10"] >= 0.75 and hybrid["R@5"] >= 0.85
    assert hybrid["MRR@10"] > results["bm25"]["metrics"]["MRR@10"]


def test_the_highlight_holds_most_short_answers(framework_results):
    held, asked = framework_results[1]["hybrid"]["answers"]
    assert asked >= 40 and held / asked >= 0.75


@pytest.mark.parametrize("question, doc, para, answer", [
    ("On what date did the working group consider its final report?", "A/RES/80/16", "PP3", "11 July 2025"),
    ("How many ratifications does the cybercrime convention need to enter into force?", "A/RES/79/243",
     "annex, art. 65, para. 1", "fortieth"),
    ("What is the symbol of the final report of the working group?", "A/RES/80/16", "1", "A/80/257"),
    ("Which session's provisional agenda gets the item, in the resolution endorsing the final report?", "A/RES/80/16", "4",
     "eighty-first session"),
    ("under what age is someone depicted in child sexual abuse material a child?", "A/RES/79/243",
     "annex, art. 14, para. 2 (a)", "under 18 years"),  # the chapeau holds it
    ("from what year should the Global Mechanism operate, per resolution 80/16?", "A/RES/80/16", "2", "2026"),
    ("which article of the Charter on the threat or use of force does resolution 78/237 cite?", "A/RES/78/237", "PP7",
     "Article 2 (4)"),
    # the office asked about, not the organizations the question itself names
    ("Which office works with regional organizations such as the African Union?", "A/RES/73/266", "4",
     "Office for Disarmament Affairs"),
    ("Which UN office is to collaborate with the Organization of American States?", "A/RES/73/266", "4",
     "Office for Disarmament Affairs"),
])
def test_the_highlight_holds_what_the_question_asks_for(framework_searcher, question, doc, para, answer):
    clause = framework_searcher.clause(doc, para)
    hit = next((h for h in framework_searcher.search(question, k=10) if h.clause.key == clause.key), None)
    assert hit is not None, f"{doc} {para} not among the first ten"
    assert answer in clause.text[slice(*hit.highlight)]
    assert hit.highlight[1] - hit.highlight[0] <= 400  # a phrase or two, not the clause


def test_a_citation_inside_a_question_moves_its_clauses_up_without_taking_over(framework_searcher):
    hits = framework_searcher.search("which office runs the account referred to in article 56 of the convention", k=3)
    assert (hits[0].clause.doc, hits[0].clause.para) == ("A/RES/79/243", "4")  # the resolution, not the article
    assert any(", art. 56," in h.clause.para for h in hits[1:])
    alone = framework_searcher.search("article 56", k=10)
    assert all(", art. 56," in h.clause.para for h in alone)


def test_a_question_framed_by_a_document_answers_from_that_document(framework_searcher):
    question = "In the 2024 resolution adopting the convention, what is the Secretary-General asked to report on?"
    framed = framework_searcher.search(question, k=3)
    assert (framed[0].clause.doc, framed[0].clause.para) == ("A/RES/79/243", "11")
    assert not any(h.clause.para.startswith("annex") for h in framed)  # the resolution, not the convention it adopts
    whole = framework_searcher.search(question, k=3, without=frozenset({"frame"}))
    assert any(h.clause.para.startswith("annex") for h in whole)  # the frame's words read as the subject


def test_the_model_reads_what_is_asked_not_the_frame_naming_the_document(framework_searcher):
    question = ("In the 2018 resolution that set up the new group of governmental experts on ICTs, where does the "
                "Assembly stress that countries must work together better to fight crimes committed with information technology?")
    first = framework_searcher.search(question, k=1)[0].clause
    assert (first.doc, first.para) == ("A/RES/73/266", "PP8")
    typed = framework_searcher.search(question, k=1, without=frozenset({"reading"}))[0].clause
    assert (typed.doc, typed.para) == ("A/RES/73/266", "3")  # read as typed, the frame's group of experts wins


def test_which_article_of_the_charter_is_answered_by_the_clause_citing_one(framework_searcher):
    from indexer.answering import ASKED_WEIGHT, asked_up
    citing = framework_searcher.clause("A/RES/78/237", "PP7")  # "in accordance with Article 2 (4) of the Charter ..."
    welcoming = framework_searcher.clause("A/RES/78/16", "1")
    question = "Which article of the UN Charter does the 2023 resolution cite on the threat or use of force?"
    moved = asked_up([(0, 1.0), (1, 1.0 - ASKED_WEIGHT / 2)], [welcoming, citing], question)
    assert [i for i, _ in moved] == [1, 0]
    # an article the question itself names is no answer
    assert [i for i, _ in asked_up([(0, 1.0), (1, 0.95)], [welcoming, citing], "which article follows Article 2 (4)?")] == [0, 1]


def test_which_article_of_the_convention_is_answered_by_its_own_article_not_one_it_cites(framework_searcher):
    from indexer.answering import ASKED_WEIGHT, asked_up
    access = framework_searcher.clause("A/RES/79/243", "annex, art. 7, para. 1")  # the offence of illegal access
    devices = framework_searcher.clause("A/RES/79/243", "annex, art. 11, para. 1 (a) (i)")  # "... articles 7 to 10"
    assert "articles 7 to 10" in devices.text.replace("\n", " ")
    scores = [(0, 1.0), (1, 1.0 - ASKED_WEIGHT / 2)]
    question = "Which article of the cybercrime convention criminalizes accessing an ICT system without right?"
    assert [i for i, _ in asked_up(scores, [access, devices], question)] == [0, 1]
    # a question asking which article a clause refers to is still answered by the reference
    assert [i for i, _ in asked_up(scores, [access, devices], "misuse of devices for which article's offences?")] == [1, 0]


def test_a_non_word_is_not_the_noun_asked_about():
    text = ("Stressing that, while States have a primary responsibility for maintaining a secure and peaceful information "
            "and communications technology environment, effective international cooperation would benefit from identifying "
            "mechanisms for the participation, as appropriate, of the private sector, academia and civil society "
            "organizations,")  # A/RES/73/266, preambular para. 15
    participation = phrase_where(text, lambda phrase: phrase.endswith("as appropriate,"))
    answer = marked(text, participation, "Which non-state actors could take part in cooperation?")
    assert answer.startswith("effective international cooperation") and answer.endswith("civil society organizations,")


def test_a_phrase_lacking_the_asked_item_still_takes_the_short_end_of_its_sentence(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 62, para. 2")
    opening = phrase_where(clause.text, lambda phrase: True)
    assert clause.text[slice(*opening)].endswith("within their competence,")
    answer = marked(clause.text, opening, "how many votes does a regional organization cast?")
    assert answer.startswith("Regional economic integration") and "equal to the number of their member States" in answer


def test_who_does_something_is_answered_by_the_phrase_naming_the_doer():
    text = ("We therefore request the President of the General Assembly to appoint at the seventy-ninth session of the "
            "General Assembly co-facilitators, one from a developed country and one from a developing country, to identify, "
            "through an intergovernmental process and consultations with other relevant stakeholders, the terms of reference "
            "and modalities for the establishment and functioning of the Independent International Scientific Panel on AI "
            "and the Global Dialogue on AI Governance for the adoption by the General Assembly.")  # A/RES/79/1, annex I, para. 57
    terms = phrase_where(text, lambda phrase: phrase.startswith("the terms of reference"))
    question = "Who appoints co-facilitators for the terms of reference of the AI scientific panel and global dialogue?"
    assert "the President of the General Assembly to appoint" in marked(text, terms, question)
    # asking who identifies them, the phrase naming the General Assembly's adoption stays
    assert with_answer(text, terms, phrases(text), "Who adopts the terms of reference of the AI scientific panel?") == terms


def test_who_does_what_a_sub_paragraph_lists_is_answered_by_its_chapeau(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 58, para. 2 (a)")  # "The secretariat shall: (a) ..."
    cached = phrases(clause.text, len(clause.chapeau))
    own = cached[0][:2]
    question = "Who makes arrangements and provides the services for the sessions of the Conference of the States Parties?"
    assert clause.text[slice(*with_answer(clause.text, own, cached, question))].startswith("The secretariat")
    assert with_answer(clause.text, own, cached, "What arrangements are made for the sessions of the Conference?") == own


def test_a_phrase_is_widened_only_to_the_neighbour_holding_the_asked_item(framework_searcher):
    clause = framework_searcher.clause("A/RES/80/16", "PP3")
    cached = phrases(clause.text)
    considered = next((s, e) for s, e, _ in cached if "considered its final report" in clause.text[s:e])
    widened = with_answer(clause.text, considered, cached, "on what date did the group consider its final report")
    assert "11 July 2025" in clause.text[slice(*widened)] and widened[0] < considered[0] <= considered[1] <= widened[1]
    # asking no date, the phrase does not reach back to the one holding it (it may run on to its sentence's end)
    assert with_answer(clause.text, considered, cached, "did the group consider its final report")[0] == considered[0]


def test_a_phrase_ending_on_a_comma_takes_the_short_end_of_its_sentence(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 40, para. 14")
    cached = phrases(clause.text)
    opening = next((s, e) for s, e, _ in cached if clause.text[s:e].endswith("mutual legal assistance,"))
    completed = with_answer(clause.text, opening, cached, "can central authorities send requests for mutual legal assistance")
    assert completed[0] == opening[0] and clause.text[slice(*completed)].endswith("security of communications.")
    assert "in electronic form" in clause.text[slice(*completed)]


def test_a_phrase_ending_on_a_comma_takes_the_rest_of_its_sentence_over_several_phrases(framework_searcher):
    clause = framework_searcher.clause("A/RES/78/16", "3 (a)")
    cached = phrases(clause.text, len(clause.chapeau))
    framework = next((s, e) for s, e, _ in cached if clause.text[s:e].endswith("responsible State behaviour,"))
    completed = with_answer(clause.text, framework, cached, "what does the framework for responsible State behaviour consist of")
    assert clause.text[slice(*completed)].endswith("principles for responsible State behaviour, and confidence-building measures;")
    assert completed[0] == framework[0]


def test_a_preambular_clause_ending_on_a_comma_ends_a_sentence_there():
    text = ("Recalling that, in the 2030 Agenda, inter alia, the natural and cultural diversity of the world is "
            "acknowledged, and it is recognized that cultures and civilizations can contribute to, and are crucial "
            "enablers of, sustainable development,")  # A/RES/78/161, preambular para. 9
    contribute = phrase_where(text, lambda phrase: phrase.endswith("can contribute to,"))
    completed = marked(text, contribute, "how does the 2030 Agenda see cultures and civilizations")
    assert completed.endswith("crucial enablers of, sustainable development,")


def test_the_noun_asked_about_is_the_last_word_before_the_verb(framework_searcher):
    clause = framework_searcher.clause("A/RES/78/16", "PP19")
    cached = phrases(clause.text)
    including = next((s, e) for s, e, _ in cached if clause.text[s:e].startswith("including on the common elements"))
    question = "which OEWG progress report is welcomed for its call to discuss the programme of action at coming sessions?"
    widened = with_answer(clause.text, including, cached, question)  # "report", not "OEWG"
    assert "the second annual progress report" in clause.text[slice(*widened)] and widened[1] >= including[1]


def test_a_question_asking_which_noun_gets_the_phrase_holding_it(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 24, para. 1")
    cached = phrases(clause.text)
    opening = cached[0][:2]  # "... subject to conditions and safeguards provided for under its domestic law,"
    focused = with_answer(clause.text, opening, cached, "which principle must the safeguards on these powers incorporate")
    assert clause.text[slice(*focused)] == "and which shall incorporate the principle of proportionality."
    # without the asked noun elsewhere, or asking no noun, the phrase stays
    assert with_answer(clause.text, opening, cached, "which law provides the conditions and safeguards")[0] == 0
    assert with_answer(clause.text, opening, cached, "what must the conditions and safeguards incorporate")[0] == 0


def test_a_question_asking_which_office_gets_the_phrase_naming_one(framework_searcher):
    clause = framework_searcher.clause("A/RES/73/266", "4")
    cached = phrases(clause.text)
    convene = next((s, e) for s, e, _ in cached if clause.text[s:e].startswith("to convene"))
    office = with_answer(clause.text, convene, cached, "Which Secretariat office is to hold consultations before the group's sessions?")
    assert clause.text[slice(*office)].startswith("Requests the Office for Disarmament Affairs")
    # a name beside the asked noun ("regional organizations, such as the African Union") joins the phrase
    behalf = next((s, e) for s, e, _ in cached if clause.text[s:e].startswith("on behalf of"))
    regional = with_answer(clause.text, behalf, cached, "Which regional organizations is the Office to consult?")
    assert "African Union" in clause.text[slice(*regional)] and regional[0] == behalf[0]
    # "which country ... session" asks for a country
    assert asked_items("Which country hosts the eleventh session of the Conference?") == asked_items("Which country hosts it?")
    # asking no name, the phrase stays
    assert with_answer(clause.text, convene, cached, "are the consultations held before the group's sessions") == convene


@pytest.mark.parametrize("para, starts, question, answer", [
    # who: the subject, in the phrase before ("States Parties" names no one)
    ("annex, art. 40, para. 12 (c)", "and shall set up and keep updated a register",
     "Who keeps the register of central authorities?", "The Secretary-General of the United Nations"),
    # when: "the thirtieth day after ..."
    ("annex, art. 65, para. 2", "For each State or regional economic integration organization",
     "When does the convention take effect for a State ratifying after the fortieth instrument?", "on the thirtieth day after"),
    # which provision: an article; "article 19" answers "which article" though the question says "article"
    ("annex, art. 22, para. 3", "each State Party shall take such measures",
     "The jurisdiction over nationals not extradited serves which provision?", "article 37, paragraph 11"),
    ("annex, annex, para. 4", "The term “criminal investigations” covers situations",
     "An offence under which article explains what criminal investigations cover?", "article 19"),
])
def test_the_phrase_widens_to_the_asked_item_nearby(framework_searcher, para, starts, question, answer):
    clause = framework_searcher.clause("A/RES/79/243", para)
    cached = phrases(clause.text, len(clause.text) - len(clause.own_text))
    span = next((s, e) for s, e, _ in cached if clause.text[s:e].startswith(starts))
    assert answer in clause.text[slice(*with_answer(clause.text, span, cached, question))]


@pytest.mark.parametrize("question, asks", [
    ("When did the OEWG adopt its report?", True),
    ("How long must preserved data be kept?", True),
    ("Which document holds the final report?", True),
    ("The item goes on the provisional agenda of which session?", True),
    ("Where are the informal exchanges to be convened?", True),
    ("What is unusual about how the item is scheduled for future sessions?", False),
    ("Which 1948 resolution does the UNRWA resolution recall first?", True),
    ("Which UN Environment Assembly resolution on nature-based solutions is cited?", True),
    ("What does resolution 80/16 ask the Secretary-General to do?", False),
    ("What does the GGE have to study", False),
    ("clauses about capacity-building", False),
    ("Whose consent is needed?", True),
    ("In which years did the expert group conclude that international law applies?", True),
    ("On what dates will the meetings be held?", True),
    ("When States help each other with research on offences, what are those studies meant to feed into?", False),
])
def test_what_a_question_asks_for(question, asks):
    assert bool(asked_items(question)) is asks


def test_a_word_no_clause_uses_is_read_as_the_corpus_words_nearest_it(framework_searcher):
    neighbours = framework_searcher.neighbours
    assert "children" in dict(neighbours.near(["kids"])[0])
    expansions = neighbours.expansions("protection of kids online")
    assert "children" in expansions and max(expansions.values()) <= 0.5
    assert not {"protect", "protection", "onlin"} & set(expansions)  # the corpus's own words stay as typed
    hits = framework_searcher.search("kids", k=3, method="bm25")
    assert hits and all("child" in h.clause.text.lower() for h in hits)
    assert framework_searcher.search("kids", k=3, method="bm25", without=frozenset({"neighbours"})) == []


def test_a_question_the_clauses_word_otherwise_is_read_by_its_words_near_synonyms_too(framework_searcher):
    synonyms = framework_searcher.neighbours.synonyms("help with the definition")
    assert {"assist", "defin"} <= set(synonyms) and max(synonyms.values()) <= 0.5
    assert not {"help", "definit"} & set(synonyms)  # the question's own words stay as typed
    question = "Does the confiscation and seizure article leave the definition and implementation of its measures to each State's domestic law?"
    answer = "annex, art. 31, para. 10"  # "... shall be defined and implemented in accordance with ... domestic law"
    assert framework_searcher.search(question, k=1)[0].clause.para == answer
    assert framework_searcher.search(question, k=1, without=frozenset({"neighbours"}))[0].clause.para != answer


def test_a_model_without_a_word_table_expands_nothing(fake_embedder):
    from indexer.neighbours import WordNeighbours

    assert WordNeighbours(fake_embedder, {"children": 3}).expansions("kids") == {}


def test_a_question_naming_two_documents_finds_where_one_speaks_of_the_other(tmp_path, fake_embedder, monkeypatch):
    from indexer import Index, search

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(TESTS / "data" / "un" / "pact.pdf", corpus / "pact.pdf")
    shutil.copy(TESTS.parent / "corpus" / "A_RES_79_243.pdf", corpus / "A_RES_79_243.pdf")
    index = Index(corpus=corpus, index=tmp_path / "embeddings", model=fake_embedder)
    index.build()
    searcher = index.searcher()
    question = "How does the Pact for the Future refer to the cybercrime convention negotiations?"

    def rank_of_the_pact_on_the_convention(without=frozenset()):
        # the bag-of-words model stands in for a model that reads meaning: what it is given to read is not tested here
        hits = searcher.search(question, without=without | {"reading"})
        return next((h.rank for h in hits if h.clause.doc == "A/RES/79/1" and "Convention against Cybercrime" in h.clause.text), None)

    assert rank_of_the_pact_on_the_convention() <= 3
    assert rank_of_the_pact_on_the_convention(frozenset({"frame"})) <= 3
    monkeypatch.setattr(search, "BOTH_NAMED", 2.0)  # read as naming one document only, "cybercrime convention" counts less everywhere
    assert rank_of_the_pact_on_the_convention(frozenset({"frame"})) is None
    assert rank_of_the_pact_on_the_convention() <= 3  # "How does the Pact ... refer to": the frame names the Pact alone


@pytest.mark.parametrize("question", [
    "On what date did the General Assembly adopt its resolution 55/28 on information security?",
    "When was the General Assembly resolution 56/19 on developments in information and telecommunications adopted?",
])
def test_a_resolution_the_index_lacks_is_answered_by_the_clause_citing_it(searcher, question):
    assert searcher.search(question, k=1)[0].clause.para == "PP1"  # "Recalling its resolutions 53/70 of 4 December 1998, ..."
    assert searcher.search(question, k=1, without=frozenset({"citing"}))[0].clause.para != "PP1"


def test_only_a_symbol_the_index_lacks_is_cited_rather_than_named(searcher):
    assert {searcher.clauses[i].para for i in searcher._citing("what did A/RES/53/70 ask of Member States")} == {"PP1"}
    assert not searcher._citing("what does 73/266 ask of the Secretary-General")  # the index's own document
    assert not searcher._citing("who runs the 24/7 network")


@pytest.mark.parametrize("question, cited", [
    ("When was A/RES/53/70 adopted?", ["a/res/53/70", "53/70"]),  # a resolution is also cited by its number
    ("what does resolution 53/70 say", ["53/70"]),
    ("see the report A/76/135", ["a/76/135"]),  # not resolution 76/135
    ("A/C.1/80/L.20 and the OEWG", []),  # indexed: named, not cited
    ("A/C.1/80/L.99 on the OEWG", ["a/c.1/80/l.99"]),  # not every First Committee draft
    ("the 24/7 network", []),
])
def test_the_symbols_a_question_cites_are_whole_and_not_indexed(question, cited):
    from indexer.names import DocumentNames
    from test_answer_parts import DOCUMENTS
    assert DocumentNames(DOCUMENTS).cited_only(question) == cited


def test_a_session_is_named_by_its_ordinal_beside_the_word_session():
    from indexer.highlight import names_session
    assert names_session("report to the General Assembly at its seventy-sixth session", ["seventy-sixth"])
    assert names_session("at its eleventh substantive session, on 11 July 2025", ["eleventh"])
    assert not names_session("the Sixth Committee, at the eighty-first session", ["sixth"])


def test_in_a_one_document_index_a_frame_names_that_document(searcher):
    question = "Where does the 2018 GGE resolution speak of dual-use technologies?"
    pointed, framed = searcher._pointed(question, searcher.glossary.expansions_of(question), [], frozenset())
    assert (pointed, framed) == ({"A/RES/73/266": 1.0}, "the 2018 GGE resolution")  # its words name, they do not ask


@pytest.mark.parametrize("question, sessions", [
    ("report to the General Assembly at its seventy-sixth session", ["seventy-sixth"]),
    ("what did the working group adopt at its eleventh substantive session", ["eleventh"]),
    ("which session's agenda holds the item", []),  # asked, not written
])
def test_the_sessions_a_question_writes_out(question, sessions):
    from indexer.highlight import written_sessions
    assert written_sessions(question) == sessions


def test_a_session_the_question_writes_out_moves_the_clauses_naming_it_up(framework_searcher):
    from indexer.highlight import names_session
    question = "report at the eightieth session"
    naming = {(c.doc, c.para) for c in framework_searcher.clauses if names_session(c.text, ["eightieth"])}
    assert ("A/RES/79/237", "5") in naming
    def first(without=frozenset()):
        hit = framework_searcher.search(question, k=1, without=without)[0]
        return hit.clause.doc, hit.clause.para
    assert first() in naming
    assert first(frozenset({"citing"})) not in naming  # "Recalling further that, at its eleventh substantive session, ..."


@pytest.mark.parametrize("question, asked", [
    ("When military assets are used as a last resort, whose consent is needed?", "whose consent is needed?"),
    ("Which framework does the resolution recall when it discusses algorithms?", "Which framework does the resolution recall?"),
    ("When was resolution 53/70 adopted?", "When was resolution 53/70 adopted?"),  # the question word, not a scene
    ("Apart from the private sector, which groups take part?", "Apart from the private sector, which groups take part?"),
    ("Which article says when the Convention enters into force?", "Which article says when the Convention enters into force?"),
    ("In resolution 73/266, when States back cooperative measures, what should the environment stay consistent with?",
     "In resolution 73/266, what should the environment stay consistent with?"),  # the scene after a frame
])
def test_a_when_clause_sets_the_scene_of_a_question_not_what_it_asks(question, asked):
    from indexer.highlight import without_scene
    assert " ".join(without_scene(question).split()).replace(" ?", "?") == asked


def test_the_phrase_is_chosen_by_what_is_asked_not_by_the_scene_the_question_sets(framework_searcher, monkeypatch):
    from indexer import search
    question = "Which bodies should participate in international cooperation when States maintain a peaceful ICT environment?"

    def highlighted():
        hit = framework_searcher.search(question, k=1)[0]
        assert (hit.clause.doc, hit.clause.para) == ("A/RES/73/266", "PP15")
        return hit.clause.text[slice(*hit.highlight)]
    assert "participation" in highlighted() and "primary responsibility" not in highlighted()
    monkeypatch.setattr(search, "without_scene", lambda q: q)
    framework_searcher._phrases.clear()
    assert "primary responsibility" in highlighted()  # the scene's words would pick the phrase that restates it


def test_a_listing_of_the_clauses_on_a_subject_shows_each_document_before_any_second_clause(framework_searcher):
    hits = framework_searcher.search("clauses about capacity-building", k=10)
    docs = [h.clause.doc for h in hits]
    distinct = len(set(docs))
    assert distinct >= 5 and len(set(docs[:distinct])) == distinct  # no document twice before every one shows
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    # a question, not a listing, keeps its best answers together
    asked = [h.clause.doc for h in framework_searcher.search("capacity-building", k=5)]
    assert len(set(asked)) < len(asked)


def test_rounds_take_each_document_once_before_any_twice():
    from indexer.answering import across_documents
    from indexer.documents import Clause
    clauses = [Clause(doc=doc, para=str(n), kind="operative", text="capacity-building")
               for n, doc in enumerate(["A", "A", "B", "A", "C"])]
    listed = across_documents([(0, 0.9), (1, 0.8), (2, 0.7), (3, 0.6), (4, 0.5)], clauses)
    assert [i for i, _ in listed] == [0, 2, 4, 1, 3]
    assert [s for _, s in listed] == [0.9, 0.7, 0.5, 0.5, 0.5]


def test_a_resolution_asked_for_by_its_year_is_one_of_that_year():
    text = ("Recalling its resolution 1514 (XV) of 14 December 1960, containing the Declaration on the Granting of "
            "Independence to Colonial Countries and Peoples, and all resolutions and decisions of the United Nations "
            "relating to Non-Self-Governing Territories, in particular General Assembly resolution 79/110 of "
            "4 December 2024,")  # A/RES/80/101, preambular para. 3
    recalling = phrase_where(text, lambda phrase: True)
    assert "1514 (XV)" in text[slice(*recalling)] and "79/110" not in text[slice(*recalling)]
    question = "Which 2024 resolution on Non-Self-Governing Territories does the Tokelau resolution recall in particular?"
    assert "79/110 of 4 December 2024" in marked(text, recalling, question)
    # the year of the document that recalls is not the year of the one recalled
    assert with_answer(text, recalling, phrases(text), "Which earlier resolution does the 2024 resolution recall?") == recalling


@pytest.mark.parametrize("question, para", [
    ("Which is the second item a preservation request must specify?", "annex, art. 42, para. 3 (b)"),
    ("What is the last thing a request for real-time collection of traffic data has to specify?", "annex, art. 45, para. 3 (f)"),
])
def test_an_item_asked_for_by_its_place_in_a_list_is_that_sub_paragraph(framework_searcher, question, para):
    assert framework_searcher.search(question, k=1)[0].clause.para == para
    unordered = framework_searcher.search(question, k=1, without=frozenset({"asked"}))[0].clause.para
    assert unordered != para  # the words alone answer with another item of the list


@pytest.mark.parametrize("para, place", [
    ("annex, art. 42, para. 3 (a)", 1), ("annex, art. 47, para. 1 (b) (ii)", 2), ("5 (iv)", 4), ("2 (c)", 3), ("PP3", None),
])
def test_where_a_sub_paragraph_stands_in_its_list(para, place):
    assert listed_place(para) == place


def test_a_question_asking_for_examples_gets_the_phrase_listing_them(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 2 (d)")  # “Content data” shall mean ..., including ...
    cached = phrases(clause.text, len(clause.chapeau))
    defined = cached[0][:2]
    question = "What examples of content data does the convention give?"
    assert "text messages, voice messages" in clause.text[slice(*with_answer(clause.text, defined, cached, question))]
    assert with_answer(clause.text, defined, cached, "What is content data?") == defined


def test_such_offences_are_answered_by_the_phrase_naming_them(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 34, para. 4")
    victims = phrase_where(clause.text, lambda phrase: "victims of such offences" in phrase)
    assert "articles 14 to 16" in marked(clause.text, victims, "Victims of which offences are to be given assistance for their recovery?")
    assert with_answer(clause.text, victims, phrases(clause.text), "Who is given assistance?") != (0, len(clause.text))


def test_a_name_the_question_writes_as_an_acronym_is_not_the_answer():
    text = ("Requests the Emergency Relief Coordinator to continue his efforts to strengthen the coordination of "
            "humanitarian assistance within the United Nations humanitarian response system, including through the "
            "Inter-Agency Standing Committee, and calls upon relevant organizations to cooperate;")
    coordinator = phrase_where(text, lambda phrase: True)
    question = "Through which body should the ERC strengthen the coordination of humanitarian assistance?"
    assert "Inter-Agency Standing Committee" in marked(text, coordinator, question)


def test_a_phrase_restating_the_question_is_joined_to_the_phrase_answering_it(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 43, para. 1")
    restated = phrase_where(clause.text, lambda phrase: phrase.startswith("the requested State Party discovers"))
    question = "What happens when the requested State Party discovers that a service provider in another State Party was involved?"
    assert "a sufficient amount of traffic data" in marked(clause.text, restated, question)
    assert with_answer(clause.text, restated, phrases(clause.text), "service provider in another State Party involved") == restated


def test_a_phrase_is_joined_to_the_phrase_of_its_sentence_holding_the_question_s_rarest_word_it_lacks():
    text = ("(a) Strengthen the multilateral response to support countries with high and unsustainable debt burdens, "
            "with the meaningful participation of the countries concerned and all relevant actors, ensuring an approach "
            "that is more effective, orderly, predictable, coordinated, transparent and timely to enable those countries to "
            "escape debt overhang and prioritize government expenditure on the achievement of the Sustainable Development Goals;")
    support = phrase_where(text, lambda phrase: True)
    weights = {"multilater": 3.0, "respons": 2.0, "countri": 1.0, "unsustain": 3.0, "debt": 3.0, "escap": 6.0}
    question = "What does the stronger multilateral response help countries with unsustainable debt escape?"
    assert "escape debt overhang" in marked(text, support, question, weights)
    assert with_answer(text, support, phrases(text), question) == support  # no weights: the words alone do not move it


def test_a_phrase_ending_on_a_comma_takes_the_phrase_elaborating_its_last_words():
    text = ("Reaffirms its commitment to bridging digital divides, and acknowledges that speed, stability, affordability, "
            "language and local content accessibility for everyone, including persons with disabilities and other persons in "
            "vulnerable situations, in all countries and regions, and with particular attention to the least developed, "
            "are now core elements of quality and that high-speed broadband is already an essential enabler of development;")
    everyone = phrase_where(text, lambda phrase: phrase.endswith("for everyone,"))
    assert "including persons with disabilities" in marked(text, everyone, "Local content accessibility is for whom?")


def test_a_phrase_ending_on_a_comma_takes_the_relative_clause_describing_its_last_words():
    text = ("Noting in particular that surveillance of digital communications must be consistent with international human "
            "rights obligations and must be conducted on the basis of a legal framework, which must be publicly accessible, "
            "clear, precise, comprehensive and non-discriminatory, and that any interference with the right to privacy must "
            "not be arbitrary or unlawful, bearing in mind what is reasonable with regard to the pursuance of legitimate aims, "
            "and recalling that States that are parties to the International Covenant on Civil and Political Rights must take "
            "the necessary steps to adopt laws or other measures as may be necessary to give effect to the rights recognized "
            "in the Covenant,")
    framework = phrase_where(text, lambda phrase: phrase.endswith("legal framework,"))
    question = "What qualities must the legal basis for surveillance of digital communications have?"
    assert marked(text, framework, question).endswith("comprehensive and non-discriminatory,")


@pytest.mark.parametrize("text, whole", [
    ("(g) Invites Member States to consider ratifying relevant conventions of the International Labour Organization, "
     "including the Domestic Workers Convention, 2011 (No. 189), and the Private Employment Agencies Convention, 1997 (No. 181);",
     "Domestic Workers Convention, 2011 (No. 189)"),
    ("(e) To establish or maintain existing independent, effective, adequately resourced and impartial judicial, "
     "administrative and/or parliamentary domestic oversight mechanisms capable of ensuring transparency, as appropriate, "
     "and accountability for State surveillance of communications, their interception and the collection of personal data;",
     "judicial, administrative and/or parliamentary"),
])
def test_a_phrase_is_not_cut_at_an_abbreviation_or_inside_an_enumeration(text, whole):
    assert any(whole in text[s:e] for s, e, _ in phrases(text))


def test_a_question_asking_which_and_when_gets_the_phrase_holding_both():
    text = ("Calls upon the international community and all Member States to strongly support, including through increased "
            "financial support, organizations and programmes that support women and girls affected by or at risk of female "
            "genital mutilation, including the fourth phase of the Joint Programme on the Elimination of Female Genital "
            "Mutilation: Delivering the Global Promise to End Female Genital Mutilation by 2030 of the United Nations "
            "Population Fund and the United Nations Children’s Fund, which will run until 2030, as well as national "
            "programmes focused on the elimination of female genital mutilation;")
    until = phrase_where(text, lambda phrase: "run until 2030" in phrase)
    both = marked(text, until, "Which phase of the joint programme to end FGM do States support, and until when does it run?")
    assert "fourth phase" in both and "until 2030" in both
    assert marked(text, until, "Until when does the joint programme to end FGM run?") == text[slice(*until)]


def test_the_phrase_comes_from_the_part_of_a_long_clause_nearest_the_question_in_meaning(framework_searcher, monkeypatch):
    from indexer import search

    question = "If there is no agreement on joint investigative bodies, how can States Parties still carry out joint investigations?"

    def marked_in_article_48() -> str:
        hit = next(h for h in framework_searcher.search(question) if h.clause.para == "annex, art. 48")
        return hit.clause.text[slice(*hit.highlight)]

    assert "by agreement on a case-by-case basis" in marked_in_article_48()
    monkeypatch.setattr(search, "MEANING_MARGIN", 2.0)  # by words alone: the phrase on the agreements themselves
    assert "by agreement on a case-by-case basis" not in marked_in_article_48()


@pytest.mark.parametrize("question, first", [
    ("In article 17, what is the first type of conduct States must criminalize?", True),
    ("Which kind of conduct comes first in article 17?", True),
    ("In article 17, what conduct must States criminalize?", False),
])
def test_a_type_or_kind_asked_for_by_its_place_is_that_sub_paragraph(framework_searcher, question, first):
    from indexer.answering import ordinal_up

    clauses = framework_searcher.clauses
    i, ii = (n for n, c in enumerate(clauses) if c.para in ("annex, art. 17, para. 1 (a) (i)", "annex, art. 17, para. 1 (a) (ii)"))
    top = ordinal_up([(ii, 0.6), (i, 0.5)], clauses, question)[0][0]
    assert (top == i) is first


def test_a_phrase_ending_on_the_words_introducing_what_follows_runs_on():
    text = ("Calls upon all States to implement the International Instrument to Enable States to Identify and Trace, in a "
            "Timely and Reliable Manner, Illicit Small Arms and Light Weapons (the International Tracing Instrument) by, "
            "inter alia, including in their national reports the name and contact information of the national points of "
            "contact and information on national marking practices used to indicate country of manufacture and/or country "
            "of import, as applicable;")
    assert not any(text[s:e].endswith("inter alia,") for s, e, _ in phrases(text))
    assert any(text[s:e].endswith("inter alia,") for s, e in spans(text))  # the parts a model reads are cut there still


def test_a_question_asking_for_the_resolution_of_one_year_gets_that_resolution_alone_from_a_long_recital(framework_searcher):
    clause = framework_searcher.clause("A/RES/78/237", "PP1")
    first = phrase_where(clause.text, lambda phrase: True)
    assert marked(clause.text, first, "Which 1981 resolution does A/RES/78/237 recall?") == "resolutions 36/103 of 9 December 1981"
    assert len(marked(clause.text, first, "Which resolutions does A/RES/78/237 recall?")) > 300  # no year: the recital


def test_a_question_asking_the_object_of_a_verb_gets_the_phrase_after_the_one_ending_on_it(framework_searcher):
    clause = framework_searcher.clause("A/RES/73/266", "3")
    ending = phrase_where(clause.text, lambda phrase: phrase.endswith("effective implementation,"))
    assert clause.text[slice(*ending)].find("to continue to study") > 0  # the verb, then the purpose, and no object
    assert marked(clause.text, ending, "what does the GGE have to study").startswith("possible cooperative measures")
    assert marked(clause.text, ending, "what does the GGE say about implementation").endswith("effective implementation,")
    convention = framework_searcher.clause("A/RES/79/243", "annex, PP6")
    countries = phrase_where(convention.text, lambda phrase: phrase.endswith("to countries,"))
    question = "What does the preamble say about technology transfer to developing countries?"  # no verb asked for
    assert "mutually agreed terms" in marked(convention.text, countries, question)


def test_a_phrase_ending_on_a_verb_of_purpose_runs_on_into_its_object(framework_searcher):
    text = framework_searcher.clause("A/RES/79/243", "annex, art. 54, para. 6").text
    assert any(text[s:e].endswith("with a view to developing,") for s, e in spans(text))
    assert not any(text[s:e].endswith("with a view to developing,") for s, e, _ in phrases(text))


def test_when_is_answered_by_the_moment_a_treaty_names(framework_searcher):
    clause = framework_searcher.clause("A/RES/79/243", "annex, art. 37, para. 6 (a)")
    inform = phrase_where(clause.text, lambda phrase: phrase.startswith("inform the Secretary-General"))
    question = "When must a State Party tell the Secretary-General whether it will use the Convention for extradition?"
    assert "At the time of deposit" in marked(clause.text, inform, question)
    assert "At the time of deposit" not in marked(clause.text, inform, "What must a State Party tell the Secretary-General?")


def test_an_acronym_no_clause_uses_is_read_as_the_written_name_whose_initials_it_is(framework_searcher):
    initials = framework_searcher.initials
    assert initials.expansions("cooperation through the ICPO", set()) == [("ICPO", ["International Criminal Police Organization"])]
    assert initials.expansions("the CoSP", set())[0][1][0].startswith("Conference of the States Parties")
    assert initials.expansions("the ICT environment", set()) == []  # the clauses write "ICT": its own clauses answer it
    assert initials.expansions("the ICPO", {"ICPO"}) == []  # the glossary's already
    assert initials.expansions("the XQZW", set()) == []  # no written name fits


def test_a_question_writing_an_acronym_for_a_name_finds_the_clauses_spelling_it_out(framework_searcher, monkeypatch):
    def spelt_out(question):
        return ["International Criminal Police Organization" in hit.clause.text for hit in framework_searcher.search(question, k=3)]
    assert all(spelt_out("How does the convention involve the ICPO?"))
    monkeypatch.setattr(framework_searcher.initials, "expansions", lambda query, known: [])
    assert not any(spelt_out("How does the convention involve the ICPO?"))
