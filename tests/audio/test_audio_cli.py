"""`dictee audio preparer | segmenter | synthetiser`, as a teacher or author runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dictee.audio import io, segment
from dictee.audio.labels import (
    Label,
    checked_labels,
    format_labels,
    label_problems,
    parse_labels,
    read_labels,
)
from dictee.content.loader import ContentRoot
from dictee.errors import AudioError
from tests.audio import readings
from tests.conftest import REPO, write_wav

AUDIO = Path("audio") / "luis-manuel"


def _convert(source: Path, target: Path, *extra: str) -> Path:
    subprocess.run([io.ffmpeg(), "-v", "error", "-y", "-i", str(source), *extra, str(target)],
                   check=True)
    return target


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("suffix", [".m4a", ".ogg", ".flac"])
def test_preparer_imports_any_format_as_normalised_trimmed_mono_mp3(cli, content, tmp_path,
                                                                    suffix):
    placeholder = content / AUDIO / "primaire.mp3"
    # Quiet, stereo, with 2 s of silence before and 3 s after the reading.
    source = _convert(placeholder, tmp_path / f"lecture{suffix}", "-af",
                      "adelay=2000,apad=pad_dur=3,volume=0.25", "-ac", "2")
    placeholder.unlink()
    result = cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "primaire")
    assert result.exit_code == 0, result.output
    target = content / AUDIO / "primaire.mp3"
    samples = io.decode_samples(target)
    env = segment.envelope(samples, io.SAMPLE_RATE)
    spoken = np.flatnonzero(segment.speech(env).mask)
    lead = env.ms(spoken[0])
    tail = len(samples) * 1000 / io.SAMPLE_RATE - env.ms(spoken[-1] + 1)
    assert 400 <= lead <= 600 and 400 <= tail <= 600
    report = subprocess.run([io.ffmpeg(), "-hide_banner", "-i", str(target), "-af", "ebur128",
                             "-f", "null", "-"], capture_output=True, text=True).stderr
    integrated = float(report.rsplit("I:", 1)[1].split("LUFS")[0])
    assert -18.5 <= integrated <= -14.5
    assert "segmenter" in result.output  # the labels now belong to the old recording
    # What was done to the timeline, so that labels made on the original can be moved.
    said = " ".join(result.output.split())
    assert "début raccourci de 2,0 s de silence, fin raccourcie de 3,0 s de silence" in said
    assert "est ici 2,0 s plus tôt" in said
    assert not _leftovers(content / AUDIO)


def test_preparer_never_replaces_without_force(cli, content, tmp_path):
    before = (content / AUDIO / "primaire.mp3").read_bytes()
    source = _convert(content / AUDIO / "primaire.mp3", tmp_path / "l.wav")
    result = cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "primaire")
    assert result.exit_code == 1 and "--force" in result.output
    assert (content / AUDIO / "primaire.mp3").read_bytes() == before
    assert cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "primaire",
               "--force").exit_code == 0


def test_preparer_sets_aside_the_labels_of_the_recording_it_replaces(cli, content, tmp_path):
    """Left in place, the old recording's labels passed verifier and cut the kit (20 of
    23 groups 0.3 to 3 s off, none flagged). They are renamed beside it, kept for
    Audacity: verifier asks for new ones, and a second import keeps the first's."""
    labels = content / AUDIO / "primaire.labels.txt"
    before = labels.read_text(encoding="utf-8")
    source = _convert(content / AUDIO / "primaire.mp3", tmp_path / "lecture.wav", "-af",
                      "adelay=2000")
    result = cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "primaire",
                 "--force")
    assert result.exit_code == 0, result.output
    aside = content / AUDIO / "primaire.labels.ancien.txt"
    assert not labels.exists() and aside.read_text(encoding="utf-8") == before
    said = " ".join(result.output.split())
    assert "mises de côté sous" in said and "primaire.labels.ancien.txt" in said, said
    assert "Étape suivante : dictee audio segmenter luis-manuel --niveau primaire" in said
    said = " ".join(cli("verifier", "luis-manuel").output.split())
    assert "primaire.labels.txt (étiquettes) : fichier d'étiquettes absent" in said, said
    labels.write_text(before.replace("Luis Manuel", "Luis  Manuel"), encoding="utf-8")
    assert cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "primaire",
               "--force").exit_code == 0
    assert aside.read_text(encoding="utf-8") == before
    again = content / AUDIO / "primaire.labels.ancien-2.txt"
    assert again.read_text(encoding="utf-8") == before.replace("Luis Manuel", "Luis  Manuel")
    assert not labels.exists() and not _leftovers(content / AUDIO)


