"""Round 15 of the command fuzz (docs/command_fuzz.md): postestimation after every estimator.

The lines tests/fuzz_round15_postestimation.py found, each fix's behaviour, that the driver's
checks can fail, and a few generated lines after a few models (``MLM_POST_FUZZ_COUNT`` for more)."""
from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
import fuzz_round15_postestimation as r15  # noqa: E402
import postestimation_sweep as sweep  # noqa: E402


@pytest.fixture(scope="module")
def panel():
    return sweep.panel()


_BENCHES: dict = {}


def _bench(name, panel):
    """The model ``name`` fitted once for the module (each use leaves it as it found it)."""
    fc._install_traceback_hook()
    if name not in _BENCHES:
        _BENCHES[name] = r15.Bench(name, panel)
    bench = _BENCHES[name]
    assert bench.ok, f"{name} did not fit"
    bench.reset()
    return bench


def _run(bench, line: str):
    """(rc, printed) of ``line``, which must give no finding (internal error, hang, data or e()
    changed by a failure); the bench is put back afterwards."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        rc, findings, printed = bench.run(line)
    bench.reset()
    assert not findings, "\n".join(f"{f.kind}: {f.detail}" for f in findings)
    return rc, printed


def _expect(bench, line: str, rc: int, text: str = "") -> None:
    got, printed = _run(bench, line)
    assert got == rc and text in printed, printed


# ------------------------------------------------------------------ what the fuzz found
@pytest.mark.parametrize("line", ["lincom 1e300*x", "lincom 1e300*x - 1e300*x2", "test 1e300*x = 0",
                                  "test 1e300*x = 1e300*x2", "test (1e300*x = 0) (x2 = 0)",
                                  "testnl 1e300*_b[x] = 0"])
@pytest.mark.parametrize("model", ["regress", "logit", "sureg"])
def test_a_combination_past_the_largest_double_is_missing_values(panel, model, line):
    # found: numpy's overflow warning in c'Vc (lincom, test) and G V G' (testnl) was r(9999);
    # the variance past c(maxdouble) is missing, as the check after it already said: r(504)
    bench = _bench(model, panel)
    rc, printed = _run(bench, line)  # no finding: e() and the data as they were
    assert rc == 504, printed
    assert "matrix has missing values" in printed


@pytest.mark.parametrize("line,value", [("lincom 1e150*x", 1e150), ("test 1e150*x = 0", None)])
def test_a_large_but_representable_combination_still_runs(panel, line, value):
    bench = _bench("regress", panel)
    b = float(bench.session.e.matrices["b"].values[0][0])
    rc, findings, printed = bench.run(line)
    assert rc == 0 and not findings, printed
    if value is not None:
        assert bench.session.r["estimate"] == pytest.approx(value * b)
    bench.reset()


@pytest.mark.parametrize("model", ["regress", "xtreg", "xtreg_fe", "mixed", "logit", "poisson", "stcox"])
def test_predict_after_every_observation_is_dropped(panel, model):
    # found: predict (and margins after xtreg/mixed) with no observations was numpy's "cannot
    # reshape array of size 0" (r(9999)); predict makes the (empty) variable, margins says the
    # estimation data are gone (r(459), as after regress)
    bench = _bench(model, panel)
    session = bench.session
    rc, printed = _run(bench, "drop if 1\npredict p")
    assert rc in (0, 459), printed
    rc, printed = _run(bench, "drop if 1\nmargins")
    assert rc == 459, printed
    assert "requires that the data used in estimation be in memory" in printed
    assert session.data.nobs == 180  # the bench put the data back


def test_predict_with_no_observations_makes_the_variable(panel):
    bench = _bench("xtreg", panel)
    runner, session = bench.runner, bench.session
    assert runner.run_text("drop if 1", echo=False) == 0
    assert runner.run_text("predict p, xb", echo=False) == 0
    assert "p" in session.data.df.columns and session.data.nobs == 0
    bench.reset()


@pytest.mark.parametrize("model", ["regress", "fracreg_het", "mlogit"])
def test_test_of_an_equation_with_only_a_constant(panel, model):
    # found: after margins, post (e(b) one _cons), test [#1] built no constraint and wald_test
    # indexed an empty R (IndexError, r(9999)); nothing to test is r(198), and with constant the
    # _cons is tested
    bench = _bench(model, panel)
    _expect(bench, "margins, post\ntest [#1]", 198, "invalid syntax")
    _expect(bench, "margins, post\ntest [#1], constant", 0)


def test_test_of_regress_unnamed_equation_by_number(panel):
    # [#1] names regress's unnamed equation (as lincom's [#1]x): its coefficients, not "[]x" (r(198))
    bench = _bench("regress", panel)
    rc, printed = bench.run("test [#1]")[0], bench.session.out.stream.getvalue()
    assert rc == 0, printed
    assert bench.session.r["df"] == 2
    assert "( 1)  x = 0" in printed and "( 2)  x2 = 0" in printed
    bench.reset()
    rc, findings, printed = bench.run("margins, dydx(*) post\ntest [#1]")
    assert rc == 0 and not findings and bench.session.r["df"] == 2, printed
    bench.reset()


@pytest.mark.parametrize("model", ["regress", "logit", "mixed"])
def test_margins_over_a_continuous_variable_is_refused(panel, model):
    # found (read in the -v output): margins, over(x) of a continuous x made one group per
    # distinct value (180 margins); [R] margins: over()'s variables hold nonnegative integers,
    # checked as factor variables are (r(452))
    bench = _bench(model, panel)
    _expect(bench, "margins, over(x)", 452, "x:  factor variables may not contain negative values")
    _expect(bench, "generate half = grp / 2\nmargins, over(half)", 452,
            "half:  factor variables may not contain noninteger values")
    _expect(bench, "margins, within(x)", 452)
    _expect(bench, "generate g2 = grp if _n > 1\nmargins, over(g2)", 0)  # missing: no group, no error
    rc, findings, printed = bench.run("margins, over(grp)")
    assert rc == 0 and not findings and bench.session.r["N"] == 180, printed
    bench.reset()


# ------------------------------------------------------------------ the driver
def test_the_driver_reports_an_internal_error(panel, monkeypatch):
    import mlmcli.postest.wald as wald

    def broken(*args, **kwargs):
        raise ValueError("planted")

    bench = _bench("regress", panel)
    monkeypatch.setattr(wald, "linear_combination", broken)
    rc, findings, _ = bench.run("lincom x")
    assert rc == 9999 and [f.kind for f in findings] == ["internal"]
    assert "planted" in findings[0].detail


def test_the_driver_reports_data_and_results_changed_by_a_failure(panel, monkeypatch):
    bench = r15.Bench("regress", panel)  # its own: the planted failure replaces e()
    prints = iter([("before",), ("after",)])
    monkeypatch.setattr(fc, "fingerprint", lambda session: next(prints))
    digests = iter(["e before", "e after"])
    monkeypatch.setattr(r15, "_e_digest", lambda e: next(digests))
    real = bench.runner.run_text

    def failing_and_replacing_e(text, **kw):
        rc = real(text, **kw)
        bench.session.e = bench.session.estimates.get("lg", bench.session.e)
        return rc

    monkeypatch.setattr(bench.runner, "run_text", failing_and_replacing_e)
    rc, findings, _ = bench.run("lincom nosuch")
    assert rc == 111
    assert sorted(f.kind for f in findings) == ["data-changed", "e-changed"]


def test_the_lines_cover_every_family():
    lines = r15.lines_for("regress", 1, 200, list(r15.FAMILIES))
    words = {line.split("\n")[-1].split()[0] for line in lines}
    assert {"predict", "margins", "test", "lincom", "nlcom", "estat", "estimates", "lrtest",
            "contrast", "pwcompare"} <= words | {w for line in lines for w in line.split()[:2]}
    assert r15.lines_for("mixed", 3, 30, ["predict"]) == r15.lines_for("mixed", 3, 30, ["predict"])


def test_generated_lines_find_nothing(panel):
    count = int(os.environ.get("MLM_POST_FUZZ_COUNT", "12"))
    budget = float(os.environ.get("MLM_POST_FUZZ_BUDGET", "8"))
    fc._install_traceback_hook()
    findings, start = [], time.monotonic()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        for name in ("regress", "logit", "xtreg_fe", "mixed", "mlogit"):
            bench = _bench(name, panel)
            for line in r15.lines_for(name, 7, count, list(r15.FAMILIES)):
                if time.monotonic() - start > budget:
                    break
                findings += bench.run(line)[1]
                bench.reset()
    assert not findings, "\n".join(f"{f.kind}: {f.model}: {f.line!r}: {f.detail}" for f in findings)
