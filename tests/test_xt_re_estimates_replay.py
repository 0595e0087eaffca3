"""``estimates replay`` (and ``estimates restore`` + replay) after ``xtlogit, re`` /
``xtpoisson, re`` / ``xtprobit, re``: the random-effects table the fit printed (xtlogit.ado's replay is its
Display), not an internal error from the fixed-effects renderer."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _panel(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, 41), 6)
    x = rng.normal(size=g.size)
    u = rng.normal(size=41)[g]
    y = (rng.random(g.size) < 1 / (1 + np.exp(-(-0.2 + 0.8 * x + u)))).astype(float)
    return pd.DataFrame({"id": g, "x": x, "y": y, "c": rng.poisson(np.exp(0.3 + 0.5 * x + 0.5 * u)).astype(float)})


def _table(text: str) -> list[str]:
    lines = text.splitlines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith("Random-effects"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("Likelihood-ratio test of"))
    return lines[k:end + 1]


@pytest.mark.parametrize("fit", ["xtlogit y x, re nolog", "xtpoisson c x, re normal nolog", "xtprobit y x, re nolog"])
def test_estimates_replay_prints_the_fit_table(do, fit):
    rc, fitted, s = do(f"xtset id\n{fit}", _panel())
    assert rc == 0, fitted
    rc, replayed, _ = do("estimates replay", session=s)
    assert rc == 0, replayed
    assert "internal error" not in replayed
    assert _table(replayed) == _table(fitted)
    assert replayed.splitlines()[2] == "active results"
    rc, typed, _ = do(fit.split()[0], session=s)
    assert rc == 0 and _table(typed) == _table(fitted)
    rc, stored, _ = do("estimates store m1\nregress y x\nestimates replay m1", session=s)
    assert rc == 0, stored
    assert _table(stored) == _table(fitted)
