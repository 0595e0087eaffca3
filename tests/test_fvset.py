"""fvset ([R] fvset): base/design/clear/report, kept as x[_fv_base]/x[_fv_design]; regress,
logit and mixed take the declared base (coefficients checked by least squares in numpy)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _data():
    rng = np.random.default_rng(7)
    g = np.tile([1.0, 2.0, 3.0], 20)
    y = g + rng.normal(size=60)
    return pd.DataFrame({"g": g, "id": np.repeat(np.arange(10.0), 6), "y": y, "b": (y > 2).astype(float)})


def _ols(df, base):
    levels = [lv for lv in (1.0, 2.0, 3.0) if lv != base]
    X = np.column_stack([(df["g"] == lv).astype(float) for lv in levels] + [np.ones(len(df))])
    return dict(zip([*map(int, levels), "_cons"], np.linalg.lstsq(X, df["y"], rcond=None)[0]))


def test_fvset_base_changes_the_regress_base(do):
    df = _data()
    want = _ols(df, 2.0)
    rc, out, s = do("fvset base 2 g\nregress y i.g\nmatrix b = e(b)\ndisplay %12.0g b[1,1] %12.0g b[1,3] %12.0g b[1,4]", df)
    assert rc == 0
    got = [float(t) for t in out.strip().splitlines()[-1].split()]
    np.testing.assert_allclose(got, [want[1], want[3], want["_cons"]], rtol=1e-7)
    assert "\n          1  |" in out and "\n          3  |" in out and "\n          2  |" not in out
    rc, out, s = do("fvset base last g\nregress y i.g, noheader\nregress y ib1.g, noheader", df)
    first, second = out.split("_cons")[0], out.split("_cons")[1]
    assert "          3  |" not in first and "          1  |" not in second  # ib1. overrides fvset


def test_fvset_base_none_frequent_and_logit_mixed(do):
    df = _data()
    rc, out, s = do("fvset base none g\nregress y i.g, nocons noheader", df)
    assert rc == 0 and all(f"\n          {k}  |" in out for k in (1, 2, 3))
    for cmd in ("logit b i.g", "mixed y i.g || id:"):
        rc, out, s = do(f"fvset base 3 g\n{cmd}", df)
        assert rc == 0 and "\n          1  |" in out and "\n          3  |" not in out, cmd
    rc, out, s = do("fvset base frequent g\nfvset report", df)
    assert s.data.chars["g[_fv_base]"] == "frequent" and s.r["baselist"] == "frequent"


def test_fvset_report_clear_and_returns(do):
    df = _data()
    rc, out, s = do("fvset base 2 g\nfvset design asobserved y\nfvset report", df)
    assert out == ("Variable     Base       Design\n----------------------------------\n"
                   "g            2          default\ny            default    asobserved\n")
    assert s.r["varlist"] == "g y" and s.r["baselist"] == "2 default" and s.r["designlist"] == "default asobserved"
    rc, out, s = do("fvset base 2 g\nfvset design asobserved y\nfvset report, base(2)", df)
    assert s.r["varlist"] == "g"
    rc, out, s = do("fvset base 2 g\nfvset clear g\nfvset report", df)
    assert out == "" and "g[_fv_base]" not in s.data.chars
    rc, out, s = do("fvset base 2 g\nfvset base default g", df)
    assert "g[_fv_base]" not in s.data.chars


def test_fvset_errors_change_nothing(do):
    df = _data()
    for line, want_rc, msg in (("fvset base bogus g", 198, "bogus: invalid base_spec"),
                               ("fvset design asbalanced g", 198, "not supported"),
                               ("fvset base 2", 100, "varlist required"),
                               ("fvset base 2 nosuch", 111, "not found"),
                               ("fvset frobnicate g", 198, "invalid")):
        rc, out, s = do(line, df)
        assert rc == want_rc and msg in out and not s.data.chars, (line, out)
