"""Stata 17's ``table`` syntax and ``collect``: the layout against the published
``table educg, statistic(frequency) statistic(percent)`` log (grodri.github.io/stata/tables,
box characters as a text log writes them), every number against numpy/pandas computed here,
the old contents() syntax unchanged, and the refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(17)
    n = 240
    g = rng.integers(0, 3, n).astype(float)
    h = rng.integers(1, 3, n).astype(float)
    y = np.round(rng.normal(50, 10, n), 2)
    x = np.round(rng.gamma(2.0, 3.0, n), 3)
    y[[4, 9, 33]] = np.nan
    g[[7]] = np.nan
    return pd.DataFrame({"g": g, "h": h, "y": y, "x": x})


def _body(out: str, index: int = 0) -> list[str]:
    """The ``index``-th printed table: from its top rule to its bottom rule."""
    lines = out.split("\n")
    tables, start = [], None
    for i, line in enumerate(lines):
        if line.startswith("-") and "+" not in line:
            if start is None:
                start = i
            else:
                tables.append(lines[start:i + 1])
                start = None
    return tables[index]


def _cells(lines: list[str]) -> dict[str, list[str]]:
    out = {}
    for line in lines:
        if "|" in line and not line.startswith("-"):
            label, _, rest = line.partition("|")
            out.setdefault(label.strip(), []).append(rest.split())
    return out


def test_published_one_way_layout(do):
    counts = {1: 941, 2: 771, 3: 744, 4: 659}
    df = pd.DataFrame({"educg": np.repeat(list(counts), list(counts.values())).astype(float)})
    setup = ('label variable educg "Education level"\nlabel define e 1 "0-2" 2 "3-4" 3 "5-7" 4 "8-18"\n'
             "label values educg e\n")
    rc, out, _ = do(setup + "table educg, statistic(frequency) statistic(percent)", df=df)
    assert rc == 0, out
    assert _body(out) == [
        "--------------------------------------",
        "                |  Frequency   Percent",
        "----------------+---------------------",
        "Education level |                     ",
        "  0-2           |        941     30.21",
        "  3-4           |        771     24.75",
        "  5-7           |        744     23.88",
        "  8-18          |        659     21.16",
        "  Total         |      3,115    100.00",
        "--------------------------------------"]


def _stata_pct(x: np.ndarray, p: float) -> float:
    return float(np.percentile(x, p, method="averaged_inverted_cdf"))  # Stata's _pctile definition


STATS = {"mean": np.mean, "sd": lambda v: np.std(v, ddof=1), "variance": lambda v: np.var(v, ddof=1),
         "median": lambda v: _stata_pct(v, 50), "p25": lambda v: _stata_pct(v, 25), "min": np.min, "max": np.max,
         "count": len, "total": np.sum, "iqr": lambda v: _stata_pct(v, 75) - _stata_pct(v, 25),
         "semean": lambda v: np.std(v, ddof=1) / np.sqrt(len(v)), "range": lambda v: np.max(v) - np.min(v)}


@pytest.mark.parametrize("stat", sorted(STATS))
def test_two_way_statistics_against_numpy(do, data, stat):
    rc, out, _ = do(f"table (g) (h), statistic({stat} y) nformat(%14.6f)", df=data)
    assert rc == 0, out
    cells = _cells(_body(out))
    sample = data.dropna(subset=["g", "h"])
    for level, rows in [(f"{k:g}", sample[sample.g == k]) for k in (0, 1, 2)] + [("Total", sample)]:
        expect = []
        for part in [rows[rows.h == 1], rows[rows.h == 2], rows]:
            v = part.y.dropna().to_numpy()
            expect.append(f"{STATS[stat](v):.6f}")
        assert cells[level] == [expect], (level, cells[level])


def test_frequency_percent_across_columns_and_totals(do, data):
    rc, out, _ = do("table g h, statistic(frequency) statistic(percent) sformat(\"(%s%%)\" percent)", df=data)
    assert rc == 0, out
    lines = _body(out)
    sample = data.dropna(subset=["g", "h"])
    n = len(sample)
    assert lines[1].split() == ["|", "h"] and lines[2].split() == ["|", "1", "2", "Total"]
    cells = _cells(lines)
    for level in (0, 1, 2):
        rows = sample[sample.g == level]
        freq = [len(rows[rows.h == 1]), len(rows[rows.h == 2]), len(rows)]
        assert cells["Frequency"][level] == [f"{f:,}" for f in freq]
        assert cells["Percent"][level] == [f"({100 * f / n:.2f}%)" for f in freq]
    assert cells["Frequency"][3] == [f"{(sample.h == 1).sum()}", f"{(sample.h == 2).sum()}", f"{n}"]


def test_several_variables_and_statistics_in_columns(do, data):
    rc, out, _ = do("table g, stat(mean y x) stat(sd y x) nototals nformat(%8.3f)", df=data)
    assert rc == 0, out
    lines = _body(out)
    assert lines[1].split() == ["|", "y", "x"]
    assert lines[2].split("|")[1].split("  ") and "Standard deviation" in lines[2]
    cells = _cells(lines)
    assert "Total" not in cells
    sample = data.dropna(subset=["g"])
    for k in (0, 1, 2):
        rows = sample[sample.g == k]
        y, x = rows.y.dropna(), rows.x.dropna()
        expect = [f"{y.mean():.3f}", f"{y.std(ddof=1):.3f}", f"{x.mean():.3f}", f"{x.std(ddof=1):.3f}"]
        assert cells[f"{k}"] == [expect]


def test_missing_and_totals_option(do, data):
    rc, out, _ = do("table g, missing nformat(%9.0f)\ntable (g) (h), totals(g)", df=data)
    assert rc == 0, out
    cells = _cells(_body(out, 0))
    assert cells["."] == [["1"]] and cells["Total"] == [[f"{len(data)}"]]
    lines = _body(out, 1)
    assert lines[2].split() == ["|", "1", "2"]  # no Total column: totals() names only g
    assert "Total" in _cells(lines)


def test_old_contents_syntax_unchanged(do, data):
    rc, out, _ = do("table g, contents(mean y) row", df=data)
    assert rc == 0, out
    lines = _body(out)
    assert lines[1].split() == ["g", "|", "mean(y)"]


def test_collect_style_label_preview_and_exports(do, data, tmp_path):
    md, tex, html, xlsx = (tmp_path / f"t.{e}" for e in ("md", "tex", "html", "xlsx"))
    script = ("table g, stat(frequency) stat(mean y)\ncollect style cell result[mean], nformat(%6.2f)\n"
              'collect label levels result frequency "N"\ncollect preview\n'
              f'collect export "{md}", replace\ncollect export "{tex}"\ncollect export "{html}"\n'
              f'collect export "{xlsx}"')
    rc, out, _ = do(script, df=data)
    assert rc == 0, out
    sample = data.dropna(subset=["g"])
    lines = _body(out, 1)
    assert lines[1].split() == ["|", "N", "Mean"]
    cells = _cells(lines)
    for k in (0, 1, 2):
        rows = sample[sample.g == k]
        assert cells[f"{k}"] == [[f"{len(rows)}", f"{rows.y.mean():.2f}"]]
    text = md.read_text().split("\n")
    assert text[0].split("|")[2].strip() == "N" and text[2].split("|")[1].strip() == "g"
    assert f"{sample.y.mean():.2f}" in text[-2]
    assert r"\begin{tabular}" in tex.read_text() and "<table>" in html.read_text()
    from openpyxl import load_workbook
    sheet = load_workbook(xlsx).active
    assert [c.value for c in sheet[1]][1:] == ["N", "Mean"]
    assert f"(collection Table exported to file {md})" in out


def test_refusals_and_no_overwrite(do, data, tmp_path):
    path = tmp_path / "keep.md"
    path.write_text("keep me\n")
    # (tb82 implemented fv* statistics, zerocounts, command(), tabvars, layout names, aweights,
    # collect layout and .pdf export, which this list refused before: tests/test_table17_*.py)
    # (the collect: prefix, refused here before, is built: tests/test_collect_prefix.py)
    cases = [("table g h, stat(percent, across(y))", 198, "y is not a row or column variable"),
             ("table g h, stat(mean y, across(g))", 198, "suboptions are not available"),
             ("table g, stat(mean)", 100, "requires a varlist"),
             ("table g, stat(mean nosuch)", 111, "not found"),
             ("table g, stat(mean y) nformat(%5.2z)", 198, "invalid numeric format"),
             ("table g if x > 1e9, stat(mean y)", 2000, "no observations"),
             ("table (g)\ncollect style cell, font(arial)", 198, "font() is not available"),
             (f'table (g)\ncollect export "{path}"', 602, "already exists"),
             ("collect clear\ncollect preview", 111, "collection Table not found")]
    for script, code, message in cases:
        rc, out, _ = do(script, df=data)
        assert rc == code and message in out, (script, out)
    assert path.read_text() == "keep me\n"


def test_fweights_count_each_observation_w_times(do, data):
    rc, out, _ = do("table (g) [fw=h], stat(frequency) stat(mean y) stat(median y) stat(sd y)"
                    " nformat(%12.5f mean sd)", df=data)
    assert rc == 0, out
    cells = _cells(_body(out))
    sample = data.dropna(subset=["g"])
    for k in (0, 1, 2):
        rows = sample[sample.g == k]
        expanded = np.repeat(rows.y.to_numpy(), rows.h.to_numpy().astype(int))
        expanded = expanded[~np.isnan(expanded)]
        expect = [f"{int(rows.h.sum()):,}", f"{expanded.mean():.5f}", f"{_stata_pct(expanded, 50):g}",
                  f"{expanded.std(ddof=1):.5f}"]
        assert cells[f"{k}"] == [expect]


def test_sformat_with_spaces_and_collect_style_sformat(do, data):
    rc, out, _ = do('table (g), stat(frequency) stat(percent) sformat("[%s %%]" percent)\n'
                    'collect style cell result[frequency], sformat("n=%s")\ncollect preview', df=data)
    assert rc == 0, out
    sample = data.dropna(subset=["g"])
    n0 = int((sample.g == 0).sum())
    first, again = _cells(_body(out, 0)), _cells(_body(out, 1))
    assert first["0"] == [[f"{n0}", f"[{100 * n0 / len(sample):.2f}", "%]"]]
    assert again["0"] == [[f"n={n0}", f"[{100 * n0 / len(sample):.2f}", "%]"]]


def test_statistics_of_several_variables_in_rows_under_a_column_variable(do, data):
    rc, out, _ = do("table () (h), stat(frequency) stat(mean y x) stat(sd y x) nformat(%8.3f mean sd)", df=data)
    assert rc == 0, out
    lines = _body(out)
    labels = [line.split("|")[0].rstrip() for line in lines[4:-1]]
    assert labels == ["Frequency", "y", "  Mean", "  Standard deviation", "x", "  Mean", "  Standard deviation"]
    values = [line.split("|")[1].split() for line in lines[4:-1]]
    parts = [data[data.h == 1], data[data.h == 2], data]
    assert values[0] == [f"{len(p)}" for p in parts]
    for row, var in ((2, "y"), (5, "x")):
        assert values[row] == [f"{p[var].mean():.3f}" for p in parts]
        assert values[row + 1] == [f"{p[var].std(ddof=1):.3f}" for p in parts]


def test_collect_export_docx(do, data, tmp_path):
    import zipfile
    from xml.etree import ElementTree

    path = tmp_path / "t.docx"
    path.write_text("keep me\n")
    rc, out, _ = do(f'table (g), stat(frequency) stat(mean y) nformat(%6.2f mean)\ncollect export "{path}"', df=data)
    assert rc == 602 and path.read_text() == "keep me\n"
    rc, out, _ = do(f'table (g), stat(frequency) stat(mean y) nformat(%6.2f mean)\ncollect export "{path}", replace',
                    df=data)
    assert rc == 0 and f"(collection Table exported to file {path})" in out
    with zipfile.ZipFile(path) as package:
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= set(package.namelist())
        root = ElementTree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = [["".join(t.text or "" for t in tc.iter(w + "t")) for tc in tr.iter(w + "tc")] for tr in root.iter(w + "tr")]
    sample = data.dropna(subset=["g"])
    assert rows[0] == ["", "Frequency", "Mean"] and rows[1] == ["g", "", ""]
    assert rows[2] == ["  0", f"{(sample.g == 0).sum()}", f"{sample[sample.g == 0].y.mean():.2f}"]
    assert rows[-1][0] == "  Total" and rows[-1][1] == f"{len(sample)}"


def test_collect_title_and_notes(do, data):
    rc, out, _ = do('table (g), stat(frequency)\ncollect title "Table 1"\ncollect notes "Note A."\n'
                    'collect notes "Note B."\ncollect preview', df=data)
    assert rc == 0, out
    lines = out.split("\n")
    top = lines.index("Table 1")
    body = _body(out, 1)
    assert lines[top + 1] == body[0]
    bottom = top + len(body)
    assert lines[bottom + 1:bottom + 3] == ["Note A.", "Note B."]
    rc, out, _ = do('table (g)\ncollect title "a" "b"', df=data)
    assert rc == 198


def test_percent_across_a_variable_sums_to_100_over_its_levels(do, data):
    rc, out, _ = do("table (g) (h), stat(percent, across(h)) nformat(%9.4f)", df=data)
    assert rc == 0, out
    cells = _cells(_body(out))
    sample = data.dropna(subset=["g", "h"])
    shares = pd.crosstab(sample.g, sample.h, normalize="index") * 100  # row percentages
    for k in (0, 1, 2):
        assert cells[f"{k}"] == [[f"{shares.loc[k, 1]:.4f}", f"{shares.loc[k, 2]:.4f}", "100.0000"]]
    total = sample.h.value_counts(normalize=True).sort_index() * 100
    assert cells["Total"] == [[f"{total[1]:.4f}", f"{total[2]:.4f}", "100.0000"]]


def test_three_row_variables_nest(do, data):
    rc, out, _ = do("gen byte c = x > 5\ntable (h c g), nototals", df=data)
    assert rc == 0, out
    lines = _body(out)
    sample = data.dropna(subset=["g"]).assign(c=lambda d: (d.x > 5).astype(int))
    assert lines[3].startswith("h ") and lines[4].startswith("  1 ") and lines[5].startswith("    c ")
    assert lines[6].startswith("      0 ") and lines[7].startswith("        g ")
    first = sample[(sample.h == 1) & (sample.c == 0)]
    assert [line.split("|")[1].strip() for line in lines[8:11]] == [
        f"{(first.g == k).sum()}" for k in (0, 1, 2)]


def test_named_collections(do, data):
    rc, out, _ = do("table (g), stat(mean y) name(first)\ntable (h)\ncollect preview, name(first)", df=data)
    assert rc == 0, out
    assert _body(out, 2) == _body(out, 0)
    rc, out, _ = do("table (g), name(first)\ntable (g), name(first)", df=data)
    assert rc == 110 and "collection first already exists" in out
    rc, out, _ = do('table (g), name("two words")', df=data)
    assert rc == 198 and "invalid name" in out


def test_nested_column_variables(do, data):
    rc, out, _ = do("gen byte c = x > 5\ntable (g) (c h), nototals", df=data)
    assert rc == 0, out
    lines = _body(out)
    assert lines[1].split() == ["|", "c"] and lines[2].split() == ["|", "0", "1"]
    assert lines[3].split() == ["|", "h", "h"] and lines[4].split() == ["|", "1", "2", "1", "2"]
    sample = data.dropna(subset=["g"]).assign(c=lambda d: (d.x > 5).astype(int))
    counts = pd.crosstab(sample.g, [sample.c, sample.h])
    cells = _cells(lines)
    for k in (0, 1, 2):
        assert cells[f"{k}"] == [[f"{counts.loc[k, (c, h)]}" for c in (0, 1) for h in (1, 2)]]
