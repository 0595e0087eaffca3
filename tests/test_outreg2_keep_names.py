"""outreg2's keep()/drop() as outreg2.ado 2.2.5 reads them: a name matching no coefficient is
no error (makeFile keeps the rows whose name equals one of keep()'s, plus _cons); keep() with
drop() is "cannot specify both keep( ) and drop( )" r(198) before any file is written; keep()
with a varlist keeps keep() alone, with its note."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def go(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rng = np.random.default_rng(7)
    n = 80
    df = pd.DataFrame({"x1": rng.normal(size=n), "x2": rng.normal(size=n)})
    df["y"] = 1 + 0.5 * df["x1"] - 0.3 * df["x2"] + rng.normal(size=n)
    session = new_session(df)
    assert run(session, "quietly regress y x1 x2")[1] == 0
    return lambda text: run(session, text, stop_on_error=False)


def _labels(path) -> list[str]:
    return [ln.split("\t")[0] for ln in path.read_text().split("\n")]


def test_keep_with_an_unknown_name_keeps_the_matches(go, tmp_path):
    out, rc = go("outreg2 using k1.txt, replace keep(x1 nosuch)")
    assert rc == 0
    labels = _labels(tmp_path / "k1.txt")
    assert "x1" in labels and "Constant" in labels and "x2" not in labels
    out, rc = go("outreg2 using k2.txt, replace drop(nosuch)")
    assert rc == 0 and {"x1", "x2", "Constant"} <= set(_labels(tmp_path / "k2.txt"))


def test_keep_with_drop_is_refused_before_writing(go, tmp_path):
    out, rc = go("outreg2 using k3.txt, replace keep(x1) drop(x2)")
    assert rc == 198 and "cannot specify both keep( ) and drop( )" in out
    assert not (tmp_path / "k3.txt").exists()


def test_keep_supersedes_the_varlist(go, tmp_path):
    out, rc = go("outreg2 x1 using k4.txt, replace keep(x2)")
    assert rc == 0 and "keep( ) supersedes varlist when both specified" in out
    labels = _labels(tmp_path / "k4.txt")
    assert "x2" in labels and "x1" not in labels
