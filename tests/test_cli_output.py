"""The CLI's tables: drawn without rich's per-cell rendering, they must look exactly as
rich's Table draws them (what a teacher saw before), folded names included."""

from __future__ import annotations

import errno
import io

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dictee.cli import output
from dictee.errors import GradingError, os_error

COLUMNS = [("Copie", "left"), ("Erreurs", "right"), ("mot", "right"), ("Note /20", "right")]
ROWS = [["copies/eleve-0001.txt", "3", "1", "17,5"],
        ["copies/un-nom-de-fichier-vraiment-très-long-pour-la-colonne.txt", "0", "0", "20"],
        ["vide.txt", Text("copie vide", style="yellow"), "", "—"]]


def _console(width: int) -> Console:
    return output.FrenchConsole(file=io.StringIO(), width=width, color_system="truecolor",
                   force_terminal=True, highlight=False)


def _rich(width: int, edge: bool) -> str:
    console = _console(width)
    table = Table(title="Bilan de la classe" if edge else None, title_justify="left",
                  show_edge=edge, pad_edge=edge)
    for k, (header, justify) in enumerate(COLUMNS):
        table.add_column(header, justify=justify, overflow="fold" if k == 0 else "ellipsis")
    for row in ROWS:
        table.add_row(*(Text(c) if isinstance(c, str) else c for c in row))
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [200, 80, 60])
@pytest.mark.parametrize("edge", [True, False])
def test_tables_look_as_rich_draws_them(monkeypatch, width, edge):
    console = _console(width)
    monkeypatch.setattr(output, "out", console)
    output.print_table(COLUMNS, ROWS, title="Bilan de la classe" if edge else None,
                       edge=edge, fold=0)
    ours = console.file.getvalue()  # type: ignore[attr-defined]
    # Same characters on every line (rich also styles the padding around a header).
    assert [line.rstrip() for line in Text.from_ansi(ours).plain.splitlines()] == \
        [line.rstrip() for line in Text.from_ansi(_rich(width, edge)).plain.splitlines()]
    assert "\x1b[33mcopie vide" in ours  # the flag stays yellow


def test_a_table_too_narrow_to_fold_is_left_to_rich(monkeypatch):
    console = _console(30)
    monkeypatch.setattr(output, "out", console)
    output.print_table(COLUMNS, ROWS, title="Bilan de la classe", fold=0)
    assert Text.from_ansi(console.file.getvalue()).plain == \
        Text.from_ansi(_rich(30, True)).plain  # type: ignore[attr-defined]


@pytest.mark.parametrize("blocks", [
    [Text("copies/lea.txt", style="bold"), Text("Aucune erreur.", style="green"),
     Text.assemble("Points retirés : 2 — note : ", ("18", "bold"), " / 20")],
    [Text("une ligne\nen deux", style="yellow"), Text("une\ttabulation")],
    [Text("Copie incomplète : elle s'arrête à la phrase 3 " * 4, style="yellow")],
])
def test_printed_blocks_are_what_rich_prints(monkeypatch, blocks):
    """print_blocks hands rich the segments of its texts (a style across a line break or
    a tab are left to rich): the same characters and the same colours as rich's own
    printing of the same blocks."""
    ours, theirs = _console(60), _console(60)
    monkeypatch.setattr(output, "out", ours)
    output.print_blocks([block.copy() for block in blocks])
    for block in blocks:
        block = output.typeset(block, theirs.encoding)  # « Points retirés\u00a0: 2 »
        if "\n" not in block.plain and len(block.plain) > 60:
            block = Text("\n").join(block.wrap(theirs, 60))
        theirs.print(block, soft_wrap=True)
    assert ours.file.getvalue() == theirs.file.getvalue()  # type: ignore[attr-defined]


def _french(width: int, encoding: str = "utf-8") -> output.FrenchConsole:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, write_through=True)
    return output.FrenchConsole(file=stream, width=width, color_system="truecolor",
                                force_terminal=True, highlight=False, emoji=False)


def _shown(console: output.FrenchConsole) -> str:
    stream = console.file
    return stream.buffer.getvalue().decode(stream.encoding)  # type: ignore[attr-defined]


def test_the_console_spaces_as_french_does():
    """Messages are written with ordinary spaces; the teacher reads no-break ones, styles
    on the same letters, and a file name, a time or an address as they are."""
    console = _french(200)
    console.print("[bold red]Erreur :[/] « copie 1.txt » illisible ; voyez C:\\copies à "
                  "12:30 ! Ou https://amnistie.ca/?a=1 ?")
    shown = Text.from_ansi(_shown(console))
    assert shown.plain.rstrip("\n") == (
        "Erreur\u00a0: «\u00a0copie 1.txt\u00a0» illisible\u202f; voyez C:\\copies à "
        "12:30\u202f! Ou https://amnistie.ca/?a=1\u202f?")
    assert "\x1b[1;31mErreur\u00a0:\x1b[0m" in _shown(console)


