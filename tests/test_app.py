"""The workbench app, driven through Streamlit's AppTest; and the views' pieces behind it."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indexer import Index, store
from indexer.config import Config
from views import export, safe, search
from payloads import HOSTILE_REPORT

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
RESOLUTION = ROOT / "corpus" / "A_RES_73_266.txt"
QUESTION = "what does the GGE have to study"

PAYLOAD = HOSTILE_REPORT


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory, embedder) -> Config:
    """The resolution (General Assembly, 2018) and a payload report (Working Group, 2021)."""
    folder = tmp_path_factory.mktemp("two")
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(RESOLUTION, corpus / RESOLUTION.name)
    (corpus / "payload.txt").write_text(PAYLOAD, encoding="utf-8")
    config = Config(corpus=corpus, index=folder / "embeddings")
    Index(config.corpus, config.index, model=embedder).build()
    return config


@pytest.fixture
def writable(tmp_path) -> Config:
    """A corpus of the resolution alone with no index yet: the app builds it on first view."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(RESOLUTION, corpus / RESOLUTION.name)
    return Config(corpus=corpus, index=tmp_path / "embeddings")


def start(monkeypatch, config: Config, **params) -> AppTest:
    monkeypatch.setenv("INDEXER_INDEX", str(config.index))
    monkeypatch.setenv("INDEXER_CORPUS", str(config.corpus))
    at = AppTest.from_file(str(APP), default_timeout=180)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def resolution(real_index: Path) -> Config:
    return Config(corpus=real_index.parent / "corpus", index=real_index)


def citations(at) -> list[str]:
    return [c.value for c in at.main.code]


def shown(markdown: str) -> str:
    """What a reader sees of an escaped Markdown string: escapes and emphasis markers removed."""
    text = re.sub(r":orange-background\[\*\*(.*?)\*\*\]", r"\1", markdown)
    return re.sub(r"\\(.)", r"\1", text).replace("**", "").replace(safe.JOINER, "")


def page_text(at) -> str:
    parts = [m.value for m in at.main.markdown] + [c.value for c in at.main.caption]
    return "\n".join(shown(p) for p in parts)


def ok(at) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


# -- searching ------------------------------------------------------------------------------------

def test_first_visit_offers_example_questions_that_run_when_clicked(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index)))
    examples = [b for b in at.main.button if b.key and b.key.startswith("example-")]
    assert [b.label for b in examples] == list(search.EXAMPLE_QUESTIONS)
    assert citations(at) == []
    examples[0].click().run()
    ok(at)
    assert at.text_input(key="q").value == search.EXAMPLE_QUESTIONS[0]
    assert citations(at), "clicking an example question shows results"


def test_query_in_the_url_runs_on_load_with_the_answer_first(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q=QUESTION))
    assert at.text_input(key="q").value == QUESTION
    assert citations(at)[0] == "A/RES/73/266, para. 3"
    assert len(citations(at)) == 10
    assert "to continue to study" in page_text(at)


def test_answer_span_is_emphasised_inside_the_clause(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q=QUESTION))
    marked = [m.value for m in at.main.markdown if ":orange-background[" in m.value]
    assert marked, "the best result marks the phrase that answers the question"
    assert "report" in shown(marked[0]).lower()


def test_typing_a_question_and_pressing_enter_searches(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index)))
    at.text_input(key="q").input("confidence-building measures").run()
    ok(at)
    assert citations(at)
    assert "confidence-building measures" in page_text(at).lower()


def test_sub_paragraph_shows_its_chapeau_apart_from_its_own_words(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q="efforts taken at the national level to strengthen information security"))
    assert citations(at)[0] == "A/RES/73/266, para. 2 (a)"
    captions = [shown(c.value) for c in at.main.caption]
    assert any(c.startswith("Invites all Member States") for c in captions), "chapeau shown dimmed"
    clause = next(shown(m.value) for m in at.main.markdown if "national level" in m.value)
    assert clause.startswith("(a) Efforts taken"), "the clause itself starts after its chapeau"


def test_number_of_results_follows_the_slider(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q=QUESTION))
    at.sidebar.slider(key="k").set_value(3).run()
    assert len(citations(ok(at))) == 3


def test_preambular_filter_returns_only_preambular_clauses(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q=QUESTION))
    at.sidebar.button_group(key="kinds").set_value(["preambular"]).run()
    found = citations(ok(at))
    assert found and all(", preambular para. " in c for c in found)
    assert "filtered" in page_text(at)


