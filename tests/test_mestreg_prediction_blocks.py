"""mestreg's predictions in blocks: the one-level EB means and SDs over blocks of groups
(``SingleLevelModel.group_blocks``), the nested model's over blocks of top-level groups
(``glmm.nested_blocks``) and the marginal statistics over blocks of rows
(``predict_mestreg.MARGINAL_BLOCK_ROWS``): with the budgets shrunk to a few groups or rows the
predictions equal the unblocked ones.

Data: tests/reference_values/mestreg_multilevel_sim.csv (365 records, hospitals > doctors)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mlmcli.commands.postestimation import predict_mestreg
from mlmcli.glmm import nested_blocks, single_level

CSV = Path(__file__).parent / "reference_values" / "mestreg_multilevel_sim.csv"
SETUP = f"import delimited using {CSV}, clear\nstset time, failure(fail)\n"
PREDICT = ("predict {p}r*, reffects reses({p}s*)\npredict {p}m1, mean\npredict {p}h1, hazard\n"
           "predict {p}mm, mean marginal\npredict {p}md, median marginal\npredict {p}sm, surv marginal\n")


def _predictions(do, session, prefix):
    rc, out, s = do(PREDICT.format(p=prefix), session=session)
    assert rc == 0, out
    df = s.data.df
    return {c[len(prefix):]: df[c].to_numpy(float) for c in df.columns if c.startswith(prefix)}


FITS = [("mestreg x age || hosp:, dist(weibull) intpoints(7)", "groups"),
        ("mestreg x age || hosp: || doctor:, dist(weibull) intpoints(5)", "nested")]


@pytest.mark.parametrize("fit_line, shrink", FITS)
def test_blocked_mestreg_fit_and_predictions_equal_unblocked(do, monkeypatch, fit_line, shrink):
    """The EB means are computed with the fit: fitted and predicted unblocked, then again
    with the budgets shrunk (the blocks' iterations stop on their own groups: rounding)."""
    if not CSV.exists():
        pytest.skip("reference data absent")
    rc, out, session = do(SETUP + fit_line)
    assert rc == 0, out
    b_one = np.asarray(session.e.matrices["b"].values, float).ravel()
    one = _predictions(do, session, "one_")
    if shrink == "groups":
        monkeypatch.setattr(single_level, "GROUP_BLOCK_ELEMENTS", 3 * 7)  # three hospitals a block
    else:
        monkeypatch.setattr(nested_blocks, "NESTED_BLOCK_ELEMENTS", 40 * 25)  # about 40 records a block
    monkeypatch.setattr(predict_mestreg, "MARGINAL_BLOCK_ROWS", 50)
    rc, out, session = do(SETUP + fit_line)
    assert rc == 0, out
    np.testing.assert_allclose(np.asarray(session.e.matrices["b"].values, float).ravel(), b_one,
                               rtol=1e-7, atol=1e-9)
    blocked = _predictions(do, session, "one_")
    assert set(one) == set(blocked) and {"r1", "s1", "mm", "md", "sm"} <= set(one)
    for name, values in one.items():
        assert np.isfinite(values).sum() > 300, name
        np.testing.assert_allclose(blocked[name], values, rtol=1e-6, atol=1e-9, err_msg=name)


def test_marginal_predictions_in_blocks_of_rows_are_the_same(do, monkeypatch):
    """One fit, predict's marginal statistics with all rows at once and 50 rows at a time."""
    if not CSV.exists():
        pytest.skip("reference data absent")
    rc, out, session = do(SETUP + FITS[1][0])
    assert rc == 0, out
    one = _predictions(do, session, "one_")
    monkeypatch.setattr(predict_mestreg, "MARGINAL_BLOCK_ROWS", 50)
    blocked = _predictions(do, session, "blk_")
    for name in ("md", "sm"):  # each row's integral is its own: the same bits
        assert np.array_equal(blocked[name], one[name], equal_nan=True), name
    np.testing.assert_allclose(blocked["mm"], one["mm"], rtol=1e-13)  # a matrix-vector product's rounding
