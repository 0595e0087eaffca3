"""``xtset``/``tsset``: the settings are Stata's characteristics (``_dta[_TSpanel]``,
``_dta[_TStvar]``, ``_dta[iis]``/``_dta[tis]``), so they travel with a saved .dta file and
a file saved by Stata after xtset needs no xtset in mlm."""
from __future__ import annotations

import pandas as pd


def frame():
    return pd.DataFrame({"id": [1., 1, 2, 2, 3], "t": [1., 2, 1, 3, 1], "y": [1., 2, 3, 4, 5],
                         "x": [0., 1, 0, 1, 1]})


def test_tsset_forms(do):
    rc, out, s = do("tsset id t", df=frame())
    assert rc == 0 and out.splitlines()[0] == "       panel variable:  id (unbalanced)"
    assert s.data.chars["_TSpanel"] == "id" and s.data.chars["tis"] == "t"
    rc, out, s = do("drop if id > 1\ntsset t", df=frame())
    assert rc == 0 and out.endswith("        time variable:  t, 1 to 2\n                delta:  1 unit\n")
    rc, out, _ = do("tsset", df=frame())
    assert rc == 111 and "time variable not set, use tsset varname ..." in out
    rc, out, _ = do("tsset t", df=frame())
    assert rc == 451 and "repeated time values in sample" in out
    rc, out, s = do("xtset id t\nxtset, clear\nxtset", df=frame())
    assert rc == 459 and "_TSpanel" not in s.data.chars


def test_settings_travel_with_the_file(do, tmp_path):
    path = tmp_path / "p.dta"
    rc, out, _ = do(f'quietly xtset id t\nsave "{path}"', df=frame())
    assert rc == 0, out
    rc, out, s = do(f'use "{path}", clear\nxtreg y x, fe\nxtset')
    assert rc == 0, out
    assert "Group variable: id" in out and "time variable:  t, 1 to 3, but with a gap" in out  # one gap (tsset.ado counts them)


def test_old_iis_characteristic_sets_the_panel(do):
    from mlmcli.dataset import Dataset

    ds = Dataset(df=frame())
    ds.chars["iis"] = "id"
    rc, out, _ = do("xtreg y x", df=ds)
    assert rc == 0 and "Group variable: id" in out, out
