"""Where the CLI writes: one console for results, one for messages and errors."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Union

import rich._wrap
from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment, Segments
from rich.style import Style
from rich.text import Span, Text
from rich.theme import Theme

from dictee.content.typography import NBSP, NNBSP, spaced

# rich takes no-break spaces for places to break a line (they are whitespace to Python's
# re and str.split): « prête » at the end of a line and « : » alone at the start of the
# next, or a table column made too narrow for « secondaire : » and cut to « secondaire… ».
# Its two places are patched: the words it wraps (rich._wrap) and the narrowest a text
# can be (Text.__rich_measure__, measured as a FrenchConsole will write it).
_NO_BREAK = "\u00a0\u202f"
rich._wrap.re_word = re.compile(rf"[^\S{_NO_BREAK}]*(?:\S|[{_NO_BREAK}])+[^\S{_NO_BREAK}]*")
_BREAKABLE = re.compile(rf"[^\S{_NO_BREAK}]+")

# The style of what a console writes exactly as it is given (named): a file's name.
# « Léa : dictée.txt » is a name, not French to space; the message around it is spaced.
VERBATIM = "dictee.verbatim"


def named(name: object, style: str = "") -> Text:
    """`name` (a path, a file's name) as a piece of a message, in `style` if given:
    written exactly as it is, never spaced as French (typeset) nor read as rich markup."""
    text = Text(str(name), style=VERBATIM)
    if style:
        text.stylize(style)
    return text


def _measure(self: Text, console: Console, options: ConsoleOptions) -> Measurement:
    text = _spaced(self, NNBSP)
    lines = text.splitlines()
    widest = max(cell_len(line) for line in lines) if lines else 0
    words = [word for word in _BREAKABLE.split(text) if word]
    return Measurement(max(cell_len(word) for word in words) if words else widest, widest)


Text.__rich_measure__ = _measure  # type: ignore[method-assign]


class FrenchConsole(Console):
    """A rich console that writes every text with French spacing (`typography.spaced`):
    the no-break space before : ; ! ? and inside « » where the message has an ordinary
    one. The messages stay readable in the code, with ordinary spaces, and no message of
    the CLI, of Typer (help, usage errors) or of a table can forget the rule. JSON and
    files are not written through a console: they keep what they were given, and so do
    the names of files in a message (named)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.push_theme(Theme({VERBATIM: Style()}))  # no colour of its own

    def render_str(self, text: str, **options: Any) -> Text:
        return typeset(super().render_str(text, **options), self.encoding)

    def render(self, renderable: RenderableType,
               options: ConsoleOptions | None = None) -> Iterable[Segment]:
        if isinstance(renderable, Text):
            renderable = typeset(renderable, self.encoding)
        return super().render(renderable, options)


def typeset(text: Text, encoding: str) -> Text:
    """`text` with French spacing, its styles on the same characters (a copy if changed),
    for a console writing in `encoding`: U+202F before ; ! ? where it can be written, else
    U+00A0 (Windows' cp1252 has no U+202F); nothing changed where neither can be."""
    if not _writes(NBSP, encoding):
        return text
    plain = text.plain
    shown = _spaced(text, NNBSP if _writes(NNBSP, encoding) else NBSP)
    if shown == plain:
        return text
    copy = text.copy()
    copy.plain = shown
    return copy


def _spaced(text: Text, narrow: str) -> str:
    """The plain text of `text` with French spacing (typography.spaced, `narrow` before
    ; ! ?), but for its VERBATIM characters (named), left as they are. This is the one
    place where what the terminal shows is spaced."""
    plain = text.plain
    if text.style == VERBATIM:
        return plain
    shown = spaced(plain, narrow)
    kept = [span for span in text.spans if span.style == VERBATIM]
    if not kept or shown == plain:
        return shown
    chars = list(shown)  # one character for one: the same positions as in `plain`
    for span in kept:
        chars[span.start:span.end] = plain[span.start:span.end]
    return "".join(chars)


def _writes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


# No emoji codes: a file named « a:fire:b.txt » is named as it is, not « a🔥b.txt »
# (rich would also load its table of 3,600 emoji names for the first message).
out = FrenchConsole(highlight=False, emoji=False)
err = FrenchConsole(stderr=True, highlight=False, emoji=False)


# error, warn and info show their message as it is written: it names files and folders
# (« [brouillon]/copie.txt »), which rich's markup would otherwise swallow. A message
# that names a file gives it as a Text with the name in it (named).
def marked(message: str | Text, names: Iterable[str] = ()) -> Text:
    """`message` (not read as markup) with every occurrence of `names` in it written
    exactly as it is, as named writes a name: the files a message of the core writes in
    its text, which it lists beside it (DicteeError.locations, a Problem's names)."""
    shown = Text(message) if isinstance(message, str) else message.copy()
    kept = [name for name in names if name]
    if kept:  # (no word at all would match everywhere)
        shown.highlight_words(kept, VERBATIM)
    return shown


def error(message: str | Text, names: Iterable[str] = ()) -> None:
    """Show an error; every occurrence of `names` in it (the files a DicteeError names,
    DicteeError.locations) is written exactly as it is (marked)."""
    err.print(Text.assemble(("Erreur :", "bold red"), " ", marked(message, names)),
              soft_wrap=True)


def warn(message: str | Text) -> None:
    err.print(Text.assemble(("Attention :", "yellow"), " ", message), soft_wrap=True)


def info(message: str | Text) -> None:
    err.print(Text(message) if isinstance(message, str) else message, soft_wrap=True)


Cell = Union[str, "Text"]  # a str is shown as is (no markup); a Text keeps its style


def print_table(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Cell]], *,
                title: str | None = None, edge: bool = True,
                fold: int | None = None) -> None:
    """Print a table as rich's Table draws it by default (heavy head, light body), with
    `columns` as (header, "left" or "right"). See `table`."""
    print_blocks([table(columns, rows, title=title, edge=edge, fold=fold)])


