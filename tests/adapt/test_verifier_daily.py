"""`dictee verifier` shows the daily sentences it chose when the author wrote none."""

from __future__ import annotations

import json


def test_proposed_sentences_are_shown_not_counted(cli):
    result = cli("verifier", "luis-manuel")
    out = " ".join(result.output.split())
    assert ("information texts/luis-manuel/primaire.md:3 (phrases du jour) : phrase du jour 2 "
            "proposée (phrase 3 du texte, points 4, 5) : « Il peint, il danse et il aime "
            "porter … »") in out
    assert "phrase du jour 5 proposée" in out
    # The secondary level has its own series: nothing to show.
    assert "secondaire.md:3 (phrases du jour)" not in out
    data = json.loads(cli("verifier", "--json", "luis-manuel").stdout)
    infos = [p for p in data["problemes"] if p["gravite"] == "information"]
    assert len(infos) == 5 and data["avertissements"] == 2 and data["reussi"]