def test_preparer_keeps_labels_placed_on_the_original_and_puts_back_on_failure(
        cli, content, tmp_path, monkeypatch):
    """Labels with no recording yet were placed on the original file (docs/audio.md):
    kept. And when the import fails after the old labels were set aside, they go back
    beside the old recording, which stays."""
    import os

    labels = content / AUDIO / "primaire.labels.txt"
    before = labels.read_text(encoding="utf-8")
    source = _convert(content / AUDIO / "primaire.mp3", tmp_path / "lecture.wav")
    (content / AUDIO / "primaire.mp3").unlink()
    result = cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "primaire")
    assert result.exit_code == 0 and "mises de côté" not in result.output, result.output
    assert labels.read_text(encoding="utf-8") == before
    recording = (content / AUDIO / "primaire.mp3").read_bytes()
    real = os.replace

    def refused(old, new):
        if str(new).endswith(".mp3"):
            raise PermissionError(13, "Permission denied", str(new))
        return real(old, new)

    monkeypatch.setattr(os, "replace", refused)
    result = cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "primaire",
                 "--force")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert labels.read_text(encoding="utf-8") == before
    assert (content / AUDIO / "primaire.mp3").read_bytes() == recording
    assert not list((content / AUDIO).glob("*.ancien*")) and not _leftovers(content / AUDIO)


def test_label_hints_name_the_commands_to_type(tmp_path):
    """« dictee audio segmenter CAS --force », typed with the case alone, redid both
    levels and lost the other's corrections: the hints name the case and the level."""
    groups = ["Il peint,", "il danse"]
    path = tmp_path / "audio" / "sasha" / "secondaire.labels.txt"
    path.parent.mkdir(parents=True)
    path.write_text(format_labels([Label(1000, 9000, groups[0])]), encoding="utf-8")
    labels, _ = parse_labels(path)
    (problem, *_) = label_problems(labels, groups, 5000, path)
    assert "dictee voir sasha" in problem.hint
    assert "dictee audio segmenter sasha --niveau secondaire --force" in problem.hint
    with pytest.raises(AudioError) as raised:
        checked_labels(path, groups, 5000)
    assert "dictee audio segmenter sasha --niveau secondaire --force" in raised.value.hint


def _text(folder: Path) -> Path:
    (folder / "texte.wav").write_text("pas du son", encoding="utf-8")
    return folder / "texte.wav"


def _short(folder: Path) -> Path:
    return _convert(folder / "kept.mp3", folder / "court.wav", "-t", "4")


@pytest.mark.parametrize("make, message", [
    (_text, "ce n'est pas un enregistrement audio"),
    (lambda d: write_wav(d / "silence.wav", 30, silent=True), "silencieux"),
    (_short, "durée peu plausible"),
])
def test_preparer_refuses_bad_files_and_writes_nothing(cli, content, tmp_path, make, message):
    (content / AUDIO / "secondaire.mp3").rename(tmp_path / "kept.mp3")
    source = make(tmp_path)
    result = cli("audio", "preparer", "luis-manuel", str(source), "--niveau", "secondaire")
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (content / AUDIO / "secondaire.mp3").exists()
    assert not _leftovers(content / AUDIO)


def test_preparer_asks_for_a_level_when_the_case_has_several(cli, content):
    result = cli("audio", "preparer", "luis-manuel", str(content / AUDIO / "primaire.mp3"))
    assert result.exit_code == 1 and "--niveau" in result.output


