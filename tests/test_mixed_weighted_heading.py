"""mixed with weights or a residuals() structure.

The EM heading: Stata runs EM to the solution only for unweighted models with i.i.d.
errors ('Performing EM optimization:'); with weights (global or at a level) or a
residuals() structure other than plain independent errors its EM only finds starting
values and the heading reads 'Obtaining starting values by EM:' (_xtmixed_estimate.ado,
program IterateEM: ``if $XTM_res | `weighted'``).  REML: refused with any weights."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data() -> pd.DataFrame:
    rs = np.random.RandomState(5)
    rows = []
    for g in range(1, 13):
        u = rs.normal()
        for t in range(1, 6):
            x = rs.normal()
            rows.append((g, t, x, 1.0 + g % 3, 1.0 + x + u + rs.normal()))
    return pd.DataFrame(rows, columns=["id", "t", "x", "w", "y"])


STARTING = "Obtaining starting values by EM: "
PERFORMING = "Performing EM optimization: "


@pytest.mark.parametrize("model, heading", [
    ("y x || id:", PERFORMING),
    ("y x || id:, residuals(independent)", PERFORMING),
    ("y x || id:, reml", PERFORMING),
    ("y x || id:, residuals(ar 1, t(t))", STARTING),
    ("y x || id:, residuals(exchangeable)", STARTING),
    ("y x || id:, residuals(independent, by(w))", STARTING),
    ("y x [fw=w] || id:", STARTING),
    ("y x [pw=w] || id:", STARTING),
    ("y x || id:, pweight(w)", STARTING),
])
def test_em_heading(do, model, heading):
    rc, out, _ = do(f"mixed {model}", _data())
    assert rc == 0
    lines = out.splitlines()
    assert heading in lines
    other = PERFORMING if heading == STARTING else STARTING
    assert other not in lines
    assert lines[lines.index(heading) + 2] == "Performing gradient-based optimization: "


def test_no_heading_with_emiterate0(do):
    rc, out, _ = do("mixed y x [fw=w] || id:, emiterate(0)", _data())
    assert rc == 0 and STARTING not in out and PERFORMING not in out


@pytest.mark.parametrize("model, rc, msg", [
    ("y x [fw=w] || id:, reml", 101, "REML not supported with weights"),
    ("y x || id:, fweight(w) reml", 101, "REML not supported with weights"),
    ("y x [pw=w] || id:, reml", 101, "REML not supported with weights"),
    ("y x || id:, vce(robust) reml", 198, "REML not supported with robust variance estimation"),
])
def test_reml_refused_with_weights_or_robust(do, model, rc, msg):
    """_xtmixed_estimate.ado: weights force ML (r(101)); vce(robust) with REML is r(198).
    mlm used to fit REML with fweights, a likelihood Stata never computes."""
    got_rc, out, _ = do(f"mixed {model}", _data())
    assert got_rc == rc and msg in out
