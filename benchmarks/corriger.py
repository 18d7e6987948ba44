"""Time to correct a 1 MB copy, as a ratio to plain diffs of the same input measured in
the same run (these machines are noisy: compare ratios, and the absolute target of one
second for the issue).

    python benchmarks/corriger.py [--repetitions 3] [--taille 1000000]

Copies: the level's text written again and again with a few errors in each repetition
(a pupil pasting far too much), and random words (noise, every token distinct).
Baselines: difflib's SequenceMatcher on the tokens (word diff, no classification) and
on the characters of the first 20 000 characters (the character diff of the whole copy
would take minutes), scaled linearly to the full size.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import string
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dictee.content.loader import ContentRoot  # noqa: E402
from dictee.grading import correct  # noqa: E402
from dictee.grading.lexicon import load  # noqa: E402
from dictee.grading.table import table_for  # noqa: E402
from dictee.grading.tokens import tokenize  # noqa: E402


def repeated_copy(text: str, size: int, rng: random.Random) -> str:
    words = text.split(" ")
    parts, total = [], 0
    while total < size:
        copy = list(words)
        for _ in range(5):  # a few errors in each repetition
            k = rng.randrange(len(copy))
            copy[k] = rng.choice([copy[k].upper(), copy[k][:-1], copy[k] + "s", "et"])
        part = " ".join(copy)
        parts.append(part)
        total += len(part.encode("utf-8")) + 1
    return "\n".join(parts)


def noise_copy(size: int, rng: random.Random) -> str:
    letters = string.ascii_lowercase + "éèàç"
    words, total = [], 0
    while total < size:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
        words.append(word)
        total += len(word.encode("utf-8")) + 1
    return " ".join(words)


def _diff(a, b) -> object:
    return difflib.SequenceMatcher(None, a, b).get_opcodes()


def timed(action: Callable[[], object], repetitions: int) -> float:
    runs = []
    for _ in range(repetitions):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--taille", type=int, default=1_000_000, help="octets par copie")
    args = parser.parse_args()
    rng = random.Random(2022)
    case = ContentRoot.choose().load("luis-manuel")

    start = time.perf_counter()
    load()
    print(f"chargement du lexique (une fois par processus) : {time.perf_counter() - start:.2f} s")
    for level_name, level in case.levels.items():
        text = level.text
        start = time.perf_counter()
        table_for(text)
        print(f"\n{level_name} ({len(tokenize(text))} jetons attendus) — table lexicale : "
              f"{time.perf_counter() - start:.3f} s")
        for label, copy in (("texte répété", repeated_copy(text, args.taille, rng)),
                            ("mots au hasard", noise_copy(args.taille, rng))):
            expected_tokens, written_tokens = tokenize(text), tokenize(copy)
            words = timed(partial(_diff, expected_tokens, written_tokens), args.repetitions)
            sample = copy[:20_000]
            chars = timed(partial(_diff, text, sample), args.repetitions) \
                * len(copy) / len(sample)
            ours = timed(partial(correct, text, copy), args.repetitions)
            size = len(copy.encode("utf-8")) / 1e6
            print(f"  {label:<15} {size:.2f} Mo, {len(written_tokens)} jetons : corriger "
                  f"{ours:.2f} s {'(< 1 s)' if ours < 1 else '(≥ 1 s !)'} ; "
                  f"ratio {ours / words:.1f} × diff de mots ({words:.3f} s), "
                  f"{ours / chars:.2f} × diff de caractères (≈ {chars:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
