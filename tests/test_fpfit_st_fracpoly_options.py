"""fracpoly's own estopts() (degree(), powers()) with the st commands' fpfit (estcmd(stcox),
estcmd(streg), estcmd(stcrreg)): read as typed, so they change the fit instead of making it fail
(they were read as the text's last character: the note).  powers(1 2) with streg is checked
against R in tests/test_fpfit_streg_jackknife.py."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import drawn, survival_reference_session


@pytest.mark.parametrize("data, plot, estcmd", [
    ("lung.csv", "age wt_loss", "estcmd(stcox) estopts("),
    ("lung.csv", "age wt_loss", "estcmd(streg) estopts(d(weibull) "),
    ("melanoma.csv", "thickness age", "estcmd(stcrreg) estopts(compete(status==3) ")])
def test_degree_and_powers_change_the_fit(data, plot, estcmd):
    s = survival_reference_session(data, "stset time, failure(died)" if data == "lung.csv" else "stset time, failure(status==1)")
    default, _ = drawn(s, f"twoway fpfit {plot}, {estcmd})")
    for opts in ("degree(1)", "powers(1 2)"):
        graph, _ = drawn(s, f"twoway fpfit {plot}, {estcmd}{opts})")
        y, y0 = graph.panels[0].series[0].y, default.panels[0].series[0].y
        assert np.isfinite(y).sum() == np.isfinite(y0).sum() > 0
        assert not np.allclose(y[np.isfinite(y)], y0[np.isfinite(y0)]), opts
