"""The pieces of answer quality that need no model: document names, near-duplicate groups and
the parts of long clauses."""
from __future__ import annotations

import numpy as np
import pytest

from indexer.documents import Clause
from indexer.echoes import groups
from indexer.lexical import tokens
from indexer.names import DocumentNames
from indexer.parts import MAX_PARTS, part_spans, part_texts

DOCUMENTS = [
    {"symbol": "A/RES/79/243", "title": "United Nations Convention against Cybercrime; Strengthening International Cooperation",
     "kind": "resolution", "date": "2024-12-24", "body": "General Assembly"},
    {"symbol": "A/RES/78/16", "title": "Programme of action to advance responsible State behaviour in the use of "
     "information and communications technologies in the context of international security",
     "kind": "resolution", "date": "2023-12-04", "body": "General Assembly"},
    {"symbol": "A/RES/80/16", "title": "Open-ended working group on security of and in the use of information and "
     "communications technologies 2021–2025", "kind": "resolution", "date": "2025-12-01", "body": "General Assembly"},
    {"symbol": "A/C.1/80/L.20", "title": "Open-ended working group on security of and in the use of information and "
     "communications technologies 2021–2025", "kind": "draft resolution", "date": "2025-10-13", "body": "First Committee"},
]


@pytest.mark.parametrize("question, symbol", [
    ("what does the cybercrime convention say about extradition", "A/RES/79/243"),
    ("in the programme of action, what is the mechanism", "A/RES/78/16"),
    ("the PoA resolution of 2023", "A/RES/78/16"),
    ("the First Committee draft on the OEWG", "A/C.1/80/L.20"),
    ("what does A/RES/80/16 decide", "A/RES/80/16"),
])
def test_a_question_points_at_the_document_it_names(question, symbol):
    pointed = DocumentNames(DOCUMENTS).pointed_at(question)
    assert max(pointed, key=pointed.get) == symbol


def test_a_resolution_written_by_its_number_is_named_surely():
    names = DocumentNames(DOCUMENTS)
    assert names.pointed_at("which session's agenda did 80/16 put the open-ended working group item on") == {"A/RES/80/16": 1.0}
    assert names.pointed_at("what does 180/16 decide") != {"A/RES/80/16": 1.0}


def test_words_most_names_hold_point_weakly():
    names = DocumentNames(DOCUMENTS)
    assert names.pointed_at("information and communications technologies") == {}
    assert names.pointed_at("the cybercrime convention")["A/RES/79/243"] > 0.9
    assert names.pointed_at("resolution") == {}


def test_a_word_most_documents_use_in_their_text_names_none_of_them():
    # "State" is in one title of four, but every document speaks of States
    used_in = {"state": 4, "cybercrim": 1, "programm": 2}
    names = DocumentNames(DOCUMENTS, used_in)
    assert names.pointed_at("what must each State designate") == {}
    assert "A/RES/78/16" in DocumentNames(DOCUMENTS).pointed_at("what must each State designate")
    pointed = names.pointed_at("the programme of action")
    assert max(pointed, key=pointed.get) == "A/RES/78/16"


def test_of_the_documents_a_question_names_those_of_the_year_it_writes_come_first():
    from indexer.names import OTHER_YEAR

    others = [{"symbol": f"A/RES/80/{n}", "title": title, "kind": "resolution", "date": "2025-12-01"}
              for n, title in ((30, "Oceans and the law of the sea"), (31, "Sustainable fisheries"),
                               (32, "Assistance to the Palestine refugees"), (33, "Countering disinformation"))]
    pointed = DocumentNames(DOCUMENTS + others).pointed_at("the 2025 open-ended working group text")
    assert pointed["A/RES/80/16"] == pointed["A/C.1/80/L.20"] > 0  # both of 2025
    draft_of_2024 = dict(DOCUMENTS[3], date="2024-10-13")
    pointed = DocumentNames(DOCUMENTS[:3] + [draft_of_2024] + others).pointed_at("the 2025 open-ended working group text")
    assert pointed["A/C.1/80/L.20"] == pytest.approx(OTHER_YEAR * pointed["A/RES/80/16"])


