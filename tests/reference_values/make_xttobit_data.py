"""Censored panel data for xttobit: 60 unbalanced panels (2 to 7 observations), a random
intercept, left-censored at 0 and right-censored at an observation-specific limit ``cap``
(a variable, to exercise ul(varname)): the data of xttobit_reference.R and
tests/test_xttobit.py."""
import numpy as np
import pandas as pd


def make(seed: int = 3, G: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 8, G)
    g = np.repeat(np.arange(G), sizes)
    n = len(g)
    x = rng.normal(size=n)
    w = rng.binomial(1, 0.4, n)
    u = rng.normal(0, 0.8, G)
    ystar = 0.3 + 0.9 * x - 0.5 * w + u[g] + rng.normal(0, 1.1, n)
    cap = np.round(rng.uniform(1.5, 3.5, n), 2)
    y = np.clip(ystar, 0, cap)
    return pd.DataFrame({"id": g + 1, "x": x, "w": w, "cap": cap, "y": y})


if __name__ == "__main__":
    make().to_csv("xttobit_panels.csv", index=False, float_format="%.17g")
