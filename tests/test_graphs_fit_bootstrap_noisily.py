"""twoway lfit/lfitci/qfit/qfitci with ``estopts(vce(bootstrap, noisily|trace))``
(``graphs.fit_bootstrap_noisily``): what shows through twoway's ``capture regress`` -- regress's
output on the plot's sample (bootstrap.ado's first call) and, per draw, _loop_bs's echo and
regress's output on the rows drawn; the "First call" heading and the replications title are
plain ``di`` under capture, not shown.  noisily changes no number: predopts(stdp) is the one
drawn without it, and the printed replicates' slopes and constants give it."""
from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

N = 20


@pytest.fixture
def s() -> Session:
    rng = np.random.default_rng(11)
    x = np.round(rng.uniform(0.5, 4, N), 3)
    df = pd.DataFrame({"x": x, "y": np.round(1 + 0.6 * x + rng.normal(0, 1, N), 3),
                       "w": 1.0 + np.arange(N) % 3})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _rows(text: str, name: str) -> list[float]:
    return [float(m.group(1)) for m in re.finditer(rf"^\s+{name} \|\s+(\S+)", text, re.M)]


def test_lfitci_prints_each_draw_and_its_band_is_unchanged(s):
    plain, _ = run(s, "regress y x")
    out, rc = run(s, "twoway lfitci y x, estopts(vce(bootstrap, reps(6) seed(4) noisily))")
    assert rc == 0
    assert "First call" not in out and "Bootstrap replications" not in out
    body = out.split("estopts(vce(bootstrap, reps(6) seed(4) noisily))\n", 1)[-1]
    first, *draws = body.split(". regress y x\n")
    assert len(draws) == 6 and first.strip() == plain.strip()
    assert body.count("Number of obs =      20") == 7  # the plot's sample and 6 draws
    # no band after bootstrap (no e(df_r)); predopts(stdp) draws the bootstrap standard error
    line = "twoway lfit y x, estopts(vce(bootstrap, reps(6) seed(4){})) predopts(stdp)"
    quiet, _ = drawn(s, line.format(""))
    loud, _ = drawn(s, line.format(" noisily"))
    (se_q,), (se_l,) = quiet.panels[0].series, loud.panels[0].series
    np.testing.assert_array_equal(se_q.y, se_l.y)
    # the standard error from the printed replicates (7 digits)
    B = np.column_stack([_rows("".join(draws), "x"), _rows("".join(draws), "_cons")])
    V = np.cov(B, rowvar=False, ddof=1)
    X0 = np.column_stack([np.asarray(se_l.x, float), np.ones(len(se_l.x))])
    np.testing.assert_allclose(se_l.y, np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-5)


def test_qfit_trace_names_x_squared_and_traces_each_run(s):
    out, rc = run(s, "twoway qfit y x, estopts(vce(bootstrap, reps(3) seed(4) trace))")
    assert rc == 0
    lines = out.splitlines()
    echoes = [k for k, line in enumerate(lines) if line.startswith(". regress y x __")]
    assert len(echoes) == 3 and all(lines[k + 1] == lines[k].replace(". ", "  - ", 1) for k in echoes)
    assert sum(line.startswith("  - regress y x __") for line in lines) == 4  # the first call's too


def test_noisily_with_forced_weights_prints_the_weighted_runs(s):
    # the plain regress's runs (graphs.fpfit_printed_runs): the weight echoed, each run weighted
    out, rc = run(s, "twoway lfit y x [aw=w], estopts(vce(bootstrap, reps(3) seed(4) force noisily))")
    assert rc == 0 and out.splitlines().count(". regress y x [aweight= w]") == 3
    plain, _ = run(s, "regress y x [aw=w]")
    loud, _ = run(s, "twoway lfit y x [aw=w], estopts(vce(bootstrap, reps(3) seed(4) force noisily))")
    assert loud.startswith(plain.rstrip("\n").split("\n", 1)[0])  # the (sum of wgt is ...) line first
    assert plain.strip() in loud


