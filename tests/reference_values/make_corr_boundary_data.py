"""Binary outcomes in 40 groups whose random slope is a multiple of the random intercept
(true correlation 1): the data of corr_boundary_reference.R and test_glmm_corr_boundary.py."""
import numpy as np
import pandas as pd


def make(seed: int = 0, G: int = 40, m: int = 12) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = G * m
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=n)
    w = rng.normal(size=n)
    u = rng.normal(0, 0.8, G)
    eta = -0.3 + 0.5 * w + (0.4 + 0.6 * u[g]) * x + u[g]
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    return pd.DataFrame({"g": g + 1, "x": x, "w": w, "y": y})


if __name__ == "__main__":
    make().to_csv("corr_boundary.csv", index=False, float_format="%.17g")
