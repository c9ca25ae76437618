"""The README's Python example, run as written, prints what the README shows."""
from __future__ import annotations

import re
import shutil
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def blocks_after(heading: str) -> tuple[str, str]:
    """The first Python block under the heading and the output block that follows it."""
    section = README.read_text(encoding="utf-8").split(f"\n{heading}\n", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shown = re.search(r"```python\n.*?```\s*```\n(.*?)```", section, re.S).group(1)
    return code, shown


def test_the_python_example_runs_as_written(tmp_path, monkeypatch, resolution):
    code, shown = blocks_after("## Python")
    assert len(code.strip().splitlines()) <= 10
    (tmp_path / "corpus").mkdir()
    shutil.copy(resolution, tmp_path / "corpus" / resolution.name)
    monkeypatch.chdir(tmp_path)
    out = StringIO()
    with redirect_stdout(out):
        exec(compile(code, str(README), "exec"), {})
    printed, expected = out.getvalue().splitlines(), shown.splitlines()
    assert printed[0].startswith("indexed 1 files") and printed[1:] == expected[1:]


def test_hits_and_documents_are_typed(real_index, embedder):
    from indexer import Document, Hit, Index

    index = Index(index=real_index, model=embedder)
    hit = index.search("what does the GGE have to study", k=1)[0]
    assert isinstance(hit, Hit) and (hit.citation, hit.doc, hit.para) == ("A/RES/73/266, para. 3", "A/RES/73/266", "3")
    assert isinstance(hit.score, float) and hit.text.startswith("Requests") and hit.highlight[0] < hit.highlight[1]
    [document] = index.documents()
    assert isinstance(document, Document)
    assert (document.symbol, document.year, document.kind, len(document.clauses)) == ("A/RES/73/266", 2018, "resolution", 23)
