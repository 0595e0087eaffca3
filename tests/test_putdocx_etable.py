"""``putdocx table name = etable[(numlist)]``: the last estimation's coefficient table(s) as the
command displays them, written into the .docx; several tables (mixed's fixed and random parts)
named name1, name2, ...; the numbers checked against statsmodels."""
from __future__ import annotations

import io
import re
import zipfile

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture
def data():
    rng = np.random.default_rng(21)
    n = 120
    g = np.repeat(np.arange(12), 10)
    x = rng.normal(size=n)
    f = np.arange(n) % 3
    y = 1 + 0.8 * x + 0.3 * (f == 1) - 0.2 * (f == 2) + rng.normal(size=n) + rng.normal(size=12)[g]
    return g, x, f, y


@pytest.fixture
def run(tmp_path, monkeypatch, data):
    monkeypatch.chdir(tmp_path)
    g, x, f, y = data
    path = tmp_path / "d.csv"
    path.write_text("g,x,f,y\n" + "".join(f"{a},{float(b)!r},{c},{float(d)!r}\n" for a, b, c, d in zip(g, x, f, y)))
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"import delimited using {path}, clear") == 0

    def go(text):
        start = len(s.out.stream.getvalue())
        rc = r.run_text(text, stop_on_error=False)
        return rc, s.out.stream.getvalue()[start:]
    return go


def _tables(path) -> list[list[list[str]]]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    out = []
    for tbl in re.findall(r"<w:tbl>.*?</w:tbl>", xml):
        out.append([[re.sub(r"<[^>]+>", "", tc).replace("&gt;", ">") for tc in re.findall(r"<w:tc>.*?</w:tc>", tr)]
                    for tr in re.findall(r"<w:tr>.*?</w:tr>", tbl)])
    return out


def test_regress_table_rows_and_numbers(run, data, tmp_path):
    g, x, f, y = data
    fit = sm.OLS(y, np.column_stack([x, f == 1, f == 2, np.ones_like(x)]).astype(float)).fit()
    rc, out = run("quietly regress y x i.f\nputdocx begin\nputdocx table t = etable, title(First)\n"
                  "putdocx save e1, replace")
    assert rc == 0, out
    [table] = _tables(tmp_path / "e1.docx")
    assert table[0] == ["y", "Coef.", "Std. Err.", "t", "P>|t|", "[95% Conf. Interval]"]
    assert [r[0] for r in table] == ["y", "x", "f", "1", "2", "_cons"]
    assert table[2] == ["f"] + [""] * 6  # the factor variable's group row
    ci = fit.conf_int()
    for row, k in (("x", 0), ("1", 1), ("2", 2), ("_cons", 3)):
        cells = next(r for r in table if r[0] == row)
        assert float(cells[1]) == pytest.approx(fit.params[k], rel=1e-5)  # %9.0g shows 7 digits
        assert float(cells[2]) == pytest.approx(fit.bse[k], rel=1e-5)  # %9.0g shows 7 digits
        assert float(cells[6]) == pytest.approx(ci[k, 1], rel=1e-5)  # %9.0g shows 7 digits
    xml = zipfile.ZipFile(tmp_path / "e1.docx").read("word/document.xml").decode()
    assert '<w:gridSpan w:val="2"/>' in xml and ">First<" in xml


def test_mixed_two_tables_numbered_and_picked(run, tmp_path):
    rc, out = run("quietly mixed y x || g:\nputdocx begin\nputdocx table m = etable\n"
                  "putdocx table k = etable(2), nformat(%5.2f)\nputdocx describe")
    assert rc == 0, out
    assert "m1: 3 x 7" in out and "m2: 4 x 5" in out and "k: 4 x 5" in out
    assert run("putdocx save e2, replace")[0] == 0
    fixed, random, picked = _tables(tmp_path / "e2.docx")
    assert fixed[0][0] == "y" and [r[0] for r in fixed[1:]] == ["x", "_cons"]
    assert random[0][:3] == ["Random-effects Parameters", "Estimate", "Std. Err."]
    assert [r[0] for r in random[1:]] == ["g: Identity", "var(_cons)", "var(Residual)"]
    assert picked[2][1] == f"{float(random[2][1]):.2f}"


def test_errors(run):
    rc, out = run("putdocx begin\nputdocx table t = etable")
    assert rc == 301 and "last estimates not found" in out
    assert run("quietly regress y x\nputdocx table t = etable")[0] == 0
    rc, out = run("putdocx table t = etable")
    assert rc == 110 and "table t already exists" in out
    rc, out = run("putdocx table u = etable(2)")
    assert rc == 198
    rc, out = run("putdocx table v = etable, rownames")
    assert rc == 198


def test_mlogit_equations_and_base_outcome_remark(run, data, tmp_path):
    g, x, f, y = data
    fit = sm.MNLogit(f, sm.add_constant(x)).fit(disp=0)
    rc, out = run("quietly mlogit f x, baseoutcome(0)\nputdocx begin\nputdocx table c = etable\n"
                  "putdocx save e3, replace")
    assert rc == 0, out
    [table] = _tables(tmp_path / "e3.docx")
    labels = [r[0] for r in table]
    assert labels == ["f", "0", "1", "x", "_cons", "2", "x", "_cons"]
    assert table[1][:2] == ["0", "(base outcome)"]  # the remark is one cell
    x2 = table[labels.index("2") + 1]
    assert float(x2[1]) == pytest.approx(fit.params[1, 1], rel=1e-4)
