"""A corpus of UN-shaped resolutions for the benchmark: distinct wording, deterministic, any size."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PREAMBULAR_OPENERS = (
    "Recalling", "Reaffirming", "Noting", "Noting with concern", "Affirming", "Stressing", "Underlining",
    "Recognizing", "Welcoming", "Expressing concern", "Bearing in mind", "Mindful", "Convinced",
    "Emphasizing", "Acknowledging", "Considering", "Taking note", "Deeply concerned", "Aware",
)
_OPERATIVE_VERBS = (
    "Calls upon", "Requests", "Encourages", "Invites", "Decides", "Urges", "Welcomes", "Affirms",
    "Recommends", "Emphasizes", "Reiterates", "Requests the Secretary-General", "Invites Member States",
    "Calls upon all States", "Encourages relevant regional organizations", "Notes with appreciation",
)
_ACTORS = (
    "Member States", "the Secretary-General", "regional and subregional organizations", "the private sector",
    "civil society and academia", "the Office for Disarmament Affairs", "the United Nations Institute for "
    "Disarmament Research", "national computer emergency response teams", "the open-ended working group",
    "the group of governmental experts", "the International Telecommunication Union", "developing countries",
    "technical experts of interested States", "the Human Rights Council", "law enforcement authorities",
)
_ACTIONS = (
    "to strengthen cooperation in", "to promote common understandings of", "to exchange information on",
    "to develop confidence-building measures concerning", "to build capacity for", "to submit national views on",
    "to consider further measures addressing", "to protect critical infrastructure from", "to report on",
    "to refrain from", "to raise awareness of", "to share best practices regarding", "to study",
    "to prevent the proliferation of", "to support the implementation of", "to assess the risks arising from",
    "to respond to requests for assistance concerning", "to establish points of contact for",
)
_TOPICS = (
    "the use of information and communications technologies by States", "malicious cyber activity",
    "attacks against critical infrastructure", "the integrity of the supply chain", "harmful hidden functions",
    "vulnerabilities in information systems", "the security of electoral processes", "ransomware",
    "the protection of personal data", "the application of international law in cyberspace",
    "the attribution of cyber incidents", "emergency response capabilities", "the digital divide",
    "the misuse of artificial intelligence", "the safety of undersea cables", "financial sector resilience",
    "health-care facilities during crises", "cross-border data flows", "cyber hygiene in small enterprises",
    "the exploitation of satellite systems", "the security of industrial control systems",
    "disinformation campaigns", "quantum-safe encryption", "the resilience of the domain name system",
    "the criminal misuse of cryptocurrencies", "technical assistance to least developed countries",
)
_QUALIFIERS = (
    "in accordance with the Charter of the United Nations", "on the basis of equitable geographical distribution",
    "through existing resources and voluntary contributions", "taking into account national circumstances",
    "with full respect for human rights and fundamental freedoms", "in a manner consistent with international law",
    "at its next session", "within the framework of existing mechanisms", "on a voluntary basis",
    "in close consultation with relevant stakeholders", "with particular attention to gender perspectives",
    "building on the assessments and recommendations of previous reports", "in a timely and transparent manner",
    "so as to reduce the risk of misperception and escalation", "without prejudice to national legislation",
)
_REASONS = (
    "considerable progress has been achieved in developing and applying the latest information technologies",
    "these technologies can potentially be used for purposes inconsistent with international stability",
    "the dissemination of information technologies affects the interests of the entire international community",
    "no State should conduct or knowingly support activity that damages critical infrastructure",
    "capacity-building is essential for cooperation and confidence-building",
    "States bear primary responsibility for maintaining a secure and peaceful environment",
    "the growing dependence on digital services increases exposure to disruption",
    "incidents affecting one State may have cascading effects across borders",
    "an open, secure, stable, accessible and peaceful environment is in the interest of all",
    "gaps in technical capacity leave many countries more vulnerable to threats",
)
_ORDINALS = ("seventy-fourth", "seventy-fifth", "seventy-sixth", "seventy-seventh", "seventy-eighth", "seventy-ninth")
_MONTHS = ("November", "December")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _phrase(rng: random.Random) -> str:
    return f"{rng.choice(_ACTIONS)} {rng.choice(_TOPICS)}"


def _preambular(rng: random.Random, n: int) -> str:
    opener = rng.choice(_PREAMBULAR_OPENERS)
    body = rng.choice((
        lambda: f"that {rng.choice(_REASONS)}, and that {rng.choice(_ACTORS)} have a role {_phrase(rng)}",
        lambda: f"the importance of efforts by {rng.choice(_ACTORS)} {_phrase(rng)} {rng.choice(_QUALIFIERS)}",
        lambda: f"its resolutions {60 + n}/{rng.randint(10, 280)} and {61 + n}/{rng.randint(10, 280)}, "
                f"and the need {_phrase(rng)} and {_phrase(rng)}",
        lambda: f"the work of {rng.choice(_ACTORS)} on {rng.choice(_TOPICS)} and {rng.choice(_TOPICS)}, "
                f"{rng.choice(_QUALIFIERS)}",
    ))()
    return f"{opener} {body},"


def _operative(rng: random.Random, number: int, last: bool) -> list[str]:
    end = "." if last else ";"
    verb = rng.choice(_OPERATIVE_VERBS)
    if rng.random() < 0.3:
        items = [f"({chr(97 + i)}) {_capital(rng.choice(_TOPICS))}, including measures "
                 f"{_phrase(rng)} {rng.choice(_QUALIFIERS)};" for i in range(rng.randint(2, 4))]
        items[-1] = items[-1][:-1] + end
        return [f"{number}. {verb} {rng.choice(_ACTORS)} {_phrase(rng)} and to consider the following questions:", *items]
    return [f"{number}. {verb} {rng.choice(_ACTORS)} {_phrase(rng)}, {rng.choice(_QUALIFIERS)}, and "
            f"{_phrase(rng)} {rng.choice(_QUALIFIERS)}{end}"]


def resolution_text(n: int) -> str:
    """The n-th generated resolution: distinct wording, deterministic, shaped like A/RES/73/266."""
    rng = random.Random(n)
    session = 74 + n % 6
    number = 100 + n
    symbol = f"A/RES/{session}/{number}"
    day = 1 + n % 28
    lines = [
        f"United Nations {symbol}", "", f"Distr.: General {day} {_MONTHS[n % 2]} {2019 + n % 6}", "",
        f"{_capital(_ORDINALS[n % 6])} session", "", f"Agenda item {90 + n % 20}", "",
        f"Resolution adopted by the General Assembly on {day} {_MONTHS[n % 2]} {2019 + n % 6}", "",
        f"{session}/{number}. {_capital(rng.choice(_TOPICS))} in the context of international security",
        "", "The General Assembly,", "",
    ]
    for p in range(rng.randint(8, 12)):
        lines += [_preambular(rng, p), ""]
    count = rng.randint(9, 13)
    for number_ in range(1, count + 1):
        for line in _operative(rng, number_, number_ == count):
            lines += [line, ""]
    lines.append(f"{60 + n % 20}th plenary meeting {day} {_MONTHS[n % 2]} {2019 + n % 6}")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, documents: int) -> list[Path]:
    """Write `documents` generated resolutions as text files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(documents):
        path = folder / f"A_RES_gen_{n:03d}.txt"
        path.write_text(resolution_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def bench_corpus(folder: Path, documents: int = 50) -> Path:
    """Generated resolutions plus the bundled A/RES/73/266, so real queries have a real answer."""
    corpus = folder / "corpus"
    write_corpus(corpus, documents)
    bundled = ROOT / "corpus" / "A_RES_73_266.txt"
    if bundled.is_file():
        shutil.copy(bundled, corpus / bundled.name)
    return corpus


def clause_texts(corpus: Path) -> list[str]:
    """The context texts build embeds, in build's order."""
    return [c.context_text() for c in _clauses(corpus)]


def embedded_texts(corpus: Path) -> list[str]:
    """Every text build embeds: each clause's context text, then the parts of the long ones."""
    from indexer.parts import part_texts

    clauses = _clauses(corpus)
    return [c.context_text() for c in clauses] + [t for c in clauses for t in part_texts(c)]


def _clauses(corpus: Path) -> list:
    from indexer.parse import parse_file

    documents = sorted((parse_file(p)[0] for p in sorted(corpus.glob("*.txt"))), key=lambda d: d.path)
    return [c for d in documents for c in d.clauses]
