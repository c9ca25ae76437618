"""Page furniture of UN documents: page marks, job numbers, barcodes, recycling notes."""
from __future__ import annotations

import re

# the job number, with the language letter it may carry: "18-22650 (E)", "GE.15-12345"; a reissue marks it "23-24915* (E)"
_JOB = r"(?:GE\.)?\d{2}-\d{5}\*?\s*(?:\([A-Z]\))?"
# "2/3", "18-22650 3/3", "3/3 18-22650", "GE.15-12345 2/5"
PAGE_MARK = re.compile(rf"^(?:{_JOB}\s+)?(\d{{1,4}})\s*/\s*(\d{{1,4}})(?:\s+{_JOB})?$")
# the closing lines of a resolution: "55th (resumed) plenary meeting" above the date
CLOSING = re.compile(r"^\d+\w{0,2}(?: \((?:resumed|continued)\))? plenary meeting\b", re.I)
_FURNITURE = [
    # the job number with the issue dates and the barcode it may carry: "18-22650 (E) 040119", "23-24915* (E) 160124"
    re.compile(rf"^{_JOB}(?:\s+\d{{6}})*(?:\s+\*\d{{6,}}\*)?$"),
    re.compile(r"^\*?\d{7,}\*?$"),  # barcode
    re.compile(r"^\d{6}$"),  # the issue date stamped beside the job number: "040119"
    re.compile(r"^Please recycle\W*$", re.I),
    re.compile(r"^\d{1,4}$"),  # a bare page number
]


def page_mark(line: str) -> int | None:
    """The page number a page mark such as "2/3" closes, or None when the line is not one."""
    m = PAGE_MARK.match(line.strip())
    if not m:
        return None
    page, pages = int(m.group(1)), int(m.group(2))
    return page if 0 < page <= pages else None


def is_furniture(line: str) -> bool:
    line = line.strip()
    return bool(line) and (page_mark(line) is not None or any(p.match(line) for p in _FURNITURE))
