"""The catalogue of the framework's documents: complete, sourced, checked on load, saved atomically."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from indexer import catalogue as cat
from indexer.documents import Document

RESOLUTION = Path(__file__).resolve().parent.parent / "corpus" / "A_RES_73_266.txt"


BUNDLED = cat.load()
REQUIRED = ("symbol", "title", "date", "body", "kind", "url", "verified_by")


@pytest.mark.parametrize("entry", BUNDLED.entries, ids=[e.symbol for e in BUNDLED.entries])
def test_every_bundled_entry_is_complete_and_says_where_it_was_checked(entry):
    record = entry.to_dict()
    assert all(isinstance(record[name], str) and record[name].strip() for name in REQUIRED)
    assert re.search(r"https?://|corpus/", entry.verified_by)
    assert entry.url == f"https://documents.un.org/api/symbol/access?s={entry.symbol}&l=en&t=pdf"
    assert entry.body in cat.BODIES and entry.kind in cat.KINDS
    assert (entry.kind == "resolution") == ("/RES/" in entry.symbol) == (entry.body == "General Assembly")
    parts = [int(p) for p in entry.date.split("-")]
    date(*parts, *[1] * (3 - len(parts)))  # a real calendar date, to the precision given
    assert entry.sha256 is None or re.fullmatch(r"[0-9a-f]{64}", entry.sha256)


def test_reports_name_the_resolution_that_set_up_their_group():
    for entry in BUNDLED.entries:
        if entry.kind != "resolution":
            assert entry.established_by and entry.established_by.startswith("A/RES/")


def test_the_bundled_catalogue_covers_the_framework():
    symbols = {e.symbol for e in BUNDLED.entries}
    assert {"A/RES/53/70", "A/RES/70/237", "A/RES/73/27", "A/RES/73/266", "A/65/201", "A/68/98",
            "A/70/174", "A/76/135", "A/75/816"} <= symbols


def test_the_bundled_resolution_is_the_catalogue_entry_of_the_same_symbol():
    from indexer.parse import parse_file

    document, _ = parse_file(RESOLUTION)
    entry = cat.lookup(document.symbol)

    assert entry is not None and entry.stem == RESOLUTION.stem
    assert (entry.title, entry.date) == (document.title, document.date)


@pytest.mark.parametrize("symbol, stem", [
    ("A/RES/73/266", "A_RES_73_266"),
    ("a/res/73/266", "A_RES_73_266"),
    ("A/70/174", "A_70_174"),
    (" A/RES/77/37 ", "A_RES_77_37"),
    ("A/AC.290/2021/CRP.2", "A_AC.290_2021_CRP.2"),
])
def test_file_names_are_made_safe_from_the_symbol(symbol, stem):
    assert cat.file_stem(symbol) == stem


@pytest.mark.parametrize("asked", ["A/RES/73/266", "a/res/73/266", "A_RES_73_266", " A/RES/73/266"])
def test_lookup_accepts_the_ways_people_write_a_symbol(asked):
    assert cat.lookup(asked).symbol == "A/RES/73/266"


def test_lookup_of_an_unknown_symbol_is_none():
    assert cat.lookup("A/RES/99/1") is None
    assert cat.lookup("A/RES/73/266", Path("/nonexistent/catalogue.json")) is None


def test_enrich_gives_a_recognised_document_the_catalogue_metadata():
    parsed = Document(symbol="A/70/174", title="", date="2015-07-22", body="General Assembly", kind="report")

    enriched = cat.enrich(parsed)

    entry = cat.lookup("A/70/174")
    assert (enriched.title, enriched.date, enriched.body, enriched.kind) == (entry.title, entry.date, entry.body, entry.kind)
    assert cat.enrich(Document(symbol="notes")) == Document(symbol="notes")


def test_enrich_keeps_the_documents_own_date_when_the_catalogue_knows_only_the_month():
    entry = next(e for e in BUNDLED.entries if len(e.date) == len("2021-03"))

    dated = cat.enrich(Document(symbol=entry.symbol, date=f"{entry.date}-05"))
    contradicting = cat.enrich(Document(symbol=entry.symbol, date="1999-01-01"))

    assert dated.date == f"{entry.date}-05"
    assert contradicting.date == entry.date


def _entry(**changes) -> dict:
    record = BUNDLED.lookup("A/70/174").to_dict()
    record.update(changes)
    return {k: v for k, v in record.items() if v is not ...}


@pytest.mark.parametrize("documents, message", [
    ([_entry(verified_by="")], "entry 1 (A/70/174) lacks verified_by"),
    ([_entry(verified_by=...)], "entry 1 (A/70/174) lacks verified_by"),
    ([_entry(title=..., date=...)], "entry 1 (A/70/174) lacks title, date"),
    ([_entry(date="22 July 2015")], "A/70/174: date '22 July 2015' is not ISO"),
    ([_entry(date="2015-7-22")], "A/70/174: date '2015-7-22' is not ISO"),
    ([_entry(body="Security Council")], "A/70/174: body 'Security Council' is not one of"),
    ([_entry(kind="report")], "A/70/174: kind 'report' is not one of"),
    ([_entry(url="https://undocs.org/A/70/174")], "A/70/174: url should be the documents service address"),
    ([_entry(sha256="abc")], "A/70/174: sha256 must be 64 lowercase hex digits or null"),
    ([_entry(symbol="S/RES/2341")], "S/RES/2341: not a General Assembly symbol"),
    ([_entry(established_by="resolution 68/243")], "established_by 'resolution 68/243' is neither a symbol"),
    ([_entry(pages=17)], "entry 1 has unknown fields pages"),
    ([_entry(), _entry()], "A/70/174 is listed twice"),
    (["A/70/174"], "entry 1 is not an object"),
])
def test_a_bad_entry_is_refused_with_the_entry_and_the_fix(tmp_path, documents, message):
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps({"documents": documents}), encoding="utf-8")

    with pytest.raises(cat.CatalogueError) as error:
        cat.load(path)

    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


@pytest.mark.parametrize("text, message", [
    ("{not json", "cannot read the catalogue (JSONDecodeError); fix the JSON or restore it from git"),
    ('{"entries": []}', 'the catalogue needs a "documents" list'),
])
def test_an_unreadable_catalogue_is_one_line_saying_what_to_do(tmp_path, text, message):
    path = tmp_path / "catalogue.json"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(cat.CatalogueError, match=re.escape(f"{path}: {message}")):
        cat.load(path)


def test_a_missing_catalogue_says_where_it_was_looked_for(tmp_path):
    with pytest.raises(cat.CatalogueError, match=re.escape(f"{tmp_path / 'catalogue.json'}: no catalogue there")):
        cat.load(tmp_path / "catalogue.json")


def test_a_checksum_is_saved_atomically_and_read_back(tmp_path):
    path = tmp_path / "catalogue.json"
    BUNDLED.save(path)
    digest = "ab" * 32

    cat.load(path).with_checksum("A/70/174", digest).save()

    reloaded = cat.load(path)
    assert reloaded.lookup("A/70/174").sha256 == digest
    assert [e.symbol for e in reloaded.entries] == [e.symbol for e in BUNDLED.entries]
    assert [p.name for p in tmp_path.iterdir()] == ["catalogue.json"]


def test_the_corpus_folder_catalogue_wins_over_the_bundled_one(tmp_path):
    assert cat.default_path(tmp_path) == cat.BUNDLED
    BUNDLED.save(tmp_path / "catalogue.json")
    assert cat.default_path(tmp_path) == tmp_path / "catalogue.json"
