"""The test data of tests/test_asclogit.py (written to travel.csv): 120 cases of 4 modes,
alternative-specific cost and ttime, case-specific income and psize, one choice per case."""
import csv
import sys

import numpy as np


def rows(seed=7, G=120):
    rng = np.random.default_rng(seed)
    out = []
    for g in range(1, G + 1):
        inc, ps = rng.normal(30, 10), rng.integers(1, 5)
        cost, tt = rng.uniform(10, 100, 4), rng.uniform(0, 60, 4)
        asc, slope = [0, 1.0, -0.5, 0.3], [0, -0.03, 0.02, 0.01]
        u = np.array([-0.02 * cost[j] - 0.05 * tt[j] + asc[j] + slope[j] * inc for j in range(4)]) + rng.gumbel(size=4)
        ch = int(np.argmax(u))
        for j in range(4):
            out.append([g, j + 1, int(j == ch), round(cost[j], 2), round(tt[j], 2), round(inc, 2), int(ps)])
    return out


if __name__ == "__main__":
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["id", "mode", "choice", "cost", "ttime", "income", "psize"])
    w.writerows(rows())
