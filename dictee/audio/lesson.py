"""A level's recording → the paced track, one clip per group, and WebVTT cues.

This is the one entry point the kit calls. The recording is decoded once; the
paced track and the clips are sliced from it in memory and all encoded by one
ffmpeg process (see benchmarks/audio.py for what that costs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dictee.audio import io, plausible
from dictee.audio.align import Span, align
from dictee.audio.labels import checked_labels
from dictee.audio.pace import Plan, excerpt, padded, plan_lesson, render
from dictee.audio.vtt import format_vtt
from dictee.content.model import LevelText
from dictee.errors import AudioError

PACED_NAME = "dictee-rythmee.mp3"
# Two subtitle files: the one to project says where the class is, never the words (it
# would give the spelling away); the one with the text is named so that nobody
# projects it by mistake.
VTT_NAME = "dictee-rythmee.vtt"
TEXT_VTT_NAME = "dictee-rythmee-texte-enseignant.vtt"
CLIPS_FOLDER = "groupes"


@dataclass(frozen=True)
class LessonAudio:
    """What was written, and when things happen in the paced track (ms)."""

    paced: Path
    paced_ms: int
    vtt: Path  # where the class is: to project
    text_vtt: Path  # the dictated words: for the teacher, never projected
    clips: list[Path]  # one per group, in order: groupes/01.mp3, 02.mp3…
    clip_ms: list[int]
    timeline: dict[int, int]  # sentence index (from 0) → first reading of it, in ms
    proofreading_ms: int  # when the final reading starts
    spans: list[Span]  # where each group is in the recording
    labels_from_file: bool  # True: a label file was the truth; False: found automatically
    plan: Plan


def group_spans(level: LevelText, samples, rate: int, recording: Path,
                labels_path: Path | None) -> tuple[list[Span], bool]:
    """The groups' places in the recording: from the label file when there is one
    (checked), else found automatically."""
    texts = [group.text for group in level.groups]
    duration_ms = round(len(samples) * 1000 / rate)
    if labels_path is not None and Path(labels_path).is_file():
        plausible.require(plausible.length_problem(duration_ms, level.word_count), recording)
        problem = plausible.speech_problem(samples, rate)
        if problem is None or not problem.by_hand:  # else the labels place the groups
            plausible.require(problem, recording)
        labels = checked_labels(labels_path, texts, duration_ms)
        return [Span(lab.start_ms, min(lab.end_ms, duration_ms)) for lab in labels], True
    return align(samples, rate, texts, path=recording), False


def render_lesson_audio(level: LevelText, recording: Path, labels_path: Path | None,
                        out_dir: Path, *, pause: float = 1.0, repetitions: int = 2,
                        tags: dict[str, str]) -> LessonAudio:
    """Write out_dir/dictee-rythmee.mp3, its two WebVTT files (VTT_NAME to project,
    TEXT_VTT_NAME with the words) and out_dir/groupes/01.mp3…; `pause` multiplies the
    writing pauses, `repetitions` is how many times each group is read. `tags` (title,
    artist, album…) go on every MP3, the title completed per file."""
    if repetitions < 1 or pause <= 0:
        raise AudioError("réglage de la piste rythmée impossible",
                         hint="Il faut au moins une répétition et un facteur de pause "
                              "positif.")
    recording = Path(recording)
    rate = io.SAMPLE_RATE
    samples = plausible.decoded(recording, level.word_count, rate=rate)
    duration_ms = round(len(samples) * 1000 / rate)
    spans, from_file = group_spans(level, samples, rate, recording, labels_path)
    texts = [group.text for group in level.groups]
    plan = plan_lesson(texts, [g.sentence for g in level.groups], spans, duration_ms,
                       level.level, factor=pause, repetitions=repetitions)
    track = render(plan, samples, rate)

    out_dir = Path(out_dir)
    (out_dir / CLIPS_FOLDER).mkdir(parents=True, exist_ok=True)
    title = tags.get("title", level.meta.titre)
    jobs = [io.Mp3Job(track, out_dir / PACED_NAME, {**tags, "title": f"{title} — dictée "
                                                                       "rythmée"})]
    width = max(2, len(str(len(texts))))
    clip_ms = []
    for number, (span, text) in enumerate(zip(padded(spans, duration_ms), texts), start=1):
        length_ms = span.end_ms - span.start_ms
        clip = excerpt(samples, rate, span.start_ms, round(length_ms * rate / 1000))
        jobs.append(io.Mp3Job(clip,
                              out_dir / CLIPS_FOLDER / f"{number:0{width}d}.mp3",
                              {**tags, "title": f"{number}. {text}",
                               "track": f"{number}/{len(texts)}"}))
        clip_ms.append(length_ms)
    io.encode_mp3_batch(jobs, rate=rate)
    vtt, text_vtt = out_dir / VTT_NAME, out_dir / TEXT_VTT_NAME
    vtt.write_text(format_vtt(plan.place_cues(), title=f"{title} — dictée rythmée"),
                   encoding="utf-8")
    text_vtt.write_text(format_vtt(plan.cues(), title=f"{title} — dictée rythmée, texte pour "
                                                      "l'enseignant·e (à ne pas projeter)"),
                        encoding="utf-8")
    return LessonAudio(
        paced=jobs[0].target, paced_ms=plan.duration_ms, vtt=vtt, text_vtt=text_vtt,
        clips=[job.target for job in jobs[1:]], clip_ms=clip_ms, timeline=plan.timeline(),
        proofreading_ms=plan.start_of("relecture"), spans=list(spans),
        labels_from_file=from_file, plan=plan)
