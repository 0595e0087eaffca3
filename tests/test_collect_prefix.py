"""The ``collect [, tag() name()]: command`` prefix ([TABLES] collect get) and ``collect style
cell ..., cidelimiter()``: regress's coefficients, standard errors and intervals collected,
checked against an OLS computed here with numpy/scipy; tags, cmdset numbering, base levels,
failures."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats


def _data():
    rng = np.random.default_rng(138)
    n = 60
    x = rng.normal(size=n)
    g = np.tile([1.0, 2.0, 3.0], n // 3)
    y = 1 + 0.5 * x + 0.3 * (g == 2) - 0.4 * (g == 3) + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "g": g})


def _ols(df, cols):
    X = np.column_stack([df[c] for c in cols] + [np.ones(len(df))])
    b, *_ = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)
    resid = df.y.to_numpy() - X @ b
    dfr = len(df) - X.shape[1]
    V = resid @ resid / dfr * np.linalg.inv(X.T @ X)
    return b, np.sqrt(np.diag(V)), dfr


def _value(coll, **tags):
    hits = [i.value for i in coll.items if all(i.tags.get(k) == v for k, v in tags.items())]
    assert len(hits) == 1, (tags, hits)
    return hits[0]


def test_collect_prefix_regress_items(new_session, run):
    df = _data()
    s = new_session(df)
    out, rc = run(s, "collect clear\ncollect, tag(model[1]): regress y x i.g\nestimates store a\n"
                     "collect, tag(model[2]): regress y x")
    assert rc == 0, out
    assert "Number of obs" in out  # the command's own output is shown
    coll = s.collections["default"]
    d = df.assign(g2=(df.g == 2) * 1.0, g3=(df.g == 3) * 1.0)
    b, se, dfr = _ols(d, ["x", "g2", "g3"])
    crit = stats.t.ppf(0.975, dfr)
    for name, k in (("x", 0), ("2.g", 1), ("3.g", 2), ("_cons", 3)):
        assert _value(coll, model="1", colname=name, result="_r_b") == pytest.approx(b[k], rel=1e-8)
        assert _value(coll, model="1", colname=name, result="_r_se") == pytest.approx(se[k], rel=1e-8)
        lb, ub = _value(coll, model="1", colname=name, result="_r_ci")
        assert (lb, ub) == (pytest.approx(b[k] - crit * se[k], rel=1e-8), pytest.approx(b[k] + crit * se[k], rel=1e-8))
    assert _value(coll, model="1", colname="1.g", result="_r_b") == 0.0  # the base level
    assert coll.dims["colname"].levels[:4] == ["x", "1.g", "2.g", "3.g"]  # e(b)'s order
    assert _value(coll, model="2", result="N") == 60
    assert _value(coll, model="1", result="r2") == pytest.approx(
        1 - np.sum((d.y - np.column_stack([d.x, d.g2, d.g3, np.ones(60)]) @ b) ** 2) / np.sum((d.y - d.y.mean()) ** 2))
    assert coll.dims["cmdset"].levels == ["1", "2"] and coll.dims["model"].levels == ["1", "2"]
    out, rc = run(s, "collect layout (colname) (model#result[_r_b _r_ci])\n"
                     "collect style cell result[_r_ci], cidelimiter(;)\ncollect preview")
    assert rc == 0, out
    assert f"{b[0]:.7f}".lstrip("0")[:6] in out and ";" in out  # %9.0g: .4853...


def test_collect_prefix_name_and_failure(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "collect, name(mine) tag(step[a] kind[ols]): summarize y")
    assert rc == 0, out
    coll = s.collections["mine"]
    assert _value(coll, step="a", kind="ols", result="mean") == pytest.approx(_data().y.mean())
    before = len(coll.items)
    out, rc = run(s, "collect, name(mine): regress y nosuch", stop_on_error=False)
    assert rc == 111
    assert len(s.collections["mine"].items) == before
    out, rc = run(s, "collect, tag(bad): regress y x", stop_on_error=False)
    assert rc == 198


def test_collect_style_column_dups(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "collect style column, dups(center)", stop_on_error=False)
    assert rc == 111  # no collection yet
    out, rc = run(s, "collect, tag(m[1]): regress y x\ncollect style column, dups(center)")
    assert rc == 0, out
    for bad, code in (("dups(first)", 198), ("dups(sideways)", 198), ("width(equal)", 198)):
        out, rc = run(s, f"collect style column, {bad}", stop_on_error=False)
        assert rc == code, (bad, out)


def test_collect_stars_attached(new_session, run):
    df = _data()
    s = new_session(df)
    out, rc = run(s, 'collect, tag(m[1]): regress y x i.g\ncollect layout (colname) (m#result[_r_b])\n'
                     'collect style cell result[_r_b], nformat(%6.3f)\n'
                     'collect stars _r_p 0.001 "***" 0.01 "**" 0.05 "*", attach(_r_b)\ncollect preview')
    assert rc == 0, out
    d = df.assign(g2=(df.g == 2) * 1.0, g3=(df.g == 3) * 1.0)
    b, se, dfr = _ols(d, ["x", "g2", "g3"])
    p = 2 * stats.t.sf(np.abs(b / se), dfr)
    label = lambda v: "***" if v < 0.001 else "**" if v < 0.01 else "*" if v < 0.05 else ""
    rows = {line.split("|")[0].strip(): line.split("|")[1].strip() for line in out.splitlines() if "|" in line}
    assert rows["x"] == f"{b[0]:.3f}" + label(p[0])
    assert rows["Intercept"] == f"{b[3]:.3f}" + label(p[3])
    # (without attach() and with shownote: tests/test_collect_stars_placement.py)
    for bad in ('collect stars _r_p 2 "*", attach(_r_b)', 'collect stars _r_p 0.05, attach(_r_b)',
                'collect stars _r_p 0.05 "*", attach(_r_b) result', 'collect stars _r_p 0.05 "*", font(x)'):
        out, rc = run(s, bad, stop_on_error=False)
        assert rc == 198, (bad, out)


def test_putexcel_collect(new_session, run, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    df = _data()
    s = new_session(df)
    path = tmp_path / "models.xlsx"
    out, rc = run(s, f'collect, tag(m[1]): regress y x\ncollect layout (colname) (m#result[_r_b _r_se])\n'
                     f'collect style cell result[_r_b _r_se], nformat(%7.4f)\n'
                     f'putexcel set "{path}", replace\nputexcel B2 = collect')
    assert rc == 0, out
    b, se, _ = _ols(df, ["x"])
    ws = openpyxl.load_workbook(path).active
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    assert ("x" in cells.values()) and (f"{b[0]:.4f}" in cells.values()) and (f"{se[0]:.4f}" in cells.values())
    assert min(r for r, _ in cells) == 2 and min(c for _, c in cells) == 2  # top-left corner at B2
    s2 = new_session(df)
    out, rc = run(s2, f'collect clear\nputexcel set "{tmp_path / "none.xlsx"}", replace\nputexcel A1 = collect',
                  stop_on_error=False)
    assert rc == 111
