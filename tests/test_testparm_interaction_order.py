"""testparm c.x#i.grp: e(b) writes the interaction's columns factor first (2.grp#c.x), so the
typed order must not matter -- it was ``no such variables`` r(111)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    x = rng.normal(size=120)
    grp = 1 + np.arange(120) % 3
    return pd.DataFrame({"x": x, "grp": grp.astype(float), "yc": x + 0.3 * grp * x + rng.normal(size=120)})


@pytest.mark.parametrize("term", ["c.x#i.grp", "i.grp#c.x"])
def test_either_order_names_the_interaction(do, term):
    rc, out, s = do(f"quietly regress yc x c.x#i.grp\ntest 2.grp#c.x 3.grp#c.x\nscalar F0 = r(F)\n"
                    f"testparm {term}", _data())
    assert rc == 0, out
    assert " ( 1)  2.grp#c.x = 0" in out.splitlines() and " ( 2)  3.grp#c.x = 0" in out.splitlines()
    assert s.r["F"] == pytest.approx(s.scalars["F0"]) and s.r["df"] == 2
