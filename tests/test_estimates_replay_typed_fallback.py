"""``estimates replay`` after the commands whose registry module has no ``replay()`` of its
own (areg, tobit, intreg, cnreg: registered through vce_through_prefix; reghdfe, xttobit,
stcrreg, menl): Stata's estimates replay runs the command typed alone on the results, so the
replay prints the table the fit printed -- it was ``cannot replay areg results`` r(321)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 120
    g = np.repeat(np.arange(1, 21), 6).astype(float)
    x = rng.normal(size=n)
    yc = x + rng.normal(size=n) + rng.normal(scale=0.5, size=21)[g.astype(int)]
    cause = np.where(rng.random(n) < 0.8, 1 + (rng.random(n) < 0.3), 0).astype(float)
    return pd.DataFrame({"id": g, "x": x, "yc": yc, "lo": np.floor(yc), "hi": np.floor(yc) + 1,
                         "cf": -(yc < 0).astype(float), "t": rng.exponential(size=n), "cause": cause})


def _body(text: str) -> list[str]:
    """The lines from the first title/table line on, without blank lines at either end."""
    lines = [ln.rstrip() for ln in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


FITS = [
    ("", "areg yc x, absorb(id)"),
    ("", "reghdfe yc x, absorb(id)"),
    ("", "tobit yc x, ll(0)"),
    ("", "intreg lo hi x"),
    ("", "cnreg yc x, censored(cf)"),
    ("xtset id", "xttobit yc x, ll(0)"),
    ("", "menl yc = {b0} + {b1}*x + {U[id]}"),
    ("stset t, failure(cause==1)", "stcrreg x, compete(cause==2)"),
]


@pytest.mark.parametrize("setup, fit", FITS, ids=[f.split()[0] for _, f in FITS])
def test_estimates_replay_shows_the_fitted_table(do, setup, fit):
    rc, _, s = do(setup or "", _data())
    assert rc == 0
    rc, fitted, _ = do(fit, session=s)
    assert rc == 0, fitted
    for text in ("estimates replay", "estimates store m\nestimates replay m"):
        rc, replayed, _ = do(text, session=s)
        assert rc == 0, replayed
        assert "cannot replay" not in replayed
        body = _body(replayed)
        k = next(i for i, ln in enumerate(body) if ln in ("active results", "Model m"))
        table = body[k + 2:]
        while table and not table[0]:
            table.pop(0)
        if table[0].strip().startswith("failure _d:"):  # the st lines, above the fit's iteration log
            assert table[1].strip() == "analysis time _t:  t"
            table = table[3:]
        assert len(table) > 8
        fit_lines = _body(fitted)
        assert fit_lines[-len(table):] == table, "\n".join(table)
