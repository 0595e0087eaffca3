"""Writes the two panels the R reference and tests/test_xtivreg.py use (deterministic):
balanced.csv (60 panels x 5 periods) and unbalanced.csv (80 panels of 2-7 periods), columns
id t y x1 x2 w z1 z2 (x2: endogenous; z1, z2: excluded instruments; w: time-invariant).
Run: python3 make_panels.py"""
import numpy as np


def panel(sizes, seed):
    rng = np.random.default_rng(seed)
    rows = []
    for i, T in enumerate(sizes, start=1):
        a = rng.normal()
        w = rng.normal()
        for t in range(1, T + 1):
            x1 = rng.normal() + 0.5 * a
            z1, z2 = rng.normal(), rng.normal()
            e = rng.normal()
            x2 = 0.8 * z1 - 0.6 * z2 + 0.5 * x1 + 0.7 * e + 0.4 * a + rng.normal()
            y = 1.0 + 0.5 * x1 - 0.7 * x2 + 0.3 * w + a + e
            rows.append((i, t, y, x1, x2, w, z1, z2))
    return rows


def write(path, rows):
    with open(path, "w") as f:
        f.write("id,t,y,x1,x2,w,z1,z2\n")
        for r in rows:
            f.write(",".join([str(r[0]), str(r[1])] + [repr(round(v, 6)) for v in r[2:]]) + "\n")


if __name__ == "__main__":
    write("balanced.csv", panel([5] * 60, 1))
    rng = np.random.default_rng(2)
    write("unbalanced.csv", panel(list(rng.integers(2, 8, size=80)), 3))
