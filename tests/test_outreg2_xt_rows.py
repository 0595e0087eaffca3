"""outreg2's rows and notes as its makeFile writes them (outreg2 2.2.5; the published table of
Bazzi 2017's replication package, written by it after xtreg, fe cluster(), shows each):
Observations in %12.0fc, R-squared whenever e(r2) is set (xtreg's within R2), "Number of
<ivar>" from e(N_g), "Robust standard errors" after a robust or cluster VCE, the constant kept
by keep() unless nocons, z-statistics for a model without e(df_r)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(13602)
    groups, t = 1200, 2
    vid = np.repeat(np.arange(1, groups + 1), t)
    x = rng.normal(size=vid.size)
    y = rng.normal(size=groups)[vid - 1] + 0.3 * x + rng.normal(size=vid.size)
    return pd.DataFrame({"vid": vid.astype(float), "x": x, "y": y, "d": (y > 0).astype(float)})


@pytest.fixture
def run(new_session, run, tmp_path, monkeypatch):
    """(rc, printed) of do-file text in one session over the test's data, in tmp_path."""
    monkeypatch.chdir(tmp_path)
    session = new_session(_frame())

    def go(text):
        out, rc = run(session, text, stop_on_error=False)
        return rc, out
    return go


def _lines(path) -> list[str]:
    return path.read_text().split("\n")


def _within_r2(df: pd.DataFrame) -> float:
    y = df["y"] - df.groupby("vid")["y"].transform("mean")
    x = df["x"] - df.groupby("vid")["x"].transform("mean")
    beta = (x * y).sum() / (x * x).sum()
    return 1 - ((y - beta * x) ** 2).sum() / (y ** 2).sum()


def test_xtreg_fe_rows_and_the_robust_note(run, tmp_path):
    assert run("xtset vid\nquietly xtreg y x, fe cluster(vid)\noutreg2 using x1, replace keep(x) dec(4)")[0] == 0
    lines = _lines(tmp_path / "x1.txt")
    labels = [ln.split("\t")[0] for ln in lines]
    assert labels.index("Constant") > labels.index("x")  # keep() keeps the constant
    assert "Observations\t2,400" in lines
    assert f"R-squared\t{_within_r2(_frame()):.4f}" in lines
    assert "Number of vid\t1,200" in lines
    assert labels.index("Observations") < labels.index("R-squared") < labels.index("Number of vid")
    assert "Robust standard errors in parentheses" in lines


def test_noni_nor2_nocons_and_a_plain_note(run, tmp_path):
    assert run("xtset vid\nquietly xtreg y x, fe\noutreg2 using x2, replace keep(x) nocons noni nor2")[0] == 0
    text = (tmp_path / "x2.txt").read_text()
    for gone in ("Constant", "R-squared", "Number of", "Robust"):
        assert gone not in text
    assert "Standard errors in parentheses" in text.split("\n")


def test_logit_has_no_r2_and_z_statistics(run, tmp_path):
    assert run("quietly logit d x\noutreg2 using x3, replace tstat")[0] == 0
    lines = _lines(tmp_path / "x3.txt")
    assert "z-statistics in parentheses" in lines
    assert not any(ln.startswith("R-squared") or ln.startswith("Number of") for ln in lines)
    assert run("quietly regress y x\noutreg2 using x4, replace tstat")[0] == 0
    assert "t-statistics in parentheses" in _lines(tmp_path / "x4.txt")
