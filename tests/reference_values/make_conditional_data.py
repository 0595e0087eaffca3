"""Writes conditional_panels.csv: 60 groups of 1-8 observations with a time-varying x1, a
group-constant z, a binary outcome yb (logit with a group effect) and a count yc
(Poisson with a group effect); some groups have no variation in yb or all-zero yc.
Fixed seed; conditional_reference.R reads the file."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(1234)
rows = []
for g in range(1, 61):
    T = int(rng.integers(1, 9))
    u = rng.normal(scale=1.0)
    z = rng.normal()
    for t in range(1, T + 1):
        x1 = rng.normal()
        x2 = float(rng.random() < 0.5)
        eta = -0.3 + 0.8 * x1 - 0.5 * x2 + u
        yb = float(rng.random() < 1 / (1 + np.exp(-eta)))
        yc = float(rng.poisson(np.exp(-0.5 + 0.4 * x1 + 0.3 * x2 + 0.7 * u)))
        rows.append((g, t, round(x1, 6), x2, round(z, 6), yb, yc))
pd.DataFrame(rows, columns=["id", "t", "x1", "x2", "z", "yb", "yc"]).to_csv("conditional_panels.csv", index=False)
