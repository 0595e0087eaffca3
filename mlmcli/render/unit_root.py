"""dfuller/pperron output as dfuller.ado 1.3.0 and pperron.ado 1.0.10 (Stata 16 tree) display it:

```
(blank)
Augmented Dickey-Fuller test for unit root         Number of obs   =        57
(blank)
                               ---------- Interpolated Dickey-Fuller ---------
                  Test         1% Critical       5% Critical      10% Critical
               Statistic           Value             Value             Value
------------------------------------------------------------------------------
 Z(t)             -2.029            -3.567            -2.923            -2.596
------------------------------------------------------------------------------
MacKinnon approximate p-value for Z(t) = 0.2740
```
"Number of obs   = " at column 52 and %9.0g; the statistics %10.3f ending at columns 24, 42,
60 and 78; pperron adds "Newey-West lags = " under the observations; dfuller's drift heads
the values "----------- Z(t) has t-distribution -----------".  With ``regress`` a blank line
and the regression (``regress, nohead``, or with a trend the ados' DispReg table: the
depvar left-aligned, the rows L1. LD. L#D. _trend _cons, "[95% Conf. Interval]" as typed).
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.render.regress_table import render_regress
from mlmcli.results.unit_root import UnitRootTest


def _at(line: str, col: int, text: str) -> str:
    """``_col(col) text``: text starting at 1-based column col."""
    return line.ljust(col - 1) + text


def _stat_row(label: str, values) -> str:
    line = " " + label
    for col, v in zip((15, 33, 51, 69), values):
        line = _at(line, col, format_number(v, "%10.3f"))
    return line


def render_unit_root(r: UnitRootTest, *, level: float = 95.0, linesize: int = 80) -> str:
    out = ["", _at(r.title, 52, "Number of obs   = " + format_number(r.nobs, "%9.0g"))]
    if r.newey_lags is not None:
        out.append(_at("", 52, "Newey-West lags = " + format_number(r.newey_lags, "%9.0g")))
    out.append("")
    if r.band == "t":
        out.append(_at("", 32, "-" * 11 + " Z(t) has t-distribution " + "-" * 11))
    else:
        out.append(_at("", 32, "-" * 10 + f" {r.band} " + "-" * 9))
    out.append(_at(_at(_at(_at("", 19, "Test"), 32, "1% Critical"), 50, "5% Critical"), 67, "10% Critical"))
    out.append(_at(_at(_at(_at("", 16, "Statistic"), 36, "Value"), 54, "Value"), 72, "Value"))
    out.append("-" * 78)
    for label, *values in r.rows:
        out.append(_stat_row(label, values))
    if r.p is not None:
        out.append("-" * 78)
        out.append(f"{r.p_label} = " + format_number(r.p, "%6.4f"))
    if r.regression is not None:
        table = render_regress(r.regression, linesize=linesize, level=level, noheader=True).lstrip("\n")
        out += ["", table]
    elif r.disp_rows:
        out += [""] + _disp_reg(r)
    return "\n".join(out)


def _disp_reg(r: UnitRootTest) -> list[str]:
    head = _at(_at(_at(_at(_at(abbrev(r.disp_depvar, 12), 14, "|"), 21, "Coef."), 29, "Std. Err."), 44, "t"), 49,
               "P>|t|")
    lines = ["-" * 78, _at(head, 59, "[95% Conf. Interval]"), "-" * 13 + "+" + "-" * 64,
             _at(abbrev(r.disp_group, 12).rjust(12), 14, "|")]
    for row in r.disp_rows:
        line = (row.label.rjust(12) + " |") if row.label not in ("L1.", "LD.") else _at("", 10, row.label + " |")
        for col, v, fmt in ((17, row.b, "%9.0g"), (28, row.se, "%9.0g"), (38, row.t, "%8.2f"), (48, row.p, "%6.3f"),
                            (58, row.lo, "%9.0g"), (70, row.hi, "%9.0g")):
            line = _at(line, col, format_number(v, fmt))
        lines.append(line)
    lines.append("-" * 78)  # {hline 13}{c BT}{hline 64}
    return lines


def render_dfgls(r) -> str:
    """dfgls.ado 1.1.1's display (lines of a single space where the ado writes ``di " "``)."""
    out = [" ", _at("DF-GLS for " + abbrev(r.varname, 16), 58, "Number of obs = " + format_number(r.nobs, "%5.0f"))]
    if r.schwert_maxlag is not None:
        out.append(f"Maxlag = {r.schwert_maxlag} chosen by Schwert criterion")
    out.append(" ")
    out.append(_at(_at(_at(_at("", 16, "DF-GLS " + ("tau" if r.trend else "mu")), 32, "1% Critical"), 50,
                       "5% Critical"), 67, "10% Critical"))
    out.append(_at(_at(_at(_at("  [lags]", 14, "Test Statistic"), 36, "Value"), 54, "Value"), 72, "Value"))
    out.append("-" * 78)
    for lag, *values in r.rows:
        line = _at("", 5, str(lag))
        for col, v in zip((14, 31, 49, 67), values):
            line = _at(line, col, format_number(v, "%10.3f"))
        out.append(line)
    if r.show_choice:
        out.append(" ")
        if r.opt_lag is None:
            out.append("Opt Lag (Ng-Perron seq t) = 0 [use maxlag(0)]")
        else:
            out.append(f"Opt Lag (Ng-Perron seq t) = {format_number(r.opt_lag, '%2.0f')} with RMSE "
                       + format_number(r.opt_rmse, "%9.0g"))
        for label, (value, lag, rmse) in (("Min SC   = ", r.sc), ("Min MAIC = ", r.maic)):
            out.append(label + format_number(value, "%9.0g") + " at lag " + format_number(lag, "%2.0f")
                       + " with RMSE " + format_number(rmse, "%9.0g"))
    return "\n".join(out)
