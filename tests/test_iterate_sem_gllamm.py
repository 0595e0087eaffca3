"""iterate(#) in sem/gsem and gllamm.

sem/gsem take ml's maximize options: at a typed iterate() the results where the maximiser
stopped are posted (e(converged) = 0, rc 0), the log ends in ``convergence not achieved``
and the table in ``Warning: convergence not achieved`` (convergence.finish, as logit and
the me commands).  gllamm (gllamm.ado 2.3.20) hands ml iterate() only when typed, so ml's
log ends in ``convergence not achieved`` and gllamm displays its results without a warning;
with ``adapt`` its own loop stops at iterate() (default 150) with ``Adaptive quadrature did
not converge in # iterations`` (``has not converged`` at iterate(0)) and rc 0."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = pd.read_csv(ROOT / "tests" / "reference_values" / "sem_paths.csv")
GSEM = "gsem (write <- math M1[cid]) (science <- write math M2[cid])"
SEM = "sem (write <- math) (science <- write math)"
HSB = (f'use "{ROOT / "samples" / "data" / "hsb.dta"}", clear\n'
       "keep if school <= 1400\ngenerate hi = mathach > 13\n")
GLLAMM = "gllamm hi ses female, i(school) link(logit) family(binomial)"


def _lines(out: str) -> list[str]:
    return out.rstrip("\n").split("\n")


def test_gsem_iterate_posts_the_results_where_it_stopped(do):
    rc, out, s = do(f"{GSEM}, iterate(3)", DATA.copy())
    assert rc == 0, out
    lines = _lines(out)
    at = lines.index("convergence not achieved")
    assert lines[at - 1].startswith("Iteration 3:")
    assert lines[-1] == "Warning: convergence not achieved"
    assert s.e.scalars["converged"] == 0 and s.e.scalars["rc"] == 0
    assert s.e.scalars["ll"] == pytest.approx(float(lines[at - 1].split("=")[1]), abs=1e-4)
    stopped = s.e.matrices["b"].values.ravel()
    rc, out, s = do(f"{GSEM}, nolog", DATA.copy())
    assert rc == 0 and s.e.scalars["converged"] == 1
    assert s.e.scalars["ll"] > float(lines[at - 1].split("=")[1])
    assert not np.allclose(stopped, s.e.matrices["b"].values.ravel(), rtol=1e-4)


def test_gsem_replay_repeats_the_warning(do, run):
    rc, out, s = do(f"quietly {GSEM}, iterate(2)", DATA.copy())
    assert rc == 0
    text, rc = run(s, "gsem")
    assert rc == 0 and _lines(text)[-1] == "Warning: convergence not achieved"
    text, rc = run(s, f"quietly {GSEM}, nolog\ngsem")
    assert rc == 0 and "Warning" not in text


def test_gsem_iterate_large_enough_converges_as_without(do):
    rc, out, s = do(f"{GSEM}, nolog iterate(200)", DATA.copy())
    assert rc == 0 and s.e.scalars["converged"] == 1 and "Warning" not in out
    b = s.e.matrices["b"].values.ravel()
    rc, out, s = do(f"{GSEM}, nolog", DATA.copy())
    assert np.allclose(b, s.e.matrices["b"].values.ravel(), rtol=1e-8)


def test_sem_closed_form_and_iterate0(do):
    """Without latent variables the maximum is reached at iteration 0: any iterate(#) >= 1
    converges; iterate(0) is ml's limit like any other (e(converged) = 0, rc 0)."""
    rc, out, s = do(f"{SEM}, iterate(1)", DATA.copy())
    assert rc == 0 and s.e.scalars["converged"] == 1 and "convergence not achieved" not in out
    rc, out, s = do(f"{SEM}, iterate(0)", DATA.copy())
    assert rc == 0, out
    lines = _lines(out)
    assert lines[lines.index("convergence not achieved") - 1].startswith("Iteration 0:")
    assert lines[-1] == "Warning: convergence not achieved" and s.e.scalars["converged"] == 0


@pytest.mark.parametrize("bad", ["iterate(-1)", "iterate(x)", "iterate(1.5)"])
def test_sem_iterate_must_be_a_whole_number(do, bad):
    rc, out, s = do(f"{SEM}, {bad}", DATA.copy())
    assert rc == 198 and "option iterate() incorrectly specified" in out


def test_gllamm_adapt_stops_with_its_message(do):
    rc, out, s = do(HSB + f"{GLLAMM} adapt iterate(2)")
    assert rc == 0, out
    lines = _lines(out)
    at = lines.index("Adaptive quadrature did not converge in 2 iterations")
    assert lines[at - 1].startswith("Iteration 2:    log likelihood =")
    assert "running Newton-Raphson" not in out and "Warning" not in out and "r(430)" not in out
    assert s.e.scalars["converged"] == 0
    assert "log likelihood = " + lines[at - 1].split("= ")[1].strip() in lines


def test_gllamm_adapt_iterate0_even_with_nolog(do):
    rc, out, s = do(HSB + f"{GLLAMM} adapt iterate(0) nolog")
    assert rc == 0, out
    assert "Adaptive quadrature has not converged" in _lines(out)
    assert "Iteration" not in out


def test_gllamm_ml_iterate_ends_the_log_and_shows_the_results(do):
    rc, out, s = do(HSB + f"{GLLAMM} iterate(1)")
    assert rc == 0, out
    lines = _lines(out)
    at = lines.index("convergence not achieved")
    assert lines[at - 1].startswith("Iteration 1:   log likelihood =")
    assert "Variances and covariances of random effects" in out and "Warning" not in out
    assert s.e.scalars["converged"] == 0


def test_gllamm_converged_fit_unchanged_by_a_large_iterate(do):
    rc, out, s = do(HSB + f"{GLLAMM} adapt iterate(100) nolog")
    assert rc == 0 and s.e.scalars["converged"] == 1
    b = s.e.matrices["b"].values.ravel()
    rc, out, s = do(HSB + f"{GLLAMM} adapt nolog")
    assert rc == 0 and np.allclose(b, s.e.matrices["b"].values.ravel(), rtol=1e-8)
