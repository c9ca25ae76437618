"""Document text on screen: always inert. Every string that came from a document goes through here."""
from __future__ import annotations

import re

import streamlit as st

# CommonMark lets a backslash escape any ASCII punctuation; escaping all of it leaves no markup,
# no HTML, no link, no emoji shortcode, no math and no directive that document text could start.
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


# The renderer turns bare URLs and e-mail addresses into links after escapes are resolved; an
# invisible word joiner inside "http:", "www." and before "@" keeps them plain text.
_AUTOLINK = re.compile(r"(?i)(?<=\b)(https?|ftp|mailto|www)(?=\\[:.])|(?=\\@)")
JOINER = "\u2060"

# A Markdown file is not drawn by Streamlit (no directives, colours or shortcodes): escaping only the
# characters that open CommonMark markup keeps an exported citation readable as plain text.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~!&#$])")


def escape(text: str, screen: bool = True) -> str:
    """`text` as Markdown that renders to these characters (whitespace folded to spaces; on screen,
    a word joiner, which is invisible, inside URL and e-mail patterns). `screen=False` is for a
    Markdown file a reader may also read raw."""
    folded = " ".join(str(text).split())
    if not screen:
        return _MARKUP.sub(r"\\\1", folded)
    escaped = _PUNCTUATION.sub(r"\\\1", folded)
    return _AUTOLINK.sub(lambda m: (m.group(1) or "") + JOINER, escaped)


def highlighted(text: str, span: tuple[int, int] | None) -> str:
    """Markdown for a clause with its answer span marked; the three parts are escaped separately."""
    if not span or not (0 <= span[0] < span[1] <= len(text)):
        return escape(text)
    before, answer, after = text[: span[0]], text[span[0]: span[1]], text[span[1]:]
    parts = []
    if before.strip():
        parts.append(escape(before))
    parts.append(f":orange-background[**{escape(answer)}**]")
    if after.strip():
        parts.append(escape(after))
    return " ".join(parts)


def show(text: str, span: tuple[int, int] | None = None) -> None:
    """Draw a clause's text; the answer span, if any, emphasised."""
    st.markdown(highlighted(text, span))


def dim(text: str) -> None:
    """Draw document text small and grey (a chapeau, a heading, a footnote)."""
    st.caption(escape(text))
