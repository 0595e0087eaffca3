"""Display formats in the tables cf101 left: xtivreg's sigma_u/sigma_e/rho lines (xtivreg.ado's
DispFE/DispFD/DispRE: _get_diopts' s(cformat), the option typed, else %10.0g), teffects' tables
(_teffects_replay.ado/_teffects_replaym.ado: _get_diopts, then _coef_table with its options),
a too-wide option (_get_diopts 1.7.0: Stata's default, %9.0g, whatever the setting), boxcox's
/lambda or /theta row (_diparm typed alone: the estimate, SE, z and P in %9.0g, %8.2f, %5.3f,
the limits in c(cformat)), svy's replay and fit (svy.ado: the display options, _prefix_display's
_get_diopts), and the header numbers no format reaches ([R] set cformat: coefficient tables).

Printed cells are checked against independent numpy computations or against e() and the same
table printed with the defaults (the number each cell rounds)."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

SET = "set cformat %9.3f\nset pformat %5.2f\nset sformat %7.3f\n"


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(20261207)
    n = 300
    df = pd.DataFrame({"id": np.arange(n) // 10 + 1, "t": np.arange(n) % 10 + 1})
    u = rng.normal(scale=0.6, size=30)[df["id"] - 1]
    df["z"] = rng.normal(size=n)
    df["x"] = 0.8 * df["z"] + 0.5 * u + rng.normal(size=n)
    df["y"] = 1.0 + 1.5 * df["x"] + u + rng.normal(size=n)
    df["tr"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-0.6 * df["z"]))).astype(float)
    df["yt"] = 2.0 + 0.9 * df["z"] + 1.2 * df["tr"] + rng.normal(size=n)
    df["yp"] = np.exp(0.5 + 0.3 * df["z"] + rng.normal(scale=0.3, size=n))
    return df


DATA = _data()


def _run(do, text: str):
    rc, out, session = do(text, df=DATA)
    assert rc == 0, out
    return out, session


def _cells(out: str, name: str) -> list[str]:
    rows = [line for line in out.splitlines() if re.match(rf"^\s*{re.escape(name)} \|", line)]
    assert rows, out
    return rows[-1].split("|", 1)[1].split()


def _rounds(cell: str, value: float, decimals: int) -> None:
    assert re.fullmatch(rf"-?\d*\.\d{{{decimals}}}", cell), cell
    assert abs(float(cell) - value) <= 0.5 * 10 ** -decimals + 1e-9, (cell, value)


def _fe_iv(df: pd.DataFrame) -> tuple[float, float]:
    """The within 2SLS slope of y on x instrumented by z and sigma_e (residual SD on N - n - k)."""
    w = df[["y", "x", "z"]] - df.groupby("id")[["y", "x", "z"]].transform("mean")
    b = float(w["z"] @ w["y"] / (w["z"] @ w["x"]))
    e = w["y"] - b * w["x"]
    return b, float(np.sqrt(e @ e / (len(df) - df["id"].nunique() - 1)))


# -- xtivreg ---------------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["fe", "re", "fd"])
def test_xtivreg_sigma_lines_take_the_typed_cformat(do, model):
    out, s = _run(do, f"xtset id t\nxtivreg y (x = z), {model} cformat(%9.4f)")
    for name in ("sigma_u", "sigma_e", "rho"):
        line = next(ln for ln in out.splitlines() if re.match(rf"^\s*{name} \|", ln))
        assert len(line.split("|")[1].split("   (")[0]) == 11, line  # " " then %10s
        _rounds(_cells(out, name)[0], s.e.scalars[name], 4)


def test_xtivreg_fe_sigma_e_agrees_with_numpy(do):
    b, sigma_e = _fe_iv(DATA)
    out, _ = _run(do, "xtset id t\nxtivreg y (x = z), fe cformat(%9.5f)")
    _rounds(_cells(out, "sigma_e")[0], sigma_e, 5)
    _rounds(_cells(out, "x")[0], b, 5)


def test_xtivreg_sigma_lines_ignore_the_setting(do):
    """xtivreg.ado reads s(cformat) alone: set cformat reaches the table, not the sigma lines."""
    base, _ = _run(do, "xtset id t\nxtivreg y (x = z), fe")
    out, s = _run(do, SET + "xtset id t\nxtivreg y (x = z), fe")
    for name in ("sigma_u", "sigma_e", "rho"):
        assert _cells(out, name) == _cells(base, name)
    b, _ = _fe_iv(DATA)
    _rounds(_cells(out, "x")[0], b, 3)
    assert _cells(base, "sigma_e")[0] == f"{s.e.scalars['sigma_e']:.8g}".lstrip("0")


def test_xtivreg_too_wide_cformat_gives_the_default_on_the_sigma_lines(do):
    """_get_diopts hands s(cformat) = %9.0g on for a too-wide option: the lines in %9.0g."""
    out, s = _run(do, "xtset id t\nxtivreg y (x = z), fe cformat(%12.4f)")
    assert "note: invalid cformat(), using default" in out
    assert _cells(out, "sigma_e")[0] == f"{s.e.scalars['sigma_e']:.7g}".lstrip("0")


# -- teffects --------------------------------------------------------------------------------

def _ra(df: pd.DataFrame) -> tuple[float, float]:
    """Regression adjustment by hand: the ATE and the control's potential-outcome mean."""
    X = np.column_stack([df["z"], np.ones(len(df))])
    means = []
    for level in (0.0, 1.0):
        arm = df["tr"] == level
        beta = np.linalg.lstsq(X[arm], df["yt"][arm], rcond=None)[0]
        means.append(float((X @ beta).mean()))
    return means[1] - means[0], means[0]


