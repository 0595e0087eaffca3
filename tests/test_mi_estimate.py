"""``mi estimate``: the fits of each imputation combined by Rubin's rules.

The check is independent of ``mlmcli.mi.combination``: each imputation is fitted on its own
(a plain ``regress``/``mixed`` on data where the imputed variable is replaced by hand) and
the fits are pooled here with numpy from the formulas of [MI] mi estimate (Methods and
formulas; Barnard and Rubin 1999 for the small-sample df).  The R script
``tests/reference_values/mi_pool_mice.R`` pools the same fits with mice::pool when mice is
installed (values in ``mi_pool_mice.json``)."""
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

M = 4


def _data(seed=7, groups=20, per=8):
    rng = np.random.default_rng(seed)
    n = groups * per
    g = np.repeat(np.arange(1, groups + 1), per)
    x = rng.normal(size=n)
    u = rng.normal(size=groups)[g - 1]
    y = 1 + 0.5 * x + u + rng.normal(size=n)
    frame = pd.DataFrame({"g": g.astype(float), "x": x, "y": y})
    z = 0.4 * x + rng.normal(size=n)
    z[rng.random(n) < 0.3] = np.nan
    frame["z"] = z
    for m in range(1, M + 1):  # imputations: the observed z, a draw where it is missing
        frame[f"z{m}"] = np.where(np.isnan(z), 0.4 * x + rng.normal(size=n), z)
    return frame.astype(np.float32).astype(float)  # as a Stata file of floats holds them


def _fits(do, frame, command):
    """e(b), e(V), e(df_r) of ``command`` on each completed dataset, fitted one by one."""
    out = []
    for m in range(1, M + 1):
        rc, text, s = do(f"replace z = z{m}\nquietly {command}", df=frame.copy())
        assert rc == 0, text
        e = s.e
        out.append((np.asarray(e.matrices["b"].values, float).ravel(), np.asarray(e.matrices["V"].values, float),
                    e.scalars.get("df_r")))
    return out


def _rubin(fits, small=True):
    Q = np.array([f[0] for f in fits])
    U = np.array([f[1] for f in fits])
    m = len(fits)
    qbar = Q.mean(0)
    W = U.mean(0)
    B = np.cov(Q.T, ddof=1)
    T = W + (1 + 1 / m) * B
    r = (1 + 1 / m) * np.diag(B) / np.diag(W)
    df = (m - 1) * (1 + 1 / r) ** 2
    if small and fits[0][2] is not None:
        nu = fits[0][2]
        lam = (1 + 1 / m) * np.diag(B) / np.diag(T)
        dfobs = (nu + 1) / (nu + 3) * nu * (1 - lam)
        df = df * dfobs / (df + dfobs)
    return qbar, W, B, T, df, r


def test_regress_matches_hand_pooled_fits(do):
    frame = _data()
    fits = _fits(do, frame, "regress y x z")
    qbar, W, B, T, df, r = _rubin(fits)
    text = f"mi import wide, imputed(z = {' '.join(f'z{m}' for m in range(1, M + 1))})\nmi estimate, post: regress y x z"
    rc, out, s = do(text, df=frame.copy())
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["b"].values.ravel(), qbar, rtol=1e-10)
    np.testing.assert_allclose(e.matrices["V"].values, T, rtol=1e-10)
    np.testing.assert_allclose(e.matrices["W_mi"].values, W, rtol=1e-10)
    np.testing.assert_allclose(e.matrices["B_mi"].values, B, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(e.matrices["df_mi"].values.ravel(), df, rtol=1e-10)
    np.testing.assert_allclose(e.matrices["rvi_mi"].values.ravel(), r, rtol=1e-10)
    assert e.scalars["df_c_mi"] == fits[0][2]
    assert "DF adjustment:   Small sample" in out and "Complete DF     =        157" in out
    # the t statistic and p of x on its own df
    from scipy import stats
    se = math.sqrt(T[0, 0])
    tval = qbar[0] / se
    row = next(line for line in out.splitlines() if line.strip().startswith("x |"))
    assert f"{tval:.2f}" in row
    assert f"{2 * stats.t.sf(abs(tval), df[0]):.3f}" in row
    # Li, Raghunathan and Rubin's equal-FMI test of x and z (large-sample nu2 here: t = 6 > 4)
    idx = [0, 1]
    Wi = np.linalg.inv(W[np.ix_(idx, idx)])
    k = 2
    rbar = (1 + 1 / M) * np.trace(B[np.ix_(idx, idx)] @ Wi) / k
    F = qbar[idx] @ Wi @ qbar[idx] / (k * (1 + rbar))
    assert e.scalars["F_mi"] == pytest.approx(F, rel=1e-10)


def test_mixed_large_sample_and_equations(do):
    frame = _data(seed=11)
    fits = _fits(do, frame, "mixed y x z || g:")
    qbar, W, B, T, df, r = _rubin(fits, small=False)
    rc, out, s = do("mi import wide, imputed(z = z1 z2 z3 z4) drop\nmi estimate: mixed y x z || g:", df=frame.copy())
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["b_mi"].values.ravel(), qbar, rtol=1e-7)
    np.testing.assert_allclose(e.matrices["V_mi"].values, T, rtol=1e-6)
    np.testing.assert_allclose(e.matrices["df_mi"].values.ravel(), df, rtol=1e-5)
    assert "b" not in e.matrices  # without post, e(b) and e(V) are not posted
    assert "DF adjustment:   Large sample" in out and "Complete DF" not in out
    assert "lns1_1_1     |" in out and "lnsig_e      |" in out
    assert "Within VCE type:          OIM" in out
    assert "z1" not in s.data.varnames and "_1_z" in s.data.varnames  # drop, and wide style


