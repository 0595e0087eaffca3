"""``estadd beta`` and ``esttab, beta``: standardized coefficients (estadd.ado's estadd_beta),
checked with numpy from first principles: the slopes of the regression of the z-scored outcome
on the z-scored regressors (weighted means and sds with aweights), and for a factor level
estadd's rule b * sd(factor variable) / sd(y)."""
from __future__ import annotations

import numpy as np
import pytest

N = 80


def _data():
    rng = np.random.default_rng(7)
    g = np.arange(N) % 3 + 1
    x = rng.normal(size=N) * 2
    z = rng.uniform(size=N)
    w = 1.0 + np.arange(N) % 4
    y = 1 + x + 3 * z + (g == 2) + rng.normal(size=N)
    return g, x, z, w, y


def _input_lines():
    g, x, z, w, y = _data()
    rows = "\n".join(f"{a} {float(b)!r} {float(c)!r} {float(d)!r} {float(e)!r}" for a, b, c, d, e in zip(g, x, z, w, y))
    return "clear\ninput g x z w y\n" + rows + "\nend\n"


def _wls(X, y, w):
    sw = np.sqrt(w)
    return np.linalg.lstsq(X * sw[:, None], y * sw, rcond=None)[0]


def _zscore(v, w):
    wn = w * len(v) / w.sum()
    m = (wn * v).sum() / wn.sum()
    return (v - m) / np.sqrt((wn * (v - m) ** 2).sum() / (len(v) - 1))


def test_estadd_beta_is_the_regression_on_z_scores(do):
    g, x, z, w, y = _data()
    one = np.ones(N)
    expected = _wls(np.column_stack([_zscore(x, one), _zscore(z, one), one]), _zscore(y, one), one)[:2]
    rc, out, _ = do(_input_lines() + "quietly regress y x z\nestadd beta\n"
                    "matrix list e(beta)\n"
                    "display %18.0g el(e(beta),1,1) \" \" %18.0g el(e(beta),1,2)\n")
    assert rc == 0, out
    assert "added matrix:\n               e(beta) :  1 x 3" in out
    got = out.strip().split("\n")[-1].split()
    assert abs(float(got[0]) - expected[0]) < 1e-7 and abs(float(got[1]) - expected[1]) < 1e-7
    assert "y1  " in out and out.split("y1  ")[1].split("\n")[0].rstrip().endswith(".z")  # _cons: .z


def test_esttab_beta_weighted_with_a_factor(do):
    g, x, z, w, y = _data()
    d2, d3 = (g == 2).astype(float), (g == 3).astype(float)
    one = np.ones(N)
    b = _wls(np.column_stack([x, z, d2, d3, one]), y, w)
    wn = w * N / w.sum()  # aweights normalised to sum to N, as summarize does

    def sd(v):
        return np.sqrt((wn * (v - (wn * v).sum() / N) ** 2).sum() / (N - 1))

    beta_2g = b[2] * sd(g.astype(float)) / sd(y)
    rc, out, _ = do(_input_lines() + "eststo clear\neststo: quietly regress y x z\n"
                    "eststo: quietly regress y x z i.g [aw=w]\nesttab, beta(%9.5f) not\n")
    assert rc == 0, out
    lines = out.split("\n")
    row = next(line for line in lines if line.startswith("x  "))
    b_x_model2 = b[0] * sd(x) / sd(y)
    assert row.split()[2].rstrip("*") == f"{b_x_model2:.5f}"
    row2g = next(line for line in lines if line.startswith("2.g"))
    assert row2g.split()[1].rstrip("*") == f"{beta_2g:.5f}"
    assert not any(line.startswith("_cons") for line in lines)  # beta implies noconstant
    assert "Standardized beta coefficients" in out and "t statistics" not in out


def test_esttab_beta_default_layout_and_constant_row_empty(do):
    g, x, z, w, y = _data()
    one = np.ones(N)
    expected = _wls(np.column_stack([_zscore(x, one), _zscore(z, one), one]), _zscore(y, one), one)
    rc, out, _ = do(_input_lines() + "quietly regress y x z\nesttab, beta constant\n")
    assert rc == 0, out
    lines = out.split("\n")
    assert f"x                   {expected[0]:.3f}***" in lines
    assert lines[-3] == "Standardized beta coefficients; t statistics in parentheses"
    cons = lines.index(next(line for line in lines if line.startswith("_cons")))
    assert lines[cons].strip() == "_cons" and lines[cons + 1].strip().startswith("(")  # .z: empty, no stars


