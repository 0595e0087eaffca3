"""cformat()/pformat()/sformat() and ``set cformat``/``pformat``/``sformat`` in the tables sf100
left out: the random-effects tables of mixed and meqrlogit (``_xtmixed_display`` and
``_xtme_display`` hand DiVarComp the cformat typed, else c(cformat)), the ancillary rows
(tobit's /sigma, nbreg's /lnalpha and alpha, streg's /ln_p, p and 1/p, heckman's rho, sigma and
lambda, xttobit's and xtlogit's rho ...: Stata's _b_table draws them in the table's formats),
mestreg's table, lincom (lincom.ado's ``est di``), sem/gsem (sem_display's ``_coef_table``); and
the tables that keep their own formats: ``estimates table`` (est_table.ado: b %10.0g, p %7.4f,
no c(cformat)) and contrast's Wald table (_marg_report's WaldTable: %9.2f, %9.4f).

Each printed cell is checked against the same table printed with the defaults (the number it
rounds) and, where the model is simple, against numpy/scipy/statsmodels."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats
from test_set_display_formats import _data as set_formats_data

SET = "set cformat %9.3f\nset pformat %5.2f\nset sformat %7.3f\n"


def _data() -> pd.DataFrame:
    """test_set_display_formats' panel (id, t, x, g, y, b) with a count, a censored outcome,
    survival times and a selected outcome drawn from the same random effects."""
    df = set_formats_data()
    rng = np.random.default_rng(20261208)
    n = len(df)
    u = (df["y"] - 2.0 - 1.5 * df["x"] - 0.7 * df["g"]).groupby(df["id"]).transform("mean")
    df["c"] = rng.poisson(np.exp(0.3 + 0.4 * df["x"] + 0.5 * u) * rng.gamma(2, 0.5, size=n)).astype(float)
    df["ys"] = df["y"].clip(lower=2.0)
    df["tt"] = rng.exponential(np.exp(-0.3 * df["x"]))
    df["d"] = (rng.uniform(size=n) < 0.8).astype(float)
    df["s"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-(0.5 + df["g"] - 2)))).astype(float)
    df["yh"] = np.where(df["s"] == 1, df["y"], np.nan)
    return df


DATA = _data()


def _cells(out: str, name: str) -> list[str]:
    """The cells after the ``|`` of the last row labelled ``name`` (``var(_cons)|`` too)."""
    rows = [line for line in out.splitlines() if re.match(rf"^\s*{re.escape(name)} ?\|", line)]
    assert rows, out
    return rows[-1].split("|", 1)[1].split()


def _same_numbers(cells: list[str], default: list[str], decimals: int) -> None:
    """Each cell has ``decimals`` decimals and rounds the default table's number."""
    assert len(cells) == len(default), (cells, default)
    for got, base in zip(cells, default):
        assert re.fullmatch(rf"-?\d+\.\d{{{decimals}}}", got), (got, cells)
        assert abs(float(got) - float(base)) <= 0.5 * 10 ** -decimals + 1e-7, (got, base)


def _run(do, text: str, echo: bool = False):
    rc, out, session = do(text, df=DATA, echo=echo)
    assert rc == 0, out
    return out, session


@pytest.fixture(scope="module")
def mixed_runs(do):
    fit = "mixed y x || id:"
    return _run(do, fit)[0], _run(do, SET + fit)[0], _run(do, SET + fit + ", cformat(%9.2f)")[0]


def test_mixed_random_effects_rows_follow_the_setting_and_the_option(mixed_runs):
    base, set_out, typed = mixed_runs
    for name in ("var(_cons)", "var(Residual)"):
        _same_numbers(_cells(set_out, name), _cells(base, name), 3)
        _same_numbers(_cells(typed, name), _cells(base, name), 2)  # cformat() over the setting
    z = _cells(set_out, "x")[2]  # the fixed part: sformat %7.3f
    assert re.fullmatch(r"\d+\.\d{3}", z) and abs(float(z) - float(_cells(base, "x")[2])) <= 0.0051, set_out


def test_mixed_variances_agree_with_statsmodels(mixed_runs):
    import statsmodels.formula.api as smf

    fit = smf.mixedlm("y ~ x", DATA, groups=DATA["id"]).fit(reml=False)
    set_out = mixed_runs[1]
    assert abs(float(_cells(set_out, "var(_cons)")[0]) - float(fit.cov_re.iloc[0, 0])) < 2e-3
    assert abs(float(_cells(set_out, "var(Residual)")[0]) - float(fit.scale)) < 2e-3


