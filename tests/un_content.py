"""The two documents of the layout fixtures: the bundled resolution A/RES/73/266 (its text read
from corpus/) and a report in the style of a Group of Governmental Experts report, written for
these tests; with the data classes the writers of un_layout.py and un_formats.py share."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
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


def _runs(word: str) -> list[tuple[str, bool]]:
    """A word as runs of (text, superscript)."""
    return [(m.group(0), m.group(0)[0] in SUPERSCRIPTS) for m in re.finditer(f"[{SUPERSCRIPTS}]+|[^{SUPERSCRIPTS}]+", word)]
