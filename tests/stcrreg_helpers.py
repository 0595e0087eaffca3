"""What the stcrreg tests share: e(b) and the standard errors, and fpfitci's line and band
against a reference script's fracpred values (``at``, ``xb``, ``se``)."""
from __future__ import annotations

import numpy as np


def b_se(s):
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


def assert_fpfitci_stcrreg(s, ref):
    """twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3)) on the data
    and stset of session ``s``: the line x b, the band x b -/+ z stdp (normal quantile)."""
    from graphs_helpers import drawn
    from scipy.stats import norm

    graph, fig = drawn(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-7)
    return line
