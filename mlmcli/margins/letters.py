"""Group letters of ``pwcompare, groups``: margins sharing a letter are not significantly different.

The margins of a term are ordered by value (ascending, ties in level order).  For each margin i
in that order the letter group is the longest run i..j whose every pair is not significantly
different; a run that is inside the previous one adds no letter, and a run of one margin (a
margin different from all its neighbours) gets none -- Stata's tables print such a margin with
an empty Groups cell and letter the rest from A (decided from Stata logs of ``margins,
pwcompare(groups)``: the letters there are always such consecutive runs of the sorted margins).
Each margin's code has one position per letter of its term ("AB  ", " BC ", "   D").
"""
from __future__ import annotations

import string

import numpy as np

LETTERS = string.ascii_uppercase + string.ascii_lowercase


def group_codes(values, significant) -> list[str] | None:
    """The code of each margin (in the given order); ``significant[i, j]``: margins i and j
    differ at the chosen level.  None when the term needs more letters than A-Z, a-z."""
    values = np.asarray(values, float)
    n = len(values)
    order = sorted(range(n), key=lambda k: (values[k], k))
    runs: list[tuple[int, int]] = []
    last_end = -1
    for start in range(n):
        end = start
        while end + 1 < n and not any(significant[order[m], order[end + 1]] for m in range(start, end + 1)):
            end += 1
        if end > last_end:
            if end > start:  # a run of one margin gets no letter
                runs.append((start, end))
            last_end = end
    if len(runs) > len(LETTERS):
        return None
    codes = [[" "] * len(runs) for _ in range(n)]
    for letter, (start, end) in enumerate(runs):
        for pos in range(start, end + 1):
            codes[order[pos]][letter] = LETTERS[letter]
    return ["".join(c) for c in codes]
