"""The layout fixtures' documents as HTML and DOCX (see un_layout.py for the PDF)."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from un_content import _TO_DIGITS, SUPERSCRIPTS, Content, _runs

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

