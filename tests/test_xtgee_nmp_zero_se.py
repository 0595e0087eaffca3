"""xtgee: the exchangeable pairs' count under nmp, and a coefficient whose variance is 0.

xtgee.ado (Stata 16 ado tree) scales the exchangeable alpha by phi / cF with
cF = sum_i w_i n_i (n_i - 1)/2 - nmp * p (its phi the inverse dispersion (N - nmp * p) / sum r^2),
and the unstructured/nonstationary alphas by phi / nclust, with no nmp term of their own.
_b_stat.mata (what _coef_table computes) sets a zero SE to missing for every command but
mean/proportion/ratio/total, so that coefficient's SE, z, P>|z| and interval are missing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.panel.gee_structures import WorkingCorrelation, exchangeable_alpha


def _panels():
    rng = np.random.default_rng(8)
    sizes = [3, 4, 2, 4, 5, 1, 3]
    r = rng.normal(size=sum(sizes)) + np.repeat(rng.normal(size=len(sizes)), sizes)
    ends = np.cumsum(sizes)
    return r, ends - sizes, ends


def test_exchangeable_pairs_less_p_under_nmp():
    r, starts, ends = _panels()
    w = np.ones(len(r))
    N, p = len(r), 2
    cross = sum(np.sum(np.triu(np.outer(r[a:z], r[a:z]), 1)) for a, z in zip(starts, ends))
    pairs = sum((z - a) * (z - a - 1) / 2 for a, z in zip(starts, ends))
    ss = float(r @ r)
    assert exchangeable_alpha(r, starts, ends, w, ss / N) == pytest.approx(cross / pairs * N / ss, rel=1e-13)
    nmp = exchangeable_alpha(r, starts, ends, w, ss / (N - p), p)
    assert nmp == pytest.approx(cross / (pairs - p) * (N - p) / ss, rel=1e-13)
    R, reset = WorkingCorrelation("exchangeable").estimate(r, starts, ends, None, 5, ss / (N - p), w, p)
    assert reset is None and R[0, 1] == pytest.approx(nmp, rel=1e-13) and R[2, 2] == 1


def test_nmp_moves_the_exchangeable_fit(do):
    """Through the command: nmp changes alpha (so b) under exchangeable; the R of the fit is
    the one its own residuals give with the pairs' count less p."""
    rng = np.random.default_rng(3)
    g = np.repeat(np.arange(30), 4)
    df = pd.DataFrame({"id": g.astype(float), "t": np.tile(np.arange(1.0, 5.0), 30), "x": rng.normal(size=120)})
    df["y"] = df.x + rng.normal(size=30)[g] + rng.normal(size=120)
    rc, out, s = do("xtset id t\nquietly xtgee y x\nmatrix R0 = e(R)\nquietly xtgee y x, nmp\nmatrix R1 = e(R)\n"
                    "predict double mu1\n", df=df)
    assert rc == 0, out
    R0, R1 = s.matrices["R0"].values, s.matrices["R1"].values
    res = (df.y - s.data.df["mu1"]).to_numpy()
    N, p = 120, 2
    phi = float(res @ res) / (N - p)
    cross = sum(np.sum(np.triu(np.outer(res[k:k + 4], res[k:k + 4]), 1)) for k in range(0, 120, 4))
    assert R1[0, 1] == pytest.approx(cross / (30 * 6 - p) / phi, rel=1e-6)
    assert abs(R1[0, 1] - R0[0, 1]) > 1e-4


def test_a_zero_standard_error_prints_missing(do):
    """y exactly linear in x: under vce(robust) the constant's variance is exactly 0; Stata's
    _b_stat makes its SE missing, and with it z, P>|z| and the interval (e(V) keeps the 0)."""
    df = pd.DataFrame({"id": np.repeat(np.arange(10.0), 4), "t": np.tile(np.arange(1.0, 5.0), 10)})
    df["x"] = (np.arange(1, 41) % 5).astype(float)
    df["y"] = 2 * df.x + 1
    rc, out, s = do("xtset id t\nxtgee y x, vce(robust) nolog", df=df)
    assert rc == 0, out
    assert s.e.matrices["V"].values[1, 1] == 0
    row = next(line for line in out.splitlines() if line.lstrip().startswith("_cons |"))
    assert row.split("|")[1].split() == ["1", ".", ".", ".", ".", "."], row
