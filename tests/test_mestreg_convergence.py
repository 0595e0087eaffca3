"""mestreg ends a fit that stopped short as ml does (commands/estimation/convergence.py):
``convergence not achieved`` closes the log, ``iterate(#)`` typed gives the warning after the
table and rc 0 with e(converged) = 0, and a replay repeats the warning."""
from __future__ import annotations

from pathlib import Path

CSV = Path(__file__).parent / "reference_values" / "mestreg_multilevel_sim.csv"


def test_iterate_limit_ends_with_ml_warning(tmp_path, mlm):
    do = tmp_path / "m.do"
    do.write_text(f"import delimited using {CSV}, clear\nstset time, failure(fail)\n"
                  "mestreg x age || hosp:, dist(weibull) iterate(2)\n"
                  "di \"conv=\" e(converged) \" rc=\" e(rc)\nmestreg\n")
    out = mlm(str(do), cwd=tmp_path).stdout
    fit = out.split(". mestreg x age")[1].split(". di")[0]
    log, table = fit.split("Mixed-effects Weibull regression")
    assert log.rstrip().endswith("Iteration 2:   log likelihood = -380.81239  \nconvergence not achieved")
    assert table.rstrip().endswith("Warning: convergence not achieved")
    assert "LR test" not in table  # no LR test of a fit that did not converge
    assert "conv=0 rc=0" in out
    replay = out.split(". mestreg\n")[1]
    assert replay.rstrip().endswith("Warning: convergence not achieved")
    assert "\nr(" not in out


def test_converged_fit_has_no_warning(tmp_path, mlm):
    do = tmp_path / "m.do"
    do.write_text(f"import delimited using {CSV}, clear\nstset time, failure(fail)\n"
                  "mestreg x age || hosp:, dist(exponential)\ndi \"conv=\" e(converged)\n")
    out = mlm(str(do), cwd=tmp_path).stdout
    assert "convergence not achieved" not in out and "conv=1" in out
