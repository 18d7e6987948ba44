"""Read what a person would read in a .docx: paragraphs, including inside tables."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def docx_text(path: Path) -> str:
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)
