"""The data behind tests/test_ivtobit.py (ivtobit.csv): y2 = 1 + 0.5 x + 0.8 z1 + 0.6 z2 + v,
y* = 0.5 + 0.6 y2 - 0.7 x + u with corr(u, v) = 0.4, censored below at 0 and above at 4;
a cluster id g.  Run: python3 make_data.py"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7408)
n = 400
x, z1, z2 = rng.normal(size=n).round(4), rng.normal(size=n).round(4), rng.normal(size=n).round(4)
u, v = rng.multivariate_normal([0, 0], [[1.44, 0.72], [0.72, 2.25]], size=n).T
y2 = (1 + 0.5 * x + 0.8 * z1 + 0.6 * z2 + v).round(4)
y = np.clip(0.5 + 0.6 * y2 - 0.7 * x + u, 0, 4).round(4)
g = np.repeat(np.arange(1, 41), 10)
pd.DataFrame({"y": y, "y2": y2, "x": x, "z1": z1, "z2": z2, "g": g}).to_csv("ivtobit.csv", index=False)