def test_mixed_too_wide_cformat_notes_and_falls_back_to_the_default(do):
    """_get_diopts 1.7.0 hands ``cformat(%9.0g)`` on for a too-wide cformat(), so mixed.ado's
    ParseForCformat never reaches c(cformat): %9.0g, not the setting."""
    base, _ = _run(do, "mixed y x || id:")
    out, _ = _run(do, SET + "mixed y x || id:, cformat(%12.2f)")
    assert "note: invalid cformat(), using default" in out
    assert _cells(out, "var(_cons)") == _cells(base, "var(_cons)"), out


def test_mixed_standard_deviations_follow_the_setting(do):
    base, _ = _run(do, "mixed y x || id:, stddeviations")
    out, _ = _run(do, SET + "mixed y x || id:, stddeviations")
    for name in ("sd(_cons)", "sd(Residual)"):
        _same_numbers(_cells(out, name), _cells(base, name), 3)


def test_meqrlogit_random_effects_table_follows_the_setting(do):
    base, _ = _run(do, "meqrlogit b x || id:")
    out, _ = _run(do, SET + "meqrlogit b x || id:")
    _same_numbers(_cells(out, "var(_cons)"), _cells(base, "var(_cons)"), 3)


def _tobit_sigma() -> float:
    y, X = DATA["ys"].to_numpy(), np.column_stack([DATA["x"], np.ones(len(DATA))])
    cens = y <= 2.0

    def nll(theta):
        b, lns = theta[:2], theta[2]
        s = np.exp(lns)
        xb = X @ b
        return -(stats.norm.logcdf((2.0 - xb[cens]) / s).sum()
                 + (stats.norm.logpdf((y[~cens] - xb[~cens]) / s) - lns).sum())

    b0 = np.linalg.lstsq(X, y, rcond=None)[0]
    res = optimize.minimize(nll, np.r_[b0, 0.0], method="BFGS", options={"gtol": 1e-8})
    return float(np.exp(res.x[2]))


def test_tobit_sigma_row_follows_the_setting(do):
    base, _ = _run(do, "tobit ys x, ll(2)")
    out, _ = _run(do, SET + "tobit ys x, ll(2)")
    _same_numbers(_cells(out, "/sigma"), _cells(base, "/sigma"), 3)
    assert abs(float(_cells(out, "/sigma")[0]) - _tobit_sigma()) < 2e-3
    typed, _ = _run(do, "tobit ys x, ll(2) cformat(%9.2f)")
    _same_numbers(_cells(typed, "/sigma"), _cells(base, "/sigma"), 2)


def test_nbreg_lnalpha_and_alpha_follow_the_setting(do):
    import statsmodels.api as sm

    base, _ = _run(do, "nbreg c x")
    out, _ = _run(do, SET + "nbreg c x")
    for name in ("/lnalpha", "alpha"):
        _same_numbers(_cells(out, name), _cells(base, name), 3)
    fit = sm.NegativeBinomial(DATA["c"], sm.add_constant(DATA["x"])).fit(disp=0, maxiter=200)
    alpha = float(fit.params.iloc[-1])
    assert abs(float(_cells(out, "alpha")[0]) - alpha) < 2e-3
    assert abs(float(_cells(out, "/lnalpha")[0]) - np.log(alpha)) < 2e-3


def test_streg_ancillary_rows_follow_the_setting(do):
    fit = "stset tt, failure(d)\nstreg x, dist(weibull) nolog"
    base, _ = _run(do, fit)
    out, _ = _run(do, SET + fit)
    for name in ("p", "1/p"):
        _same_numbers(_cells(out, name), _cells(base, name), 3)
    lnp = _cells(out, "/ln_p")  # an equation of its own: z and P in sformat and pformat
    assert re.fullmatch(r"-?\d+\.\d{3}", lnp[2]) and re.fullmatch(r"\d\.\d\d", lnp[3]), out
    assert abs(np.exp(float(_cells(base, "/ln_p")[0])) - float(_cells(out, "p")[0])) < 1e-3


def test_heckman_rho_sigma_lambda_follow_the_setting(do):
    fit = "heckman yh x, select(s = g)"
    base, _ = _run(do, fit)
    out, _ = _run(do, SET + fit)
    for name in ("rho", "sigma", "lambda"):
        _same_numbers(_cells(out, name), _cells(base, name), 3)


