"""fracpoly with regress (frac_154): the numbers against R's lm over every FP model
(tests/fracpoly_reference/fracpoly.R, its output fracpoly_R.txt: deviance -2 logLik, residual SD,
the closed-test P = F(n1, n2) of expm1(d / N) n2 / n1, the best powers, the coefficients of the
terms centred at the mean of x/10), the layout against frac_154/fracgen's display lines, and the
refusals by name."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "fracpoly_reference"


def _reference():
    """{degree: {row: (dev, rsd, dif, P, powers)}, plus center/coef/se lists}."""
    out, degree = {}, None
    for line in (REF / "fracpoly_R.txt").read_text().splitlines():
        words = line.split()
        if words[0] == "degree":
            degree = int(words[1])
            out[degree] = {"count": int(words[3])}
        elif words[0] in ("center", "coef", "se"):
            out[degree][words[0]] = [float(w) for w in words[1:]]
        else:
            fields = dict(zip(words[1::2], words[2::2]))
            powers = line.split("powers")[1].split()
            out[degree][words[0]] = (float(fields["dev"]), float(fields["rsd"]), float(fields.get("dif", "nan")),
                                     float(fields.get("P", "nan")), [float(p) for p in powers])
    return out


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "fp.csv")  # doubles, as R reads them


@pytest.fixture(scope="module")
def ref():
    return _reference()


def test_compare_table_matches_r(do, data, ref):
    rc, out, session = do("fracpoly regress y x z, compare", df=data)
    assert rc == 0, out
    r = ref[2]
    lines = out.splitlines()
    assert lines[0] == "." * 8  # one dot per first power, as frac_154's loop prints them
    start = lines.index("Fractional polynomial model comparisons:")
    assert lines[start + 1] == "-" * 78
    assert lines[start + 2] == "x                df       Deviance      Res. SD   Dev. dif.  P (*)  Powers"
    rows = {"Not in model": "none", "Linear": "linear", "m = 1": "m1"}
    for line in lines[start + 4:start + 7]:
        label = line[:17].strip()
        dev, rsd, dif, p, powers = r[rows[label]]
        fields = line[17:].split()
        assert float(fields[1]) == pytest.approx(dev, abs=6e-4)
        assert float(fields[2]) == pytest.approx(rsd, rel=1e-5)
        assert float(fields[3]) == pytest.approx(dif, abs=6e-4)
        assert float(fields[4]) == pytest.approx(p, abs=6e-4)
        assert [float(w) for w in fields[5:]] == powers
    top = lines[start + 7]
    assert top.startswith("m = 2             4        201.051      .568772        --       --  -.5 2")
    assert lines[start + 9] == "(*) P-value from deviance difference comparing reported model with m = 2 model"
    e = session.e
    assert e.scalars["fp_dev"] == pytest.approx(r["m2"][0], rel=1e-9)
    assert e.scalars["fp_d0"] == pytest.approx(r["none"][0], rel=1e-9)
    assert e.scalars["fp_dlin"] == pytest.approx(r["linear"][0], rel=1e-9)
    assert e.scalars["fp_d1"] == pytest.approx(r["m1"][0], rel=1e-9)
    assert e.macros["fp_pwrs"] == "-.5 2"
    assert e.macros["cmd"] == "regress"
    assert f"Deviance:   201.05. Best powers of x among {r['count']} models fit: -.5 2." in out


def test_generated_terms_and_coefficients_match_r(do, data, ref):
    rc, out, session = do("fracpoly regress y x z", df=data)
    assert rc == 0, out
    r = ref[2]
    c1, c2 = r["center"]
    m = re.search(r"-> gen double Ix__1 = X\^-\.5-(\S+) if e\(sample\)\n-> gen double Ix__2 = X\^2-(\S+) if e\(sample\)\n"
                  r"   \(where: X = x/10\)", out)
    assert m, out
    assert float(m.group(1)) == pytest.approx(c1, rel=1e-9)
    assert float(m.group(2)) == pytest.approx(c2, rel=1e-9)
    b = session.e.coefficients()
    names = list(b.names)
    order = [names.index(n) for n in ("_cons", "Ix__1", "Ix__2", "z")]
    np.testing.assert_allclose(np.asarray(b.b)[order], r["coef"], rtol=1e-8)
    np.testing.assert_allclose(np.sqrt(np.diag(np.asarray(b.V)))[order], r["se"], rtol=1e-7)
    x = data["x"].to_numpy() / 10
    ds = session.data
    np.testing.assert_allclose(ds.numeric("Ix__1"), x ** -0.5 - c1, atol=1e-9)  # c1 printed to 10 digits
    assert ds.var_labels["Ix__2"].startswith("X^2-9.3111436") and ds.var_labels["Ix__2"].endswith(": X = x/10")


def test_degree1_log_matches_r(do, data, ref):
    rc, out, session = do("fracpoly, degree(1) log: regress y x", df=data)
    assert rc == 0, out
    r = ref[1]
    lines = out.splitlines()
    assert lines[1] == "Model #      Deviance   Res S.D.  Power 1"
    body = lines[3:3 + r["count"]]
    assert [float(line.split()[-1]) for line in body] == [-2, -1, -.5, 0, .5, 1, 2, 3]
    assert float(body[5].split()[1]) == pytest.approx(r["linear"][0], abs=6e-4)
    assert float(body[7].split()[1]) == pytest.approx(r["m1"][0], abs=6e-4)
    assert f"Best powers of x among {r['count']} models fit: 3." in out
    assert session.e.scalars["fp_d1"] == pytest.approx(r["m1"][0], rel=1e-9)
    np.testing.assert_allclose(np.asarray(session.e.coefficients().b)[::-1], r["coef"], rtol=1e-8)


def test_fixed_powers_deviance_from_numpy(do, data):
    rc, out, session = do("fracpoly regress y x -2 3", df=data)
    assert rc == 0, out
    X = data["x"].to_numpy() / 10
    D = np.column_stack([np.ones(X.size), X ** -2.0, X ** 3.0])
    y = data["y"].to_numpy()
    resid = y - D @ np.linalg.lstsq(D, y, rcond=None)[0]
    n = y.size
    dev = n * (1 + np.log(2 * np.pi * resid @ resid / n))
    assert session.e.scalars["fp_dev"] == pytest.approx(dev, rel=1e-10)
    assert f"Deviance:{dev:9.2f}." in out and "Best powers" not in out


def test_repeated_power_and_purge(do, data):
    rc, out, session = do("gen Ix_old = 1\nfracpoly regress y x, powers(0 3) noscaling", df=data)
    assert rc == 0, out
    assert "Ix_old" not in session.data.varnames  # frac_mun's purge of I + x's first 4 letters
    assert "(where" not in out  # noscaling: X is x itself
    powers = session.e.macros["fp_pwrs"]
    assert powers in ("0 0", "0 3", "3 3")
    x, y = data["x"].to_numpy(), data["y"].to_numpy()
    best = None
    for pw in ((0, 0), (0, 3), (3, 3)):  # frac_154 order; the m=1 models cannot beat a pair here
        t1 = np.log(x) if pw[0] == 0 else x ** 3.0
        t2 = t1 * np.log(x) if pw[0] == pw[1] else x ** 3.0
        D = np.column_stack([np.ones(x.size), t1, t2])
        rss = float(np.sum((y - D @ np.linalg.lstsq(D, y, rcond=None)[0]) ** 2))
        if best is None or rss < best[1]:
            best = (pw, rss)
    assert powers == " ".join(str(p) for p in best[0])
    if best[0] == (0, 0):
        assert "-> gen double Ix__2 = ln(x)^2-" in out


@pytest.mark.parametrize("line, message, code", [
    ("fracpoly nbreg y x", "fracpoly with nbreg is not implemented in mlm", 199),
    ("fracpoly regress y x [aw=z]", "fracpoly with weights is not implemented in mlm", 101),
    ("fracpoly regress y x, sequential", "fracpoly's option sequential is not implemented in mlm", 198),
    ("fracpoly regress y x, noc", "fracpoly's option noc is not implemented in mlm", 198),
    ("fracpoly, adjust(mean) center(mean): regress y x", "options adjust() and center() may not be specified together", 198),
    ("fracpoly regress y x, degree(0)", "invalid option degree()", 198),
    ("fracpoly regress y nosuch", "variable nosuch not found", 111),
])
def test_refusals_leave_data(do, data, line, message, code):
    rc, out, session = do(line, df=data)
    assert rc == code and message in out
    assert session.data.varnames == ["y", "x", "z"]


def test_shifted_x_where_line_and_deviance(do):
    """x with values <= 0 is shifted by -min + the smallest gap between its distinct values
    (frac_xo); X = (ses+shift) is printed and the pair's deviance is numpy's."""
    root = Path(__file__).resolve().parents[1] / "samples" / "data" / "hsb.dta"
    if not root.exists():
        pytest.skip("samples/data/hsb.dta absent")
    rc, out, session = do(f'use "{root}", clear\nfracpoly regress mathach ses female')
    assert rc == 0, out
    ses = session.data.numeric("ses")
    gaps = np.diff(np.unique(ses))
    shift = -ses.min() + gaps.min()
    assert f"   (where: X = (ses+{shift:.10g}))" in out
    X = ses + shift
    y, female = session.data.numeric("mathach"), session.data.numeric("female")
    powers = [float(p) for p in session.e.macros["fp_pwrs"].split()]
    t1 = np.log(X) if powers[0] == 0 else X ** powers[0]
    t2 = t1 * np.log(X) if powers[1] == powers[0] else (np.log(X) if powers[1] == 0 else X ** powers[1])
    D = np.column_stack([np.ones(y.size), t1, t2, female])
    resid = y - D @ np.linalg.lstsq(D, y, rcond=None)[0]
    dev = y.size * (1 + np.log(2 * np.pi * resid @ resid / y.size))
    assert session.e.scalars["fp_dev"] == pytest.approx(dev, rel=1e-10)
    assert session.e.scalars["N"] == y.size


def test_replay_rebuilds_the_comparison_from_e(do, data):
    rc, first, session = do("fracpoly regress y x z, compare", df=data)
    assert rc == 0, first
    rc, again, _ = do("fracpoly, compare", session=session)
    assert rc == 0, again
    assert again.splitlines()[0] == "->regress"
    table = first[first.index("Fractional polynomial model comparisons:"):].splitlines()[:10]
    assert "\n".join(table) in again
    assert again.rstrip().endswith("Deviance:   201.05.")
    rc, out, _ = do("fracpoly", df=data)
    assert rc == 301 and "last estimates not found" in out
