"""estat effects, meff meft: MEFF = V / V_msp with V_msp the command's own variance run again
on e(sample) without the sampling weights (_svy_mkvmsp.ado): mean's s^2/n, total's that times
the squared population size, regress's s^2 (X'X)^-1 (computed here with numpy), the
likelihood fits' unweighted observed information."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"
SVYSET = "svyset psu [pw=w], strata(stratum)\n"


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "replicate_design.csv")


def _se2(s, j=0):
    return float(s.e.matrices["V"].values[j, j])


def test_mean_and_total(do, frame):
    y = frame["y"].to_numpy()
    v_msp = y.var(ddof=1) / len(y)
    rc, out, s = do(SVYSET + "svy: mean y\nestat effects, meff meft\n", df=frame)
    assert rc == 0, out
    assert s.r["meff"].values[0, 0] == pytest.approx(_se2(s) / v_msp, rel=1e-10)
    assert s.r["meft"].values[0, 0] == pytest.approx(np.sqrt(_se2(s) / v_msp), rel=1e-10)
    assert "             |       Mean   Std. Err.      MEFF       MEFT" in out
    assert "deff" not in s.r
    rc, out, s = do(SVYSET + "svy: total y\nestat effects, meff\n", df=frame)
    assert rc == 0, out
    N = frame["w"].sum()
    assert s.r["meff"].values[0, 0] == pytest.approx(_se2(s) / (v_msp * N ** 2), rel=1e-10)


def test_regress(do, frame):
    X = np.column_stack([frame["x"], np.ones(len(frame))])
    y = frame["y"].to_numpy()
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ b
    V_msp = e @ e / (len(y) - 2) * np.linalg.inv(X.T @ X)
    rc, out, s = do(SVYSET + "svy: regress y x\nestat effects, deff meff\n", df=frame)
    assert rc == 0, out
    V = s.e.matrices["V"].values
    assert np.allclose(s.r["meff"].values[0], np.diag(V) / np.diag(V_msp), rtol=1e-9)
    assert "      DEFF       MEFF" in out


def test_logit_uses_the_unweighted_fit(do, frame):
    rc, out, s = do("logit b x\n", df=frame)
    V_msp = np.diag(s.e.matrices["V"].values)
    rc, out, s = do(SVYSET + "svy: logit b x\nestat effects, meft\n", df=frame)
    assert rc == 0, out
    assert np.allclose(s.r["meft"].values[0] ** 2, np.diag(s.e.matrices["V"].values) / V_msp, rtol=1e-6)


def test_refused(do, frame):
    rc, out, s = do(SVYSET + "svy, subpop(g): mean y\nestat effects, meff\n", df=frame)
    assert rc == 198 and "subpop() is not supported" in out
