"""Writes menl_growth.csv: 30 subjects x 8 occasions of a growth-like outcome with a
random intercept, for tests/test_menl_nlme.py (reference values: menl_nlme_reference.R).

Columns: id, t (0..7), x1 (continuous), f (factor 1..3), y_lin (linear in x1, i.f plus a
subject intercept), y_exp ((b0 + b1 x1 + f effects + u_i) exp(-k t)), y_logis (logistic in t
with a subject asymptote).  Run: python3 tests/reference_values/make_menl_data.py
"""
from pathlib import Path

import numpy as np
import pandas as pd

rng = np.random.default_rng(20261202)
n_id, n_t = 30, 8
ids = np.repeat(np.arange(1, n_id + 1), n_t)
t = np.tile(np.arange(n_t, dtype=float), n_id)
x1 = np.round(rng.normal(0, 1, n_id * n_t), 3)
f = rng.integers(1, 4, n_id * n_t)
u = rng.normal(0, 0.6, n_id)[ids - 1]
e = rng.normal(0, 0.3, n_id * n_t)
feff = np.array([0.0, 0.4, -0.3])[f - 1]
y_lin = 1.0 + 0.5 * x1 + feff + u + e
y_exp = (5.0 + 0.5 * x1 + feff + u) * np.exp(-0.25 * t) + 0.5 * e
phi1 = 10 + 2.0 * rng.normal(0, 1, n_id)[ids - 1]
y_logis = phi1 / (1 + np.exp(-(t - 3.0) / 1.2)) + rng.normal(0, 0.4, n_id * n_t)
df = pd.DataFrame({"id": ids, "t": t, "x1": x1, "f": f, "y_lin": np.round(y_lin, 4),
                   "y_exp": np.round(y_exp, 4), "y_logis": np.round(y_logis, 4)})
df.to_csv(Path(__file__).with_name("menl_growth.csv"), index=False)