def table(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Cell]], *,
          title: str | None = None, edge: bool = True,
          fold: int | None = None) -> RenderableType:
    """A table as rich's Table draws it by default (heavy head, light body), with
    `columns` as (header, "left" or "right"). Rich measures and renders every cell, about
    a second for a school's 1,000 copies: when the table fits the console (column `fold`
    cut across lines if needed) it is drawn here as one text instead, in milliseconds.
    Otherwise, or on a console that cannot show box characters, it is rich's Table."""
    text = _grid(columns, rows, title=title, edge=edge, fold=fold)
    if text is not None:
        return text
    from rich.table import Table

    drawn = Table(title=title, title_justify="left", show_edge=edge, pad_edge=edge)
    for k, (header, justify) in enumerate(columns):
        drawn.add_column(header, justify=justify,  # type: ignore[arg-type]
                         overflow="fold" if k == fold else "ellipsis")
    for row in rows:
        drawn.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in row))
    return drawn


def rule(title: Text) -> RenderableType:
    """`title` in bold, then a line to the edge, as rich's Console.rule(align="left")."""
    heading = title.copy()
    heading.stylize("bold")
    rest = out.width - cell_len(heading.plain) - 1
    if rest < 1 or not (out.encoding or "").lower().startswith("utf"):
        from rich.rule import Rule

        return Rule(heading, align="left")
    return Text.assemble(heading, " ", ("\u2500" * rest, "rule.line"))


def print_blocks(blocks: Sequence[RenderableType]) -> None:
    """Print `blocks` one under the other: each run of texts as one text, for rich spends
    about a millisecond on each print (a class of 30 copies prints some 200 blocks). A
    line longer than the console is wrapped between words here; rich then only writes
    (wrapping a 1,000-row table line by line would take it half a second)."""
    run: list[Text] = []
    width = out.width  # rich works it out from the terminal at each call: once will do
    for block in [*blocks, None]:
        if isinstance(block, Text):
            block = typeset(block, out.encoding)  # before wrapping: no break at a no-break space
            if "\n" not in block.plain and cell_len(block.plain) > width:
                block = Text("\n").join(block.wrap(out, width))
            run.append(block)
            continue
        if run:
            _print_text(Text("\n").join(run))
            run = []
        if block is not None:
            out.print(block)


def _print_text(text: Text) -> None:
    """out.print(text, soft_wrap=True), given to rich as the segments it would write: rich
    would first cut the text into one Text per line and join them again (a few ms for a
    class of 30, most of the printing of a school's 1,000-row summary), which changes
    nothing here, since no style runs across a line break and no tab is to be expanded.
    Otherwise rich does it all."""
    plain = text.plain
    if "\t" in plain or any("\n" in plain[span.start:span.end] for span in text.spans):
        out.print(text, soft_wrap=True)
        return
    out.print(Segments(text.render(out, end="\n")), soft_wrap=True)