def test_filters_in_the_url_apply_on_load(monkeypatch, two_documents):
    at = ok(start(monkeypatch, two_documents, q="critical infrastructure", kinds="Preambular", k="3", docs="A/RES/73/266"))
    found = citations(at)
    assert len(found) == 3 and all(c.startswith("A/RES/73/266, preambular para. ") for c in found)


@pytest.mark.parametrize("control, value, expected", [
    ("docs", ["A/76/999"], "A/76/999"),
    ("bodies", ["General Assembly"], "A/RES/73/266"),
])
def test_document_and_body_filters_limit_results(monkeypatch, two_documents, control, value, expected):
    at = ok(start(monkeypatch, two_documents, q="critical infrastructure"))
    assert {c.split(",")[0] for c in citations(at)} == {"A/RES/73/266", "A/76/999"}
    at.sidebar.multiselect(key=control).set_value(value).run()
    assert {c.split(",")[0] for c in citations(ok(at))} == {expected}


def test_year_range_limits_results(monkeypatch, two_documents):
    at = ok(start(monkeypatch, two_documents, q="critical infrastructure"))
    at.sidebar.slider(key="years").set_value((2020, 2021)).run()
    assert {c.split(",")[0] for c in citations(ok(at))} == {"A/76/999"}


def test_filters_that_exclude_everything_say_what_to_do(monkeypatch, two_documents):
    at = ok(start(monkeypatch, two_documents, q="critical infrastructure"))
    at.sidebar.multiselect(key="docs").set_value(["A/76/999"])
    at.sidebar.button_group(key="kinds").set_value(["preambular"]).run()
    assert citations(ok(at)) == []
    assert "loosen the filters" in at.main.warning[0].value


def test_document_text_reaches_the_page_escaped(monkeypatch, two_documents):
    at = ok(start(monkeypatch, two_documents, q="harmful markup script link image", k=10))
    bodies = [m.value for m in at.main.markdown] + [c.value for c in at.main.caption]
    payloads = [b for b in bodies if "onerror" in b or "script" in b or "javascript" in b]
    assert payloads, "the payload clauses are among the results"
    for body in payloads:
        assert not re.search(r"(?<!\\)[<\[\]>()`*_:$]", body.replace(":orange-background[**", "").replace("**]", "")), body
    assert "<img src=x onerror=\"alert('img')\">" in page_text(at)


# -- documents and similar clauses ----------------------------------------------------------------

def test_open_in_document_shows_every_clause_with_the_chosen_one_marked(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q=QUESTION))
    at.main.button(key=next(b.key for b in at.main.button if b.key and b.key.startswith("open-1-"))).click().run()
    ok(at)
    assert at.query_params["doc"] in ("A/RES/73/266", ["A/RES/73/266"]), "the document view is a shareable link"
    assert shown(at.main.subheader[0].value) == "A/RES/73/266"
    assert "Advancing responsible State behaviour in cyberspace" in page_text(at)
    assert [c.value for c in at.main.code] == ["A/RES/73/266, para. 3"], "only the chosen clause carries its citation box"
    labels = [shown(c.value).split(" · ")[0] for c in at.main.caption]
    assert labels.index("preambular para. 1") < labels.index("para. 1 (a)") < labels.index("para. 3")
    at.main.button(key="back").click().run()
    assert citations(ok(at))[0] == "A/RES/73/266, para. 3", "back to the same results"


def test_document_link_from_the_url(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), doc="A/RES/73/266", para="PP12"))
    assert [c.value for c in at.main.code] == ["A/RES/73/266, preambular para. 12"]
    assert shown(at.main.subheader[0].value) == "A/RES/73/266"


@pytest.mark.parametrize("params, message", [
    ({"doc": "A/RES/99/1"}, "No document A/RES/99/1 in the index"),
    ({"doc": "A/RES/73/266", "para": "99"}, "has no paragraph 99"),
    ({"doc": "[x](javascript:alert(1))<img src=x>"}, "No document [x](javascript:alert(1))<img src=x> in the index"),
])
def test_unknown_document_or_paragraph_is_explained(monkeypatch, real_index, params, message):
    at = ok(start(monkeypatch, resolution(real_index), **params))
    warning = at.main.warning[0].value
    assert message in shown(warning)
    assert "<" not in warning.replace("\\<", ""), "text from the URL is escaped too"


