"""How each frame sounds: its level above the room's noise, and whether it is voiced.

Energy alone takes anything loud for speech. Here every HOP_MS frame gets:

- its level above the room's noise, measured per frequency bin against the noise
  spectrum of the quietest frames (a posteriori SNR), in the band where speech
  lives (150-4000 Hz): steady hum, hiss and rumble are taken out before deciding;
- its voicing: the peak of the autocorrelation, computed from the noise-subtracted
  spectrum (Wiener-Khinchin), at lags of a speaking voice's pitch (70-400 Hz). A
  vowel is periodic; a cough, a dragged chair or a turned page is not;
- its spectral flatness (1 for white noise, near 0 for a vowel), which keeps
  broadband bursts out of the voicing.

The level is then cut into sounds (sounds.py; in a reverberant room, also where a
sound restarts out of the echo of the one before): voicing is only tested in them, as
much as judging them needs. Which sounds are speech and which are noises is judged in
speech.py, from these measures (Frames): speech.py imports this module, nothing here
imports it; this module imports sounds.py, which imports neither.

The signal is first brought to at least ANALYSIS_HZ by averaging groups of samples
(8.8 kHz from 44.1 kHz: a crude low-pass), then analysed with one FFT per frame for
its levels (the window's length) and one more, longer, for the voicing of the frames
tested, by batches of frames shared among the cores; the FFTs are scipy's (single
precision, about 9 times faster than numpy's here): a 10-minute reading takes well
under a second.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.fft
from numpy.lib.stride_tricks import sliding_window_view

from dictee import cores
from dictee.audio import segment
from dictee.audio.sounds import EDGE_SNR_DB, cut

ANALYSIS_HZ = 8_000  # at least this sample rate after decimation
WINDOW_MS = 30  # analysis window, centred on each frame
BAND_HZ = (150.0, 4000.0)  # where a voice's energy is
PITCH_HZ = (70.0, 400.0)  # a speaking voice's fundamental
NOISE_PERCENTILE = 15  # frames this quiet give the noise spectrum (padding aside)
VOICED_CORRELATION = 0.6  # autocorrelation peak of a voiced frame, window's own removed
# The window's autocorrelation is divided out only down to this: beyond ~9 ms of lag it
# is small, and dividing by it would make a noise's random peaks look periodic.
WINDOW_CORR_FLOOR = 0.5
MAX_VOICED_FLATNESS = 0.35  # a voiced frame's spectrum is far from flat
MIN_VOICED_MS = 40  # voicing a stretch needs to be speech
MIN_VOICED_FRAMES = max(1, MIN_VOICED_MS // segment.HOP_MS)  # the same, in frames
NOISE_SAMPLING = 10  # the noise spectrum is estimated on one analysis in 10
# Analysis frames per batch: bounded memory, kept in the processor's cache; a multiple
# of NOISE_SAMPLING, so that every batch starts on a frame sampled for the noise.
BATCH_FRAMES = 50 * NOISE_SAMPLING
SHARES_PER_CORE = 4  # batches are dealt in this many shares per core (a busy core lags)
DECIMATE_GROUPS = 1 << 15  # groups of samples decimated at a time (decimate)
FIRST_TESTED = 12  # frames of a sound whose voicing is tested first (_find_voicing)


@dataclass(frozen=True)
class Frames:
    """Per-frame measures, one frame every segment.HOP_MS."""

    snr_db: np.ndarray  # level above the noise, in the speech band, dB
    # Voiced frames, as far as speech.speech_mask needs them: in each sound (sounds.cut),
    # frames are tested loudest first until MIN_VOICED_MS of them are voiced, every frame
    # only in a sound that has fewer. A sound holds that much voicing here exactly when it
    # does in full; frames left untested are False.
    voiced: np.ndarray  # bool
    clean_db: np.ndarray  # noise-subtracted level in the speech band, dBFS
    # The sounds voicing was decided on, (start, end) frame pairs, end excluded
    # (sounds.cut): in a reverberant room (Listened.frames's `echo`), cut where one
    # restarts.
    sounds: np.ndarray
    # For each sound, whether its FIRST_TESTED loudest frames hold less than
    # MIN_VOICED_MS of voicing: a word's loudest frames are its vowels; a sound that is
    # speech only through scattered voiced frames may be a noise heard through a
    # room's echo (a chair), or a consonant cut off from its vowel (weak_speech). A
    # sound shorter than MIN_VOICED_MS is weak without being tested (it cannot hold
    # that much voicing).
    weak: np.ndarray
    # The voicing of any frames (indices), tested when asked (`voiced` holds only what
    # speech.speech_mask needed): speech.py's rules on a group's edges look there.
    voicing: Callable[[np.ndarray], np.ndarray] = field(
        default=lambda which: np.zeros(len(which), bool), compare=False, repr=False)
    echo: bool = False  # the sounds were cut where one restarts out of an echo (frames)


def analyse(samples: np.ndarray, rate: int, *, echo: bool = False) -> Frames:
    """Measure every frame of `samples` (mono int16 at `rate` Hz); `echo`: the room is
    reverberant (reverb.decay_rate), its sounds are cut where one restarts out of the
    echo of the one before (sounds.cut). listen(...).frames(echo), for one cut."""
    return listen(samples, rate).frames(echo=echo)


@dataclass(frozen=True, eq=False)
class Listened:
    """The levels of every frame of a recording (Frames.snr_db, Frames.clean_db), and
    the test of any frame's voicing, each frame's voicing tested at most once (`_test`):
    the sounds can be cut again (`frames`, in a reverberant room) without analysing the
    recording again, which was a third of the segmentation of a reading in a room."""

    snr_db: np.ndarray
    clean_db: np.ndarray
    # Fills, for the frames given, the voicing of each in the array given (per frame).
    _test: Callable[[np.ndarray, np.ndarray], None] = field(compare=False, repr=False)

    def frames(self, *, echo: bool = False) -> Frames:
        """The sounds cut in the levels (`echo`: as analyse's), their voicing tested as
        far as speech.speech_mask needs it (_find_voicing)."""
        voiced = np.zeros(len(self.snr_db), bool)
        sounds = cut(self.snr_db, echo)
        weak = _find_voicing(self.snr_db, sounds, lambda which: self._test(which, voiced),
                             voiced)
        return Frames(self.snr_db, voiced, self.clean_db, sounds, weak, self.voicing, echo)

    def voicing(self, which: np.ndarray) -> np.ndarray:
        """Whether each frame of `which` is voiced (Frames.voicing)."""
        which = np.asarray(which, np.int64)
        found = np.zeros(len(self.snr_db), bool)
        self._test(which, found)
        return found[which]


def listen(samples: np.ndarray, rate: int) -> Listened:
    """The levels of every frame of `samples` (mono int16 at `rate` Hz), and how to test
    the voicing of any of them (Listened).

    Spectra are computed in batches of BATCH_FRAMES, never all kept: the noise spectrum
    comes from a first pass over one frame in NOISE_SAMPLING. Only the bins up to the
    top of BAND_HZ are kept, the others are never used. A window of digital silence
    (silent_windows) is not put through an FFT: its spectrum is zeros.

    The levels need only the window's own length of FFT (270 points at 8.8 kHz);
    voicing, whose autocorrelation reaches a low voice's pitch period past the window,
    a longer one (400): one FFT of each length where needed, not the longer for every
    frame (it cost twice as much). The noise as the voicing sees it comes from the
    same quiet frames as the levels' noise, put through the longer FFT alone. The band's
    edges fall on the bins of each length: from 163 Hz instead of 154 Hz at 270 points
    (a 140 Hz voice's loud frames 0.3 dB lower; the boundaries of the test readings
    the same).
    """
    step = max(1, rate // ANALYSIS_HZ)
    low_rate = rate / step  # Hz after decimation
    width = int(round(low_rate * WINDOW_MS / 1000))  # window length, samples
    # Decimated between `width` zeros on each side: a window near an edge hears nothing
    # beyond it, and no padded copy of the whole signal is made.
    padded = decimate(samples, step, pad=width)
    x = padded[width:len(padded) - width]
    hop = low_rate * segment.HOP_MS / 1000  # samples per frame (not always whole)
    frames = int(len(x) // hop)
    if frames == 0:
        empty = np.zeros(0, np.float32)
        return Listened(empty, empty, lambda which, into: None)
    # FFT lengths (points): of the levels, of the voicing (_voiced).
    level_size = scipy.fft.next_fast_len(width, real=True)
    size = scipy.fft.next_fast_len(int(width + low_rate / PITCH_HZ[0]) + 1, real=True)
    # One spectrum per frame (5 ms), centred on it: coarser analysis moves boundaries.
    centres = (np.arange(frames) * hop + hop / 2).astype(np.int64)
    # Row i of `windows` holds padded[i : i + width]: the window centred on sample
    # i - width // 2 of x, as a view (nothing is copied until a batch is taken).
    windows = sliding_window_view(padded, width)
    first = width - width // 2  # row of the window centred on sample 0
    window = np.hanning(width).astype(np.float32)

    def bins(fft_size: int) -> tuple[np.ndarray, int, slice]:
        """The frequencies (Hz) of the bins kept, their count (those above the top of
        BAND_HZ are never looked at), and the bins of BAND_HZ, for an FFT of `fft_size`."""
        freqs = np.fft.rfftfreq(fft_size, 1 / low_rate)
        # With a bin on the band's top (at 8 kHz, 48 kHz decimated), rounding aside.
        kept = int(np.count_nonzero(freqs <= BAND_HZ[1] * (1 + 1e-9)))
        return freqs[:kept], kept, slice(int(np.searchsorted(freqs, BAND_HZ[0])), kept)

    _, level_kept, level_band = bins(level_size)
    freqs, kept, band = bins(size)

    def spectra(which: np.ndarray, block: np.ndarray, bins: slice,
                out: np.ndarray | None = None) -> np.ndarray:
        """Power spectra (float32, the bins `bins`) of the windows centred on `which`
        (at most BATCH_FRAMES), in `out` if given; `block`: BATCH_FRAMES rows of the
        FFT's length, float32, whose columns from `width` on are zeros (the padding),
        reused from batch to batch."""
        rows = block[:len(which)]
        np.multiply(windows[which + first], window, out=rows[:, :width])
        spectrum = scipy.fft.rfft(rows, axis=1)[:, bins]  # float32 in, complex64 out
        parts = spectrum.view(np.float32)  # real and imaginary parts, side by side
        np.square(parts, out=parts)  # in place: the spectrum is not needed any more
        return np.add(parts[:, 0::2], parts[:, 1::2], out=out)

    def batches(function: Callable[[slice, np.ndarray], None], count: int,
                fft_size: int) -> None:
        """`function(batch, block)` for every slice `batch` of BATCH_FRAMES items out of
        `count`, with a `block` for spectra of `fft_size` points: a few shares of the
        batches per core, each share with its own block, measured side by side (a thread
        per core). Small batches stay in the processor's cache, and the padding of a
        block is zeroed once."""
        starts = range(0, count, BATCH_FRAMES)
        if not starts:
            return
        threads = cores.threads()  # as cores.each
        # One share (one block) when the batches run in this thread alone.
        shares = np.array_split(np.arange(len(starts)), min(
            len(starts), 1 if threads <= 1 else SHARES_PER_CORE * threads))

        def share(numbers: np.ndarray) -> None:
            block = np.empty((BATCH_FRAMES, fft_size), np.float32)
            block[:, width:] = 0.0  # the padding; the window is written in each batch
            for number in numbers:
                function(slice(starts[number], starts[number] + BATCH_FRAMES), block)

        cores.each(share, shares)

    # Frames whose whole window is digital silence (a noise gate, a synthetic reading's
    # pauses: 21 % of the frames of the shipped readings, none in a room's recording):
    # their spectrum is zeros, and is not computed.
    silent = silent_windows(padded, centres + first, width)
    sampled_frames = centres[::NOISE_SAMPLING]
    sampled_silent = silent[::NOISE_SAMPLING]

    def all_spectra(which: np.ndarray, blank: np.ndarray, fft_size: int,
                    count: int) -> np.ndarray:
        """Power spectra (float32, the `count` first bins of an FFT of `fft_size` points)
        of the windows centred on `which`, zeros for those of digital silence (`blank`)."""
        out = np.empty((len(which), count), np.float32)

        def fill(batch: slice, block: np.ndarray) -> None:
            heard = ~blank[batch]
            rows = out[batch]
            rows[~heard] = 0.0
            rows[heard] = spectra(which[batch][heard], block, slice(0, count))

        batches(fill, len(which), fft_size)
        return out

    sampled = all_spectra(sampled_frames, sampled_silent, level_size, level_kept)
    # Full scale, as dBFS, by the convention the levels' thresholds were set on: that of
    # the voicing's FFT of `size` points (a broadband band's power in an FFT of n
    # points grows as n: the levels' shorter FFT is scaled up to it).
    norm = (window ** 2).sum() * width / 2 * level_size / size
    total = sampled[:, level_band].sum(axis=1)
    # The noise is that of the recording, digital silence around it aside (segment.heard).
    with np.errstate(divide="ignore"):
        audible = segment.heard(10 * np.log10(total / norm))
    if not audible.any():  # nothing but digital silence: nothing will be found
        audible[:] = True
    quiet = audible & (total <= np.percentile(total[audible], NOISE_PERCENTILE))
    noise = np.maximum(sampled[quiet].mean(axis=0), 1e-12)
    noise_in_band = noise[level_band].sum()
    floor = 1.5 * noise[level_band]  # subtracted from each bin of the band
    snr = np.empty(len(centres), np.float32)
    clean_db = np.empty(len(centres), np.float32)

    # In a batch (it starts on a sampled frame), the frames sampled above come first:
    # their spectra are taken from `sampled`, the others' computed.
    inside = np.arange(BATCH_FRAMES)
    order = np.concatenate((inside[::NOISE_SAMPLING], inside[inside % NOISE_SAMPLING > 0]))

    def levels(power: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The level above the noise (dB) and the noise-subtracted level (dBFS) of each
        row of `power` (the bins of the band), which is overwritten."""
        above = 10 * np.log10((power.sum(axis=1) + 1e-12) / noise_in_band)
        # power − floor where positive, else 0, in place: the same values as
        # maximum(power − floor, 0), without comparing each to a scalar, which numpy
        # does twice as slowly here.
        clean = np.maximum(power, floor, out=power)
        np.subtract(clean, floor, out=clean)
        return above, 10 * np.log10(clean.sum(axis=1) / norm + 1e-14)

    silence = levels(np.zeros((1, level_kept - level_band.start), np.float32))  # silent frame

    def measure(batch: slice, block: np.ndarray) -> None:
        """Fill the levels of one batch of analysis frames."""
        count = min(batch.stop, len(centres)) - batch.start
        which = batch.start + (order if count == BATCH_FRAMES else order[order < count])
        reused = -(-count // NOISE_SAMPLING)  # sampled frames in this batch
        # The others: those that hear something first, the silent ones after.
        others = which[reused:]
        blank = silent[others]
        heard = others[~blank]
        power = np.empty((reused + len(heard), level_kept - level_band.start), np.float32)
        power[:reused] = sampled[batch.start // NOISE_SAMPLING:][:reused, level_band]
        spectra(centres[heard], block, level_band, out=power[reused:])
        measured = np.concatenate((which[:reused], heard))
        snr[measured], clean_db[measured] = levels(power)
        snr[others[blank]], clean_db[others[blank]] = silence

    batches(measure, len(centres), level_size)
    clean_db = np.maximum(clean_db, segment.SILENCE_DBFS)
    # The noise as the voicing's FFT sees it: from the same quiet frames, only them.
    quiet_spectra = all_spectra(sampled_frames[quiet], sampled_silent[quiet], size, kept)
    floor_all = 1.5 * np.maximum(quiet_spectra.mean(axis=0), 1e-12)  # for _voiced
    # The window's own autocorrelation: a perfectly periodic frame's peak at lag τ is
    # this, not 1 (0.47 at 10 ms, the pitch period of a low voice, in a 30 ms window).
    shape = scipy.fft.irfft(np.abs(scipy.fft.rfft(window, size)) ** 2, size)
    window_corr = np.maximum(shape / shape[0], WINDOW_CORR_FLOOR).astype(np.float32)
    # Each frame's voicing once, however many times it is asked (Listened.frames).
    tested = np.zeros(len(centres), bool)
    voicing = np.zeros(len(centres), bool)

    def test(which: np.ndarray, into: np.ndarray) -> None:
        """Decide the voicing of the frames `which` (all different), in `into` (per
        frame): the voicing's FFT of `size` points (400 at 8.8 kHz, see _voiced), only
        for the frames not tested yet."""
        fresh = which[~tested[which]]

        def run(batch: slice, block: np.ndarray) -> None:
            power = spectra(centres[fresh[batch]], block, slice(0, kept))
            voicing[fresh[batch]] = _voiced(power, floor_all, freqs, low_rate, window_corr,
                                            band)

        batches(run, len(fresh), size)
        tested[fresh] = True
        into[which] = voicing[which]

    return Listened(snr, clean_db, test)


SILENCE_BLOCK = 32  # samples per block of the test for digital silence (silent_windows)


def silent_windows(x: np.ndarray, starts: np.ndarray, width: int) -> np.ndarray:
    """Whether each window `x[start:start + width]` (inside `x`) holds nothing but
    zeros, judged by blocks of SILENCE_BLOCK samples (a pass over whole arrays, not
    over every window): a window that shares a block with a sound is not silent, and is
    measured as any other. A silent window's spectrum is zeros: not computed."""
    blocks = -(-len(x) // SILENCE_BLOCK)
    sound = np.zeros(blocks * SILENCE_BLOCK, bool)
    np.not_equal(x, 0, out=sound[:len(x)])
    before = np.concatenate(([0], np.cumsum(sound.reshape(blocks, SILENCE_BLOCK).any(axis=1))))
    return before[(starts + width - 1) // SILENCE_BLOCK + 1] == before[starts // SILENCE_BLOCK]


def _find_voicing(snr: np.ndarray, sounds: np.ndarray, test: Callable[[np.ndarray], None],
                  voiced: np.ndarray) -> np.ndarray:
    """Test (`test` fills `voiced` for the frames given) just enough frames for
    speech.speech_mask: only frames above the noise (EDGE_SNR_DB) can be voiced, only in a sound
    of at least MIN_VOICED_MS, and a sound is decided once that much voicing is found.
    Its loudest FIRST_TESTED frames are tested first (a word's vowels: nearly always
    enough), then, in the sounds still short of voicing (a cough, a chair), all the
    others. About one frame in eight is tested instead of every frame above the noise,
    and the voicing's FFT (400 points) was most of the analysis. Returns, for each
    sound, whether its loudest frames fell short (Frames.weak)."""
    need = MIN_VOICED_FRAMES
    long = sounds[:, 1] - sounds[:, 0] >= need
    weak = np.ones(len(sounds), bool)
    spans = sounds[long]
    if not len(spans):
        return weak
    inside = np.zeros(len(snr) + 1, np.int64)
    inside[spans[:, 0]] += 1
    inside[spans[:, 1]] -= 1
    frames = np.flatnonzero((np.cumsum(inside[:-1]) > 0) & (snr > EDGE_SNR_DB))
    sound = np.searchsorted(spans[:, 0], frames, "right") - 1
    # By sound, loudest first, ties in time order (np.lexsort's order): a stable sort by
    # level, then by sound, on 16 bits when they are enough (a radix sort, faster).
    order = np.argsort(-snr[frames], kind="stable")
    by_sound = sound[order]
    order = order[np.argsort(by_sound.astype(np.uint16) if len(spans) <= 1 << 16 else by_sound,
                             kind="stable")]
    frames, sound = frames[order], sound[order]
    rank = np.arange(len(frames)) - np.searchsorted(sound, sound, "left")
    first = rank < FIRST_TESTED
    test(frames[first])
    found = np.bincount(sound[first], weights=voiced[frames[first]], minlength=len(spans))
    rest = ~first & (found[sound] < need)
    if rest.any():
        test(frames[rest])
    weak[long] = found < need
    return weak




def decimate(samples: np.ndarray, step: int, *, pad: int = 0) -> np.ndarray:
    """`samples` (int16) averaged by groups of `step`, as float32 in [-1, 1), between
    `pad` zeros on each side.

    The groups are summed one column at a time: for int16 samples every partial sum
    is an integer below 2^24, exact in float32, so this equals a mean over the rows
    without its slow short-axis reduction. It is done by pieces of DECIMATE_GROUPS
    groups, each summed while it is in the processor's cache, a thread per core.
    """
    count = len(samples) // step
    groups = np.asarray(samples[: count * step]).reshape(count, step)
    out = np.empty(count + 2 * pad, np.float32)
    out[:pad] = 0.0
    out[len(out) - pad:] = 0.0

    def convert(starts: range) -> None:
        floats = np.empty((min(count, DECIMATE_GROUPS), step), np.float32)
        for begin in starts:
            piece = floats[:len(groups[begin:begin + DECIMATE_GROUPS])]
            piece[...] = groups[begin:begin + DECIMATE_GROUPS]  # as float32, all at once
            x = out[pad + begin:pad + begin + len(piece)]
            x[:] = piece[:, 0]
            for column in range(1, step):
                x += piece[:, column]
            x /= step
            x /= 32768.0

    # Pieces are independent: a share of them per core, side by side.
    starts = range(0, count, DECIMATE_GROUPS)
    threads = max(1, min(len(starts), cores.threads()))
    cores.each(convert, [starts[k::threads] for k in range(threads)])
    return out


def _voiced(spectra: np.ndarray, floor: np.ndarray, freqs: np.ndarray, low_rate: float,
            window_corr: np.ndarray, band: slice) -> np.ndarray:
    """Frames whose noise-subtracted autocorrelation peaks at a voice's pitch.

    `spectra`: power per bin (bins of `freqs`, Hz) of the frames at `low_rate` Hz;
    `floor`: the noise subtracted from each bin (only below 1500 Hz, where the formants
    carry the pitch, is it needed); `window_corr`: the analysis window's own
    autocorrelation per lag (the FFT's length), which the frames' is divided by.
    """
    size = len(window_corr)
    low, high = int(low_rate / PITCH_HZ[1]), int(low_rate / PITCH_HZ[0]) + 1  # lags
    formants = int(np.count_nonzero(freqs < 1500))  # formants carry the pitch
    clean = np.maximum(spectra[:, :formants] - floor[:formants], 0.0)
    corr = scipy.fft.irfft(clean, size, axis=1)  # higher bins are zeros
    peaks = (corr[:, low:high] / window_corr[low:high]).max(axis=1) \
        / np.maximum(corr[:, 0], 1e-14)
    voiced = peaks > VOICED_CORRELATION
    # Flatness (with its logarithm per bin) only for the frames periodic enough.
    candidates = np.flatnonzero(voiced)
    power = spectra[candidates, band] + 1e-14
    flatness = np.exp(np.mean(np.log(power), axis=1)) / np.mean(power, axis=1)
    voiced[candidates] = flatness < MAX_VOICED_FLATNESS
    return voiced
