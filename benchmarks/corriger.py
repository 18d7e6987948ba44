"""Time to correct a class set (30 and 1,000 copies, end to end: `dictee corriger` on a
folder, in a process of its own) and a 1 MB copy, as ratios to a plain word diff of the
same input measured in the same run (these machines are noisy: compare ratios; the
issue's absolute aims are less than 0.5 s for 30 copies and less than 3 s for 1,000, of
wall time; the processor time is printed too, for a machine others keep busy). Each
time is the median of the runs, followed by the fastest and the slowest run: how noisy
the machine was (the fastest is the nearest to a quiet machine).

    python benchmarks/corriger.py [--repetitions 3] [--taille 1000000] [--classes-seulement]

Class sets: copies of the four shipped cases' texts (both levels) with a pupil's
mistakes (class_copies). The baseline is a process that reads the same files and runs
difflib over the tokens of each copy: startup, reading and a word diff, no lexicon.
For the class of 30, the time is also split: starting Python, the imports of each
library and of dictee (import_shares), and the rest.

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
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dictee.content.loader import ContentRoot  # noqa: E402
from dictee.content.typography import decimal  # noqa: E402
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


HOMOPHONES = {"a": "à", "à": "a", "et": "est", "est": "et", "son": "sont", "sont": "son",
              "ses": "ces", "ces": "ses", "on": "ont", "ont": "on", "la": "là", "ce": "se",
              "se": "ce", "ou": "où", "peu": "peut", "sa": "ça", "leur": "leurs"}
_ACCENTS = str.maketrans("éèêàâùûîïôç", "eeeaauuiioc")


def _mistake(word: str, rng: random.Random) -> str:
    """One mistake a pupil makes: homophone, accent, agreement, doubled or dropped
    letter, capital, punctuation."""
    bare = word.strip(".,;:!?»«")
    kind = rng.randrange(8)
    if kind == 0 and bare.lower() in HOMOPHONES:
        return word.replace(bare, HOMOPHONES[bare.lower()])
    if kind == 1 and bare.translate(_ACCENTS) != bare:
        return word.translate(_ACCENTS)
    if kind == 2 and len(bare) > 3:
        return word.replace(bare, bare[:-1] if bare.endswith(("s", "e", "t")) else bare + "s")
    if kind == 3 and len(bare) > 4:
        k = rng.randrange(1, len(bare) - 1)
        return word.replace(bare, bare[:k] + bare[k] + bare[k:])
    if kind == 4 and len(bare) > 4:
        k = rng.randrange(1, len(bare) - 1)
        return word.replace(bare, bare[:k] + bare[k + 1:])
    if kind == 5 and bare[:1].isupper():
        return word.replace(bare, bare.lower())
    if kind == 6 and word != bare:
        return bare
    return word


def class_copies(texts: list[str], count: int, rng: random.Random) -> list[str]:
    """`count` copies of one of `texts`, each with 2 to 14 mistakes; one in ten stops
    early, one in fifty forgets a word."""
    copies = []
    text = rng.choice(texts)
    for k in range(count):
        words = text.split(" ")
        for _ in range(rng.randint(2, 14)):
            i = rng.randrange(len(words))
            words[i] = _mistake(words[i], rng)
        if k % 50 == 7:
            del words[rng.randrange(len(words))]
        if k % 10 == 3:
            words = words[:rng.randrange(len(words) // 3, len(words))]
        copies.append(" ".join(words))
    return copies


_BASELINE = """
import difflib, pathlib, re, sys
token = re.compile(r"\\w+'?|\\S")
expected = token.findall(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
for path in sorted(pathlib.Path(sys.argv[2]).glob("*.txt")):
    written = token.findall(path.read_text(encoding="utf-8"))
    difflib.SequenceMatcher(None, expected, written).get_opcodes()
"""


def class_sets(repetitions: int) -> None:
    """End to end: `python -m dictee.cli corriger` on a folder, against the baseline."""
    import os
    import subprocess
    import tempfile

    root = ContentRoot.choose()
    rng = random.Random(1990)
    repo = Path(__file__).resolve().parent.parent
    print("Classes entières, de bout en bout (un processus par correction) :")
    for count in (30, 1000):
        slug = root.slugs()[count % len(root.slugs())]
        level = root.load(slug).levels["primaire"]
        with tempfile.TemporaryDirectory(prefix="dictee-classe-") as work:
            # As installed (pip compiles the modules once): the first run's bytecode is
            # kept, in the temporary folder, even where PYTHONDONTWRITEBYTECODE is set
            # (a development checkout would otherwise compile dictee at every run).
            env = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"}
            env.update(PYTHONPATH=str(repo), PYTHONPYCACHEPREFIX=str(Path(work) / "pyc"))
            folder = Path(work) / "copies"
            folder.mkdir()
            for k, copy in enumerate(class_copies([level.text], count, rng)):
                (folder / f"eleve-{k:04d}.txt").write_text(copy, encoding="utf-8")
            expected = Path(work) / "texte.txt"
            expected.write_text(level.text, encoding="utf-8")
            ours_command = [sys.executable, "-m", "dictee.cli", "corriger", "--cas", slug,
                            "--niveau", "primaire", str(folder), "--csv",
                            str(Path(work) / "notes.csv"), "--force"]
            base_command = [sys.executable, "-c", _BASELINE, str(expected), str(folder)]

            def run(command: list[str], env: dict[str, str] = env) -> None:
                # In the repository's folder: `-m dictee.cli` run from another checkout
                # would import that checkout's dictee, whatever PYTHONPATH says.
                done = subprocess.run(command, capture_output=True, env=env, check=False,
                                      cwd=repo)
                if done.returncode not in (0, 3):
                    raise SystemExit(done.stderr.decode())

            for command in (ours_command, base_command):  # warm the caches, compile
                run(command)
            ours = timed_process(partial(run, ours_command), repetitions)
            base = timed_process(partial(run, base_command), repetitions)
            aim = 0.5 if count == 30 else 3.0
            reached = ("atteint" if ours.wall < aim else "pas atteint en médiane, atteint "
                       "par le passage le plus rapide" if min(ours.walls) < aim
                       else "pas atteint")
            print(f"  {count:>5} copies ({slug}, primaire) : dictee corriger "
                  f"{decimal(ours.wall, 2)} s {_spread(ours.walls)} (visé : moins de "
                  f"{decimal(aim)} s, {reached}) ; diff de mots {decimal(base.wall, 2)} s ; "
                  f"ratio {decimal(ours.wall / base.wall, 1)}")
            print(f"        temps processeur : dictee corriger {decimal(ours.cpu, 2)} s "
                  f"{_spread(ours.cpus)}, diff de mots {decimal(base.cpu, 2)} s ; ratio "
                  f"{decimal(ours.cpu / base.cpu, 1)} (moins sensible à une machine "
                  f"occupée)")
            if count == 30:
                _breakdown(ours_command, env, repetitions)


# Who pays for an import, in the real command: the first of these packages met going up
# from the imported module to the module that imported it, and so on (asyncio imported
# by pydantic_core is pydantic's; json imported by dictee.cli.corriger is dictee's).
# Modules imported before any of them (site, encodings) belong to starting Python.
PACKAGES = {"typer": "typer", "pydantic": "pydantic", "pydantic_core": "pydantic",
            "numpy": "numpy", "rapidfuzz": "rapidfuzz", "rich": "rich", "dictee": "dictee"}
SHOWN = ("typer", "pydantic", "numpy", "rapidfuzz", "rich", "dictee")


def import_shares(report: str) -> dict[str, float]:
    """Seconds of import by package (PACKAGES), from the report of `python -X importtime`
    (self time of each module, given to its package or to the package that imported it)."""
    import re

    rows = [(len(m[2]) // 2, m[3], int(m[1]) / 1e6) for m in re.finditer(
        r"^import time:\s+(\d+) \|\s+\d+ \|( +)(\S+)$", report, re.M)]
    shares: dict[str, float] = {}
    chain: list[str] = []  # the importers of the module at hand, outermost first
    for depth, name, seconds in reversed(rows):  # children come before their importer
        del chain[depth:]
        chain.append(name)
        owner = next((PACKAGES[module.split(".")[0]] for module in reversed(chain)
                      if module.split(".")[0] in PACKAGES), "python")
        shares[owner] = shares.get(owner, 0.0) + seconds
    return shares


def _breakdown(command: list[str], env: dict[str, str], repetitions: int) -> None:
    """Where the wall time of the command goes, in the fastest of `repetitions` runs (the
    nearest to a quiet machine; a median adds up the waits of a busy one): starting
    Python (`-c pass`); the imports, by package, as `-X importtime` reports them in the
    real command; and the rest (Typer reading the options, then dictee reading, grading,
    printing, and Python stopping)."""
    import subprocess

    repo = Path(__file__).resolve().parent.parent
    python = min(timed_process(lambda: subprocess.run([sys.executable, "-c", "pass"],
                                                      env=env, check=True),
                               repetitions).walls)
    runs = []
    for _ in range(repetitions):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], env=env,
                              capture_output=True, text=True, check=False, cwd=repo)
        runs.append((time.perf_counter() - start, import_shares(done.stderr)))
    wall, report = min(runs, key=lambda run: run[0])
    shares = {name: report.get(name, 0.0) for name in SHOWN}
    rest = wall - python - sum(shares.values())
    print(f"        où va ce temps (le plus rapide de {repetitions} passages avec "
          f"-X importtime, qui ralentit un peu : {decimal(wall, 2)} s) : démarrer Python "
          f"{decimal(python, 2)} s ; importer "
          + ", ".join(f"{name} {decimal(shares[name], 2)} s" for name in SHOWN)
          + f" ; le reste {decimal(rest, 2)} s (Typer lit les options, pydantic bâtissant "
          f"un adaptateur pour chacune, puis dictee lit, corrige, affiche, écrit le CSV, et "
          f"Python s'arrête)")


class Runs(NamedTuple):
    """Wall times and processor times (user + system) of each run, in seconds."""

    walls: list[float]
    cpus: list[float]

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def _spread(values: list[float]) -> str:
    """How noisy the machine was: the fastest and the slowest of the runs (the fastest is
    the nearest to what a quiet machine gives)."""
    return f"(médiane de {len(values)} ; de {decimal(min(values), 2)} à " \
           f"{decimal(max(values), 2)} s)"


def timed_process(action: Callable[[], object], repetitions: int) -> Runs:
    """Wall time and processor time (user + system, of the processes `action` started)
    of `repetitions` runs. On a machine other people keep busy the wall time waits for a
    core; the processor time does much less."""
    import resource

    walls, cpus = [], []
    for _ in range(repetitions):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return Runs(walls, cpus)


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
    parser.add_argument("--classes-seulement", action="store_true",
                        help="seulement les classes de 30 et 1 000 copies")
    args = parser.parse_args()
    class_sets(args.repetitions)
    if args.classes_seulement:
        return 0
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
