"""Is a level's recording there, of a plausible length, and do its labels match the groups?

A recording read at 250 words per minute or more is cut short or is the wrong
file; under 10 words per minute it is something else than this dictation (a
whole programme, a paced track with long pauses counts ~15-40). The label file
is the truth the kits are cut from, so it must list exactly the text's groups,
in order, inside the recording.
"""

from __future__ import annotations

import re
from pathlib import Path

from dictee.audio import io
from dictee.audio.labels import Label, read_labels
from dictee.content.problem import ERROR, Problem
from dictee.content.typography import decimal, plain
from dictee.errors import DicteeError

MAX_WORDS_PER_MINUTE = 250
MIN_WORDS_PER_MINUTE = 10
END_TOLERANCE_MS = 100  # labels may run a hair past the end after an export
MAX_LISTED = 5  # label mismatches listed one by one, then summed up


def _normal(text: str) -> str:
    return " ".join(plain(text).split())


def _label_lines(path: Path) -> list[int]:
    """Line numbers of the label lines, skipping what read_labels skips."""
    numbers = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip() and not line.split("\t")[0].startswith("\\"):
            numbers.append(number)
    return numbers


def check_recording(slug: str, level: str, recording: Path | None, labels_path: Path,
                    groups: list[str], words: int, audio_dir: Path) -> list[Problem]:
    """Problems of one level's recording and label file (empty list: all good)."""
    def problem(message: str, *, path: Path | None, line: int | None = None,
                hint: str | None = None, category: str = "enregistrement") -> Problem:
        return Problem(slug, category, message, path, line, hint, ERROR)

    if recording is None:
        return [problem(f"aucun enregistrement pour le niveau {level}", path=audio_dir,
                        hint=f"Ajoutez {level}.mp3 (ou .wav, .m4a, .ogg, .flac) dans ce "
                             "dossier, avec son fichier d'étiquettes.")]
    found: list[Problem] = []
    duration = None
    try:
        decoded = io.decode(recording, rate=8_000)
        duration = len(decoded)
        if decoded.max == 0:
            found.append(problem("l'enregistrement est silencieux", path=recording,
                                 hint="Vérifiez le fichier, puis remplacez-le."))
    except DicteeError as error:
        found.append(problem(error.message, path=recording, hint=error.hint))
    if duration is not None and words:
        per_minute = words / (duration / 60_000) if duration else float("inf")
        low_ms = round(words / MAX_WORDS_PER_MINUTE * 60_000)
        high_ms = round(words / MIN_WORDS_PER_MINUTE * 60_000)
        if not MIN_WORDS_PER_MINUTE <= per_minute <= MAX_WORDS_PER_MINUTE:
            found.append(problem(
                f"durée peu plausible : {decimal(duration / 1000, 1)} s pour {words} mots "
                f"({per_minute:.0f} mots par minute)", path=recording,
                hint=f"Pour ce texte, attendez entre {low_ms / 1000:.0f} s et "
                     f"{high_ms / 60_000:.0f} min. Est-ce le bon fichier, complet ?"))
    found += _check_labels(labels_path, groups, duration, problem)
    return found


def _check_labels(path: Path, groups: list[str], duration: int | None, problem) -> list[Problem]:
    if not path.is_file():
        return [problem("fichier d'étiquettes absent", path=path, category="étiquettes",
                        hint="Créez-le dans Audacity (une étiquette par groupe de sens, "
                             "Fichier > Exporter > Exporter les étiquettes).")]
    try:
        labels = read_labels(path)
        numbers = _label_lines(path)
    except DicteeError as error:
        return [problem(error.message, path=path, line=error.line, hint=error.hint,
                        category="étiquettes")]
    found: list[Problem] = []

    def bad(message: str, line: int | None, hint: str | None = None) -> None:
        found.append(problem(message, path=path, line=line, hint=hint, category="étiquettes"))

    if len(labels) != len(groups):
        bad(f"{len(labels)} étiquettes pour {len(groups)} groupes de sens", None,
            "Il faut une étiquette par groupe, dans l'ordre du texte (dictee voir CAS "
            "liste les groupes).")
    mismatches = [(i, lab) for i, (lab, group) in enumerate(zip(labels, groups))
                  if _normal(lab.text) != _normal(group)]
    for i, lab in mismatches[:MAX_LISTED]:
        bad(f"l'étiquette {i + 1} « {lab.text} » ne correspond pas au groupe "
            f"« {groups[i]} »", numbers[i],
            "Corrigez le texte de l'étiquette, ou le découpage avec « / » dans le texte.")
    if len(mismatches) > MAX_LISTED:
        bad(f"… et {len(mismatches) - MAX_LISTED} autres étiquettes différentes des groupes",
            None)
    _timing(labels, numbers, duration, bad)
    return found


def _timing(labels: list[Label], numbers: list[int], duration: int | None, bad) -> None:
    for i in range(1, len(labels)):
        if labels[i].start_ms < labels[i - 1].end_ms:
            bad(f"l'étiquette {i + 1} commence avant la fin de la précédente", numbers[i],
                "Les étiquettes se suivent sans se chevaucher.")
    if duration is not None and labels and labels[-1].end_ms > duration + END_TOLERANCE_MS:
        bad(f"la dernière étiquette finit à {decimal(labels[-1].end_ms / 1000, 1)} s, après la fin "
            f"de l'enregistrement ({decimal(duration / 1000, 1)} s)", numbers[-1],
            "Ces étiquettes viennent sans doute d'un autre enregistrement.")
    for i, lab in enumerate(labels):
        if not re.search(r"\w", lab.text):
            bad(f"l'étiquette {i + 1} n'a pas de texte", numbers[i])
