"""mixed's tolerance()/ltolerance() scale the optimizer's stopping criteria (defaults unchanged)."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.mixed.optimizer import DEFAULT_LTOLERANCE, DEFAULT_TOLERANCE, minimize_deviance


def deviance(x):
    """A skewed bowl with its minimum 1000 at (1.3, 0.7)."""
    a, b = x[0] - 1.3, x[1] - 0.7
    return 1000.0 + 50 * a * a + 3 * b * b + 10 * a * b + 0.5 * a ** 4 + 2 * abs(a) ** 3


LOWER = np.array([0.0, -np.inf])
START = np.array([0.2, 3.0])


def fit(**kw):
    return minimize_deviance(deviance, START, LOWER, **kw)


def test_defaults_are_statas():
    assert (DEFAULT_TOLERANCE, DEFAULT_LTOLERANCE) == (1e-6, 1e-7)
    explicit = fit(tolerance=1e-6, ltolerance=1e-7)
    default = fit()
    assert np.array_equal(explicit.theta, default.theta) and explicit.n_eval == default.n_eval


def test_looser_tolerances_stop_no_later_and_stay_close():
    default = fit()
    loose = fit(tolerance=1e-1, ltolerance=1e-1)
    assert loose.converged
    assert loose.n_eval <= default.n_eval
    assert loose.deviance - 1000.0 < 1e-6
    strict = fit(tolerance=1e-12, ltolerance=1e-14)
    assert strict.n_eval >= default.n_eval
    assert abs(strict.theta - [1.3, 0.7]).max() < 1e-6


@pytest.mark.parametrize("tol,ltol", [(-1.0, -1.0), (0.0, 0.0)])
def test_non_positive_tolerances_still_converge(tol, ltol):
    res = fit(tolerance=tol, ltolerance=ltol)
    assert res.converged and abs(res.theta - [1.3, 0.7]).max() < 1e-5


def test_mixed_accepts_tolerances_end_to_end():
    import io

    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    rng = np.random.default_rng(7)
    g = np.repeat(np.arange(30), 8)
    x = rng.normal(size=g.size)
    y = 1 + 0.5 * x + rng.normal(size=30)[g] + rng.normal(size=g.size)
    lls = []
    for opts in ("", ", tolerance(1e-2) ltolerance(1e-3)", ", ltolerance(-1)"):
        s = Session(out=Output(io.StringIO()))
        s.data = Dataset(df=pd.DataFrame({"y": y, "x": x, "g": g.astype(float)}))
        rc = Runner(s).run_text(f"quietly mixed y x || g:{opts}\nscalar ll = e(ll)", echo=False)
        assert rc == 0, s.out.stream.getvalue()
        lls.append(s.scalars["ll"])
    assert abs(lls[1] - lls[0]) < 1e-3 * abs(lls[0]) and abs(lls[2] - lls[0]) < 1e-6 * abs(lls[0])