@pytest.mark.parametrize("fit,names", [("xttobit ys x, ll(2)", ("/sigma_u", "rho")),
                                       ("xtlogit b x, re", ("/lnsig2u", "sigma_u", "rho"))])
def test_xt_random_effects_parameters_follow_the_setting(do, fit, names):
    base, _ = _run(do, "xtset id t\n" + fit)
    out, _ = _run(do, SET + "xtset id t\n" + fit)
    for name in names:
        cells, default = _cells(out, name), _cells(base, name)
        if len(default) == 6:  # /sigma_u of xttobit: an equation with z and P
            cells, default = [cells[0], cells[1], cells[4], cells[5]], [default[0], default[1], default[4], default[5]]
        _same_numbers(cells, default, 3)


def test_mestreg_table_follows_the_setting(do):
    fit = "stset tt, failure(d)\nmestreg x || id:, dist(weibull)"
    base, _ = _run(do, fit)
    out, _ = _run(do, SET + fit)
    for name in ("/ln_p", "var(_cons)"):
        # var(_cons)'s upper limit may be far out (the variance near 0): check the first three
        _same_numbers(_cells(out, name)[:3], _cells(base, name)[:3], 3)


def test_lincom_cells_follow_the_setting_and_the_option(do):
    out, _ = _run(do, SET + "regress y x g\nlincom x + 2*g")
    X = np.column_stack([DATA["x"], DATA["g"], np.ones(len(DATA))])
    y = DATA["y"].to_numpy()
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    dof = len(y) - 3
    V = float(((y - X @ b) ** 2).sum()) / dof * np.linalg.inv(X.T @ X)
    c = np.array([1.0, 2.0, 0.0])
    est, se = float(c @ b), float(np.sqrt(c @ V @ c))
    t = est / se
    q = stats.t.ppf(0.975, dof)
    want = [f"{est:.3f}", f"{se:.3f}", f"{t:.3f}", f"{2 * stats.t.sf(abs(t), dof):.2f}",
            f"{est - q * se:.3f}", f"{est + q * se:.3f}"]
    assert _cells(out, "(1)") == want, out
    typed, _ = _run(do, SET + "regress y x g\nlincom x + 2*g, cformat(%9.2f) pformat(%5.3f) sformat(%8.2f)")
    assert _cells(typed, "(1)") == [f"{est:.2f}", f"{se:.2f}", f"{t:.2f}", f"{2 * stats.t.sf(abs(t), dof):.3f}",
                                     f"{est - q * se:.2f}", f"{est + q * se:.2f}"], typed


def test_lincom_refuses_a_string_format(do):
    rc, out, _ = do("regress y x g\nlincom x + g, cformat(%9s)", df=DATA)
    assert rc == 7 and "found where numeric format expected" in out, out


def test_sem_cells_follow_the_setting_and_agree_with_least_squares(do):
    out, _ = _run(do, SET + "sem (y <- x g)")
    X = np.column_stack([DATA["x"], DATA["g"], np.ones(len(DATA))])
    y = DATA["y"].to_numpy()
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    for k, name in enumerate(("x", "g", "_cons")):
        cells = _cells(out, name)
        assert cells[0] == f"{b[k]:.3f}", out
        assert re.fullmatch(r"-?\d+\.\d{3}", cells[2]) and re.fullmatch(r"\d\.\d\d", cells[3]), out
    rss = float(((y - X @ b) ** 2).sum())
    assert _cells(out, "var(e.y)")[0] == f"{rss / len(y):.3f}", out


def test_sem_replay_takes_the_format_options(do):
    out, _ = _run(do, "sem (y <- x g)\nsem, cformat(%9.4f)", echo=True)
    table = out[out.rindex("sem, cformat"):]
    assert re.fullmatch(r"-?\d+\.\d{4}", _cells(table, "x")[0]), table
    rc, bad, _ = do("sem (y <- x g)\nsem, vsquish", df=DATA)
    assert rc == 198, bad


def test_estimates_table_and_contrast_keep_their_own_formats(do):
    """est_table.ado's b(%10.0g) and WaldTable's %9.2f/%9.4f read no c(cformat): the same
    output with and without the settings."""
    text = "regress y x i.g\nestimates store m1\nestimates table m1, se p\ncontrast g"
    base, _ = _run(do, text, echo=True)
    out, _ = _run(do, SET + text, echo=True)
    tail = base[base.index(". estimates table"):]
    assert out[out.index(". estimates table"):] == tail


