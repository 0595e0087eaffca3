"""The tab style with a typed ``varwidth()``/``modelwidth()``: esttab.ado leaves tab's widths
empty (0) unless typed and passes typed ones to estout, which pads (estout.hlp: "short or empty
cells are padded out with blanks"; tab's abbrev is off).  Each cell between the tabs is then as
wide as typed; the numbers against numpy's least squares."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def fitted(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rng = np.random.default_rng(11)
    x = rng.normal(size=50)
    y = 1 + 0.8 * x + rng.normal(size=50)
    rc, out, s = do("quietly regress y x\nestimates store m1\nquietly regress y\nestimates store m2",
                    df=pd.DataFrame({"y": y, "x": x}))
    assert rc == 0, out
    b = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]
    return do, s, b


def _rows(path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text().split("\n") if "\t" in ln]


def test_typed_widths_pad_every_cell(fitted, tmp_path):
    do, s, b = fitted
    rc, out, _ = do("esttab m1 m2 using t.txt, tab replace varwidth(16) modelwidth(10) b(%9.4f)", session=s)
    assert rc == 0, out
    rows = _rows(tmp_path / "t.txt")
    assert all(len(r[0]) == 16 for r in rows)
    # value cells: modelwidth plus the widest star symbol (***), right-aligned with their stars
    assert all(len(c) == 13 for r in rows for c in r[1:])
    x_row = next(r for r in rows if r[0].strip() == "x")
    assert x_row[1].rstrip("* ").strip() == f"{b[0]:.4f}"
    assert x_row[2].strip() == ""  # m2 has no x: an empty cell, padded
    assert rows[0][1] == "       (1)   "


def test_only_the_typed_width_pads(fitted, tmp_path):
    do, s, _ = fitted
    assert do("esttab m1 using m.txt, tab replace modelwidth(10)", session=s)[0] == 0
    rows = _rows(tmp_path / "m.txt")
    assert [r[0] for r in rows if r[0]][:2] == ["x", "_cons"]  # varwidth stays 0
    assert all(len(r[1]) == 13 for r in rows)
    assert do("estout m1 using v.txt, replace varwidth(8)", session=s)[0] == 0
    rows = _rows(tmp_path / "v.txt")
    assert all(len(r[0]) == 8 for r in rows)
    assert rows[0][1] == "m1"  # modelwidth stays 0: no blanks added


def test_tab_does_not_abbreviate_unless_asked(fitted, tmp_path):
    do, s, _ = fitted
    rc, out, _ = do("label variable x \"a rather long label for x\"\n"
                    "esttab m1 using l.txt, tab replace label varwidth(10)", session=s)
    assert rc == 0, out
    labels = [r[0] for r in _rows(tmp_path / "l.txt")]
    assert "a rather long label for x" in labels and all(len(t) >= 10 for t in labels)


def test_without_widths_nothing_changes(fitted, tmp_path):
    do, s, _ = fitted
    assert do("esttab m1 using p.txt, tab replace", session=s)[0] == 0
    rows = _rows(tmp_path / "p.txt")
    assert rows[0] == ["", "(1)"] and all(c == c.strip() for r in rows for c in r)
