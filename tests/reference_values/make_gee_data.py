"""Writes gee_panels.csv: 60 panels observed at 2-6 of the times 1-6 (unbalanced, gaps)
and 50 panels observed at all four times 1-4 (balanced; ``balanced`` = 1), with x, a
binary z, a normal y, a binary yb and a count yc, each with a panel effect.  Fixed seed;
gee_reference.R reads the file."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(2026)
rows = []
for i in range(1, 111):
    balanced = i > 60
    times = np.arange(1, 5) if balanced else np.sort(rng.choice(np.arange(1, 7), size=int(rng.integers(2, 7)),
                                                               replace=False))
    u = rng.normal()
    for t in times:
        x = round(float(rng.normal()), 6)
        z = float(rng.integers(0, 2))
        eta = -0.3 + 0.6 * x + 0.4 * z + 0.8 * u
        rows.append((i, int(t), int(balanced), x, z, round(1 + 0.5 * x - 0.3 * z + 0.2 * t + u + rng.normal(), 6),
                     float(rng.random() < 1 / (1 + np.exp(-eta))),
                     float(rng.poisson(np.exp(0.2 + 0.3 * x + 0.5 * u)))))
pd.DataFrame(rows, columns=["id", "t", "balanced", "x", "z", "y", "yb", "yc"]).to_csv("gee_panels.csv", index=False)
