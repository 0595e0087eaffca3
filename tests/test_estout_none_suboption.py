"""estout's label suboption ``none`` (tenth held-out batch: Boehmke & Shipan's replication writes
``estout ... collabels(, none) mlabels( , none)``; published do-files use it widely): estout's
help, "The following suboptions may be used within the mgroups(), mlabels(), collabels(),
eqlabels(), varlabels(), and stats(, labels()) options: none suppresses the printing of the
labels or drops the part of the table heading to which it applies" -- the same table as
``mlabels(none) collabels(none)``.  mlm refused it ("suboption none not available")."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    x = rng.normal(size=50)
    return pd.DataFrame({"x": x, "z": rng.normal(size=50), "y": 1 + x + rng.normal(size=50)})


def _table(s, run, options: str) -> str:
    out, rc = run(s, f"estout a b, cells(b(fmt(3)) se(par)) {options}")
    assert rc == 0, out
    return out.split("\n", 1)[1]  # without the echoed command


def test_none_suboption_drops_the_labels(new_session, run):
    s = new_session(_data())
    run(s, "quietly regress y x z\nest store a\nquietly regress y x\nest store b")
    plain = _table(s, run, "")
    assert " b/se " in plain and "          a " in plain
    dropped = _table(s, run, "mlabels(, none) collabels(, none)")
    assert dropped == _table(s, run, "mlabels(none) collabels(none)")
    assert "b/se" not in dropped and " a " not in dropped and "_cons" in dropped
    assert _table(s, run, "eqlabels(, none)") == _table(s, run, "eqlabels(none)")


def test_other_label_suboptions_are_still_refused_by_name(new_session, run):
    s = new_session(_data())
    run(s, "quietly regress y x\nest store a\nest store b")
    out, rc = run(s, "estout a b, mlabels(, prefix(x))")
    assert rc == 198 and "not available in mlm" in out
