"""``estout ... using file`` without style(): estout.ado's export default, style(tab) -- a tab
delimiter, varwidth and modelwidth 0 -- whatever the file's extension (esttab's file keeps its
mode from the extension); the numbers against numpy's least squares."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def fitted(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rng = np.random.default_rng(5)
    x = rng.normal(size=60)
    y = 2 - 0.7 * x + rng.normal(size=60)
    rc, out, s = do("quietly regress y x\nestimates store m1", df=pd.DataFrame({"y": y, "x": x}))
    assert rc == 0, out
    X = np.column_stack([x, np.ones_like(x)])
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ b
    V = resid @ resid / (len(y) - 2) * np.linalg.inv(X.T @ X)
    r2 = 1 - resid @ resid / np.sum((y - y.mean()) ** 2)
    return do, s, b, np.sqrt(np.diag(V)), r2


def _grid(path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text().split("\n") if ln]


def test_estout_file_is_tab_delimited(fitted, tmp_path):
    do, s, b, se, r2 = fitted
    rc, out, _ = do("estout m1 using e.txt, replace cells(b se) stats(N r2)", session=s)
    assert rc == 0, out
    grid = _grid(tmp_path / "e.txt")
    assert grid[0] == ["", "m1"] and grid[1] == ["", "b/se"]
    labels = [r[0] for r in grid]
    at = labels.index("x")
    assert float(grid[at][1]) == pytest.approx(b[0], rel=1e-6)
    assert float(grid[at + 1][1]) == pytest.approx(se[0], rel=1e-6)
    assert grid[at + 1][0] == ""  # no padding: varwidth 0
    assert float(grid[labels.index("_cons")][1]) == pytest.approx(b[1], rel=1e-6)
    assert grid[labels.index("N")][1] == "60"
    assert float(grid[labels.index("r2")][1]) == pytest.approx(r2, rel=1e-6)


def test_extension_does_not_choose_estouts_style(fitted, tmp_path):
    do, s, b, _, _ = fitted
    for name in ("e.csv", "e.tex", "e.html"):
        assert do(f"estout m1 using {name}, replace", session=s)[0] == 0
        lines = (tmp_path / name).read_text().split("\n")
        assert lines[0] == "\tm1" and float(lines[2].split("\t")[1]) == pytest.approx(b[0], rel=1e-6)


def test_style_and_esttab_keep_their_layouts(fitted, tmp_path):
    do, s, _, _, _ = fitted
    assert do("estout m1 using f.txt, replace style(fixed)", session=s)[0] == 0
    assert "\t" not in (tmp_path / "f.txt").read_text()
    assert do("esttab m1 using t.txt, replace", session=s)[0] == 0
    assert "\t" not in (tmp_path / "t.txt").read_text()
    assert do("esttab m1 using t.csv, replace", session=s)[0] == 0
    assert '="",="(1)"' in (tmp_path / "t.csv").read_text()
