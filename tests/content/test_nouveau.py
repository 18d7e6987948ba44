"""`dictee nouveau`: a commented skeleton that verifier then walks the author through."""

from __future__ import annotations

import datetime as dt
import errno
import re
from pathlib import Path

import yaml

from dictee.content.model import CaseMeta, LevelMeta
from dictee.content.scaffold import school_year
from dictee.content.typography import plain


def files_of(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_new_case_has_every_field_explained(cli, content):
    result = cli("nouveau", "jean-dupont", "--edition", "2023-2024")
    assert result.exit_code == 0, result.output
    folder = content / "texts" / "jean-dupont"
    assert files_of(folder) == ["cas.yaml", "primaire.md", "secondaire.md"]
    meta = (folder / "cas.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(meta)
    assert data["slug"] == "jean-dupont" and data["edition"] == "2023-2024"
    lines = meta.splitlines()
    for field in CaseMeta.model_fields:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        assert lines[index - 1].startswith("#"), f"« {field} » has no comment above it"
    for level in ("primaire", "secondaire"):
        text = (folder / f"{level}.md").read_text(encoding="utf-8")
        head, body = re.match(r"\A---\n(.*?\n)---\n(.*)\Z", text, re.S).groups()
        assert body == ""  # the dictation is for the author to write
        for field in LevelMeta.model_fields:
            assert re.search(rf"^# .*\n{field}:", head, re.M), f"{level}: « {field} »"


def test_verifier_then_lists_what_to_fill_with_lines(cli, content):
    cli("nouveau", "jean-dupont")
    result = cli("verifier", "jean-dupont")
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    meta = (content / "texts" / "jean-dupont" / "cas.yaml").read_text(encoding="utf-8")
    nom_line = meta.splitlines().index('nom: ""') + 1
    assert f"texts/jean-dupont/cas.yaml:{nom_line} (schéma) : champ « nom »" in out
    assert "primaire.md" in out and "le texte de la dictée est vide" in out
    assert "YAML illisible" not in out


def test_existing_case_is_never_touched(cli, content):
    folder = content / "texts" / "luis-manuel"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = cli("nouveau", "luis-manuel")
    assert result.exit_code == 1
    assert "existe déjà" in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_bad_slug_and_bad_edition_are_refused(cli, content):
    for args, phrase in ((["Jean Dupont"], "n'est pas un identifiant de cas valide"),
                         (["../x"], "n'est pas un identifiant de cas valide"),
                         (["jean", "--edition", "2022"], "édition « 2022 » invalide"),
                         (["jean", "--edition", "2022-2024"], "édition « 2022-2024 » invalide")):
        result = cli("nouveau", *args)
        assert result.exit_code == 1, args
        assert phrase in plain(result.output)
    assert sorted(p.name for p in (content / "texts").iterdir()) == ["luis-manuel"]


def test_new_content_folder_is_created(cli, tmp_path):
    mine = tmp_path / "mes-cas"
    result = cli("nouveau", "jean", "--contenu", str(mine))
    assert result.exit_code == 0, result.output
    assert files_of(mine) == ["texts", "texts/jean", "texts/jean/cas.yaml",
                              "texts/jean/primaire.md", "texts/jean/secondaire.md"]


def test_unwritable_folder_is_a_clear_error(cli, tmp_path):
    broken = tmp_path / "contenu-casse"
    broken.mkdir()
    (broken / "texts").write_text("un fichier, pas un dossier", encoding="utf-8")
    result = cli("nouveau", "jean", "--contenu", str(broken))
    assert result.exit_code == 1
    assert "impossible d'écrire dans ce dossier" in result.output
    assert "un fichier ou un dossier porte déjà ce nom" in result.output
    assert "File exists" not in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in broken.iterdir()) == ["texts"]


def test_full_disk_leaves_no_half_case(cli, tmp_path, monkeypatch):
    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    mine = tmp_path / "mes-cas"
    result = cli("nouveau", "jean", "--contenu", str(mine))
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert f"{mine / 'texts'} : impossible de créer le cas : le disque est plein" in text
    assert "No space left" not in text and "Traceback" not in text
    assert sorted(p.name for p in (mine / "texts").iterdir()) == []


def test_installed_content_is_not_modified(cli, monkeypatch, tmp_path):
    installed = tmp_path / "site-packages" / "dictee" / "_contenu"
    (installed / "texts").mkdir(parents=True)
    monkeypatch.delenv("DICTEE_CONTENU")
    monkeypatch.setattr("dictee.content.loader.builtin_root", lambda: installed)
    result = cli("nouveau", "jean")
    assert result.exit_code == 1
    assert "--contenu" in result.output
    assert list((installed / "texts").iterdir()) == []


def test_default_edition_is_the_school_year():
    assert school_year(dt.date(2026, 3, 15)) == "2025-2026"
    assert school_year(dt.date(2026, 9, 1)) == "2026-2027"
