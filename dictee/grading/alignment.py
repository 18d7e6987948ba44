"""Pair the pupil's tokens with the expected ones: the cheapest sequence of steps.

Steps: `pair` (one expected, one written), `merge` (two expected written as one),
`split` (one expected written as two), `shift` (two expected written as two that part
elsewhere: « la bandon » for « l'abandon »), `missing`, `added`. Costs come from
classify.py. Dynamic programming over (expected i, written j); on equal costs, the
fewer errors (steps that cost something); on equal costs and errors the step chosen,
walking back from the end, is added, then the first of: pair, merge, split, shift,
missing. docs/correction.md states the recurrence; the browser version
implements the same one directly.

This implementation is vectorised with numpy row by row (one row per expected
token, all written tokens at once) so that a 1 MB copy stays fast: the cost of a
written token depends only on its text, so costs are computed once per distinct
token, and the added-token recurrence of a row is a running minimum. A class is
aligned a chunk of copies at a time (align_all): each row is computed for all the
copies of the chunk at once, so that numpy's cost per call is paid once per row of
the chunk, not once per row of each copy, and the words of the chunk are looked up
once. The result is the same as aligning each copy alone: a row only ever reads its
own copy's cells.

D[i][j] depends only on the first i expected and the first j written tokens, so the
steps against a prefix of the text are a walk back from an earlier row of the same
table (Alignment.steps): a copy that stops early is marked on a prefix.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from dictee.grading import classify
from dictee.grading.classify import (
    AGREEMENT_MARKS,
    ELISION_CONFUSIONS,
    FAR,
    GAP,
    LEXICAL,
    PUNCT_CHANGED,
    TYPO,
)
from dictee.grading.numbers import digits_value, number_value
from dictee.grading.table import Table
from dictee.grading.tokens import VERB_ENDINGS, fold, is_word, key, lookup
from dictee.grading.tokens import single as single_letters
from dictee.grading.tokens import stems as stems_of

PAIR, MERGE, SPLIT, SHIFT, MISSING, ADDED = 1, 2, 3, 4, 5, 6  # on equal costs: the lower
_NEVER = 100  # stored cost (minus GAP) of a pairing that is not allowed
_INFINITY = 1 << 60
_BLOCK = 4096  # distinct written tokens per Levenshtein block (bounds memory)
# Cells of one row of a chunk (copies × written tokens): enough copies per numpy call
# to make its fixed cost small, few enough that the chunk's step codes (this × rows
# bytes) and its rows stay small. A longer copy is a chunk of its own.
_CHUNK_CELLS = 1 << 16


class Step(NamedTuple):
    kind: str  # "pair", "merge", "split", "shift", "missing", "added"
    expected: int  # first expected token; for "added", the index of the next one
    written: int  # first written token; for "missing", the index of the next one
    run: int = 1  # for "added": this many written tokens in a row


class _Written:
    """The copy's tokens (or a chunk of copies, one after the other) as ids into its
    distinct tokens, and where each id occurs. `last` marks the last token of each copy
    (no split step reads a token of the next copy)."""

    def __init__(self, tokens: list[str], lengths: Sequence[int] = ()) -> None:
        self.last = np.zeros(len(tokens), dtype=bool)
        if lengths:
            ends = np.cumsum(lengths)
            self.last[ends[np.asarray(lengths) > 0] - 1] = True
        elif tokens:
            self.last[-1] = True
        self.distinct = list(dict.fromkeys(tokens))
        index = {token: i for i, token in enumerate(self.distinct)}
        self.ids = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64,
                               count=len(tokens))
        order = np.argsort(self.ids, kind="stable")
        counts = np.bincount(self.ids, minlength=len(self.distinct))
        self._order, self._starts = order, np.concatenate(([0], np.cumsum(counts)))

        # Each distinct word once: folded, as looked up, indexed both ways.
        self.words = [u for u, t in enumerate(self.distinct) if is_word(t)]
        self.folds = {u: fold(self.distinct[u]) for u in self.words}
        self.by_fold: dict[str, list[int]] = {}
        self.by_lookup: dict[str, list[int]] = {}
        for u in self.words:
            self.by_fold.setdefault(self.folds[u], []).append(u)
            self.by_lookup.setdefault(lookup(self.distinct[u]), []).append(u)

    def positions(self, ids) -> np.ndarray:
        parts = [self._order[self._starts[u]:self._starts[u + 1]] for u in ids]
        return np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)


def pair_costs(table: Table, written: _Written | list[str]) -> np.ndarray:
    """classify.substitution_cost − GAP for every (expected, distinct written) token,
    as int8, `_NEVER` where a word would be paired with a punctuation mark."""
    if not isinstance(written, _Written):
        written = _Written(list(written))
    distinct = written.distinct
    n, size = len(table.tokens), len(distinct)
    costs = np.full((n, size), _NEVER, dtype=np.int8)
    e_words = [i for i, t in enumerate(table.tokens) if is_word(t)]
    u_words = written.words
    e_puncts = [i for i, t in enumerate(table.tokens) if not is_word(t)]
    word_set = set(u_words)
    u_puncts = [u for u in range(size) if u not in word_set]
    if e_puncts and u_puncts:
        costs[np.ix_(e_puncts, u_puncts)] = PUNCT_CHANGED - GAP
    if e_words and u_words:
        e_folds = [fold(table.tokens[i]) for i in e_words]
        e_len = np.array([len(f) for f in e_folds], dtype=np.int32)[:, None]
        rows = np.array(e_words)
        for start in range(0, len(u_words), _BLOCK):
            cols = u_words[start:start + _BLOCK]
            u_folds = [written.folds[u] for u in cols]
            dist = process.cdist(e_folds, u_folds, scorer=Levenshtein.distance,
                                 dtype=np.int32, workers=1)
            u_len = np.array([len(f) for f in u_folds], dtype=np.int32)[None, :]
            length = np.maximum(np.maximum(e_len, u_len), 1)
            block = FAR + 9 * dist // length
            block[dist == 0] = TYPO
            costs[np.ix_(rows, np.array(cols))] = block - GAP
    by_lookup, by_fold = written.by_lookup, written.by_fold
    by_single: dict[str, list[int]] = {}  # double letters single (Table.is_verb_ending)
    if any(table.stems[i] for i in e_words):
        for u in u_words:
            by_single.setdefault(single_letters(written.folds[u]), []).append(u)
    in_digits = {i: digits_value(table.tokens[i]) for i in e_words}
    if any(value is not None for value in in_digits.values()):
        spelt: dict[int, list[int]] = {}  # « onze » for « 11 »: right (substitution)
        for u in u_words:
            value = number_value(distinct[u])
            if value is not None:
                spelt.setdefault(value, []).append(u)
        for i, value in in_digits.items():
            for u in spelt.get(value, ()) if value is not None else ():
                costs[i, u] = -GAP
    for i in e_words:
        own = table.lookups[i]
        # A written word shares a stem with verb i if it is that stem plus an ending.
        for candidate in {root + end for root in table.stems[i] for end in VERB_ENDINGS}:
            if candidate != table.folds[i]:
                for u in by_fold.get(candidate, ()):
                    costs[i, u] = LEXICAL - GAP
        for root in table.stems[i]:  # « pein » for « peint »: no ending at all
            for u in by_fold.get(root, ()):
                costs[i, u] = LEXICAL - GAP
        if table.stems[i]:  # « appeller » for « appelé »: the same, double letters single
            own = single_letters(table.folds[i])
            roots = stems_of(own)
            for candidate in {root + end for root in roots for end in VERB_ENDINGS} | roots:
                if candidate != own:
                    for u in by_single.get(candidate, ()):
                        if written.folds[u] != table.folds[i]:
                            costs[i, u] = LEXICAL - GAP
        for folded in table.folded_forms[i] | table.folded_sounds[i]:
            for u in by_fold.get(folded, ()):
                costs[i, u] = LEXICAL - GAP
        for mark in AGREEMENT_MARKS:  # « vingts », « quatres »: an agreement mark
            for u in by_fold.get(table.folds[i] + mark, ()):
                costs[i, u] = LEXICAL - GAP
        for form in table.forms[i] | table.sounds[i]:
            if form != own:
                for u in by_lookup.get(form, ()):
                    costs[i, u] = LEXICAL - GAP
    index = {token: u for u, token in enumerate(distinct)}
    for i, spellings in enumerate(table.rectified):
        for spelling in spellings:  # the 1990 reform's spelling: right
            if spelling in index:
                costs[i, index[spelling]] = -GAP
    by_key: dict[str, list[int]] = {}
    for i, token in enumerate(table.tokens):
        by_key.setdefault(key(token), []).append(i)
    for u, token in enumerate(distinct):
        for i in by_key.get(key(token), ()):
            costs[i, u] = -GAP
    return costs


def answered(table: Table, word: str) -> list[int]:
    """The expected words `word` may answer: right, or wrong in any way but « mot »
    (classify.substitution(table, i, word) != MOT), in order. Read from the pair costs
    the class's alignment has already computed (kept by _costs): a cost below FAR is
    right, a typo or another form of the word (pair_costs equals substitution_cost);
    at FAR or above it is usage or mot, which classify.is_close tells apart."""
    if not is_word(word):
        return []
    column = _costs(table, [word])[:, 0].tolist()
    far = [i for i, cost in enumerate(column) if FAR - GAP <= cost != _NEVER]
    close = dict(zip(far, classify.close_ones([table.tokens[i] for i in far], word),
                     strict=True))
    close = {i: near or classify.is_far_usage(table.tokens[i], word)
             for i, near in close.items()}
    return [i for i, cost in enumerate(column)
            if cost != _NEVER and (cost < FAR - GAP or close[i])]


class _CostCache:
    """pair_costs() columns of one table, kept by written token: the copies of a class
    write mostly the same words, so each is classified once for the whole class."""

    LIMIT = 50_000  # distinct tokens kept (a 1 MB copy of noise must not fill memory)

    def __init__(self, table: Table) -> None:
        self.table = weakref.ref(table)
        self.index: dict[str, int] = {}
        self.columns = np.empty((len(table.tokens), 0), dtype=np.int8)

    def costs(self, table: Table, distinct: list[str],
              written: _Written | None = None) -> np.ndarray:
        missing = [t for t in distinct if t not in self.index]
        if len(self.index) + len(missing) > self.LIMIT:
            return pair_costs(table, written or distinct)
        if missing:
            start = len(self.index)
            self.columns = np.concatenate([self.columns, pair_costs(table, missing)], axis=1)
            self.index.update((t, start + k) for k, t in enumerate(missing))
        return self.columns[:, [self.index[t] for t in distinct]]


_CACHES: dict[int, _CostCache] = {}


def _costs(table: Table, distinct: list[str], written: _Written | None = None
           ) -> np.ndarray:
    """pair_costs(table, distinct), the columns already computed for the class kept
    (`written`, if given, holds the same `distinct` tokens, already indexed)."""
    cache = _CACHES.get(id(table))
    if cache is None or cache.table() is not table:
        if len(_CACHES) > 16:  # the tables of a few texts at a time
            _CACHES.clear()
        cache = _CACHES[id(table)] = _CostCache(table)
    return cache.costs(table, distinct, written)


def _merges(table: Table, written: _Written) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """For each expected pair (i, i+1): written positions that may stand for both,
    and the step cost there."""
    by_fold, by_lookup = written.by_fold, written.by_lookup
    found = {}
    tokens = table.tokens
    glued: dict[tuple[str, str], list[int]] = {}  # written words by their ends
    by_number: dict[int, list[int]] = {}  # written numbers in digits, by value
    for u, folded in written.folds.items():
        if len(folded) >= 3:
            glued.setdefault((folded[:3], folded[-3:]), []).append(u)
        number = digits_value(written.distinct[u])
        if number is not None:
            by_number.setdefault(number, []).append(u)
    for i in range(len(tokens) - 1):
        if not (is_word(tokens[i]) and is_word(tokens[i + 1])):
            continue
        candidates = set(by_fold.get(fold(tokens[i] + tokens[i + 1]), ()))
        pair = (lookup(tokens[i]), lookup(tokens[i + 1]))
        for single, confused in ELISION_CONFUSIONS.items():
            if pair in confused:
                candidates.update(by_lookup.get(single, ()))
        for form in table.pairs.get(i, ()):
            candidates.update(by_lookup.get(form, ()))
        if by_number:  # « 22 » for « vingt-deux » (classify.merge)
            spelt = number_value(tokens[i] + tokens[i + 1])
            if spelt is not None:
                candidates.update(by_number.get(spelt, ()))
        one, two = table.folds[i], table.folds[i + 1]
        if len(one) >= 3 and len(two) >= 3:  # glued and misspelt (is_glued_misspelling)
            candidates.update(glued.get((one[:3], two[-3:]), ()))
        costs = {u: classify.merge_cost(classify.merge(table, i, written.distinct[u]))
                 for u in candidates}
        costs = {u: c for u, c in costs.items() if c is not None}
        if costs:
            where = written.positions(sorted(costs))
            cost = np.array([costs[u] for u in written.ids[where]], dtype=np.int64)
            found[i] = (where, cost)
    return found


def _splits(table: Table, written: _Written, tokens: list[str]
            ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """For each expected token i: written positions p where tokens p and p+1 may
    stand for it, and the step cost there."""
    e_by_fold: dict[str, list[int]] = {}
    e_by_prefix: dict[str, list[int]] = {}  # a cut misspelt word: its first piece
    e_by_suffix: dict[str, list[int]] = {}  # or its second piece
    e_by_lookup: dict[str, list[int]] = {}
    prefixes: set[str] = set()
    e_by_join: dict[str, list[int]] = {}
    for i, token in enumerate(table.tokens):
        if is_word(token):
            folded = fold(token)
            e_by_fold.setdefault(folded, []).append(i)
            prefixes.update(folded[:k] for k in range(1, len(folded)))
            for k in range(3, len(folded)):
                e_by_prefix.setdefault(folded[:k], []).append(i)
                e_by_suffix.setdefault(folded[-k:], []).append(i)
            e_by_lookup.setdefault(lookup(token), []).append(i)
            for form in table.sounds[i]:
                if "'" in form:
                    e_by_join.setdefault(form, []).append(i)
    heads = [u for u in written.words
             if written.folds[u] in prefixes or written.distinct[u].endswith("'")]
    heads += [u for u, token in enumerate(written.distinct) if token == "-"]
    # A first piece misspelt, the second ending a word of the text: « car tier ».
    tails = np.zeros(len(written.distinct) + 1, dtype=bool)
    tails[[u for u in written.words if written.folds[u] in e_by_suffix]] = True
    before = written.ids[:-1][tails[written.ids[1:]] & ~written.last[:-1]]
    # sorted(set()) rather than np.unique, which imports numpy.ma (about 10 ms) to
    # check that the array is not masked.
    heads = list(dict.fromkeys([*heads, *sorted(set(before.tolist()))]))

    def costs(one: str, two: str) -> Iterator[tuple[int, int | None]]:
        candidates = set(e_by_fold.get(fold(one) + fold(two), ()))
        candidates.update(e_by_prefix.get(fold(one), ()))
        candidates.update(e_by_suffix.get(fold(two), ()))
        if one.endswith("'"):
            candidates.update(e_by_join.get(lookup(one) + lookup(two), ()))
            for single, confused in ELISION_CONFUSIONS.items():
                if (lookup(one), lookup(two)) in confused:
                    candidates.update(e_by_lookup.get(single, ()))
        for i in candidates:
            yield i, classify.split_cost(table, i, one, two)

    return _pair_steps(written, tokens, heads, costs)


def _pair_steps(written: _Written, tokens: list[str], heads: list[int],
                costs: Callable[[str, str], Iterable[tuple[int, int | None]]]
                ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """The steps that read two written tokens, p and p+1, as something of the text:
    each distinct pair whose first token is one of `heads` (distinct ids) and whose
    second is a word is priced once by `costs` (expected index, cost or None), then
    spread to every position of that pair. Expected index → (positions, costs)."""
    starts = written.positions(heads)
    starts = starts[~written.last[starts]]
    found: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    if not len(starts):
        return found
    size = len(written.distinct)
    codes = written.ids[starts] * size + written.ids[starts + 1]
    distinct_codes, first = np.unique(codes, return_index=True)
    valid: dict[int, dict[int, int]] = {}
    for code, at in zip(distinct_codes.tolist(), first.tolist()):
        p = int(starts[at])
        one, two = tokens[p], tokens[p + 1]
        if not is_word(two):
            continue
        for i, cost in costs(one, two):
            if cost is not None:
                valid.setdefault(i, {})[code] = cost
    for i, by_code in valid.items():
        keep = np.isin(codes, list(by_code))
        found[i] = (starts[keep], np.array([by_code[c] for c in codes[keep].tolist()],
                                           dtype=np.int64))
    return found


def _shifts(table: Table, written: _Written, tokens: list[str]
            ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """For each expected pair of words (i, i+1): written positions p where tokens p and
    p+1 are the same letters parted elsewhere (classify.shift), and the step cost."""
    joined: dict[str, list[int]] = {}
    prefixes: set[str] = set()
    for i in range(len(table.tokens) - 1):
        if is_word(table.tokens[i]) and is_word(table.tokens[i + 1]):
            letters = table.folds[i] + table.folds[i + 1]
            joined.setdefault(letters, []).append(i)
            prefixes.update(letters[:k] for k in range(1, len(letters)))
    heads = [u for u in written.words if written.folds[u] in prefixes]

    def costs(one: str, two: str) -> Iterator[tuple[int, int | None]]:
        for i in joined.get(fold(one) + fold(two), ()):
            yield i, classify.shift_cost(classify.shift(table, i, one, two))

    return _pair_steps(written, tokens, heads, costs)


def _improve(best, code, cells, values, step) -> None:
    """Take `values` at `cells` where cheaper, or as cheap and earlier in preference
    (added steps are settled afterwards, by the running minimum)."""
    current = best[cells]
    better = (values < current) | ((values == current) & (code[cells] > step))
    best[cells[better]] = values[better]
    code[cells[better]] = step


class Alignment:
    """The step chosen in every cell for one copy, to walk back from."""

    def __init__(self, codes: bytes, width: int, rows: int, length: int) -> None:
        self._codes, self._width, self.rows, self.length = codes, width, rows, length

    def steps(self, rows: int | None = None) -> list[Step]:
        """The cheapest steps turning the expected tokens (the first `rows` of them, by
        default all) into the written ones."""
        rows = self.rows if rows is None else rows
        assert 0 <= rows <= self.rows
        return _walk_back(self._codes, self._width, rows, self.length)


def align(table: Table, tokens: list[str]) -> list[Step]:
    """The cheapest steps turning the expected tokens into the written `tokens`."""
    return next(align_all(table, [tokens]))[1].steps()


def align_all(table: Table, copies: Sequence[list[str]]) -> Iterator[tuple[int, Alignment]]:
    """(index of the copy, its alignment) for every copy, a chunk of copies of similar
    length at a time (the alignments of a chunk are dropped once used)."""
    order = sorted(range(len(copies)), key=lambda k: len(copies[k]))
    chunk: list[int] = []
    for k in order:
        if chunk and (len(chunk) + 1) * (len(copies[k]) + 1) > _CHUNK_CELLS:
            yield from zip(chunk, _align_chunk(table, [copies[c] for c in chunk]))
            chunk = []
        chunk.append(k)
    if chunk:
        yield from zip(chunk, _align_chunk(table, [copies[c] for c in chunk]))


def _align_chunk(table: Table, copies: list[list[str]]) -> list[Alignment]:
    n = len(table.tokens)
    lengths = [len(tokens) for tokens in copies]
    count, longest = len(copies), max(lengths)
    width = longest + 1
    tokens = list(chain.from_iterable(copies))
    written = _Written(tokens, lengths)
    starts = np.repeat(np.cumsum([0] + lengths[:-1]), lengths)
    copy_of = np.repeat(np.arange(count), lengths)
    # Written token g of the chunk is column j + 1 of its copy's row, j = g − start:
    # `cell[g]` is the flat index of column j (the cell a step ending at g starts from).
    cell = copy_of * width + np.arange(len(tokens)) - starts
    # Costs first; on equal costs, fewer errors (steps that cost something): a step of
    # cost c weighs c·scale + 1, scale above any copy's number of steps.
    scale = n + longest + 1

    def weigh(cost):  # type: ignore[no-untyped-def]
        return cost * scale + (cost > 0)

    gap = weigh(GAP)
    stored = _costs(table, written.distinct, written).astype(np.int64)  # cost − GAP
    row_costs = weigh(stored + GAP) - gap
    row_costs[stored == _NEVER] = _INFINITY
    padding = len(written.distinct)  # past a copy's end: never read, any cost will do
    row_costs = np.concatenate([row_costs, np.zeros((n, 1), dtype=np.int64)], axis=1)
    flat_ids = np.full(count * longest, padding, dtype=np.int64)
    flat_ids[copy_of * longest + np.arange(len(tokens)) - starts] = written.ids
    ids = flat_ids.reshape(count, longest)
    merges = {i: (cell[where], cost) for i, (where, cost) in _merges(table, written).items()}
    splits = {i: (cell[where], cost)
              for i, (where, cost) in _splits(table, written, tokens).items()}
    shifts = {i: (cell[where], cost)
              for i, (where, cost) in _shifts(table, written, tokens).items()}
    # Rows hold D[i][j] − gap·j: an added token then leaves the value unchanged, and a
    # row's added-token recurrence is a running minimum.
    codes = np.empty((count, n + 1, width), dtype=np.int8)
    codes[:, 0, :] = ADDED
    codes[:, 0, 0] = MISSING
    before = np.zeros((count, width), dtype=np.int64)
    previous = before
    pair = np.empty((count, width), dtype=np.int64)
    pair[:, 0] = _INFINITY
    gather = np.empty((count, longest), dtype=np.int64)
    for r in range(1, n + 1):
        np.take(row_costs[r - 1], ids, out=gather)
        np.add(previous[:, :-1], gather, out=pair[:, 1:])
        missing = previous + gap
        best = np.minimum(pair, missing)
        code = (missing < pair).view(np.int8) * np.int8(MISSING - PAIR) + np.int8(PAIR)
        flat_best, flat_code = best.reshape(-1), code.reshape(-1)
        if r >= 2 and (r - 2) in merges:
            where, cost = merges[r - 2]
            _improve(flat_best, flat_code, where + 1,
                     before.reshape(-1)[where] + weigh(cost) - gap, MERGE)
        if (r - 1) in splits:
            where, cost = splits[r - 1]
            _improve(flat_best, flat_code, where + 2,
                     previous.reshape(-1)[where] + weigh(cost) - 2 * gap, SPLIT)
        if r >= 2 and (r - 2) in shifts:
            where, cost = shifts[r - 2]
            _improve(flat_best, flat_code, where + 2,
                     before.reshape(-1)[where] + weigh(cost) - 2 * gap, SHIFT)
        current = np.minimum.accumulate(best, axis=1)
        code[:, 1:][current[:, :-1] <= best[:, 1:]] = ADDED
        codes[:, r, :] = code
        before, previous = previous, current
    return [Alignment(codes[c].tobytes(), width, n, lengths[c]) for c in range(count)]


_CODES = tuple(bytes([s]) for s in (PAIR, MERGE, SPLIT, SHIFT, MISSING))


def _walk_back(codes: bytes, width: int, n: int, m: int) -> list[Step]:
    """Steps from cell (n, m) back to (0, 0); row r of `codes` starts at r × width.
    A step for about every token of every copy of a class: each Step is built by
    tuple.__new__ (NamedTuple's constructor is a Python function), pairs tried first."""
    steps: list[Step] = []
    append, new = steps.append, tuple.__new__
    r, j = n, m
    while r > 0 or j > 0:
        start = r * width
        step = codes[start + j]
        if step == PAIR:
            append(new(Step, ("pair", r - 1, j - 1, 1)))
            r, j = r - 1, j - 1
        elif step == ADDED:
            # A run of added tokens ends at the last other step of the row.
            # Column 0 is never an added step, so the search always succeeds.
            stop = max(codes.rfind(s, start, start + j) for s in _CODES) - start
            append(new(Step, ("added", r, stop, j - stop)))
            j = stop
        elif step == MERGE:
            append(new(Step, ("merge", r - 2, j - 1, 1)))
            r, j = r - 2, j - 1
        elif step == SPLIT:
            append(new(Step, ("split", r - 1, j - 2, 1)))
            r, j = r - 1, j - 2
        elif step == SHIFT:
            append(new(Step, ("shift", r - 2, j - 2, 1)))
            r, j = r - 2, j - 2
        else:
            append(new(Step, ("missing", r - 1, j, 1)))
            r -= 1
    steps.reverse()
    return steps