def test_fpfitci_prints_every_fracpoly_fit_and_the_final_one_gives_the_band(s):
    line = "twoway fpfitci y x, estopts(degree(1) powers(1) noscaling vce(bootstrap, reps(5) seed(4){}))"
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0 and "First call" not in out
    lines = out.splitlines()
    # frac_154's fits: without x, the one candidate (a temporary variable), the final on fracgen's Ix__1
    assert lines.count(". regress y") == 5 and lines.count(". regress y Ix__1") == 5
    temp = [k for k in lines if re.fullmatch(r"\. regress y __\d{6}", k)]
    assert len(temp) == 5 and len(set(temp)) == 1
    assert out.count("Number of obs =      20") == 3 * 6
    loud, _ = drawn(s, line.format(" noisily"))
    quiet, _ = drawn(s, line.format(""))
    (band_l, fit_l), (band_q, _) = loud.panels[0].series, quiet.panels[0].series
    np.testing.assert_array_equal(band_l.y, band_q.y)
    np.testing.assert_array_equal(band_l.y2, band_q.y2)
    final = out.split(". regress y Ix__1\n", 1)[1]
    B = np.column_stack([_rows(final, "Ix__1"), _rows(final, "_cons")])
    V = np.cov(B, rowvar=False, ddof=1)
    X0 = np.column_stack([np.asarray(fit_l.x, float) - s.data.numeric("x").mean(), np.ones(len(fit_l.x))])
    half = 1.959963984540054 * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((np.asarray(band_l.y2) - np.asarray(band_l.y)) / 2, half, rtol=1e-5)


def test_fpfit_degree_two_runs_all_46_fits(s):
    out, rc = run(s, "twoway fpfit y x, estopts(vce(bootstrap, reps(2) seed(4) noisily))")
    assert rc == 0
    # the model without x, 8 FP1 and 36 FP2 candidates, the final model: each on the sample and 2 draws
    assert out.count("Number of obs =      20") == 46 * 3
    assert out.splitlines().count(". regress y Ix__1 Ix__2") == 2


@pytest.mark.parametrize("line, echo", [
    ("twoway fpfitci yb x, estcmd(logit) estopts(degree(1) vce(bootstrap, reps(2) noisily))", ". logit yb Ix__1"),
    ("twoway fpfit y x, estopts(degree(1) vce(bootstrap, reps(3) noisily reject(_b[_cons] > 9)))",
     ". regress y Ix__1"),
])
def test_fpfit_noisily_of_the_other_estcmds_and_reject(s, line, echo):
    # printed through the plain command (graphs.fpfit_printed_runs; tests/test_graphs_fpfit_printed_runs.py)
    run(s, "generate yb = y > 2")
    out, rc = run(s, line)
    assert rc == 0 and out.splitlines().count(echo) >= 2


def test_lfit_bca_jackknifeopts_noisily_leaves_each_observation_out(s):
    plain, _ = run(s, "regress y x")
    out, rc = run(s, "twoway lfit y x, estopts(vce(bootstrap, reps(3) seed(4) bca jackknifeopts(noisily)))")
    assert rc == 0
    body = out.split("jackknifeopts(noisily)))\n", 1)[-1]
    first, *left_out = body.split(". regress y x\n")
    assert first.strip() == plain.strip() and len(left_out) == N  # no bootstrap runs without noisily
    assert body.count("Number of obs =      19") == N
    x, y = s.data.numeric("x"), s.data.numeric("y")
    slopes = [np.polyfit(np.delete(x, i), np.delete(y, i), 1)[0] for i in range(N)]
    np.testing.assert_allclose(_rows("".join(left_out), "x"), slopes, rtol=1e-6)


def test_fpfit_jackknifeopts_trace_runs_before_each_fits_draws(s):
    out, rc = run(s, "twoway fpfit y x, estopts(degree(1) powers(1) vce(bootstrap, reps(2) seed(4) noisily bca "
                     "jackknifeopts(trace)))")
    assert rc == 0
    lines = out.splitlines()
    # per fit: bootstrap's first call, jackknife's first call (traced) and N runs (traced), 2 draws
    assert out.count("Number of obs =      20") == 3 * (2 + 2) and out.count("Number of obs =      19") == 3 * N
    assert lines.count("  - regress y Ix__1") == N + 1 and lines.count(". regress y Ix__1") == N + 2


def test_jackknifeopts_trace_of_another_estcmd_is_printed(s):
    run(s, "generate c = round(exp(y/3))")
    out, rc = run(s, "twoway fpfit c x, estcmd(poisson) estopts(degree(1) powers(1) vce(bootstrap, reps(3) bca "
                     "jackknifeopts(trace)))")
    assert rc == 0
    lines = out.splitlines()
    # JKAccel's jackknife in each of the 3 fits: each observation left out, traced
    assert lines.count(". poisson c Ix__1") == N and lines.count("  - poisson c Ix__1") == N + 1
