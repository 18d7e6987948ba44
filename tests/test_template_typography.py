"""What the page says to a pupil, and the fixed text of the HTML templates, spaces as
the documents do: no-break spaces before : ; ! ? and inside « » (written « \\u00a0 » in
JavaScript and « &nbsp; » in HTML, or as the characters themselves)."""

from __future__ import annotations

import html
import re

import pytest

from dictee.content.loader import ContentRoot
from dictee.render.environment import render_text
from tests.conftest import REPO
from tests.french_spacing import plain_spaces

SCRIPTS = sorted([*REPO.glob("templates/*.js"), *REPO.glob("dictee/grading/*.js")])
PAGES = sorted(REPO.glob("templates/*.html.j2"))
# A string first, so that a quote inside a comment, or a comment inside a string, is
# read as what it is; a regular expression literal (/'/g) matches no string on its line.
_JS_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|//[^\n]*|/\*.*?\*/', re.S)


def _js_unescape(literal: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), literal[1:-1])


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_the_messages_of_the_page_have_french_spacing(path):
    source = path.read_text(encoding="utf-8")
    strings = [_js_unescape(m.group(0)) for m in _JS_TOKEN.finditer(source)
               if m.group(0)[0] in "\"'"]
    assert strings, "no string found: the reading of the file is broken"
    # A message is often cut in pieces (« … + " : " + … »): a piece that starts with the
    # space before its mark is looked at with a word before it.
    assert [s for s in strings if plain_spaces("x" + s)] == []


def _page_text(template: str) -> str:
    """The text a template shows: no Jinja, no script or style, no tags, entities read,
    and its line breaks as the spaces (breakable) they are in HTML."""
    text = re.sub(r"\{#.*?#\}", " ", template, flags=re.S)
    text = re.sub(r"\{[{%].*?[%}]\}", "x", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", "", text)
    return re.sub(r"[ \t]*\n\s*", " ", html.unescape(text))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_the_fixed_text_of_the_pages_has_french_spacing(path):
    assert plain_spaces(_page_text(path.read_text(encoding="utf-8"))) == []


def test_a_text_wrapped_by_a_template_never_starts_a_line_with_its_colon(tmp_path):
    """LISEZMOI.txt wraps the case's own sentences (`wordwrap`, as for the teacher's
    instructions on sending the letter): « … sans expéditeur » / « : certaines prisons »
    when the space before the colon fell at the end of a line."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "essai.txt.j2").write_text(
        "{{ consigne | wordwrap(21, break_on_hyphens=False) }}\n", encoding="utf-8")
    said = "Ajoutez votre adresse : certaines prisons ne distribuent pas le courrier ?"
    shown = render_text(ContentRoot(tmp_path), "essai.txt.j2", {"consigne": said})
    assert [line for line in shown.splitlines() if line.startswith((":", "?"))] == [], shown
    assert plain_spaces(shown.replace("\n", " ")) == [], shown
