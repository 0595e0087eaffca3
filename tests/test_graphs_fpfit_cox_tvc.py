"""twoway fpfit/fpfitci with estcmd(cox) estopts(dead() tvc() texp()) (``graphs.fpfit_cox``): the
powers by the Cox likelihood with z g(t) at each failure time, x b and its stdp the main
equation's (fracpred's for() reading the tvc row as the constant's), against R (``tests/graphs_reference/fpfit_cox_tvc.R``: coxph on the records split at
the failure times); the variable-writing options (mgale() ...) are fracpoly failing: the note,
the data unchanged; dresid after tvc() is fracpred exiting with cox's captured r(198)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.distributions import norm
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_cox_tvc.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"
Q = float(norm.ppf(0.975))


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "d", "z")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("case, estopts", [
    ("tvc", "dead(d) tvc(z)"),
    ("tvc_log", "dead(d) tvc(z) texp(ln(y))"),
    ("tvc_efron", "dead(d) tvc(z) efron"),
    ("tvc_robust", "dead(d) tvc(z) robust")])
def test_tvc_matches_coxph_on_split_records(s, case, estopts):
    ref = REFERENCE[case]
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(cox) estopts({estopts})")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REFERENCE["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(band.y2 - band.y, 2 * Q * np.asarray(ref["stdp"]), rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("case, estopts", [("tvc", "dead(d) tvc(z)"), ("tvc_robust", "dead(d) tvc(z) robust")])
def test_for_reads_the_tvc_row_as_the_constants(s, case, estopts):
    """fracpred's for(): e(V)'s row after the terms is the tvc coefficient's; pcalc's _b[_cons]
    is not found (r(111)), vcalc adds its variance and covariances."""
    out, rc = run(s, f"twoway fpfit y x, estcmd(cox) estopts({estopts}) predopts(for(x))", stop_on_error=False)
    assert rc == 111 and "[_cons] not found" in out
    graph, _ = drawn(s, f"twoway fpfit y x, estcmd(cox) estopts({estopts}) predopts(for(x) stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE[case]["for_stdp"], rtol=1e-4)


def test_tvc_changes_the_curve(s):
    plain, _ = drawn(s, "twoway fpfit y x, estcmd(cox) estopts(dead(d))")
    tvc, _ = drawn(s, "twoway fpfit y x, estcmd(cox) estopts(dead(d) tvc(z) texp(ln(y)))")
    assert not np.allclose(plain.panels[0].series[0].y, tvc.panels[0].series[0].y)


@pytest.mark.parametrize("estopts", [
    "dead(d) mgale(m)", "dead(d) esr(e*)", "dead(d) schoenfeld(s1)", "dead(d) scaledsch(c*)",
    "dead(d) basehc(h)", "dead(d) basech(h)", "dead(d) basesurv(h)", "dead(d) tvc(z) mgale(m)",
    "dead(d) texp(ln(y))",             # texp() only with tvc()
    "dead(d) tvc(z) texp(ln(y - 5))",  # missing for y <= 5
    "dead(d) tvc(z) exactm",           # the exact methods take no tvc()
    "dead(d) tvc(nosuch)"])
def test_failing_is_the_note_and_the_data_unchanged(s, estopts):
    before = list(s.data.varnames)
    out, rc = run(s, f"twoway fpfit y x, estcmd(cox) estopts({estopts})")
    assert rc == 0 and NOTE in out
    assert list(s.data.varnames) == before


def test_dresid_after_tvc_is_fracpreds_exit(s):
    out, rc = run(s, "twoway fpfit y x, estcmd(cox) estopts(dead(d) tvc(z)) predopts(dresid)", stop_on_error=False)
    assert rc == 198 and "not supported" not in out and "not allowed" not in out
