"""Stata 17 ``table``/``collect`` layouts added by tb82: a third dimension (one table per
level and a Total table), the layout names var/result in the dimension specs, zerocounts,
append, collect layout/dims/levelsof, collect style cell halign() and collect style header.
Counts are checked against pandas crosstabs; the table frames are those the published
one-way log pins (tests/test_table_collect.py); the heading line of a table level
(``label = level``), the collect layout/dims/levelsof listings are inferred
(docs/table_collect.md)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(1782)
    n = 200
    return pd.DataFrame({"a": rng.integers(0, 2, n).astype(float), "b": rng.integers(1, 4, n).astype(float),
                         "t": rng.integers(1, 3, n).astype(float), "y": np.round(rng.normal(10, 2, n), 2),
                         "x": np.round(rng.normal(5, 1, n), 2)})


def _tables(out: str) -> list[tuple[list[str], list[str]]]:
    """(heading lines, body lines from top rule to bottom rule) per printed table."""
    lines, tables, heading, start = out.split("\n"), [], [], None
    for i, line in enumerate(lines):
        if line.startswith("-") and "+" not in line:
            if start is None:
                start = i
            else:
                tables.append((heading, lines[start:i + 1]))
                start, heading = None, []
        elif start is None and line.strip():
            heading.append(line)
    return tables


def _cells(body: list[str]) -> dict[str, list[str]]:
    out = {}
    for line in body:
        if "|" in line and not line.startswith("-"):
            label, _, rest = line.partition("|")
            if rest.split() and label.strip():
                out[label.strip()] = rest.split()
    return out


def test_third_dimension_one_table_per_level_and_total(do, data):
    rc, out, _ = do('label variable t "Period"\ntable (a) (b) (t)', df=data)
    assert rc == 0, out
    tables = _tables(out)
    assert [h for h, _ in tables] == [["Period = 1"], ["Period = 2"], ["Period = Total"]]
    for (_, body), part in zip(tables, [data[data.t == 1], data[data.t == 2], data]):
        crosstab = pd.crosstab(part.a, part.b, margins=True)
        cells = _cells(body)
        assert body[2].split() == ["|", "1", "2", "3", "Total"]
        for key, label in [(0.0, "0"), (1.0, "1"), ("All", "Total")]:
            assert cells[label] == [str(v) for v in crosstab.loc[key]]


def test_third_dimension_without_totals_and_with_statistics(do, data):
    rc, out, _ = do("table (a) () (t), stat(mean y) nototals nformat(%9.3f)", df=data)
    assert rc == 0, out
    tables = _tables(out)
    assert [h for h, _ in tables] == [["t = 1"], ["t = 2"]]
    for (_, body), level in zip(tables, (1, 2)):
        means = data[data.t == level].groupby("a").y.mean()
        assert _cells(body) == {"0": [f"{means[0]:.3f}"], "1": [f"{means[1]:.3f}"]}


def test_layout_names_var_and_result(do, data):
    rc, out, _ = do("table (var) (result), stat(mean y x) stat(sd y x) nformat(%9.4f)", df=data)
    assert rc == 0, out
    (_, body), = _tables(out)
    assert body[1].split() == ["|", "Mean", "Standard", "deviation"]
    assert _cells(body) == {v: [f"{data[v].mean():.4f}", f"{data[v].std(ddof=1):.4f}"] for v in ("y", "x")}
    rc, out, _ = do("table (result) (a var), stat(mean y x) nformat(%9.4f) nototals", df=data)
    assert rc == 0, out
    (_, body), = _tables(out)
    means = data.groupby("a")[["y", "x"]].mean()
    assert _cells(body)["Mean"] == [f"{means.loc[k, v]:.4f}" for k in (0.0, 1.0) for v in ("y", "x")]


def test_zerocounts_shows_empty_combinations(do, data):
    sub = data[~((data.a == 1) & (data.b == 3))]
    rc, out, _ = do("table (a) (b), nototals", df=sub)
    assert rc == 0, out
    assert len(_cells(_tables(out)[0][1])["1"]) == 2
    rc, out, _ = do("table (a) (b), nototals zerocounts", df=sub)
    assert rc == 0, out
    assert _cells(_tables(out)[0][1])["1"][-1] == "0"


def test_append_adds_to_the_collection(do, data):
    rc, out, session = do("table (a)\ntable (b), append\ncollect layout (a b) (result)", df=data)
    assert rc == 0, out
    body = _tables(out)[-1][1]
    rows = [(line.split("|")[0].strip(), line.split("|")[1].split()) for line in body[3:-1]]
    a, b = data.a.value_counts(), data.b.value_counts()
    assert rows == [("a", []), ("0", [str(a[0])]), ("1", [str(a[1])]), ("Total", [str(len(data))]),
                    ("b", []), ("1", [str(b[1])]), ("2", [str(b[2])]), ("3", [str(b[3])]),
                    ("Total", [str(len(data))])]
    rc, out, _ = do("table (a), name(mine)\ntable (b), name(mine) append replace", df=data)
    assert rc == 198 and "append and replace" in out


def test_collect_layout_dims_levelsof(do, data):
    script = ("table (a) (b), stat(frequency) stat(mean y)\ncollect dims\ncollect levelsof result\n"
              "collect levelsof b\ncollect layout (b) (result[mean])\ncollect layout")
    rc, out, session = do(script, df=data)
    assert rc == 0, out
    # the frame of a published Stata 17 ``collect dims`` log (a public do-file's pasted output)
    assert "Collection dimensions\nCollection: Table\n" + "-" * 41 + "\n" + " " * 19 + "Dimension   No. levels\n" \
        + "-" * 41 + "\nLayout, style, header, label\n" + " " * 27 + "a   3         \n" in out
    assert "\nStyle only\n" + " " * 16 + "border_block   4         \n" + " " * 19 + "cell_type   4         \n" \
        + "-" * 41 in out
    listing = out[out.index("Layout, style, header, label"):out.index("Style only")].split()
    assert listing == ["Layout,", "style,", "header,", "label", "a", "3", "b", "4", "result", "2", "var", "1"]
    assert "Collection: Table\n Dimension: result\n    Levels: frequency mean" in out
    assert "    Levels: 1 2 3 .m" in out
    assert session.s["levels"] == "1 2 3 .m"
    assert "      Rows: b\n   Columns: result[mean]\n   Table 1: 4 x 1" in out
    body = _tables(out[out.index("      Rows: b"):])[0][1]  # (collect dims' listing has three rules)
    means = data.groupby("b").y.mean()  # a left out of the layout: its Total's items
    assert _cells(body) == {**{f"{k:g}": [f"{v:.7g}"] for k, v in means.items()}, "Total": [f"{data.y.mean():.7g}"]}
    assert out.rstrip().endswith("Table 1: 4 x 1")  # collect layout alone: the summary only


def test_collect_style_header_and_halign(do, data):
    script = ("table (a) (b), nototals\ncollect style header a, title(hide)\ncollect style header b, level(value)\n"
              'collect label levels a 0 "No" 1 "Yes"\ncollect style cell, halign(left)\ncollect preview')
    rc, out, _ = do(script, df=data)
    assert rc == 0, out
    body = _tables(out)[-1][1]
    labels = [line.split("|")[0].rstrip() for line in body[4:-1]]
    assert labels == ["No ", "Yes"] or labels == ["No", "Yes"]
    first = body[4].split("|")[1]
    count = str(((data.a == 0) & (data.b == 1)).sum())
    assert first.startswith(" " + count + " ")  # left-aligned in its column


def test_layout_errors(do, data):
    for script, code, message in [
            ("table (a)\ncollect layout (nosuch) (result)", 111, "dimension nosuch not found"),
            ("table (a)\ncollect layout (a[7]) (result)", 111, "level 7 of dimension a not found"),
            ("table (a)\ncollect levelsof nosuch", 111, "dimension nosuch not found"),
            ("table (a)\ncollect style header a, title(bold)", 198, "title(bold) invalid"),
            ("table (a)\ncollect style cell, halign(middle)", 198, "halign(middle) invalid"),
            ("table (a) (b), statcmd", 198, "option statcmd not allowed")]:
        rc, out, _ = do(script, df=data)
        assert rc == code and message in out, (script, out)
