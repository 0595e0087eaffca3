"""mfx (mlmcli/commands/postestimation/mfx.py, render/mfx.py): the effects equal margins'
(dydx(*) atmeans; a 0/1 variable's discrete change from 0 to 1 at the means) and, after logit,
the closed form p(1 - p) b at the means computed here from e(b); mfx.ado's table, e(Xmfx_*),
options and refusals."""
from __future__ import annotations

import numpy as np
import pytest

SETUP = "use samples/data/hsb.dta, clear\ngen hi = mathach > 13\nquietly logit hi ses female minority\n"


@pytest.fixture
def fitted(do, monkeypatch):
    from pathlib import Path
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    rc, out, s = do(SETUP + "mfx")
    assert rc == 0, out
    return s, out


def _row(s, name):
    return s.e.matrices[name].values[0]


def test_effects_equal_margins_and_the_closed_form(do, fitted):
    s, out = fitted
    effects, se, X = _row(s, "Xmfx_dydx"), _row(s, "Xmfx_se_dydx"), _row(s, "Xmfx_X")
    sample = s.e.sample_mask(s.data)
    means = np.array([s.data.numeric(v)[sample].mean() for v in ("ses", "female", "minority")])
    assert np.allclose(X, means, rtol=1e-12)
    b = s.e.matrices["b"].values[0]
    xb = b[:3] @ means + b[3]
    p = 1 / (1 + np.exp(-xb))
    assert s.e.scalars["Xmfx_y"] == pytest.approx(p, rel=1e-12)
    assert effects[0] == pytest.approx(p * (1 - p) * b[0], rel=1e-10)  # continuous ses
    for j in (1, 2):  # female, minority: discrete changes
        lo, hi = xb - b[j] * means[j], xb - b[j] * means[j] + b[j]
        assert effects[j] == pytest.approx(1 / (1 + np.exp(-hi)) - 1 / (1 + np.exp(-lo)), rel=1e-10)
    rc, out2, s = do("margins, dydx(ses) atmeans", session=s)
    assert effects[0] == pytest.approx(s.r["b"].values[0, 0], rel=1e-12)
    assert se[0] == pytest.approx(np.sqrt(s.r["V"].values[0, 0]), rel=1e-12)
    rc, out2, s = do("margins, at(female=(0 1)) atmeans", session=s)
    mb, mV = s.r["b"].values[0], s.r["V"].values
    assert effects[1] == pytest.approx(mb[1] - mb[0], rel=1e-12)
    assert se[1] == pytest.approx(np.sqrt(mV[0, 0] + mV[1, 1] - 2 * mV[0, 1]), rel=1e-12)


def test_table_layout(fitted):
    s, out = fitted
    lines = out.splitlines()
    i = lines.index("Marginal effects after logit")
    assert lines[i + 1] == "      y  = Pr(hi) (predict)"
    assert lines[i + 2] == "         = " + f"{s.e.scalars['Xmfx_y']:.8f}"[1:].rjust(10)
    assert lines[i + 3] == "-" * 78
    assert lines[i + 4] == "variable |      dy/dx    Std. Err.     z    P>|z|  [    95% C.I.   ]      X"
    assert lines[i + 5] == "---------+" + "-" * 68
    ses = lines[i + 6]
    assert ses.startswith("     ses |   .1852929      .00883   20.98   0.000")
    assert lines[i + 7].startswith("  female*|") and lines[i + 8].startswith("minority*|")
    assert lines[i + 9] == "-" * 78
    assert lines[i + 10] == "(*) dy/dx is for discrete change of dummy variable from 0 to 1"
    e = s.e
    assert e.macros["Xmfx_type"] == "dydx" and e.macros["Xmfx_dummy"] == "0 1 1"
    assert e.macros["Xmfx_discrete"] == "discrete" and e.macros["Xmfx_label_p"] == "Pr(hi)"
    assert s.r == {}


