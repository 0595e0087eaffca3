"""The EM heading of mixed's log: Stata runs EM to the solution only for unweighted
models with i.i.d. errors ('Performing EM optimization:'); with weights (global or at a
level) or a residuals() structure other than plain independent errors its EM only finds
starting values and the heading reads 'Obtaining starting values by EM:'
(_xtmixed_estimate.ado, program IterateEM: ``if $XTM_res | `weighted'``)."""
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