def test_similar_clauses_open_under_a_result(monkeypatch, two_documents):
    at = ok(start(monkeypatch, two_documents, q="protect critical infrastructure"))
    before = citations(at)
    panel = next(e for e in at.main.expander if e.label == "Similar clauses")
    at.session_state[panel.key] = True
    after = citations(ok(at.run()))
    assert len(after) == len(before) + 5, "five similar clauses are listed under the first result"
    first, similar = after[0], after[1:6]
    assert first not in similar
    assert all(not c.startswith(first.split(",")[0] + ",") for c in similar), "clauses of other documents first"


# -- exports --------------------------------------------------------------------------------------

def test_export_buttons_offer_three_formats(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q=QUESTION))
    assert [b.label for b in at.main.download_button] == ["Citations (Markdown)", "CSV", "JSON"]


def test_exports_hold_citations_and_the_contract_fields(searcher):
    hits = searcher.search(QUESTION, k=3)
    markdown = export.markdown(QUESTION, hits)
    assert markdown.splitlines()[2].startswith("1. **A/RES/73/266, para. 3**: \u201cRequests the Secretary-General")
    rows = list(csv.DictReader(io.StringIO(export.as_csv(hits))))
    assert [r["citation"] for r in rows] == [h.clause.citation for h in hits]
    assert list(rows[0]) == ["rank", "score", "doc", "para", "page", "text", "citation"]
    data = json.loads(export.as_json(QUESTION, hits))
    assert data["query"] == QUESTION
    assert [h["citation"] for h in data["hits"]] == [h.clause.citation for h in hits]
    assert {"rank", "score", "doc", "para", "page", "text", "citation"} <= set(data["hits"][0])


def test_csv_export_defuses_spreadsheet_formulas(searcher):
    from dataclasses import replace

    hit = searcher.search(QUESTION, k=1)[0]
    hit = replace(hit, clause=replace(hit.clause, text="=HYPERLINK(\"http://x\")"))
    row = next(csv.DictReader(io.StringIO(export.as_csv([hit]))))
    assert row["text"] == "'=HYPERLINK(\"http://x\")"


# -- uploads, corpus page, rebuilds ---------------------------------------------------------------

def test_missing_index_is_built_on_first_view(monkeypatch, writable):
    at = ok(start(monkeypatch, writable, q=QUESTION))
    assert (writable.index / "CURRENT").is_file()
    assert citations(at)[0] == "A/RES/73/266, para. 3"


def test_upload_makes_a_document_searchable_without_restart(monkeypatch, writable):
    at = ok(start(monkeypatch, writable, view="Corpus"))
    at.main.file_uploader[0].upload("../../hostile markup.txt", PAYLOAD.encode(), "text/plain")
    at.main.form_submit_button[0].click().run()
    ok(at)
    assert (writable.corpus / "hostile_markup.txt").is_file(), "saved inside the corpus under a safe name"
    assert "Added hostile_markup.txt" in shown(at.main.success[0].value)
    at = ok(start(monkeypatch, writable, q="protect critical infrastructure from harmful markup"))
    assert citations(at)[0] == "A/76/999, para. 1"


@pytest.mark.parametrize("suffix", ["pdf", "docx", "html"])
def test_uploaded_pdf_docx_and_html_become_searchable(monkeypatch, writable, tmp_path, suffix):
    import un_layout

    path = tmp_path / f"gge report.{suffix}"
    getattr(un_layout, f"write_{suffix}")(un_layout.report(), path)
    at = ok(start(monkeypatch, writable, view="Corpus"))
    at.main.file_uploader[0].upload(path.name, path.read_bytes())
    at.main.form_submit_button[0].click().run()
    assert f"Added gge_report.{suffix}" in shown(ok(at).main.success[0].value)
    at = ok(start(monkeypatch, writable, q="misuse of ICTs by States and non-State actors for military purposes"))
    assert citations(at)[0] == "A/70/174, para. 4"


def test_unreadable_upload_is_reported_in_one_line_and_the_rest_indexed(monkeypatch, writable):
    at = ok(start(monkeypatch, writable, view="Corpus"))
    at.main.file_uploader[0].upload("broken.pdf", b"%PDF-1.4 this is not really a PDF", "application/pdf")
    at.main.file_uploader[0].upload("hostile.txt", PAYLOAD.encode(), "text/plain")
    at.main.form_submit_button[0].click().run()
    errors = [shown(e.value) for e in ok(at).main.error]
    assert len(errors) == 1 and errors[0].startswith(str(writable.corpus / "broken.pdf") + ": ")
    assert "\n" not in errors[0]
    assert "Added hostile.txt" in shown(at.main.success[0].value)


