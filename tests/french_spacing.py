"""Where a text a person reads breaks French spacing: an ordinary space before a « : »,
« ; », « ! » or « ? » that ends a word, or inside « ». Written apart from
dictee.content.typography on purpose, so that a gap in its rule shows here.

A colon or mark glued to what follows (« 12:30 », « C:\\ », « https:// », « ?a=1 »,
« Bravo !.txt ») is not punctuation of a sentence and is not looked at.
"""

from __future__ import annotations

import re

PLAIN_SPACE = re.compile(r"\S [:;!?](?=[\s)\]»\"'’…]|[.,](?!\w)|$)|« | »", re.M)


def plain_spaces(text: str) -> list[str]:
    """Each place of `text` that breaks the rule, with a little context, for the message
    of a failing test (empty when the text is right)."""
    return [text[max(0, m.start() - 30):m.end() + 10] for m in PLAIN_SPACE.finditer(text)]
