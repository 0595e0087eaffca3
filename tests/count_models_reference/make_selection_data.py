"""heckman.csv / truncated.csv: the simulated data of tests/test_heckman.py (and its R reference)."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(20261205)
n = 500
x1, x2, z1 = rng.normal(size=n), rng.binomial(1, 0.4, size=n), rng.normal(size=n)
u2 = rng.normal(size=n)
u1 = 2.0 * (0.5 * u2 + np.sqrt(1 - 0.25) * rng.normal(size=n))
sel = (0.3 + 0.8 * z1 + 0.5 * x1 + u2) > 0
wage = np.where(sel, 1.0 + 0.7 * x1 - 0.5 * x2 + u1, np.nan)
cl = rng.integers(0, 40, size=n)
pd.DataFrame(dict(wage=wage, works=sel.astype(int), x1=x1, x2=x2, z1=z1, cl=cl)).to_csv("heckman.csv", index=False)

# truncated.csv: y = 1 + 0.8 x1 - 0.6 x2 + N(0, 1.5^2); truncreg's tests keep 0 < y < 4 (ll(0) ul(4))
rng = np.random.default_rng(7)
n = 400
x1, x2 = rng.normal(size=n), rng.binomial(1, 0.5, size=n)
y = 1 + 0.8 * x1 - 0.6 * x2 + 1.5 * rng.normal(size=n)
lim = np.where(rng.random(n) < 0.5, -0.5, 0.0)  # a variable lower limit
pd.DataFrame(dict(y=y, x1=x1, x2=x2, lim=lim, cl=rng.integers(0, 25, size=n))).to_csv("truncated.csv", index=False)

# heckprob.csv: a binary outcome observed under selection, errors with correlation 0.5
rng = np.random.default_rng(31)
n = 800
x1, z1 = rng.normal(size=n), rng.normal(size=n)
u2 = rng.normal(size=n)
u1 = 0.5 * u2 + np.sqrt(0.75) * rng.normal(size=n)
sel = (0.2 + 0.9 * z1 + 0.4 * x1 + u2) > 0
yb = np.where(sel, ((0.3 + 0.8 * x1 + u1) > 0).astype(float), np.nan)
pd.DataFrame(dict(yb=yb, s=sel.astype(int), x1=x1, z1=z1, cl=rng.integers(0, 30, size=n))).to_csv("heckprob.csv",
                                                                                              index=False)
