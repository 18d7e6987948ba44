"""Where a text a person reads breaks French spacing: an ordinary space before a « : »,
« ; », « ! » or « ? », or inside « ».

Written apart from dictee.content.typography on purpose, and the other way round, so
that a gap in its rule shows here: `spaced` lists what may follow a mark that ends a
sentence's word; this looks at every mark but those glued to what follows, which no
sentence has (« 12:30 », « C:\\ », « https:// », « ?a=1 », « Bravo !.txt »).
"""

from __future__ import annotations

import re

PLAIN_SPACE = re.compile(r"\S [:;!?](?![\w/\\=&]|[.,]\w)|« | »", re.M)


def plain_spaces(text: str) -> list[str]:
    """Each place of `text` that breaks the rule, with a little context, for the message
    of a failing test (empty when the text is right)."""
    return [text[max(0, m.start() - 30):m.end() + 10] for m in PLAIN_SPACE.finditer(text)]


def plain_spaces_but(text: str, *names: str) -> list[str]:
    """plain_spaces of `text` once `names` are taken out: the names of files and folders
    a message writes exactly as they are (« Léa : dictée ?.txt » is found by that name)."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return plain_spaces(text)
