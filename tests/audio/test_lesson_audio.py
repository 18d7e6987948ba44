"""render_lesson_audio: the files a kit gets, their lengths, cues, and bad label files."""

from __future__ import annotations

from pathlib import Path

import pytest
import webvtt

from dictee.audio import io, pace
from dictee.audio.lesson import render_lesson_audio
from dictee.content.loader import ContentRoot
from dictee.errors import AudioError
from tests.conftest import write_wav

TAGS = {"title": "Luis Manuel — L'artiste de San Isidro", "artist": "test"}


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    from tests.conftest import REPO

    root = ContentRoot(REPO)
    level = root.load("luis-manuel").levels["primaire"]
    out = tmp_path_factory.mktemp("lesson")
    result = render_lesson_audio(level, level.recording, root.labels("luis-manuel", "primaire"),
                                 out, pause=1.0, repetitions=2, tags=TAGS)
    return level, out, result


def test_paced_track_has_the_planned_length(lesson):
    level, out, result = lesson
    assert result.paced == out / "dictee-rythmee.mp3"
    assert abs(io.duration_ms(result.paced) - result.paced_ms) <= 30
    assert result.paced_ms == sum(step.length_ms for step in result.plan.steps)
    assert result.labels_from_file


def test_one_clip_per_group_of_the_right_length(lesson):
    level, out, result = lesson
    names = sorted(p.name for p in (out / "groupes").iterdir())
    assert names == [f"{i:02d}.mp3" for i in range(1, len(level.groups) + 1)]
    assert len(result.clips) == len(level.groups)
    for clip, expected in zip(result.clips[:3], result.clip_ms[:3]):
        assert abs(io.duration_ms(clip) - expected) <= 30


def test_timeline_lists_every_sentence_in_order(lesson):
    level, _, result = lesson
    assert list(result.timeline) == sorted({g.sentence for g in level.groups})
    starts = list(result.timeline.values())
    assert starts == sorted(starts) and starts[-1] < result.proofreading_ms < result.paced_ms


def test_projected_vtt_never_shows_the_dictated_words(lesson):
    level, out, result = lesson
    captions = webvtt.read(str(out / "dictee-rythmee.vtt"))
    texts = [c.text for c in captions]
    assert texts[0] == "Première lecture" and texts[-1] == "Relecture"
    assert "Phrase 3 — groupe 2" in texts
    words = {w.strip(".,;:!?«»’'").lower() for g in level.groups for w in g.text.split()}
    shown = {w.strip(".,;:!?«»—").lower() for t in texts for w in t.split()}
    assert shown <= {"première", "lecture", "phrase", "groupe", "relecture", ""} | {
        str(n) for n in range(1, 40)}, shown & words


def test_vtt_with_the_text_is_for_the_teacher(lesson):
    level, out, result = lesson
    assert result.text_vtt == out / "dictee-rythmee-texte-enseignant.vtt"
    captions = webvtt.read(str(result.text_vtt))
    texts = [c.text for c in captions]
    assert "Luis Manuel Otero Alcántara" in texts
    assert "Il n’a jamais étudié dans une école d’art." in texts  # French apostrophes
    groups_heard = sum(1 for c in captions if c.text == "est un artiste cubain")
    assert groups_heard == 2 + 2  # the two full readings, and twice on its own
    assert captions[-1].end_in_seconds <= result.paced_ms / 1000


def _lufs(samples, tmp_path: Path, name: str) -> float:
    """Integrated loudness (EBU R128, ffmpeg's ebur128 filter), in LUFS."""
    import subprocess
    import wave

    path = tmp_path / f"{name}.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(io.SAMPLE_RATE)
        out.writeframes(samples.astype("<i2").tobytes())
    report = subprocess.run([io.ffmpeg(), "-hide_banner", "-nostats", "-i", str(path), "-af",
                             "ebur128", "-f", "null", "-"], capture_output=True, text=True)
    return float(report.stderr.rsplit("I:", 1)[1].split("LUFS")[0])


def test_the_signal_before_proofreading_is_as_loud_as_the_voice(lesson, tmp_path):
    level, out, result = lesson
    track = io.decode_samples(result.paced)
    rate = io.SAMPLE_RATE
    at = result.plan.start_of("signal") * rate // 1000
    signal = track[at:at + pace.TONE_MS * rate // 1000]
    reading = track[result.proofreading_ms * rate // 1000:]
    difference = _lufs(signal, tmp_path, "signal") - _lufs(reading, tmp_path, "voix")
    assert abs(difference) <= 3, difference


def test_without_a_label_file_groups_are_found_automatically(tmp_path, content):
    root = ContentRoot(content)
    level = root.load("luis-manuel").levels["primaire"]
    result = render_lesson_audio(level, level.recording, None, tmp_path / "out", pause=0.3,
                                 repetitions=1, tags=TAGS)
    assert not result.labels_from_file
    assert len(result.clips) == len(level.groups)


def _labels_with(content: Path, change) -> Path:
    path = content / "audio" / "luis-manuel" / "primaire.labels.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message, line", [
    (lambda ls: ls[:-1], "22 étiquettes pour 23 groupes", None),
    (lambda ls: [ls[0], "deux\ttrois\test un artiste cubain", *ls[2:]], "nombre de secondes", 2),
    (lambda ls: [ls[1], ls[0], *ls[2:]], "ne correspond pas au groupe", 1),
    (lambda ls: [ls[0], "2.0\t4.1\test un artiste cubain", *ls[2:]],
     "commence avant la fin de la précédente", 2),
    (lambda ls: [*ls[:-1], "44.5\t99.0\tque nous pensons à lui !"], "après la fin", 23),
    (lambda ls: [ls[0], "2.8\t2.8\test un artiste cubain", *ls[2:]], "un point", 2),
])
def test_a_bad_label_file_is_named_with_its_line_and_nothing_is_written(
        tmp_path, content, change, message, line):
    path = _labels_with(content, change)
    level = ContentRoot(content).load("luis-manuel").levels["primaire"]
    with pytest.raises(AudioError, match=message) as raised:
        render_lesson_audio(level, level.recording, path, tmp_path / "out", tags=TAGS)
    assert raised.value.path == path and raised.value.line == line
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_audio_is_refused(tmp_path, content):
    level = ContentRoot(content).load("luis-manuel").levels["primaire"]
    fake = tmp_path / "lecture.mp3"
    fake.write_text("ceci n'est pas un son", encoding="utf-8")
    with pytest.raises(AudioError, match="pas un enregistrement audio"):
        render_lesson_audio(level, fake, None, tmp_path / "out", tags=TAGS)
    silent = write_wav(tmp_path / "silence.wav", 40, silent=True)
    with pytest.raises(AudioError, match="silencieux"):
        render_lesson_audio(level, silent, None, tmp_path / "out", tags=TAGS)
    assert not (tmp_path / "out").exists()
