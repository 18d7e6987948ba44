"""build_kit(root, slug, options) → one zip holding everything for the lesson.

The kit is assembled in a private staging folder, then zipped under a temporary
name beside the target and renamed: an error or Ctrl-C leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dictee import __version__
from dictee.adapt.sheets import word_bank_context
from dictee.adapt.versions import ADAPTED, PAGE, VERSIONS
from dictee.archive import file_sha256, output_folder, write_zip
from dictee.audio import io
from dictee.audio.lesson import LessonAudio, render_lesson_audio
from dictee.content.loader import ContentRoot
from dictee.content.model import Case, LevelText
from dictee.content.typography import decimal, french, opening, times
from dictee.errors import AudioError, BuildError, os_error
from dictee.grading.scale import DEFAULT, Scale, presets
from dictee.grading.scale import title as scale_title
from dictee.kit_plan import KitOptions, KitPlan, edition_stamp, plan_kit
from dictee.render import pdf
from dictee.render.adapted import render_versions, version_context
from dictee.render.adapted_page import render_adapted_page
from dictee.render.context import Stamp, advice_context, letter_context, level_context
from dictee.render.documents import render_docx
from dictee.render.environment import render_text
from dictee.render.page import render_page
from dictee.scratch import scratch_folder

Progress = Callable[[str], None]
SYNTHETIC_NOTICE = (
    "La lecture fournie est une voix de synthèse, placée là pour que la trousse "
    "fonctionne dès l’installation. Remplacez-la par l’enregistrement de la campagne "
    "« La dictée d’une vie » (la marche à suivre est dans LISEZMOI, « Pour le "
    "personnel »), ou lisez le texte vous-même.")


@dataclass
class KitResult:
    path: Path
    file_count: int
    notes: list[str] = field(default_factory=list)


def _prepare_output(target: Path, options: KitOptions) -> Path:
    output_folder(target.parent)
    if target.exists() and not options.force:
        raise BuildError("cette trousse existe déjà", path=target,
                         hint="Ajoutez --force pour la remplacer.")
    return target


def _check_recordings(case: Case, levels: list[LevelText]) -> None:
    missing = [lv for lv in levels if lv.recording is None]
    if missing:
        names = ", ".join(lv.level for lv in missing)
        raise AudioError(
            f"aucun enregistrement pour le cas « {case.slug} » (niveau {names})",
            path=Path("audio") / case.slug,
            hint="Importez-le avec « dictee audio preparer », ou ajoutez --sans-audio "
                 "pour construire la trousse sans son.")


def _clock(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _minutes(ms: int) -> str:
    """A duration as a teacher reads it: « 14 min 50 s »."""
    seconds = round(ms / 1000)
    return f"{seconds // 60} min {seconds % 60:02d} s"


def _pause_words(pause: float) -> str:
    """The pause setting as a teacher says it (nothing when it is the usual one)."""
    if pause == 1:
        return ""
    return (f" (pauses {decimal(pause)} fois plus longues que d'habitude)" if pause > 1
            else f" (pauses plus courtes que d'habitude : × {decimal(pause)})")


def _paced_for_guide(level: LevelText, lesson: LessonAudio, options: KitOptions) -> dict:
    """The paced track as the guide describes it: what it does, and when each sentence starts."""
    sentences = level.sentences
    timeline = [{"temps": _clock(lesson.plan.start_of("lecture")),
                 "texte": "première lecture du texte entier"}]
    for index, start in sorted(lesson.timeline.items()):
        timeline.append({"temps": _clock(start),
                         "texte": f"phrase {index + 1} : {opening(sentences[index])}"})
    timeline.append({"temps": _clock(lesson.proofreading_ms),
                     "texte": "signal sonore, puis relecture du texte entier"})
    return {
        "description": french(
            f"La piste rythmée ({_minutes(lesson.paced_ms)}, dans le dossier audio) suit le "
            f"déroulement : le texte entier, puis chaque phrase lue une fois et chacun de "
            f"ses groupes lu {times(options.repetitions)}, suivi d'une pause pour écrire, "
            f"plus longue pour un groupe long{_pause_words(options.pause)} ; un signal "
            f"sonore annonce la "
            f"relecture. Un extrait par groupe permet de faire réécouter un groupe. Les "
            f"sous-titres à projeter indiquent où en est la classe (phrase, groupe), sans le "
            f"texte ; ceux qui montrent le texte sont pour vous : ne les projetez pas."),
        "chronologie": timeline,
    }


def _scale_option(scale: Scale) -> str:
    """What `dictee corriger` needs to grade with the kit's scale: nothing for the
    default, the preset's name, or the teacher's own file."""
    known = presets().get(scale.name)
    if known is not None and known.scale == scale:
        return "" if scale.name == DEFAULT else f" --bareme {scale.name}"
    return " --bareme VOTRE-BAREME.toml"


def _level_audio(level: LevelText, case: Case, root: ContentRoot, folder: Path,
                 options: KitOptions) -> LessonAudio:
    """The reading as a tagged MP3, the paced track, one clip per group, WebVTT cues."""
    assert level.recording is not None
    audio_dir = folder / "audio"
    audio_dir.mkdir(parents=True, exist_ok=True)
    tags = {"title": f"{case.meta.nom} — {level.meta.titre}",
            "artist": level.meta.enregistrement.lecteur,
            "album": f"Écrire, ça libère {case.meta.edition} — La dictée d'une vie",
            "genre": "Speech", "date": case.meta.edition[:4]}
    # The lesson decodes the recording first: a corrupt or silent file stops here.
    lesson = render_lesson_audio(level, level.recording, root.labels(case.slug, level.level),
                                 audio_dir, pause=options.pause,
                                 repetitions=options.repetitions, tags=tags)
    io.copy_as_mp3(level.recording, audio_dir / "lecture.mp3", tags=tags)
    return lesson


def build_kit(root: ContentRoot, slug: str, options: KitOptions,
              progress: Progress | None = None) -> KitResult:
    """Build the kit of `slug` and return where it was written."""
    try:
        return _build_kit(root, slug, options, progress)
    except OSError as error:
        # The zip's own folder is named by write_zip; what is left happened while
        # assembling the kit, in the temporary folder unless a file is named.
        raise os_error(error, "préparer la trousse",
                       path=error.filename or tempfile.gettempdir()) from error


def _build_kit(root: ContentRoot, slug: str, options: KitOptions,
               progress: Progress | None) -> KitResult:
    say = progress or (lambda message: None)
    say(f"Lecture du cas {slug}…")
    case = root.load(slug)
    plan = plan_kit(root, case, options)
    levels = list(plan.levels)
    if options.audio:
        _check_recordings(case, levels)
    target = _prepare_output(plan.target, options)
    stamp = edition_stamp(case.meta.edition)
    who = Stamp(options.school, options.klass)
    notes: list[str] = []
    make_pdf = plan.pdf
    if options.pdf and not make_pdf:
        notes.append("LibreOffice est introuvable : la trousse ne contient que les fichiers "
                     "Word (.docx), sans PDF. Installez LibreOffice pour obtenir les PDF.")
    if not options.audio:
        notes.append("Trousse construite sans enregistrement (--sans-audio).")

    with scratch_folder("kit") as tmp:
        staging = Path(tmp) / "kit"
        staging.mkdir()
        documents: list[Path] = []
        synthetic = False
        clips: dict[str, list[str]] = {}
        readings: dict[str, str] = {}
        for level in levels:
            (staging / level.level).mkdir()
        lessons: dict[str, LessonAudio] = {}
        if options.audio:
            say("Audio : pistes rythmées et extraits…")
            threads = min(options.threads or len(levels), len(levels))
            if threads == 1:  # in this thread, so that Ctrl-C or SIGTERM stops it at once
                lessons = {lv.level: _level_audio(lv, case, root, staging / lv.level, options)
                           for lv in levels}
            else:  # levels are independent, the work is in ffmpeg and numpy: one thread each
                with ThreadPoolExecutor(max_workers=threads) as pool:
                    futures = {lv.level: pool.submit(_level_audio, lv, case, root,
                                                     staging / lv.level, options)
                               for lv in levels}
                    lessons = {name: future.result() for name, future in futures.items()}
        for level in levels:
            folder = staging / level.level
            synthetic_level = options.audio and level.meta.enregistrement.synthetique
            synthetic = synthetic or synthetic_level
            paced = None
            if level.level in lessons:
                lesson = lessons[level.level]
                paced = _paced_for_guide(level, lesson, options)
                clips[level.level] = [f"../{p.relative_to(staging).as_posix()}"
                                      for p in lesson.clips]
                readings[level.level] = f"../{level.level}/audio/lecture.mp3"
            say(f"Documents, niveau {level.level}…")
            context = level_context(case, level, who,
                                    audio_notice=SYNTHETIC_NOTICE if synthetic_level else None,
                                    paced=paced, word_bank=word_bank_context(level)
                                    if options.word_bank else None,
                                    scale=options.chosen_scale())
            context.update(version_context(level, options.versions,
                                           word_bank=options.word_bank))
            for template, title in (("guide-enseignant.docx", "Guide pédagogique"),
                                    ("fiche-eleve.docx", "Fiche de l'élève"),
                                    ("fiche-eleve-a-trous.docx", "Dictée à trous")):
                target_doc = folder / template
                render_docx(root, template, context, target_doc, stamp=stamp,
                            title=f"{title} — {case.meta.nom} ({level.level})")
                documents.append(target_doc)
            documents += render_versions(root, case, level, context, folder,
                                         versions=options.versions, cream=options.cream,
                                         stamp=stamp)
        for template, name in (("lettre.docx", f"lettre-{slug}.docx"),
                               ("lettre-dessin.docx", f"lettre-dessin-{slug}.docx")):
            render_docx(root, template, letter_context(case, who, template), staging / name,
                        stamp=stamp, title=f"Lettre d'encouragement — {case.meta.nom}")
            documents.append(staging / name)
        advice = staging / "avant-d-ecrire-ta-lettre.docx"
        render_docx(root, "avant-d-ecrire-ta-lettre.docx", advice_context(case, who), advice,
                    stamp=stamp, title=f"Avant d'écrire ta lettre — {case.meta.nom}")
        documents.append(advice)
        say("Page interactive…")
        if ADAPTED in options.versions:
            render_adapted_page(root, case, levels, staging / "interactif" / PAGE,
                                clips=clips, scale=options.chosen_scale())
        render_page(root, case, levels, staging / "interactif" / "dictee.html",
                    replays=options.replays, clips=clips, readings=readings,
                    word_bank=options.word_bank, scale=options.chosen_scale())
        if make_pdf:
            say("Conversion en PDF (LibreOffice)…")
            by_folder: dict[Path, list[Path]] = {}
            for document in documents:
                by_folder.setdefault(document.parent, []).append(document)
            _convert_all(by_folder, Path(tmp) / "pdf", stamp)
        readme = render_text(root, "LISEZMOI.txt.j2", {
            "nom": case.meta.nom, "prenom": case.meta.prenom, "edition": case.meta.edition,
            "slug": slug, "niveaux": [lv.level for lv in levels], "pdf": make_pdf,
            "audio": options.audio, "synthetique": synthetic, "notice": SYNTHETIC_NOTICE,
            "version": __version__, "envoi": case.meta.lettre.envoi.consigne_enseignant,
            "repetitions": options.repetitions, "pause": decimal(options.pause),
            "lu": times(options.repetitions),
            "ecoutes": options.replays,
            "versions": {name.replace("-", "_"): name in options.versions
                         for name in VERSIONS},
            "creme": options.cream, "banque_de_mots": options.word_bank,
            "bareme": scale_title(options.chosen_scale()),
            "option_bareme": _scale_option(options.chosen_scale()),
        })
        (staging / "LISEZMOI.txt").write_text(readme.replace("\n", "\r\n"), encoding="utf-8")
        _write_manifest(staging, plan, options)
        count = sum(1 for p in staging.rglob("*") if p.is_file())
        say("Écriture du zip…")
        write_zip(staging, target, top=target.stem, stamp=stamp)
    return KitResult(path=target, file_count=count, notes=notes)


def _convert_all(by_folder: dict[Path, list[Path]], scratch: Path,
                 stamp: dt.datetime) -> None:
    """One LibreOffice call for the whole kit; PDFs are then moved beside their .docx."""
    scratch.mkdir()
    flat: list[Path] = []
    for folder, documents in by_folder.items():
        for document in documents:
            # Names repeat across levels: give each a unique stem for the batch.
            unique = scratch / f"{folder.name}--{document.name}"
            unique.write_bytes(document.read_bytes())
            flat.append(unique)
    for produced in pdf.convert_to_pdf(flat, scratch):
        folder_name, _, stem = produced.stem.partition("--")
        destination = next(f for f in by_folder if f.name == folder_name)
        pdf.make_reproducible(produced, stamp=stamp)
        os.replace(produced, destination / f"{stem}.pdf")


def _write_manifest(staging: Path, plan: KitPlan, options: KitOptions) -> None:
    case = plan.case
    files = []
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        files.append({"chemin": path.relative_to(staging).as_posix(),
                      "octets": path.stat().st_size, "sha256": file_sha256(path)})
    manifest = {
        "outil": "dictee", "version": __version__, "cas": case.slug,
        "personne": case.meta.nom, "pays": case.meta.pays, "edition": case.meta.edition,
        "niveaux": [lv.level for lv in plan.levels], "pdf": plan.pdf, "audio": options.audio,
        "entrees_sha256": plan.digest,
        "fichiers": files,
        "sources": [{"cle": s.cle, "url": str(s.url)} for s in case.meta.sources],
    }
    (staging / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n",
        encoding="utf-8")
