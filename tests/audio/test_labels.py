"""One set of label rules: `verifier`, `audio segmenter` and `kit` say the same thing.

Each file under tests/data/etiquettes/ is Luis Manuel's primaire label file with one
bad line (line 5). Every command must name the file, the line and the problem, in
French, exit 1, and never crash on it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dictee.audio.labels import (
    DOUBT_MARK,
    Label,
    checked_labels,
    format_labels,
    label_problems,
    name_groups,
    parse_labels,
)
from dictee.errors import AudioError

DATA = Path(__file__).resolve().parent.parent / "data" / "etiquettes"
LABELS = Path("audio") / "luis-manuel" / "primaire.labels.txt"
BAD_LINE = 5

# data file → what every command must say about its line 5
BROKEN = {
    "debut-nan.txt": "le début « nan » n'est pas un temps fini",
    "fin-inf.txt": "la fin « inf » n'est pas un temps fini",
    "fin-1e309.txt": "la fin « 1e309 » n'est pas un temps fini",
    "debut-negatif.txt": "le début est négatif (−1,500\u00a0s)",
    "longueur-nulle.txt": "l'étiquette 5 est un point, pas une plage (début et fin à "
                          "9,587\u00a0s)",
    "fin-avant-debut.txt": "la fin (9,587\u00a0s) précède le début (10,923\u00a0s)",
    "temps-pas-un-nombre.txt": "la fin « dix » n'est pas un nombre de secondes",
}


def test_every_bad_input_has_its_file():
    assert sorted(p.name for p in DATA.iterdir()) == sorted(BROKEN)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_verifier_reports_one_problem_on_its_line(cli, content, name):
    shutil.copyfile(DATA / name, content / LABELS)
    result = cli("verifier", "--json", "luis-manuel")
    data = json.loads(result.stdout)
    found = [p for p in data["problemes"] if p["fichier"] == LABELS.as_posix()]
    assert [(p["message"], p["ligne"]) for p in found] == [(BROKEN[name], BAD_LINE)]
    assert result.exit_code == 1


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_segmenter_says_the_same(cli, content, name):
    shutil.copyfile(DATA / name, content / LABELS)
    before = (content / LABELS).read_bytes()
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert f"primaire.labels.txt:{BAD_LINE} : {' '.join(BROKEN[name].split())}" in text
    assert "inattendue" not in text
    assert (content / LABELS).read_bytes() == before


@pytest.mark.parametrize("name", ["fin-1e309.txt", "longueur-nulle.txt"])
def test_kit_says_the_same(cli, content, tmp_path, name):
    shutil.copyfile(DATA / name, content / LABELS)
    result = cli("kit", "luis-manuel", "--niveau", "primaire", "--sans-pdf", "--sortie",
                 str(tmp_path / "kits"))
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert f"primaire.labels.txt:{BAD_LINE} : {' '.join(BROKEN[name].split())}" in text
    assert not list((tmp_path / "kits").glob("*.zip"))


def test_the_rules_are_the_same_for_every_caller(tmp_path):
    """label_problems is what verifier lists; checked_labels raises its first item."""
    groups = ["Il peint,", "il danse", "et il chante."]
    path = tmp_path / "l.txt"
    path.write_text(format_labels([Label(1000, 2000, groups[0]), Label(1900, 1900, groups[1]),
                                   Label(2500, 9000, "et il rit.")]), encoding="utf-8")
    labels, syntax = parse_labels(path)
    assert syntax == []
    problems = label_problems(labels, groups, 5000)
    assert [(p.message.split(" (")[0], p.line) for p in problems] == [
        ("l'étiquette 3 « et il rit. » ne correspond pas au groupe « et il chante. »", 3),
        ("l'étiquette 2 est un point, pas une plage", 2),
        ("l'étiquette 2 commence avant la fin de la précédente", 2),
        ("l'étiquette 3 finit à 9,00\u00a0s, après la fin de l'enregistrement", 3)]
    with pytest.raises(AudioError) as raised:
        checked_labels(path, groups, 5000)
    assert raised.value.message == problems[0].message and raised.value.line == 3


def test_groups_to_check_are_marked_and_the_mark_is_accepted(tmp_path):
    groups = ["Il peint,", "il danse", "et il chante."]
    path = tmp_path / "l.txt"
    path.write_text(format_labels([Label(0, 900, groups[0]),
                                   Label(1000, 1900, groups[1], doubt=True),
                                   Label(2000, 2900, groups[2], doubt=True)]),
                    encoding="utf-8")
    assert f"\t{DOUBT_MARK}il danse\n" in path.read_text(encoding="utf-8")
    labels = checked_labels(path, groups, 3000)
    assert [lab.doubt for lab in labels] == [False, True, True]
    assert name_groups([2, 3]) == "les groupes 2 et 3"
    assert name_groups([7]) == "le groupe 7"
    assert name_groups([1, 7, 8]) == "les groupes 1, 7 et 8"
    # Every group of a reading: no list of thirty numbers.
    assert name_groups([1, 2, 3], 3) == "tous les groupes"
    assert name_groups([1, 2, 3], 4) == "les groupes 1, 2 et 3"
    assert name_groups([1, 2], 2) == "les groupes 1 et 2"


def test_verifier_names_the_groups_still_marked(cli, content):
    path = content / LABELS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for index in (6, 7):
        start, end, text = lines[index].split("\t")
        lines[index] = f"{start}\t{end}\t{DOUBT_MARK}{text}"
    path.write_text("".join(lines), encoding="utf-8")
    result = cli("verifier", "--json", "luis-manuel")
    data = json.loads(result.stdout)
    found = [p for p in data["problemes"] if p["fichier"] == LABELS.as_posix()]
    assert [(p["message"], p["ligne"], p["gravite"]) for p in found] == [
        ("les groupes 7 et 8 à vérifier à l'oreille", 7, "avertissement")]
    assert "Audacity" in found[0]["conseil"]
    assert result.exit_code == 0
