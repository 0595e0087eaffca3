"""The panels of xtintreg_reference.R: 120 unbalanced panels (2 to 6 rows) of y* = 1 + 0.5 x1 -
0.4 x2 + u_i + e_it, u_i ~ N(0, 0.8^2), e_it ~ N(0, 1), seeded, recorded as xtintreg's pair
(lo, hi): below -0.5 left-censored (., -0.5), above 3 right-censored (3, .), every third row
a point (y*, y*), the others the unit interval [floor(y*), floor(y*) + 1]."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(5)
rows = []
k = 0
for i in range(1, 121):
    u = rng.normal(0, 0.8)
    for t in range(1, rng.integers(2, 7) + 1):
        x1, x2 = round(rng.normal(), 4), int(rng.binomial(1, 0.5))
        ys = 1 + 0.5 * x1 - 0.4 * x2 + u + rng.normal()
        k += 1
        if ys < -0.5:
            lo, hi = np.nan, -0.5
        elif ys > 3:
            lo, hi = 3.0, np.nan
        elif k % 3 == 0:
            lo = hi = round(ys, 4)
        else:
            lo, hi = float(np.floor(ys)), float(np.floor(ys) + 1)
        rows.append((i, t, lo, hi, x1, x2))
pd.DataFrame(rows, columns=["id", "t", "ylo", "yhi", "x1", "x2"]).to_csv("xtintreg_panels.csv", index=False)