def test_types_at_varlist_nose_replay(do, fitted):
    s, _ = fitted
    rc, out, s = do("mfx, eyex varlist(ses)", session=s)
    assert rc == 0 and "Elasticities after logit" in out and "ey/ex" in out and "(*)" not in out
    assert np.isnan(_row(s, "Xmfx_eyex")[1]) and "ses" in out and "female" not in out.split("X\n")[-1]
    rc, out2, s = do("margins, eyex(ses) atmeans", session=s)
    assert _row(s, "Xmfx_eyex")[0] == pytest.approx(s.r["b"].values[0, 0], rel=1e-12)
    rc, out, s = do("mfx, at(median ses = 1) nodiscrete", session=s)
    assert rc == 0 and "*" not in out.split("Marginal effects")[1]
    assert list(_row(s, "Xmfx_X")) == [1.0, 1.0, 0.0]
    rc, out2, s = do("margins, dydx(female) at(ses=1 female=1 minority=0)", session=s)
    assert _row(s, "Xmfx_dydx")[1] == pytest.approx(s.r["b"].values[0, 0], rel=1e-12)
    rc, out, s = do("mfx, at(1 0 0 1)", session=s)
    rc2, out2, s = do("margins, dydx(ses) at(ses=1 female=0 minority=0)", session=s)
    assert rc == 0 and _row(s, "Xmfx_dydx")[0] == pytest.approx(s.r["b"].values[0, 0], rel=1e-12)
    rc, out, s = do("mfx, at(ses = 1) varlist(ses mathach)", session=s)
    assert rc == 0 and "warning: variable mathach not found" in out
    assert "warning: no value assigned in at() for variables female minority;" in out
    rc, out, s = do("mfx, nose", session=s)
    assert rc == 0 and "Xmfx_se_dydx" not in s.e.matrices
    assert "                        variable |          dy/dx                 X" in out
    rc, out, s = do("mfx replay, level(90)", session=s)
    assert rc == 0 and "[    90% C.I.   ]" not in out  # after nose: the table without intervals
    rc, out, s = do("mfx\nmfx replay, level(90)", session=s)
    assert "[    90% C.I.   ]" in out
    rc, out, s = do("mfx, predict(xb)", session=s)
    assert rc == 0 and "      y  = Linear prediction (predict, xb)" in out


@pytest.mark.parametrize("line,rc,message", [
    ("mfx, dydx eyex", 198, "dydx, eyex, dyex, eydx are mutually exclusive"),
    ("mfx bogus", 198, "unknown mfx subcommand bogus"),
    ("mfx, eqlist(a)", 198, "option eqlist not supported by mlmcli in mfx"),
    ("mfx, at(1 2)", 503, "numlist too short in at()"),
    ("mfx, at(1 2 3 4)", 503, "numlist too long in at()"),
    ("mfx, at(nosuch = 1)", 198, "nosuch in at() list not found"),
    ("mfx, varlist(nosuch)", 102, "no independent variables"),
    ("mfx, eyex predict(xb) at(ses=-5)", 459, "eyex not available"),
])
def test_errors(do, fitted, line, rc, message):
    s, _ = fitted
    got, out, _ = do(line, session=s)
    assert got == rc and message in out


def test_without_estimates_and_factor_variables(do, monkeypatch):
    from pathlib import Path
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    rc, out, s = do("use samples/data/hsb.dta, clear\nmfx replay")
    assert rc == 301 and "no mfx results found" in out
    rc, out, s = do("mfx", session=s)
    assert rc == 301
    rc, out, s = do("quietly regress mathach i.female ses\nmfx", session=s)
    assert rc == 198 and "use margins" in out


def test_mfx_leaves_the_last_margins_for_marginsplot(do, monkeypatch):
    """mfx's internal margins calls are its own: the margins result marginsplot would draw is the
    one the user made before mfx, and stays unset when there was none."""
    from pathlib import Path
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    rc, out, s = do(SETUP + "quietly margins, at(ses=(-1 0 1))\nmfx")
    assert rc == 0, out
    assert s.margins is not None and len(s.margins.rows) == 3 and s.margins.column_title == "Margin"
    rc, out, s = do(SETUP + "mfx")
    assert rc == 0 and s.margins is None
