"""The test data of tests/test_mprobit.py (mp.csv): 300 rows, y in 1..3 drawn from independent
normal utilities, x1 continuous, x2 0/1."""
import csv
import sys

import numpy as np


def rows(seed=5, n=300):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.integers(0, 2, size=n)
    eta = np.column_stack([np.zeros(n), 0.3 + 0.8 * x1 - 0.4 * x2, -0.2 - 0.5 * x1 + 0.6 * x2])
    y = np.argmax(eta + rng.normal(size=(n, 3)), axis=1) + 1
    return [[int(a), round(float(b), 4), int(c)] for a, b, c in zip(y, x1, x2)]


if __name__ == "__main__":
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["y", "x1", "x2"])
    w.writerows(rows())
