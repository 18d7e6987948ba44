"""Audio figures, each a ratio to a baseline measured in the same run (machines are noisy).

    python benchmarks/audio.py                    # everything
    python benchmarks/audio.py --seulement-bornes # boundary errors only (needs espeak-ng)
    python benchmarks/audio.py --seulement-segmentation  # the two 10-minute readings only
    python benchmarks/audio.py --seulement-bornes --voix-modele fr  # the same voice as
        # the test readings for the synthetic model of refine.py: a circular control

1. Segmentation of a ~10-minute reading (the shipped readings end to end, with their
   texts), of the same in a quiet room (their pauses are digital silence; a
   recording's are not), of a ~10-minute reading as a person reads (a pause between
   some groups and none between others, as the test readings' « pauses » condition:
   every other boundary refined against espeak-ng), of the same in a classroom (0.6 s
   of reverberation), then of a ~10-minute reading with
   no pause between groups (every boundary refined): our alignment of every meaning
   group against pydub.silence.detect_nonsilent (seek_step=1, 100 ms, −45 dBFS), which
   only finds the silences. Aim: ≥ 20× faster for all six. Wall and processor time
   (ours, our threads and espeak-ng's processes) are both printed: the machine may be
   shared. For the reading with no pause, espeak-ng alone saying its texts too: a
   floor for our time, and the best ratio while the whole text is said at each call.
   Last, the same for a reading with no pause that repeats no text (that one's texts
   come twice, a campaign's recording repeats none): the shipped texts, then those
   never tuned on (tests/audio/unseen.py), each read once.
2. render_lesson_audio (decode, groups, paced track, clips, VTT) against bare ffmpeg
   doing the same decode and encoding the same outputs (paced track and clips, same
   MP3 settings, one process). Aim: ≤ 1.3×.
3. Boundary errors on readings with known truth, per condition of tests/audio/readings.py
   (pauses, continuous reading, tempo, reverberation, noise at 10 dB SNR, coughs, chairs
   and pages in the pauses of a dry room and of a reverberant one, other voices), on the
   texts of every shipped case (--bornes-cas to choose): median and worst error of the
   groups' starts and ends, groups found, non-speech noises attached to a group (and of
   those, the ones attached to a group not flagged « à vérifier »), and the share of
   groups flagged. Aim:
   median ≤ 30 ms, worst ≤ 250 ms, every group found, no noise attached, in every
   condition. Then, beyond the aim (readings.BEYOND_GOAL): two conditions at once (a
   noise with coughs, chairs and pages in the pauses; a room's echo with a noise), a
   1.5 s room, the readings refused counted apart, by reason; and a title said before
   the text, a thank-you after it (left out of the groups: outside.py), in a dry room
   and in a classroom's echo; and a reading slower than the aim (0.75×, as a dictation
   may be read), with pauses, without, and in a classroom's echo; and a reader heard
   breathing in before each sentence, in a dry room and in a classroom (the breaths
   count as noises). Last, a person's voice (tests/audio/human.py: recorded prompts,
   the only voice not espeak-ng's) in six of the goal's conditions and breathing in, dry
   and in a classroom (--seulement-voix-humaine: these rows alone). Between the goal's
   rows and those beyond it, the goal's conditions again on eight texts written after
   the rules were set and never tuned on (tests/audio/unseen.py; --seulement-inedits:
   these rows alone): whether the figures hold on texts the rules were not made on.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dictee.audio import align, io, pitch, refine  # noqa: E402
from dictee.audio.lesson import render_lesson_audio  # noqa: E402
from dictee.content.loader import ContentRoot  # noqa: E402
from dictee.errors import DicteeError  # noqa: E402


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(function, *args, **kwargs) -> float:
    """Wall time in s; the CPU time (ours and ffmpeg's) is kept in CPU_SECONDS."""
    start, cpu = time.perf_counter(), _cpu()
    function(*args, **kwargs)
    CPU_SECONDS.append(_cpu() - cpu)
    return time.perf_counter() - start


CPU_SECONDS: list[float] = []


def long_reading(root: ContentRoot, minutes: float) -> tuple[np.ndarray, list[str]]:
    pieces, texts = [], []
    while sum(len(p) for p in pieces) < minutes * 60 * io.SAMPLE_RATE:
        for slug in root.slugs():
            for level in root.load(slug).levels.values():
                if level.recording is None:
                    continue
                pieces.append(io.decode_samples(level.recording))
                texts += [g.text for g in level.groups]
                if sum(len(p) for p in pieces) >= minutes * 60 * io.SAMPLE_RATE:
                    return np.concatenate(pieces), texts
    return np.concatenate(pieces), texts


def segmentation(root: ContentRoot, repetitions: int) -> None:
    samples, texts = long_reading(root, 10)
    minutes = len(samples) / io.SAMPLE_RATE / 60
    print(f"Segmentation de {minutes:.1f} min ({len(texts)} groupes) "
          "(temps réel | temps processeur, le nôtre et celui d'espeak-ng)")
    _against_pydub(samples, texts, repetitions)
    room(samples, texts, repetitions)
    person(root, repetitions)
    person(root, repetitions, "réverbération")
    continuous(root, repetitions)


ROOM_DBFS = -50.0  # the hum and murmur of a quiet room (pink noise, RMS)


def room(samples: np.ndarray, texts: list[str], repetitions: int) -> None:
    """The same for the same reading in a quiet room: the shipped readings are
    synthetic, their pauses digital silence (exact zeros), which the analysis need not
    measure; a recording made in a room has none. Pink noise at ROOM_DBFS and the test
    readings' light hiss (tests/audio/readings.py) are added, seeded."""
    from tests.audio import readings

    rng = np.random.default_rng(0)
    noise = readings._pink(len(samples), rng) * 32768 * 10 ** (ROOM_DBFS / 20) \
        + rng.standard_normal(len(samples)).astype(np.float32) * 32768 \
        * 10 ** (readings.NOISE_DBFS / 20)
    noisy = np.clip(samples + noise, -32768, 32767).astype(np.int16)
    level = f"{ROOM_DBFS:.0f}".replace("-", "\u2212")
    print(f"La même dans une pièce calme (souffle à {level} dBFS, aucun silence numérique)")
    _against_pydub(noisy, texts, repetitions)


def _against_pydub(samples: np.ndarray, texts: list[str], repetitions: int) -> float:
    """Print align's time (median of `repetitions`) against detect_nonsilent's, in wall
    and processor seconds, and both ratios; return detect_nonsilent's wall time."""
    with warnings.catch_warnings():  # pydub warns at import
        warnings.simplefilter("ignore")
        from pydub.silence import detect_nonsilent

    runs = [(timed(lambda: align.align(samples, io.SAMPLE_RATE, texts)), CPU_SECONDS[-1])
            for _ in range(repetitions)]
    ours, ours_cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
    segment = io.AudioSegment(samples.tobytes(), sample_width=2, frame_rate=io.SAMPLE_RATE,
                              channels=1)
    theirs = timed(lambda: detect_nonsilent(segment, min_silence_len=100, silence_thresh=-45,
                                            seek_step=1))
    theirs_cpu = CPU_SECONDS[-1]
    print(f"  pydub detect_nonsilent (seek_step=1) : {theirs:7.2f} s | {theirs_cpu:6.2f} s")
    print(f"  dictee align (tous les groupes)      : {ours:7.3f} s | {ours_cpu:6.3f} s   "
          f"{theirs / ours:4.0f} × | {theirs_cpu / ours_cpu:3.0f} × plus rapide")
    return theirs


def person(root: ContentRoot, repetitions: int, condition_name: str = "pauses") -> None:
    """The same for a ~10-minute reading as a person reads: between the groups of a
    sentence, gaps of 20 to 400 ms, half of them too short to cut at (refined against
    espeak-ng), 700 ms between sentences, a light hiss (the test readings' « pauses »
    condition, tests/audio/readings.py): the shipped readings pause 350 ms or more
    between every two groups, which no reader does. With `condition_name`
    « réverbération », the same read in a classroom (0.6 s of reverberation), as the
    campaign's recordings will be: its sounds are cut a second time, where each
    restarts out of the echo (voice.Listened)."""
    from tests.audio import readings

    if not readings.espeak_available():
        return
    samples, texts = condition_reading(root, 10, condition_name)
    where = {"réverbération": " dans une classe (réverbération 0,6 s)"}.get(condition_name, "")
    print(f"Lecture comme on lit{where} de {len(samples) / io.SAMPLE_RATE / 60:.1f} min "
          f"({len(texts)} groupes, une frontière sur deux sans pause : précisée par "
          f"espeak-ng)")
    _against_pydub(samples, texts, repetitions)


def continuous(root: ContentRoot, repetitions: int) -> None:
    """The same for a ~10-minute reading with no pause between groups (the shipped texts
    read by the test readings' voices, tests/audio/readings.py), where every boundary
    is refined against espeak-ng (refine.py): the costly case. Once every text has been
    read, the texts come again with another voice and seed (their synthetic model is
    then made once for both readings)."""
    from tests.audio import readings

    if not readings.espeak_available():
        return
    samples, texts = continuous_reading(root, 10)
    _timed_with_floor(samples, texts, repetitions, "Lecture continue",
                      f"{len(texts)} groupes dont {len(set(texts))} textes différents, "
                      "frontières précisées par espeak-ng")
    # A campaign's recording of 10 minutes repeats no text: espeak-ng then says twice as
    # much. The same with every text read once: the shipped ones, then those never
    # tuned on (tests/audio/unseen.py; nothing is tuned here, only timed).
    samples, texts = condition_reading(root, 10, "lecture continue", unseen_too=True)
    _timed_with_floor(samples, texts, repetitions, "Lecture continue sans reprise",
                      f"{len(texts)} groupes, chaque texte lu une fois : les textes "
                      "fournis, puis les inédits")


def _timed_with_floor(samples: np.ndarray, texts: list[str], repetitions: int,
                      title: str, what: str) -> None:
    """Print the reading's title, length and `what` it holds, then align's time against
    detect_nonsilent's and espeak-ng's floor for its texts (_espeak_floor)."""
    print(f"{title} de {len(samples) / io.SAMPLE_RATE / 60:.1f} min ({what})")
    theirs = _against_pydub(samples, texts, repetitions)
    _espeak_floor(sorted(set(texts)), pitch.synthetic_voice(samples, io.SAMPLE_RATE),
                  repetitions, theirs)


def _espeak_floor(texts: list[str], said_in: str, repetitions: int, theirs: float) -> None:
    """Print what espeak-ng alone costs to say `texts` as refine.py has it say them (in
    the voice `said_in`, the one align chose for the reading; median of `repetitions`):
    its processes' processor time shared among the cores is a floor for align's wall
    time, and detect_nonsilent's (`theirs`, s) over that floor the best ratio while the
    whole text is said at each call."""
    from dictee import cores
    from dictee.audio import synth

    runs = [(timed(synth.said, texts, said_in, refine.WORDS_PER_MINUTE),
             CPU_SECONDS[-1]) for _ in range(repetitions)]
    wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
    usable = cores.usable()
    floor = max(wall, cpu / usable)
    label = f"espeak-ng seul ({len(texts)} textes)"
    print(f"  {label:<37}: {wall:7.3f} s | {cpu:6.3f} s   au mieux {theirs / floor:3.0f} × "
          f"sur {usable} cœur(s) tant qu'il dit tout le texte")


def continuous_reading(root: ContentRoot, minutes: float) -> tuple[np.ndarray, list[str]]:
    """Every shipped text read with no pause between groups, until `minutes`."""
    return condition_reading(root, minutes, "lecture continue")


def condition_reading(root: ContentRoot, minutes: float, condition_name: str, *,
                      unseen_too: bool = False) -> tuple[np.ndarray, list[str]]:
    """Every shipped text read as in the test readings' condition `condition_name`
    (tests/audio/readings.py), by their three voices in turn, until `minutes`; with
    `unseen_too`, each text read once, the texts never tuned on (tests/audio/unseen.py)
    after the shipped ones, the voices in turn from one text to the next."""
    from tests.audio import readings, unseen

    condition = readings.CONDITIONS[condition_name]
    voices = ("fr", "fr+f3", "fr+klatt")
    shipped = [[(g.sentence, g.text) for g in level.groups]
               for slug in root.slugs() for level in root.load(slug).levels.values()]
    if unseen_too:
        readers = [(groups, turn % len(voices), turn)
                   for turn, groups in enumerate([*shipped, *unseen.TEXTS])]
    else:
        readers = [(groups, turn, turn) for turn in range(len(voices)) for groups in shipped]
    pieces, texts = [], []
    for groups, voice, seed in readers:
        pieces.append(readings.build(groups, seed=seed, condition=replace(
            condition, voice=voices[voice])).samples)
        texts += [t for _, t in groups]
        if sum(len(p) for p in pieces) >= minutes * 60 * io.SAMPLE_RATE:
            break
    return np.concatenate(pieces), texts


def _ffmpeg(args: list[str], data: bytes | None = None) -> None:
    subprocess.run([io.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", *args],
                   input=data, check=True, capture_output=True)


def bare_ffmpeg(recording: Path, outputs: list[np.ndarray], folder: Path) -> float:
    """Decode the recording, then encode the same outputs from raw PCM in one process."""
    raw = folder / "outputs.raw"
    raw.write_bytes(b"".join(o.tobytes() for o in outputs))
    bounds = np.cumsum([0] + [len(o) for o in outputs])
    graph = [f"[0:a]asplit={len(outputs)}" + "".join(f"[s{i}]" for i in range(len(outputs)))]
    maps: list[str] = []
    for i in range(len(outputs)):
        graph.append(f"[s{i}]atrim=start_sample={bounds[i]}:end_sample={bounds[i + 1]},"
                     f"asetpts=PTS-STARTPTS[o{i}]")
        maps += ["-map", f"[o{i}]", "-codec:a", "libmp3lame", "-b:a", io.MP3_BITRATE,
                 "-compression_level", str(io.MP3_QUALITY), "-y", str(folder / f"b{i}.mp3")]

    def run() -> None:
        _ffmpeg(["-i", str(recording), "-ac", "1", "-ar", str(io.SAMPLE_RATE), "-f", "s16le",
                 "-y", str(folder / "decoded.raw")])
        _ffmpeg(["-f", "s16le", "-ar", str(io.SAMPLE_RATE), "-ac", "1", "-i", str(raw),
                 "-filter_complex", ";".join(graph), *maps])
    return timed(run)


def lesson(root: ContentRoot, slug: str, repetitions: int) -> None:
    case = root.load(slug)
    print(f"Audio de la leçon ({slug}) : piste rythmée, extraits, VTT")
    for name, level in case.levels.items():
        labels = root.labels(slug, name)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            result = render_lesson_audio(level, level.recording, labels, folder / "c",
                                         tags={"title": "t"})
            outputs = [io.decode_samples(p) for p in [result.paced, *result.clips]]
            runs: dict[str, list[tuple[float, float]]] = {"base": [], "labels": [], "auto": []}
            for _ in range(repetitions):  # interleaved, so load changes hit all three
                runs["base"].append((bare_ffmpeg(level.recording, outputs, folder),
                                     CPU_SECONDS[-1]))
                runs["labels"].append((timed(render_lesson_audio, level, level.recording,
                                             labels, folder / "a", tags={"title": "t"}),
                                       CPU_SECONDS[-1]))
                runs["auto"].append((timed(render_lesson_audio, level, level.recording, None,
                                           folder / "b", tags={"title": "t"}),
                                     CPU_SECONDS[-1]))
            wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
            cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
            print(f"  {name:<11} piste de {result.paced_ms / 60_000:4.1f} min, "
                  f"{len(result.clips)} extraits (médianes, temps réel | temps processeur)")
            print(f"    ffmpeg nu (décodage + mêmes encodages) : {wall['base']:6.2f} s | "
                  f"{cpu['base']:6.2f} s")
            for key, label in (("labels", "avec étiquettes"), ("auto", "découpage automatique")):
                print(f"    dictee, {label:<22}       : {wall[key]:6.2f} s | {cpu[key]:6.2f} s"
                      f"   ratio {wall[key] / wall['base']:4.2f} | "
                      f"{cpu[key] / cpu['base']:4.2f}")


def boundaries(root: ContentRoot, slugs: list[str], seeds: int,
               human_only: bool = False, unseen_only: bool = False) -> None:
    """Median and worst boundary error per condition (tests/audio/readings.py), in ms;
    with `human_only`, only on the recorded voice (tests/audio/human.py); with
    `unseen_only`, only the goal's conditions on texts never tuned on (unseen.py)."""
    from tests.audio import human, readings, unseen

    if not readings.espeak_available():
        print("Erreurs de frontières : espeak-ng absent, mesure sautée.")
        return
    texts = [[(g.sentence, g.text) for g in level.groups]
             for slug in slugs for level in root.load(slug).levels.values()]
    print(f"Erreurs de frontières (début et fin de chaque groupe, ms), {len(texts)} textes "
          f"× {seeds} graine(s) par condition")
    print("  (« muettes » : erreurs de plus de 250 ms d'un groupe non signalé « à vérifier » ; "
          "« non signalés » : bruits pris dans un groupe non signalé)")
    print(f"  {'condition':<40} {'frontières':>10} {'médiane':>8} {'pire':>6} "
          f"{'> 250 ms':>9} {'muettes':>8} {'groupes':>8} {'bruits':>7} {'non signalés':>13} "
          f"{'à vérifier':>11}")
    for condition in () if human_only or unseen_only else readings.CONDITIONS.values():
        _condition_row(texts, condition, seeds)
    if not human_only:
        print(f"  Textes inédits (tests/audio/unseen.py : {len(unseen.TEXTS)} textes écrits "
              "après coup, jamais utilisés pour régler l'aligneur), conditions du but")
        for condition in readings.CONDITIONS.values():
            _condition_row(unseen.TEXTS, condition, seeds)
    if unseen_only:
        return
    if not human_only:
        print("  Hors du but (deux conditions à la fois, salle de 1,5 s, passage dit hors du "
              "texte, lecture à 0,75×, respirations) : lectures refusées comptées à part")
        for condition in readings.BEYOND_GOAL.values():
            _condition_row(texts, condition, seeds)
    if not human.available():
        print(f"  Voix humaine : {human.PACKAGE} absent, mesure sautée.")
        return
    print(f"  Voix humaine (June Wallack, {len(human.TEXTS)} textes de "
          f"{len(human.TEXTS[0])} phrases enregistrées, tests/audio/human.py)")
    for condition in readings.HUMAN.values():
        _condition_row(human.TEXTS, condition, seeds)


def _condition_row(texts: list[list[tuple[int, str]]], condition, seeds: int) -> None:
    """Print one row of `boundaries` for `condition`, read on `texts` (each a list of
    groups: sentence, text), and the readings refused, by reason."""
    from tests.audio import readings

    every: list[float] = []
    found = expected = attached = unflagged = doubtful = silent = 0
    refused: dict[str, int] = {}
    for groups in texts:
        for seed in range(seeds):
            reading = readings.build(groups, seed=seed, condition=condition)
            expected += len(groups)
            try:
                spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
            except DicteeError as error:  # a refusal is a result here
                refused[error.message] = refused.get(error.message, 0) + 1
                continue
            found += len(spans)
            for span, (start, end) in zip(spans, reading.truth):
                every += [abs(span.start_ms - start), abs(span.end_ms - end)]
                if not span.doubt:
                    silent += (abs(span.start_ms - start) > 250) + (abs(span.end_ms - end) > 250)
            doubtful += sum(span.doubt for span in spans)
            for a, b in reading.events:
                taken = [s for s in spans if s.start_ms < b and a < s.end_ms]
                attached += bool(taken)
                unflagged += any(not s.doubt for s in taken)
    errors = np.array(every) if every else np.array([np.nan])
    print(f"  {condition.name:<40} {len(every):>10} {np.median(errors):>8.0f} "
          f"{errors.max():>6.0f} {np.mean(errors > 250):>9.1%} {silent:>8} "
          f"{found:>4}/{expected:<4}"
          f"{attached:>6} {unflagged:>13} {doubtful / max(found, 1):>11.1%}")
    for reason, count in refused.items():
        print(f"    {count} lecture(s) refusée(s) : {reason}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--cas", default="luis-manuel")
    parser.add_argument("--sans-bornes", action="store_true",
                        help="sauter la mesure des erreurs de frontières")
    parser.add_argument("--bornes-cas", default="",
                        help="cas des erreurs de frontières, séparés par des virgules "
                             "(par défaut : tous les cas fournis)")
    parser.add_argument("--graines", type=int, default=1)
    parser.add_argument("--seulement-bornes", action="store_true")
    parser.add_argument("--seulement-voix-humaine", action="store_true",
                        help="seulement les erreurs de frontières de la voix enregistrée "
                             "(tests/audio/human.py)")
    parser.add_argument("--seulement-inedits", action="store_true",
                        help="seulement les conditions du but sur les textes inédits "
                             "(tests/audio/unseen.py)")
    parser.add_argument("--seulement-segmentation", action="store_true",
                        help="seulement la vitesse de segmentation des lectures de 10 minutes")
    parser.add_argument("--voix-modele", default=None,
                        help="voix espeak-ng qui dit le texte pour préciser les enchaînements "
                             "sans pause, au lieu de celle que choisit la hauteur de la voix "
                             "lue ; « fr » est celle des lectures de test (circulaire), "
                             "« aucune » : sans ce modèle, comme sans espeak-ng")
    args = parser.parse_args()
    if args.voix_modele is not None:
        pitch.synthetic_voice = lambda *_args: args.voix_modele  # type: ignore[assignment]
    if args.voix_modele == "aucune":
        refine.boundaries = lambda *_args, **_kwargs: None  # type: ignore[assignment]
    root = ContentRoot.choose()
    if not (args.seulement_bornes or args.seulement_voix_humaine or args.seulement_inedits):
        segmentation(root, args.repetitions)
        if args.seulement_segmentation:
            return 0
        lesson(root, args.cas, args.repetitions)
    if not args.sans_bornes:
        boundaries(root, args.bornes_cas.split(",") if args.bornes_cas else root.slugs(),
                   args.graines, args.seulement_voix_humaine, args.seulement_inedits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
