"""Held-out batch 36 (tests/realworld/README.md, thirty-sixth batch): what its files needed.

- ``foreach X of any list``: the ``anylist`` type of the old ``for`` command, undocumented in
  [P] foreach but accepted by Stata (public ado files use it): the list taken word by word
  like ``in``, macros in it expanded, ``of anylist`` spelled out too.
- outreg2's ``bracket`` (every statistic beside the coefficient in square brackets, no note
  on what is in them: outreg2.ado's makeFile builds that note from parenList, which bracket
  leaves empty) and ``noparen`` (no enclosing at all), and ``bdec()``'s abbreviation ``bd()``.
- ``mi reshape wide|long`` (mi_cmd_reshape.ado: reshape run on every completed dataset under
  u_mi_xeq_on_tmp_flongsep, the results put back in the style): each m's completed data equal
  pandas' reshape of that m's completed data; imputed stubs stay imputed (x -> x1 x2, back to x);
  i() and j() required, i() may not hold an imputed variable.
- ``mi xeq: egen/generate``: the changes carried into every m (the per-m mean of an imputed
  variable on the incomplete rows of mlong); a subset of m that changes data still refused.
- ``mi misstable summarize``: misstable of the m = 0 data.
- ``mi impute chained ..., noimputed`` given once for all equations (the [MI] option): the
  same imputations as noimputed typed in every equation.
- ``\\\\`` before a macro: one backslash and the macro expanded (Stata FAQ "Backslashes and
  macros": ``c:\\data\\\\`f'``); ``\\$`` still a literal dollar.
- ``label values (v1 v2) lbl``: a bracketed varlist (the DHS Program's SWPER code).
- mixed's sandwich under pweights or vce(robust): its bread's variance block by differences in
  phi alone and its beta block from the fit's model-based V_beta give the robust V_beta of the
  full central-difference Hessian and hand-made scores.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def reg_data():
    rng = np.random.default_rng(3601)
    x = rng.normal(size=80)
    return pd.DataFrame({"x": x, "y": 1 + 0.5 * x + rng.normal(size=80)})


@pytest.mark.parametrize("kind", ["any", "anyl", "anylist"])
def test_foreach_of_any_is_a_general_list(do, kind):
    rc, out, s = do(f'local more "c d"\nlocal seen\nforeach X of {kind} a b `more\' 7 {{\n'
                    f'    local seen `seen\'<`X\'>\n}}\ndisplay "`seen\'"')
    assert rc == 0, out
    assert s.locals["seen"] == "<a><b><c><d><7>"


def test_foreach_of_any_renames_abbreviated_variables(do):
    """The Koren-Tenreyro form: ren var_`X' `X' over words that abbreviate variable names."""
    df = pd.DataFrame({"var_reffeexchangerate": [1.0, 2.0], "var_exchangerate": [3.0, 4.0],
                       "var_tot": [5.0, 6.0]})
    rc, out, s = do("foreach X of any tot ref exc {\n    ren var_`X' `X'\n}", df)
    assert rc == 0, out
    assert list(s.data.df.columns) == ["ref", "exc", "tot"]
    assert s.data.df["ref"].tolist() == [1.0, 2.0]


def test_foreach_of_an_unknown_list_type_is_refused(do):
    rc, out, _s = do("foreach X of anything a b {\n    display `X'\n}")
    assert rc == 198


def _table(path):
    return [line.split("\t") for line in open(path, encoding="utf-8").read().splitlines()]


def _se_text(rows):
    labelled = any(len(r) > 1 and r[1] == "LABELS" for r in rows)  # label: outreg2's LABELS column second
    for k, row in enumerate(rows):
        if row[0] == "x":
            return rows[k + 1][2 if labelled else 1]
    raise AssertionError(rows)


def test_outreg2_bracket_encloses_the_standard_errors_in_square_brackets(do, reg_data, tmp_path):
    import statsmodels.api as sm

    fit = sm.OLS(reg_data["y"], sm.add_constant(reg_data["x"])).fit()
    out_file = tmp_path / "t.xls"
    rc, out, _s = do(f'regress y x\noutreg2 using "{out_file}", label bracket bdec(3) replace', reg_data)
    assert rc == 0, out
    rows = _table(out_file.with_suffix(".txt")) if out_file.with_suffix(".txt").exists() else _table(out_file)
    se = _se_text(rows)
    assert se.startswith("[") and se.endswith("]")
    assert float(se.strip("[]")) == pytest.approx(fit.bse["x"], abs=6e-4)
    text = "\n".join("\t".join(r) for r in rows)
    assert "in parentheses" not in text and "in brackets" not in text
    assert "p<0.01" in text  # the stars' note stays


def test_outreg2_default_and_noparen(do, reg_data, tmp_path):
    plain, bare = tmp_path / "p.txt", tmp_path / "n.txt"
    rc, out, _s = do(f'regress y x\noutreg2 using "{plain}", replace\noutreg2 using "{bare}", noparen bd(2) replace',
                     reg_data)
    assert rc == 0, out
    assert _se_text(_table(plain)).startswith("(")
    assert "Standard errors in parentheses" in plain.read_text()
    se = _se_text(_table(bare))
    assert se[0].isdigit() and len(se.split(".")[1]) == 2
    assert "in parentheses" not in bare.read_text()


