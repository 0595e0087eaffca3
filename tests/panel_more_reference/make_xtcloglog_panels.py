"""The panels of xtcloglog_reference.R: 150 unbalanced panels (2 to 7 rows) of a binary outcome
drawn from a complementary log-log model with a normal random intercept (sd 0.9), seeded; an
offset column and an iweight constant within panels."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(11)
rows = []
for i in range(1, 151):
    u = rng.normal(0, 0.9)
    T = rng.integers(2, 8)
    for t in range(1, T + 1):
        x1, x2 = rng.normal(), rng.binomial(1, 0.4)
        p = 1 - np.exp(-np.exp(-0.8 + 0.5 * x1 - 0.6 * x2 + u))
        rows.append((i, t, int(rng.uniform() < p), round(x1, 5), x2))
df = pd.DataFrame(rows, columns=["id", "t", "y", "x1", "x2"])
df["off"] = np.round(0.1 * (df["t"] - 4), 2)
df.to_csv("xtcloglog_panels.csv", index=False)
