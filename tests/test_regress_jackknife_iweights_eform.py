"""``regress [iw], vce(jackknife, ...)`` (jackknife.ado's ``_loop_jknife_iw`` and ``_jk_sum`` over
``_sumaccum``) and regress's own ``eform(string)``, against R
(``tests/regress_reference/jackknife_iweights_eform.R``, values in
``jackknife_iweights_eform.json``: lm loops and survey's JK1 design)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import double_session, run
from mlmcli.dta import read_dta

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "jackknife_iweights_eform.json").read_text())


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    return double_session({k: REFERENCE[k] for k in ("y", "x", "z", "w", "c")})


def _run(s, text):
    return run(s, text, stop_on_error=False)


def _se_text(V, j):
    return f"{np.sqrt(np.asarray(V)[j][j]):.7f}".rstrip("0").lstrip("0")  # %9.0g: 7 digits here


@pytest.mark.parametrize("options, key, df, reps", [
    ("", "V_default", "df_default", 4), ("nocount", "V_nocount", "df_nocount", 12),
    ("mse nocount", "V_mse", "df_nocount", 12), ("mse nocount", "V_mse_survey", "df_nocount", 12),
    ("nocount cluster(c)", "V_cluster", "df_cluster", 4)])
def test_iweight_variance_matches_r(s, options, key, df, reps):
    out, rc = _run(s, f"regress y x z [iw=w], vce(jackknife, {options})")
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REFERENCE["b"], rtol=1e-12)
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE[key]), rtol=1e-10)
    # e(N): the observations (jackknife.ado's nobs), e(df_r): round(G (n-1)/n), G the kept replicates
    assert s.e.scalars["N"] == 12 and s.e.scalars["df_r"] == REFERENCE[df]
    assert s.e.scalars["N_reps"] == reps and s.e.macros["wtype"] == "iweight"
    assert f"Replications       = {reps:>9}" in out
    assert all(_se_text(REFERENCE[key], j) in out for j in range(3))  # R's standard errors, every digit


def test_iweight_count_check_keeps_replicates_by_their_sum(s):
    """The default e(N) count: a replicate is kept when the integer part of its rescaled
    iweights' sum is the full sample's less one (R's ``kept``); the others are ``n``."""
    out, rc = _run(s, "regress y x z [iw=w], vce(jackknife, saving(reps, double))")
    assert rc == 0, out
    marks = "".join("." if i + 1 in REFERENCE["kept"] else "n" for i in range(12))
    assert marks in out
    ds, _ = read_dta("reps.dta")
    kept = np.isfinite(ds.df["_b_x"].to_numpy(float))
    assert list(np.flatnonzero(kept) + 1) == REFERENCE["kept"]
    assert ds.chars["jk_wtype"] == "iweight" and ds.chars["jk_wexp"] == "= w"
    np.testing.assert_allclose(ds.df["__jk_multiplier"][kept], 11 / 12, rtol=1e-15)
    assert np.isnan(ds.df["__jk_multiplier"][~kept]).all()
    assert s.e.scalars["N_misreps"] == 8 and s.e.macros["missing"] == "missing"


def test_iweight_every_replicate_failing_is_r2000(s):
    """Cluster replicates whose sums all miss the count (R's empty ``cluster_kept``): _jk_sum's
    Error2000; nothing is posted."""
    assert REFERENCE["cluster_kept"] == []
    out, rc = _run(s, "regress y x z [iw=w], vce(jackknife, cluster(c))")
    assert rc == 2000 and "insufficient observations to compute jackknife standard errors" in out
    assert s.e is None


def test_unit_iweights_keep_or_fail_every_replicate_by_rounding(s):
    """Unit iweights: every replicate's rescaled sum is n in exact arithmetic; added in double
    precision in data order (11 terms 12/11) it is 11.999999999999996, so int(e(N)) = 11 = n0 - 1
    and every replicate is kept: the plain jackknife's V (leave-one-out lm fits, numpy)."""
    _run(s, "generate one = 1")
    total = 0.0
    for _ in range(11):
        total += 12.0 / 11.0  # (1 * 12) / 11, one observation after another
    assert np.floor(total) == 11
    out, rc = _run(s, "regress y x z [iw=one], vce(jackknife)")
    assert rc == 0 and s.e.scalars["N_reps"] == 12 and "............" in out, out
    y, X = np.asarray(REFERENCE["y"]), np.column_stack([REFERENCE["x"], REFERENCE["z"], np.ones(12)])
    B = np.array([np.linalg.lstsq(np.delete(X, g, 0), np.delete(y, g), rcond=None)[0] for g in range(12)])
    D = B - B.mean(axis=0)
    df = round(12 * 11 / 12)  # _jk_sum's [iw = (n-1)/n]: df = round(G (n-1)/n)
    np.testing.assert_allclose(s.e.matrices["V"].values, df / (df + 1) * 11 / 12 * D.T @ D, rtol=1e-9)
    out, rc = _run(s, "regress y x z [iw=one], vce(jackknife, nocount)")
    assert rc == 0 and s.e.scalars["N_reps"] == 12, out


def test_regress_eform_matches_r(s):
    out, rc = _run(s, 'regress y x z, eform("Ratio")')
    assert rc == 0, out
    line = next(t for t in out.splitlines() if t.strip().startswith("y |"))
    assert line.split("|")[1].split()[0] == "Ratio"
    assert "_cons" not in out  # Stata 13's eform tables leave the constant out
    for j, name in enumerate(("x", "z")):
        row = next(t for t in out.splitlines() if t.strip().startswith(f"{name} |")).split("|")[1].split()
        expect = [REFERENCE[k][j] for k in ("eform_b", "eform_se")] + [REFERENCE[k][j] for k in ("eform_lo", "eform_hi")]
        for text, value in zip((row[0], row[1], row[4], row[5]), expect):  # to the last printed digit
            assert abs(float(text) - value) <= 0.5 * 10.0 ** -len(text.split(".")[1]) * (1 + 1e-9)
    # e(b) stays the linear coefficients; a replay with eform() shows them exponentiated again
    assert s.e.matrices["b"].values[0, 0] == pytest.approx(np.log(REFERENCE["eform_b"][0]), rel=1e-12)
    replay, rc = _run(s, "regress, eform(exp(b))")
    assert rc == 0 and "exp(b)" in replay and "_cons" not in replay
    plain, _ = _run(s, "regress")
    assert "_cons" in plain and "Coef." in plain


def test_regress_eform_under_jackknife_is_the_prefix_s(s):
    out, rc = _run(s, "regress y x z, vce(jackknife, nodots) eform(IRR)")
    assert rc == 0 and " IRR " in out and "_cons" not in out
    same, rc = _run(s, "regress y x z, vce(jackknife, nodots irr) eform(IRR)")
    assert rc == 0 and same == out
    out, rc = _run(s, "regress y x z, vce(jackknife, nodots or) eform(IRR)")
    assert rc == 198 and "option or of jackknife conflicts with option eform() of regress" in out


@pytest.mark.parametrize("command, message", [
    ("regress y x z, eform", "eform() invalid"),
    ("regress y x z, eform(abcdefghijkl)", "longer than 11 characters")])
def test_regress_eform_refusals(s, command, message):
    out, rc = _run(s, command)
    assert rc == 198 and message in out and s.e is None


def test_regress_iweights_post_the_integer_part_of_their_sum(s):
    """regress [iw]: e(N) the integer part of the iweights' sum (16.25 here) and the residual
    degrees of freedom from it (Statalist 2009-12 msg00380: e(N) 221 and e(rmse) from 221 - 2 for
    a sum of 221.5)."""
    out, rc = _run(s, "regress y x z [iw=w]")
    assert rc == 0, out
    y, x, z, w = (np.asarray(REFERENCE[k], float) for k in ("y", "x", "z", "w"))
    X = np.column_stack([x, z, np.ones_like(x)])
    b = np.linalg.solve(X.T @ (X * w[:, None]), X.T @ (w * y))
    rss = float(np.sum(w * (y - X @ b) ** 2))
    assert s.e.scalars["N"] == 16 and s.e.scalars["df_r"] == 13
    assert s.e.scalars["rmse"] == pytest.approx(np.sqrt(rss / 13), rel=1e-12)


def test_one_usable_replicate_is_r2000(s):
    """_jk_sum over _sumaccum: one usable replicate is "insufficient observations" (r(2000))."""
    _run(s, "regress y x z, vce(jackknife, saving(reps, double))")
    full = float(s.e.matrices["b"].values[0, 0])
    low = float(read_dta("reps.dta")[0].df["_b_x"].min())
    reject = f"reject(_b[x] > {low!r} & _b[x] != {full!r})"
    out, rc = _run(s, f"regress y x z, vce(jackknife, {reject})")
    assert rc == 2000 and "insufficient observations to compute jackknife standard errors" in out


def test_the_iw_loop_s_count_check_is_reldif(s):
    """_loop_jknife_iw (pweights, iweights) keeps a replicate when reldif(int(n(exp)), n0 - 1) is at
    most 1e-5; _loop_jknife (no weights) asks equality.  n(e(N)/2 + 200000.5) on 12 observations:
    n0 = int(200006.5) = 200006, each replicate int(200006) = 200006 against 200005 -- one off,
    which reldif (1/200006) forgives."""
    typed = "vce(jackknife, n(e(N)/2 + 200000.5) nodots)"
    out, rc = _run(s, f"regress y x z [pw=w], {typed}")
    assert rc == 0 and s.e.scalars["N_reps"] == 12, out
    out, rc = _run(s, f"regress y x z, {typed}")
    assert rc == 2000 and "insufficient observations to compute jackknife standard errors" in out
    assert s.e is None  # jackknife.ado's ereturn clear after _jk_sum's error (the pweights fit was in e())


def test_count_check_tolerance():
    from mlmcli.commands.estimation.jackknife_checks import count_matches

    assert count_matches(200006, 200005, True) and not count_matches(200006, 200005, False)
    assert not count_matches(12, 11, True)  # 1/12 > 1e-5
