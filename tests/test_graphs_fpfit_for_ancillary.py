"""twoway fpfit predopts(for(x)) after estcmd(nbreg|cnreg) estopts(noconstant): fracpred reads
e(V)'s row after the terms -- nbreg's ln alpha, cnreg's sigma -- as the constant's.  With stdp
it draws sqrt(Ix' V Ix + V_aa + 2 Ix' V_a) from the plotted objects, against R
(tests/graphs_reference/fpfit_for_ancillary.R: glm.nb with the observed information of
(b, ln alpha), survreg's vcov turned into (b, sigma)); without stdp pcalc's _b[_cons] is fracpred's
error, r(111)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import artists, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_for_ancillary.json").read_text())
NBREG = "twoway fpfit{ci} yc x, estcmd(nbreg) estopts(noconstant) predopts(for(x) stdp)"
CNREG = "twoway fpfit{ci} yn x, estcmd(cnreg) estopts(censored(c) noconstant) predopts(for(x) stdp)"


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: REFERENCE[k] for k in ("x", "yc", "yn", "c")}).astype(float)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _line_vertices(fig) -> np.ndarray:
    (lines,) = artists(fig, "p1-s1-line")
    return np.concatenate(lines.get_segments())


@pytest.mark.parametrize("command, key", [(NBREG, "nbreg"), (CNREG, "cnreg")])
def test_for_stdp_adds_the_ancillary_parameters_variance(s, command, key):
    graph, fig = drawn(s, command.format(ci=""))
    line = graph.panels[0].series[0]
    ref = REFERENCE[key]
    np.testing.assert_allclose(line.x, REFERENCE["at"])
    np.testing.assert_allclose(line.y, ref["for_stdp"], rtol=2e-5)
    assert not np.allclose(line.y, ref["xb_stdp"], rtol=1e-2)  # not x b's own stdp
    vertices = _line_vertices(fig)
    np.testing.assert_allclose(vertices[[0, -1], 0], [REFERENCE["at"][0], REFERENCE["at"][-1]])
    np.testing.assert_allclose(vertices[[0, -1], 1], [ref["for_stdp"][0], ref["for_stdp"][-1]], rtol=2e-5)


@pytest.mark.parametrize("command, key", [(NBREG, "nbreg"), (CNREG, "cnreg")])
def test_band_is_that_value_plus_minus_the_quantile_times_x_b_stdp(s, command, key):
    """twoway__fpfit_serset's band: fracpred's variable -/+ q times ``fracpred se, stdp`` (no
    for()): x b's stdp; q normal after nbreg, t(e(df_r)) after cnreg."""
    from mlmcli.distributions import norm, t

    graph, _ = drawn(s, command.format(ci="ci"))
    band, line = graph.panels[0].series
    ref = REFERENCE[key]
    q = float(norm.ppf(0.975)) if key == "nbreg" else float(t.ppf(0.975, ref["df_r"]))
    np.testing.assert_allclose(band.y, np.asarray(ref["for_stdp"]) - q * np.asarray(ref["xb_stdp"]), rtol=2e-5)
    np.testing.assert_allclose(band.y2, np.asarray(ref["for_stdp"]) + q * np.asarray(ref["xb_stdp"]), rtol=2e-5)


@pytest.mark.parametrize("command", [
    "twoway fpfit yc x, estcmd(nbreg) estopts(noconstant) predopts(for(x))",
    "twoway fpfit yc x, estcmd(nbreg) estopts(noconstant dispersion(constant)) predopts(for(x))",
    "twoway fpfit yn x, estcmd(cnreg) estopts(censored(c) noconstant) predopts(for(x))"])
def test_for_without_stdp_is_fracpreds_b_cons_error(s, command):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 111 and "[_cons] not found" in out
