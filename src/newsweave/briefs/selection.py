"""Choosing sentences that cover the most concept value within a word budget.

An integer linear program (Gillick & Favre 2009), solved exactly by HiGHS through
``scipy.optimize.milp``: maximise the value of the concepts covered, plus a small value per word so
that among equally informative selections the one that fills the budget wins, subject to the total
length. A concept counts once however many chosen sentences contain it, which is what keeps the
summary free of repetition. If the solver runs out of time without a solution, a greedy pass
(best value per word first) answers instead, so a summary is never lost to a slow solve.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Hashable, Sequence

import numpy as np

FILL = 0.1
"""Value of one word of a sentence, against 1 per independent source of each bigram: calibrated
with the concept weights (see ``summarize.Weights``)."""
NODE_LIMIT = 500
"""Branch-and-bound nodes the solver may explore: the bound that keeps summaries the same on a busy
and an idle machine (all 50 DUC 2006 clusters solve in at most 27 nodes; most at the root)."""
TIME_LIMIT = 30.0
"""Seconds, a safety net only: a wall-clock limit makes the result depend on machine load (a
5-second limit did, on a loaded machine), so it is set far above any solve seen (4.1 s at load 4)."""


def select(lengths: Sequence[int], concepts: Sequence[frozenset[Hashable]], value: dict[Hashable, float],
           budget: int, *, bonus: Sequence[float] | None = None,
           conflicts: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Indices of the sentences to take (in index order), total length at most ``budget``.

    ``bonus`` is a value of each sentence's own, added when it is chosen (default: none); every
    sentence also earns ``FILL`` per word. Of each pair in ``conflicts`` at most one is taken."""
    fits = [i for i, n in enumerate(lengths) if 0 < n <= budget]
    if not fits:
        return []
    own = [FILL * n + (bonus[i] if bonus is not None else 0.0) for i, n in enumerate(lengths)]
    keys = sorted({k for i in fits for k in concepts[i] if value.get(k, 0) > 0}, key=repr)
    chosen = _ilp(fits, lengths, own, concepts, value, keys, budget, conflicts)
    if chosen is None:
        chosen = _greedy(fits, lengths, own, concepts, value, budget, conflicts)
    return sorted(chosen)


def _ilp(fits, lengths, own, concepts, value, keys, budget, conflicts=()) -> list[int] | None:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    column = {k: j for j, k in enumerate(keys)}
    n, m = len(fits), len(keys)
    rows, cols, data = [], [], []
    for position, i in enumerate(fits):
        # Row m: total length. Rows 0..m-1: a concept is covered only if some chosen sentence has it.
        rows.append(m), cols.append(position), data.append(lengths[i])
        for k in concepts[i]:
            if k in column:
                rows.append(column[k]), cols.append(position), data.append(-1.0)
    # Concept variables may be continuous: at the optimum each is 1 exactly when a chosen sentence
    # has it (min(1, sum)), so only the sentences need branching, which keeps solves fast.
    rows += list(range(m))
    cols += [n + j for j in range(m)]
    data += [1.0] * m
    # Rows m+1...: two sentences that say the same thing are not both taken.
    place = {i: position for position, i in enumerate(fits)}
    pairs = [(place[a], place[b]) for a, b in conflicts if a in place and b in place]
    for row, (a, b) in enumerate(pairs, start=m + 1):
        rows += [row, row]
        cols += [a, b]
        data += [1.0, 1.0]
    matrix = coo_matrix((data, (rows, cols)), shape=(m + 1 + len(pairs), n + m)).tocsr()
    upper = np.concatenate([np.zeros(m), [budget], np.ones(len(pairs))])
    objective = -np.concatenate([[own[i] for i in fits], [value[k] for k in keys]])
    with _stdout_to_stderr():
        result = milp(objective, constraints=LinearConstraint(matrix, -np.inf, upper),
                      integrality=np.concatenate([np.ones(n), np.zeros(m)]), bounds=Bounds(0, 1),
                      options={"node_limit": NODE_LIMIT, "time_limit": TIME_LIMIT})
    if result.x is None:
        return None
    return [i for position, i in enumerate(fits) if result.x[position] > 0.5]


@contextmanager
def _stdout_to_stderr():
    """HiGHS (scipy 1.x) sometimes prints a debug line from C++ straight to file descriptor 1
    ("HighsMipSolverData::transformNewIntegerFeasibleSolution ..."), which would corrupt
    ``newsweave brief --format json`` on standard output. During the solve, descriptor 1 points at
    standard error instead, so the line is still visible but never mixed into output."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no real descriptor 1 (some embedded or captured environments)
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _greedy(fits, lengths, own, concepts, value, budget, conflicts=()) -> list[int]:
    excluded: dict[int, set] = {}
    for a, b in conflicts:
        excluded.setdefault(a, set()).add(b)
        excluded.setdefault(b, set()).add(a)
    covered: set = set()
    chosen: list[int] = []
    left = budget
    remaining = list(fits)
    while remaining:
        def gain(i: int) -> float:
            return (sum(value.get(k, 0.0) for k in concepts[i] - covered) + own[i]) / lengths[i]
        best = max(remaining, key=gain)
        chosen.append(best)
        covered |= concepts[best]
        left -= lengths[best]
        remaining = [i for i in remaining
                     if i != best and lengths[i] <= left and i not in excluded.get(best, ())]
    return chosen
