"""The teaching file anxiety.dta of a latent growth curve example: ``anxiety1``-``anxiety4``, an
anxiety score at four occasions with person intercepts and slopes (correlated) and occasion
noise, 500 people.  Look-alike values from a fixed seed (the course's data are not public)."""
import numpy as np
import pandas as pd

from lookalike import from_frame


def make():
    rng = np.random.default_rng(2015_12)
    n = 500
    u = rng.multivariate_normal([20.0, -1.2], [[16.0, -1.0], [-1.0, 1.0]], size=n)
    frame = pd.DataFrame({f"anxiety{k + 1}": np.round(u[:, 0] + u[:, 1] * k + rng.normal(0, 2.5, n), 2)
                          for k in range(4)})
    return from_frame(frame, types={name: "float" for name in frame.columns})
