"""The test data of tests/test_rologit.py (rank.csv): 80 groups of 3 or 4 alternatives ranked by
a Plackett-Luce draw (higher pref = more attractive), x1 x2 alternative-specific, z constant
within group."""
import csv
import sys

import numpy as np


def rows(seed=11):
    rng = np.random.default_rng(seed)
    out = []
    for g in range(1, 81):
        m = 4 if g % 5 else 3
        x1, x2, z = rng.normal(size=m), rng.integers(0, 2, size=m), rng.normal()
        u = 0.8 * x1 - 0.6 * x2 + rng.gumbel(size=m)
        rank = np.empty(m, int)
        rank[np.argsort(-u)] = np.arange(m, 0, -1)
        for j in range(m):
            out.append([g, j + 1, int(rank[j]), round(x1[j], 3), int(x2[j]), round(z, 3)])
    return out


if __name__ == "__main__":
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["grp", "alt", "pref", "x1", "x2", "z"])
    w.writerows(rows())
