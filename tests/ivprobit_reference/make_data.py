"""The data behind tests/test_ivprobit.py (ivprobit.csv): y2 = 1 + 0.5 x + 0.8 z1 + 0.6 z2 + v,
y = 1[0.2 - 0.4 y2 + 0.7 x + u > 0], corr(u, v) = 0.5, sd(v) = 1.5; a cluster id g.
Run: python3 make_data.py"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7407)
n = 400
x, z1, z2 = rng.normal(size=n).round(4), rng.normal(size=n).round(4), rng.normal(size=n).round(4)
u, v = rng.multivariate_normal([0, 0], [[1, 0.75], [0.75, 2.25]], size=n).T
y2 = (1 + 0.5 * x + 0.8 * z1 + 0.6 * z2 + v).round(4)
y = (0.2 - 0.4 * y2 + 0.7 * x + u > 0).astype(int)
g = np.repeat(np.arange(1, 41), 10)
pd.DataFrame({"y": y, "y2": y2, "x": x, "z1": z1, "z2": z2, "g": g}).to_csv("ivprobit.csv", index=False)