def test_a_file_name_is_written_as_it_is_in_a_french_message(monkeypatch):
    """A file may be named « Léa : dictée ?.txt »: the teacher finds it by that name, so
    it is written as it is, while the message around it keeps its no-break spaces; in an
    error, the files the error names (DicteeError.locations) as well."""
    console = _french(200)
    console.print(Text.assemble(("Copie :", "bold"), " ", output.named("a/Léa : dictée ?.txt"),
                                " illisible ; relancez !"))
    assert Text.from_ansi(_shown(console)).plain.rstrip("\n") == (
        "Copie\u00a0: a/Léa : dictée ?.txt illisible\u202f; relancez\u202f!")
    assert "\x1b[1mCopie\u00a0:\x1b[0m" in _shown(console)  # its style kept
    console = _french(200)
    monkeypatch.setattr(output, "err", console)
    problem = GradingError("copie introuvable", path="a/Léa : dictée ?.txt")
    output.error(problem.describe(), problem.locations())
    assert Text.from_ansi(_shown(console)).plain.rstrip("\n") == (
        "Erreur\u00a0: a/Léa : dictée ?.txt\u00a0: copie introuvable")


def test_a_name_an_error_writes_in_its_own_text_is_written_as_it_is(monkeypatch):
    """An error may write a file's name in its message (« impossible d'écrire NOM »), not
    only in its path: it lists it in its names (DicteeError.names, os_error's names), and
    the name is written as it is, while the rest of the message keeps its spaces."""
    console = _french(200)
    monkeypatch.setattr(output, "err", console)
    name = "Léa : trousse ; essai ! ?.zip"
    problem = os_error(OSError(errno.EACCES, "Permission denied"), f"écrire {name}",
                       path="k/Classe : 6e ?", names=[name])
    output.error(problem.describe(), problem.locations())
    assert Text.from_ansi(_shown(console)).plain.splitlines() == [
        f"Erreur\u00a0: k/Classe : 6e ?\u00a0: impossible d'écrire {name}\u00a0: permission "
        "refusée",
        "→ Choisissez un dossier où vous avez le droit d'écrire, ou demandez ce droit."]


@pytest.mark.parametrize("width", [200, 40, 24, 18])
def test_a_name_folded_across_lines_is_written_as_it_is(monkeypatch, width):
    """In a table narrower than a copy's name, the name is cut across lines; each piece
    is still the name as it is, and the flag after it (« (niveau primaire ?) ») still
    French. At 18 columns, the table is rich's own, which cuts words too."""
    console = _console(width)
    monkeypatch.setattr(output, "out", console)
    name = "copies/Léa : une dictée ?.txt"
    flagged = Text.assemble(output.named(name), " (niveau primaire ?)", style="yellow")
    output.print_table([("Copie", "left"), ("Note", "right")], [[flagged, "—"]], fold=0)
    shown = Text.from_ansi(console.file.getvalue()).plain  # type: ignore[attr-defined]
    assert "\u00a0" not in shown and shown.count("\u202f?)") == 1, shown
    pieces = [line.split("│")[1].strip() for line in shown.splitlines() if "│" in line]
    assert "".join(pieces).replace(" ", "").startswith(name.replace(" ", "")), pieces


def test_a_line_is_never_broken_at_a_no_break_space():
    """rich took no-break spaces for places to break a line: « : » alone at the start of
    a line, « » » alone under its quotation."""
    for width in range(20, 45):
        console = _french(width)
        console.print("Le fichier « luis manuel » est introuvable : vérifiez son nom ! "
                      "Puis relancez la commande ?")
        lines = Text.from_ansi(_shown(console)).plain.splitlines()
        assert not any(line.lstrip().startswith((":", "!", "?", "»")) for line in lines), lines
        assert not any(line.rstrip().endswith("«") for line in lines), lines


def test_a_console_that_cannot_write_narrow_spaces_writes_no_break_ones():
    """Windows writes a redirected output in cp1252, which has U+00A0 but no U+202F; an
    ASCII output gets the ordinary spaces, not an encoding error."""
    console = _french(80, "cp1252")
    console.print("Vraiment ? Oui : « non ».")
    assert _shown(console).rstrip("\n").endswith("Vraiment\u00a0? Oui\u00a0: «\u00a0non\u00a0».")
    console = _french(80, "ascii")
    console.print("Vraiment ? Oui : non.")
    assert _shown(console).rstrip("\n").endswith("Vraiment ? Oui : non.")