# ----------------------------------------------------------------------------- mi
def _mi_long(seed=36, n=30, M=2):
    """An mlong mi dataset in long form (id, t = 1, 2) with x imputed: m > 0 rows by hand."""
    from mlmcli.dataset import Dataset

    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(1, n + 1), 2).astype(float)
    t = np.tile([1.0, 2.0], n)
    z = rng.normal(size=2 * n)
    x = z + rng.normal(size=2 * n)
    miss = rng.random(2 * n) < 0.25
    x0 = np.where(miss, np.nan, x)
    base = pd.DataFrame({"id": ids, "t": t, "x": x0, "z": z, "_mi_m": 0.0,
                         "_mi_id": np.arange(1, 2 * n + 1, dtype=float), "_mi_miss": miss.astype(float)})
    parts, completed = [base], {0: base[["id", "t", "x", "z"]].copy()}
    for m in range(1, M + 1):
        rows = base.loc[miss].copy()
        rows["x"] = rng.normal(size=miss.sum())
        rows["_mi_m"], rows["_mi_miss"] = float(m), np.nan
        parts.append(rows)
        full = base[["id", "t", "x", "z"]].copy()
        full.loc[miss, "x"] = rows["x"].to_numpy()
        completed[m] = full
    ds = Dataset(df=pd.concat(parts, ignore_index=True))
    ds.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": "mlong", "_mi_M": str(M), "_mi_ivars": "x",
                     "_mi_pvars": "", "_mi_rvars": "", "_mi_update": "07dec2026 05:00:00"})
    return ds, completed


def _completed(session, m):
    from mlmcli.mi import styles

    return styles.completed(session.data, m).df


def test_mi_reshape_wide_then_long_reshapes_every_imputation(do):
    ds, completed = _mi_long()
    rc, out, s = do("mi reshape wide x z, i(id) j(t)", ds)
    assert rc == 0, out
    assert s.data.chars["_mi_ivars"].split() == ["x1", "x2"]
    assert out.count("long   ->   wide") == 1  # reshape's table once, for m = 0
    for m, frame in completed.items():
        wide = frame.pivot(index="id", columns="t", values=["x", "z"])
        got = _completed(s, m).set_index("id")
        for stub in ("x", "z"):
            for j in (1, 2):
                np.testing.assert_allclose(got[f"{stub}{j}"].to_numpy(), wide[(stub, float(j))].to_numpy())
    incomplete = completed[0].pivot(index="id", columns="t", values="x").isna().any(axis=1).to_numpy()
    M0 = s.data.df["_mi_m"].to_numpy()
    assert (M0 == 0).sum() == 30 and (M0 == 1).sum() == incomplete.sum()
    rc, out, s2 = do("mi reshape long x z, i(id) j(t)", s.data)
    assert rc == 0, out
    assert s2.data.chars["_mi_ivars"].split() == ["x"]
    for m, frame in completed.items():
        got = _completed(s2, m).sort_values(["id", "t"]).reset_index(drop=True)
        want = frame.sort_values(["id", "t"]).reset_index(drop=True)
        np.testing.assert_allclose(got["x"].to_numpy(), want["x"].to_numpy())


def test_mi_reshape_errors_leave_the_data(do):
    ds, _ = _mi_long()
    before = ds.df.copy()
    rc, out, s = do("mi reshape wide x z, i(id)", ds)
    assert rc == 198 and "j() required" in out
    rc, out, s = do("mi reshape wide z, i(id x) j(t)", ds)
    assert rc == 198 and "imputed" in out
    pd.testing.assert_frame_equal(s.data.df, before)
    rc, out, _s = do("mi reshape wide x, i(id) j(t)", pd.DataFrame({"id": [1.0], "t": [1.0], "x": [2.0]}))
    assert rc == 119


def test_mi_xeq_carries_generated_variables_into_every_m(do):
    ds, completed = _mi_long()
    rc, out, s = do("mi xeq: egen xm = mean(x); generate d = x - xm", ds)
    assert rc == 0, out
    assert s.data.chars["_mi_ivars"] == "x" and "xm" not in s.data.chars["_mi_ivars"]
    miss = completed[0]["x"].isna().to_numpy()
    for m, frame in completed.items():
        got = _completed(s, m)
        mean = frame["x"].mean()
        rows = miss if m > 0 else ~miss  # mlong keeps m's own values on the incomplete rows
        np.testing.assert_allclose(got["xm"].to_numpy()[rows], mean)
        np.testing.assert_allclose(got["d"].to_numpy()[rows], frame["x"].to_numpy()[rows] - mean)
    rc, out, s = do("mi xeq 1: generate w = 2", ds)  # only m=1 has w: mi update drops it
    assert rc == 0 and "w" not in s.data.df.columns


def test_mi_misstable_tabulates_the_original_data(do):
    ds, completed = _mi_long()
    rc, out, _s = do("mi misstable summarize x z", ds)
    assert rc == 0, out
    rc2, plain, _s2 = do("misstable summarize x z", completed[0])
    assert out.strip().splitlines()[-6:] == plain.strip().splitlines()[-6:]
    assert str(int(completed[0]["x"].isna().sum())) in out


