"""vecrank's and vec's output (vecrank.ado's Disp, vec.ado's Dheadernew and DISPRMSE,
_vecauxdisp.ado's DISPmodt; the columns are the ado files' {col #} and _col(#)).

vec's header is var's in Stata 13's spelling (``No. of obs`` at column 52, values %9.0g, as the
published Stata 10-13 logs of vec print it) with an empty left cell beside AIC.
"""
from __future__ import annotations

import math

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.var_model import VarResult


class _Line:
    """A display line built with Stata's {col #}: text moves to the column (1-based) unless the
    line already reaches past it."""

    def __init__(self) -> None:
        self.text = ""

    def at(self, col: int, text: str) -> "_Line":
        if len(self.text) < col - 1:
            self.text = self.text.ljust(col - 1)
        self.text += text
        return self


def _f(x, fmt: str) -> str:
    return format_number(x, fmt)


def _rank_row(r: int, K: int, m: dict, *, with_eigen: bool) -> _Line:
    line = _Line().at(3, _f(r, "%3.0f")).at(12, _f(m["k_rank"][r], "%-4.0f")).at(19, _f(m["ll"][r], "%10.9g"))
    if with_eigen and r > 0:
        line.at(33, _f(m["lambda"][r - 1], "%8.5f"))
    return line


def render_vecrank(tables, levels, m: dict, cv: dict, scalars: dict, trend: str, sample: str) -> str:
    K = int(scalars["k_eq"])
    out = []
    for n, test in enumerate(tables):
        if n == 0:
            out += ["", " " * ((79 - 32) // 2) + "Johansen tests for cointegration"]
            out.append(_Line().at(1, f"Trend: {trend}").at(57, "Number of obs = ").text
                       + _f(scalars["N"], "%7.0f"))
            out.append(_Line().at(1, "Sample:  " + sample).at(66, "Lags = ").text + _f(scalars["n_lags"], "%7.0f"))
            out.append("-" * 79)
        if test == "ic":
            out.append("maximum")
            out.append(_Line().at(1, "  rank").at(11, "parms").at(23, "LL").at(32, "eigenvalue").at(47, "SBIC")
                       .at(58, "HQIC").at(69, "AIC").text)
            for r in range(K + 1):
                line = _rank_row(r, K, m, with_eigen=True)
                line.at(44, _f(m["sbic"][r], "%9.8g") + ("*" if scalars["k_cesbic"] == r else ""))
                line.at(55, _f(m["hqic"][r], "%9.8g") + ("*" if scalars["k_cehqic"] == r else ""))
                line.at(66, _f(m["aic"][r], "%9.8g"))
                out.append(line.text)
            out.append("-" * 79)
            continue
        label = "trace" if test == "trace" else " max"
        both = len(levels) == 2
        if both:
            out.append(_Line().at(1, "maximum").at(46, label).at(56, "5% critical").at(69, "1% critical").text)
            out.append(_Line().at(1, "  rank").at(11, "parms").at(23, "LL").at(32, "eigenvalue").at(44, "statistic")
                       .at(59, "value").at(72, "value").text)
        else:
            out.append(_Line().at(58, f"{5 if levels[0] == 95 else 1}%").text)
            out.append(_Line().at(1, "maximum").at(46, label).at(55, "critical").text)
            out.append(_Line().at(1, "  rank").at(11, "parms").at(23, "LL").at(32, "eigenvalue").at(44, "statistic")
                       .at(57, "value").text)
        stat = m["trace"] if test == "trace" else m["max"]
        for r in range(K + 1):
            if r == K:
                out.append(_rank_row(r, K, m, with_eigen=True).text)
                continue
            line = _rank_row(r, K, m, with_eigen=True)
            if r == 0 and not both:  # vecrank.ado shows e(lambda)[1,0], a missing value, there
                line.at(33, _f(float("nan"), "%8.5f"))
            star = ""
            if test == "trace":
                if both:
                    star = ("*1" if scalars["k_ce99"] == r else "") + ("*5" if scalars["k_ce95"] == r else "")
                else:
                    star = "*" if scalars[f"k_ce{levels[0]}"] == r else ""
            line.at(44, _f(stat[r], "%9.4f") + star)
            if both:
                line.at(57, _f(cv[test, 95][r], "%7.2f")).at(70, _f(cv[test, 99][r], "%7.2f"))
            else:
                line.at(55, _f(cv[test, levels[0]][r], "%7.2f"))
            out.append(line.text)
        out.append("-" * 79)
    return "\n".join(out)


def _g(x: float) -> str:
    return format_number(x, "%9.0g")


def render_vec_header(r: VarResult, *, show_equations: bool = True) -> str:
    sample = "Sample:  " + r.sample
    left = [sample, "", "Log likelihood = " + _g(r.ll), "Det(Sigma_ml)  = " + _g(r.detsig_ml)]
    right = ["No. of obs      = " + _g(r.nobs), "AIC             = " + _g(r.aic),
             "HQIC            = " + _g(r.hqic), "SBIC            = " + _g(r.sbic)]
    out = ["", "Vector error-correction model", ""]
    if len(sample) >= 51:
        out.append(sample)
        left[0] = ""
    out += [lt.ljust(51) + rt for lt, rt in zip(left, right)]
    if not show_equations:
        return "\n".join(out)
    out += ["", "Equation           Parms      RMSE     R-sq      chi2     P>chi2", "-" * 64]
    for ln in r.lines:
        out.append(abbrev(ln.name, 16).ljust(17) + _f(ln.parms, "%6.0f") + "    " + _f(ln.rmse, "%8.7g") + "  "
                   + _f(ln.r2, "%7.4f") + "  " + _f(ln.stat, "%9.8g") + "  " + _f(ln.p, "%7.4f"))
    out.append("-" * 64)
    return "\n".join(out)


def render_vec_test_table(tests) -> str:
    """DISPmodt: one Wald test per cointegrating equation (or per equation of alpha/pi)."""
    out = ["", "Equation           Parms    chi2     P>chi2", "-" * 43]
    for name, df, chi2, p in tests:
        out.append(abbrev(name, 16).ljust(17) + _f(df, "%6.0f") + "  " + _f(chi2, "%9.8g") + "  "
                   + _f(p if not math.isnan(p) else float("nan"), "%7.4f"))
    out.append("-" * 43)
    return "\n".join(out)