def test_segmenter_writes_labels_then_keeps_and_checks_them(cli, content):
    labels = content / AUDIO / "primaire.labels.txt"
    truth = read_labels(labels)
    labels.unlink()
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire")
    assert result.exit_code == 0, result.output
    found = read_labels(labels)
    assert [lab.text for lab in found] == [lab.text for lab in truth]
    assert max(abs(a.start_ms - b.start_ms) for a, b in zip(found, truth)) <= 30
    # A person's corrections are the truth: kept, only checked.
    edited = labels.read_text(encoding="utf-8").replace("\test un artiste cubain",
                                                        "\test un artiste")
    labels.write_text(edited, encoding="utf-8")
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire")
    assert result.exit_code == 1
    assert "primaire.labels.txt:2" in result.output and "ne correspond pas" in result.output
    assert labels.read_text(encoding="utf-8") == edited
    assert cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire",
               "--force").exit_code == 0
    assert read_labels(labels)[1].text == "est un artiste cubain"


def test_segmenter_without_recording_says_what_to_do(cli, content):
    (content / AUDIO / "primaire.mp3").unlink()
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire")
    assert result.exit_code == 1 and "dictee audio preparer" in result.output


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_synthetiser_writes_a_reading_with_exact_labels(cli, content):
    result = cli("audio", "synthetiser", "luis-manuel", "--niveau", "primaire")
    assert result.exit_code == 1 and "--force" in result.output
    (content / AUDIO / "primaire.mp3").unlink()
    (content / AUDIO / "primaire.labels.txt").unlink()
    result = cli("audio", "synthetiser", "luis-manuel", "--niveau", "primaire")
    assert result.exit_code == 0, result.output
    labels = read_labels(content / AUDIO / "primaire.labels.txt")
    level = ContentRoot(content).load("luis-manuel").levels["primaire"]
    assert [lab.text for lab in labels] == [g.text for g in level.groups]
    assert abs(io.duration_ms(content / AUDIO / "primaire.mp3") - labels[-1].end_ms - 500) <= 60


def test_segmenter_table_has_no_empty_column_when_nothing_is_to_check(cli, content):
    """The table of groups: the column « à vérifier » only when a group is flagged;
    empty, it looked like a drawing fault at the table's edge."""
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire", "--force")
    assert result.exit_code == 0, result.output
    assert "à vérifier" not in result.output
    header = next(line for line in result.output.splitlines() if "Groupe" in line)
    assert [cell.strip() for cell in header.strip("┃|").split("┃")] == [
        "", "Début", "Fin", "Groupe"], header


