"""Test fixtures in the layout of United Nations documents: PDF (reportlab), HTML and DOCX.

Two documents: the bundled resolution A/RES/73/266 (its text read from corpus/) and a
report in the style of a Group of Governmental Experts report, written for these tests.
The PDF layout follows the official one: a masthead on page 1, running headers (the
symbol on even pages, the title on odd ones), a footer with the job number and a page
mark, a barcode and a recycling note on page 1, footnotes in a smaller font at the foot
of the page, superscript markers in the body, justified lines with words hyphenated at
line ends. The layout records where each paragraph starts so tests can check pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)
_TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
RESOLUTION_TXT = Path(__file__).resolve().parent.parent / "corpus" / "A_RES_73_266.txt"


@dataclass
class Item:
    """One paragraph of a document: its kind says how each format renders it."""

    kind: str  # "masthead", "title", "organ", "heading", "chapter", "para", "closing"
    text: str  # footnote markers as superscript digits
    label: str = ""  # "1." or "(a)" for numbered paragraphs
    italic: int = 0  # how many opening words are set in italics, as resolutions set their verbs


@dataclass
class Content:
    symbol: str
    title: str  # the running title of odd pages
    job: str  # the job number of the footer, e.g. "18-22650"
    items: list[Item]
    footnotes: dict[int, str]


@dataclass
class Placed:
    """Where a paragraph landed in the PDF."""

    text: str  # without label and markers
    label: str
    page: int
    last_page: int

    @property
    def straddles(self) -> bool:
        return self.last_page > self.page


@dataclass
class Layout:
    pages: int = 0
    placed: list[Placed] = field(default_factory=list)
    # words broken at a line end: (as broken, as written), e.g. ("infor-mation", "information")
    hyphenated: list[tuple[str, str]] = field(default_factory=list)

    @property
    def straddling(self) -> list[Placed]:
        return [p for p in self.placed if p.straddles]


def plain(text: str) -> str:
    """The text without footnote markers."""
    return re.sub(f"[{SUPERSCRIPTS}]", "", text)


# --- content --------------------------------------------------------------------------

def resolution() -> Content:
    """A/RES/73/266 as the bundled text gives it."""
    lines = RESOLUTION_TXT.read_text(encoding="utf-8").splitlines()
    paragraphs, footnotes = [], {}
    for raw in lines:
        line = re.sub(r"\*+([^*]+)\*+", r"\1", raw.strip().removeprefix("- ")).strip()
        if not line or re.fullmatch(r"(\d{2}-\d{5}\s*)?\d/\d(\s*\d{2}-\d{5})?", line):
            continue
        note = re.match(f"^([{SUPERSCRIPTS}]+)\\s+(.*)$", line)
        if note:
            footnotes[int(note.group(1).translate(_TO_DIGITS))] = note.group(2)
            continue
        paragraphs.append(line)
    items: list[Item] = []
    organ = paragraphs.index("The General Assembly,")
    for line in paragraphs[:organ]:
        if line.startswith("United Nations"):
            continue
        kind = "title" if re.match(r"^\d+/\d+\.", line) else "masthead"
        items.append(Item(kind, line))
    items.append(Item("organ", "The General Assembly,"))
    for line in paragraphs[organ + 1:]:
        if re.match(r"^\d+\w* plenary meeting", line):
            meeting, day = re.match(r"^(.*meeting)\s+(.*)$", line).groups()
            items += [Item("closing", meeting), Item("closing", day)]
            continue
        # the text edition lost a superscript between "2010," and "2013": restore it
        line = re.sub(r"(?<=,)\s(\d)(?=\s\d{4})", lambda m: m.group(1).translate(_TO_SUPERSCRIPT), line)
        label = re.match(r"^(\d+\.|\([a-z]+\))\s+", line)
        if label:
            items.append(Item("para", line[label.end():], label.group(1), italic=int(label.group(1)[0].isdigit())))
        else:
            items.append(Item("para", line, italic=1))
    title = next(i.text for i in items if i.kind == "title").split(". ", 1)[1]
    return Content("A/RES/73/266", title, "18-22650", items, footnotes)


_NORMS = [
    "States should cooperate to increase stability and security in the use of information and communications technologies and to prevent practices that are harmful or that may threaten international peace and security;",
    "When an incident occurs, States should consider all relevant information, including its wider context and the difficulty of attribution in the information and communications technology environment;",
    "States should not knowingly allow their territory to be used for internationally wrongful acts using information and communications technologies;",
    "States should consider how best to cooperate in exchanging information, assisting each other and prosecuting the criminal and terrorist use of information and communications technologies;",
    "States should respect human rights in their use of information and communications technologies, including the right to privacy in the digital age and the freedom of expression;",
    "A State should not conduct or knowingly support activity that intentionally damages critical infrastructure or otherwise impairs its use and operation to provide services to the public;",
    "States should take appropriate measures to protect their critical infrastructure from threats arising from information and communications technologies;",
    "States should respond to appropriate requests for assistance by another State whose critical infrastructure is subject to malicious acts;",
    "States should take reasonable steps to ensure the integrity of the supply chain, so that end users can have confidence in the security of products;",
    "States should encourage responsible reporting of vulnerabilities and share associated information on available remedies to such vulnerabilities;",
    "States should not conduct or knowingly support activity to harm the information systems of the authorized emergency response teams of another State.",
]


def report() -> Content:
    """A report in the layout of a Group of Governmental Experts report, in words of its own."""
    M, H, C, P = "masthead", "heading", "chapter", "para"
    items = [
        Item(M, "Distr.: General 22 July 2015"),
        Item(M, "Original: English"),
        Item(M, "Seventieth session"),
        Item(M, "Item 93 of the provisional agenda¹"),
        Item(M, "Developments in the field of information and telecommunications in the context of international security"),
        Item(M, "Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security"),
        Item(C, "I. Introduction"),
        Item(P, "The General Assembly, in its resolution 68/243, requested that a group of governmental experts continue to study existing and potential threats in the sphere of information security and possible cooperative measures to address them.²", "1."),
        Item(P, "The Group met four times, in New York and in Geneva, and drew on the work of the groups that reported in 2010 and 2013,³ whose conclusions it took as its starting point.", "2."),
        Item(P, "The present report sets out the conclusions and recommendations on which the experts agreed by consensus.", "3."),
        Item(C, "II. Existing and emerging threats"),
        Item(P, "The misuse of information and communications technologies by States and non-State actors is a growing concern, and some States are developing such capabilities for military purposes.", "4."),
        Item(P, "Attacks on critical infrastructure and on the systems that deliver essential services to the public are a serious risk, as is the use of these technologies by terrorists for recruitment, financing and training.", "5."),
        Item(P, "Differing levels of capacity among States increase vulnerability in an interconnected world, and the risk of misperception and escalation grows with it.", "6."),
        Item(C, "III. Norms, rules and principles for the responsible behaviour of States"),
        Item(H, "A. Purpose of voluntary norms"),
        Item(P, "Voluntary, non-binding norms of responsible State behaviour can reduce risks to international peace, security and stability, and do not seek to limit or prohibit action that is otherwise consistent with international law.", "7."),
        Item(P, "Norms reflect the expectations of the international community, set standards for responsible behaviour and allow the international community to assess the activities and intentions of States.", "8."),
        Item(P, "Given the unique attributes of these technologies, additional norms could be developed over time, and States should consider how existing norms apply in a changing environment.", "9."),
        Item(P, "The Group considered that a technology-neutral approach serves best, so that norms remain relevant as technologies evolve.", "10."),
        Item(P, "Confidence-building measures and capacity-building complement the norms and help States to implement them.", "11."),
        Item(H, "B. Recommendations of the Group"),
        Item(P, "Taking into account existing and emerging threats, risks and vulnerabilities, and building on the assessments of the 2010 and 2013 reports, the Group offers the following recommendations for consideration by States.", "12."),
        Item(P, "Consistent with the purposes of the United Nations, including to maintain international peace and security, States should consider the following voluntary, non-binding norms:", "13."),
    ]
    for letter, norm in zip("abcdefghijk", _NORMS):
        items.append(Item(P, norm, f"({letter})"))
    items += [
        Item(C, "IV. Confidence-building measures"),
        Item(P, "States should consider voluntary confidence-building measures to increase transparency, predictability and cooperation, such as the identification of national points of contact.⁴", "14."),
        Item(P, "States should consider the exchange of views and information on national policies, best practices and decision-making processes, on a voluntary basis.", "15."),
        Item(C, "V. International cooperation and assistance in security and capacity-building"),
        Item(P, "Capacity-building is of vital importance to an effective cooperative approach, and States in a position to do so should assist others in securing their networks and infrastructure.", "16."),
        Item(P, "Assistance should include the sharing of technical expertise, the development of legal frameworks and the training of the staff of national emergency response teams.", "17."),
        Item(C, "VI. How international law applies to the use of information and communications technologies"),
        Item(P, "International law, and in particular the Charter of the United Nations, is applicable and essential to maintaining peace and stability and promoting an open, secure, stable, accessible and peaceful environment.", "18."),
        Item(P, "In their use of these technologies, States must observe, among other principles of international law, State sovereignty, the settlement of disputes by peaceful means and non-intervention in the internal affairs of other States.", "19."),
        Item(C, "VII. Conclusions and recommendations for future work"),
        Item(H, "Concluding observations"),
        Item(P, "The Group recommends that the General Assembly consider the establishment of a new group of governmental experts to continue the study of these issues, and that the present report be widely disseminated.", "20."),
    ]
    footnotes = {
        1: "A/70/150.",
        2: "General Assembly resolution 68/243 of 27 December 2013.",
        3: "See A/65/201 and A/68/98.",
        4: "See also the confidence-building measures adopted by regional organizations.",
    }
    title = "Developments in the field of information and telecommunications in the context of international security"
    return Content("A/70/174", title, "15-12345", items, footnotes)


# --- PDF -------------------------------------------------------------------------------

_PAGE_W, _PAGE_H = 595.0, 842.0  # A4
_LEFT, _RIGHT = 90.0, 505.0
_BODY_TOP, _BODY_BOTTOM = 760.0, 80.0
_SIZE, _LEADING = 11.0, 13.5
_NOTE_SIZE, _NOTE_LEADING = 8.0, 9.5
_SUP_SIZE, _SUP_RISE = 6.0, 3.5
_INDENT = 36.0
_GAP = 6.0  # space between paragraphs


def _fonts(kind: str) -> tuple[str, float]:
    return {
        "heading": ("Times-Bold", 10.0), "chapter": ("Times-Bold", 12.0), "title": ("Times-Bold", 12.0),
    }.get(kind, ("Times-Roman", _SIZE))


_ITALIC = "\x01"  # marks a word set in italics while lines are laid out


def _face(word: str, font: str) -> tuple[str, str]:
    """The word without its italics mark, and the font to set it in."""
    if word.startswith(_ITALIC):
        return word[1:], {"Times-Roman": "Times-Italic", "Times-Bold": "Times-BoldItalic"}.get(font, font)
    return word, font


def _runs(word: str) -> list[tuple[str, bool]]:
    """A word as runs of (text, superscript)."""
    return [(m.group(0), m.group(0)[0] in SUPERSCRIPTS) for m in re.finditer(f"[{SUPERSCRIPTS}]+|[^{SUPERSCRIPTS}]+", word)]


def _distribution(content: Content) -> list[str]:
    """ "Distr.: General 2 January 2019" as the masthead sets it: the date on a line of its own."""
    line = next((i.text for i in content.items if i.kind == "masthead" and i.text.startswith("Distr.")), "")
    m = re.match(r"^(Distr\.: \w+)\s+(.*)$", line)
    return [m.group(1), m.group(2)] if m else []


class _PdfWriter:
    def __init__(self, target, content: Content, total: int, encrypt: str | None = None, raised_by: str = "rise"):
        from reportlab.pdfgen import canvas

        self.content = content
        self.raised_by = raised_by
        self.issued = "040119"  # the date stamp beside the job number on page 1
        self.total = total
        self.canvas = canvas.Canvas(target, pagesize=(_PAGE_W, _PAGE_H), encrypt=encrypt, pageCompression=1)
        self.layout = Layout()
        self.page = 0
        self.y = 0.0
        self.notes_here: list[int] = []
        self.noted: set[int] = set()
        self._new_page()

    def width(self, text: str, font: str = "Times-Roman", size: float = _SIZE) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        text, font = _face(text, font)
        total = 0.0
        for run, sup in _runs(text):
            total += stringWidth(run.translate(_TO_DIGITS) if sup else run, font, _SUP_SIZE if sup else size)
        return total

    # page furniture
    def _new_page(self) -> None:
        if self.page:
            self._finish_page()
        self.page += 1
        self.notes_here = []
        c = self.canvas
        if self.page == 1:
            c.setFont("Helvetica-Bold", 16)
            c.drawString(_LEFT, 790, "United Nations")
            c.setFont("Helvetica-Bold", 16)
            c.drawRightString(_RIGHT, 790, self.content.symbol)
            c.setFont("Helvetica-Bold", 20)
            c.drawString(_LEFT, 755, "General Assembly")
            # distribution and date stand in a column of their own, level with the organ's name
            c.setFont("Times-Roman", 10)
            for n, line in enumerate(_distribution(self.content)):
                c.drawString(_RIGHT - 110, 762 - 12 * n, line)
            c.setLineWidth(1.5)
            c.line(_LEFT, 735, _RIGHT, 735)
            self.y = 715.0
        else:
            c.setFont("Helvetica-Bold", 8)
            if self.page % 2 == 0:
                c.drawString(_LEFT, 800, self.content.symbol)
            else:
                c.drawRightString(_RIGHT, 800, self.content.title[:90])
            c.setLineWidth(0.5)
            c.line(_LEFT, 795, _RIGHT, 795)
            self.y = _BODY_TOP
        self.layout.pages = self.page

    def _finish_page(self) -> None:
        c = self.canvas
        if self.notes_here:
            self._draw_footnotes()
        c.setFont("Helvetica", 8)
        if self.page == 1:
            c.drawString(_LEFT, 40, f"{self.content.job} (E)")
            c.drawString(_LEFT + 200, 40, self.issued)
            c.setFont("Courier", 9)
            c.drawString(_LEFT, 28, "*" + self.content.job.replace("-", "") + "*")
            c.setFont("Helvetica", 7)
            c.drawRightString(_RIGHT, 28, "Please recycle")
        elif self.page % 2 == 0:
            c.drawString(_LEFT, 40, f"{self.page}/{self.total}")
            c.drawRightString(_RIGHT, 40, self.content.job)
        else:
            c.drawString(_LEFT, 40, self.content.job)
            c.drawRightString(_RIGHT, 40, f"{self.page}/{self.total}")
        c.showPage()

    def _notes_height(self, numbers: list[int]) -> float:
        if not numbers:
            return 0.0
        lines = sum(len(self._wrap(self._note_text(n), _RIGHT - _LEFT - 14, "Times-Roman", _NOTE_SIZE)) for n in numbers)
        return 14.0 + lines * _NOTE_LEADING

    def _note_text(self, number: int) -> str:
        return self.content.footnotes[number]

    def _draw_footnotes(self) -> None:
        c = self.canvas
        top = _BODY_BOTTOM - 10 + self._notes_height(self.notes_here) - 14.0
        c.setLineWidth(0.5)
        c.line(_LEFT, top + 10, _LEFT + 80, top + 10)
        y = top
        for number in self.notes_here:
            t = c.beginText(_LEFT, y)
            t.setFont("Times-Roman", _SUP_SIZE)
            t.setRise(_SUP_RISE - 1)
            t.textOut(str(number))
            t.setRise(0)
            c.drawText(t)
            for line in self._wrap(self._note_text(number), _RIGHT - _LEFT - 14, "Times-Roman", _NOTE_SIZE):
                c.setFont("Times-Roman", _NOTE_SIZE)
                c.drawString(_LEFT + 14, y, " ".join(line))
                y -= _NOTE_LEADING

    # text
    def _wrap(self, text: str, width: float, font: str, size: float, first_indent: float = 0.0) -> list[list[str]]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        space = stringWidth(" ", font, size)
        words = text.split()
        lines: list[list[str]] = [[]]
        used, limit = 0.0, width - first_indent
        i = 0
        while i < len(words):
            word = words[i]
            w = self.width(word, font, size)
            need = w + (space if lines[-1] else 0.0)
            if used + need <= limit:
                lines[-1].append(word)
                used += need
                i += 1
                continue
            head, tail = self._hyphenate(word, limit - used - (space if lines[-1] else 0.0), font, size)
            if head:
                lines[-1].append(head)
                words[i] = tail
                self.layout.hyphenated.append(((head + tail).lstrip(_ITALIC), word.lstrip(_ITALIC)))
            lines.append([])
            used, limit = 0.0, width
        return [line for line in lines if line]

    def _hyphenate(self, word: str, room: float, font: str, size: float) -> tuple[str, str]:
        """Break a word at a line end: at its own hyphen, else between letters with a hyphen added."""
        if room < 25:
            return "", word
        if "-" in word.strip("-"):
            parts = word.split("-")
            for k in range(len(parts) - 1, 0, -1):
                head = "-".join(parts[:k]) + "-"
                if self.width(head, font, size) <= room and parts[k]:
                    return head, "-".join(parts[k:])
            return "", word
        core = re.match(r"^([A-Za-z]+)(\W*)$", word)
        if not core or len(core.group(1)) < 9:
            return "", word
        letters = core.group(1)
        for cut in range(len(letters) - 4, 3, -1):
            head = letters[:cut] + "-"
            if self.width(head, font, size) <= room:
                return head, letters[cut:] + core.group(2)
        return "", word

    def paragraph(self, item: Item) -> None:
        font, size = _fonts(item.kind)
        leading = size * 1.2
        text = f"{item.label} {item.text}".strip() if item.label else item.text
        indent = _INDENT if item.kind in ("para", "organ") else 0.0
        if item.kind == "closing":
            indent = 200.0
        if item.italic:
            words = text.split()
            first = 1 if item.label else 0
            words[first:first + item.italic] = [_ITALIC + w for w in words[first:first + item.italic]]
            text = " ".join(words)
        lines = self._wrap(text, _RIGHT - _LEFT, font, size, indent)
        gap = {"chapter": 16.0, "heading": 10.0, "title": 12.0}.get(item.kind, _GAP)
        self.y -= gap
        start_page = None
        for n, words in enumerate(lines):
            markers = [int(ch.translate(_TO_DIGITS)) for w in words for ch in w if ch in SUPERSCRIPTS]
            new_notes = [m for m in markers if m not in self.noted and m in self.content.footnotes]
            floor = _BODY_BOTTOM + self._notes_height(self.notes_here + new_notes)
            if self.y - leading < floor:
                self._new_page()
            self.y -= leading
            if start_page is None:
                start_page = self.page
            self.notes_here += new_notes
            self.noted.update(new_notes)
            last = n == len(lines) - 1
            x0 = _LEFT + (indent if n == 0 else 0.0)
            self._draw_line(words, x0, _RIGHT, font, size, justify=not last and item.kind == "para")
        self.layout.placed.append(Placed(plain(item.text), item.label, start_page, self.page))

    def _draw_line(self, words: list[str], x0: float, x1: float, font: str, size: float, justify: bool) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widths = [self.width(w, font, size) for w in words]
        space = stringWidth(" ", font, size)
        if justify and len(words) > 1:
            space = (x1 - x0 - sum(widths)) / (len(words) - 1)
        x = x0
        for word, w in zip(words, widths):
            word, face = _face(word, font)
            if self.raised_by == "offset":
                self._draw_offset(word, x, face, size)
                x += w + space
                continue
            t = self.canvas.beginText(x, self.y)
            for run, sup in _runs(word):
                if sup:
                    t.setFont(face, _SUP_SIZE)
                    t.setRise(_SUP_RISE)
                    t.textOut(run.translate(_TO_DIGITS))
                    t.setRise(0)
                else:
                    t.setFont(face, size)
                    t.textOut(run)
            self.canvas.drawText(t)
            x += w + space

    def _draw_offset(self, word: str, x: float, font: str, size: float) -> None:
        """Markers set as separate text on a higher baseline, the way word processors often write them."""
        for run, sup in _runs(word):
            text = run.translate(_TO_DIGITS) if sup else run
            self.canvas.setFont(font, _SUP_SIZE if sup else size)
            self.canvas.drawString(x, self.y + (_SUP_RISE if sup else 0.0), text)
            x += self.width(run, font, size)

    def close(self) -> None:
        self._finish_page()
        self.canvas.save()


def write_pdf(content: Content, path: Path, encrypt: str | None = None, raised_by: str = "rise") -> Layout:
    """Write the content as a UN-layout PDF; the Layout says where each paragraph landed.

    `raised_by` sets how superscript markers are raised: "rise" (a text rise on the same
    baseline) or "offset" (separate text on a higher baseline).
    """
    import io

    total = 0
    for target in (io.BytesIO(), str(path)):  # page marks name the page count: lay out twice
        writer = _PdfWriter(target, content, total, encrypt, raised_by)
        for item in content.items:
            if not (item.kind == "masthead" and item.text.startswith("Distr.")):
                writer.paragraph(item)
        writer.close()
        total = writer.layout.pages
    return writer.layout


# --- HTML and DOCX -----------------------------------------------------------------------

def write_html(content: Content, path: Path) -> None:
    """The content as an HTML page of the kind the UN documents system serves."""

    def reference(match: re.Match) -> str:
        n = match.group(0).translate(_TO_DIGITS)
        return f'<sup><a href="#fn{n}" id="fnref{n}">{n}</a></sup>'

    def marked(text: str) -> str:
        return re.sub(f"[{SUPERSCRIPTS}]+", reference, escape(text))

    out = [
        "<!DOCTYPE html>", "<html><head><meta charset='utf-8'>",
        f"<title>{escape(content.symbol)}</title>",
        "<style>p.para { text-indent: 2em } .nav { color: red }</style>",
        "<script>var menu = 'Calls upon Member States to click here';</script>",
        "</head><body>",
        "<div class='nav'><noscript>Enable scripts</noscript></div>",
        f"<p class='masthead'>United Nations {escape(content.symbol)}</p>",
        "<p class='masthead'>General Assembly</p>",
    ]
    for item in content.items:
        text = f"{item.label} {item.text}".strip() if item.label else item.text
        if item.kind == "chapter":
            out.append(f"<h2>{marked(text)}</h2>")
        elif item.kind in ("heading", "title"):
            out.append(f"<h3>{marked(text)}</h3>" if item.kind == "heading" else f"<p><b>{marked(text)}</b></p>")
        else:
            out.append(f"<p class='{item.kind}'>{marked(text)}</p>")
    out.append("<hr><div class='footnotes'><ol>")
    for number, note in sorted(content.footnotes.items()):
        out.append(f"<li id='fn{number}'>{escape(note)} <a href='#fnref{number}'>↩</a></li>")
    out.append("</ol></div></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def write_docx(content: Content, path: Path) -> None:
    """The content as a Word document: heading styles for headings, real footnotes."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph(f"United Nations {content.symbol}")
    document.add_paragraph("General Assembly")
    for item in content.items:
        text = f"{item.label} {item.text}".strip() if item.label else item.text
        if item.kind == "chapter":
            paragraph = document.add_paragraph(style="Heading 1")
        elif item.kind == "heading":
            paragraph = document.add_paragraph(style="Heading 2")
        else:
            paragraph = document.add_paragraph()
        for run, sup in _runs(text):
            if not sup:
                paragraph.add_run(run)
                continue
            for digit in run:
                r = OxmlElement("w:r")
                props = OxmlElement("w:rPr")
                align = OxmlElement("w:vertAlign")
                align.set(qn("w:val"), "superscript")
                props.append(align)
                r.append(props)
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), digit.translate(_TO_DIGITS))
                r.append(ref)
                paragraph._p.append(r)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = [f'<w:footnotes xmlns:w="{w}">',
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    for number, note in sorted(content.footnotes.items()):
        notes.append(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(note)}</w:t></w:r></w:p></w:footnote>'
        )
    notes.append("</w:footnotes>")
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        "".join(notes).encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
