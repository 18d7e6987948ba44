"""`dictee kit` chooses the versions; LISEZMOI.txt says what each file is for."""

from __future__ import annotations

import re
import zipfile

from docx import Document

from dictee.adapt.versions import CREAM, TEMPLATES, VERSIONS
from dictee.content.loader import ContentRoot
from dictee.kit_plan import KitOptions, inputs_digest
from tests.docx_text import docx_text


def _kit(cli, tmp_path, *extra: str) -> dict[str, bytes]:
    result = cli("kit", "luis-manuel", "--sans-audio", "--sans-pdf", "--sortie",
                 str(tmp_path), "--force", *extra)
    assert result.exit_code == 0, result.output
    name = "dictee-luis-manuel-primaire.zip" if "--niveau" in extra else "dictee-luis-manuel.zip"
    with zipfile.ZipFile(tmp_path / name) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def _documents_described(readme: str, files: dict[str, bytes]) -> None:
    """Every document of the zip is named in LISEZMOI.txt, with a line saying what for."""
    for name in files:
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if name.endswith(".docx"):
            assert re.search(rf"^ *{re.escape(stem)} \(", readme, re.M), stem


def test_default_kit_holds_every_version(cli, tmp_path):
    files = _kit(cli, tmp_path)
    for level in ("primaire", "secondaire"):
        for template in TEMPLATES:
            assert f"{level}/{template}" in files
    assert "interactif/dictee-amenagee.html" in files
    readme = files["LISEZMOI.txt"].decode("utf-8")
    _documents_described(readme, files)
    assert "interactif/dictee-amenagee.html" in readme
    # Each file on a line of its own, as the teacher scans the list (not « …vérifie sa
    # copieinteractif/dictee-amenagee.html »).
    for name in ("interactif/dictee.html", "interactif/dictee-amenagee.html"):
        assert re.search(rf"^{re.escape(name)}\r?$", readme, re.M), name
    assert "dictée aménagée" in readme and "apprennent le français" in readme
    assert "dictée 0 faute" in readme


def test_versions_left_out(cli, tmp_path, content):
    files = _kit(cli, tmp_path, "--sans", "amenagee", "--sans", "phrases-du-jour")
    assert "primaire/mots-de-l-histoire.docx" in files
    assert not any("amenagee" in name or "phrases-du-jour" in name for name in files)
    assert "interactif/dictee.html" in files
    readme = files["LISEZMOI.txt"].decode("utf-8")
    _documents_described(readme, files)
    assert "fiche-eleve-amenagee" not in readme and "phrases-du-jour" not in readme
    guide = tmp_path / "guide.docx"
    guide.write_bytes(files["primaire/guide-enseignant.docx"])
    text = docx_text(guide)
    assert "Les mots de l’histoire" in text and "La dictée aménagée" not in text


def test_unknown_version_is_refused(cli, tmp_path):
    out_dir = tmp_path / "kits"
    result = cli("kit", "luis-manuel", "--sans-audio", "--sortie", str(out_dir),
                 "--sans", "amenage")
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "version inconnue : « amenage »" in out
    assert "amenagee, mots, phrases-du-jour" in out
    assert not out_dir.exists()


def test_cream_pages(cli, tmp_path):
    files = _kit(cli, tmp_path, "--creme", "--niveau", "primaire")
    for template in TEMPLATES:
        path = tmp_path / template
        path.write_bytes(files[f"primaire/{template}"])
        xml = Document(str(path)).element.xml
        assert (f'w:color="{CREAM}"' in xml) == (template != "phrases-du-jour-enseignant.docx")
    guide = tmp_path / "guide.docx"
    guide.write_bytes(files["primaire/guide-enseignant.docx"])
    assert "<w:background" not in Document(str(guide)).element.xml
    assert "page crème" in files["LISEZMOI.txt"].decode("utf-8")


def test_versions_and_cream_change_the_inputs(content):
    root = ContentRoot(content)
    case = root.load("luis-manuel")
    levels = list(case.levels.values())
    digests = {inputs_digest(root, case, levels, options) for options in (
        KitOptions(), KitOptions(versions=VERSIONS[1:]), KitOptions(cream=True),
        KitOptions(word_bank=True))}
    assert len(digests) == 4


def _sheet_text(tmp_path, files: dict[str, bytes], name: str) -> str:
    path = tmp_path / name.replace("/", "-")
    path.write_bytes(files[name])
    return docx_text(path)


def test_word_bank_on_the_class_sheets_only_when_asked(cli, tmp_path, monkeypatch):
    """With --banque-de-mots, the pupil's sheet and the fill-in sheet of each level carry
    every glossary word with its simple explanation and every grammar word, and the class
    page is asked for its bank; without it, none of this (the bank spells the words the
    dictation tests)."""
    import dictee.kit
    from dictee.adapt.sheets import word_bank_context

    asked: list[bool] = []
    render_page = dictee.kit.render_page

    def page(*args, word_bank=False, **kwargs):
        asked.append(word_bank)
        return render_page(*args, word_bank=word_bank, **kwargs)

    monkeypatch.setattr(dictee.kit, "render_page", page)
    with_bank = _kit(cli, tmp_path / "avec", "--banque-de-mots")
    without = _kit(cli, tmp_path / "sans")
    assert asked == [True, False]
    case = ContentRoot.choose(None).load("luis-manuel")
    for level in ("primaire", "secondaire"):
        bank = word_bank_context(case.level(level))
        assert bank["mots_expliques"] and bank["mots_a_ecrire_abc"]
        for sheet in ("fiche-eleve.docx", "fiche-eleve-a-trous.docx"):
            name = f"{level}/{sheet}"
            text = _sheet_text(tmp_path, with_bank, name)
            assert "Les mots de l’histoire" in text, name
            for entry in bank["mots_expliques"]:
                assert f"{entry['mot']} : {entry['definition']}".replace(" :", "\xa0:") \
                    in text, (name, entry["mot"])
            words = text[text.index("Mots à bien écrire"):].splitlines()[0]
            assert words.endswith(" · ".join(bank["mots_a_ecrire_abc"])), words
            plain = _sheet_text(tmp_path, without, name)
            assert "banque" not in plain.lower(), name
            assert "Les mots de l’histoire" not in plain, name
            assert not any(e["definition"] in plain for e in bank["mots_expliques"]), name
    readme = with_bank["LISEZMOI.txt"].decode("utf-8")
    assert "ces deux fiches portent la banque de mots" in readme
    assert "ces deux fiches portent" not in without["LISEZMOI.txt"].decode("utf-8")
    for text in (readme, without["LISEZMOI.txt"].decode("utf-8")):
        # The bank's staff note ends its line: the next item starts a line of its own.
        assert "\n- Corriger des copies tapées" in text
    guide = _sheet_text(tmp_path, with_bank, "primaire/guide-enseignant.docx")
    assert "La banque de mots sur les fiches de la classe" in guide


def test_word_bank_sorted_as_a_bank_not_as_the_answers():
    """On the fill-in sheet the grammar words are the blanks: listed in alphabetical
    order, the pupil still chooses where each goes."""
    from dictee.adapt.sheets import word_bank_context

    words = word_bank_context(ContentRoot.choose(None).load("luis-manuel")
                              .level("secondaire"))["mots_a_ecrire_abc"]
    assert words == ["avait porté", "faite", "inséparables", "mis", "Né", "passées",
                     "rejoindrait"]
