"""The French of README.md and docs/*.md spaces as the documents do (no-break spaces
before : ; ! ? and inside « »), while their code stays as typed: a command copied from
the docs must still run."""

from __future__ import annotations

import re

import pytest

from tests.french_spacing import plain_spaces
from tools.espacer_docs import documents, masked, respaced

NO_BREAK = re.compile("[\u00a0\u202f]")


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_the_prose_of_the_docs_has_french_spacing(path):
    # A paragraph's line breaks are spaces to the reader: « : » at a line's start is one.
    prose = re.sub(r"(?<!\n)\n(?!\n)", " ", masked(path.read_text(encoding="utf-8")))
    assert plain_spaces(prose) == [], \
        f"{path.name} : lancez « python tools/espacer_docs.py --ecrire »"


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_the_code_of_the_docs_is_left_as_typed(path):
    """Fenced blocks (but for ```text, which shows what the terminal prints) and
    `inline code` hold ordinary spaces only."""
    text = path.read_text(encoding="utf-8")
    prose = masked(text)
    shown = [range(*m.span()) for m in re.finditer(r"^```text\n.*?^```", text, re.S | re.M)]
    in_code = [text[max(0, k - 30):k + 30] for k, (char, hidden) in enumerate(zip(text, prose))
               if NO_BREAK.match(char) and hidden == "x" and not any(k in r for r in shown)]
    assert in_code == []


def test_respacing_leaves_code_alone():
    markdown = ("Lancez ceci : `dictee kit a ; echo fin` puis ceci :\n\n```\ndictee voir x ; "
                "echo « ok »\n```\n\nLe mot « ok\n» et `--csv` ; la suite\n: enfin !\n")
    assert respaced(markdown) == (
        "Lancez ceci\u00a0: `dictee kit a ; echo fin` puis ceci\u00a0:\n\n```\ndictee voir x "
        "; echo « ok »\n```\n\nLe mot «\u00a0ok\u00a0» et `--csv`\u202f; la suite\u00a0: "
        "enfin\u202f!\n")


def test_a_fence_inside_a_code_block_does_not_end_it():
    """A block that shows Markdown (````, ~~~) holds ``` lines: the block ends at its own
    closing fence, and what follows is prose again."""
    markdown = ("````markdown\n```\ndictee voir x ; echo ok\n```\n````\nEnfin : oui.\n"
                "~~~\n```text\na ; b\n~~~\nEt ensuite ?\n")
    assert respaced(markdown) == markdown.replace("Enfin :", "Enfin\u00a0:").replace(
        "ensuite ?", "ensuite\u202f?")
