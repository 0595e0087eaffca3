"""asdoc: the cells of the RTF tables it writes (sum, sum detail, tabstat, cor, pwcorr, the
detailed table of regress/logit/mixed, the nested table, row/accum) checked against numpy,
scipy and statsmodels; files never overwritten without replace; refused options and commands
(r(198)); the wrapped command's e(), r() and data left as it set them."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
import scipy.stats as st

_CELL = re.compile(r"\\pard\\intbl\\q[lc] \{(.*?)\}\\cell")


def _rows(path) -> list[list[str]]:
    return [_CELL.findall(line) for line in path.read_text().splitlines() if line.startswith("{\\trowd")]


def _by_title(path) -> dict[str, list[str]]:
    return {r[0]: r[1:] for r in _rows(path)}


@pytest.fixture
def data():
    rng = np.random.default_rng(7)
    n = 80
    x = rng.normal(10, 3, n)
    z = rng.uniform(0, 5, n)
    g = np.repeat(np.arange(8), 10).astype(float)
    u = rng.normal(0, 2, 8)[g.astype(int)]
    y = 1.5 + 0.8 * x - 0.6 * z + u + rng.normal(0, 1.5, n)
    b = (y + rng.normal(0, 2, n) > np.median(y)).astype(float)
    return pd.DataFrame({"y": y, "x": x, "z": z, "g": g, "b": b})


def _close(text: str, value: float, dec: int = 3) -> None:
    assert abs(float(text) - value) <= 0.5 * 10 ** -dec + 1e-12, (text, value)


def test_sum_cells_and_decimals(do, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do('label variable x "The x"\nasdoc sum y x if z > 1, replace label\n'
                    "asdoc sum y, save(two) dec(2) tzok", df=data)
    assert rc == 0, out
    rows = _by_title(tmp_path / "Myfile.doc")
    assert rows["Variables"] == ["Obs", "Mean", "Std.Dev.", "Min", "Max"]
    sub = data[data.z > 1]
    for name, col in (("y", "y"), ("The x", "x")):
        v = sub[col].to_numpy()
        cells = rows[name]
        assert cells[0] == str(len(v))
        for text, value in zip(cells[1:], (v.mean(), v.std(ddof=1), v.min(), v.max())):
            _close(text, value)
    # dec(2) tzok: fixed two decimals; save() without an extension gets .doc
    cells = _by_title(tmp_path / "two.doc")["y"]
    assert all(re.fullmatch(r"-?\d+\.\d\d", c) for c in cells[1:])
    _close(cells[1], data.y.mean(), 2)


def test_trailing_zeros_dropped_without_tzok(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    df = pd.DataFrame({"a": [0.5, 1.5, 1.0, 2.0]})
    assert do("asdoc sum a", df=df)[0] == 0
    assert _by_title(tmp_path / "Myfile.doc")["a"] == ["4", "1.25", "0.645", "0.5", "2"]


def test_sum_detail_and_stat_tabstat(do, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("asdoc sum y x, detail save(d.doc)\n"
                    "asdoc tabstat y z, stat(mean sd cv semean range n) save(t.doc)\n"
                    "asdoc sum x, stat(median iqr) save(m.doc)", df=data)
    assert rc == 0, out
    row = _by_title(tmp_path / "d.doc")
    assert row["Variables"][-4:] == ["p1", "p99", "Skew.", "Kurt."]
    _close(row["y"][7], st.skew(data.y))
    _close(row["y"][8], st.kurtosis(data.y, fisher=False))
    rows = _by_title(tmp_path / "t.doc")
    assert rows["Variables"] == ["mean", "sd", "cv", "semean", "range", "n"]
    for name in ("y", "z"):
        v = data[name].to_numpy()
        sd = v.std(ddof=1)
        for text, value in zip(rows[name], (v.mean(), sd, sd / v.mean(), sd / np.sqrt(len(v)), np.ptp(v), len(v))):
            _close(text, value)
    assert "statistics(median iqr)" not in out and "p50" in out  # asdoc's sum, stat() shows tabstat
    m = _by_title(tmp_path / "m.doc")["x"]
    # n = 80: Stata's median and quartiles average the two middle order statistics
    s = np.sort(data.x.to_numpy())
    _close(m[0], (s[39] + s[40]) / 2)
    _close(m[1], (s[59] + s[60]) / 2 - (s[19] + s[20]) / 2)


def test_correlations(do, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("asdoc cor y x z, save(c.doc)\nasdoc pwcorr y z if g < 4, save(p.doc) title(Pairs)", df=data)
    assert rc == 0, out
    rows = _rows(tmp_path / "c.doc")
    assert rows[0] == ["Variables", "(1)", "(2)", "(3)"]
    C = np.corrcoef(data[["y", "x", "z"]].to_numpy().T)
    for i, row in enumerate(rows[1:]):
        assert row[0].startswith(f"({i + 1}) ")
        for j in range(3):
            if j <= i:
                _close(row[1 + j], C[i, j])
            else:
                assert row[1 + j] == ""
    text = (tmp_path / "p.doc").read_text()
    assert "{Pairs}" in text
    sub = data[data.g < 4]
    _close(_rows(tmp_path / "p.doc")[2][1], np.corrcoef(sub.y, sub.z)[0, 1])


def test_regress_detailed_table(do, data, tmp_path, monkeypatch):
    import statsmodels.api as sm

    monkeypatch.chdir(tmp_path)
    rc, out, s = do("asdoc regress y x z, save(r.doc) replace", df=data)
    assert rc == 0, out
    fit = sm.OLS(data.y, sm.add_constant(data[["x", "z"]])).fit()
    rows = _by_title(tmp_path / "r.doc")
    assert rows["y"] == ["Coef.", "St.Err.", "t-value", "p-value", "[95% Conf", "Interval]", "Sig."]
    ci = fit.conf_int()
    for name, key in (("x", "x"), ("z", "z"), ("_cons", "const")):
        cells = rows[name]
        for text, value in zip(cells[:6], (fit.params[key], fit.bse[key], fit.tvalues[key], fit.pvalues[key],
                                           ci.loc[key, 0], ci.loc[key, 1])):
            _close(text, value)
        p = fit.pvalues[key]
        assert cells[6] == ("***" if p <= .01 else "**" if p <= .05 else "*" if p <= .1 else "")
    _close(rows["Mean dependent var"][0], data.y.mean())
    assert rows["Mean dependent var"][1] == "SD dependent var"
    _close(rows["Mean dependent var"][2], data.y.std(ddof=1))
    _close(rows["R-squared"][0], fit.rsquared)
    assert rows["R-squared"][1:3] == ["Number of obs", "80"]
    _close(rows["F-test"][0], fit.fvalue)
    _close(rows["F-test"][2], fit.f_pvalue)
    _close(rows["Akaike crit. (AIC)"][0], fit.aic)
    _close(rows["Akaike crit. (AIC)"][2], fit.bic)
    assert "*** p<.01, ** p<.05, * p<.1" in (tmp_path / "r.doc").read_text()
    # the command's own results stay: e() of regress, r(table) of regress
    assert s.e.cmd == "regress" and "table" in s.r and s.r["table"].values.shape[1] == 3


def test_logit_and_noci_nostars(do, data, tmp_path, monkeypatch):
    import statsmodels.api as sm

    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("asdoc logit b x, save(l.doc) noci nostars", df=data)
    assert rc == 0, out
    fit = sm.Logit(data.b, sm.add_constant(data[["x"]])).fit(disp=0)
    rows = _by_title(tmp_path / "l.doc")
    assert rows["b"] == ["Coef.", "St.Err.", "t-value", "p-value"]
    for text, value in zip(rows["x"], (fit.params["x"], fit.bse["x"], fit.tvalues["x"], fit.pvalues["x"])):
        _close(text, value)
    _close(rows["Pseudo r-squared"][0], fit.prsquared)
    _close(rows["Chi-square"][0], fit.llr)
    _close(rows["Chi-square"][2], fit.llr_pvalue)


def test_mixed_detailed_table(do, data, tmp_path, monkeypatch):
    import statsmodels.formula.api as smf

    monkeypatch.chdir(tmp_path)
    rc, out, s = do("asdoc mixed y x z || g: if z > 0.5, reml save(m.doc)", df=data)
    assert rc == 0, out
    sub = data[data.z > 0.5]
    fit = smf.mixedlm("y ~ x + z", sub, groups=sub.g).fit(reml=True)
    rows = _by_title(tmp_path / "m.doc")
    for name, key in (("y:x", "x"), ("y:z", "z"), ("y:_cons", "Intercept")):
        _close(rows[name][0], fit.fe_params[key], 2)
    assert rows["Number of obs"][0] == str(len(sub))
    assert s.e.cmd == "mixed"


def test_nested_columns_and_reset(do, data, tmp_path, monkeypatch):
    import statsmodels.api as sm

    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("asdoc reg y x, nest replace save(n.doc)\nasdoc reg y x z, nest save(n.doc) cnames(Full)",
                    df=data)
    assert rc == 0, out
    rows = _rows(tmp_path / "n.doc")
    assert rows[0] == ["", "(1)", "(2)"] and rows[1] == ["", "y", "Full"]
    f1 = sm.OLS(data.y, sm.add_constant(data[["x"]])).fit()
    f2 = sm.OLS(data.y, sm.add_constant(data[["x", "z"]])).fit()
    body = {r[0]: (r[1:], rows[k + 1][1:] if k + 1 < len(rows) else []) for k, r in enumerate(rows) if r[0]}
    (b, se) = body["x"]
    for text, value in zip(b, (f1.params.x, f2.params.x)):
        _close(text.rstrip("*"), value)
    for text, value in zip(se, (f1.bse.x, f2.bse.x)):
        _close(text.strip("()"), value)
    assert body["z"][0][0] == "" and body["Constant"][0][0]
    assert list(body)[-2:] == ["Obs.", "R-squared"]
    assert body["Obs."][0] == ["80", "80"]
    _close(body["R-squared"][0][1], f2.rsquared)
    assert do("asdoc reg y z, nest replace save(n.doc)", df=data)[0] == 0
    assert _rows(tmp_path / "n.doc")[0] == ["", "(1)"]


def test_row_and_accum(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("asdoc, row(Country, N, share) save(r.doc) replace title(Shares)\n"
                    "asdoc, accum(12, 0.123456)\nasdoc, row accum(7)\n"
                    "asdoc, row(AT, $accum) save(r.doc)\n"
                    "asdoc, row(DE, 3, 1.5) save(r.doc) dec(1)", df=pd.DataFrame({"a": [1.0]}))
    assert rc == 0, out
    assert _rows(tmp_path / "r.doc") == [["Country", "N", "share", ""], ["AT", "12.000", "0.123", "7.000"],
                                         ["DE", "3.0", "1.5", ""]]
    assert "{Shares}" in (tmp_path / "r.doc").read_text()
    assert "accum" not in s.globals  # row() clears $accum


def test_files_are_never_overwritten_without_replace(do, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    own = "{\\rtf1\\ansi {\\pard Mine\\par}\n}\n"
    (tmp_path / "Myfile.doc").write_text(own)
    rc, out, _ = do("asdoc sum y", df=data)
    assert rc == 0 and "option append was assumed" in out
    text = (tmp_path / "Myfile.doc").read_text()
    assert text.startswith("{\\rtf1\\ansi {\\pard Mine\\par}") and "{y}" in text and text.rstrip().endswith("}")
    before = (tmp_path / "Myfile.doc").read_text()
    # asdoc.ado shows "Option append and replace ..." and "... option accum" and exits 0
    for line, code in (("asdoc sum y, replace append", 0), ("asdoc sum y, wide", 198),
                       ("asdoc tab b g", 198), ("asdoc ttest y == 2", 198), ("asdoc sum nosuch, replace", 111),
                       ("asdoc reg y nosuch, replace", 111), ("asdoc, accum(1) replace", 0),
                       ("asdoc reg y x, nest stat(r2_a)", 198), ("asdoc reg y x, cnames(A)", 198)):
        rc, out, s = do(line, df=data)
        assert rc == code, (line, out)
        assert (tmp_path / "Myfile.doc").read_text() == before
        pd.testing.assert_frame_equal(s.data.df.reset_index(drop=True), data)


def test_ttest_one_sample_and_by_group(do, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("asdoc ttest y == 0, save(t.doc) replace\nasdoc ttest x, by(b) unequal save(t.doc)", df=data)
    assert rc == 0, out
    rows = _rows(tmp_path / "t.doc")
    assert rows[0] == ["", "obs", "Mean", "St_Err", "t_value", "p_value"]
    one = st.ttest_1samp(data.y, 0)
    y = data.y.to_numpy()
    assert rows[1][1] == "80"
    assert abs(float(rows[1][2]) - y.mean()) <= 1e-3
    assert abs(float(rows[1][3]) - y.std(ddof=1) / np.sqrt(80)) <= 1e-3
    assert abs(float(rows[1][4]) - np.floor(one.statistic / 0.05 + 0.5) * 0.05) <= 1e-9  # asdoc rounds t to 0.05
    assert rows[2] == ["", "obs1", "obs2", "Mean1", "Mean2", "dif", "St_Err", "t_value", "p_value"]
    g0, g1 = data.x[data.b == 0], data.x[data.b == 1]
    two = st.ttest_ind(g0, g1, equal_var=False)
    cells = rows[3]
    assert cells[0] == "x by b" and cells[1:3] == [str(len(g0)), str(len(g1))]
    assert abs(float(cells[5]) - (g0.mean() - g1.mean())) <= 1e-3
    assert abs(float(cells[7]) - np.floor(two.statistic / 0.05 + 0.5) * 0.05) <= 1e-9
    assert abs(float(cells[8]) - two.pvalue) <= 1e-3
    assert "Two-sample t test with unequal variances" in (tmp_path / "t.doc").read_text()
    assert abs(s.r["t"] - two.statistic) < 1e-9  # ttest's own r() stays
    for line in ("asdoc ttest y == 1, save(t.doc)", "asdoc ttest y == x, save(t.doc)", "asdoc sum y, by(b)"):
        assert do(line, df=data)[0] == 198


def test_one_way_frequency_tables(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"a": rng.integers(0, 3, 50).astype(float), "c": rng.integers(1, 5, 50).astype(float)})
    df.loc[[2, 7], "a"] = np.nan
    rc, out, _ = do('label define abc 0 "zero" 1 "one" 2 "two"\nlabel values a abc\n'
                    "asdoc tab a if c > 1, save(f.doc) replace\nasdoc tab1 a c, nolabel save(g.doc)", df=df)
    assert rc == 0, out
    rows = _rows(tmp_path / "f.doc")
    sub = df[(df.c > 1) & df.a.notna()]
    counts = sub.a.value_counts().sort_index()
    assert rows[0] == ["a", "Freq.", "Percent", "Cum."]
    assert [r[0] for r in rows[1:]] == [{0.0: "zero", 1.0: "one", 2.0: "two"}[v] for v in counts.index] + ["Total"]
    cum = np.cumsum(counts.to_numpy()) / len(sub) * 100
    for k, (value, freq) in enumerate(counts.items()):
        assert rows[1 + k][1] == str(freq)
        _close(rows[1 + k][2], 100 * freq / len(sub))
        _close(rows[1 + k][3], cum[k])
    assert rows[-1] == ["Total", str(len(sub)), "100", ""]
    text = (tmp_path / "g.doc").read_text()
    assert "{Tabulation of a}" in text and "{Tabulation of c}" in text and text.count("\\rtf1") == 1
    assert [r[0] for r in _rows(tmp_path / "g.doc")][:4] == ["a", "0", "1", "2"]  # nolabel: the values
    assert do("asdoc tab a c", df=df)[0] == 198
