"""``regress, vce(jackknife, ...)``'s reporting options: the eform options (jackknife.ado reads
them with _get_eformopts and regress's replay shows the table exponentiated, Stata 13's
headings, no ``_cons`` row), checked against R's leave-one-out jackknife
(``tests/regress_reference/vcovhc.json``); and the fit plots taking them without a change."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import t as student_t

from graphs_helpers import double_session, drawn, make_session, run
from mlmcli.render.numfmt import format_number

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "vcovhc.json").read_text())


@pytest.fixture
def s():
    return double_session({k: REFERENCE[k] for k in ("y", "x1", "x2", "w")})


def _run(s, text):
    return run(s, text, stop_on_error=False)


def _reference_rows():
    """(name, exp(b), exp(b) se, t, lo, hi) of x1 and x2: b by least squares, se from R's V."""
    y, x1, x2 = (np.asarray(REFERENCE[k]) for k in ("y", "x1", "x2"))
    b = np.linalg.lstsq(np.column_stack([x1, x2, np.ones_like(y)]), y, rcond=None)[0]
    se = np.sqrt(np.diag(np.asarray(REFERENCE["jackknife"])))
    q = student_t.ppf(.975, len(y) - 1)
    return [(name, np.exp(b[j]), np.exp(b[j]) * se[j], b[j] / se[j], np.exp(b[j] - q * se[j]),
             np.exp(b[j] + q * se[j])) for j, name in enumerate(("x1", "x2"))]


@pytest.mark.parametrize("option, heading", [
    ("eform", "exp(b)"), ("ef", "exp(b)"), ("or", "Odds Ratio"), ("irr", "IRR"), ("ir", "IRR"), ("rrr", "RRR"),
    ("hr", "Haz. Ratio"), ("shr", "SHR"), ("tr", "Tm. Ratio"), ('eform("Ratio of y")', "Ratio of y")])
def test_eform_table(s, option, heading):
    out, rc = _run(s, f"regress y x1 x2, vce(jackknife, {option} nodots)")
    assert rc == 0, out
    lines = out.splitlines()
    head = next(line for line in lines if line.startswith("           y |"))
    assert head == "           y |" + heading.rjust(11) + "   Std. Err.      t    P>|t|     [95% Conf. Interval]"
    assert not any(line.strip().startswith("_cons") for line in lines)  # Stata 13 drops the constant
    for name, e, se, t, lo, hi in _reference_rows():
        row = next(line for line in lines if line.startswith(name.rjust(12) + " |"))
        expected = (name.rjust(12) + " |" + format_number(e, "%9.0g").rjust(11) + format_number(se, "%9.0g").rjust(11)
                    + format_number(t, "%8.2f").rjust(9))
        assert row.startswith(expected), (row, expected)
        assert row.endswith(format_number(lo, "%9.0g").rjust(13) + format_number(hi, "%9.0g").rjust(12))
    # e() keeps b and V; a replay is not exponentiated (eform is not stored)
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE["jackknife"]), rtol=1e-10)
    out, _ = _run(s, "regress")
    assert "      Coef.   Std. Err." in out and "_cons |" in out


@pytest.mark.parametrize("options, message", [
    ("or irr", "options or and irr may not be combined"),
    ("eform(x) hr", "options eform() and hr may not be combined"),
    ("or(2)", "option or() not allowed")])
def test_eform_conflicts(s, options, message):
    out, rc = _run(s, f"regress y x1 x2, vce(jackknife, {options})")
    assert rc == 198 and message in out and s.e is None


def test_nohr_asks_for_no_eform(s):
    out, rc = _run(s, "regress y x1 x2, vce(jackknife, nohr nodots)")
    assert rc == 0 and "      Coef.   Std. Err." in out and "_cons |" in out


def test_eform_with_fweights(s):
    out, rc = _run(s, "regress y x1 x2 [fw=w], vce(jackknife, or nodots)")
    assert rc == 0 and "Odds Ratio" in out, out
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    row = next(line for line in out.splitlines() if line.startswith("          x2 |"))
    assert row.split()[2:4] == [format_number(np.exp(b[1]), "%9.0g").strip(),
                                format_number(np.exp(b[1]) * np.sqrt(V[1, 1]), "%9.0g").strip()]


def test_graph_takes_eform_without_change():
    s = make_session()
    plain, _ = drawn(s, "twoway lfitci y x, n(5) estopts(vce(jackknife))")
    graph, _ = drawn(s, "twoway lfitci y x, n(5) estopts(vce(jackknife, or))")
    np.testing.assert_array_equal(graph.panels[0].series[0].y2, plain.panels[0].series[0].y2)