def test_post_then_estimates_store_and_esttab(do):
    frame = _data(seed=3)
    rc, out, s = do("mi import wide, imputed(z = z1 z2 z3 z4)\nmi est, post vart: regress y x z\n"
                    "est store m3\nesttab m3, se\nmi estimate, noheader\nestimates replay m3", df=frame.copy())
    assert rc == 0, out
    assert out.count("Multiple-imputation estimates") == 2 and out.count("Variance information") == 1
    assert "Variance information" in out and "Relative" in out
    assert "m3" in s.estimates
    b = s.estimates["m3"].matrices["b"].values.ravel()
    assert f"{b[0]:.3f}" in out.split("esttab m3")[-1]


def test_data_stay_and_settings_travel_with_the_file(do, tmp_path):
    frame = _data(seed=5)
    path = tmp_path / "imp.dta"
    rc, out, s = do(f"mi import wide, imputed(z = z1 z2 z3 z4)\nquietly mi estimate: regress y x z\n"
                    f"save \"{path}\"\nclear\nuse \"{path}\"\nmi query\nmi describe", df=frame.copy())
    assert rc == 0, out
    assert "data mi set wide, M = 4" in out
    assert "imputed:  1; z(" in out and "system:   1; _mi_miss" in out
    assert np.isnan(s.data.numeric("z")).sum() == int(np.isnan(frame["z"]).sum())  # m = 0 values kept
    np.testing.assert_allclose(s.data.numeric("_2_z"), frame["z2"].to_numpy())


@pytest.mark.parametrize("text, rc, message", [
    ("mi describe", 119, "no; data not mi set"),
    ("mi estimate: regress y x", 119, "no; data not mi set"),
    ("mi impute regress z x", 119, "no; data not mi set"),
    ("mi frobnicate", 199, "mi frobnicate: unrecognized subcommand"),
    ("mi import flong, m(x) id(g) imputed(z)", 198, "mi import flong is not implemented in mlm"),
    ("mi import wide, imputed(z = z1 z2 x = z3)", 198, "same number of imputations"),
    ("mi import wide, imputed(z = z1 z2) bogus", 198, "option bogus not allowed"),
])
def test_errors(do, text, rc, message):
    got, out, _ = do(text, df=_data())
    assert got == rc and message in out


@pytest.mark.parametrize("text, rc, message", [
    ("mi estimate, mcerror: regress y x z", 198, "option mcerror not allowed"),
    ("mi estimate, citable nocitable: regress y x z", 198, "only one of citable and nocitable is allowed"),
    ("mi estimate (d: _b[x]-_b[z]): regress y x z", 0, "d: _b[x]-_b[z]"),
    ("mi estimate (d: _b[x]-_b[nosuch]): regress y x z", 111, "nlcom on m=1"),
    ("mi estimate, imputations(1 9): regress y x z", 198, "imputations() invalid"),
    ("mi estimate: summarize y", 198, "summarize is not supported by mi estimate"),
    ("mi estimate: regress y x nosuchvar", 111, "an error occurred when mi estimate executed regress on m=1"),
    ("mi estimate, post: regress y x z if _n > 3", 0, ""),
])
def test_estimate_errors_leave_the_mi_data(do, text, rc, message):
    _, _, s = do("mi import wide, imputed(z = z1 z2 z3 z4)", df=_data())
    before = s.data.df.copy()
    got, out, s = do(text, session=s)
    assert got == rc and message in out
    pd.testing.assert_frame_equal(s.data.df, before)


