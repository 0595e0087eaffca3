"""regsave (Julian Reif's regsave.ado 1.4.4): e(b)/e(V) as a dataset -- the numbers against
statsmodels' OLS (t with e(df_r)) and scipy's normal (no e(df_r)), the file with replace and
append (autoid), coeflist filtering, addlabel()/detail()/cmdline, data in memory kept with
using and replaced without, the refusals; a failing regsave leaves the data as they were."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats


@pytest.fixture
def frame():
    rng = np.random.default_rng(8)
    n = 80
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    y = 1 + 0.5 * x1 - 0.3 * x2 + rng.normal(size=n)
    b = (rng.random(n) < 1 / (1 + np.exp(-x1))).astype(float)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "b": b})


def test_ols_numbers_against_statsmodels(do, frame, tmp_path):
    path = tmp_path / "res.dta"
    rc, out, s = do(f'regress y x1 x2\nregsave using "{path}", tstat pval ci replace', frame)
    assert rc == 0, out
    assert s.data.varnames == ["y", "x1", "x2", "b"]  # with using: the data in memory kept
    rc, out, s = do(f'use "{path}", clear', frame)
    assert rc == 0, out
    fit = sm.OLS(frame["y"], sm.add_constant(frame[["x1", "x2"]])).fit()
    order = ["x1", "x2", "const"]
    df = s.data.df
    assert list(df["var"]) == ["x1", "x2", "_cons"]
    assert s.data.varnames == ["var", "coef", "stderr", "tstat", "pval", "ci_lower", "ci_upper", "N", "r2"]
    np.testing.assert_allclose(df["coef"], fit.params[order], rtol=1e-6)
    np.testing.assert_allclose(df["stderr"], fit.bse[order], rtol=1e-6)
    np.testing.assert_allclose(df["tstat"], fit.tvalues[order], rtol=1e-6)
    np.testing.assert_allclose(df["pval"], fit.pvalues[order], rtol=1e-5, atol=1e-12)
    ci = fit.conf_int(0.05).loc[order]
    np.testing.assert_allclose(df["ci_lower"], ci[0], rtol=1e-6)
    np.testing.assert_allclose(df["ci_upper"], ci[1], rtol=1e-6)
    assert (df["N"] == 80).all() and df["r2"].iloc[0] == pytest.approx(fit.rsquared, rel=1e-6)
    assert s.data.types["coef"] == "float" and s.data.types["N"] == "byte"
    assert s.data.var_labels["ci_lower"] == "95% confidence interval (lower bound)"


def test_normal_p_values_and_equation_names_without_df_r(do, frame):
    rc, out, s = do("logit b x1\nregsave, pval ci level(90) double", frame)
    assert rc == 0, out
    df = s.data.df
    assert list(df["var"]) == ["b:x1", "b:_cons"]
    fit = sm.Logit(frame["b"], sm.add_constant(frame[["x1"]])).fit(disp=0)
    z = fit.params[["x1", "const"]].to_numpy() / fit.bse[["x1", "const"]].to_numpy()
    np.testing.assert_allclose(df["pval"], 2 * stats.norm.sf(np.abs(z)), rtol=1e-4)
    crit = stats.norm.ppf(0.95)
    np.testing.assert_allclose(df["ci_upper"] - df["coef"], crit * df["stderr"], rtol=1e-10)
    assert s.data.types["coef"] == "double" and "tstat" not in s.data.varnames


def test_coeflist_append_autoid_labels_and_detail(do, frame, tmp_path):
    path = tmp_path / "r.dta"
    text = (f'regress y x1 x2\nregsave x1 using "{path}", autoid replace addlabel(model, full, k2, 3)\n'
            f'regress y x1\nregsave x1 using "{path}", autoid append addlabel(model, short, k2, .) cmdline\n'
            f'use "{path}", clear')
    rc, out, s = do(text, frame)
    assert rc == 0, out
    df = s.data.df
    assert list(df["var"]) == ["x1", "x1"] and list(df["_id"]) == [2, 1]
    assert list(df["model"]) == ["short", "full"]
    assert df["k2"].iloc[1] == 3 and np.isnan(df["k2"].iloc[0])
    assert df["cmdline"].iloc[0] == "regress y x1"
    rc, out, s = do("regress y x1 x2\nregsave, detail(all) nose", frame)
    assert rc == 0, out
    assert "stderr" not in s.data.varnames and {"df_r", "rmse", "cmd", "depvar"} <= set(s.data.varnames)
    assert (s.data.df["cmd"] == "regress").all()


@pytest.mark.parametrize("line, rc", [
    ("regsave, replace", 198),  # a file needed
    ("regsave x3", 111),  # No estimation results available for variable x3
    ("regsave, table(col1)", 198),
    ("regsave, level(5)", 198),
    ("regsave, detail(foo)", 198),
])
def test_refusals_leave_the_data(do, frame, line, rc):
    got, out, s = do("regress y x1 x2\n" + line, frame)
    assert got == rc, out
    assert s.data.varnames == ["y", "x1", "x2", "b"] and s.data.nobs == 80


def test_existing_file_without_replace_is_refused(do, frame, tmp_path):
    path = tmp_path / "r.dta"
    rc, out, s = do(f'regress y x1\nregsave using "{path}"\nregsave using "{path}"', frame)
    assert rc == 602, out
    assert s.data.varnames == ["y", "x1", "x2", "b"]


def test_no_estimates(do, frame):
    assert do("regsave", frame)[0] == 301