def test_teffects_ra_takes_the_format_options(do):
    ate, po0 = _ra(DATA)
    out, s = _run(do, "teffects ra (yt z) (tr), cformat(%9.4f) pformat(%5.2f) sformat(%7.3f)")
    coef, se, z, p, lo, hi = _cells(out, "(1 vs 0) ")
    _rounds(coef, ate, 4)
    V = s.e.matrices["V"].values
    _rounds(se, float(np.sqrt(V[0, 0])), 4)
    _rounds(z, ate / np.sqrt(V[0, 0]), 3)
    assert p == "0.00"
    _rounds(_cells(out, "0 ")[0], po0, 4)


def test_teffects_replay_follows_the_setting_and_the_option_wins(do):
    base, _ = _run(do, "teffects ra (yt z) (tr)")
    out, _ = _run(do, "teffects ra (yt z) (tr)\n" + SET + "teffects")
    default = _cells(base, "(1 vs 0) ")
    cells = _cells(out, "(1 vs 0) ")
    for i in (0, 1, 4, 5):  # coef, SE, limits: %9.3f of the %9.0g numbers
        _rounds(cells[i], float(default[i]), 3)
    assert re.fullmatch(r"\d+\.\d{3}", cells[2]) and abs(float(cells[2]) - float(default[2])) <= 0.0051
    assert cells[3] == "0.00"  # pformat %5.2f
    typed, _ = _run(do, "teffects ra (yt z) (tr)\n" + SET + "teffects, cformat(%9.2f) aequations")
    _rounds(_cells(typed, "(1 vs 0) ")[0], float(default[0]), 2)
    assert len(_cells(typed, "z")) == 6  # the OME rows in the formats too
    _rounds(_cells(typed, "z")[0], float(_cells(_run(do, "teffects ra (yt z) (tr), aeq")[0], "z")[0]), 2)


def test_teffects_nnmatch_takes_cformat_and_refuses_a_string_format(do):
    base, _ = _run(do, "teffects nnmatch (yt z) (tr)")
    out, _ = _run(do, "teffects nnmatch (yt z) (tr)\nteffects, cformat(%9.2f)")
    for got, ref in zip(_cells(out, "(1 vs 0) ")[:2], _cells(base, "(1 vs 0) ")[:2]):
        _rounds(got, float(ref), 2)
    rc, out, _ = do("teffects psmatch (yt) (tr z), cformat(%9s)", df=DATA)
    assert rc == 7 and "'%9s' found where numeric format expected" in out, out


# -- a too-wide option -----------------------------------------------------------------------

def test_too_wide_option_is_the_default_not_the_setting(do):
    base, _ = _run(do, "regress y x")
    out, _ = _run(do, SET + "regress y x, cformat(%10.2f) pformat(%6.3f)")
    assert "note: invalid cformat(), using default" in out and "note: invalid pformat(), using default" in out
    coef, se, t, p, lo, hi = _cells(out, "x")
    assert [coef, se, p, lo, hi] == [_cells(base, "x")[i] for i in (0, 1, 3, 4, 5)]
    assert re.fullmatch(r"\d+\.\d{3}", t)  # sformat: the setting


# -- svy -------------------------------------------------------------------------------------

SVY = "svyset id\n"


