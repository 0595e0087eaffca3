"""estat mfx after asclogit (Stata 13's marginal effects; margins is refused there): the
effects, standard errors, probabilities and X against an independent computation
(tests/asclogit_reference/mfx_reference.py: complex-step derivatives of the probabilities
at e(b), the delta method by central differences, the point from pandas), at(), varlist(),
nodiscrete, if/noesample, level(), asclogit_estat's layout, r() and the refusals."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).parent / "asclogit_reference"


def _load(name, file):
    spec = importlib.util.spec_from_file_location(name, REF_DIR / file)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


REF = _load("asclogit_mfx_reference", "mfx_reference.py")
DATA = pd.DataFrame(_load("asclogit_make_data_mfx", "make_data.py").rows(),
                    columns=["id", "mode", "choice", "cost", "ttime", "income", "psize"]).astype(float)
DATA["kids"] = (DATA["psize"] > 2).astype(float)
ALTS = ["air", "train", "bus", "car"]
SETUP = ("label define ml 1 air 2 train 3 bus 4 car\nlabel values mode ml\n"
         "asclogit choice cost ttime, case(id) alternatives(mode) casevars(income kids) nolog\n")
AS, CV = ["cost", "ttime"], ["income", "kids"]


def _run(do, text):
    rc, printed, s = do(SETUP + text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def _wanted(as_vars, cv_vars, discrete=True):
    w = [("as", v, k, False) for v in as_vars for k in range(4)]
    return w + [("cv", v, None, discrete and v == "kids") for v in cv_vars]


def _check(s, xa, z, wanted):
    e = s.e
    names = list(e.matrices["b"].colnames)
    pr, fx, se = REF.mfx(names, e.matrices["b"].values[0], e.matrices["V"].values, ALTS, xa, z, wanted)
    for j, alt in enumerate(ALTS):
        m = s.r[alt].values
        assert s.r[f"pr_{alt}"] == pytest.approx(pr[j], rel=1e-10)
        np.testing.assert_allclose(m[:, 0], fx[j], rtol=1e-7, atol=1e-12)
        np.testing.assert_allclose(m[:, 1], se[j], rtol=1e-5)
        x = [xa[v][k] if kind == "as" else z[v] for kind, v, k, _ in wanted]
        np.testing.assert_allclose(m[:, 6], x, rtol=1e-12)
        np.testing.assert_allclose(m[:, 2], m[:, 0] / m[:, 1], rtol=1e-12)
    return pr, fx


def test_effects_at_the_means_against_numerical_derivatives(do):
    printed, s = _run(do, "estat mfx")
    xa, z = REF.point(DATA, "mode", [1.0, 2.0, 3.0, 4.0], AS, CV)
    pr, fx = _check(s, xa, z, _wanted(AS, CV))
    assert pr.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(fx.sum(axis=0), 0.0, atol=1e-12)  # the probabilities' effects add to zero
    assert s.r["air"].rownames[:4] == ("cost:air", "cost:train", "cost:bus", "cost:car")
    assert s.r["air"].rownames[-2:] == ("casevars:income", "casevars:kids")


def test_at_median_values_and_varlist(do):
    printed, s = _run(do, "estat mfx, varlist(cost income) at(median car:cost = 20 ttime = 10 income = 40)")
    xa, z = REF.point(DATA, "mode", [1.0, 2.0, 3.0, 4.0], AS, CV, stat="median")
    xa["cost"][3] = 20.0
    xa["ttime"][:] = 10.0
    z["income"] = 40.0
    _check(s, xa, z, _wanted(["cost"], ["income"]))
    tables = printed[printed.index("Pr(choice = "):]
    assert "ttime        |" not in tables and "kids" not in tables and "cost         |" in tables
    # the alternative by its value: 4 is car
    printed, s2 = _run(do, "estat mfx, varlist(cost income) at(median 4:cost = 20 ttime = 10 income = 40)")
    np.testing.assert_array_equal(s2.r["bus"].values, s.r["bus"].values)


def test_nodiscrete_and_if_sample(do):
    printed, s = _run(do, "estat mfx if income > 30, nodiscrete varlist(kids)")
    sub = DATA[DATA["income"] > 30]
    xa, z = REF.point(sub, "mode", [1.0, 2.0, 3.0, 4.0], AS, CV)
    _check(s, xa, z, _wanted([], ["kids"], discrete=False))
    assert "kids*" not in printed and "(*) dp/dx" not in printed


def test_noesample_takes_rows_outside_the_fit(do):
    # a fit on the first 80 cases: the means are over its rows, with noesample over all 120 cases'
    fit80 = SETUP.replace("ttime, case(id)", "ttime if id <= 80, case(id)")
    for opt, rows in (("", DATA["id"] <= 80), (" noesample", DATA["id"] > 0)):
        rc, printed, s = do(fit80 + f"estat mfx, varlist(income){opt}", DATA.copy())
        assert rc == 0 and s.e.scalars["N_case"] == 80, printed
        xa, z = REF.point(DATA[rows], "mode", [1.0, 2.0, 3.0, 4.0], AS, CV)
        _check(s, xa, z, _wanted([], ["income"]))


def test_layout(do):
    printed, s = _run(do, "estat mfx, varlist(ttime kids) level(90)")
    lines = printed.split("\n")
    at = lines.index(next(x for x in lines if x.startswith("Pr(choice = air|1 selected) =")))
    assert lines[at - 1] == ""
    assert lines[at] == "Pr(choice = air|1 selected) =" + f"{s.r['pr_air']:.8f}".lstrip("0").rjust(10)
    assert lines[at + 1] == "-" * 79
    head = lines[at + 2]
    assert head.startswith("variable     |") and head.index("dp/dx") == 17 and head.index("Std. Err.") == 25
    assert head.index(" z ") + 1 == 38 and head.index("P>|z|") == 44 and head.index("[    90% C.I.    ]") == 51
    assert head.index("X") == 76 and len(head) == 77
    assert lines[at + 3] == "-" * 13 + "+" + "-" * 65
    assert lines[at + 4] == "ttime        |"
    assert [x[:14] for x in lines[at + 5:at + 9]] == [f"{a:>12} |" for a in ALTS]
    assert lines[at + 9] == "-" * 13 + "+" + "-" * 65 and lines[at + 10] == "casevars     |"
    row = lines[at + 11]
    assert row.startswith("       kids* |") and len(row) == 79
    m = s.r["air"].values[-1]
    assert row[14:24].strip() == f"{round(m[0], 6):.6f}".rstrip("0").replace("0.", ".", 1)
    assert row[34:42] == f"{m[2]:8.2f}" and row[42:50] == f"{m[3]:8.3f}"
    assert lines[at + 12] == "-" * 79
    assert lines[at + 13] == "(*) dp/dx is for discrete change of indicator variable from 0 to 1"
    assert printed.count("Pr(choice = ") == 4
    lo, hi = s.r["air"].values[0, 4:6]
    d, se = s.r["air"].values[0, :2]
    assert (hi - d) / se == pytest.approx(1.6448536, rel=1e-6) and (d - lo) / se == pytest.approx(1.6448536, rel=1e-6)


def test_data_unchanged_and_margins_still_refused(do):
    printed, s = _run(do, "estat mfx")
    assert s.data.nobs == len(DATA)
    np.testing.assert_array_equal(s.data.numeric("cost"), DATA["cost"].to_numpy())
    rc, printed, _ = do(SETUP + "margins", DATA.copy())
    assert rc == 322


@pytest.mark.parametrize("text, message, code", [
    ("estat mfx, k(2)", "k() other than 1 not supported by mlmcli", 198),
    ("estat mfx, force", "option force not supported by mlmcli", 198),
    ("estat mfx, varlist(psize)", "variable psize is not in the model", 198),
    ("estat mfx, at(psize = 1)", "variable psize is not in the model", 198),
    ("estat mfx, at(car:income = 1)", "income is a case-specific variable", 198),
    ("estat mfx, at(plane:cost = 1)", "alternative plane not found", 111),
    ("estat mfx, at(cost = abc)", "'abc' found where number expected", 7),
    ("estat mfx, at(mean junk)", "at() invalid", 198),
    ("estat mfx, basealternative(car)", "option basealternative() not allowed", 198),
    ("estat mfx if income > 1000", "no observations", 2000),
    ("estat mfx extra", "invalid syntax", 198),
])
def test_errors(do, text, message, code):
    rc, printed, _ = do(SETUP + text, DATA.copy())
    assert rc == code and message in printed, printed


def test_factor_variables_refused(do):
    rc, printed, _ = do("label define ml 1 air 2 train 3 bus 4 car\nlabel values mode ml\n"
                        "asclogit choice cost, case(id) alternatives(mode) casevars(i.psize) nolog\nestat mfx",
                        DATA.copy())
    assert rc == 198 and "factor variables in casevars() not supported by mlmcli" in printed