def test_menl_random_effects_table_takes_the_typed_cformat_only(do):
    """menl.ado's Display hands DiVarComp _get_diopts' s(cformat) -- the option typed, never
    c(cformat) -- while its coefficient table (_coef_table) follows the setting."""
    fit = "menl y = {b0} + {b1}*x + {U[id]}"
    base, _ = _run(do, fit)
    out, _ = _run(do, SET + fit)
    assert _cells(out, "var(U)") == _cells(base, "var(U)")  # the setting: not read
    assert re.fullmatch(r"\d+\.\d{3}", _cells(out, "/b1")[0]), out
    typed, _ = _run(do, SET + fit + ", cformat(%9.2f)")
    for name in ("var(U)", "var(Residual)"):
        _same_numbers(_cells(typed, name), _cells(base, name), 2)
    wide, _ = _run(do, SET + fit + ", cformat(%12.2f)")  # dropped by _get_diopts: %9.0g again
    assert "note: invalid cformat(), using default" in wide and _cells(wide, "var(U)") == _cells(base, "var(U)")


@pytest.mark.parametrize("model", ["re", "fe"])
def test_xtreg_sigma_lines_take_the_typed_cformat_only(do, model):
    """xtreg_re.ado/xtreg_fe.ado's Display: sigma_u, sigma_e and rho in _get_diopts' s(cformat)
    (the option typed), else %10.0g -- set cformat is not read there (the table above follows
    it).  Stata 16's xtreg_fe.ado shows e(sigma_u) on its sigma_e line under cformat(); mlm
    keeps sigma_e's own value."""
    fit = f"xtset id t\nxtreg y x, {model}"

    def sigmas(out):
        return [line.split("|")[1].split()[0] for line in out.splitlines()
                if re.match(r"^\s*(sigma_u|sigma_e|rho) \|", line)]

    base, _ = _run(do, fit)
    out, _ = _run(do, SET + fit)
    assert sigmas(out) == sigmas(base) and len(sigmas(base)) == 3, out
    assert re.fullmatch(r"-?\d+\.\d{3}", _cells(out, "x")[0]), out
    typed, _ = _run(do, SET + fit + " cformat(%9.2f)")
    _same_numbers(sigmas(typed), sigmas(base), 2)
    line = next(ln for ln in typed.splitlines() if re.match(r"^\s*sigma_u \|", ln))
    assert len(line.split("|")[1]) == 11, line  # " " then %10s


def test_heckman_twostep_rho_sigma_take_the_typed_cformat_only(do):
    """heckman.ado's Display2: rho and sigma in _get_diopts' s(cformat), else %10.5f and %10.0g
    (c(cformat) not read); lambda's row of the table follows the setting."""
    fit = "heckman yh x, select(s = g) twostep"

    def line(out, name):
        return next(ln for ln in out.splitlines() if re.match(rf"^\s*{name} \| ", ln)).split("|")[1]

    base, _ = _run(do, fit)
    out, _ = _run(do, SET + fit)
    assert line(out, "rho") == line(base, "rho") and line(out, "sigma") == line(base, "sigma"), out
    mills = next(ln for ln in out.splitlines() if re.match(r"^\s*lambda \|", ln))  # the table's row
    assert re.fullmatch(r"-?\d+\.\d{3}", mills.split("|")[1].split()[0]), out
    typed, _ = _run(do, fit + " cformat(%9.3f)")
    for name in ("rho", "sigma"):
        _same_numbers(line(typed, name).split(), line(base, name).split(), 3)
        assert len(line(typed, name)) == 11, typed  # " " then %10s


def test_mestreg_takes_the_format_options(do):
    fit = "stset tt, failure(d)\nmestreg x || id:, dist(weibull)"
    base, _ = _run(do, fit)
    out, _ = _run(do, SET + fit + " cformat(%9.2f)")
    _same_numbers(_cells(out, "/ln_p")[:3], _cells(base, "/ln_p")[:3], 2)
    out, _ = _run(do, fit + "\nmestreg, cformat(%9.4f)")
    _same_numbers(_cells(out, "x")[:2], _cells(base, "x")[:2], 4)
