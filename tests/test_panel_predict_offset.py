"""predict after xtgee, xtpoisson and xtnbreg fitted with offset()/exposure(): xb includes
the offset as Stata's does, and ``nooffset`` leaves it out of xb, mu and nu0 (margins'
predict() too); a model without offsets refuses nooffset as Stata does."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture
def panels():
    df = pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)
    df["tt"] = 1.0 + np.arange(len(df)) % 3
    return df


def _xb(s, names=("x", "z", "_cons")):
    cols = [n.split(":")[-1] for n in s.e.matrices["b"].colnames]
    b = s.e.matrices["b"].values[0]
    df = s.data.df
    return sum(b[cols.index(n)] * (df[n].to_numpy() if n != "_cons" else 1.0) for n in names if n in cols)


def test_xtgee_predict_xb_includes_the_exposure_unless_nooffset(do, panels):
    rc, out, s = do("xtset id t\nquietly xtgee yc x z, family(poisson) exposure(tt)\npredict a, xb\n"
                    "predict b, xb nooffset\npredict c\npredict d, mu nooffset", df=panels)
    assert rc == 0, out
    xb, df = _xb(s), s.data.df
    log_t = np.log(df.tt.to_numpy())
    assert df.a.to_numpy() == pytest.approx(xb + log_t, rel=1e-6)
    assert df.b.to_numpy() == pytest.approx(xb, rel=1e-6)
    assert df.c.to_numpy() == pytest.approx(np.exp(xb + log_t), rel=1e-6)
    assert df.d.to_numpy() == pytest.approx(np.exp(xb), rel=1e-6)
    rc, out, s = do("margins, predict(xb)", session=s)
    assert rc == 0 and s.r["table"].values[0, 0] == pytest.approx((xb + log_t).mean(), rel=1e-10)
    rc, out, s = do("margins, predict(xb nooffset)", session=s)
    assert rc == 0 and s.r["table"].values[0, 0] == pytest.approx(xb.mean(), rel=1e-10)
    rc, out, s = do("margins, predict(mu nooffset)", session=s)
    assert rc == 0 and s.r["table"].values[0, 0] == pytest.approx(np.exp(xb).mean(), rel=1e-10)


def test_xtpoisson_fe_and_xtnbreg_honour_nooffset(do, panels):
    rc, out, s = do("xtset id t\nquietly xtpoisson yc x z, fe offset(tt)\npredict e, xb nooffset\n"
                    "predict f, xb\npredict g, nu0 nooffset", df=panels)
    assert rc == 0, out
    xb, df = _xb(s), s.data.df
    assert df.e.to_numpy() == pytest.approx(xb, rel=1e-6)
    assert df.f.to_numpy() == pytest.approx(xb + df.tt.to_numpy(), rel=1e-6)
    assert df.g.to_numpy() == pytest.approx(np.exp(xb), rel=1e-6)
    rc, out, s = do("margins, predict(nu0 nooffset)", session=s)
    assert rc == 0 and s.r["table"].values[0, 0] == pytest.approx(np.exp(xb[np.asarray(s.e.sample, bool)]).mean(),
                                                                  rel=1e-10)
    rc, out, s = do("quietly xtnbreg yc x, fe exposure(tt)\npredict h, nu0 nooffset\npredict i, nu0", session=s)
    assert rc == 0, out
    xb = _xb(s, ("x", "_cons"))
    assert s.data.df.h.to_numpy() == pytest.approx(np.exp(xb), rel=1e-6)
    assert s.data.df.i.to_numpy() == pytest.approx(np.exp(xb) * s.data.df.tt.to_numpy(), rel=1e-6)


def test_xtpoisson_re_predict_nooffset(do, panels):
    rc, out, s = do("xtset id t\nquietly xtpoisson yc x, re exposure(tt)\npredict a, xb nooffset\npredict b",
                    df=panels)
    assert rc == 0, out
    xb = _xb(s, ("x", "_cons"))
    assert s.data.df.a.to_numpy() == pytest.approx(xb, rel=1e-6)
    assert s.data.df.b.to_numpy() == pytest.approx(xb + np.log(s.data.df.tt.to_numpy()), rel=1e-6)


def test_nooffset_refused_where_predict_has_no_offset(do, panels):
    rc, out, s = do("xtset id t\nquietly xtreg y x\npredict h, xb nooffset", df=panels)
    assert rc == 198 and "option nooffset not allowed" in out
    assert "h" not in s.data.df.columns
