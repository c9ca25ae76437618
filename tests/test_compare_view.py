"""The redline and the shared-wording view are built from escaped runs: only their own markup is live."""
from __future__ import annotations

import re

from indexer.compare import word_diff
from views import safe
from views.compare import runs_markdown
from views.trace import shared_markdown

OLD = "States should protect <img src=x onerror=alert(1)> infrastructure [a](javascript:x)."
NEW = "States should protect **bold** <script>alert(2)</script> infrastructure [a](javascript:y)."


def test_redline_runs_are_escaped_and_marked():
    markdown = runs_markdown(word_diff(OLD, NEW))
    assert markdown.startswith(safe.escape("States should protect") + " :red-background[~~")
    assert ":green-background[**" + safe.escape("**bold**") in markdown
    own = re.sub(r":red-background\[~~|~~\]|:green-background\[\*\*|\*\*\]", "", markdown)
    assert not re.search(r"(?<!\\)[<>\[\]()*~`!]", own), "every mark of the documents' text is escaped"


def test_shared_runs_are_escaped_and_marked():
    text = "Recalls <b>its</b> resolution [x](y) on the matter"
    markdown = shared_markdown(text, [(0, 18)])
    assert markdown == f":blue-background[{safe.escape('Recalls <b>its</b>')}] {safe.escape(' resolution [x](y) on the matter')}"