def _grid(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Cell]], *,
          title: str | None, edge: bool, fold: int | None) -> Text | None:
    if not (out.encoding or "").lower().startswith("utf"):
        return None
    plain = [[cell if isinstance(cell, str) else cell.plain for cell in row] for row in rows]
    widths = _widths(columns, plain)
    inner = _inner(columns, edge)
    if any("\n" in cell for row in plain for cell in row):
        return None
    width = out.width
    if sum(widths) + inner > width:
        if fold is None:
            return None
        widths[fold] = width - inner - (sum(widths) - widths[fold])
        if widths[fold] < 8:
            return None
    pieces: list[str] = []
    spans: list[Span] = []
    at = 0

    def put(piece: str, style: str | None = None) -> None:
        nonlocal at
        if style:
            spans.append(Span(at, at + len(piece), style))
        pieces.append(piece)
        at += len(piece)

    right_aligned = [justify == "right" for _, justify in columns]

    def line(cells: Sequence[Cell], left: str, middle: str, right: str,
             style: str | None = None) -> None:
        texts = [cell for cell in cells if isinstance(cell, str)]
        if style is None and len(texts) == len(cells):
            # Most rows: plain text, one piece (a school's table has 1,000 of them).
            put(left + middle.join(
                (" " * (widths[k] - cell_len(cell)) + cell) if right_aligned[k]
                else cell + " " * (widths[k] - cell_len(cell))
                for k, cell in enumerate(texts)) + right + "\n")
            return
        put(left)
        for k, cell in enumerate(cells):
            if k:
                put(middle)
            content = cell if isinstance(cell, str) else cell.plain
            pad = " " * (widths[k] - cell_len(content))
            if columns[k][1] == "right":
                put(pad)
            if isinstance(cell, str) or not cell.spans and not cell.style:
                put(content, style)
            else:
                start = at
                put(content, style or (str(cell.style) if cell.style else None))
                spans.extend(Span(start + s.start, start + s.end, s.style) for s in cell.spans)
            if columns[k][1] != "right":
                put(pad)
        put(right + "\n")

    def rule(left: str, middle: str, right: str, fill: str) -> None:
        outer = 1 if edge else 0
        parts = [fill * (w + 1 + (outer if k in (0, len(widths) - 1) else 1))
                 for k, w in enumerate(widths)]
        if len(widths) == 1:
            parts = [fill * (widths[0] + 2 * outer)]
        put(left + middle.join(parts) + right + "\n")

    side = ("┃ ", " ┃") if edge else ("", "")
    if title:
        put(title.ljust(sum(widths) + inner), "table.title")
        put("\n")
    if edge:
        rule("┏", "┳", "┓", "━")
    line([header for header, _ in columns], side[0], " ┃ ", side[1], "table.header")
    rule("┡" if edge else "", "╇", "┩" if edge else "", "━")
    body = ("│ ", " │") if edge else ("", "")
    for row in rows:
        if fold is not None and cell_len(plain_of(row[fold])) > widths[fold]:
            for k, piece in enumerate(_folded(row[fold], widths[fold])):
                cells = [cell if k == 0 else "" for cell in row]
                cells[fold] = piece
                line(cells, body[0], " │ ", body[1])
        else:
            line(row, body[0], " │ ", body[1])
    if edge:
        rule("└", "┴", "┘", "─")
    return Text("".join(pieces).rstrip("\n"), spans=spans)


def table_width(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Cell]], *,
                edge: bool = True) -> int:
    """Columns of the console a `table` takes when no cell is folded: a caller with a
    narrower console may prefer fewer columns to names cut across lines."""
    widths = _widths(columns, [[plain_of(cell) for cell in row] for row in rows])
    return sum(widths) + _inner(columns, edge)


def _widths(columns: Sequence[tuple[str, str]], plain: Sequence[Sequence[str]]) -> list[int]:
    return [max([cell_len(header), *(cell_len(row[k]) for row in plain)])
            for k, (header, _) in enumerate(columns)]


def _inner(columns: Sequence[tuple[str, str]], edge: bool) -> int:
    return 3 * (len(columns) - 1) + (4 if edge else 0)  # « │ » between, « │ » and « │ » outside


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, cut at spaces (a name and its « (vide) »
    on two lines, not « (vi » and « de) »), a word longer than a line cut in pieces."""
    lines: list[str] = []
    for word in text.split(" "):
        pieces = chop_cells(word, width) if cell_len(word) > width else [word]
        for k, piece in enumerate(pieces):
            if not k and lines and cell_len(lines[-1]) + 1 + cell_len(piece) <= width:
                lines[-1] += " " + piece
            else:
                lines.append(piece)
    return lines


def plain_of(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell.plain


def _folded(cell: Cell, width: int) -> list[Cell]:
    """`cell` in lines of at most `width` cells (_wrap); a Text's lines keep the styles
    of their characters (a name written as it is, named, stays so)."""
    plain = plain_of(cell)
    lines = _wrap(plain, width)
    if isinstance(cell, str):
        return list(lines)
    pieces: list[Cell] = []
    at = 0
    for line in lines:  # each is a piece of `plain`, in order, the spaces cut at aside
        start = plain.index(line, at)
        pieces.append(cell[start:start + len(line)])
        at = start + len(line)
    return pieces
