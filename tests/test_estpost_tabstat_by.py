"""estpost tabstat with by(), nototal, missing and weights (estpost.ado's estpost_tabstat; the
listing and the unstacked esttab layout follow the published examples in estpost's help:
``estpost tabstat price mpg rep78, by(foreign) statistics(mean sd) columns(statistics)
listwise`` and ``esttab ., main(mean) aux(sd) nostar unstack noobs nonote label``). Weighted
statistics are checked against summarize's formulas ([R] summarize, Methods and formulas)
computed here with numpy."""
from __future__ import annotations

import numpy as np
import pytest

PRICE = [4099, 4749, 3799, 4816, 7827, 5788, 4453, 5189, 3895, 5798, 5899, 3748]
MPG = [22, 17, 22, 20, 15, 18, 26, 20, 26, 25, 25, 31]
FOREIGN = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
W = [1, 2, 1, 3, 1, 2, 1, 1, 2, 1, 3, 1]
DATA = "clear\ninput price mpg foreign w\n" + "\n".join(
    f"{p} {m} {f} {w}" for p, m, f, w in zip(PRICE, MPG, FOREIGN, W)) + """
end
label define origin 0 "Domestic" 1 "Foreign"
label values foreign origin
label var price "Price"
label var mpg "Mileage (mpg)"
"""


def _row(s, name):
    m = s.e.matrices[name]
    return list(m.colnames), m.values[0].tolist()


def test_by_groups_as_equations_and_the_published_listing(do):
    rc, out, s = do(DATA + "estpost tabstat price mpg, by(foreign) statistics(mean sd) columns(statistics)")
    assert rc == 0, out
    names, mean = _row(s, "mean")
    assert names == ["Domestic:price", "Domestic:mpg", "Foreign:price", "Foreign:mpg", "Total:price", "Total:mpg"]
    p, m, f = np.array(PRICE, float), np.array(MPG, float), np.array(FOREIGN) == 1
    assert mean == pytest.approx([p[~f].mean(), m[~f].mean(), p[f].mean(), m[f].mean(), p.mean(), m.mean()])
    assert _row(s, "sd")[1][4] == pytest.approx(p.std(ddof=1))
    assert s.e.macros["byvar"] == "foreign" and s.e.macros["labels"] == "" and s.e.scalars["N"] == 12
    lines = out.splitlines()
    start = lines.index("  by categories of: foreign")
    assert lines[start + 1] == ""  # matlist's blank line, as published
    assert lines[start + 2].rstrip() == "     foreign |   e(mean)      e(sd)"
    assert lines[start + 3] == "-" * 13 + "+" + "-" * 22
    assert lines[start + 4] == "Domestic     |" + " " * 22  # {lalign 13:Domestic}{c |}{space 11}{space 11}
    assert lines[start + 5].startswith("       price |")
    assert lines[start + 7] == lines[start + 3] and lines[start + 8].startswith("Foreign      |")


def test_unstacked_esttab_of_the_groups(do):
    rc, out, _ = do(DATA + "quietly estpost tabstat price mpg, by(foreign) statistics(mean sd) columns(statistics)\n"
                    "esttab ., main(mean) aux(sd) nostar unstack noobs nonote label")
    assert rc == 0, out
    lines = [line.rstrip() for line in out.splitlines()]
    top = lines.index("-" * 59)  # 20 + 3 x 13, as published
    assert lines[top + 1] == " " * 30 + "(1)" and lines[top + 2] == ""
    assert lines[top + 3] == " " * 25 + "Domestic      Foreign        Total"
    assert lines[top + 5].startswith("Price") and lines[top + 6].strip().startswith("(")
    assert lines[top + 8].startswith("Mileage (mpg)")


def test_one_variable_groups_are_names_and_total_line(do):
    rc, out, s = do(DATA + "estpost tabstat price, by(foreign) statistics(mean)")
    assert rc == 0, out
    assert _row(s, "mean")[0] == ["Domestic", "Foreign", "Total"]
    lines = out.splitlines()
    assert lines[-2] == "-" * 13 + "+" + "-" * 11 and lines[-1].startswith("       Total |")
    rc, out, s = do(DATA + "estpost tabstat price, by(foreign) statistics(mean) nototal")
    assert _row(s, "mean")[0] == ["Domestic", "Foreign"]


def test_names_that_cannot_be_names_and_missing_groups(do):
    rc, out, s = do(DATA + 'label define origin 1 "For.eign", modify\n'
                    "replace foreign = . in 1\nestpost tabstat price, by(foreign) statistics(mean) missing")
    assert rc == 0, out
    assert _row(s, "mean")[0] == ["0", "1", "_missing_", "Total"]
    assert s.e.macros["labels"] == '0 `"Domestic"\' 1 `"For.eign"\' _missing_ `"."\''
    assert "category labels saved in macro e(labels)" in out
    rc, out, s = do(DATA + "replace foreign = . in 1\nestpost tabstat price, by(foreign) statistics(mean)")
    assert s.e.scalars["N"] == 11  # by()'s missing values left out unless missing


def test_weights(do):
    p, w, f = np.array(PRICE, float), np.array(W, float), np.array(FOREIGN) == 1
    rc, out, s = do(DATA + "estpost tabstat price [fw=w], statistics(mean sd count sum)")
    assert rc == 0, out
    mean = (w * p).sum() / w.sum()
    fsd = np.sqrt((w * (p - mean) ** 2).sum() / (w.sum() - 1))
    assert [_row(s, k)[1][0] for k in ("mean", "sd", "count", "sum")] == pytest.approx(
        [mean, fsd, w.sum(), (w * p).sum()])
    assert s.e.macros["wtype"] == "fweight" and s.e.macros["wexp"] == "= w"
    rc, out, s = do(DATA + "estpost tabstat price [aw=w], by(foreign) statistics(mean sd count)")
    wn, pd_ = w[~f] * (~f).sum() / w[~f].sum(), p[~f]
    m0 = (wn * pd_).sum() / wn.sum()
    sd0 = np.sqrt((wn * (pd_ - m0) ** 2).sum() / ((~f).sum() - 1))
    assert [_row(s, k)[1][0] for k in ("mean", "sd", "count")] == pytest.approx([m0, sd0, (~f).sum()])
    rc, out, _ = do(DATA + "estpost tabstat price [iw=w]")
    assert rc == 101 and "iweights not allowed" in out
    rc, out, s = do(DATA + "estpost tabstat price, nototal")
    assert rc == 0 and "nothing to post" in out and s.e is None
