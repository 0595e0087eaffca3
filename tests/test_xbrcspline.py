"""``xbrcspline`` (community command): the spline's linear predictor at chosen values relative
to a reference, its delta-method interval (normal after logit, t(e(df_r)) after regress),
``eform``, ``lsplines``, ``generate()``, and the ado's messages and return codes.  Numbers
are checked against statsmodels fits on a basis built here with numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

KNOTS = [45.0, 55.0, 65.0, 75.0]


def basis(x, knots=KNOTS):
    """mkspline's restricted cubic basis, written out for the test."""
    x = np.asarray(x, float)
    k = len(knots)
    plus = lambda t: np.maximum(x - t, 0.0) ** 3  # noqa: E731
    cols = [x]
    for j in range(k - 2):
        cols.append((plus(knots[j]) - plus(knots[k - 2]) * (knots[-1] - knots[j]) / (knots[-1] - knots[-2])
                     + plus(knots[-1]) * (knots[-2] - knots[j]) / (knots[-1] - knots[-2])) / (knots[-1] - knots[0]) ** 2)
    return np.column_stack(cols)


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(140)
    age = np.round(rng.uniform(40, 80, 500))
    z = basis(age)
    y = rng.binomial(1, 1 / (1 + np.exp(-(-0.5 + 0.0015 * (age - 60) ** 2))))
    w = 10 + 0.05 * age + 2 * z[:, 1] + rng.normal(0, 1, 500)
    return pd.DataFrame({"age": age, "y": y.astype(float), "w": w})


def _setup(model: str) -> str:
    return ("mkspline age_s = age, cubic knots(45 55 65 75)\nmat knots = r(knots)\n"
            f"{model}\n")


def _expected(frame, family: str, values, ref, level=95.0):
    age = frame["age"].to_numpy()
    z = np.asarray(basis(age), np.float32).astype(float)  # mkspline's float variables
    X = sm.add_constant(z)
    fit = (sm.Logit(frame["y"], X).fit(disp=0) if family == "logit"
           else sm.OLS(frame["w"], X).fit())
    b, V = np.asarray(fit.params)[1:], np.asarray(fit.cov_params())[1:, 1:]
    at = np.asarray(basis(values), np.float32).astype(float)
    d = at - z[age == ref].mean(axis=0)
    xb = d @ b
    se = np.sqrt(np.einsum("ij,jk,ik->i", d, V, d))
    q = stats.norm.ppf(0.5 + level / 200) if family == "logit" else stats.t.ppf(0.5 + level / 200, fit.df_resid)
    return xb, xb - q * se, xb + q * se


def _table(out: str) -> list[list[float]]:
    rows = []
    for line in out.splitlines():
        parts = line.split()
        if parts and all(p.replace(".", "", 1).replace("-", "", 1).replace(",", "").isdigit() for p in parts):
            rows.append([float(p.replace(",", "")) for p in parts])
    return rows


def test_logit_eform_table_and_generated_variables(do, frame):
    rc, out, s = do(_setup("quietly logit y age_s*") +
                    "xbrcspline age_s, matknots(knots) values(40 50 60 70 80) ref(60) eform gen(a or lb ub)",
                    df=frame.copy())
    assert rc == 0, out
    xb, lo, hi = _expected(frame, "logit", [40, 50, 60, 70, 80], 60)
    assert "Reference value for age = 60" in out
    assert out.split("Reference value")[1].splitlines()[2].split() == ["age", "exp(XB)", "LB", "UB"]
    table = _table(out.split("Reference value")[1])
    assert [r[0] for r in table] == [40, 50, 60, 70, 80]
    assert np.allclose([r[1] for r in table], np.round(np.exp(xb), 2), atol=0.0051)
    df = s.data.df
    assert s.data.types["or"] == "float" and s.data.types["a"] == "float"
    assert np.allclose(df["or"].to_numpy()[:5], np.exp(xb), rtol=1e-6)
    assert np.allclose(df["lb"].to_numpy()[:5], np.exp(lo), rtol=1e-5)
    assert np.allclose(df["ub"].to_numpy()[:5], np.exp(hi), rtol=1e-5)
    assert df["a"].to_numpy()[:5].tolist() == [40, 50, 60, 70, 80]
    assert np.isnan(df["or"].to_numpy()[5:]).all()
    assert df["or"].to_numpy()[2] == 1.0  # the reference itself


def test_regress_uses_t_with_residual_df_and_level(do, frame):
    rc, out, s = do(_setup("quietly regress w age_s*") +
                    "xbrcspline age_s, matknots(knots) values(42 58 77) ref(50) level(90) gen(v xb lo hi) format(%9.4f)",
                    df=frame.copy())
    assert rc == 0, out
    xb, lo, hi = _expected(frame, "regress", [42, 58, 77], 50, level=90)
    df = s.data.df
    assert np.allclose(df["xb"].to_numpy()[:3], xb, rtol=1e-5)
    assert np.allclose(df["lo"].to_numpy()[:3], lo, rtol=1e-5)
    assert np.allclose(df["hi"].to_numpy()[:3], hi, rtol=1e-5)
    assert "XB" in out and "exp(XB)" not in out
    assert any(f"{xb[0]:.4f}" in line for line in out.splitlines())  # format(%9.4f)


def test_default_reference_is_the_minimum_and_lsplines_lists_the_basis(do, frame):
    rc, out, _ = do(_setup("quietly logit y age_s*") +
                    "xbrcspline age_s, matknots(knots) values(50 70) lsplines", df=frame.copy())
    assert rc == 0, out
    assert f"Reference value for age = {frame['age'].min():g}" in out
    header = out.split("Reference value")[1].splitlines()[2].split()
    assert header == ["age_s1", "age_s2", "age_s3", "XB", "LB", "UB"]
    xb, _, _ = _expected(frame, "logit", [50, 70], frame["age"].min())
    table = _table(out.split("Reference value")[1])
    assert np.allclose([r[0] for r in table], [50, 70])
    assert np.allclose([r[3] for r in table], np.round(xb, 2), atol=0.0051)


@pytest.mark.parametrize("command, rc, message", [
    ("xbrcspline age_s, matknots(knots) values(50) ref(60.5)", 198,
     "change the referent value to an existing value of age. The default is the minimum."),
    ("xbrcspline age_s age_s1, matknots(knots) values(50)", 198,
     "write only the stub specified with mkspline (restricted cubic spline) command"),
    ("xbrcspline age_s, values(50)", 198, "option matknots() required"),
    ("xbrcspline age_s, matknots(knots) values(50) level(5)", 198, "level() invalid"),
    ("xbrcspline age_s, matknots(nosuch) values(50)", 111, "matrix nosuch not found"),
    ("xbrcspline age_s, matknots(knots) values(50) gen(age)", 110, "age already defined"),
])
def test_errors(do, frame, command, rc, message):
    before = frame.copy()
    code, out, s = do(_setup("quietly logit y age_s*") + command, df=frame.copy())
    assert code == rc, out
    assert message in out
    assert list(s.data.df.columns) == list(before.columns) + ["age_s1", "age_s2", "age_s3"]


def test_more_values_than_observations_is_refused(do):
    df = pd.DataFrame({"age": [40.0, 50, 60, 70, 45, 55, 65, 75], "y": [0.0, 1, 0, 1, 1, 0, 1, 1]})
    rc, out, _ = do("mkspline s = age, cubic knots(45 55 65)\nmat k = r(knots)\nquietly regress y s*\n"
                    "xbrcspline s, matknots(k) values(40(1)60)", df=df)
    assert rc == 198 and "Obs. nos. out of range" in out
