"""The alignment recurrence written plainly, cell by cell, as docs/correction.md states
it and as the browser version implements it. The numpy version must agree exactly.
Each cell holds (cost, errors): the cheapest path, and among those the one with the
fewest errors (steps that cost something)."""

from __future__ import annotations

from dictee.grading import classify
from dictee.grading.alignment import Step
from dictee.grading.classify import GAP
from dictee.grading.table import Table

INF = (float("inf"), 0)


def _plus(cell: tuple[float, int], cost: int) -> tuple[float, int]:
    return cell[0] + cost, cell[1] + (cost > 0)


def reference_align(table: Table, written: list[str]) -> list[Step]:
    n, m = len(table.tokens), len(written)
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    step = [[""] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = (0, 0)
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []  # in order of preference
            if j >= 1:
                options.append((_plus(cost[i][j - 1], GAP), "added"))
            if i >= 1 and j >= 1:
                c = classify.substitution_cost(table, i - 1, written[j - 1])
                if c is not None:
                    options.append((_plus(cost[i - 1][j - 1], c), "pair"))
            if i >= 2 and j >= 1:
                c = classify.merge_cost(classify.merge(table, i - 2, written[j - 1]))
                if c is not None:
                    options.append((_plus(cost[i - 2][j - 1], c), "merge"))
            if i >= 1 and j >= 2:
                c = classify.split_cost(table, i - 1, written[j - 2], written[j - 1])
                if c is not None:
                    options.append((_plus(cost[i - 1][j - 2], c), "split"))
            if i >= 2 and j >= 2:
                c = classify.shift_cost(classify.shift(table, i - 2, written[j - 2],
                                                       written[j - 1]))
                if c is not None:
                    options.append((_plus(cost[i - 2][j - 2], c), "shift"))
            if i >= 1:
                options.append((_plus(cost[i - 1][j], GAP), "missing"))
            best = min(value for value, _ in options)
            cost[i][j] = best
            step[i][j] = next(kind for value, kind in options if value == best)
    steps: list[Step] = []
    i, j = n, m
    while i or j:
        kind = step[i][j]
        if kind == "pair":
            steps.append(Step(kind, i - 1, j - 1))
            i, j = i - 1, j - 1
        elif kind == "merge":
            steps.append(Step(kind, i - 2, j - 1))
            i, j = i - 2, j - 1
        elif kind == "split":
            steps.append(Step(kind, i - 1, j - 2))
            i, j = i - 1, j - 2
        elif kind == "shift":
            steps.append(Step(kind, i - 2, j - 2))
            i, j = i - 2, j - 2
        elif kind == "missing":
            steps.append(Step(kind, i - 1, j))
            i -= 1
        else:
            steps.append(Step(kind, i, j - 1))
            j -= 1
    return _runs(steps[::-1])


def _runs(steps: list[Step]) -> list[Step]:
    """Consecutive added tokens as one step, as align() returns them."""
    merged: list[Step] = []
    for step in steps:
        last = merged[-1] if merged else None
        if step.kind == "added" and last and last.kind == "added" \
                and last.expected == step.expected and last.written + last.run == step.written:
            merged[-1] = last._replace(run=last.run + 1)
        else:
            merged.append(step)
    return merged
