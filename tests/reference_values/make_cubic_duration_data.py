"""Small event-history-like data for tests/test_glmm_mean_variance_gradient.py: 30 units of
10-20 rows, a binary outcome with a random intercept and slope, and the badly scaled
polynomial in duration (duration, duration^2, duration^3 up to 64000) that made the me
engine's optimizer stall.  Writes cubic_duration.csv (committed); run once."""
from pathlib import Path

import numpy as np


def make(seed: int = 2021) -> str:
    rng = np.random.default_rng(seed)
    rows = []
    for unit in range(1, 31):
        u0, u1 = rng.normal(0, 0.7), rng.normal(0, 0.4)
        for _ in range(rng.integers(10, 21)):
            dur = int(rng.integers(1, 41))
            x = round(float(rng.normal()), 3)
            z = int(rng.random() < 0.4)
            eta = -1.2 + 0.3 * x + 0.4 * z + 0.06 * dur - 0.001 * dur ** 2 + u0 + u1 * x
            y = int(rng.random() < 1 / (1 + np.exp(-eta)))
            rows.append(f"{unit},{y},{x},{z},{dur},{dur ** 2},{dur ** 3}")
    return "unit,y,x,z,duration,durationsq,durationcb\n" + "\n".join(rows) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name("cubic_duration.csv").write_text(make())
