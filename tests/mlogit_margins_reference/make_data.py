"""The data of mlogit_margins.R and tests/test_margins_after_mlogit.py (written to data.csv)."""
import numpy as np
import pandas as pd


def mlogit_margins_data() -> pd.DataFrame:
    rng = np.random.default_rng(78)
    n = 400
    x = rng.normal(size=n)
    g = rng.integers(1, 4, size=n).astype(float)
    z = rng.uniform(size=n)
    eta = np.column_stack([np.zeros(n), 0.3 + 0.8 * x - 0.4 * (g == 2) + 0.5 * z,
                           -0.2 - 0.5 * x + 0.6 * (g == 3) - z + 0.4 * x * (g == 3)])
    p = np.exp(eta)
    p /= p.sum(axis=1, keepdims=True)
    u = rng.uniform(size=n)
    y = 1.0 + (u > p[:, 0]) + (u > p[:, 0] + p[:, 1])
    return pd.DataFrame(dict(y=y, x=np.round(x, 6), g=g, z=np.round(z, 6)))


if __name__ == "__main__":
    mlogit_margins_data().to_csv("data.csv", index=False)