def test_estadd_beta_errors(do):
    rc, out, _ = do(_input_lines() + "quietly regress y x z\nestadd beta\nestadd beta\n")
    assert rc == 110 and "e(beta) already defined" in out
    rc, out, _ = do(_input_lines() + "quietly regress y x z\nestadd beta x\n")
    assert rc == 198


@pytest.mark.parametrize("opt", ["beta", "be"])
def test_beta_abbreviation(do, opt):
    rc, out, _ = do(_input_lines() + f"quietly regress y x z\nesttab, {opt}\n")
    assert rc == 0 and "Standardized beta coefficients" in out


def test_main_and_aux_show_an_e_matrix(do):
    g, x, z, w, y = _data()
    one = np.ones(N)
    expected = _wls(np.column_stack([_zscore(x, one), _zscore(z, one), one]), _zscore(y, one), one)
    b = _wls(np.column_stack([x, z, one]), y, one)
    rc, out, _ = do(_input_lines() + "quietly regress y x z\nquietly estadd beta\nesttab, main(beta %9.4f) not\n"
                    "esttab, aux(beta 3) wide\n", echo=True)
    assert rc == 0, out
    first, second = out.split("esttab, aux")[0], out.split("esttab, aux")[1]
    assert f"x                  {expected[0]:.4f}***" in first.split("\n")
    assert "beta coefficients" in first and "_cons" in first  # main() keeps the constant
    row = next(line for line in second.split("\n") if line.startswith("x "))
    assert 1 <= abs(b[0]) < 10  # a3 shows it with three decimals
    assert row.split() == ["x", f"{b[0]:.3f}***", f"({expected[0]:.3f})"]
    assert "beta in parentheses" in second


def test_main_aux_errors(do):
    rc, out, _ = do(_input_lines() + "quietly regress y x z\nesttab, aux(beta) se\n")
    assert rc == 198 and "only one allowed of z, se, p, ci, and aux()" in out
    rc, out, _ = do(_input_lines() + "quietly regress y x z\nesttab, main(beta) beta\n")
    assert rc == 198 and "beta() and main() not allowed both" in out


def test_estadd_mean_and_sd(do):
    """estadd mean / sd: the regressors' (weighted) means and sds over e(sample), .z for _cons,
    and with nobinary for a 0/1 variable (numpy: sum(w x)/sum(w), aweighted sd)."""
    g, x, z, w, y = _data()
    d = (g == 2).astype(float)
    lines = "\n".join(f"{a!r} {b!r} {c!r} {e!r}" for a, b, c, e in zip(*(map(float, v) for v in (y, x, d, w))))
    text = "clear\ninput y x d w\n" + lines + "\nend\nquietly regress y x d [aw=w]\nestadd mean\nestadd sd, nobinary\n" \
        "estadd sd, prefix(all)\ndisplay \"VALS \" %18.0g el(e(mean),1,1) \" \" %18.0g el(e(mean),1,2) \" \" " \
        "%18.0g el(e(sd),1,1) \" \" %18.0g el(e(allsd),1,2)\nmatrix list e(sd)\n"
    rc, out, _ = do(text)
    assert rc == 0, out
    wn = w * N / w.sum()

    def sd(v):
        m = (wn * v).sum() / N
        return np.sqrt((wn * (v - m) ** 2).sum() / (N - 1))

    values = next(line for line in out.split("\n") if line.startswith("VALS ")).split()[1:]
    assert abs(float(values[0]) - (w * x).sum() / w.sum()) < 1e-7
    assert abs(float(values[1]) - (w * d).sum() / w.sum()) < 1e-7
    assert abs(float(values[2]) - sd(x)) < 1e-6 and abs(float(values[3]) - sd(d)) < 1e-6
    sd_row = out.split("y1  ")[-1].split()
    assert sd_row[1:] == [".z", ".z"]  # d binary with nobinary, _cons
