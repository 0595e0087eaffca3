"""``collect stars`` placements ([TABLES] collect stars): without attach() the labels are a
result of their own (``stars``), ``dimension`` puts them in a new dimension ``stars``
(levels value and label), ``shownote`` writes the note under the table; and collect's
factor-variable rows: the levels of ``i.g`` indented under a ``g`` heading row.  The p-values
the stars come from are recomputed here with numpy/scipy OLS."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

STARS = 'collect stars _r_p 0.01 "***" 0.05 "**" 0.1 "*"'


def _data():
    rng = np.random.default_rng(102)
    n = 90
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    g = np.tile([1.0, 2.0, 3.0], n // 3)
    y = 1 + 0.6 * x + 0.15 * z + 0.3 * (g == 2) - 0.5 * (g == 3) + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "z": z, "g": g})


def _labels(df) -> dict[str, str]:
    """OLS of y on x z 2.g 3.g _cons: the star label of each coefficient."""
    cols = [df.x, df.z, (df.g == 2) * 1.0, (df.g == 3) * 1.0, np.ones(len(df))]
    X = np.column_stack(cols)
    b, *_ = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)
    resid = df.y.to_numpy() - X @ b
    dfr = len(df) - X.shape[1]
    se = np.sqrt(np.diag(resid @ resid / dfr * np.linalg.inv(X.T @ X)))
    p = 2 * stats.t.sf(np.abs(b / se), dfr)
    lab = ["***" if v < 0.01 else "**" if v < 0.05 else "*" if v < 0.1 else "" for v in p]
    return dict(zip(["x", "z", "2", "3", "Intercept"], lab))


def _rows(out: str) -> list[tuple[str, list[str]]]:
    return [(line.split("|")[0], line.split("|")[1].split()) for line in out.splitlines()
            if "|" in line and not line.startswith("-")]


def _laid_out(new_session, run, commands: str):
    """(output, {row label: cells}, the star labels expected) of a regression collected and
    then ``commands``."""
    df = _data()
    out, rc = run(new_session(df), f"collect clear\ncollect: regress y x z i.g\n{commands}")
    assert rc == 0, out
    return out, {label.strip(): cells for label, cells in _rows(out)}, _labels(df)


def test_stars_as_a_result_in_a_column_of_their_own(new_session, run):
    out, rows, want = _laid_out(new_session, run, f"{STARS}\ncollect layout (colname) (result[_r_b stars])")
    assert "stars" in out.splitlines()[[k for k, ln in enumerate(out.splitlines()) if "Coefficient" in ln][0]]
    for name in ("x", "z", "2", "3", "Intercept"):
        assert rows[name][1:] == ([want[name]] if want[name] else []), (name, rows[name])
    assert "p<" not in out  # no note without shownote


def test_result_layout_without_stars_level_is_unchanged(new_session, run):
    df = _data()
    s = new_session(df)
    layout = "collect layout (colname) (result[_r_b _r_se])"
    plain, rc = run(s, f"collect clear\ncollect: regress y x z i.g\n{layout}")
    assert rc == 0
    starred, rc = run(s, f"{STARS}\n{layout}")
    assert rc == 0 and starred.split("Collection:")[-1] == plain.split("Collection:")[-1]


def test_shownote_writes_the_levels_under_the_table(new_session, run):
    df = _data()
    s = new_session(df)
    out, rc = run(s, f"collect clear\ncollect: regress y x z i.g\n{STARS}, attach(_r_b) shownote\n"
                  "collect layout (colname) (result[_r_b])")
    assert rc == 0, out
    lines = out.rstrip().splitlines()
    assert lines[-1] == "*** p<.01, ** p<.05, * p<.1" and lines[-2].startswith("---")
    out, rc = run(s, f"{STARS}, attach(_r_b) shownote nformat(%4.2f)\ncollect preview")
    assert rc == 0 and out.rstrip().splitlines()[-1] == "*** p<0.01, ** p<0.05, * p<0.10"
    out, rc = run(s, "collect stars, clear\ncollect preview")
    assert rc == 0 and "p<" not in out and "*" not in out.split("preview")[-1]


def test_stars_dimension_value_and_label(new_session, run):
    out, rows, want = _laid_out(new_session, run,
                                f"{STARS}, dimension attach(_r_b)\ncollect layout (colname) (result[_r_b]#stars)")
    assert any(cells == ["value", "label"] for _, cells in _rows(out))
    for name in ("x", "z", "Intercept"):
        assert rows[name][1:] == ([want[name]] if want[name] else [])


def test_stars_options_refused(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "collect clear\ncollect: regress y x z i.g")
    for bad in (f"{STARS}, dimension result", f"{STARS}, nformat(%s)", f"{STARS}, attach()"):
        out, rc = run(s, bad, stop_on_error=False)
        assert rc == 198, (bad, out)


def test_factor_levels_under_their_variable(new_session, run):
    df = _data()
    out, rc = run(new_session(df), "collect clear\ncollect: regress y x z i.g\n"
                  "collect layout (colname) (result[_r_b])")
    assert rc == 0, out
    labels = [label.rstrip() for label, _ in _rows(out.split("Collection:")[-1])]
    body = labels[labels.index("x"):]
    assert body == ["x", "z", "g", "  1", "  2", "  3", "Intercept"], body
    rows = dict(_rows(out.split("Collection:")[-1]))
    assert [c for k, c in rows.items() if k.strip() == "g"][0] == []  # the heading row is empty
    out, rc = run(new_session(df), "collect clear\ncollect: regress y x z i.g\n"
                  "collect style header colname, level(value)\ncollect layout (colname) (result[_r_b])")
    assert rc == 0, out
    labels = [label.strip() for label, _ in _rows(out.split("Collection:")[-1])]
    assert "2.g" in labels and "g" not in labels  # level(value): the names, no headings


def test_showbase_off_and_factor(new_session, run):
    df = _data().assign(h=lambda d: (d.x > 0) * 1.0)
    s = new_session(df)
    layout = "collect layout (colname) (result[_r_b])"
    out, rc = run(s, f"collect clear\ncollect: regress y x i.g i.g#i.h\n{layout}")
    assert rc == 0, out
    shown = [label.strip() for label, _ in _rows(out.split("Collection:")[-1])]
    assert "1" in shown and "1 # 0" in shown  # base levels shown by default (as before)
    out, rc = run(s, f"collect style showbase off\n{layout}")
    rows = {label.strip(): cells for label, cells in _rows(out.split("Collection:")[-1])}
    assert rc == 0 and "1" not in rows and "1 # 0" not in rows and "2" in rows and "g" in rows
    out, rc = run(s, f"collect style showbase factor\n{layout}")
    rows = {label.strip(): cells for label, cells in _rows(out.split("Collection:")[-1])}
    assert rc == 0 and rows["1"] == ["0"] and "1 # 0" not in rows  # bases kept outside interactions
    out, rc = run(s, "collect style showbase sometimes", stop_on_error=False)
    assert rc == 198
