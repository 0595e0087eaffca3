"""outreg2 ``sum(log)``: summarize's table on screen, then a file whose columns are the
statistics (``eqkeep()`` picks and orders them) and whose rows are the variables (``keep()``
or a varlist), no stars, notes or Observations row; the active estimates stay.  Values are
checked against numpy."""
from __future__ import annotations

import numpy as np
import pytest

DATA = """clear
set obs 25
gen y = mod(_n*37, 101) * 1.5
gen x1 = mod(_n, 4)
gen x2 = _n / 8
"""


def _table(path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text().splitlines()]


def test_sum_log_columns_are_the_statistics(do, tmp_path):
    out_file = tmp_path / "summ.doc"
    rc, out, s = do(DATA + f'outreg2 using "{out_file}", replace sum(log) keep(y x1) eqkeep(N mean sd min max)')
    assert rc == 0, out
    assert "Variable |" in out and "Std. Dev." in out  # summarize's table first
    rows = _table(tmp_path / "summ.txt")
    assert rows[1][1:] == ["N", "mean", "sd", "min", "max"]
    body = {r[0]: r[1:] for r in rows[2:] if r[0]}
    assert set(body) == {"y", "x1"}
    n = np.arange(1, 26)
    x1 = n % 4
    assert body["x1"][0] == "25"
    assert float(body["x1"][1]) == pytest.approx(x1.mean(), abs=5e-4)
    assert float(body["x1"][2]) == pytest.approx(x1.std(ddof=1), abs=5e-4)
    assert body["x1"][3:] == ["0", "3"]
    assert not any("Observations" in r[0] or "p<0" in r[0] for r in rows)


def test_eqkeep_orders_the_columns_and_estimates_stay_active(do, tmp_path):
    out_file = tmp_path / "summ2.doc"
    rc, out, s = do(DATA + "regress y x1\n" + f'outreg2 using "{out_file}", replace sum(log) eqkeep(mean N)\n'
                    + "display e(cmd)")
    assert rc == 0, out
    assert out.rstrip().endswith("regress")
    rows = _table(tmp_path / "summ2.txt")
    assert rows[1][1:] == ["mean", "N"]
    assert rows[1][0] == "VARIABLES" and not any(rows[2])  # outreg2's empty row under the headings
    assert [r[0] for r in rows[3:] if r[0]] == ["y", "x1", "x2"]
    y = (np.arange(1, 26) * 37 % 101) * 1.5
    assert float(rows[3][1].replace(",", "")) == pytest.approx(y.mean(), rel=1e-3)


def test_other_sum_forms_are_refused(do, tmp_path):
    rc, out, _ = do(DATA + "regress y x1\n" + f'outreg2 using "{tmp_path / "a.doc"}", replace sum(detail)')
    assert rc == 198, out
    assert not (tmp_path / "a.txt").exists()
