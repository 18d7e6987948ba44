"""`dictee corriger` as a teacher uses it: files, folders, stdin, JSON, CSV, scales, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dictee.cli.app import app
from dictee.content.loader import ContentRoot
from dictee.content.typography import plain
from tests.french_spacing import plain_spaces, plain_spaces_but

REPO = Path(__file__).resolve().parent.parent
PRIMAIRE = ContentRoot(REPO).load("luis-manuel").levels["primaire"].text
# Three errors a teacher would mark: homophone, grammaire, ponctuation-majuscule.
WITH_ERRORS = (PRIMAIRE.replace("né à La Havane", "né a La Havane")
               .replace("sa maison était", "sa maison étais")
               .replace("Il peint, il danse", "Il peint il danse"))
BY_LEVEL = ["--cas", "luis-manuel", "--niveau", "primaire"]


@pytest.fixture
def run(monkeypatch, content):
    monkeypatch.setenv("DICTEE_CONTENU", str(content))
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def invoke(*args: str, stdin: bytes | None = None):
        result = runner.invoke(app, ["corriger", *args], input=stdin, catch_exceptions=False)
        if "--json" not in args:  # what a person reads: French spacing (tests/conftest.py)
            assert plain_spaces(result.output) == [], result.output
        return result

    return invoke


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_json_is_exactly_the_documented_shape(run, tmp_path):
    copy = _write(tmp_path / "lea.txt", WITH_ERRORS)
    result = run(*BY_LEVEL, str(copy), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # nothing else on standard output
    assert [entry["copie"] for entry in data] == [str(copy)]
    entry = data[0]
    assert set(entry) == {"copie", "erreurs", "nombre_erreurs", "par_categorie", "points",
                          "note", "sur", "erreurs_comptees", "signalement", "copie_incomplete",
                          "autre_texte"}
    assert (entry["erreurs_comptees"], entry["signalement"], entry["copie_incomplete"]) == (
        3, None, None)
    assert [(e["attendu"], e["ecrit"], e["categorie"]) for e in entry["erreurs"]] == [
        ("à", "a", "homophone"), (",", "", "ponctuation-majuscule"),
        ("était", "étais", "grammaire")]
    assert all(set(e) == {"attendu", "ecrit", "categorie", "position"}
               for e in entry["erreurs"])
    assert entry["erreurs"][0]["position"] == 9  # « à » is the tenth token
    assert entry["nombre_erreurs"] == 3
    assert entry["par_categorie"] == {"mot": 0, "homophone": 1, "grammaire": 1, "accent": 0,
                                      "ponctuation-majuscule": 1, "usage": 0}
    assert (entry["points"], entry["note"], entry["sur"]) == (2.5, 17.5, 20)


def test_a_folder_gives_every_txt_and_a_csv_for_the_spreadsheet(run, tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder / "b-sam.txt", WITH_ERRORS)
    _write(folder / "a-lea.txt", PRIMAIRE)
    _write(folder / "notes.md", "pas une copie")
    table = tmp_path / "notes.csv"
    result = run(*BY_LEVEL, str(folder), "--csv", str(table))
    assert result.exit_code == 0, result.output
    assert "Bilan de la classe" in result.stdout
    assert "Aucune erreur." in result.stdout and "étais" in result.stdout
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a French spreadsheet opens it in UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["copie", "nombre_erreurs", "mot", "homophone", "grammaire", "accent",
                       "ponctuation-majuscule", "usage", "points", "note", "signalement"]
    assert rows[1] == [str(folder / "a-lea.txt"), "0", "0", "0", "0", "0", "0", "0", "0", "20",
                       ""]
    assert rows[2] == [str(folder / "b-sam.txt"), "3", "0", "1", "1", "0", "1", "0", "2,5",
                       "17,5", ""]


def test_an_existing_csv_is_kept_without_force(run, tmp_path):
    copy = _write(tmp_path / "lea.txt", PRIMAIRE)
    table = _write(tmp_path / "notes.csv", "à garder")
    result = run(*BY_LEVEL, str(copy), "--csv", str(table))
    assert result.exit_code == 1
    assert "existe déjà" in result.output and "--force" in result.output
    assert table.read_text(encoding="utf-8") == "à garder"
    assert run(*BY_LEVEL, str(copy), "--csv", str(table), "--force").exit_code == 0
    assert table.read_text(encoding="utf-8-sig").startswith("copie;")
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "contenu")
    assert left == ["lea.txt", "notes.csv"]  # no temporary file left behind


def test_standard_input_and_utf16_with_bom(run, tmp_path):
    utf16 = _write(tmp_path / "utf16.txt", "\ufeff" + WITH_ERRORS, "utf-16-le")
    bom8 = _write(tmp_path / "bom8.txt", "\ufeff" + WITH_ERRORS)
    result = run(*BY_LEVEL, "-", str(utf16), str(bom8), "--json",
                 stdin=WITH_ERRORS.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["copie"] for d in data] == ["-", str(utf16), str(bom8)]
    assert data[0]["erreurs"] == data[1]["erreurs"] == data[2]["erreurs"]
    assert data[0]["nombre_erreurs"] == 3


def test_another_encoding_is_refused_with_the_file_named(run, tmp_path):
    latin = _write(tmp_path / "latin.txt", WITH_ERRORS.replace("œ", "oe"), "latin-1")
    result = run(*BY_LEVEL, str(latin))
    assert result.exit_code == 1
    assert "latin.txt" in result.output and "UTF-8" in result.output
    assert "Traceback" not in result.output
    no_bom = _write(tmp_path / "sans-bom.txt", WITH_ERRORS, "utf-16-le")
    result = run(*BY_LEVEL, str(no_bom))
    assert result.exit_code == 1 and "sans-bom.txt" in result.output


def test_two_levels_and_no_niveau_asks_which_one(run, tmp_path):
    copy = _write(tmp_path / "lea.txt", PRIMAIRE)
    result = run("--cas", "luis-manuel", str(copy))
    assert result.exit_code == 1
    assert "primaire" in result.output and "secondaire" in result.output
    assert "--niveau" in result.output
    result = run("--cas", "luis-manuel", "--niveau", "college", str(copy))
    assert result.exit_code == 1 and "college" in result.output


def test_an_expected_text_from_a_file(run, tmp_path):
    text = _write(tmp_path / "texte.txt", "Il a été arrêté avant d'y arriver.")
    copy = _write(tmp_path / "copie.txt", "il a ete arreter avant dy arriver")
    result = run("--texte", str(text), str(copy), "--json")
    assert result.exit_code == 0, result.output
    found = [(e["attendu"], e["ecrit"], e["categorie"])
             for e in json.loads(result.stdout)[0]["erreurs"]]
    assert found == [("Il", "il", "ponctuation-majuscule"), ("été", "ete", "accent"),
                     ("arrêté", "arreter", "grammaire"),
                     ("d'y", "dy", "ponctuation-majuscule"), (".", "", "ponctuation-majuscule")]


def test_one_source_of_expected_text_exactly(run, tmp_path):
    copy = _write(tmp_path / "lea.txt", PRIMAIRE)
    neither = run(str(copy))
    both = run("--cas", "luis-manuel", "--texte", str(copy), str(copy))
    for result in (neither, both):
        assert result.exit_code == 1
        assert "--cas" in result.output and "--texte" in result.output


def test_a_case_text_is_kept_until_the_case_changes(run, tmp_path, monkeypatch, content):
    """The next class of the same dictation does not read the whole case again; a case
    edited since, or one that does not read without error, is read (and checked) again."""
    monkeypatch.setenv("DICTEE_CACHE", str(tmp_path / "cache"))
    reads: list[str] = []
    load = ContentRoot.load
    monkeypatch.setattr(ContentRoot, "load", lambda root, slug: reads.append(slug)
                        or load(root, slug))
    copy = _write(tmp_path / "lea.txt", WITH_ERRORS)
    first = run(*BY_LEVEL, str(copy), "--json")
    again = run(*BY_LEVEL, str(copy), "--json")
    assert first.exit_code == again.exit_code == 0, first.output
    assert again.stdout == first.stdout and reads == ["luis-manuel"]

    text = content / "texts" / "luis-manuel" / "primaire.md"
    text.write_text(text.read_text(encoding="utf-8").replace("né à La Havane",
                                                             "né à Santiago"), encoding="utf-8")
    edited = run(*BY_LEVEL, str(copy), "--json")
    assert reads == ["luis-manuel"] * 2
    assert ["Santiago"] == [e["attendu"] for e in json.loads(edited.stdout)[0]["erreurs"]
                            if e["attendu"] == "Santiago"]

    meta = content / "texts" / "luis-manuel" / "cas.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("slug:", "slugg:"),
                    encoding="utf-8")
    for _ in range(2):
        broken = run(*BY_LEVEL, str(copy), "--json")
        assert broken.exit_code == 1 and "slugg" in broken.output
    assert reads == ["luis-manuel"] * 4


def test_a_teacher_scale(run, tmp_path):
    copy = _write(tmp_path / "lea.txt", WITH_ERRORS)
    scale = _write(tmp_path / "bareme.toml",
                   "sur = 10\n[poids]\nhomophone = 2\nponctuation-majuscule = 0.25\n")
    result = run(*BY_LEVEL, str(copy), "--bareme", str(scale), "--json")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)[0]
    assert (entry["points"], entry["note"], entry["sur"]) == (3.25, 6.75, 10)


def test_a_broken_scale_reports_every_problem(run, tmp_path):
    copy = _write(tmp_path / "lea.txt", PRIMAIRE)
    scale = _write(tmp_path / "bareme.toml",
                   "total = 20\n[poids]\nhomophones = 1\naccent = -1\nusage = 0.333\n")
    result = run(*BY_LEVEL, str(copy), "--bareme", str(scale))
    assert result.exit_code == 1
    for expected in ("4 erreurs", "« total »", "« homophones »", "accent", "usage",
                     "bareme.toml"):
        assert expected in plain(result.output)
    invalid = _write(tmp_path / "faux.toml", "sur = = 3")
    result = run(*BY_LEVEL, str(copy), "--bareme", str(invalid))
    assert result.exit_code == 1 and "TOML" in result.output


def test_missing_copies_and_empty_folders_are_named(run, tmp_path):
    result = run(*BY_LEVEL, str(tmp_path / "absente.txt"))
    assert result.exit_code == 1 and "absente.txt" in result.output
    empty = tmp_path / "vide"
    empty.mkdir()
    result = run(*BY_LEVEL, str(empty))
    assert result.exit_code == 1 and "aucune copie" in result.output


def test_a_folder_in_brackets_is_named_whole(run, tmp_path):
    """A teacher's folder « [brouillon] » is a file name, not rich's markup: the message
    names it as it is, so the teacher finds the file."""
    folder = tmp_path / "[brouillon]"
    folder.mkdir()
    result = run(*BY_LEVEL, str(folder / "absente.txt"))
    assert result.exit_code == 1 and "[brouillon]/absente.txt" in result.output


def test_bad_copies_one_at_a_time_and_the_class_report(run, tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder / "lea.txt", WITH_ERRORS)
    _write(folder / "sam.txt", PRIMAIRE)
    _write(folder / "word.txt", WITH_ERRORS.replace("œ", "oe"), "latin-1")  # unreadable
    _write(folder / "vide.txt", "  \n")
    _write(folder / "court.txt", PRIMAIRE[:PRIMAIRE.index("Dans le quartier")])
    report = tmp_path / "bilan.html"
    result = run(*BY_LEVEL, str(folder), "--json", "--rapport", str(report))
    assert result.exit_code == 3, result.output  # something was not marked
    assert "word.txt" in result.stderr and "UTF-8" in result.stderr
    data = {Path(d["copie"]).name: d for d in json.loads(result.stdout)}
    assert sorted(data) == ["court.txt", "lea.txt", "sam.txt", "vide.txt"]
    assert (data["vide.txt"]["signalement"], data["vide.txt"]["note"]) == ("copie vide", None)
    assert data["court.txt"]["signalement"] == "copie incomplète"
    assert data["court.txt"]["copie_incomplete"]["phrase"] == 4
    assert data["court.txt"]["note"] == 20  # marked on what was written
    assert data["lea.txt"]["note"] == 17.5 and data["lea.txt"]["signalement"] is None
    page = report.read_text(encoding="utf-8")
    for heading in ("Les erreurs de la classe", "Les dix erreurs les plus fréquentes",
                    "Les élèves", "À travailler ensuite"):
        assert heading in page
    assert page.index("<svg") < page.index("Les dix erreurs")  # the picture first
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "copie illisible" in page and "copie vide" in page
    assert "s’arrête à la phrase 4" in page or "s'arrête à la phrase 4" in page
    assert "size: letter" in page
    assert "Demi-faute (par défaut)." in page  # the scale it was marked with
    # Each of the three most frequent categories gets something to practise.
    assert page.count("<h3>") == 3


def test_a_named_scale_and_a_case_text_with_group_marks(run, tmp_path):
    repeated = WITH_ERRORS.replace("porté le drapeau", "porté le drapeaux")
    copy = _write(tmp_path / "lea.txt", repeated)
    once = run(*BY_LEVEL, str(copy), "--bareme", "quebec-erreur-repetee", "--json")
    assert once.exit_code == 0, once.output
    assert json.loads(once.stdout)[0]["sur"] == 20
    unknown = run(*BY_LEVEL, str(copy), "--bareme", "severe")
    assert unknown.exit_code == 1 and "demi-faute" in unknown.output
    marked = _write(tmp_path / "texte.md", "---\ntitre: essai\n---\nIl a porté / le drapeau "
                    "de son pays / sur lui.\n")
    plain = _write(tmp_path / "copie.txt", "Il a porté le drapeau de son pays sur lui.")
    result = run("--texte", str(marked), str(plain), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["erreurs"] == []


@pytest.mark.parametrize("slug", ContentRoot(REPO).slugs())
def test_the_class_report_of_every_shipped_case(slug):
    from dictee.cli.corriger import _case_notes
    from dictee.grading import correct
    from dictee.grading.report import report_html

    for level in ContentRoot(REPO).load(slug).levels.values():
        words = level.text.split(" ")
        copy = " ".join(w.upper() if k % 7 == 3 else w for k, w in enumerate(words))
        results = [("eleve.txt", correct(level.text, copy))]
        page = report_html(results, [], slug, level.text, _case_notes(level))
        assert "Ponctuation et majuscules" in page and "<h3>" in page


def test_a_school_set_lists_no_copy_by_copy_detail_but_every_mark(run, tmp_path):
    """Past a class (DETAILED_COPIES), the terminal keeps the class summary only: the
    error tables of a thousand copies would help nobody; the CSV still has every copy."""
    from dictee.cli.corriger import DETAILED_COPIES

    folder = tmp_path / "copies"
    folder.mkdir()
    for k in range(DETAILED_COPIES + 1):
        _write(folder / f"eleve-{k:02d}.txt", WITH_ERRORS)
    table = tmp_path / "notes.csv"
    result = run(*BY_LEVEL, str(folder), "--csv", str(table))
    assert result.exit_code == 0, result.output
    assert "Attendu" not in result.output  # no error table per copy
    assert f"au-delà de {DETAILED_COPIES}" in result.output
    assert "Bilan de la classe" in result.output
    assert "eleve-40.txt" in result.output
    with table.open(encoding="utf-8-sig") as opened:
        assert len(opened.read().strip().splitlines()) == DETAILED_COPIES + 2  # header


def test_the_scale_option_of_every_command_names_every_preset():
    """One definition of --bareme for corriger, kit and edition: its help lists the
    presets of baremes.toml, all of them."""
    from dictee.cli.options import Bareme
    from dictee.grading.scale import presets

    shown = Bareme.__metadata__[0].help
    assert all(name in shown for name in presets()), shown


def test_the_class_summary_fits_an_80_column_terminal_with_unmarked_copies(run, tmp_path,
                                                                          monkeypatch):
    """A copy without a mark says why in a word in the summary (the full reason is
    printed with the copy), so the table is not folded letter by letter at 80 columns."""
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder / "lea.txt", WITH_ERRORS)
    _write(folder / "vide.txt", "  \n")
    _write(folder / "hors-sujet.txt", "Patati patata, bidule truc machin chose. " * 3)
    _write(folder / "word.txt", WITH_ERRORS.replace("œ", "oe"), "latin-1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)  # the names as a teacher types them: copies/lea.txt
    result = run(*BY_LEVEL, "copies")
    assert result.exit_code == 3, result.output
    summary = result.stdout[result.stdout.index("Bilan de la classe"):]
    lines = summary.splitlines()
    rows = [line.split("│") for line in lines if line.startswith("│")]
    assert all(len(line) <= 80 for line in lines)
    assert all(row[2].strip() in ("", "—") or row[2].strip().isdigit() for row in rows)
    # Each name whole on its row, never cut across lines.
    names = [row[1].strip() for row in rows]
    assert names == ["copies/hors-sujet.txt (sans rapport)", "copies/lea.txt",
                     "copies/vide.txt (vide)", "copies/word.txt (illisible)"], names
    assert "sans rapport avec le texte." in result.stdout  # the reason, in full


def test_a_copy_of_the_other_level_or_another_case_says_which_and_what_to_run(
        run, tmp_path, monkeypatch, content):
    """A teacher who chose the wrong level (or case) is told, copy by copy, in the class
    summary, the JSON, the CSV and the report, instead of getting 80 errors a copy."""
    import shutil

    shutil.copytree(REPO / "texts" / "sasha", content / "texts" / "sasha")
    secondaire = ContentRoot(REPO).load("luis-manuel").levels["secondaire"].text
    sasha = ContentRoot(REPO).load("sasha").levels["primaire"].text
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder / "lea.txt", WITH_ERRORS)
    _write(folder / "noah.txt", secondaire.replace("en 1987", "en 1978"))
    _write(folder / "zoe.txt", sasha[:sasha.index("Le 31 mars")])  # stops early, too
    _write(folder / "faible.txt", WITH_ERRORS.replace("artiste", "artisse")
           .replace("maison", "mèzon").replace("toujours", "toujour"))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    table = tmp_path / "notes.csv"
    report = tmp_path / "bilan.html"
    result = run(*BY_LEVEL, "copies", "--csv", str(table), "--rapport", str(report))
    assert result.exit_code == 3, result.output
    assert ("Copie d'un autre texte : elle semble suivre le texte de niveau secondaire ; "
            "relancez avec --niveau secondaire.") in " ".join(result.stdout.split())
    assert "relancez avec --cas sasha --niveau primaire" in " ".join(result.stdout.split())
    summary = result.stdout[result.stdout.index("Bilan de la classe"):]
    assert all(len(line) <= 80 for line in summary.splitlines())
    names = " ".join(row.split("│")[1].strip() for row in summary.splitlines()
                     if row.startswith("│"))  # a long name on two lines, cut at a space
    for shown in ("copies/noah.txt (niveau secondaire\u00a0?)",
                  "copies/zoe.txt (cas sasha\u00a0?)", "copies/lea.txt copies/n",
                  "copies/faible.txt copies/l"):
        assert shown in names, names  # a weak pupil is marked, not sent elsewhere
    rows = {r["copie"]: r for r in csv.DictReader(
        io.StringIO(table.read_text(encoding="utf-8-sig")), delimiter=";")}
    assert rows["copies/noah.txt"]["note"] == ""
    assert rows["copies/noah.txt"]["signalement"].endswith("relancez avec --niveau secondaire")
    page = report.read_text(encoding="utf-8")
    assert 'relancez avec <code class="commande">--cas sasha --niveau primaire</code>' in page
    row = page[page.index("zoe"):]
    assert row[:row.index("</tr>")].endswith("<td>—</td>")  # no categories to work on
    data = {d["copie"]: d for d in json.loads(run(*BY_LEVEL, "copies", "--json").stdout)}
    assert data["copies/noah.txt"]["autre_texte"] == {"cas": "luis-manuel",
                                                      "niveau": "secondaire"}
    assert data["copies/zoe.txt"]["signalement"] == "copie d'un autre texte"
    assert data["copies/zoe.txt"]["note"] is None
    assert data["copies/faible.txt"]["autre_texte"] is None
    assert data["copies/lea.txt"]["note"] == 17.5


def test_a_class_graded_against_the_wrong_level_is_told_once(run, tmp_path):
    secondaire = ContentRoot(REPO).load("luis-manuel").levels["secondaire"].text
    for name in ("a", "b", "c"):
        _write(tmp_path / f"{name}.txt", secondaire)
    result = run(*BY_LEVEL, str(tmp_path))
    assert result.exit_code == 3
    assert ("3 copies sur 3 semblent suivre le texte de niveau secondaire ; relancez avec "
            "--niveau secondaire.") in " ".join(result.stderr.split())


def test_with_an_expected_text_file_no_other_text_is_guessed(run, tmp_path):
    expected = _write(tmp_path / "texte.txt", PRIMAIRE)
    secondaire = ContentRoot(REPO).load("luis-manuel").levels["secondaire"].text
    copy = _write(tmp_path / "noah.txt", secondaire)
    data = json.loads(run("--texte", str(expected), str(copy), "--json").stdout)
    assert data[0]["autre_texte"] is None and data[0]["signalement"] != "copie d'un autre texte"


def test_a_narrow_terminal_keeps_names_whole_and_shows_each_copy_s_main_categories(
        run, tmp_path, monkeypatch):
    """At 80 columns (a usual default) the six category columns leave about ten
    characters for the names, which were cut across lines (« copies/e2 », « 5.txt »):
    the summary then keeps, for each copy, the two categories it has most errors in,
    names whole, says where the full detail is, and flags a copy that stops early."""
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder / "emma-tremblay-gagnon.txt", WITH_ERRORS)
    _write(folder / "juste.txt", PRIMAIRE)
    _write(folder / "courte.txt", PRIMAIRE[:PRIMAIRE.index(".") + 1])
    monkeypatch.chdir(tmp_path)
    wide_enough, said = {}, {}
    for columns in ("80", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        result = run(*BY_LEVEL, "copies")
        assert result.exit_code == 0, result.output
        summary = result.stdout[result.stdout.index("Bilan de la classe"):]
        assert all(len(line) <= int(columns) for line in summary.splitlines())
        rows = {cells[1].strip(): [c.strip() for c in cells[2:-1]]
                for cells in (line.split("│") for line in summary.splitlines()
                              if line.startswith("│"))}
        assert set(rows) == {"copies/emma-tremblay-gagnon.txt", "copies/juste.txt",
                             "copies/courte.txt (incomplète)"}, rows
        wide_enough[columns] = rows
        said[columns] = " ".join(result.stdout.split())
    narrow, wide = wide_enough["80"], wide_enough["200"]
    emma = wide["copies/emma-tremblay-gagnon.txt"]  # Erreurs, six categories, Note
    assert len(emma) == 8 and len(narrow["copies/emma-tremblay-gagnon.txt"]) == 3
    labels = ["mot", "homo.", "gram.", "acc.", "ponct.", "usage"]
    ranked = sorted((label for label, n in zip(labels, emma[1:7]) if int(n)),
                    key=lambda label: -int(emma[1 + labels.index(label)]))[:2]
    assert narrow["copies/emma-tremblay-gagnon.txt"] == [
        emma[0], ", ".join(f"{label} {emma[1 + labels.index(label)]}" for label in ranked),
        emma[-1]]
    assert narrow["copies/juste.txt"] == ["0", "", "20"]
    assert "Le détail par catégorie : --csv, ou un terminal de" in said["80"]
    assert "Le détail par catégorie" not in said["200"]


def test_a_copy_is_named_as_it_is_even_with_colons_in_its_name(run, tmp_path):
    """rich reads « :fire: » as an emoji code: the teacher must see the file's own name
    in the message that sets it aside, or she cannot find it."""
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder / "lea.txt", WITH_ERRORS)
    _write(folder / "z:fire:z.txt", WITH_ERRORS.replace("œ", "oe"), "latin-1")
    result = run(*BY_LEVEL, str(folder))
    assert result.exit_code == 3, result.output
    assert "z:fire:z.txt" in result.stderr and "\U0001f525" not in result.stderr


def test_a_copy_is_named_as_it_is_even_with_a_spaced_colon_in_its_name(monkeypatch, content,
                                                                       tmp_path):
    """A copy named « Léa : dictée ?.txt » is found by that name: the terminal shows it as
    it is, without the no-break spaces of French (in its heading, in the class table, in
    an error), while every message around it keeps them."""
    monkeypatch.setenv("DICTEE_CONTENU", str(content))
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "copies"
    folder.mkdir()
    copy = _write(folder / "Léa : dictée ?.txt", WITH_ERRORS)
    runner = CliRunner()
    result = runner.invoke(app, ["corriger", *BY_LEVEL, str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.count(str(copy)) == 2  # its heading and its row of the table
    assert plain_spaces(result.output.replace(str(copy), "")) == [], result.output
    assert "Points retirés\u00a0:" in result.stdout
    lost = folder / "Perdue : copie ?.txt"
    result = runner.invoke(app, ["corriger", *BY_LEVEL, str(copy), str(lost)],
                           catch_exceptions=False)
    assert result.exit_code == 1
    assert f"Erreur\u00a0: {lost}\u00a0: copie introuvable" in result.stderr


def test_a_scale_file_is_named_as_it_is_in_its_errors(monkeypatch, content, tmp_path):
    """A scale (barème) kept as « Barèmes : 6e B ; essai ! ?/classe.toml » is named as it
    is in each error listed under the summary (the summary writes them in its own text),
    and so is a name given to --bareme that is neither a file nor a preset; the words
    around keep their no-break spaces."""
    monkeypatch.setenv("DICTEE_CONTENU", str(content))
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "Barèmes : 6e B ; essai ! ?"
    folder.mkdir()
    scale = _write(folder / "classe.toml", "sur = 0\nfoo = 1\n")
    copy = _write(tmp_path / "copie.txt", WITH_ERRORS)
    runner = CliRunner()
    result = runner.invoke(app, ["corriger", *BY_LEVEL, str(copy), "--bareme", str(scale)],
                           catch_exceptions=False)
    assert result.exit_code == 1
    assert "le barème contient 2 erreurs\u00a0:" in result.stderr
    assert f"  • {scale}\u00a0: champ inconnu\u00a0: «\u00a0foo\u00a0»" in result.stderr
    assert f"  • {scale}\u00a0: «\u00a0sur\u00a0» doit être" in result.stderr
    assert plain_spaces_but(result.stderr, str(scale)) == [], result.stderr
    given = str(folder / "classe")  # no .toml, no such file: an unknown scale
    result = runner.invoke(app, ["corriger", *BY_LEVEL, str(copy), "--bareme", given],
                           catch_exceptions=False)
    assert result.exit_code == 1
    assert f"barème inconnu\u00a0: «\u00a0{given}\u00a0»" in result.stderr
    assert plain_spaces_but(result.stderr, given) == [], result.stderr


def test_the_real_command_prints_writes_and_exits_as_the_runner_says(run, tmp_path, content):
    """`dictee corriger` in a process of its own (main(), which skips the search for
    garbage at shutdown) prints the same, writes the same CSV and gives the same exit
    code as the command run inside the tests."""
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder / "a-lea.txt", WITH_ERRORS)
    _write(folder / "b-vide.txt", "")  # no mark: exit code 3
    inside = run(*BY_LEVEL, str(folder), "--csv", str(tmp_path / "dedans.csv"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "DICTEE_CONTENU": str(content),
           "COLUMNS": "200"}
    alone = subprocess.run(
        [sys.executable, "-m", "dictee.cli", "corriger", *BY_LEVEL, str(folder), "--csv",
         str(tmp_path / "seul.csv")], env=env, capture_output=True, text=True, check=False)
    assert (alone.returncode, inside.exit_code) == (3, 3)
    assert alone.stdout == inside.stdout and "Bilan de la classe" in alone.stdout
    assert "1 copie sans note" in alone.stderr
    assert (tmp_path / "seul.csv").read_bytes() == (tmp_path / "dedans.csv").read_bytes()


_WATCHED = """
import functools, gc, sys
import dictee.cli.corriger as module

