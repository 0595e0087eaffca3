"""fpfit (every estcmd) and lfit/qfit with ``estopts(vce(bootstrap|jackknife, noisily|trace))``:
each fit fracpoly makes is run as the plain command on the plot's sample and what it shows
through noisily is printed (``graphs.fpfit_printed_runs``): the replicates' echo and output, not
the prefixes' headings, titles or tables (plain ``di`` under twoway's ``capture``).  The band is
the same with and without noisily, and the final fit's printed replicates give it."""
from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

N = 24
Z95 = 1.959963984540054


@pytest.fixture
def s() -> Session:
    rng = np.random.default_rng(5)
    x = np.round(rng.uniform(0.5, 4, N), 3)
    df = pd.DataFrame({"x": x, "y": np.round(1 + 0.6 * x + rng.normal(0, 1, N), 3),
                       "yb": (rng.uniform(size=N) < 1 / (1 + np.exp(1.5 - 0.8 * x))).astype(float),
                       "c": rng.poisson(np.exp(0.2 + 0.3 * x)).astype(float),
                       "id": np.repeat(np.arange(1, N // 4 + 1), 4).astype(float),
                       "w": 1.0 + np.arange(N) % 3,
                       "t": np.round(rng.exponential(1 / np.exp(0.3 * x)), 4) + 0.01,
                       "d": (rng.uniform(size=N) < 0.8).astype(float)})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _coefficients(text: str, name: str) -> list[float]:
    return [float(m.group(1)) for m in re.finditer(rf"^\s+{name} \|\s+(\S+)", text, re.M)]


def _same_band(s, line: str):
    """The series drawn without and with noisily (line has a {} for it); asserts they are equal."""
    quiet, _ = drawn(s, line.format(""))
    loud, _ = drawn(s, line.format(" noisily"))
    for q, l in zip(quiet.panels[0].series, loud.panels[0].series):
        np.testing.assert_array_equal(q.y, l.y)
        if q.y2 is not None:
            np.testing.assert_array_equal(q.y2, l.y2)
    return loud.panels[0].series


def _echoes(out: str, head: str) -> dict:
    """{echoed line: count} of the lines starting with ``. head``."""
    counts: dict = {}
    for line in out.splitlines():
        if line.startswith(". " + head):
            counts[line] = counts.get(line, 0) + 1
    return counts


def test_logit_bootstrap_prints_every_fit_and_its_final_replicates_give_the_band(s):
    line = "twoway fpfitci yb x, estcmd(logit) estopts(degree(1) powers(1) noscaling vce(bootstrap, reps(6) seed(4){}))"
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0
    assert "First call" not in out and "Bootstrap replications" not in out and "Observed" not in out
    echoes = _echoes(out, "logit yb")
    temp = [k for k in echoes if re.fullmatch(r"\. logit yb __[0-9A-F]{6}", k)]
    assert echoes[". logit yb"] == 6 and len(temp) == 1 and echoes[temp[0]] == 6 and echoes[". logit yb Ix__1"] == 6
    assert out.count("Logistic regression") == 3 * 7  # each fit on the sample and on 6 draws
    band, fit = _same_band(s, line)
    final = out.split(". logit yb Ix__1\n")[1:]
    B = np.array([[_coefficients(part, "Ix__1")[0], _coefficients(part, "_cons")[0]] for part in final])
    V = np.cov(B, rowvar=False, ddof=1)
    X0 = np.column_stack([np.asarray(fit.x, float) - s.data.numeric("x").mean(), np.ones(len(fit.x))])
    half = Z95 * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((np.asarray(band.y2) - np.asarray(band.y)) / 2, half, rtol=2e-4)


def test_poisson_jackknife_prints_each_left_out_run_and_they_give_the_band(s):
    line = "twoway fpfitci c x, estcmd(poisson) estopts(degree(1) powers(1) noscaling vce(jackknife{}))"
    out, rc = run(s, line.format(", noisily"))
    assert rc == 0 and "Jackknife replications" not in out and "First call" not in out
    assert _echoes(out, "poisson c")[". poisson c Ix__1"] == N
    assert out.count("Poisson regression") == 3 * (N + 1)
    quiet, _ = drawn(s, line.format(""))
    loud, _ = drawn(s, line.format(", noisily"))
    band, fit = loud.panels[0].series
    np.testing.assert_array_equal(band.y2, quiet.panels[0].series[0].y2)
    final = out.split(". poisson c Ix__1\n")[1:]
    B = np.array([[_coefficients(part, "Ix__1")[0], _coefficients(part, "_cons")[0]] for part in final])
    D = B - B.mean(axis=0)
    V = (N - 1) / N * D.T @ D
    X0 = np.column_stack([np.asarray(fit.x, float) - s.data.numeric("x").mean(), np.ones(len(fit.x))])
    half = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    got = (np.asarray(band.y2) - np.asarray(band.y)) / 2
    # jackknife's band takes invttail(e(df_r) = N - 1)
    from scipy.stats import t

    np.testing.assert_allclose(got, t.ppf(0.975, N - 1) * half, rtol=2e-4)


def test_glm_bootstrap_trace_traces_each_run_and_keeps_the_band(s):
    line = "twoway fpfitci c x, estcmd(glm) estopts(family(poisson) degree(1) powers(0 1) vce(bootstrap, reps(3) seed(2){}))"
    out, rc = run(s, line.format(" trace"))
    assert rc == 0
    lines = out.splitlines()
    echoes = [k for k, text in enumerate(lines) if text == ". glm c Ix__1, family(poisson)"]
    assert len(echoes) == 3 and all(lines[k + 1] == "  - glm c Ix__1, family(poisson)" for k in echoes)
    assert out.count("Generalized linear models") == (1 + 2 + 1) * 4
    _same_band(s, line)


def test_stcox_and_streg_bootstrap_print_the_st_form(s):
    run(s, "stset t, failure(d)")
    line = "twoway fpfitci y x, estcmd(stcox) estopts(degree(1) powers(1) vce(bootstrap, reps(3) seed(3){}))"
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0
    echoes = _echoes(out, "stcox")
    assert echoes[". stcox x"] == 3 and echoes[". stcox Iy__1 x"] == 3 and len(echoes) == 3
    assert out.count("Cox regression") == 3 * 4
    _same_band(s, line)
    out, rc = run(s, line.replace("stcox", "streg").replace("powers(1)", "powers(1) dist(weibull)").format(" noisily"))
    assert rc == 0
    assert _echoes(out, "streg")[". streg Iy__1 x, dist(weibull)"] == 3


def test_xtreg_and_xtlogit_bootstrap_print_the_panel_runs(s):
    run(s, "xtset id")
    line = "twoway fpfitci y x, estcmd(xtreg) estopts(fe degree(1) powers(1) vce(bootstrap, reps(3) seed(3){}))"
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0
    assert _echoes(out, "xtreg y")[". xtreg y Ix__1, fe"] == 3
    assert out.count("Fixed-effects (within) regression") == 3 * 4
    _same_band(s, line)
    line = "twoway fpfit yb x, estcmd(xtlogit) estopts(degree(1) powers(1) vce(jackknife{}))"
    out, rc = run(s, line.format(", noisily"))
    assert rc == 0
    # jackknife leaves out a panel at a time (_vce_parserun's cluster(id))
    assert _echoes(out, "xtlogit yb")[". xtlogit yb Ix__1"] == N // 4
    assert out.count("Random-effects logistic regression") == 3 * (N // 4 + 1)


def test_regress_with_reject_and_with_forced_weights(s):
    line = ("twoway fpfitci y x, estopts(degree(1) powers(1) vce(bootstrap, reps(6) seed(3){} "
            "reject(_b[_cons] > 2)))")
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0
    assert _echoes(out, "regress y")[". regress y Ix__1"] == 6
    final = out.split(". regress y Ix__1\n")[1:]
    rejected = [part for part in final if "rejected results from regress, posting missing values" in part]
    assert rejected and all(_coefficients(part, "_cons")[0] > 2 for part in rejected)
    assert all(_coefficients(part, "_cons")[0] <= 2 for part in final if part not in rejected)
    _same_band(s, line)
    line = "twoway fpfitci y x [aw=w], estopts(degree(1) powers(1) vce(bootstrap, reps(3) seed(3) force{}))"
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0
    assert _echoes(out, "regress y")[". regress y Ix__1 [aweight= w]"] == 3
    assert out.count("(sum of wgt is") == 3 * 4
    _same_band(s, line)


def test_lfit_jackknife_noisily_leaves_each_observation_out(s):
    out, rc = run(s, "twoway lfitci y x, estopts(vce(jackknife, noisily))")
    assert rc == 0 and "Jackknife replications" not in out
    body = out.split(". regress y x\n")
    assert len(body) == N + 1
    x, y = s.data.numeric("x"), s.data.numeric("y")
    slopes = [np.polyfit(np.delete(x, i), np.delete(y, i), 1)[0] for i in range(N)]
    np.testing.assert_allclose(_coefficients("".join(body[1:]), "x"), slopes, rtol=1e-6)


@pytest.mark.parametrize("kind", ["lfitci", "qfitci"])
def test_jackknife_noisily_with_aweights_is_jackknifes_own_error(s, kind):
    """jackknife's ``syntax [fw]`` refuses aweights before any run: with noisily too (mlm said its
    runs could not be printed, r(198))."""
    quiet, rc_quiet = run(s, f"twoway {kind} y x [aw=w], estopts(vce(jackknife))")
    loud, rc_loud = run(s, f"twoway {kind} y x [aw=w], estopts(vce(jackknife, noisily))")
    assert rc_quiet == rc_loud == 101
    assert "aweights not allowed" in loud and "not supported" not in loud


def test_noisily_leaves_the_session_as_it_was(s):
    """e(), the data and the random-number stream after the graph are those without noisily."""
    def after(option):
        run(s, "regress y x")
        run(s, "set seed 11")
        run(s, f"twoway fpfit yb x, estcmd(logit) estopts(degree(1) powers(1) vce(bootstrap, reps(2){option}))")
        run(s, "generate double u = runiform()")
        values = (s.data.numeric("u").copy(), s.e.cmd, list(s.data.varnames))
        run(s, "drop u")
        return values
    quiet, loud = after(""), after(" noisily")
    np.testing.assert_array_equal(quiet[0], loud[0])
    assert quiet[1:] == loud[1:] == (loud[1], loud[2]) and loud[1] == "regress"


@pytest.mark.parametrize("line, echo", [
    ("twoway fpfit yo x, estcmd(ologit) estopts(degree(1) powers(1) vce(bootstrap, reps(2) seed(1) noisily))",
     ". ologit yo Ix__1"),
    ("twoway fpfit c x, estcmd(nbreg) estopts(degree(1) powers(1) vce(bootstrap, reps(2) seed(1) noisily))",
     ". nbreg c Ix__1"),
    ("twoway fpfit y x, estcmd(xtgee) estopts(degree(1) powers(1) vce(bootstrap, reps(2) seed(1) noisily))",
     ". xtgee y Ix__1"),
])
def test_the_other_estcmds_print_their_runs(s, line, echo):
    run(s, "generate yo = 1 + (y > 2) + (y > 3)")
    run(s, "xtset id")
    out, rc = run(s, line)
    assert rc == 0 and out.splitlines().count(echo) == 2
    assert out.splitlines().count(echo.replace(" Ix__1", "")) == 2  # the model without x


def test_cnreg_bootstrap_noisily_prints_each_fits_runs_and_keeps_the_band(s):
    # the plain cnreg's vce(bootstrap) is the generic prefix (vce_through_prefix), which now
    # prints each run (replicate_prefix_noisily): so does the graph
    run(s, "generate cens = y > 3")
    line = ("twoway fpfitci y x, estcmd(cnreg) estopts(degree(1) powers(1) noscaling censored(cens) "
            "vce(bootstrap, reps(4) seed(3){}))")
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0 and "First call" not in out and "Bootstrap replications" not in out
    echoes = _echoes(out, "cnreg y")
    assert echoes[". cnreg y, censored(cens)"] == 4 and echoes[". cnreg y Ix__1, censored(cens)"] == 4
    assert out.count("Censored-normal regression") == 3 * 5  # each fit on the sample and on 4 draws
    _same_band(s, line)
    out, rc = run(s, line.replace("bootstrap, reps(4) seed(3){}", "jackknife, trace"))
    lines = out.splitlines()
    runs = [k for k, text in enumerate(lines) if text == ". cnreg y Ix__1, censored(cens)"]
    assert rc == 0 and len(runs) == N and all(lines[k + 1] == "  - cnreg y Ix__1, censored(cens)" for k in runs)


def test_stcox_and_xtreg_printed_final_replicates_are_the_bands_file(s, tmp_path):
    """saving() holds the replicates the band's V comes from: the printed final runs show them
    (stcox's table in hazard ratios)."""
    run(s, "stset t, failure(d)")
    run(s, "xtset id")
    f = tmp_path / "bs"
    out, rc = run(s, f"twoway fpfit y x, estcmd(stcox) estopts(degree(1) powers(1) vce(bootstrap, reps(4) seed(3) "
                     f"noisily saving({f}, replace)))")
    assert rc == 0
    final = out.split(". stcox Iy__1 x\n")[1:]
    shown = np.log([[_coefficients(p, "Iy__1")[0], _coefficients(p, "x")[0]] for p in final])
    run(s, "preserve")
    run(s, f"use {f}, clear")
    np.testing.assert_allclose(shown, s.data.df[["_b_Iy__1", "_b_x"]].to_numpy(), atol=1e-6)  # 7 digits shown
    run(s, "restore")
    out, rc = run(s, f"twoway fpfit y x, estcmd(xtreg) estopts(fe degree(1) powers(1) vce(bootstrap, reps(4) seed(3) "
                     f"noisily saving({f}, replace)))")
    assert rc == 0
    final = out.split(". xtreg y Ix__1, fe\n")[1:]
    shown = [[_coefficients(p, "Ix__1")[0], _coefficients(p, "_cons")[0]] for p in final]
    run(s, f"use {f}, clear")
    np.testing.assert_allclose(shown, s.data.df[["_b_Ix__1", "_b_cons"]].to_numpy(), rtol=1e-6, atol=1e-7)


def test_cnreg_printed_final_replicates_give_the_band(s):
    run(s, "generate cens = y > 3")
    line = ("twoway fpfitci y x, estcmd(cnreg) estopts(degree(1) powers(1) noscaling censored(cens) "
            "vce(bootstrap, reps(5) seed(3){}))")
    out, rc = run(s, line.format(" noisily"))
    assert rc == 0
    band, fit = drawn(s, line.format(""))[0].panels[0].series
    final = out.split(". cnreg y Ix__1, censored(cens)\n")[1:]
    B = np.array([[_coefficients(part, "Ix__1")[0], _coefficients(part, "_cons")[0]] for part in final])
    V = np.cov(B, rowvar=False, ddof=1)
    X0 = np.column_stack([np.asarray(fit.x, float) - s.data.numeric("x").mean(), np.ones(len(fit.x))])
    half = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    got = (np.asarray(band.y2) - np.asarray(band.y)) / 2
    np.testing.assert_allclose(got, Z95 * half, rtol=2e-4)  # the band: the printed runs' V, normal quantile
