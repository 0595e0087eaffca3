"""The independent check of margins after multi-equation fits (tests/test_margins_after_*.py):
the average of the command's own prediction formula at e(b), and its delta-method standard
error from a central-difference Jacobian in e(b) -- sqrt(J V J')."""
from __future__ import annotations

import numpy as np
import pytest


def delta_reference(s, df, fn):
    """(average of fn(coef, df), delta-method SE); coef maps e(b)'s names to values."""
    b, V = s.e.matrices["b"], s.e.matrices["V"].values
    names, bv = b.colnames, b.values.ravel()
    coef = dict(zip(names, bv))
    value = float(np.mean(fn(coef, df)))
    J = np.zeros(len(bv))
    for j in range(len(bv)):
        if V[j, j] == 0:
            continue
        h = 1e-6 * max(1.0, abs(bv[j]))
        up, dn = dict(coef), dict(coef)
        up[names[j]] += h
        dn[names[j]] -= h
        J[j] = (np.mean(fn(up, df)) - np.mean(fn(dn, df))) / (2 * h)
    return value, float(np.sqrt(J @ V @ J))


def check_margin(s, ref, col=0):
    """r(table)'s margin and SE in column ``col`` against ``ref``."""
    t = s.r["table"].values
    assert t[0, col] == pytest.approx(ref[0], rel=1e-6, abs=1e-9)
    assert t[1, col] == pytest.approx(ref[1], rel=1e-4)


def covariate_slope(fn, var, h=1e-5):
    """fn's central-difference derivative in the data column ``var`` (a dy/dx reference)."""
    def slope(coef, df):
        return (fn(coef, df.assign(**{var: df[var] + h})) - fn(coef, df.assign(**{var: df[var] - h}))) / (2 * h)
    return slope


def check_slopes(s, df, fn, variables):
    """r(table)'s dy/dx columns, in order, against fn's slopes in ``variables``."""
    for col, var in enumerate(variables):
        check_margin(s, delta_reference(s, df, covariate_slope(fn, var)), col)


def check_marginsplot_markers(df, text: str) -> None:
    """``text`` (a fit, a quiet margins and marginsplot) run over ``df``: the plot's markers are
    r(table)'s margins."""
    import io

    from graphs_helpers import artists, figure, run
    from mlmcli.dataset import Dataset
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df.copy())
    out, rc = run(s, text)
    assert rc == 0, out
    (markers,) = artists(figure(s.graphs[-1]), "p1-s2-connected-markers")
    np.testing.assert_allclose(markers.get_ydata(), s.r["table"].values[0], rtol=1e-12)