real = module.corriger

@functools.wraps(real)
def corriger(*args, **kwargs):
    print("collecteur", gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)
    return real(*args, **kwargs)

module.corriger = corriger
sys.argv = ["dictee", "corriger", *sys.argv[1:]]
from dictee.cli.app import main
main()
"""


def test_the_garbage_collector_is_on_while_the_command_works(tmp_path, content):
    """main() keeps the collector off while typer, pydantic and rich are imported, then
    on for the work (a school's set of copies, a long build), those imports frozen."""
    copy = _write(tmp_path / "lea.txt", WITH_ERRORS)
    env = {**os.environ, "PYTHONPATH": str(REPO), "DICTEE_CONTENU": str(content)}
    done = subprocess.run([sys.executable, "-c", _WATCHED, *BY_LEVEL, str(copy)], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "collecteur True True" in done.stderr


def test_a_pasted_megabyte_is_flagged_too_long_in_every_output(run, tmp_path):
    """The text pasted over and over, a megabyte: « copie trop longue », no mark, in the
    terminal, --json and --csv, and no other text tried for it (too long there too)."""
    copy = _write(tmp_path / "colle.txt", (PRIMAIRE + "\n") * 1700)
    assert copy.stat().st_size >= 1_000_000
    result = run(*BY_LEVEL, str(copy))
    assert result.exit_code == 3, result.output
    assert "Copie trop longue." in result.output and "Pas de note" in result.output
    result = run(*BY_LEVEL, str(copy), "--json", "--csv", str(tmp_path / "notes.csv"))
    assert result.exit_code == 3, result.output
    entry = json.loads(result.stdout)[0]
    assert (entry["signalement"], entry["note"], entry["erreurs"], entry["autre_texte"]) == (
        "copie trop longue", None, [], None)
    raw = (tmp_path / "notes.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert rows[1][0] == str(copy) and rows[1][-1] == "copie trop longue"
