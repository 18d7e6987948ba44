"""`dictee corriger --amenagee`: a teacher types what a pupil wrote on the adapted sheet,
line by line of the sheet, and gets the same categories and scale as the full dictation."""

from __future__ import annotations

import json
from pathlib import Path

from dictee.adapt.answers import read_answers
from dictee.adapt.blanks import adapt
from dictee.adapt.grade import grade
from dictee.grading.scale import choose_scale
from tests.adapt.conftest import shipped

LEVEL = shipped("luis-manuel", "primaire")
SHEET = adapt(LEVEL)
BY_LEVEL = ["--amenagee", "--cas", "luis-manuel", "--niveau", "primaire"]
# Léa's sheet: « étudier » for « étudié » on line 4, « vifs » on line 7, « a » ticked
# instead of « à » on line 21, the rest right.
LEA = """# Léa, dictée aménagée
2. est
3. à
4. étudier
6. porter
7. rose / vifs
9. était / ouverte
10. ses
12. dire
13. porté
14. son
15. sur
17. arrêté
18. rejoindre
19. plus
20. condamné
21. a
22. pour
23. nous
"""


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sheet_lines_of_lea_are_the_blanks_of_the_sheet():
    """The sample follows the sheet: every line with blanks, in the key's order."""
    lines = sorted({blank.group for blank in SHEET.blanks})
    assert [int(line.split(".")[0]) for line in LEA.splitlines()[1:]] == lines
    assert len(read_answers(LEA, SHEET, "lea.txt")) == len(SHEET.blanks) == 20


def test_grades_a_typed_sheet_like_python_and_the_page(cli, tmp_path):
    lea = _file(tmp_path, "lea.txt", LEA)
    result = cli("corriger", *BY_LEVEL, str(lea))
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "dictée aménagée (20 trous)" in out
    assert "Trous justes : 17 / 20" in out and "note : 17 / 20" in out
    # Each error on the line of the sheet where the pupil made it.
    for line, expected, written, category in (("4", "étudié", "étudier", "grammaire"),
                                              ("7", "vif", "vifs", "grammaire"),
                                              ("21", "à", "a", "homophone")):
        assert f"{line} │ {expected} │ {written} │ {category}" in out, line
    data = json.loads(cli("corriger", *BY_LEVEL, str(lea), "--json").output)[0]
    graded = grade(SHEET, LEVEL.text, read_answers(LEA, SHEET, "lea.txt"))
    assert data == graded.as_json(str(lea))
    assert data["par_categorie"]["grammaire"] == 2 and data["par_categorie"]["homophone"] == 1
    assert data["ligne_de_chaque_trou"][:3] == [2, 3, 4]


def test_scale_presets_apply_to_the_adapted_sheet(cli, tmp_path):
    """A capital where none is: ½ point by default (demi-faute), a whole point with
    faute-entiere; the other three errors a point each in both."""
    lea = _file(tmp_path, "lea.txt", LEA.replace("23. nous", "23. Nous"))
    by_scale = {}
    for scale in ("demi-faute", "faute-entiere"):
        data = json.loads(cli("corriger", *BY_LEVEL, str(lea), "--json", "--bareme",
                              scale).output)[0]
        expected = grade(SHEET, LEVEL.text, read_answers(lea.read_text(encoding="utf-8"),
                                                         SHEET, str(lea)), choose_scale(scale))
        assert data == expected.as_json(str(lea))
        assert data["par_categorie"]["ponctuation-majuscule"] == 1
        by_scale[scale] = data["points"]
    assert by_scale == {"demi-faute": 3.5, "faute-entiere": 4}


def test_blanks_side_by_side_typed_as_in_the_key(cli, tmp_path):
    """« 7. rose vif », as the answer key prints it, is « 7. rose / vif »."""
    apart = read_answers("7. rose / vif\n", SHEET, "a.txt")
    assert read_answers("7. rose vif\n", SHEET, "b.txt") == apart
    assert apart[SHEET.blanks.index(next(b for b in SHEET.blanks if b.answer == "vif"))] == "vif"


def test_a_full_sheet_gets_full_marks_and_an_empty_one_counts_missing_words(cli, tmp_path):
    right = _file(tmp_path, "juste.txt", LEA.replace("étudier", "étudié").replace(
        "vifs", "vif").replace("21. a", "21. à"))
    empty = _file(tmp_path, "vide.txt", "# Rien d'écrit\n")
    data = json.loads(cli("corriger", *BY_LEVEL, str(right), str(empty), "--json").output)
    assert data[0]["note"] == 20 and data[0]["trous_justes"] == 20
    assert data[1]["par_categorie"]["mot"] == 20 and data[1]["trous_justes"] == 0


def test_bad_lines_are_all_named_and_nothing_is_graded(cli, tmp_path):
    bad = _file(tmp_path, "bad.txt", "2. est\n5. truc\n7. rose\n3. ou\nBonjour\n2. est\n")
    lea = _file(tmp_path, "lea.txt", LEA)
    notes = tmp_path / "notes.csv"
    result = cli("corriger", *BY_LEVEL, str(lea), str(bad), "--csv", str(notes))
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "5 problèmes dans 1 fichier de réponses : aucune copie n'a été corrigée" in out
    for line, words in ((2, "la ligne 5 de la fiche n'a pas de trou"),
                        (3, "la ligne 7 de la fiche a 2 trous, et on lit ici 1 réponse"),
                        (4, "ligne 3 de la fiche : « ou » n'est pas un des mots à cocher "
                            "(« a » ou « à »)"),
                        (5, "« Bonjour » ne commence pas par le numéro d'une ligne"),
                        (6, "la ligne 2 de la fiche est déjà donnée à la ligne 1")):
        assert f"bad.txt:{line} : {words}" in out, line
    assert "Traceback" not in result.output and not notes.exists()


def test_the_adapted_sheet_needs_the_case(cli, tmp_path):
    lea = _file(tmp_path, "lea.txt", LEA)
    text = _file(tmp_path, "texte.txt", LEVEL.text)
    result = cli("corriger", "--amenagee", "--texte", str(text), str(lea))
    assert result.exit_code == 1
    assert "--amenagee s'emploie avec --cas" in " ".join(result.output.split())
