"""A comparison written out: a redline for the terminal, Markdown to paste into notes, CSV."""
from __future__ import annotations

import csv
import io
import re

from .compare import CHANGED, DELETE, DROPPED, EQUAL, INSERT, NEW, SAME, Comparison, Pair, spaced
from .documents import cite
from .trace import Trace

CSV_FIELDS = ("status", "section", "old", "new", "old_citation", "new_citation", "similarity",
              "moved", "reuses", "reused_in", "deleted", "inserted", "old_text", "new_text")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>|~!&#$])")
_RED, _GREEN, _DIM, _RESET = "\033[31;9m", "\033[32;4m", "\033[2m", "\033[0m"


def summary(comparison: Comparison) -> str:
    counts = comparison.counts()
    return f"{comparison.old} → {comparison.new}: " + ", ".join(f"{n} {status}" for status, n in counts.items())


def label(pair: Pair) -> str:
    """"para. 5 → para. 4", "preambular para. 1 (new)": the pair named in the documents' own terms."""
    def name(clause):
        return clause.citation.removeprefix(f"{clause.doc}, ") if clause else "—"

    text = f"{name(pair.old)} → {name(pair.new)}" if pair.old and pair.new else name(pair.old or pair.new)
    notes = [pair.status]
    if pair.moved:
        notes.append("moved")
    if pair.reuses:
        notes.append(f"wording {'from' if pair.status == NEW else 'reused in'} {_para_name(pair.reuses)}")
    return f"{text} ({', '.join(notes)})"


def _para_name(para: str) -> str:
    return cite("", para).removeprefix(", ") or para


def terminal(comparison: Comparison, color: bool = False) -> str:
    """The redline: [-deleted-] and {+inserted+} (coloured on a terminal); same clauses in one line.
    The comparison's note (how the old document was chosen) is the caller's to show."""
    lines = [summary(comparison)]
    for pair in comparison.pairs:
        lines.append("")
        if pair.status == SAME:
            lines.append(f"= {label(pair)}")
            continue
        mark = {CHANGED: "~", NEW: "+", DROPPED: "-"}[pair.status]
        similarity = f", similarity {pair.similarity:.2f}" if pair.similarity is not None else ""
        lines.append(f"{mark} {label(pair)}{similarity}")
        lines.append("    " + "".join(_terminal_run(op, text, color) for op, text in spaced(pair.diff)))
    return "\n".join(lines)


def _terminal_run(op: str, text: str, color: bool) -> str:
    lead, core, tail = (" " if text[:1].isspace() else ""), " ".join(text.split()), (" " if text[-1:].isspace() else "")
    if op == EQUAL or not core:
        return lead + core + tail
    if color:
        return f"{lead}{_RED if op == DELETE else _GREEN}{core}{_RESET}{tail}"
    return lead + (f"[-{core}-]" if op == DELETE else f"{{+{core}+}}") + tail


def markdown(comparison: Comparison) -> str:
    """Deleted words struck through, inserted words in bold; document text escaped, inert."""
    counts = comparison.counts()
    lines = [f"# {_inert(comparison.old)} → {_inert(comparison.new)}", ""]
    if comparison.note:
        lines += [_inert(comparison.note), ""]
    lines += ["| same | changed | new | dropped |", "| --- | --- | --- | --- |",
              "| " + " | ".join(str(counts[s]) for s in (SAME, CHANGED, NEW, DROPPED)) + " |", ""]
    for pair in comparison.pairs:
        lines.append(f"**{_inert(label(pair))}**")
        lines.append("")
        lines.append("".join(_markdown_run(op, text) for op, text in spaced(pair.diff)).strip())
        lines.append("")
    return "\n".join(lines)


def _markdown_run(op: str, text: str) -> str:
    core = _inert(text)
    lead, tail = (" " if text[:1].isspace() else ""), (" " if text[-1:].isspace() else "")
    if op == EQUAL or not core:
        return lead + core + tail
    return lead + (f"~~{core}~~" if op == DELETE else f"**{core}**") + tail


def to_csv(comparison: Comparison) -> str:
    """One row per pair; cells a spreadsheet would run as formulas are quoted with '."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for pair in comparison.pairs:
        row = pair.to_dict()
        row.update(
            deleted=" … ".join(" ".join(t.split()) for op, t in pair.diff if op == DELETE) if pair.status == CHANGED else "",
            inserted=" … ".join(" ".join(t.split()) for op, t in pair.diff if op == INSERT) if pair.status == CHANGED else "",
            old_text=pair.old.text if pair.old else "", new_text=pair.new.text if pair.new else "",
        )
        writer.writerow({f: _cell(row.get(f)) for f in CSV_FIELDS})
    return out.getvalue()


def trace_lines(trace: Trace) -> str:
    """Sources earliest first, each with its citation, date, kind and the shared words."""
    head = trace.clause.citation if trace.clause else "the text given"
    if not trace.sources:
        return f"{head}: no earlier document shares a run of its words"
    lines = [f"{head}: {len(trace.sources)} earlier source{'s' if len(trace.sources) != 1 else ''}, earliest first"]
    for source in trace.sources:
        kind = f"{source.kind}, " if source.kind else ""
        lines.append(f"  {source.date or 'undated':10}  {source.clause.citation}  ({kind}"
                     f"{source.shared_words} words shared, {source.share:.0%} of the clause)")
        for start, end in source.spans[:3]:
            words = trace.text[start:end].split()
            run = " ".join(words) if len(words) <= 24 else " ".join(words[:14]) + " […] " + " ".join(words[-6:])
            lines.append(f"      “{run}”")
    return "\n".join(lines)


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _inert(text: str) -> str:
    """Document text as Markdown that shows these characters: one line, markup characters escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", " ".join(str(text).split()))
