"""Writes panel_unbalanced.csv: an unbalanced panel (40 panels of 1-9 observations)
with a time-varying regressor x1, a time-invariant one z, a 0/1 regressor d and a
random intercept.  Fixed seed; the R script xtreg_reference.R reads the file."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(20261201)
rows = []
for i in range(1, 41):
    T = int(rng.integers(1, 10))
    u = rng.normal(scale=0.8)
    z = rng.normal()
    for t in range(1, T + 1):
        x1 = rng.normal() + 0.3 * u
        d = float(rng.random() < 0.4)
        y = 1.5 + 0.7 * x1 - 0.4 * d + 0.5 * z + u + rng.normal(scale=0.6)
        rows.append((i, t, round(y, 6), round(x1, 6), round(z, 6), d))
pd.DataFrame(rows, columns=["id", "t", "y", "x1", "z", "d"]).to_csv("panel_unbalanced.csv", index=False)