def test_upload_of_an_empty_file_is_refused_in_one_line(monkeypatch, writable):
    at = ok(start(monkeypatch, writable, view="Corpus"))
    at.main.file_uploader[0].upload("empty.txt", b"", "text/plain")
    at.main.form_submit_button[0].click().run()
    errors = [shown(e.value) for e in ok(at).main.error]
    assert errors == ["empty.txt: the file is empty"]
    assert sorted(p.name for p in writable.corpus.iterdir()) == [RESOLUTION.name]


def test_corpus_page_lists_documents_and_tracks_staleness(monkeypatch, writable):
    at = ok(start(monkeypatch, writable, view="Corpus"))
    metrics = {m.label: m.value for m in at.main.metric}
    assert metrics["Documents"] == "1" and metrics["Index"] == "current"
    assert int(metrics["Clauses"]) > 20
    assert list(at.main.dataframe[0].value["symbol"]) == ["A/RES/73/266"]
    (writable.corpus / "payload.txt").write_text(PAYLOAD, encoding="utf-8")
    at.run()
    assert {m.label: m.value for m in ok(at).main.metric}["Index"] == "stale"
    assert "changed since the index was built (payload.txt)" in shown(at.main.info[0].value)
    at.main.button(key="rebuild").click().run()
    metrics = {m.label: m.value for m in ok(at).main.metric}
    assert metrics["Index"] == "current" and metrics["Documents"] == "2"
    assert sorted(at.main.dataframe[0].value["symbol"]) == ["A/76/999", "A/RES/73/266"]


def test_empty_corpus_says_what_to_do(monkeypatch, tmp_path):
    (tmp_path / "corpus").mkdir()
    at = ok(start(monkeypatch, Config(corpus=tmp_path / "corpus", index=tmp_path / "embeddings")))
    assert "nothing could be indexed" in shown(at.main.error[0].value)
    at.main.file_uploader[0].upload("first.txt", PAYLOAD.encode(), "text/plain")
    at.main.form_submit_button[0].click().run()
    assert not ok(at).main.error, "the first upload opens the workbench"
    assert at.main.title[0].value == "UN cyber-norms clause search"


def test_unavailable_model_is_a_message_not_a_traceback(monkeypatch, writable, tmp_path):
    monkeypatch.setenv("INDEXER_MODEL", str(tmp_path / "no-such-model"))
    at = ok(start(monkeypatch, writable, q=QUESTION))
    assert len(at.main.error) == 1
    assert f"model folder {tmp_path / 'no-such-model'} does not exist" in shown(at.main.error[0].value)
    assert citations(at) == []


def test_damaged_index_is_a_message_not_a_traceback(monkeypatch, tmp_path, real_index):
    index = tmp_path / "embeddings"
    shutil.copytree(real_index, index)
    generation = store.current(index)
    (generation / "clauses.jsonl").write_text("{}\n")
    at = ok(start(monkeypatch, Config(corpus=real_index.parent / "corpus", index=index), q=QUESTION))
    assert "damaged or altered" in shown(at.main.error[0].value)
    assert citations(at) == []


def test_view_switch_between_search_and_corpus(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q=QUESTION))
    at.sidebar.button_group(key="view").set_value("Corpus").run()
    assert [h.value for h in ok(at).main.header] == ["Corpus"]
    assert citations(at) == []
    at.sidebar.button_group(key="view").set_value("Search").run()
    assert citations(ok(at))[0] == "A/RES/73/266, para. 3", "the question is still there"


def test_very_long_question_is_cut_to_the_box_limit(monkeypatch, real_index):
    at = ok(start(monkeypatch, resolution(real_index), q="norms " * 200))
    assert len(at.text_input(key="q").value) == 500
    assert citations(at)


def test_index_flag_serves_that_index_with_the_corpus_it_was_built_from(monkeypatch, real_index):
    monkeypatch.delenv("INDEXER_INDEX", raising=False)
    monkeypatch.delenv("INDEXER_CORPUS", raising=False)
    monkeypatch.setattr("sys.argv", ["app.py", "--index", str(real_index)])
    generation = store.current(real_index)
    at = ok(AppTest.from_file(str(APP), default_timeout=180))
    at.query_params["q"] = QUESTION
    at.run()
    assert citations(ok(at))[0] == "A/RES/73/266, para. 3"
    assert store.current(real_index) == generation, "a current index is served as it is, not rebuilt"
