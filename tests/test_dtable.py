"""dtable: the default summary against the published ``dtable y x i.z, export(table1.md)``
layout, numbers against numpy, and the errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    y = rng.normal(100, 15, 100)
    x = rng.normal(100, 10, 100)
    z = (rng.random(100) < 0.36).astype(float)
    x[5] = np.nan  # listwise: row 6 leaves the sample
    return pd.DataFrame({"y": y, "x": x, "z": z})


def test_default_summary_and_markdown_export(do, data, tmp_path):
    path = tmp_path / "table1.md"
    rc, out, _ = do(f'dtable y x i.z, export("{path}", as(markdown) replace)', df=data)
    assert rc == 0, out
    ok = data.dropna()
    n = len(ok)
    counts = ok["z"].value_counts().sort_index()
    y_cell = f"{ok.y.mean():.3f} ({ok.y.std(ddof=1):.3f})"
    x_cell = f"{ok.x.mean():.3f} ({ok.x.std(ddof=1):.3f})"
    cells = [str(n), y_cell, x_cell, ""] + [f"{c} ({100 * c / n:.1f}%)" for c in counts]
    w = max(len(c) for c in cells + ["Summary"])
    expected = [f"|     | {'Summary'.ljust(w)} |", f"|-----|{'-' * (w + 2)}|"]
    for label, cell in zip(["N  ", "y  ", "x  ", "z  ", "  0", "  1"], cells):
        expected.append(f"| {label} | {cell.ljust(w)} |")
    assert path.read_text().split("\n") == expected + [""]
    text = out.split("\n")
    assert text[2].strip() == "Summary" and text[1] == text[3] == "-" * len(text[1])
    assert text[4].startswith("N") and text[4].endswith(str(n))
    assert text[9].strip().startswith("1") and text[9].endswith(cells[-1])


def test_value_labels_and_variable_labels(do, data):
    rc, out, _ = do('label variable y "Outcome"\nlabel define zl 0 "no" 1 "yes"\nlabel values z zl\ndtable y i.z',
                    df=data)
    assert rc == 0, out
    labels = [line.split()[0] for line in out.split("\n")[4:] if line and not line.startswith("-")]
    assert labels == ["N", "Outcome", "z", "no", "yes"]


def test_no_overwrite_and_refused_options(do, data, tmp_path):
    path = tmp_path / "t.md"
    path.write_text("keep me\n")
    rc, out, _ = do(f'dtable y, export("{path}")', df=data)
    assert rc == 602 and "already exists" in out and path.read_text() == "keep me\n"
    rc, out, _ = do("dtable y x, by(z)", df=data)
    assert rc == 198 and "option by() not allowed" in out
    rc, out, _ = do("dtable nosuch", df=data)
    assert rc == 111
    rc, out, _ = do("dtable y if y > 1000", df=data)
    assert rc == 2000 and "no observations" in out
