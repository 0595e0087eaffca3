"""estadd ysumm's statistics options and the model's weights (estadd.ado's estadd_ysumm:
summarize [e(wtype) e(wexp)] if e(sample), pweights as aweights; the figures are checked against
summarize's formulas ([R] summarize, Methods and formulas) computed here with numpy)."""
from __future__ import annotations

import numpy as np
import pytest

Y, X, W = [1, 2, 4, 3, 6, 5, 9], [2, 3, 5, 3, 7, 4, 1], [3, 1, 2, 5, 4, 4, 2]
DATA = "clear\ninput y x w\n" + "\n".join(f"{a} {b} {c}" for a, b, c in zip(Y, X, W)) + "\nend\n"


def _lines(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line.strip().startswith("e(")]


def test_default_and_options_in_estadds_order(do):
    y = np.array(Y, float)
    rc, out, s = do(DATA + "quietly regress y x\nestadd ysumm")
    assert rc == 0, out
    assert _lines(out) == ["e(ysd)", "e(ymax)", "e(ymin)", "e(ymean)"]
    assert s.e.scalars["ysd"] == pytest.approx(y.std(ddof=1)) and s.e.scalars["ymean"] == pytest.approx(y.mean())
    rc, out, s = do(DATA + "quietly regress y x\nestadd ysumm, mean q iqr cv range semean var prefix(d_)")
    assert rc == 0, out
    assert _lines(out) == ["e(d_iqr)", "e(d_semean)", "e(d_cv)", "e(d_range)", "e(d_p75)", "e(d_p50)",
                           "e(d_p25)", "e(d_var)", "e(d_mean)"]
    sc = s.e.scalars
    assert sc["d_p50"] == 4 and sc["d_p25"] == 2 and sc["d_p75"] == 6 and sc["d_iqr"] == 4
    assert sc["d_range"] == 8 and sc["d_var"] == pytest.approx(y.var(ddof=1))
    assert sc["d_semean"] == pytest.approx(y.std(ddof=1) / np.sqrt(7))
    assert sc["d_cv"] == pytest.approx(y.std(ddof=1) / y.mean())
    rc, out, s = do(DATA + "quietly regress y x\nestadd ysumm, all")
    assert rc == 0 and len(_lines(out)) == 21 and _lines(out)[-1] == "e(ymean)"


def test_weights_of_the_model(do):
    y, w = np.array(Y, float), np.array(W, float)
    mean = (w * y).sum() / w.sum()
    rc, out, s = do(DATA + "quietly regress y x [fw=w]\nestadd ysumm, mean sd sum")
    assert rc == 0, out
    sc = s.e.scalars
    assert sc["ymean"] == pytest.approx(mean) and sc["ysum"] == pytest.approx((w * y).sum())
    assert sc["ysd"] == pytest.approx(np.sqrt((w * (y - mean) ** 2).sum() / (w.sum() - 1)))
    wn = w * 7 / w.sum()  # aweights rescaled to sum to N
    for kind in ("aw", "pw"):
        rc, out, s = do(DATA + f"quietly regress y x [{kind}=w]\nestadd ysumm, sd")
        assert rc == 0, out
        assert s.e.scalars["ysd"] == pytest.approx(np.sqrt((wn * (y - mean) ** 2).sum() / 6)), kind


def test_errors(do):
    rc, out, _ = do(DATA + "quietly regress y x\nestadd ysumm, foo")
    assert rc == 198 and "option foo not allowed" in out
    rc, out, _ = do(DATA + "quietly regress y x\nestadd ysumm\nestadd ysumm, mean")
    assert rc == 110 and "e(ymean) already defined" in out
