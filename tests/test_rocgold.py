"""rocgold: areas, standard errors and the paired tests against pROC (DeLong; tests/rocgold_reference/
rocgold.R), the Bonferroni/Sidak adjustments, rocgold.ado's table, r() and its errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "rocgold_reference"
DATA = pd.read_csv(HERE / "ratings.csv").astype(float)
REF = {line.split()[0]: np.array([float(v) for v in line.split()[1:]])
       for line in (HERE / "rocgold_values.txt").read_text().splitlines()}


def _run(do, text, data=DATA):
    rc, printed, s = do(text, data.copy())
    assert rc == 0, printed
    return printed, s


def test_against_proc(do):
    printed, s = _run(do, "rocgold d gold r1 r2")
    chi2 = s.r["chi2"].values.ravel()
    p = s.r["p"].values.ravel()
    np.testing.assert_allclose(chi2, [REF["r1"][2], REF["r2"][2]], rtol=1e-7)
    np.testing.assert_allclose(p, [REF["r1"][3], REF["r2"][3]], rtol=1e-7)
    np.testing.assert_allclose(s.r["p_adj"].values.ravel(), np.minimum(2 * p, 1), rtol=1e-12)
    assert s.r["N_g"] == 3 and s.r["p"].colnames == ("r1", "r2")
    assert "gold (standard)     0.8409       0.0435" in printed
    assert f"r1                  {REF['r1'][0]:.4f}       {REF['r1'][1]:.4f}      2.4306     1    0.1190      0.2380" \
        in printed


def test_layout_and_sidak(do):
    printed, s = _run(do, "rocgold d gold r1 r2, sidak")
    lines = printed.splitlines()
    top = lines.index("-" * 79)
    assert lines[top + 1] == " " * 23 + "ROC" + " " * 48 + "     Sidak"
    assert lines[top + 2] == " " * 17 + "     Area     Std. Err.       chi2    df   Pr>chi2     Pr>chi2"
    p = s.r["p"].values.ravel()
    np.testing.assert_allclose(s.r["p_adj"].values.ravel(), 1 - (1 - p) ** 2, rtol=1e-12)
    assert "r2                  0.7853       0.0486      0.6132     1    0.4336      0.6792" in lines


def test_missing_values_note(do):
    data = DATA.copy()
    data.loc[3, "r2"] = np.nan
    printed, s = _run(do, "rocgold d gold r1 r2", data)
    assert printed.rstrip().endswith("note: 1 observations ignored because of missing values.")


@pytest.mark.parametrize("text, rc, message", [
    ("rocgold d gold", 102, "too few variables specified"),
    ("rocgold d gold r1, test(M)", 198, "contrast matrix option test() not allowed"),
    ("rocgold d gold r1, binormal", 198, "option binormal not supported by mlmcli"),
    ("rocgold d gold r1, graph", 198, "option graph not supported by mlmcli"),
    ("rocgold r2 gold r1", 198, "true status variable r2 must be 0 or 1"),
    ("rocgold d gold r1 if d == 1", 2000, "outcome does not vary"),
])
def test_errors(do, text, rc, message):
    got, printed, _ = do(text, DATA.copy())
    assert got == rc and message in printed, printed
