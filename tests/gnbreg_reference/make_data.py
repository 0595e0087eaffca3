"""The data behind tests/test_gnbreg.py (gnbreg.csv): counts with mean exp(0.5 + 0.4 x1 - 0.3 x2)
times the exposure t and dispersion alpha = exp(-0.5 + 0.6 z1) (gamma-Poisson mixture), a
cluster id g.  Run: python3 make_data.py"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7406)
n = 300
x1, x2, z1 = rng.normal(size=n).round(4), rng.normal(size=n).round(4), rng.normal(size=n).round(4)
t = rng.uniform(0.5, 2.0, size=n).round(3)
mu = np.exp(0.5 + 0.4 * x1 - 0.3 * x2) * t
alpha = np.exp(-0.5 + 0.6 * z1)
y = rng.poisson(mu * rng.gamma(1 / alpha, alpha))
g = np.repeat(np.arange(1, 31), 10)
pd.DataFrame({"y": y, "x1": x1, "x2": x2, "z1": z1, "t": t, "g": g}).to_csv("gnbreg.csv", index=False)