def test_noisily_prints_regress_in_every_replicate(s):
    """jackknife.ado's noisily: no "(running ...)" note (_prefix_note is called with nodots) and
    no dots; "jackknife: First call to regress with data as is:", a blank line, the command and
    regress's output; a blank line, "Jackknife replications (N)", then the command and regress's
    output without each observation; then the jackknife table."""
    _run(s, "keep in 1/6")
    out, rc = _run(s, "regress y x1, vce(jackknife, noisily)")
    assert rc == 0, out
    full, _ = _run(s, "regress y x1")
    each = [_run(s, f"regress y x1 if _n != {i}")[0] for i in range(1, 7)]
    final, _ = _run(s, "regress y x1, vce(jackknife, nodots)")
    expected = ("jackknife: First call to regress with data as is:\n\n. regress y x1\n" + full
                + "\nJackknife replications (6)\n" + "".join(". regress y x1\n" + text for text in each) + final)
    assert out == expected
    assert s.e.macros["vce"] == "jackknife" and s.e.scalars["N_reps"] == 6


def test_noisily_with_clusters(s):
    _run(s, "keep in 1/9\ngenerate c = mod(_n, 3)")
    out, rc = _run(s, "regress y   x1 x2, vce(jackknife, noisily cluster(c) mse)")
    assert rc == 0, out
    assert "Jackknife replications (3)" in out and out.count(". regress y x1 x2\n") == 4
    for c in range(3):  # each cluster left out in sorted order
        text, _ = _run(s, f"regress y x1 x2 if c != {c}")
        assert text in out


def test_noisily_with_if_and_in(s):
    """_vce_parserun hands the prefix ``if (exp)``; _prefix_command's line is ``cmd varlist if in``
    with runs of blanks made one; the replicates are e(sample)'s observations."""
    _run(s, "keep in 1/12")
    cond = "x2 >  0 |  x1<1"
    out, rc = _run(s, f"regress y  x1 if {cond} in 2/11, vce(jackknife, noisily)")
    assert rc == 0, out
    echo = ". regress y x1 if (x2 > 0 | x1<1) in 2/11\n"
    x1, x2 = s.data.numeric("x1"), s.data.numeric("x2")
    rows = [i for i in range(1, 11) if x2[i] > 0 or x1[i] < 1]
    full, _ = _run(s, f"regress y x1 if {cond} in 2/11")
    each = [_run(s, f"regress y x1 if ({cond}) & _n != {i + 1} in 2/11")[0] for i in rows]
    final, _ = _run(s, f"regress y x1 if {cond} in 2/11, vce(jackknife, nodots)")
    expected = ("jackknife: First call to regress with data as is:\n\n" + echo + full
                + f"\nJackknife replications ({len(rows)})\n" + "".join(echo + text for text in each) + final)
    assert out == expected
    assert s.e.scalars["N_reps"] == len(rows) < 10


def test_noisily_echoes_full_variable_names(s):
    """_eqlist's tsunab/fvunab: abbreviations written in full, wildcards expanded."""
    _run(s, "keep in 1/6\nrename x1 first")
    out, rc = _run(s, "regress y fir x*, vce(jackknife, noisily)")
    assert rc == 0, out
    assert out.count(". regress y first x2\n") == 7


def test_graph_prints_noisily_runs_and_draws_the_same():
    """twoway__lfit_serset runs regress under capture, but _loop_jknife runs each replicate with
    ``capture noisily quietly noisily`` and echoes it with ``noisily di``: those show; the heading
    and the table (plain di) do not (graphs.fpfit_printed_runs).  The band is the same."""
    s = make_session()
    plain, _ = drawn(s, "twoway lfitci y x [fw=w], n(5) estopts(vce(jackknife))")
    out, rc = run(s, "twoway lfitci y x [fw=w], n(5) estopts(vce(jackknife, noisily))")
    assert rc == 0 and "First call" not in out and "Jackknife replications" not in out
    assert out.count(". regress y x [fweight= w]") == 60  # fweights: each observation left out
    np.testing.assert_array_equal(s.graphs[-1].panels[0].series[0].y2, plain.panels[0].series[0].y2)


@pytest.mark.parametrize("text", ["regress y, noconstant vce(jackknife)", "regress y, noconstant vce(jackknife, nodots)"])
def test_no_coefficients_is_refused_as_prefix_expand_does(s, text):
    # nothing to jackknife: _prefix_expand's "e(b) has zero columns", r(322), the data as before
    before = s.data.df.copy()
    out, rc = _run(s, text)
    assert rc == 322 and out.strip().splitlines()[-2:] == ["e(b) has zero columns", "r(322);"]
    assert "Jackknife" not in out
    assert s.data.df.equals(before)
