"""The data behind tests/test_biprobit.py (biprobit.csv): two binary outcomes with correlated
normal errors (rho 0.4), regressors x1, x2, z1 and a cluster id g.  Run: python3 make_data.py"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7405)
n = 300
x1, x2, z1 = rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)
e = rng.multivariate_normal([0, 0], [[1, 0.4], [0.4, 1]], size=n)
y1 = (0.3 + 0.8 * x1 - 0.5 * x2 + e[:, 0] > 0).astype(int)
y2 = (-0.2 + 0.4 * x1 + 0.6 * z1 + e[:, 1] > 0).astype(int)
g = np.repeat(np.arange(1, 31), 10)
pd.DataFrame({"y1": y1, "y2": y2, "x1": x1.round(4), "x2": x2.round(4), "z1": z1.round(4), "g": g}).to_csv(
    "biprobit.csv", index=False)
