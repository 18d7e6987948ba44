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


def test_cas_fits_an_80_column_terminal(cli, content, monkeypatch):
    """The usual terminal, the four shipped cases: the table within 80 columns, each slug
    whole (« chow-hang… » was cut), and a level's « secondaire : » never cut before its
    colon (« secondaire » / « : synthèse », or « secondaire… »)."""
    import io
    import shutil

    import dictee.cli.cas as module
    from dictee.cli.output import FrenchConsole
    from tests.conftest import REPO

    for slug in ("chow-hang-tung", "dorgelesse", "sasha"):
        shutil.copytree(REPO / "texts" / slug, content / "texts" / slug)

    console = FrenchConsole(file=io.StringIO(), width=80, highlight=False, emoji=False)
    monkeypatch.setattr(module, "out", console)
    assert cli("cas").exit_code == 0
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert all(len(line) <= 80 for line in shown.splitlines()), shown
    assert "│ chow-hang-tung " in shown and "secondaire\u00a0:" in shown
    assert re.search(r"│ *:|secondaire…", shown) is None, shown


def test_a_case_folder_is_named_as_it_is(monkeypatch, content):
    """A case folder named « Léa : cas ; essai ! ? » (not an identifier) is named as it
    is by `dictee cas` and in the error of `dictee voir`, which writes it in its text;
    the words around keep their no-break spaces."""
    from typer.testing import CliRunner

    from dictee.cli.app import app
    from tests.french_spacing import plain_spaces_but

    name = "Léa : cas ; essai ! ?"
    folder = content / "texts" / name
    folder.mkdir()
    (folder / "cas.yaml").write_text("slug: lea\n", encoding="utf-8")
    monkeypatch.setenv("DICTEE_CONTENU", str(content))
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    listed = runner.invoke(app, ["cas"], catch_exceptions=False)
    assert listed.exit_code == 0
    assert f"│ {name} │ cas invalide" in listed.stdout
    assert plain_spaces_but(listed.output, name) == [], listed.output
    shown = runner.invoke(app, ["voir", name], catch_exceptions=False)
    assert shown.exit_code == 1
    assert (f"Erreur\u00a0: {folder}\u00a0: le nom du dossier «\u00a0{name}\u00a0» n'est pas "
            "un identifiant de cas") in shown.stderr
    assert "«\u00a0lea-cas-essai\u00a0»" in shown.stderr  # the hint's new name: French
    assert plain_spaces_but(shown.output, str(folder), name) == [], shown.output
