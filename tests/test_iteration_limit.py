"""ml-based commands reaching ``iterate(#)``: Stata's ml posts the results it has
(ml_max.ado: ``$ML_rc`` 0 when iterate() is typed, ml_footnote.ado):

    Iteration 2:   log likelihood = -109.46941
    convergence not achieved
    (blank)
    <header and table>
    Warning: convergence not achieved

with e(converged) = 0 and rc 0; the default limit (no iterate()) ends in r(430) after the
table (e(rc) = 430), and glm (which always hands ml its iterate()) never errors on the limit.
One case per command family: logit/poisson (the GLM commands), glm, melogit (the me
commands), meqrlogit and xtlogit (the same engine), and the engine's tell-apart of the limit
from a failed step."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special

from mlmcli.commands.estimation.convergence import WARNING, finish
from mlmcli.errors import StataError
from mlmcli.estimation.results import EstimationResults


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    g = np.repeat(np.arange(1, 31), 10)
    x = rng.normal(size=g.size)
    u = rng.normal(size=31)[g]
    y = (rng.uniform(size=g.size) < special.expit(-0.2 + x + u)).astype(float)
    c = rng.poisson(np.exp(0.2 * x + 0.5 * u)).astype(float)
    return pd.DataFrame({"g": g.astype(float), "x": x, "y": y, "c": c})


def _lines(out: str) -> list[str]:
    return out.rstrip().split("\n")


def _ends_with_warning(out: str) -> bool:
    return _lines(out)[-1] == WARNING


def _log_then_line(out: str, last_iteration: int) -> bool:
    """``convergence not achieved`` right under the last ``Iteration #:`` line, then a blank."""
    lines = _lines(out)
    at = max(i for i, ln in enumerate(lines) if ln.startswith("Iteration "))
    return (lines[at].startswith(f"Iteration {last_iteration}:") and lines[at + 1] == "convergence not achieved"
            and lines[at + 2] == "")


def test_logit_iterate_posts_results_with_the_warning(do, data):
    rc, out, s = do("logit y x, iterate(2)", data.copy())
    assert rc == 0, out
    assert _log_then_line(out, 2) and _ends_with_warning(out)
    assert "r(430)" not in out
    assert s.e.scalars["converged"] == 0 and s.e.scalars["rc"] == 0
    assert s.e.scalars["ll"] < do("logit y x", data.copy())[2].e.scalars["ll"]  # stopped short of the optimum


def test_logit_iterate0_posts_the_starting_values(do, data):
    """iterate(0): the results at the starting values (logit's: slopes 0, the constant-only _cons)."""
    rc, out, s = do("logit y x, iterate(0)", data.copy())
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    assert b[0] == 0 and b[1] == pytest.approx(special.logit(data.y.mean()), abs=1e-10)
    assert _log_then_line(out, 0) and _ends_with_warning(out)
    assert s.e.scalars["converged"] == 0


def test_replay_repeats_the_warning_and_nolog_keeps_it(do, data):
    rc, out, s = do("poisson c x, iterate(1) nolog", data.copy())
    assert rc == 0 and "Iteration" not in out and "\nconvergence not achieved" not in out
    assert _ends_with_warning(out)
    rc, out, _ = do("poisson", session=s)
    assert rc == 0 and _ends_with_warning(out)


def test_the_default_limit_is_r430_after_the_table(do, data):
    """No iterate(): ml's $ML_rc is 430 -- the table, then the error (as [R] logit's example)."""
    rc, out, s = do("logit y x, tolerance(0) ltolerance(0) nrtolerance(0) nolog", data.copy())
    assert rc == 430
    assert _lines(out)[-2:] == ["convergence not achieved", "r(430);"]
    assert "_cons |" in out and WARNING not in out
    assert s.e.scalars["converged"] == 0 and s.e.scalars["rc"] == 430
    assert s.e.scalars["ic"] == 16000  # iterate()'s default: c(maxiter)
    rc, out, _ = do("logit", session=s)  # the replay ends as ml_footnote does: the error again
    assert rc == 430


def test_glm_limit_is_never_an_error(do, data):
    """glm.ado passes ml iterate(`iterate') always (default c(maxiter)): rc 0 either way."""
    for opts in ("iterate(1)", "tolerance(0) ltolerance(0)"):
        rc, out, s = do(f"glm c x, family(poisson) {opts}", data.copy())
        assert rc == 0, out
        assert _ends_with_warning(out) and s.e.scalars["converged"] == 0
        assert s.e.scalars["ic"] == (1 if opts == "iterate(1)" else 16000)  # default c(maxiter)
    rc, out, s = do("glm c x, family(poisson) iterate(1)", data.copy())
    assert _log_then_line(out, 1)


