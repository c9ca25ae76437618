"""Official PDFs of the UN documents service, as published: structure, labels, citations, metadata.

The files carry neutral names (tests/data/un/) or sit in the bundled corpus: every symbol, kind
and label asserted here is read from the content.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from indexer.audit import FURNITURE, audit_file
from indexer.citation import cited_first, cited_labels
from indexer.cli import main
from indexer.documents import cite
from indexer.names import DocumentNames
from indexer.references import article_titles, referred_titles
from indexer.parse import parse_file

TESTS = Path(__file__).resolve().parent
UN = TESTS / "data" / "un"
CORPUS = TESTS.parent / "corpus"

SYMBOLS = {
    CORPUS / "A_RES_78_16.pdf": "A/RES/78/16",
    CORPUS / "A_RES_78_237.pdf": "A/RES/78/237",
    CORPUS / "A_RES_79_237.pdf": "A/RES/79/237",
    CORPUS / "A_RES_79_243.pdf": "A/RES/79/243",
    CORPUS / "A_RES_80_16.pdf": "A/RES/80/16",
    UN / "draft-ict.pdf": "A/C.1/80/L.20",
    UN / "draft-plenary.pdf": "A/80/L.13",
    UN / "draft-decision.pdf": "A/C.1/80/L.35",
    UN / "draft-migrants.pdf": "A/C.3/80/L.52",
    UN / "amendment.pdf": "A/80/L.19",
    UN / "sole-operative.pdf": "A/RES/79/157",
    UN / "parts.pdf": "A/C.5/80/L.17",
    UN / "privacy.pdf": "A/RES/79/175",
    UN / "resolution-80-130.pdf": "A/RES/80/130",
    UN / "pact.pdf": "A/RES/79/1",
    UN / "preamble-headings.pdf": "A/RES/78/148",
    UN / "sections-roman.pdf": "A/RES/79/161",
    UN / "preamble-list.pdf": "A/RES/80/210",
    UN / "declaration-adopted.pdf": "A/RES/78/5",
    UN / "decision-items.pdf": "A/80/L.1",
    UN / "decision-colon.pdf": "A/C.2/80/L.60",
    UN / "undotted-number.pdf": "A/C.6/80/L.16",
    UN / "sponsors-uk.pdf": "A/C.1/80/L.46",
    UN / "committee-unprinted.pdf": "A/C.3/80/L.18",
    UN / "inline-items.pdf": "A/C.2/80/L.33",
    UN / "treaty-draft.pdf": "A/C.6/80/L.8",
    UN / "preamble-quote.pdf": "A/RES/80/116",
    UN / "annex-after-closing.pdf": "A/RES/79/81",
    UN / "double-letters.pdf": "A/RES/78/181",
    UN / "long-heading.pdf": "A/RES/80/109",
    UN / "sections-preambles.pdf": "A/RES/79/298",
    UN / "sponsors-line-and.pdf": "A/80/L.14",
    UN / "heading-before-operative.pdf": "A/RES/79/327",
    UN / "annex-numbered-sections.pdf": "A/RES/78/1",
    UN / "draft-adopting-outcome.pdf": "A/80/L.41",
    UN / "heading-of-two-words.pdf": "A/RES/80/11",
    UN / "heading-of-nine-words.pdf": "A/RES/79/214",
    UN / "markers-in-a-run.pdf": "A/RES/80/112",
    UN / "reissued.pdf": "A/RES/78/68",
    UN / "no-organ-line.pdf": "A/RES/78/225",
    UN / "title-unnumbered.pdf": "A/RES/79/9",
    UN / "headings-unmarked.pdf": "A/RES/80/3",
    UN / "headings-nested.pdf": "A/RES/79/2",
    UN / "heading-top-of-page.pdf": "A/RES/78/293",
    UN / "items-under-headings.pdf": "A/RES/78/317",
    UN / "items-under-sub-headings.pdf": "A/RES/79/323",
    UN / "rules-of-procedure.pdf": "A/RES/78/128",
    UN / "sole-operative-marked.pdf": "A/RES/80/114",
    UN / "decision-recalling-items.pdf": "A/C.4/80/L.3",
    UN / "quotation-without-comma.pdf": "A/RES/79/333",
    UN / "sponsor-marked.pdf": "A/C.1/80/L.31",
    UN / "marker-before-word.pdf": "A/RES/78/190",
    UN / "word-before-number.pdf": "A/RES/79/168",
    UN / "letter-spaced.pdf": "A/RES/78/122",
    UN / "letter-spaced-prefix.pdf": "A/RES/78/179",
    UN / "annex-titled-with-year.pdf": "A/80/L.8",
    UN / "footnote-running-date.pdf": "A/RES/80/147",
    UN / "budget-parts.pdf": "A/RES/80/242",
    UN / "month-into-year.pdf": "A/C.3/80/L.53",
    UN / "note-by-the-secretariat.pdf": "A/C.6/80/L.1",
    UN / "marker-before-word-close.pdf": "A/RES/80/207",
}
_CACHE: dict[Path, object] = {}


def parsed(path: Path):
    if path not in _CACHE:
        _CACHE[path] = parse_file(path)[0]
    return _CACHE[path]


def clause(document, para: str):
    return next(c for c in document.clauses if c.para == para)


@pytest.mark.parametrize("path", list(SYMBOLS), ids=lambda p: p.stem)
def test_every_document_is_indexed_under_the_symbol_printed_on_it(path):
    document = parsed(path)
    assert document.symbol == SYMBOLS[path]
    assert document.symbol_from == "masthead"
    assert document.clauses


@pytest.mark.parametrize("path", list(SYMBOLS), ids=lambda p: p.stem)
def test_labels_are_unique_and_numbers_run_in_order(path):
    result = audit_file(path)
    assert result.gaps == []
    labels = [c.para for c in parsed(path).clauses]
    assert [label for label, n in Counter(labels).items() if n > 1] == []


@pytest.mark.parametrize("path", list(SYMBOLS), ids=lambda p: p.stem)
def test_no_page_furniture_in_any_clause(path):
    for c in parsed(path).clauses:
        assert not FURNITURE.search(c.text), (c.para, c.text)
        assert not re.search(r"\*\d{7}\*|\d{2}-\d{5} \(E\)|Distr\.:|_{5,}$|Please recycle", c.text), c.para
        assert not re.search(r"plenary meeting \d{1,2} \w+ \d{4}$", c.text), c.para


def test_the_convention_is_cited_by_annex_article_and_paragraph():
    document = parsed(CORPUS / "A_RES_79_243.pdf")
    citations = {c.citation for c in document.clauses}
    assert "A/RES/79/243, annex, art. 7, para. 1" in citations
    assert "A/RES/79/243, annex, art. 2 (b)" in citations
    assert "A/RES/79/243, annex, art. 40, para. 12 (a)" in citations
    assert "A/RES/79/243, para. 12" in citations  # the resolution's own para. 12, another key
    assert "A/RES/79/243, annex, preambular para. 1" in citations


def test_article_headings_are_context_never_text():
    document = parsed(CORPUS / "A_RES_79_243.pdf")
    for c in document.clauses:
        assert not re.match(r"(?:Article \d+|Chapter [IVXL]+)\b", c.text), c.para
    definitions = clause(document, "annex, art. 2 (b)")
    assert definitions.heading.endswith("Article 2 Use of terms")
    assert definitions.heading.startswith("Chapter I")
    assert "“Electronic data” shall mean" in definitions.text
    assert definitions.text.startswith("For the purposes of this Convention: (b)")


def test_each_sub_paragraph_holds_its_own_text():
    document = parsed(CORPUS / "A_RES_79_243.pdf")
    for c in document.clauses:
        if c.kind == "subparagraph":
            own = c.text[len(c.chapeau):].strip()
            mark = c.para.rsplit("(", 1)[1].rstrip(")")
            assert own.startswith(f"({mark})"), (c.para, own[:60])


def test_the_convention_s_own_annex_is_kept_apart():
    document = parsed(CORPUS / "A_RES_79_243.pdf")
    notes = [c for c in document.clauses if c.para.startswith("annex, annex")]
    assert notes and all(c.para.startswith("annex, annex, para. ") for c in notes)
    assert [c.para for c in notes][:2] == ["annex, annex, para. 1", "annex, annex, para. 2"]
    assert "service provider" in notes[0].text
    # under the annex's title, its subtitle after the semicolon left out
    assert notes[0].heading == "Interpretative notes on specific articles of the United Nations Convention against Cybercrime / Article 2"


def test_a_note_on_an_article_is_cited_with_the_article():
    clauses = list(parsed(CORPUS / "A_RES_79_243.pdf").clauses)
    unranked = [(i, 0.0) for i in range(len(clauses))]

    def cited(question):
        return {clauses[i].para for i, score in cited_first(question, unranked, clauses) if score > 0}

    on_17 = cited("what do the interpretative notes say about laundering under article 17")
    assert {"annex, art. 17, para. 1 (a) (i)", "annex, annex, para. 3"} <= on_17
    assert "annex, annex, para. 4" not in on_17
    assert {"annex, annex, para. 4", "annex, annex, para. 5"} <= cited("how are investigations read under article 35 of the convention")


def test_a_clause_referring_to_articles_reads_their_titles():
    clauses = list(parsed(CORPUS / "A_RES_79_243.pdf").clauses)
    titles = article_titles(clauses)
    assert titles[("A/RES/79/243", "16")] == "Non-consensual dissemination of intimate images"
    by_para = {c.para: c for c in clauses}
    removal = referred_titles(by_para["annex, art. 34, para. 6"], titles)  # "... described in articles 14 and 16"
    assert removal == [titles[("A/RES/79/243", "14")], titles[("A/RES/79/243", "16")]]
    assert referred_titles(by_para["annex, art. 17, para. 2 (a)"], titles) == []  # its own article names nothing new
    ranged = [c for c in clauses if "articles 11 to 16" in c.text.lower() or "articles 7 to 16" in c.text.lower()]
    assert ranged and all(titles[("A/RES/79/243", "7")] not in referred_titles(c, titles) for c in ranged)


def test_each_action_of_the_pact_is_a_clause_cited_by_its_number():
    pact = parsed(UN / "pact.pdf")
    actions = [c.para for c in pact.clauses if c.para.startswith("action ")]
    assert actions == [f"action {n}" for n in range(1, len(actions) + 1)] and len(actions) >= 50
    reform = clause(pact, "action 39")
    assert reform.citation == "A/RES/79/1, action 39"
    assert reform.text.startswith("We will reform the Security Council")
    # the paragraphs around an action keep their own words, also where the reader saw no line break
    assert clause(pact, "66 (f)").text.endswith("without conditions.")
    assert "Action" not in clause(pact, "24 (c)").text and clause(pact, "action 6").text.startswith("We will invest in people")
    assert cited_labels("What does Action 39 of the Pact for the Future commit to?") == [(None, "action 39")]
    assert cited_labels("A/RES/79/1, action 39") == [("A/RES/79/1", "action 39")]
    assert cited_labels("the programme of action 2025 mechanism") == []


def test_an_annex_title_heads_its_sections_and_names_the_document():
    pact = parsed(UN / "pact.pdf")
    assert pact.annexes == ("Global Digital Compact", "Declaration on Future Generations")
    assert clause(pact, "annex I, para. 10").heading.startswith("Global Digital Compact / Objective 1. Close all digital divides")
    assert clause(pact, "annex II, para. 11").heading == ("Declaration on Future Generations / Commitments / "
                                                        "Guided by these principles, we hereby pledge to:")
    assert clause(pact, "18").heading.startswith("I. Sustainable development")  # the Pact's own sections stand alone
    names = DocumentNames([parsed(path).metadata() for path in SYMBOLS])
    assert max(names.pointed_at("What does the Global Digital Compact commit to on data governance?").items(),
               key=lambda kv: kv[1])[0] == "A/RES/79/1"
    # a long annex title describes rather than names: the treaty's notes do not make "articles" a name
    assert names.pointed_at("Which article of the Charter does the resolution on privacy cite?").get("A/RES/79/243", 0) < 0.5


@pytest.mark.parametrize("path, para, inline", [
    (CORPUS / "A_RES_79_237.pdf", "2 (b)",
     ["(i) modalities on the participation", "(ii) dedicated thematic groups", "(iii) other elements as required;"]),
    # lettered items inline in a paragraph, the last starting a line of its own
    (UN / "inline-items.pdf", "7", ["by (a) providing increased support", "(c) eradicating poverty"]),
])
def test_an_enumeration_running_inline_stays_inside_its_paragraph(path, para, inline):
    document = parsed(path)
    assert all(words in clause(document, para).text for words in inline)
    assert not any(c.para.startswith(f"{para} (") for c in document.clauses)


def test_line_start_items_of_the_text_are_their_own_clauses():
    document = parsed(CORPUS / "A_RES_79_243.pdf")
    item = clause(document, "annex, art. 2 (e) (ii)")
    assert item.text.endswith("(ii) Processes or stores electronic data on behalf of such a communications service or users of such a service;")
    assert item.chapeau.endswith("(e) “Service provider” shall mean any public or private entity that:")


def test_the_programme_of_action_keeps_its_preamble_whole():
    document = parsed(CORPUS / "A_RES_78_16.pdf")
    assert clause(document, "PP14").text.startswith("Recognizing")
    assert clause(document, "PP13").text.endswith("results-based,")
    pp8 = clause(document, "PP8")
    assert "the first and second annual progress reports" in pp8.text
    assert [f.text for f in pp8.footnotes] == ["See A/77/275.", "See A/78/265."]
    assert clause(document, "5").text.endswith("international security”.")


def test_a_draft_names_its_sponsors_committee_and_agenda_item():
    document = parsed(UN / "draft-ict.pdf")
    assert (document.kind, document.committee, document.body, document.agenda_item) == (
        "draft resolution", "First Committee", "First Committee", "94")
    assert document.sponsors == ("Singapore",)
    assert document.title.startswith("Open-ended working group on security of and in the use of")
    assert document.date == "2025-10-13"
    assert [c.para for c in document.clauses] == ["PP1", "PP2", "PP3", "1", "2", "3", "4"]


def test_a_long_sponsor_list_keeps_names_that_hold_and():
    sponsors = parsed(UN / "draft-plenary.pdf").sponsors
    assert sponsors[:2] == ("Albania", "Antigua and Barbuda")
    assert sponsors[-2:] == ("Viet Nam", "Zambia")
    assert len(sponsors) > 20


def test_a_decision_in_one_paragraph_is_one_clause():
    document = parsed(UN / "draft-decision.pdf")
    assert document.kind == "draft decision"
    [only] = document.clauses
    assert only.para == "decision" and only.citation == "A/C.1/80/L.35"
    assert only.text.startswith("The General Assembly, recalling its resolutions 79/22")
    assert document.title == "Reducing space threats through norms, rules and principles of responsible behaviours"


def test_an_amendment_is_one_clause_of_its_own_kind():
    document = parsed(UN / "amendment.pdf")
    assert document.kind == "amendment"
    [only] = document.clauses
    assert only.text.startswith("Delete the thirty-eighth preambular paragraph")


def test_a_sole_unnumbered_operative_paragraph():
    document = parsed(UN / "sole-operative.pdf")
    assert [c.para for c in document.clauses] == ["PP1", "PP2", "PP3", "OP"]
    assert clause(document, "OP").citation == "A/RES/79/157, operative para."


def test_a_resolution_of_one_paragraph_adopting_a_declaration_is_operative():
    document = parsed(UN / "declaration-adopted.pdf")
    adopts = document.clauses[0]
    assert (adopts.para, adopts.kind) == ("OP", "operative") and adopts.text.startswith("Adopts the political declaration")
    assert all(c.para.startswith("annex") for c in document.clauses[1:])
    # the annex's title repeats the resolution's on a line of its own, under "Annex": a title, not a running head
    assert clause(document, "annex, para. 1").heading.startswith("Political declaration of the high-level meeting on the fight")


def test_a_decision_set_out_in_lettered_items_after_the_preamble():
    document = parsed(UN / "decision-items.pdf")
    assert [c.para for c in document.clauses] == ["PP1", "PP2", "PP3", "OP (a)", "OP (b)"]
    assert clause(document, "PP3").text.startswith("Recalling further") and clause(document, "PP3").text.endswith(":")
    assert clause(document, "OP (a)").text.startswith("(a) Expresses its profound gratitude")
    assert clause(document, "OP (b)").group == "operative"
    assert clause(document, "OP (b)").citation == "A/80/L.1, operative para. (b)"


def test_a_preamble_under_sub_headings_keeps_them_as_headings_not_text():
    document = parsed(UN / "preamble-headings.pdf")
    preambular = [c for c in document.clauses if c.kind == "preambular"]
    assert len(preambular) == 30 and [c.para for c in preambular] == [f"PP{n}" for n in range(1, 31)]
    assert all(c.text.split()[0].endswith(("ing", "ed")) for c in preambular)  # each opens as a preambular paragraph
    assert clause(document, "PP10").heading == "Transport and transit corridors"
    assert clause(document, "PP14").heading == "Countries in special situations"
    assert clause(document, "PP19").heading == ""  # "* * *" closes the run
    assert not any("* * *" in c.text for c in document.clauses)


def test_a_preambular_paragraph_ending_in_a_colon_is_the_chapeau_of_its_items():
    document = parsed(UN / "preamble-list.pdf")
    items = [c for c in document.clauses if c.para.startswith("PP41 (")]
    assert [c.para for c in items] == ["PP41 (a)", "PP41 (b)", "PP41 (c)", "PP41 (d)", "PP41 (e)"]
    assert all(c.chapeau.startswith("Recalling the endorsement by the Committee on World Food Security of:") for c in items)
    assert all(c.group == "preambular" for c in items) and items[0].citation == "A/RES/80/210, preambular para. 41 (a)"
    assert clause(document, "PP42").text.startswith("Recalling also the endorsement")


def test_a_section_heading_of_a_numeral_without_a_full_stop_heads_its_paragraphs():
    document = parsed(UN / "sections-roman.pdf")
    assert not any(c.text.startswith("I International Convention") for c in document.clauses)
    assert clause(document, "1").heading.startswith("I International Convention on the Elimination")
    assert clause(document, "11").heading.startswith("II International Decade for People of African Descent")


@pytest.mark.parametrize("path, title, kind", [
    (UN / "parts.pdf", "United Nations common system", "draft resolution"),  # "Draft resolution submitted by the Chair ...", then part A
    (UN / "decision-colon.pdf", "Draft programme of work of the Second Committee for the eighty-first session of the General Assembly",
     "draft decision"),
])
def test_a_draft_an_officer_submits_has_its_own_title_not_the_agenda_item(path, title, kind):
    document = parsed(path)
    assert (document.title, document.kind, document.sponsors) == (title, kind, ())


def test_a_decision_opening_with_a_colon_is_its_lettered_items():
    document = parsed(UN / "decision-colon.pdf")
    first, second = document.clauses[:2]
    assert (first.para, second.para) == ("OP (a)", "OP (b)")
    assert first.chapeau == "The General Assembly:" and "(a) Approves the draft programme of work" in first.text


def test_a_resolution_in_parts_labels_each_part():
    labels = [c.para for c in parsed(UN / "parts.pdf").clauses]
    assert "part B, para. 1" in labels and "1" in labels


def test_resolution_metadata_comes_from_the_content():
    document = parsed(CORPUS / "A_RES_79_243.pdf")
    assert document.title.startswith("United Nations Convention against Cybercrime; Strengthening International")
    assert document.title.endswith("Serious Crimes")
    assert (document.date, document.kind, document.body, document.session, document.agenda_item) == (
        "2024-12-24", "resolution", "General Assembly", "Seventy-ninth session", "108")


def test_audit_reports_every_document_of_a_folder(tmp_path, capsys):
    for path in list(SYMBOLS)[5:9]:
        (tmp_path / f"doc{len(list(tmp_path.iterdir()))}.pdf").write_bytes(path.read_bytes())
    assert main(["audit", "--corpus", str(tmp_path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    documents, summary = lines[:-1], lines[-1]["summary"]
    assert sorted(d["symbol"] for d in documents) == sorted(list(SYMBOLS.values())[5:9])
    assert all(d["clean"] and d["symbol_from"] == "masthead" for d in documents)
    assert summary["documents"] == 4 and summary["with_numbering_faults"] == summary["with_furniture"] == 0


@pytest.mark.parametrize("path, pasted, para", [
    (UN / "decision-items.pdf", "A/80/L.1, operative para. (b)", "OP (b)"),
    (UN / "sole-operative.pdf", "A/RES/79/157, operative para.", "OP"),
    (UN / "preamble-list.pdf", "A/RES/80/210, preambular para. 41 (c)", "PP41 (c)"),
    (UN / "draft-adopting-outcome.pdf", "A/80/L.41, preamble", "preamble"),
    (UN / "pact.pdf", "A/RES/79/1, annex II, preamble", "annex II, preamble"),
    (UN / "pact.pdf", "A/RES/79/1, annex II, operative para.", "annex II, OP"),
])
def test_a_pasted_citation_of_an_unnumbered_or_preambular_item_finds_that_clause(path, pasted, para):
    clauses = list(parsed(path).clauses)
    assert clause(parsed(path), para).citation == pasted
    first = cited_first(pasted, [(i, 0.0) for i in range(len(clauses))], clauses)[0][0]
    assert clauses[first].para == para


def test_a_paragraph_number_printed_without_its_full_stop_still_opens_a_paragraph():
    document = parsed(UN / "undotted-number.pdf")
    operative = [c.para for c in document.clauses if c.kind == "operative"]
    assert operative == [str(n) for n in range(1, 26)]
    assert clause(document, "6").text.startswith("Also reaffirms the important role of the International Law Commission")
    assert max(len(c.text) for c in document.clauses) < 2000


def test_a_sponsor_list_ending_on_a_name_that_holds_and_is_split_before_it():
    sponsors = parsed(UN / "sponsors-uk.pdf").sponsors
    assert sponsors[-2:] == ("Ukraine", "United Kingdom of Great Britain and Northern Ireland")
    assert not any(s.startswith("*") or " and United Kingdom" in s for s in sponsors)


def test_a_main_committee_draft_is_its_committee_s_even_when_its_name_is_not_printed():
    document = parsed(UN / "committee-unprinted.pdf")
    assert (document.kind, document.body, document.committee) == ("draft resolution", "Third Committee", "Third Committee")


def test_an_article_heading_sharing_a_line_with_the_article_s_words_keeps_both():
    document = parsed(UN / "treaty-draft.pdf")
    depositary = clause(document, "annex, art. 19")
    assert depositary.heading.endswith("Article 19 Depositary")
    assert depositary.text.startswith("The Secretary-General of the United Nations is hereby designated as the depositary")
    assert clause(document, "annex, art. 18 (b)").chapeau == "The method referred to in this chapter shall be:"


def test_what_a_preambular_paragraph_quotes_after_its_colon_is_part_of_it():
    document = parsed(UN / "preamble-quote.pdf")
    recalling = clause(document, "PP10")
    assert recalling.text.startswith("Recalling its resolution 79/232") and "What are the obligations of Israel" in recalling.text
    assert not any(c.text.startswith("What are the obligations") for c in document.clauses)


def test_an_annex_opening_on_the_line_of_the_closing_meeting_is_read():
    document = parsed(UN / "annex-after-closing.pdf")
    first = clause(document, "annex, para. 1")
    assert first.heading.startswith("Modalities for the High-level International Conference")
    assert first.text.startswith("The High-level International Conference")
    assert clause(document, "annex, para. 12").text.startswith("The Conference shall be webcast")


def test_sub_paragraphs_lettered_past_z_are_letters_not_roman_numerals():
    labels = [c.para for c in parsed(UN / "double-letters.pdf").clauses]
    assert {"2 (hh)", "2 (ii)", "2 (kk)", "2 (ll)", "2 (mm)"} <= set(labels)
    assert not [label for label in labels if label.count("(") > 1]
    assert clause(parsed(UN / "double-letters.pdf"), "2 (mm)").text.split(" (mm) ")[1].startswith("Designing")


def test_a_long_section_heading_heads_its_paragraphs_and_leaves_the_one_before():
    document = parsed(UN / "long-heading.pdf")
    before, after = clause(document, "54"), clause(document, "55")
    assert before.text.endswith("as appropriate;")
    assert after.heading.startswith("II Implementation of the 1995 Agreement")
    assert after.heading.endswith("Highly Migratory Fish Stocks")


def test_each_section_of_a_resolution_keeps_its_own_preamble():
    document = parsed(UN / "sections-preambles.pdf")
    assert clause(document, "13 (e)").text.endswith("budgets of the individual active peacekeeping operations;")
    assert clause(document, "13 (a)").heading.startswith(
        "I Support account for peacekeeping operations / Financing of the support account for peacekeeping operations")
    recalling = clause(document, "section II, PP1")
    assert (recalling.kind, recalling.text) == ("preambular", "Recalling its resolution 77/304,")
    assert clause(document, "section II, para. 1").text == "Takes note of the report of the Secretary-General;"


def test_a_section_of_a_preamble_and_one_unnumbered_decision():
    labels = [c.para for c in parsed(UN / "parts.pdf").clauses]
    assert labels[labels.index("15") + 1:labels.index("section B, para. 1")] == [
        "section I, OP", "section II, OP", "section A, PP1", "section A, OP", "section B, PP1"]
    assert clause(parsed(UN / "parts.pdf"), "section A, OP").text.startswith("Approves, with effect from 1 January 2026")


def test_a_sections_one_unnumbered_decision_right_under_its_heading_is_not_glued_to_the_paragraph_before():
    document = parsed(UN / "parts.pdf")
    assert clause(document, "15").text.endswith("to support these efforts;")
    standards = clause(document, "section I, OP")
    assert standards.text.startswith("Approves, with effect from 1 January 2026, the revised standards of conduct")
    assert standards.heading == "I Conditions of service applicable to both categories of staff"
    assert clause(document, "section II, OP").text.startswith("Confirms that teleworking is not a right or an entitlement")
    assert standards.citation == "A/C.5/80/L.17, section I, operative para."


def test_a_convention_s_opening_formula_is_no_preambular_paragraph():
    document = parsed(UN / "treaty-draft.pdf")
    assert clause(document, "annex, PP1").text.startswith("Reaffirming their belief")
    assert not [c for c in document.clauses if c.text == "The States Parties to this Convention,"]


def test_a_numbered_definition_keeps_its_own_lettered_items():
    document = parsed(UN / "treaty-draft.pdf")
    item = clause(document, "annex, art. 2 (7) (b)")
    assert item.text.startswith("For the purposes of this Convention: (7) “Transport document” means a document that: (b)")
    assert clause(document, "annex, art. 2 (8)").text.endswith("performs the transport itself.")


def test_a_sponsor_list_whose_line_ends_on_and_runs_on_to_the_next():
    sponsors = parsed(UN / "sponsors-line-and.pdf").sponsors
    assert len(sponsors) == 39
    assert sponsors[:2] == ("Austria", "Barbados")
    assert sponsors[-2:] == ("Tuvalu", "United Kingdom of Great Britain and Northern Ireland")


@pytest.mark.parametrize("path, heading, last", [
    (UN / "heading-before-operative.pdf", "Role and authority of the General Assembly", "PP6"),
    (UN / "heading-of-two-words.pdf", "Peacebuilding Commission", "PP16"),  # no preambular "-ing" opening
    (UN / "heading-of-nine-words.pdf", "Governance of the United Nations Human Settlements Programme (UN-Habitat)", "PP34"),
])
def test_a_heading_between_preamble_and_operative_paragraphs_heads_the_operative_ones(path, heading, last):
    document = parsed(path)
    first = next(c for c in document.clauses if c.kind != "preambular")
    assert first.para.startswith("1") and first.heading == heading
    assert [c.para for c in document.clauses if c.kind == "preambular"][-1] == last


def test_the_preamble_before_that_heading_keeps_no_heading():
    document = parsed(UN / "heading-before-operative.pdf")
    assert clause(document, "PP6").heading == ""
    assert clause(document, "PP6").text.startswith("Recalling that multilingualism")


def test_an_annex_s_first_section_heading_is_not_part_of_its_title():
    document = parsed(UN / "annex-numbered-sections.pdf")
    title = "Political Declaration adopted at the High-level Political Forum on Sustainable Development"
    first = clause(document, "annex, para. 1")
    assert first.heading.startswith(title) and first.heading.endswith("September 2023 / I. Our shared commitment")
    later = [c.heading for c in document.clauses if c.heading.split(" / ")[-1].startswith("II. ")]
    assert later and all(h.count(" / ") == 1 and h.startswith(title) for h in later)


@pytest.mark.parametrize("path, adopts", [
    (UN / "pact.pdf", "Adopts the following Pact for the Future and its annexes:"),
    (UN / "draft-adopting-outcome.pdf", "Adopts the following outcome document of the high-level meeting"),
])
def test_the_decision_after_the_assembly_named_without_a_comma_is_its_operative_paragraph(path, adopts):
    first = parsed(path).clauses[0]
    assert (first.para, first.kind) == ("OP", "operative") and first.text.startswith(adopts)


def test_a_draft_adopting_an_outcome_document_bears_its_title():
    document = parsed(UN / "draft-adopting-outcome.pdf")
    title = "Outcome document of the high-level meeting of the General Assembly on the overall review"
    assert document.title.startswith(title) and document.title.endswith("World Summit on the Information Society")
    assert clause(document, "preamble").heading == document.title


@pytest.mark.parametrize("path, subject, first", [
    (UN / "draft-adopting-outcome.pdf", "preamble", "Recalling the outcome document of the high-level meeting"),
    (UN / "pact.pdf", "annex II, preamble", "Reaffirming our commitments to the purposes and principles"),
])
def test_a_declarations_subject_opens_its_preamble_and_counts_as_no_preambular_paragraph(path, subject, first):
    document = parsed(path)
    opening = clause(document, subject)
    assert opening.text.startswith("We, the ") and opening.text.endswith(",") and opening.kind == "preambular"
    assert clause(document, subject.replace("preamble", "PP1")).text.startswith(first)
    assert cite(document.symbol, subject) == f"{document.symbol}, {subject}"


def test_the_paragraph_leading_a_declared_text_is_its_own_clause_not_the_last_preambular_paragraph():
    pact = parsed(UN / "pact.pdf")
    last = max((c for c in pact.clauses if c.para.startswith("annex II, PP")), key=lambda c: int(c.para.rsplit("PP", 1)[1]))
    assert last.text.startswith("Further committing to build a stronger") and last.text.endswith(",")
    assert all("Declare the following" not in c.text for c in pact.clauses)
    lead = clause(pact, "annex II, OP")
    assert lead.text.startswith("In order to seize the opportunity") and lead.text.endswith("guiding principles:")
    assert clause(pact, "annex II, para. 1").text.startswith("The maintenance of international peace and security")


def test_footnote_markers_in_a_run_leave_the_text_and_cite_their_footnotes():
    noting = clause(parsed(UN / "markers-in-a-run.pdf"), "PP27")
    assert noting.text.endswith("the highest number of United Nations fatalities ever recorded in a single conflict,")
    assert [f.number for f in noting.footnotes] == [8, 9, 10, 11]
    assert noting.footnotes[2].text == "A/79/149, para. 61."


@pytest.mark.parametrize("path, item", [(UN / "sponsors-uk.pdf", "99 (mm)"), (UN / "sponsors-line-and.pdf", "13 and 75")])
def test_the_agenda_item_keeps_a_double_letter_and_every_item_named(path, item):
    assert parsed(path).agenda_item == item


def test_a_reissued_document_s_note_and_job_number_stay_out_of_its_clauses():
    document = parsed(UN / "reissued.pdf")
    welcoming = clause(document, "PP3")
    assert welcoming.text.startswith("Welcoming ratifications of and accessions to the Agreement")
    assert welcoming.text.endswith("in order to improve their management regimes,")
    assert clause(document, "PP4").text.startswith("Welcoming also the holding of the resumed Review Conference")
    assert [f.text for f in clause(document, "PP2").footnotes] == [
        "United Nations, Treaty Series, vol. 1833, No. 31363.", "Ibid., vol. 2167, No. 37924."]


def test_a_preamble_after_the_title_with_no_organ_line_is_the_preamble_not_the_title():
    document = parsed(UN / "no-organ-line.pdf")
    assert document.title.endswith("2030 Agenda for Sustainable Development")
    assert clause(document, "PP1").text.startswith("Reaffirming its resolution 70/1 of 25 September 2015")
    assert [c.para for c in document.clauses if c.kind == "preambular"][-1] == "PP8"


def test_a_title_printed_without_its_number_is_the_title_not_the_adoption_line():
    assert parsed(UN / "title-unnumbered.pdf").title == "Cooperation between the United Nations and the Organization of Islamic Cooperation"


def test_a_heading_in_the_text_s_own_font_between_numbered_paragraphs_is_a_heading():
    document = parsed(UN / "headings-unmarked.pdf")
    assert clause(document, "annex, para. 16").text.endswith("fibre-optic cables and satellite-based systems.")
    assert clause(document, "annex, para. 17").heading.endswith("/ Partnerships and support mechanisms")
    assert clause(document, "annex, para. 20").heading.endswith("/ Governance, accountability and monitoring")


def test_an_unnumbered_heading_falls_under_the_numbered_section_it_stands_in():
    document = parsed(UN / "headings-nested.pdf")
    assert clause(document, "annex, para. 24").heading.endswith("antimicrobial resistance / I. Governance / Commitments")
    assert clause(document, "annex, para. 34").heading.endswith("antimicrobial resistance / II. Financing / Commitments")


def test_a_bold_heading_opening_a_page_does_not_run_on_from_the_paragraph_before():
    document = parsed(UN / "heading-top-of-page.pdf")
    assert clause(document, "10").text.endswith("paragraph 3 of its resolution 50/221 B;")
    assert clause(document, "11").heading == "Budget performance report for the period from 1 July 2022 to 30 June 2023"


def test_items_lettered_again_under_each_heading_of_a_paragraph_keep_the_heading_s_letter():
    document = parsed(UN / "items-under-headings.pdf")
    first, later = clause(document, "annex, para. 32 A (a) (i)"), clause(document, "annex, para. 32 B (a) (i)")
    assert first.heading.endswith("A. Build economic resilience") and first.chapeau.startswith("Therefore, to realize")
    assert later.heading.split(" / ")[-1].startswith("B. ")
    assert max(len(c.text) for c in document.clauses) < 3000


def test_rules_of_procedure_are_cited_by_rule_under_their_sections():
    document = parsed(UN / "rules-of-procedure.pdf")
    rules = [c.para for c in document.clauses if c.para.startswith("annex III, rule ")]
    assert "annex III, rule 1" in rules and "annex III, rule 14, para. 2" in rules and "annex III, rule 17" in rules
    duties = clause(document, "annex III, rule 14, para. 1")
    assert duties.heading.endswith("/ IV. Secretariat of the Conference / Rule 14 Duties of the Secretary-General of the United Nations")
    assert clause(document, "annex II, para. 2").heading.endswith("/ I. Organization of work / A. Plenary meetings")


def test_a_committee_s_note_by_the_secretariat_is_no_draft_and_its_paragraphs_are_a_report_s():
    document = parsed(UN / "note-by-the-secretariat.pdf")
    assert (document.kind, document.title, document.body) == ("report", "Organization of work", "Sixth Committee")
    assert {c.kind for c in document.clauses} == {"report"}
    assert clause(document, "1").citation == "A/C.6/80/L.1, para. 1"


def test_a_budget_s_sections_stand_under_their_part_and_a_lettered_section_is_a_section():
    document = parsed(UN / "budget-parts.pdf")
    assert clause(document, "47").heading == ("Part I Overall policymaking, direction and coordination / "
                                              "Section 1 Overall policymaking, direction and coordination")
    assert clause(document, "61").heading == "Part II Political affairs / Section 4 Disarmament"
    assert clause(document, "92").heading == "Part VIII Common support services / Section 29D Administration, Nairobi"


def test_a_rule_s_title_ending_on_a_footnote_marker_heads_the_rule_and_a_sub_heading_stays_over_its_rules():
    document = parsed(UN / "rules-of-procedure.pdf")
    associates = clause(document, "annex III, rule 61")
    assert associates.heading.endswith("/ XI. Other participants and observers / Rule 61 Associate members of regional commissions")
    assert associates.text.startswith("Representatives designated by the associate members of regional commissions")
    assert [f.number for f in associates.footnotes] == [17]
    observers = clause(document, "annex III, rule 60")  # a title of 23 words
    assert observers.heading.endswith("/ Rule 60 Intergovernmental organizations and other entities having received a standing "
                                      "invitation to participate as observers in the sessions and work of the General Assembly")
    assert [c.para for c in document.clauses if c.para.startswith("annex III, rule 65")] == [
        "annex III, rule 65, para. 1", "annex III, rule 65, para. 2"]
    assert clause(document, "annex III, rule 65, para. 1").heading.endswith(
        "/ Rule 65 Representatives of non-governmental organizations, major groups and other relevant stakeholders")
    for rule in ("57", "58"):
        assert clause(document, f"annex III, rule {rule}").heading.endswith(
            f"/ X. Public and private meetings / General principles / Rule {rule}")
    assert clause(document, "annex III, rule 56").heading.endswith("/ IX. Languages and records / Rule 56 Sound recordings of meetings")


@pytest.mark.parametrize("path, para, citation", [
    (UN / "parts.pdf", "part B, para. 1", "A/C.5/80/L.17, part B, para. 1"),
    (UN / "parts.pdf", "section A, OP", "A/C.5/80/L.17, section A, operative para."),
    (UN / "sections-preambles.pdf", "section II, para. 1", "A/RES/79/298, section II, para. 1"),
    (UN / "sections-preambles.pdf", "section II, PP2", "A/RES/79/298, section II, preambular para. 2"),
    (UN / "rules-of-procedure.pdf", "annex III, rule 14, para. 2", "A/RES/78/128, annex III, rule 14, para. 2"),
])
def test_a_part_or_section_is_cited_as_its_label_reads(path, para, citation):
    assert clause(parsed(path), para).citation == citation


def test_headings_nest_by_their_numbering_and_a_sibling_takes_its_sibling_s_place():
    headings = {c.para: c.heading.split(" / ", 1)[1] for c in parsed(UN / "items-under-headings.pdf").clauses if " / " in c.heading}
    assert headings["annex, para. 27"] == ("II. What do small island developing States want? / "
                                          "D. Environmental protection and planetary sustainability")
    assert headings["annex, para. 32 C (a) (i)"] == ("III. How do small island developing States get there? / "
                                                     "C. Scale up biodiversity action")  # "C." the letter, not 100
    assert headings["annex, para. 38"] == "V. Monitoring and evaluation"  # "V." after "IV." is the numeral


def test_a_sole_operative_paragraph_ending_on_a_footnote_marker_is_operative():
    document = parsed(UN / "sole-operative-marked.pdf")
    assert [c.para for c in document.clauses] == ["PP1", "OP"]
    assert clause(document, "OP").text == "Approves the report of the Credentials Committee."
    assert [f.text for f in clause(document, "OP").footnotes] == ["A/80/547."]


def test_a_decision_recalling_in_its_opening_line_has_its_lettered_items_cited_one_by_one():
    document = parsed(UN / "decision-recalling-items.pdf")
    assert [c.para for c in document.clauses] == ["OP (a)", "OP (b)", "OP (c)", "OP (d)"]
    item = clause(document, "OP (c)")
    assert item.chapeau == "The General Assembly, recalling its decision 79/521 of 4 December 2024:"
    assert item.text.endswith("(c) Takes note of the position of Spain that the trilateral Forum for Dialogue does not exist any "
                              "longer and should be replaced with a new mechanism for local cooperation in which the people of "
                              "the Campo de Gibraltar and Gibraltar are represented;")
    assert item.citation == "A/C.4/80/L.3, operative para. (c)"


def test_a_preambular_paragraph_closing_on_a_quotation_mark_without_its_comma_ends_there():
    document = parsed(UN / "quotation-without-comma.pdf")
    assert clause(document, "PP3").text.endswith("held on 3 and 4 December 2020”")
    assert clause(document, "PP4").text.startswith("Taking note of resolution 77.17 of 1 June 2024")
    assert [c.para for c in document.clauses if c.kind == "preambular"] == [f"PP{n}" for n in range(1, 10)]


def test_a_sponsor_marked_by_a_footnote_before_and_is_named_without_the_mark():
    assert parsed(UN / "sponsor-marked.pdf").sponsors == ("Maldives", "Nigeria", "Thailand")


@pytest.mark.parametrize("path, para, words", [
    (UN / "marker-before-word.pdf", "PP2", "18/15 of 29 September 2011 and 21/33 of 28 September 2012"),
    (UN / "word-before-number.pdf", "PP1", "39/4 of 27 September 2018, 42/8 of 26 September 2019, 45/4 of 6 October 2020"),
    (UN / "month-into-year.pdf", "PP1", "resolution 1514 (XV) of 14 December 1960,"),  # the glyphs of "December1960" touch
    (UN / "marker-before-word-close.pdf", "PP2", "Universal Declaration of Human Rights, as well as"),  # "Rights,¹as": the marker set close
])
def test_a_word_stays_apart_from_the_number_or_the_footnote_marker_beside_it(path, para, words):
    assert words in clause(parsed(path), para).text


@pytest.mark.parametrize("path, para, words", [
    (UN / "letter-spaced.pdf", "PP1", "the Millennium Development Goals and seeking to address their unfinished business"),
    (UN / "letter-spaced-prefix.pdf", "7", "formulating, implementing, following up and reviewing development strategies"),
    (UN / "letter-apart.pdf", "5", "voluntary resources in order to be able"),  # "o rder": no word of one letter but "a" and "I"
])
def test_a_word_spaced_out_to_justify_its_line_is_one_word_even_where_its_pieces_are_words(path, para, words):
    assert words in clause(parsed(path), para).text


def test_a_sponsor_whose_name_breaks_over_two_lines_keeps_the_whole_list():
    assert parsed(UN / "decision-items.pdf").sponsors == (
        "France", "Guinea", "Indonesia", "Ireland", "Qatar", "Saudi Arabia", "State of Palestine")


def test_an_annex_whose_title_opens_with_a_year_is_the_annex_not_annex_of_that_number():
    document = parsed(UN / "annex-titled-with-year.pdf")
    first = clause(document, "annex, para. 1")
    assert first.text.startswith("We, the States Members of the United Nations, welcome the fifteenth anniversary")
    assert first.heading.startswith("2025 Political Declaration on the Implementation of the United Nations Global Plan")
    assert not [c for c in document.clauses if c.para.startswith("annex 2025")]


@pytest.mark.parametrize("para, before, heading", [
    ("annex I, para. 10", "annex I, para. 9", "Objective 1. Close all digital divides and accelerate progress across the "
                                               "Sustainable Development Goals / Connectivity"),
    ("annex I, para. 33", "annex I, para. 32 (d)", "Objective 3. Foster an inclusive, open, safe and secure digital space "
                                                    "that respects, protects and promotes human rights / Information integrity"),
])
def test_a_sub_heading_in_the_texts_font_after_a_heading_or_an_item_heads_the_paragraphs_after_it(para, before, heading):
    pact = parsed(UN / "pact.pdf")
    assert clause(pact, para).heading == f"Global Digital Compact / {heading}"
    assert clause(pact, before).text.rstrip().endswith((".", ";")) and heading.rsplit(" / ", 1)[1] not in clause(pact, before).text


def test_a_footnote_running_on_with_a_date_is_not_taken_for_the_next_footnote():
    notes = {f.number: f.text for f in clause(parsed(UN / "footnote-running-date.pdf"), "4").footnotes}
    assert notes[16].startswith("Report of the Fifth United Nations Conference on the Least Developed Countries, New York, 17 March 2022")
    assert notes[17] == "Resolution 78/317, annex."


def test_a_footnote_a_heading_cites_goes_with_the_first_clause_under_it_and_its_marker_leaves_the_heading():
    first = clause(parsed(UN / "decision-colon.pdf"), "1")
    assert first.heading == "Draft programme of work"
    assert [f.number for f in first.footnotes] == [1]
    assert first.footnotes[0].text.startswith("The final list of items and sub-items to be considered")


def test_a_declaration_opening_its_numbered_paragraphs_in_its_own_voice_is_its_preamble_not_a_preambular_paragraph():
    document = parsed(UN / "declaration-leads.pdf")
    opening = clause(document, "annex, preamble")
    assert opening.text.startswith("We, Heads of State and Government and representatives of States and Governments")
    assert opening.text.endswith("and in this regard we:")
    assert not [c for c in document.clauses if c.kind == "preambular" and c.para != "annex, preamble" and c.para.startswith("annex")]
    assert clause(document, "annex, para. 1").text.startswith("Strongly reaffirm our commitment")


@pytest.mark.parametrize("path, before, para, lead", [
    (UN / "declaration-leads.pdf", "annex, para. 40", "annex, para. 41", "We therefore commit to urgently:"),
    (UN / "declaration-leads.pdf", "annex, para. 75", "annex, para. 76", "In order to ensure adequate follow-up, we:"),
    (UN / "pact.pdf", "annex II, para. 10", "annex II, para. 11", "Guided by these principles, we hereby pledge to:"),
])
def test_words_leading_a_declarations_next_paragraphs_head_them_and_leave_the_paragraph_before(path, before, para, lead):
    document = parsed(path)
    assert clause(document, para).heading.endswith(f" / {lead}")
    assert lead not in clause(document, before).text and lead not in clause(document, before).heading
    assert clause(document, before).text.rstrip().endswith((".", ";"))


def test_words_leading_a_declarations_paragraphs_stay_over_the_sub_headings_under_them_until_the_next_lead():
    document = parsed(UN / "declaration-leads.pdf")
    lead = "To deliver on our commitment to prevent and control noncommunicable diseases"
    heading = clause(document, "annex, para. 42").heading
    assert lead in heading and heading.endswith(" / Create health-promoting environments through action across government")
    assert lead in clause(document, "annex, para. 64").heading
    assert lead not in clause(document, "annex, para. 76").heading and lead not in clause(document, "annex, para. 41").text


@pytest.mark.parametrize("path, items, words", [
    (CORPUS / "A_RES_79_243.pdf", ["annex, art. 29, para. 1 (a)", "annex, art. 29, para. 1 (b) (i)", "annex, art. 29, para. 1 (b) (ii)"],
     "traffic data, in real time, associated with specified communications in its territory"),
    (CORPUS / "A_RES_79_243.pdf", ["annex, art. 28, para. 1 (a)", "annex, art. 28, para. 1 (b)"], "in the territory of that State Party."),
    (UN / "items-closing-words.pdf", ["4 (a)", "4 (b)", "4 (e)"], "and demands that the perpetrators be held accountable;"),
])
def test_words_closing_a_paragraphs_list_complete_each_of_its_items(path, items, words):
    document = parsed(path)
    for para in items:
        assert clause(document, para).text.rstrip().endswith(words) or words in clause(document, para).text


def test_words_closing_an_items_own_list_complete_its_items_and_not_the_next_item():
    document = parsed(CORPUS / "A_RES_79_243.pdf")
    words = "with the intent that the device, including a program, or the password"
    assert words in clause(document, "annex, art. 11, para. 1 (a) (i)").text
    assert words in clause(document, "annex, art. 11, para. 1 (a) (ii)").text
    assert words not in clause(document, "annex, art. 11, para. 1 (b)").text
    assert clause(document, "annex, art. 11, para. 1 (b)").text.endswith("in accordance with articles 7 to 10 of this Convention.")


def test_items_under_sub_headings_in_a_paragraph_stay_its_items_each_under_its_sub_heading():
    document = parsed(UN / "items-under-sub-headings.pdf")
    root = "Sevilla Commitment / II. Action areas / A. Domestic public resources"
    first, third = clause(document, "annex, para. 27 (a)"), clause(document, "annex, para. 27 (c)")
    assert first.chapeau.startswith("To ensure that countries have the necessary resources")
    assert first.text.endswith("taking a whole-of-government approach;") and "Transparency" not in first.text
    assert first.heading == f"{root} / Transparency and accountability in fiscal systems"
    assert third.heading == f"{root} / Fiscal systems and sustainable development"
    assert clause(document, "annex, para. 27 (p)").heading == f"{root} / Subnational finance"
    # the next paragraph stands under the section's heading again, not under its neighbour's last sub-heading
    assert clause(document, "annex, para. 28 (a)").heading == root


def test_words_leading_paragraphs_under_a_sub_heading_end_at_its_sibling():
    pact = parsed(UN / "pact.pdf")
    actions = clause(pact, "annex II, para. 24").heading
    assert actions.startswith("Declaration on Future Generations / Actions / Acknowledging the primary role and responsibility")
    assert actions.endswith("in national, regional and global policymaking by:") and "Guided by" not in actions
    assert clause(pact, "annex II, para. 23").text.endswith("for present and future generations.")


def test_a_word_broken_after_a_prefix_the_style_hyphenates_keeps_its_hyphen():
    assert "impartiality, objectivity and non-selectivity;" in clause(parsed(UN / "pact.pdf"), "74 (a)").text


def test_a_hyphen_left_hanging_at_a_line_end_for_the_compound_after_stays_apart_from_and():
    assert "utilizing zero- and low-carbon" in clause(parsed(UN / "pact.pdf"), "28 (c)").text