def test_an_acronym_names_the_document_whose_title_spells_it_out():
    names = DocumentNames(DOCUMENTS)
    assert names.pointed_at("what does the UNODC do") == {}
    pointed = names.pointed_at("what does the UNODC do", "United Nations Convention against Cybercrime")
    assert max(pointed, key=pointed.get) == "A/RES/79/243"
    # every document is the United Nations': "the UN Charter" names none of them
    assert names.pointed_at("which article of the UN Charter on the use of force", "United Nations") == {}


def test_the_naming_words_of_a_question_are_told_apart_from_its_subject():
    naming = DocumentNames(DOCUMENTS).naming_words("in the cybercrime convention, who may request extradition")
    assert naming == {"cybercrim", "convent"}


def test_near_identical_clauses_are_grouped_and_different_sessions_are_not():
    texts = [
        "Decides to include in the provisional agenda of its eightieth session the item entitled “Developments in the "
        "field of information and telecommunications in the context of international security”.",
        "Decides to include in the provisional agenda of its eighty-first session the item entitled “Developments in "
        "the field of information and telecommunications in the context of international security”.",
        "Decides to include in the provisional agenda of its eightieth session the item entitled “Developments in the "
        "field of information and telecommunications in the context of international security”.",
        "Welcomes the report of the Secretary-General.",
    ]
    assert groups(texts).tolist() == [0, 1, 0, 3]


def _clause(text: str, chapeau: str = "") -> Clause:
    return Clause(doc="A/RES/73/266", para="3", kind="operative", text=text, chapeau=chapeau)


def test_a_short_clause_is_embedded_whole_only():
    assert part_spans(_clause("Decides to include the item in the provisional agenda of its seventy-fourth session.")) == []


