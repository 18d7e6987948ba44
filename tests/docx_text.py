"""Read what a person would read in a .docx: paragraphs, including inside tables."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def _paragraphs(container) -> list[str]:
    lines = [p.text for p in container.paragraphs]
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return lines


def docx_text(path: Path, *, margins: bool = False) -> str:
    """The body's text; with `margins`, the headers' and footers' text too."""
    document = Document(str(path))
    lines = _paragraphs(document)
    if margins:
        for section in document.sections:
            for part in (section.header, section.footer):
                lines.extend(_paragraphs(part))
    return "\n".join(lines)