def test_timeline_never_says_a_shift_of_nothing():
    """preparer's line on the timeline: a trim too small for tenths of a second is given
    in hundredths (« 0,0 s plus tôt » would tell the staff nothing), one under 5 ms as
    none at all."""
    from dictee.cli.audio import _timeline

    assert _timeline(20, -80) == ("début raccourci de 0,02\u00a0s de silence, fin allongée "
                                  "de 0,08\u00a0s de silence. Une étiquette placée sur le "
                                  "fichier d'origine est ici 0,02\u00a0s plus tôt.")
    assert _timeline(3, 2000) == "début inchangé, fin raccourcie de 2,0\u00a0s de silence."
    assert _timeline(-1500, 0) == ("début allongé de 1,5\u00a0s de silence, fin inchangée. "
                                   "Une étiquette placée sur le fichier d'origine est ici "
                                   "1,5\u00a0s plus tard.")


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
@pytest.mark.parametrize("espeak_ng", ["absent", "en panne"])
def test_segmenter_without_espeak_ng_names_the_joins_and_says_why(cli, content, monkeypatch,
                                                                   tmp_path, espeak_ng):
    """A reading with no pause between its groups, segmented where no espeak-ng can be
    found (neither the program nor the wheel's library), or where the one found fails:
    every group is named to check, and the message says why and what to do, once,
    instead of boundaries a word off left unflagged (without junctions.refined naming
    them, only 5 of 23 were)."""
    from dictee.audio import espeak
    from dictee.audio.labels import DOUBT_MARK
    from tests.audio.test_align import _write_reading

    level = ContentRoot(content).load("luis-manuel").levels["primaire"]
    reading = readings.build([(g.sentence, g.text) for g in level.groups], seed=0,
                             condition=readings.CONDITIONS["lecture continue"])
    _write_reading(content / AUDIO, "primaire", reading)
    broken = tmp_path / "espeak-ng"
    broken.write_text(f"#!{sys.executable}\nimport sys\n"
                      "sys.exit('espeak-ng: No such file or directory: phontab')\n",
                      encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(espeak, "command",
                        lambda: None if espeak_ng == "absent" else [str(broken)])
    espeak.problem.cache_clear()
    try:
        result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire", "--force")
        checked = " ".join(cli("verifier", "luis-manuel").output.split())
    finally:
        espeak.problem.cache_clear()
    # Every join in doubt for want of espeak-ng: no question about the reading itself.
    assert "tous les groupes à vérifier" in checked and "Est-ce bien" not in checked, checked
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    if espeak_ng == "absent":
        assert said.count("sans espeak-ng (introuvable sur cet ordinateur)") == 1
        assert "apt-get install espeak-ng" in said
    else:
        assert said.count("sans espeak-ng (le programme a échoué, code de sortie 1, message "
                          "« No such file or directory: phontab »)") == 1
        assert 'espeak-ng -v fr -w essai.wav "Bonjour"' in said
    assert "relancez avec --force" in said
    assert "vérifiez tous les groupes dans Audacity" in said
    lines = (content / AUDIO / "primaire.labels.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(level.groups) and all(DOUBT_MARK in line for line in lines)


@pytest.mark.parametrize("slug, seed", [("dorgelesse", 22), ("sasha", 26)])
def test_preparer_keeps_the_soft_ends_of_a_reading_under_a_noise(slug, seed):
    """10 dB under a noise (a condition of the goal), the level alone missed the soft
    ends of these primary readings: preparer cut 1 s (0.4 s) of the last sentence off
    with the « silence », and 0.4 s of the first word of the first: the kit lost them,
    and no group was flagged. Every sample of the speech is kept, with at least a
    quarter of a second around it; the silence beyond is still trimmed."""
    from dictee.audio import prepare

    level = ContentRoot(REPO).load(slug).levels["primaire"]
    reading = readings.build([(g.sentence, g.text) for g in level.groups], seed=seed,
                             condition=readings.CONDITIONS["bruit 10 dB"])
    _, lead_ms, tail_ms, finding = prepare.trim(reading.samples, readings.RATE,
                                                path=Path("lecture.wav"))
    assert finding is None
    duration_ms = len(reading.samples) * 1000 / readings.RATE
    start_ms, end_ms = reading.truth[0][0], reading.truth[-1][1]
    assert lead_ms <= start_ms - 250, (lead_ms, start_ms)
    assert duration_ms - tail_ms >= end_ms + 250, (duration_ms - tail_ms, end_ms)
    assert duration_ms - tail_ms <= end_ms + prepare.EDGE_MS + 250


def test_a_reading_of_another_level_is_questioned(cli, content):
    """The secondary reading imported as the primary one was cut into groups, every one
    named to check, and nothing asked whether it was the right reading: segmenter and
    verifier ask."""
    from tests.audio.test_align import _write_reading

    level = ContentRoot(content).load("luis-manuel").levels["secondaire"]
    reading = readings.build([(g.sentence, g.text) for g in level.groups], seed=1,
                             condition=readings.CONDITIONS["pauses"])
    _write_reading(content / AUDIO, "primaire", reading)  # in place of the primary one
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire", "--force")
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "aucune frontière n'est sûre" in said, said
    assert "Est-ce bien la lecture de ce texte, à ce niveau ?" in said
    said = " ".join(cli("verifier", "luis-manuel").output.split())
    assert "tous les groupes à vérifier à l'oreille" in said, said
    assert "Est-ce bien la lecture de ce texte, à ce niveau ?" in said
    # Its own reading asks nothing.
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "secondaire", "--force")
    assert result.exit_code == 0 and "Est-ce bien" not in " ".join(result.output.split())