def test_a_long_clause_is_cut_at_phrase_ends_into_parts():
    text = ("Requests the Secretary-General, with the assistance of a group of governmental experts, to be established in "
            "2019 on the basis of equitable geographical distribution, to continue to study possible cooperative measures "
            "to address existing and potential threats in the sphere of information security, including norms, rules and "
            "principles of responsible behaviour of States, confidence-building measures and capacity-building; and to "
            "submit a report on the results of the study to the General Assembly at its seventy-sixth session;")
    spans = part_spans(_clause(text))
    assert 2 <= len(spans) <= MAX_PARTS
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(text[e - 1] in ",;:." for _, e in spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


def test_parts_are_read_with_their_chapeau():
    chapeau = "Calls upon Member States:"
    own = " (a) " + "To be guided in their use of information and communications technologies by the reports, " * 5
    texts = part_texts(_clause(chapeau + own.rstrip(", ") + ";", chapeau))
    assert texts and all(t.startswith(chapeau) for t in texts)


def test_the_dense_side_gains_weight_only_when_the_words_miss():
    from indexer.search import COVERED, DENSE_WEIGHT, _weight_for

    assert _weight_for(DENSE_WEIGHT, 1.0) == _weight_for(DENSE_WEIGHT, COVERED) == DENSE_WEIGHT
    assert DENSE_WEIGHT < _weight_for(DENSE_WEIGHT, COVERED / 2) < _weight_for(DENSE_WEIGHT, 0.0) < 1.0


def test_a_question_naming_an_article_s_subject_moves_its_opening_paragraph_up():
    from indexer.answering import LEAD_WEIGHT, Articles, article_title

    heading = "Chapter II Criminalization / Article 9 Interference with electronic data"
    assert article_title(heading) == "Interference with electronic data"
    assert article_title("II. Norms, rules and principles") == ""
    clauses = [
        Clause(doc="A/RES/79/243", para="annex, art. 9, para. 1", kind="operative", heading=heading,
               text="Each State Party shall establish as criminal offences the damaging, deletion or alteration of electronic data."),
        Clause(doc="A/RES/79/243", para="annex, art. 9, para. 2", kind="operative", heading=heading,
               text="A State Party may require that the conduct result in serious harm."),
    ]
    articles = Articles(clauses)
    asked = ["interfer", "electron", "data", "conduct"]
    assert [i for i, _ in articles.lead_first([(1, 1.0), (0, 1.0 - LEAD_WEIGHT / 2)], asked)] == [0, 1]
    assert [i for i, _ in articles.lead_first([(1, 1.0), (0, 0.5)], asked)] == [1, 0]  # a prior, not a verdict
    assert [i for i, _ in articles.lead_first([(1, 1.0), (0, 0.99)], ["conduct", "harm"])] == [1, 0]
    # ... unless another paragraph of the article holds more of what the question asks beyond the title
    def held(terms):
        return np.array([sum(t in tokens(c.text) for t in terms) for c in clauses], dtype=float)

    serious = {"interfer": 1.0, "electron": 1.0, "data": 1.0, "serious": 1.0, "harm": 1.0}
    close = [(1, 1.0), (0, 1.0 - LEAD_WEIGHT / 2)]
    assert [i for i, _ in articles.lead_first(close, serious)] == [0, 1]
    assert [i for i, _ in articles.lead_first(close, serious, held)] == [1, 0]
    assert [i for i, _ in articles.lead_first(close, {"interfer": 1.0, "electron": 1.0, "data": 1.0}, held)] == [0, 1]
    # ... or when the question's weight lies mostly beyond the title, by idf
    def idf(term):
        return {"interfer": 1.0, "electron": 1.0, "data": 1.0}.get(term, 2.0)

    assert [i for i, _ in articles.lead_first(close, {"interfer": 1.0, "electron": 1.0, "data": 1.0, "conduct": 1.0}, idf=idf)] == [0, 1]
    beyond = {"interfer": 1.0, "electron": 1.0, "data": 1.0, "conduct": 1.0, "covered": 1.0}
    assert [i for i, _ in articles.lead_first(close, beyond, idf=idf)] == [1, 0]


def test_a_name_s_word_pair_points_even_when_its_words_are_common_in_the_texts():
    # "programme" and "action" are used in most documents' texts; "programme of action" names one
    used_in = {"programm": 4, "action": 4}
    pointed = DocumentNames(DOCUMENTS, used_in).pointed_at("the programme of action resolution: which session")
    assert max(pointed, key=pointed.get) == "A/RES/78/16"
    assert DocumentNames(DOCUMENTS, used_in).naming_words("the programme of action") == {"programm", "action"}


def test_one_article_holds_three_places_before_its_further_paragraphs_step_down():
    from indexer.answering import PASSAGE_CAP, varied

    heading = "Chapter VII Technical assistance / Article 54 Technical assistance and capacity-building"
    article = [Clause(doc="A/RES/79/243", para=f"annex, art. 54, para. {n}", kind="operative", heading=heading,
                      text=f"States Parties shall build capacity {n}.") for n in range(1, 7)]
    other = Clause(doc="A/RES/73/266", para="PP14", kind="preambular", text="Confirming that assistance to build capacity ...")
    clauses = article + [other]
    scores = [(i, 1.0 - 0.01 * i) for i in range(len(article))] + [(len(article), 0.9)]
    order = [i for i, _ in varied(scores, clauses)]
    assert order[:PASSAGE_CAP] == [0, 1, 2] and order[PASSAGE_CAP] == len(article)
    assert varied([(0, 1.0), (6, 0.5)], clauses) == [(0, 1.0), (6, 0.5)]  # fewer than the cap: unchanged


def test_a_question_asking_for_a_session_moves_the_clause_that_names_one_up():
    from indexer.answering import ASKED_WEIGHT, asked_up

    clauses = [
        Clause(doc="A/RES/80/16", para="1", kind="operative", text="Decides to endorse the final report of the working group;"),
        Clause(doc="A/RES/80/16", para="7", kind="operative",
               text="Also decides to include in the provisional agenda of its eighty-first session the item entitled ..."),
    ]
    question = "on which session's provisional agenda does the resolution put the item?"
    assert [i for i, _ in asked_up([(0, 1.0), (1, 1.0 - ASKED_WEIGHT / 2)], clauses, question)] == [1, 0]
    assert [i for i, _ in asked_up([(0, 1.0), (1, 0.5)], clauses, question)] == [0, 1]  # a prior, not a verdict
    # the question's own session is no answer, and a question asking for no date or session moves nothing
    assert [i for i, _ in asked_up([(0, 1.0), (1, 0.95)], clauses, "what does the eighty-first session take up?")] == [0, 1]
    assert asked_up([(0, 1.0), (1, 0.95)], clauses, "what does the resolution include?") == [(0, 1.0), (1, 0.95)]


def test_sub_paragraphs_answering_with_their_chapeau_stand_in_the_document_s_order():
    from indexer.answering import chapeau_order

    chapeau = "For the purposes of this article, the term “child sexual abuse material” shall include material that depicts any person under 18 years of age:"
    clauses = [Clause(doc="A/RES/79/243", para=f"annex, art. 14, para. 2 ({letter})", kind="subparagraph",
                      text=f"{chapeau} ({letter}) {own}", chapeau=chapeau)
               for letter, own in (("a", "engaging in sexual activity;"), ("b", "in the presence of sexual activity;"),
                                   ("c", "whose sexual parts are displayed;"))]
    scores = [(2, 1.0), (0, 0.99), (1, 0.98)]
    assert [i for i, _ in chapeau_order(scores, clauses, ["age", "materi", "sexual"])] == [0, 1, 2]
    # a sub-paragraph whose own words answer keeps its place
    assert [i for i, _ in chapeau_order(scores, clauses, ["age", "displai", "part"])][0] == 2


def test_of_a_wording_named_as_surely_in_a_draft_and_its_resolution_the_resolution_is_shown():
    from indexer.answering import grouped, groups_of

    text = "Decides to endorse the final report of the open-ended working group as contained in document A/80/257;"
    clauses = [Clause(doc="A/C.1/80/L.20", para="1", kind="operative", text=text),
               Clause(doc="A/RES/80/16", para="1", kind="operative", text=text)]
    roots = np.array([0, 0])
    kinds = {"A/C.1/80/L.20": "draft resolution", "A/RES/80/16": "resolution"}
    for pointed in ({"A/C.1/80/L.20": 1.0, "A/RES/80/16": 1.0}, {}):
        [(shown, _, also)] = grouped([(0, 1.0), (1, 1.0)], clauses, roots, groups_of(roots), kinds, 10, pointed)
        assert (shown, also) == (1, (0,))
    [(shown, _, _)] = grouped([(0, 1.0), (1, 1.0)], clauses, roots, groups_of(roots), kinds, 10, {"A/C.1/80/L.20": 1.0})
    assert shown == 0  # the draft, when the question names it


def test_a_word_naming_another_document_than_the_one_named_still_counts_in_the_text():
    others = [{"symbol": "A/RES/78/119", "title": "Strengthening of the coordination of emergency humanitarian assistance",
               "kind": "resolution", "date": "2023-12-15"}]
    names = DocumentNames(DOCUMENTS + others)
    question = "what counts as an emergency under the cybercrime convention"
    assert "emergenc" in names.naming_words(question)
    assert names.naming_words(question, ["A/RES/79/243"]) == {"cybercrim", "convent"}


def test_a_word_of_a_compound_term_names_only_with_its_neighbour():
    ai = {"symbol": "A/RES/78/265", "title": "Seizing the opportunities of safe, secure and trustworthy artificial "
          "intelligence systems for sustainable development", "kind": "resolution", "date": "2024-03-21"}
    names = DocumentNames(DOCUMENTS + [ai], compounds=("artificial intelligence",))
    assert "A/RES/78/265" not in names.pointed_at("financial intelligence units in the anti-corruption resolution")
    assert "A/RES/78/265" in DocumentNames(DOCUMENTS + [ai]).pointed_at("financial intelligence units")
    pointed = names.pointed_at("the artificial intelligence resolution")
    assert max(pointed, key=pointed.get) == "A/RES/78/265"


def test_a_question_asking_what_a_term_means_moves_its_definition_up():
    from indexer.answering import DEFINES_WEIGHT, Definitions

    clauses = [
        Clause(doc="A/RES/78/207", para="PP12", kind="preambular",
               text="Recalling also that the Convention defines the victim of enforced disappearance,"),
        Clause(doc="A/RES/79/243", para="annex, art. 2 (o)", kind="subparagraph", chapeau="For the purposes of this Convention:",
               text="For the purposes of this Convention: (o) “Emergency” shall mean a situation in which there is a "
                    "significant and imminent risk to the life or safety of any natural person."),
        Clause(doc="A/RES/79/243", para="annex, art. 2 (k)", kind="subparagraph", chapeau="For the purposes of this Convention:",
               text="For the purposes of this Convention: (k) “Freezing” or “seizure” shall mean temporarily prohibiting ..."),
    ]
    definitions = Definitions(clauses)
    scores = [(0, 1.0), (1, 1.0 - DEFINES_WEIGHT / 2), (2, 0.5)]
    assert [i for i, _ in definitions.first(scores, ["convent", "defin", "emergenc"], "What does the convention define as an emergency?")][0] == 1
    assert definitions.first(scores, ["emergenc", "assist"], "emergency assistance") == scores  # no definition asked
    assert [i for i, _ in definitions.first([(0, 1.0), (2, 0.9)], ["seizur", "mean"], "what is meant by seizure")] == [2, 0]


def test_a_question_asking_when_an_item_comes_up_next_moves_the_clause_scheduling_it_up():
    from indexer.answering import SCHEDULE_WEIGHT, Scheduling

    clauses = [
        Clause(doc="A/RES/79/175", para="PP6", kind="preambular", text="Taking note of the initiatives on new technologies,"),
        Clause(doc="A/RES/79/175", para="17", kind="operative",
               text="Decides to continue its consideration of the question at its eighty-first session."),
        Clause(doc="A/RES/80/16", para="4", kind="operative", text="Also decides to include in the provisional agenda of "
               "its eighty-first session the item entitled “Developments in the field of information and telecommunications”."),
    ]
    scheduling = Scheduling(clauses)
    assert scheduling.rows == {1, 2}
    scores = [(0, 1.0), (1, 1.0 - SCHEDULE_WEIGHT / 2)]
    assert [i for i, _ in scheduling.first(scores, "When will the General Assembly next take up the right to privacy?")] == [1, 0]
    assert scheduling.first(scores, "What does the privacy resolution say about new technologies?") == scores
    for asking in ("Which session's provisional agenda gets the item?", "To the agenda of what session is the item added?",
                   "When does the Assembly consider the question again?"):
        assert Scheduling.ASKS.search(asking), asking
    for other in ("What is on the agenda of the working group?", "Which sessions did the working group hold in 2024?",
                  "Which framework does the privacy resolution recall when it discusses algorithms?"):
        assert not Scheduling.ASKS.search(other), other


def test_a_named_document_is_scheduled_by_its_own_clause_not_by_another_documents():
    from indexer.answering import Scheduling

    clauses = [
        Clause(doc="A/RES/80/147", para="55", kind="operative",
               text="Decides to include in the provisional agenda of its eighty-second session the item entitled “Human rights”."),
        Clause(doc="A/C.3/80/L.39", para="PP1", kind="preambular", text="Recalling its resolutions on a democratic order,"),
        Clause(doc="A/C.3/80/L.39", para="23", kind="operative",
               text="Decides to continue consideration of the matter at its eighty-first session."),
    ]
    scheduling = Scheduling(clauses)
    assert scheduling.rows == {0, 2}  # "continue consideration of", without "its", schedules too
    scores = [(0, 0.9), (1, 0.6), (2, 0.5)]
    asking = "When will the Assembly next take up the democratic and equitable international order?"
    assert [i for i, _ in scheduling.first(scores, asking, {"A/C.3/80/L.39"})][0] == 2
    assert [i for i, _ in scheduling.first(scores, asking)][:2] == [0, 2]  # naming none, every scheduling clause counts
    assert [i for i, _ in scheduling.first(scores, asking, {"A/RES/79/1"})][:2] == [0, 2]  # one that schedules nothing


def test_the_longer_the_clause_the_more_parts_up_to_the_most():
    from indexer.parts import PART_LENGTH

    phrase = "to continue to study possible cooperative measures to address existing and potential threats, "
    short = _clause("Requests the Secretary-General, " + phrase * 4 + "and to report.")
    long = _clause("Requests the Secretary-General, " + phrase * 16 + "and to report.")
    assert len(part_spans(short)) == 2
    assert len(long.text) > MAX_PARTS * PART_LENGTH and len(part_spans(long)) == MAX_PARTS


def test_in_a_few_documents_a_word_half_the_names_hold_points_and_the_year_narrows_it():
    oewg_2024 = dict(DOCUMENTS[2], symbol="A/RES/79/237", date="2024-12-24")
    others = [{"symbol": f"A/RES/80/{n}", "title": title, "kind": "resolution", "date": "2025-12-01"}
              for n, title in ((30, "Oceans and the law of the sea"), (31, "Sustainable fisheries"),
                               (32, "Assistance to the Palestine refugees"))]
    names = DocumentNames(DOCUMENTS + [oewg_2024] + others)  # the working group in 3 names of 8
    pointed = names.pointed_at("which decisions does the 2025 working group resolution recall")
    assert pointed["A/RES/80/16"] > pointed["A/RES/79/237"] > 0
    assert names.pointed_at("which decisions does the resolution recall") == {}
    # the words that pointed name: they count less in the clauses' text, as the words of a rarer name do
    assert {"work", "group"} <= names.naming_words("which decisions does the 2025 working group resolution recall",
                                                   ["A/RES/80/16"])


def test_a_written_symbol_moves_its_document_up_more_than_a_name_does():
    from indexer.answering import NAME_WEIGHT, WRITTEN_WEIGHT, named_boost

    names = DocumentNames(DOCUMENTS)
    assert names.written("Which 1981 resolution does A/RES/80/16 recall?") == ["A/RES/80/16"]
    assert names.written("what does the 2025 working group resolution recall") == []
    clauses = [Clause(doc="A/C.1/80/L.20", para="PP3", kind="preambular", text="Recalling its resolution 36/103 of 1981,"),
               Clause(doc="A/RES/80/16", para="PP1", kind="preambular", text="Recalling its resolutions 36/103 of 9 December 1981, ...")]
    scores, pointed = [(0, 1.0), (1, 0.7)], {"A/RES/80/16": 1.0}
    assert [i for i, _ in named_boost(scores, clauses, pointed, NAME_WEIGHT)] == [0, 1]
    assert [i for i, _ in named_boost(scores, clauses, pointed, WRITTEN_WEIGHT)] == [1, 0]


def test_bm25_scores_each_term_by_its_weight():
    from indexer.lexical import Lexical, tokens

    lexical = Lexical.build(["capacity-building for developing countries", "confidence-building measures",
                             "capacity and confidence", "the digital divide"])
    capacity, confidence = (lexical.weighted_scores({tokens(w)[0]: 1.0}) for w in ("capacity", "confidence"))
    assert capacity[0] > 0 and capacity[1] == 0 and confidence[1] > 0 and not capacity[3] and not confidence[3]
    both = lexical.weighted_scores({tokens("capacity")[0]: 1.0, tokens("confidence")[0]: 0.5})
    assert np.allclose(both, capacity + 0.5 * confidence)
    assert not lexical.weighted_scores({"absent": 1.0}).any()


def test_a_compound_ordinal_is_one_term_as_its_figures_are():
    from indexer.lexical import Lexical, tokens

    assert tokens("at its seventy-sixth session") == tokens("at its 76th session") == ["it", "76th", "session"]
    assert tokens("the Twenty-first Century") == ["21st", "centuri"]
    lexical = Lexical.build(["to the General Assembly at its seventy-sixth session", "at its seventy-eighth session",
                             "the Sixth Committee", "at its seventieth session"])
    scores = lexical.weighted_scores({t: 1.0 for t in tokens("seventy-sixth")})
    assert scores[0] > 0 and not scores[1:].any()


@pytest.mark.parametrize("question, framing", [
    ("In the 2018 resolution that set up the new group of experts, where does it stress cooperation?",
     "In the 2018 resolution that set up the new group of experts,"),
    ("Under the cybercrime convention, can a State refuse assistance?", "Under the cybercrime convention,"),
    ("Where was the compendium issued, according to the 2025 OEWG resolution?", ", according to the 2025 OEWG resolution?"),
    ("Which city hosted the summit, per the 2025 resolution on NEPAD?", ", per the 2025 resolution on NEPAD?"),
    ("Can the 24/7 network under the cybercrime convention hand over data in an emergency?", ""),
    ("How does the PoA resolution describe its relationship with the OEWG?", "the PoA resolution"),
    ("What did the December 2024 OEWG resolution say about inclusivity?", "the December 2024 OEWG resolution"),
    ("In 2019, what did the group study?", ""),
    ("what does the GGE have to study", ""),
])
def test_the_words_naming_the_document_a_question_asks_about_are_its_frame(question, framing):
    from indexer.names import frame

    assert frame(question) == framing


def test_of_several_documents_a_frame_names_the_rest_of_the_question_picks():
    documents = DOCUMENTS + [
        {"symbol": "A/C.3/80/L.39", "title": "Promotion of a democratic and equitable international order",
         "kind": "draft resolution", "date": "2025-10-30", "body": "Third Committee"},
        {"symbol": "A/C.3/80/L.6", "title": "Rights of the child", "kind": "draft resolution", "date": "2025-10-02",
         "body": "Third Committee"},
    ]
    names = DocumentNames(documents)
    question = "When is a democratic and equitable international order next taken up, according to the Third Committee draft?"
    framing = ", according to the Third Committee draft?"
    assert names.pointed_at(framing)["A/C.3/80/L.39"] == names.pointed_at(framing)["A/C.3/80/L.6"]
    pointed = names.framed(question, framing)
    assert max(pointed, key=pointed.get) == "A/C.3/80/L.39" and pointed["A/C.3/80/L.39"] > 2 * pointed.get("A/C.3/80/L.6", 0)
    assert names.framed("what about children, in the cybercrime convention?", " in the cybercrime convention?") == \
        names.pointed_at(" in the cybercrime convention?")


@pytest.mark.parametrize("question, naming, read", [
    ("Which body can set up subsidiary bodies to help implement the 2024 UN Convention against Cybercrime?",
     {"convent", "against", "cybercrim"}, "Which body can set up subsidiary bodies to help implement the Convention?"),
    ("What role does UNODC get under the cybercrime convention resolution?", {"convent", "cybercrim"},
     "What role does UNODC get under the resolution?"),
    ("Does the PoA resolution’s preamble mention the OEWG?", {"poa"}, "Does the resolution’s preamble mention the OEWG?"),
    ("What does the resolution on the cybercrime convention ask?", {"convent", "cybercrim"}, "What does the resolution ask?"),
    ("Does the U.N. cybercrime convention cover hosting?", {"convent", "cybercrim"}, "Does the convention cover hosting?"),
    # a kind that is a word of the question ("which action", "to report on") is not part of the name
    ("Which action in the Pact for the Future commits to investing in people?", {"pact", "futur"},
     "Which action in the Pact commits to investing in people?"),
    ("What is the Secretary-General asked to report on in the cybercrime convention resolution?", {"convent", "cybercrim"},
     "What is the Secretary-General asked to report on in the resolution?"),
    ("Which article of the convention? The cybercrime treaty", {"cybercrim"}, "Which article of the convention? The treaty"),
    # words naming a document that do not say which kind it is are the question's subject: read as typed
    ("Why does the General Assembly consider cooperation against cybercrime urgent?", {"against", "cybercrim"}, None),
    ("When did Tokelau launch its national GHG inventory?", {"tokelau"}, None),
    ("Could the programme of action consider new obligations?", {"programm", "action"}, None),
])
def test_the_model_reads_a_named_document_as_its_kind(question, naming, read):
    from indexer.names import naming_span, read_as_kind

    span = naming_span(question, naming)
    assert (read_as_kind(question, *span) if span else question) == (read or question)


@pytest.mark.parametrize("question, read", [
    ("In the 2018 resolution that set up the new group of experts, where does it stress cooperation?",
     "where does it stress cooperation?"),
    ("Where was the compendium issued, according to the 2025 OEWG resolution?", "Where was the compendium issued"),
    ("How does the PoA resolution describe its relationship with the OEWG?",
     "How does the resolution describe its relationship with the OEWG?"),  # the subject stays, as its kind
    ("How does the draft describe the drafting process?", "How does the draft describe the drafting process?"),
    ("Under the cybercrime convention, extradition?", "Under the cybercrime convention, extradition?"),  # nearly all frame
])
def test_the_model_reads_a_framed_question_without_its_frame(question, read):
    from indexer.names import frame, unframed

    assert unframed(question, frame(question)) == read


def test_a_name_saying_its_kind_points_on_its_own_words_where_the_rest_of_the_question_dilutes_it():
    from indexer.answering import NAMED

    others = [{"symbol": f"A/RES/80/{n}", "title": title, "kind": "resolution", "date": "2025-12-01"}
              for n, title in ((40, "Extradition and mutual legal assistance in criminal matters"),
                               (41, "Points of contact for consular assistance"), (42, "Coordination of humanitarian assistance"),
                               (43, "Oceans and the law of the sea"), (44, "Sustainable fisheries"),
                               (45, "Assistance to the Palestine refugees"), (46, "Agricultural technology for development"),
                               (47, "Literacy for life"), (48, "Cooperatives in social development"))]
    names = DocumentNames(DOCUMENTS + others)
    question = "cybercrime convention points of contact must coordinate with the extradition authorities"
    assert max(names.pointed_at(question).values()) < NAMED  # "extradition", "points of contact" name others
    assert names.kind_name(question) == "cybercrime convention"
    assert names.framed(question, names.kind_name(question)) == {"A/RES/79/243": 1.0}
    assert names.kind_name("which authorities must coordinate extradition requests") == ""  # no kind: no name
    assert names.kind_name("the 2025 draft resolution on the OEWG: what does it decide?") == \
        "the 2025 draft resolution on the OEWG"  # adjacent kinds are one
    # an acronym naming a document by what it stands for is a naming word of its name
    assert names.kind_name("2023 LAWS resolution: what does it stress?", {"law"}) == "2023 LAWS resolution"


def test_a_paragraph_a_question_cites_moves_up_more_than_an_article_it_names():
    from indexer.citation import CITED_WEIGHT, PARAGRAPH_WEIGHT, cited_first

    clauses = [Clause(doc="A/RES/78/16", para="PP1", kind="preambular", text="Recalling its resolutions 53/70 ..."),
               Clause(doc="A/RES/78/208", para="PP12", kind="preambular", text="Recalling its previous resolutions ..."),
               Clause(doc="A/RES/79/243", para="annex, art. 56, para. 1", kind="operative", text="The account ..."),
               Clause(doc="A/RES/79/243", para="4", kind="operative", text="Requests the Secretary-General ...")]
    between = (CITED_WEIGHT + PARAGRAPH_WEIGHT) / 2
    cited = cited_first("Which resolutions does the programme of action resolution recall in its first preambular paragraph?",
                        [(1, 1.0), (0, 1.0 - between)], clauses, named={"A/RES/78/16"})
    assert [i for i, _ in cited] == [0, 1]  # where the answer stands
    named = cited_first("Under the resolution adopting the convention, who operates the account under article 56?",
                        [(3, 1.0), (2, 1.0 - between)], clauses, named={"A/RES/79/243"})
    assert [i for i, _ in named] == [3, 2]  # what the question is about, not where its answer stands


def test_a_word_linking_a_title_s_words_names_nothing():
    agreement = {"symbol": "A/RES/78/272", "title": "Agreement under the United Nations Convention on the Law of the Sea on "
                 "the Conservation and Sustainable Use of Marine Biological Diversity", "kind": "resolution", "date": "2023-06-19"}
    names = DocumentNames(DOCUMENTS + [agreement])
    pointed = names.pointed_at("What counts as an emergency under the convention?")
    assert pointed.get("A/RES/78/272", 0.0) <= pointed["A/RES/79/243"]  # "under convention" is no pair of its name
    assert max(names.pointed_at("the Law of the Sea agreement"), key=names.pointed_at("the Law of the Sea agreement").get) \
        == "A/RES/78/272"


def test_following_names_no_follow_up():
    opinion = {"symbol": "A/RES/79/32", "title": "Follow-up to the advisory opinion of the International Court of Justice on "
               "the Legality of the Threat or Use of Nuclear Weapons", "kind": "resolution", "date": "2024-12-02"}
    names = DocumentNames(DOCUMENTS + [opinion])
    assert "A/RES/79/32" not in names.pointed_at("Following paragraph 23 of the report, what is the Secretary-General invited to present?")
    assert "A/RES/79/32" in names.pointed_at("the resolution on the advisory opinion on nuclear weapons")


def test_a_frame_naming_one_document_by_its_year_names_it_however_its_acronym_is_spelled():
    documents = DOCUMENTS + [
        {"symbol": "A/RES/73/266", "title": "Advancing responsible State behaviour in cyberspace in the context of "
         "international security", "kind": "resolution", "date": "2018-12-22", "body": "General Assembly"},
    ] + [{"symbol": f"A/RES/78/{n}", "title": title, "kind": "resolution", "date": "2023-12-19", "body": "General Assembly"}
         for n, title in enumerate(["Rights of the child", "Oceans and the law of the sea", "Sport for development and peace",
                                    "Agricultural technology for sustainable development", "Ending child labour",
                                    "International Day of Forests", "Literacy for life", "Global health and foreign policy",
                                    "Sustainable tourism", "Natural plant fibres", "Disaster risk reduction"], 300)]
    names = DocumentNames(documents)
    framing = "In the 2018 resolution on ICTs,"
    spelled = "information and communications technology ; information and communications technologies"
    question = framing + " where does the Assembly call for cooperation against cybercrime?"
    pointed = names.framed(question, framing, spelled, spelled)
    first = pointed.pop("A/RES/73/266")
    assert all(first > 1.5 * sure for sure in pointed.values())  # ICTs spelled three ways still name as one word
