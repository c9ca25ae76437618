"""What a reader needs to trust an ingestion: per document, its symbol and where it was read,
its kind, clause counts, numbering gaps or repeats, furniture left in clause text, empty pages."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from .documents import Clause, Document

# what a page's margins carry and a clause must not: job numbers, barcodes, rules, closing lines
FURNITURE = re.compile(
    r"\*\d{7}\*|\b\d{2}-\d{5}\*?\s*\([A-Z]\)|_{8,}$|^_{8,}|\b\d+(?:st|nd|rd|th)(?: \(resumed\))? plenary meeting \d{1,2} \w+ \d{4}$|Distr\.:|Please recycle|"
    r"\bOriginal: [A-Z][a-z]+\b|^\d+/\d+\b|\b\d{2}-\d{5} \d+/\d+\b"
)


@dataclass(frozen=True)
class Audit:
    path: str
    symbol: str
    symbol_from: str
    kind: str
    title: str
    clauses: dict[str, int]
    gaps: list[str] = field(default_factory=list)  # "para. 4 missing", "para. 2 repeated"
    furniture: list[str] = field(default_factory=list)  # labels of clauses with furniture left
    empty_pages: list[int] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.gaps or self.furniture or self.empty_pages)

    def to_dict(self) -> dict:
        return asdict(self) | {"clean": self.clean}


def audit(document: Document, empty_pages: list[int] | tuple[int, ...] = ()) -> Audit:
    """The audit of one parsed document."""
    return Audit(
        path=document.path,
        symbol=document.symbol,
        symbol_from=document.symbol_from,
        kind=document.kind,
        title=document.title,
        clauses=dict(Counter(c.kind for c in document.clauses)),
        gaps=numbering_faults(document.clauses),
        furniture=[c.para for c in document.clauses if FURNITURE.search(c.text)],
        empty_pages=list(empty_pages),
    )


def numbering_faults(clauses: tuple[Clause, ...] | list[Clause]) -> list[str]:
    """Repeated labels, and numbered paragraphs that do not run 1..n, within each part of the document."""
    faults = [f"{label} repeated" for label, n in Counter(c.para for c in clauses).items() if n > 1]
    numbers: dict[str, list[int]] = {}
    for clause in clauses:
        part, number = _part_and_number(clause.para)
        if number is not None:
            seen = numbers.setdefault(part, [])
            if not seen or seen[-1] != number:  # a paragraph's sub-paragraphs share its number
                seen.append(number)
    for part, seen in numbers.items():
        if seen != list(range(1, len(seen) + 1)):
            where = f"{part}: " if part else ""
            faults.append(f"{where}numbers run {_runs(seen)}, not 1..{len(seen)}")
    return faults


def _part_and_number(label: str) -> tuple[str, int | None]:
    """The part a numbered label belongs to ("", "annex", "annex, art. 5") and its number."""
    if label.startswith("PP") or label == "decision":
        return "", None
    part, _, own = label.rpartition("para. ") if "para. " in label else label.rpartition(", ")
    m = re.match(r"(\d+)(?: (?:[A-Z] )?\(|$)", own)  # "32", "32 (a)", "32 A (a)"
    return part.rstrip(", "), int(m.group(1)) if m else None


def _runs(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:12]))
    return shown + (", ..." if len(numbers) > 12 else "")


def audit_file(path) -> Audit:
    """Parse one file and audit it; an unreadable file raises UnreadableDocument."""
    from .readers import read_blocks
    from .segment import segment

    blocks, _ = read_blocks(path)
    document = segment(blocks, fallback_symbol=path.stem, path=str(path))
    pages = [b.page for b in blocks if b.page]
    empty = sorted(set(range(1, max(pages) + 1)) - set(pages)) if pages else []
    return audit(document, empty)


def summary(audits: list[Audit]) -> dict:
    """Counts over a corpus: documents, clauses by kind, and how many documents show each fault."""
    kinds: Counter = Counter()
    for a in audits:
        kinds.update(a.clauses)
    return {
        "documents": len(audits),
        "clauses": dict(kinds),
        "symbol_from": dict(Counter(a.symbol_from for a in audits)),
        "kinds": dict(Counter(a.kind for a in audits)),
        "with_numbering_faults": sum(bool(a.gaps) for a in audits),
        "with_furniture": sum(bool(a.furniture) for a in audits),
        "with_empty_pages": sum(bool(a.empty_pages) for a in audits),
    }
