"""twoway fpfit with estcmd(ologit|oprobit) estopts(vce(bootstrap, reject(exp))): each fit's e(b)
holds the cutpoints after the terms (e(b)'s cut1:_cons ...), so reject() reads [cut1]_b[_cons]
as bootstrap.ado evaluates it on the command's e(b) (graphs.fpfit_models.ml_fit with ancillary)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_ml_replicates.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REF[k], float) for k in ("x", "y")})
    df["yo"] = np.minimum(df.y, 4)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("command", ["ologit", "oprobit"])
def test_reject_reads_the_cutpoints(s, command):
    plain, _ = drawn(s, f"twoway fpfit yo x, estcmd({command}) estopts(vce(bootstrap, reps(10) seed(1))) "
                        "predopts(stdp)")
    # never true: every fit and replicate kept, the same draws and the same se as without reject()
    kept, _ = drawn(s, f"twoway fpfit yo x, estcmd({command}) estopts(vce(bootstrap, reps(10) seed(1) "
                       "reject([cut1]_b[_cons] > 50 | [cut3]_b[_cons] > 50))) predopts(stdp)")
    assert NOTE not in s.out.stream.getvalue()
    np.testing.assert_allclose(kept.panels[0].series[0].y, plain.panels[0].series[0].y, rtol=1e-12)
    # true with the full sample's cutpoints: bootstrap.ado's r(9) in the fit, fracpoly fails (the note)
    s.out.stream.seek(0), s.out.stream.truncate()
    drawn(s, f"twoway fpfit yo x, estcmd({command}) estopts(vce(bootstrap, reps(10) seed(1) "
             "reject([cut1]_b[_cons] < [cut2]_b[_cons]))) predopts(stdp)")
    assert NOTE in s.out.stream.getvalue()
