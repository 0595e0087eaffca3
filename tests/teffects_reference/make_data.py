"""The data of tests/teffects_reference (nnmatch.R reads it): 400 rows, a binary treatment
depending on x1 and x2, a discrete x3 (ties), written with numpy's default_rng(2026)."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(2026)
n = 400
x1 = np.round(rng.normal(size=n), 3)
x2 = rng.binomial(1, 0.45, n)
x3 = rng.integers(0, 4, n)
t = rng.binomial(1, 1 / (1 + np.exp(-(-0.2 + 0.7 * x1 - 0.4 * x2 + 0.2 * x3))))
y = np.round(1 + 1.2 * t + x1 + 0.5 * x2 + 0.3 * x3 + 0.4 * t * x1 + rng.normal(size=n), 4)
pd.DataFrame(dict(y=y, t=t, x1=x1, x2=x2, x3=x3)).to_csv("matching.csv", index=False)