def test_mi_impute_chained_noimputed_for_all_equations(do):
    rng = np.random.default_rng(3606)
    n = 120
    z = rng.normal(size=n)
    a = z + rng.normal(size=n)
    b = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    a[rng.random(n) < 0.2] = np.nan
    b[rng.random(n) < 0.2] = np.nan
    df = pd.DataFrame({"a": a, "b": b, "z": z})
    setup = "mi set mlong\nmi register imputed a b\n"
    rc, out, s1 = do(setup + "mi impute chained (pmm, knn(2)) a (logit) b = z, add(2) rseed(5) noimp", df.copy())
    assert rc == 0, out
    rc, out, s2 = do(setup + "mi impute chained (pmm, knn(2) noimputed) a (logit, noimputed) b = z, add(2) rseed(5)",
                     df.copy())
    assert rc == 0, out
    pd.testing.assert_frame_equal(s1.data.df, s2.data.df)
    rc, out, s3 = do(setup + "mi impute chained (pmm, knn(2)) a (logit) b = z, add(2) rseed(5)", df.copy())
    assert not s3.data.df.equals(s1.data.df)  # with the other imputed variable as a predictor


# ----------------------------------------------------------------------------- macros, labels
def test_double_backslash_before_a_macro_keeps_one_backslash(do):
    rc, out, s = do('global user 53348\nglobal p "C:\\Users\\\\$user\\ICF"\nlocal f "x.dta"\n'
                    'local q "c:\\data\\\\`f\'"\nlocal r "a\\$user"\nlocal t "b\\`f\'"')
    assert rc == 0, out
    assert s.globals["p"] == "C:\\Users\\53348\\ICF"
    assert s.locals["q"] == "c:\\data\\x.dta"
    assert s.locals["r"] == "a$user"
    assert s.locals["t"] == "b`f\'"


def test_label_values_takes_a_bracketed_varlist(do):
    df = pd.DataFrame({"b1": [0.0, 1.0], "b2": [1.0, 0.0], "c": [1.0, 1.0]})
    rc, out, s = do('label define beat 0 "no" 1 "yes"\nlabel value (b1 b2) beat\nlabel values c beat', df)
    assert rc == 0, out
    assert s.data.value_label_of == {"b1": "beat", "b2": "beat", "c": "beat"}
    rc, out, _s = do("label values (b1 nosuch) beat", df)
    assert rc == 111


# ----------------------------------------------------------------------------- weighted mixed
@pytest.mark.parametrize("weighting", ["pweight", "robust"])
def test_sandwich_block_hessian_equals_the_difference_hessian(weighting):
    """The sandwich's bread: -V_beta^-1 for beta (the likelihood is quadratic in beta) and
    differences in phi give the diagonal blocks of the full central-difference Hessian of
    the (pseudo) log likelihood, which mixed used to build from 2(p+k)^2 likelihoods."""
    import dataclasses
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_engine_simulated import two_level

    from mlmcli.mixed import sandwich
    from mlmcli.mixed.fit import fit_mixed
    from mlmcli.mixed.optimizer import hessian
    from mlmcli.mixed.phi_hessian import phi_steps

    spec = two_level(n_groups=25, per=6, seed=36)
    rng = np.random.default_rng(36)
    if weighting == "pweight":
        w = np.exp(rng.normal(0, 0.4, spec.n_rows))
        spec = dataclasses.replace(spec, pweight=w)
    else:
        spec = dataclasses.replace(spec, vce="robust")
    fit = fit_mixed(spec)
    model, p = fit.model, fit.model.p
    x0 = np.concatenate([fit.beta, fit.phi])
    V_model = np.linalg.inv(-hessian(model.loglik_full, x0, np.concatenate(
        [0.1 * np.sqrt(np.diag(fit.V_beta)), phi_steps(fit.phi)]))[:p, :p])
    steps = np.concatenate([0.1 * np.sqrt(np.diag(V_model)), phi_steps(fit.phi)])
    full = hessian(model.loglik_full, x0, steps, model.loglik_full(x0))
    block = sandwich._block_hessian(model.loglik_full, x0, steps, model.loglik_full(x0), V_model, p)
    np.testing.assert_allclose(block[p:, p:], full[p:, p:], rtol=1e-9)
    assert np.all(block[:p, p:] == 0)
    # the fit's robust V_beta (its bread from the fit's model-based V_beta) against B meat B
    # with B_beta = -H_beta^-1 from the full difference Hessian
    rows = []
    for i in range(len(x0)):
        e = np.zeros(len(x0))
        e[i] = steps[i]
        rows.append((model.group_logliks(x0 + e) - model.group_logliks(x0 - e)) / (2 * steps[i]))
    S = np.array(rows)
    G = S.shape[1]
    B = np.linalg.inv(-full[:p, :p])
    V_beta = B @ (G / (G - 1) * S[:p] @ S[:p].T) @ B
    np.testing.assert_allclose(fit.V_beta, V_beta, rtol=1e-5)