def _svy_mean(df: pd.DataFrame) -> tuple[float, float]:
    """The mean of yt and its linearized SE with the ids as PSUs (one stratum, no weights)."""
    n, mean = len(df), float(df["yt"].mean())
    totals = (df["yt"] - mean).groupby(df["id"]).sum() / n
    k = len(totals)
    return mean, float(np.sqrt(k / (k - 1) * (totals ** 2).sum()))


def test_svy_replay_takes_the_formats(do):
    """svy typed alone (svy.ado's Display -> _prefix_display: _get_diopts)."""
    mean, se = _svy_mean(DATA)
    out, _ = _run(do, SVY + "svy: mean yt\nsvy, cformat(%9.4f)")
    cells = _cells(out, "yt")
    _rounds(cells[0], mean, 4)
    _rounds(cells[1], se, 4)


@pytest.mark.parametrize("where", ["prefix", "command"])
def test_svy_fit_takes_the_formats_of_the_prefix_or_the_command(do, where):
    base, _ = _run(do, SVY + "svy: regress y x")
    fit = ("svy, cformat(%9.2f) pformat(%5.2f): regress y x" if where == "prefix"
           else "svy: regress y x, cformat(%9.2f) pformat(%5.2f)")
    out, _ = _run(do, SVY + fit)
    default, cells = _cells(base, "x"), _cells(out, "x")
    for i in (0, 1, 4, 5):
        _rounds(cells[i], float(default[i]), 2)
    assert cells[2] == default[2] and cells[3] == "0.00"
    assert [ln for ln in base.splitlines() if "=" in ln] == [ln for ln in out.splitlines() if "=" in ln]  # header


def test_svy_the_prefix_option_wins_and_bad_formats_are_refused(do):
    out, _ = _run(do, SVY + "svy, cformat(%9.4f): regress y x, cformat(%9.2f)")
    assert re.fullmatch(r"\d\.\d{4}", _cells(out, "x")[0]), out
    rc, out, _ = do(SVY + "svy: regress y x, cformat(%9s)", df=DATA)
    assert rc == 7 and "(running" not in out, out
    rc, out, _ = do(SVY + "svy, cformat(%9.2f): mlogit tr z", df=DATA)
    assert rc == 198 and "not supported by mlmcli" in out, out
    out, _ = _run(do, SVY + "svy: regress y x\nregress, cformat(%9.2f)")  # the command alone
    assert re.fullmatch(r"\d\.\d\d", _cells(out, "x")[0]), out


# -- boxcox and the header numbers -----------------------------------------------------------

def test_header_numbers_keep_their_formats(do):
    """[R] set cformat: the formats of coefficient tables; the header's F, R-squared, Wald chi2,
    log likelihood keep the command's own formats."""
    for fit in ("regress y x", "logit tr z", "xtset id t\nxtreg y x, re"):
        base, _ = _run(do, fit)
        out, _ = _run(do, SET + fit)
        head = [ln for ln in base.splitlines() if "=" in ln]
        assert len(head) >= 4 and head == [ln for ln in out.splitlines() if "=" in ln], fit
        assert _cells(out, "_cons")[0] != _cells(base, "_cons")[0]  # while the table follows the setting


def test_boxcox_diparm_row_takes_the_setting_for_its_limits_alone(do):
    """boxcox.ado's Display: ``_diparm theta`` typed alone; _b_table.class's display_diparm draws
    the estimate and SE in %9.0g, z %8.2f and P %5.3f whatever the settings, the limits in
    c(cformat).  boxcox's syntax has no cformat() (level() alone): refused."""
    base, s = _run(do, "boxcox yp z, nolog")
    out, _ = _run(do, SET + "boxcox yp z, nolog")
    default, cells = _cells(base, "/theta"), _cells(out, "/theta")
    assert cells[:4] == default[:4], out
    b = float(s.e.matrices["b"].values.ravel()[-2])
    assert abs(float(default[0]) - b) <= 5e-7 * max(1.0, abs(b)), (default[0], b)  # %9.0g of e(b)
    for got, ref in zip(cells[4:], default[4:]):
        _rounds(got, float(ref), 3)
    rest = lambda text: text[text.index("Estimates of scale-variant"):]  # noqa: E731
    assert rest(out) == rest(base)  # cdisp's %9.0g and the tests' %10.0g, %8.2f, %5.3f: their own
    rc, out, _ = do("boxcox yp z, nolog cformat(%9.3f)", df=DATA)
    assert rc == 198 and "option cformat() not allowed" in out, out
