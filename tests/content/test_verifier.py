"""`dictee verifier`: every broken input is reported with its file and line, all at once.

Each file under tests/data/verifier/ is one broken input: a copy of a Luis Manuel
file with a single mistake. The test puts it in place of the good file inside a
private content folder, then reads the report as an author would.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from dictee.content.loader import ContentRoot
from tests.conftest import write_wav

DATA = Path(__file__).resolve().parent.parent / "data" / "verifier"
PRIMAIRE = "texts/luis-manuel/primaire.md"
CAS = "texts/luis-manuel/cas.yaml"
LABELS = "audio/luis-manuel/primaire.labels.txt"

# data file, where it goes, what the report must say, a text on the line it must point to
# (None: no line expected), and whether the problem is an error (else a warning).
BROKEN = [
    ("primaire-guillemets-droits.md", PRIMAIRE, "guillemets droits", '"le droit', True),
    ("primaire-point-d-exclamation-colle.md", PRIMAIRE, "espace manquante avant", "lui!",
     True),
    ("primaire-guillemet-colle.md", PRIMAIRE, "espace manquante après « « »", "«le drapeau",
     True),
    ("primaire-guillemet-non-ferme.md", PRIMAIRE, "guillemets non appariés", "Avec ses œuvres",
     True),
    ("primaire-texte-trop-court.md", PRIMAIRE, "de 80 à 120", "est un artiste cubain", True),
    ("primaire-groupe-d-un-seul-mot.md", PRIMAIRE, "groupe d'un seul mot : « arrêté »",
     "/ arrêté /", False),
    ("primaire-coupure-apres-preposition.md", PRIMAIRE, "se termine par « de »",
     "avant de /", False),
    ("primaire-tableau-absent-du-texte.md", PRIMAIRE, "« La Habana » (mot au tableau) n'est "
     "pas dans le texte", "- La Habana", True),
    ("primaire-tableau-casse-differente.md", PRIMAIRE, "« San isidro » (mot au tableau) "
     "s'écrit autrement", "- San isidro", True),
    ("primaire-glossaire-absent-du-texte.md", PRIMAIRE, "« sculptures » (mot du glossaire)",
     "mot: sculptures", True),
    ("primaire-grammaire-absente-du-texte.md", PRIMAIRE, "« ouvert » (mot d'un point de "
     "grammaire)", "[ouvert,", True),
    ("primaire-grammaire-mot-ambigu.md", PRIMAIRE, "« été » apparaît 2 fois dans le texte",
     "condamné, été]", False),
    ("primaire-grammaire-dans-absent.md", PRIMAIRE, "« il a été arrêté hier » (dans) ne se "
     "trouve pas", "dans: il a été arrêté hier", True),
    ("primaire-grammaire-occurrence-inexistante.md", PRIMAIRE, "« arrêté » apparaît 1 fois ; "
     "occurrence 2 n'existe pas", "occurrence: 2", True),
    ("primaire-question-vide.md", PRIMAIRE, "question vide", '- ""', True),
    ("primaire-phrase-du-jour-point-inconnu.md", PRIMAIRE, "le point 9 n'existe pas",
     "point: 9", True),
    ("primaire-phrase-du-jour-mot-absent.md", PRIMAIRE, "« fermée » n'est pas dans la phrase",
     "[fermée]", True),
    ("primaire-phrase-du-jour-trop-longue.md", PRIMAIRE, "phrase du jour 1 : 23 mots, 18 au "
     "plus", "- phrase: En juillet", False),
    ("primaire-phrase-du-jour-sans-grammaire.md", PRIMAIRE, "aucun point de grammaire",
     "- phrase: Il peint", False),
    ("primaire-definition-difficile.md", PRIMAIRE, "la définition de « condamné » utilise "
     "« juridiction »", "definition: Puni par une juridiction", False),
    ("cas-salutation-sans-prenom.yaml", CAS, "ne contient pas le prénom", "Cher ami", True),
    ("cas-adresse-non-verifiee-imprimee.yaml", CAS, "adresse non vérifiée ne doit pas être "
     "imprimée", "adresse:", True),
    ("cas-adresse-verifiee-absente.yaml", CAS, "aucune adresse n'est donnée",
     "adresse_verifiee: true", True),
    ("cas-etat-non-date.yaml", CAS, "doit donner une date", "etat_au: récemment", True),
    ("cas-source-en-double.yaml", CAS, "en double", None, True),
    ("cas-source-citee-absente.yaml", CAS, "source « tc-jugement » citée mais absente",
     "[tc-jugement]", True),
    ("cas-resume-guillemets-anglais.yaml", CAS, "champ « resume » : guillemets anglais",
     "resume:", True),
    ("cas-sans-sources.yaml", CAS, "champ « sources » : doit contenir au moins un élément",
     "sources: []", True),
    # Nine levels of nested aliases: 387 million strings once expanded. Refused at the
    # first alias, in constant memory.
    ("cas-bombe-d-alias.yaml", CAS, "alias YAML « *a » refusé", "x1: &b", True),
    ("cas-champ-en-double.yaml", CAS, "champ « pays » en double (lignes 5 et 7)",
     "pays: Russie", True),
    ("cas-tabulation.yaml", CAS, "YAML illisible : tabulation dans l'indentation",
     "\tevenement", True),
    ("primaire-champ-en-double.md", PRIMAIRE, "champ « titre » en double (lignes 3 et 11)",
     "titre: Un autre titre", True),
    ("etiquettes-une-en-moins.txt", LABELS, "22 étiquettes pour 23 groupes de sens", None,
     True),
    ("etiquettes-texte-different.txt", LABELS, "l'étiquette 7 « des costumes roses. » ne "
     "correspond pas", "des costumes roses.", True),
    ("etiquettes-chevauchement.txt", LABELS, "l'étiquette 7 commence avant la fin",
     "10.000000", True),
    ("etiquettes-ligne-mal-formee.txt", LABELS, "ligne mal formée", "4.511000 5.494000",
     True),
    ("etiquettes-au-dela-de-la-fin.txt", LABELS, "après la fin de l'enregistrement",
     "999.000000", True),
]


def line_of(path: Path, marker: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} is not in {path}")


def report(cli, *args: str) -> tuple[int, dict]:
    result = cli("verifier", "--json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_shipped_cases_have_no_error(monkeypatch):
    """The edition's real content: four cases, no error (synthetic readings are warnings)."""
    from typer.testing import CliRunner

    from dictee.cli.app import app

    monkeypatch.delenv("DICTEE_CONTENU", raising=False)
    result = CliRunner().invoke(app, ["verifier", "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0, [p for p in data["problemes"] if p["gravite"] == "erreur"]
    assert {"luis-manuel", "sasha", "chow-hang-tung", "dorgelesse"} <= set(data["cas"])
    assert data["erreurs"] == 0


@pytest.mark.parametrize("name, target, phrase, marker, is_error", BROKEN,
                         ids=[row[0] for row in BROKEN])
def test_each_broken_input_is_located(cli, content, name, target, phrase, marker, is_error):
    shutil.copyfile(DATA / name, content / target)
    code, data = report(cli, "luis-manuel")
    found = [p for p in data["problemes"] if phrase in p["message"]]
    assert found, [p["message"] for p in data["problemes"]]
    problem = found[0]
    assert problem["fichier"] == target
    assert problem["gravite"] == ("erreur" if is_error else "avertissement")
    if marker is not None:
        assert problem["ligne"] == line_of(content / target, marker)
    if is_error:
        assert code == 1 and not data["reussi"]


def test_everything_is_reported_at_once(cli, content):
    """A schema error does not hide a typography error, nor problems in another file."""
    shutil.copyfile(DATA / "primaire-schema-et-typographie.md", content / PRIMAIRE)
    shutil.copyfile(DATA / "cas-resume-guillemets-anglais.yaml", content / CAS)
    result = cli("verifier", "luis-manuel")
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    first_field = line_of(content / PRIMAIRE, "enregistrement:")  # where « titre » belongs
    assert (f"{PRIMAIRE}:{first_field} (schéma) : champ « titre » : champ obligatoire manquant"
            in out)
    assert "espace manquante avant « ; », « ! » ou « ? »" in out
    assert "guillemets anglais" in out
    assert "reprendront une fois ces erreurs corrigées" in out
    assert "Traceback" not in result.output


def test_warnings_pass_unless_strict(cli):
    code, data = report(cli)
    assert code == 0 and data["avertissements"] == 2 and data["erreurs"] == 0
    assert {p["message"] for p in data["problemes"]
            if p["gravite"] != "information"} == {"lecture de synthèse provisoire"}
    strict = cli("verifier", "--strict")
    assert strict.exit_code == 1
    assert "0 erreur, 2 avertissements" in strict.output


def test_missing_recording_and_label_file(cli, content):
    (content / "audio" / "luis-manuel" / "primaire.mp3").unlink()
    (content / "audio" / "luis-manuel" / "secondaire.labels.txt").unlink()
    code, data = report(cli)
    messages = {(p["fichier"], p["message"]) for p in data["problemes"]}
    assert ("audio/luis-manuel", "aucun enregistrement pour le niveau primaire") in messages
    assert ("audio/luis-manuel/secondaire.labels.txt", "fichier d'étiquettes absent") in messages
    assert code == 1


def test_recording_too_short_for_the_text(cli, content):
    audio = content / "audio" / "luis-manuel"
    (audio / "primaire.mp3").unlink()
    write_wav(audio / "primaire.wav", 3.0)
    code, data = report(cli)
    durations = [p for p in data["problemes"] if "durée peu plausible" in p["message"]]
    assert durations and durations[0]["fichier"] == "audio/luis-manuel/primaire.wav"
    words = ContentRoot(content).load("luis-manuel").level("primaire").word_count
    assert f"3,0\u00a0s pour un texte de {words} mots" in durations[0]["message"]
    assert code == 1


def test_corrupt_recording(cli, content):
    shutil.copyfile(DATA / "enregistrement-corrompu.mp3",
                    content / "audio" / "luis-manuel" / "primaire.mp3")
    code, data = report(cli)
    assert any("ce n'est pas un enregistrement audio" in p["message"]
               and p["fichier"] == "audio/luis-manuel/primaire.mp3" for p in data["problemes"])
    assert code == 1


def test_empty_content_folder(cli, tmp_path):
    empty = tmp_path / "vide"
    (empty / "texts").mkdir(parents=True)
    result = cli("verifier", "--contenu", str(empty))
    assert result.exit_code == 1
    assert "aucun cas dans ce dossier de contenu" in result.output


def test_folder_without_cas_yaml_is_reported(cli, content):
    (content / "texts" / "brouillon").mkdir()
    code, data = report(cli)
    assert any(p["cas"] == "brouillon" and "sans fichier cas.yaml" in p["message"]
               for p in data["problemes"])
    assert code == 1


def test_unknown_case_suggests_the_closest(cli):
    result = cli("verifier", "luis-manul")
    assert result.exit_code == 1
    assert "cas inconnu" in result.output and "luis-manuel" in result.output


def test_human_report_names_file_line_and_fix(cli, content):
    shutil.copyfile(DATA / "primaire-tableau-absent-du-texte.md", content / PRIMAIRE)
    result = cli("verifier")
    out = " ".join(result.output.split())
    line = line_of(content / PRIMAIRE, "- La Habana")
    assert f"erreur {PRIMAIRE}:{line} (tableau)" in out
    assert "→ Recopiez-le tel qu'il est écrit dans le texte" in out
    assert "1 cas vérifié :" in out


def test_a_huge_text_is_refused_before_it_is_read(cli, content):
    """50 Mo where a dictation takes 2 ko: refused from its size, with the limit."""
    target = content / PRIMAIRE
    shutil.copyfile(DATA / "primaire-trop-gros.md", target)
    os.truncate(target, 50_000_000)  # sparse: no disk used, the size is what counts
    for command in (("verifier", "luis-manuel"), ("voir", "luis-manuel")):
        result = cli(*command)
        out = " ".join(result.output.split())
        assert result.exit_code == 1, (command, result.output)
        assert "bien trop gros pour un cas de dictée : 50,0 Mo (limite : 200 ko)" in out
        assert "primaire.md" in out and "Traceback" not in result.output
    assert "1 cas invalide" in cli("cas").output


def test_a_case_folder_with_an_invalid_name_is_named(cli, content):
    (content / "texts" / "luis-manuel").rename(content / "texts" / "Luis Manuel")
    code, data = report(cli)
    found = [p for p in data["problemes"] if p["cas"] == "Luis Manuel"]
    assert found and found[0]["fichier"] == "texts/Luis Manuel"
    assert "le nom du dossier « Luis Manuel » n'est pas un identifiant" in found[0]["message"]
    assert "« luis-manuel »" in found[0]["conseil"]
    assert code == 1


def test_a_case_folder_with_an_invalid_name_is_named_as_it_is(monkeypatch, content):
    """The report a person reads names the folder « Luis : Manuel ; essai ! ? » as it is:
    on the case's line, where the problem is, and in the message, which writes it in its
    text; the words around keep their no-break spaces."""
    from typer.testing import CliRunner

    from dictee.cli.app import app
    from tests.french_spacing import plain_spaces_but

    name = "Luis : Manuel ; essai ! ?"
    (content / "texts" / "luis-manuel").rename(content / "texts" / name)
    monkeypatch.setenv("DICTEE_CONTENU", str(content))
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(app, ["verifier"], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"✗ {name}" in lines
    assert (f"  erreur texts/{name} (cas)\u00a0: le nom du dossier «\u00a0{name}\u00a0» "
            "n'est pas un identifiant de cas") in lines
    assert plain_spaces_but(result.output, name) == [], result.output
