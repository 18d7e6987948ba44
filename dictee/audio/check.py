"""`dictee verifier`'s view of a level's recording and label file.

It applies the rules every command shares (plausible.py for the recording,
labels.py for the label file) and turns each finding into a located Problem,
so that an author sees all of them at once.
"""

from __future__ import annotations

from pathlib import Path

from dictee.audio import espeak, io, plausible
from dictee.audio.labels import (
    ALL_IN_DOUBT,
    all_in_doubt,
    doubtful,
    label_problems,
    name_groups,
    parse_labels,
)
from dictee.content.problem import ERROR, WARNING, Problem
from dictee.errors import DicteeError


def check_recording(slug: str, level: str, recording: Path | None, labels_path: Path,
                    groups: list[str], words: int, audio_dir: Path) -> list[Problem]:
    """Problems of one level's recording and label file (empty list: all good)."""
    def problem(message: str, *, path: Path | None, line: int | None = None,
                hint: str | None = None, category: str = "enregistrement",
                severity: str = ERROR) -> Problem:
        return Problem(slug, category, message, path, line, hint, severity)

    if recording is None:
        return [problem(f"aucun enregistrement pour le niveau {level}", path=audio_dir,
                        hint=f"Importez-le : dictee audio preparer {slug} FICHIER --niveau "
                             f"{level}, puis dictee audio segmenter {slug} --niveau {level}.")]
    found: list[Problem] = []
    duration = None
    by_hand = False  # `audio segmenter` refuses the recording: labels go in Audacity
    try:
        # At the rate `audio segmenter` hears it (io.SAMPLE_RATE): at 8 kHz, a noise's
        # share above 4 kHz was cut off, and a reading that segmenter refuses as too
        # noisy passed here.
        samples = plausible.decoded(recording, words, rate=io.SAMPLE_RATE)
        duration = round(len(samples) * 1000 / io.SAMPLE_RATE)
        for finding in (plausible.speech_problem(samples, io.SAMPLE_RATE),
                        plausible.length_problem(duration, words)):
            if finding:
                by_hand |= finding.by_hand
                # A voice drowned in its echo or a noise: the labels can still be
                # placed by hand.
                found.append(problem(finding.message, path=recording, hint=finding.hint,
                                     severity=WARNING if finding.by_hand else ERROR))
    except DicteeError as error:
        found.append(problem(error.message, path=recording, hint=error.hint))
    if not labels_path.is_file():
        return found + [problem(
            "fichier d'étiquettes absent", path=labels_path, category="étiquettes",
            hint=("Créez-le dans Audacity" if by_hand else
                  f"Créez-le avec « dictee audio segmenter {slug} --niveau {level} », ou "
                  "dans Audacity")
            + " (une étiquette par groupe de sens, Fichier > Exporter > Exporter les "
              "étiquettes).")]
    labels, problems = parse_labels(labels_path)
    if not problems:
        problems = label_problems(labels, groups, duration, labels_path)
    found += [problem(p.message, path=labels_path, line=p.line, hint=p.hint,
                      category="étiquettes") for p in problems]
    if not problems:
        for pace in plausible.reading_problems([(lab.start_ms, lab.end_ms) for lab in labels],
                                               groups):
            found.append(problem(pace.message, path=labels_path, category="étiquettes",
                                 line=labels[pace.group - 1].line, severity=WARNING,
                                 hint=plausible.READING_HINT))
    unsure = doubtful(labels)
    if unsure and not problems:
        named = name_groups(unsure, len(labels))
        which = "l'étiquette" if len(unsure) == 1 else "les étiquettes"
        # Not when espeak-ng is missing or broken: that alone leaves every join in doubt.
        asked = f"{ALL_IN_DOUBT} " if all_in_doubt(labels) and espeak.problem() is None \
            else ""
        found.append(problem(
            f"{named} à vérifier à l'oreille", path=labels_path,
            line=labels[unsure[0] - 1].line, category="étiquettes", severity=WARNING,
            hint=f"{asked}Vérifiez {named} dans Audacity, déplacez {which} si besoin, puis "
                 "retirez la marque « [à vérifier] » et exportez les étiquettes."))
    return found

