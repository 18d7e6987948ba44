"""`dictee cas` and `dictee voir` as staff use them."""

from __future__ import annotations

import re

from dictee.content.typography import plain
from tests.french_spacing import plain_spaces


def test_cas_lists_the_case_and_its_placeholder_recordings(cli):
    result = cli("cas")
    assert result.exit_code == 0, result.output
    assert "luis-manuel" in result.output
    assert "Luis Manuel Otero Alcántara" in result.output
    assert "synthèse" in result.output


def test_cas_flags_a_broken_case_and_keeps_listing(cli, content):
    broken = content / "texts" / "casse"
    broken.mkdir()
    (broken / "cas.yaml").write_text("slug: casse\n", encoding="utf-8")
    result = cli("cas")
    assert result.exit_code == 0
    assert "cas invalide" in result.output and "luis-manuel" in result.output


def test_voir_shows_text_groups_and_placeholder_notice(cli):
    result = cli("voir", "luis-manuel")
    assert result.exit_code == 0, result.output
    assert "L’artiste de San Isidro" in result.output or "L'artiste de San Isidro" in result.output
    assert "lecture de synthèse provisoire" in result.output
    assert "mars 2026" in result.output
    assert " 1. " in result.output  # numbered groups


def test_voir_unknown_case(cli):
    result = cli("voir", "luis")
    assert result.exit_code == 1
    assert "cas inconnu" in result.output and "luis-manuel" in result.output


def test_help_is_in_french(cli):
    result = cli("kit", "--help")
    assert "Affiche cette aide et quitte." in result.output
    assert "Show this message" not in result.output


def test_usage_errors_are_in_french(cli):
    result = cli("kit")
    assert result.exit_code == 2
    assert "argument manquant" in result.output


def test_voir_leaves_out_the_source_keys_and_keeps_the_sentences_whole(cli):
    """The résumé cites its sources (« autodidacte [wiki-fr, be-lmoa]. »): rich took each
    key for markup and swallowed it, leaving « autodidacte . ». The terminal shows the
    sentence, its French spacing and no key."""
    result = cli("voir", "luis-manuel")
    assert result.exit_code == 0, result.output
    shown = plain(result.output)
    assert "autodidacte." in shown and "« artiviste »." in shown
    assert re.findall(r"\w \.", shown) == []
    assert "wiki-fr" not in shown and "[" not in shown
    assert plain_spaces(result.output) == []
