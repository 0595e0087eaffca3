"""Panel data for xthtaylor: 80 balanced panels of 5 periods with time-varying exogenous x1a,
x1b, time-varying endogenous x2 (correlated with the panel effect), time-invariant exogenous
z1 and endogenous z2; ``keep`` (0 on about a fifth of the rows) makes an unbalanced
subsample: the data of xthtaylor_reference.R and tests/test_xthtaylor.py."""
import numpy as np
import pandas as pd


def make(seed: int = 11, G: int = 80, T: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(G), T)
    t = np.tile(np.arange(1, T + 1), G)
    n = G * T
    u = rng.normal(0, 1.0, G)
    x1a = rng.normal(size=n) + 0.5 * rng.normal(size=G)[g]
    x1b = rng.normal(size=n) + 0.3 * t
    x2 = rng.normal(size=n) + 0.8 * u[g]
    z1 = rng.binomial(1, 0.5, G)[g].astype(float)
    z2 = (rng.normal(size=G) + 0.7 * u + 0.6 * x1a.reshape(G, T).mean(axis=1))[g]
    y = 1.0 + 0.5 * x1a - 0.3 * x1b + 0.8 * x2 + 0.4 * z1 + 1.2 * z2 + u[g] + rng.normal(0, 0.7, n)
    keep = (rng.uniform(size=n) > 0.2).astype(int)
    keep[t == 1] = 1  # every panel keeps a row
    return pd.DataFrame({"id": g + 1, "t": t, "y": y, "x1a": x1a, "x1b": x1b, "x2": x2, "z1": z1, "z2": z2,
                         "keep": keep})


if __name__ == "__main__":
    make().to_csv("xthtaylor_panels.csv", index=False, float_format="%.17g")
