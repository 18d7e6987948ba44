"""French spacing in the prose of README.md and docs/*.md: a no-break space (U+00A0)
before « : », a narrow one (U+202F) before ; ! ?, and U+00A0 inside « », as in the
documents and on the page (dictee.content.typography.spaced). Code is left as it is: a
command copied from a fenced block or from `inline code` must still run.

    python tools/espacer_docs.py           # check: names each place, fails if any
    python tools/espacer_docs.py --ecrire  # put the no-break spaces in
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dictee.content.typography import NBSP, spaced  # noqa: E402

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")  # its closing fence: the same, at least as long
_INLINE_CODE = re.compile(r"(`+)(?:(?!\n[ \t]*\n)[^`])*?\1")  # may span lines, not paragraphs
# A paragraph's line break is a space for the reader: « : » at a line's start, or « »
# alone at its end, is a breakable space where French wants none. Joined with U+00A0.
_BROKEN = re.compile(r"(?<=\S)\n(?=[:;!?](?:\s|$))|(?<=«)\n|\n(?=»)")


def documents() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def masked(markdown: str) -> str:
    """`markdown` with its code (fenced blocks, `inline code`) turned into x's of the same
    length, line breaks kept: what is left is the prose, at its own positions."""
    lines, opened = [], ""  # the fence of the block we are in
    for line in markdown.split("\n"):
        fence = _FENCE.match(line)
        lines.append("x" * len(line) if opened or fence else line)
        if not opened and fence:
            opened = fence.group(1)
        elif opened and fence and fence.group(1).startswith(opened) \
                and not line[fence.end():].strip():
            opened = ""
    return _INLINE_CODE.sub(lambda m: re.sub(r"[^\n]", "x", m.group(0)), "\n".join(lines))


def respaced(markdown: str) -> str:
    """`markdown` with French spacing in its prose, its code untouched."""
    prose = masked(markdown)
    shown = _BROKEN.sub(NBSP, spaced(prose))
    return "".join(new if new != hidden else old
                   for old, hidden, new in zip(markdown, prose, shown))


def main() -> int:
    changed = [path for path in documents()
               if respaced(text := path.read_text(encoding="utf-8")) != text]
    if "--ecrire" in sys.argv:
        for path in changed:
            path.write_text(respaced(path.read_text(encoding="utf-8")), encoding="utf-8")
            print(spaced(f"espacé : {path.relative_to(REPO)}"))
        return 0
    for path in changed:
        print(spaced(f"{path.relative_to(REPO)} : des espaces ordinaires là où le français "
                     "veut des insécables ; lancez « python tools/espacer_docs.py --ecrire »."),
              file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