def test_glm_gaussian_identity_starts_at_the_optimum(do, data):
    """glm.ado: Gaussian, identity link, no offset -- ml iterate(0) nowarning: one log line,
    converged, whatever iterate() says."""
    for opts in ("", ", iterate(0)"):
        rc, out, s = do(f"glm c x{opts}", data.copy())
        assert rc == 0 and WARNING not in out and "convergence not achieved" not in out
        assert [ln for ln in _lines(out) if ln.startswith("Iteration")] == [
            ln for ln in _lines(out) if ln.startswith("Iteration 0:")]
        assert s.e.scalars["converged"] == 1
    beta = np.linalg.lstsq(np.column_stack([data.x, np.ones(len(data))]), data.c, rcond=None)[0]
    assert s.e.matrices["b"].values.ravel()[:2] == pytest.approx(beta, rel=1e-10)


def test_melogit_iterate_stops_where_asked(do, data):
    """The me commands: the full model's log stops at iterate(#) (no polishing past it), no
    LR test of a fit that did not converge (_me_display.ado), the warning last."""
    rc, out, s = do("melogit y x || g:, iterate(1)", data.copy())
    assert rc == 0, out
    full = out.split("Fitting full model:")[1]
    assert [ln.split(":")[0] for ln in _lines(full) if ln.startswith("Iteration")] == ["Iteration 0", "Iteration 1"]
    assert _log_then_line(out, 1) and _ends_with_warning(out)
    assert "LR test" not in out
    assert s.e.scalars["converged"] == 0
    last = [ln for ln in _lines(full) if ln.startswith("Iteration 1:")][0]
    assert f"{s.e.scalars['ll']:.8g}"[:7] in last.replace(" ", "")
    rc, out, _ = do("melogit", session=s)
    assert rc == 0 and _ends_with_warning(out)


def test_meqrlogit_and_xtlogit_iterate(do, data):
    for text in ("meqrlogit y x || g:, iterate(1)", "xtset g\nxtlogit y x, re iterate(1)",
                 "xtset g\nxtpoisson c x, re iterate(1)"):
        rc, out, s = do(text, data.copy())
        assert rc == 0, out
        assert _log_then_line(out, 1) and _ends_with_warning(out)
        assert s.e.scalars["converged"] == 0


def test_conditional_and_xtnbreg_honour_iterate(do, data):
    """clogit (iterate() was accepted but not passed on before) and xtnbreg fe/re."""
    for text in ("clogit y x, group(g) iterate(1)", "xtset g\nxtnbreg c x, re iterate(1)",
                 "xtset g\nxtnbreg c x, fe iterate(1)"):
        rc, out, s = do(text, data.copy())
        assert rc == 0, out
        assert _log_then_line(out, 1) and _ends_with_warning(out)
        assert s.e.scalars["converged"] == 0
    rc, out, s = do("clogit y x, group(g)", data.copy())
    assert rc == 0 and s.e.scalars["converged"] == 1 and "convergence not achieved" not in out


def test_xtreg_mle_honours_iterate(do, data):
    """xtreg, mle: iterate() was accepted and ignored; now ml's end at the limit."""
    rc, out, s = do("xtset g\nxtreg y x, mle iterate(1)", data.copy())
    assert rc == 0, out
    assert _log_then_line(out, 1) and _ends_with_warning(out)
    assert s.e.scalars["converged"] == 0
    rc, out, s = do("xtset g\nxtreg y x, mle", data.copy())
    assert rc == 0 and s.e.scalars["converged"] == 1 and "convergence not achieved" not in out


def test_newton_tells_the_limit_from_a_failed_step():
    from mlmcli.glm.newton import maximize

    def f(x):
        return -float(x @ x)

    def gh(x):
        return -2 * x, -2 * np.eye(len(x))

    res = maximize(f, gh, np.array([3.0, -1.0]), iterate=0)
    assert not res.converged and res.limit_reached
    res = maximize(lambda x: f(x) if np.allclose(x, [3.0, -1.0]) else np.nan, gh, np.array([3.0, -1.0]))
    assert not res.converged and not res.limit_reached  # no step is feasible: a failure
    assert maximize(f, gh, np.array([3.0, -1.0])).converged


def test_a_failure_is_an_error_even_with_iterate(new_session):
    session = new_session(pd.DataFrame({"y": [1.0]}))
    e = EstimationResults(cmd="logit", scalars={"converged": 0.0})
    with pytest.raises(StataError) as err:
        finish(session, e, converged=False, at_limit=False, iterate_typed=True)
    assert err.value.rc == 430 and e.scalars["rc"] == 430
    finish(session, e, converged=False, at_limit=True, iterate_typed=True)
    assert e.scalars["rc"] == 0