def test_sample_varying_across_imputations_is_refused(do):
    frame = _data()
    row = int(np.flatnonzero(frame["z"].isna())[0])
    frame.loc[row, "z3"] = np.nan  # the third imputation lacks a value: its sample is smaller
    rc, out, s = do("mi import wide, imputed(z = z1 z2 z3 z4)\nquietly regress y x\nmi estimate: regress y x z", df=frame)
    assert rc == 459 and "estimation sample varies between m=1 and m=3" in out
    assert s.e.cmd == "regress" and list(s.e.matrices["b"].colnames) == ["x", "_cons"]  # e() as before


def test_set_and_register_flong_and_mlong(do):
    rc, out, s = do("mi set flong\nmi register imputed z\nmi register regular x\nmi describe\nmi query", df=_data())
    assert rc == 0, out
    assert "Style:  flong" in out and "regular:  1; x" in out and "data mi set flong, M = 0" in out
    assert {"_mi_m", "_mi_id", "_mi_miss"} <= set(s.data.varnames)
    rc, out, _ = do("mi estimate: regress y x z", session=s)
    assert rc == 2000 and "no imputations" in out  # mi_cmd_estimate.ado: M = 0 is r(2000), M = 1 r(2001)


def test_mlong_and_flong_completed_data_agree_with_wide(do):
    from mlmcli.mi import styles

    rc, _, s = do("mi import wide, imputed(z = z1 z2 z3 z4)", df=_data(seed=9))
    wide = s.data
    # an flong and an mlong layout of the same imputations, built by hand
    frame = _data(seed=9)
    base = frame[["g", "x", "y", "z"]].copy()
    base["_mi_id"] = np.arange(1, len(base) + 1)
    base["_mi_miss"] = base["z"].isna().astype(int)
    parts_f, parts_l = [base.assign(_mi_m=0)], [base.assign(_mi_m=0)]
    for m in range(1, M + 1):
        copy = base.assign(_mi_m=m, z=frame[f"z{m}"], _mi_miss=np.nan)
        parts_f.append(copy)
        parts_l.append(copy[base["_mi_miss"] == 1])
    for style, parts in (("flong", parts_f), ("mlong", parts_l)):
        from mlmcli.dataset import Dataset

        ds = Dataset(df=pd.concat(parts, ignore_index=True))
        ds.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": style, "_mi_M": str(M), "_mi_ivars": "z"})
        for m in (0, 2):
            got = styles.completed(ds, m).df[["g", "x", "y", "z"]].reset_index(drop=True)
            want = styles.completed(wide, m).df[["g", "x", "y", "z"]]
            pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_against_mice_pool_reference(do, root_dir):
    """mice::pool on the per-imputation fits of ``regress`` (R script and JSON committed)."""
    path = root_dir / "tests" / "reference_values" / "mi_pool_mice.json"
    if not path.exists():
        pytest.skip("mice reference values not generated")
    ref = json.loads(path.read_text())
    frame = pd.read_csv(root_dir / "tests" / "reference_values" / "mi_pool_data.csv")
    rc, out, s = do("mi import wide, imputed(z = z1 z2 z3 z4)\nmi estimate, post: regress y x z", df=frame)
    assert rc == 0, out
    e = s.e
    names = list(e.matrices["b"].colnames)
    for term, want in ref.items():
        j = names.index(term)
        assert e.matrices["b"].values.ravel()[j] == pytest.approx(want["estimate"], rel=1e-8)
        assert math.sqrt(e.matrices["V"].values[j, j]) == pytest.approx(want["std.error"], rel=1e-8)
        assert e.matrices["df_mi"].values.ravel()[j] == pytest.approx(want["df"], rel=1e-6)
        assert e.matrices["rvi_mi"].values.ravel()[j] == pytest.approx(want["riv"], rel=1e-8)
        assert e.matrices["fmi_mi"].values.ravel()[j] == pytest.approx(want["fmi"], rel=1e-6)
