"""ml's bhhh steps with frequency weights: the outer product of the scores counts each
observation w times (sum_j w_j s_j s_j', as vce(opg)), so a fit with fweight w takes the same
iterations as the fit on the data with each row repeated w times."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ml_programs import PROBIT_LF, fit


def _iterations(printed: str) -> list[str]:
    return re.findall(r"^Iteration \d+:.*$", printed, flags=re.M)


def test_bhhh_with_fweights_steps_as_the_expanded_data(do):
    rng = np.random.default_rng(61)
    n = 60
    x = rng.normal(size=n)
    data = pd.DataFrame({"x": x, "y": (0.3 + 0.9 * x + rng.normal(size=n) > 0).astype(float),
                         "w": 1.0 + np.arange(n) % 3})
    expanded = data.loc[data.index.repeat(data["w"].astype(int))].reset_index(drop=True)
    line = PROBIT_LF + "ml model lf myprobit (y = x){wt}, technique(bhhh) iterate(4)\nml maximize"
    weighted, a = fit(do, data, line.format(wt=" [fw=w]"))
    plain, b = fit(do, expanded, line.format(wt=""))
    assert len(_iterations(weighted)) == 5
    assert _iterations(weighted) == _iterations(plain)
    np.testing.assert_allclose(a.e.matrices["b"].values, b.e.matrices["b"].values, rtol=1e-9, atol=0)
