"""The diagnostics after ``regress`` as Stata's ado files print them (vif.ado, hettest.ado,
ovtest.ado, imtest.ado, szroeter.ado, dwstat.ado, bgodfrey.ado, durbina.ado, dfbeta.ado).

estat vif:
```
(blank)
    Variable |       VIF       1/VIF
-------------+----------------------
      weight |     22.07    0.045311
-------------+----------------------
    Mean VIF |     11.04
```
hettest (one test; the Variables paragraph wraps at column 20):
```
(blank)
Breusch-Pagan / Cook-Weisberg test for heteroskedasticity
         Ho: Constant variance
         Variables: fitted values of mpg
(blank)
         chi2(1)      =    14.86
         Prob > chi2  =   0.0001
```
"""
from __future__ import annotations

import textwrap

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import level_text, name_column
from mlmcli.render.numfmt import format_number
from mlmcli.results.mixed import CoefRow
from mlmcli.results.regress_diagnostics import (DfbetaLine, DurbinWatsonResult, EsizeResult, HettestResult,
                                                InformationMatrixNumbers, MultipleTestRow, ResetResult,
                                                SerialCorrelationResult, SzroeterResult, VifResult)


def _at(line: str, col: int, text: str) -> str:
    """``text`` from 1-based column ``col`` (Stata's _col(): no move back when past it)."""
    return line.ljust(col - 1) + text


def _names(rows: list[CoefRow | None], names: list[str]) -> list[tuple[list[str], int | None]]:
    """_ms_display's name column (12 wide and its bar) for each row, in order: a factor
    variable's heading lines carry no row index."""
    if all(r is None for r in rows):
        return [([abbrev(n, 12).rjust(12) + " |"], i) for i, n in enumerate(names)]
    coef_rows = [r if r is not None else CoefRow(n, 0, 0, 0, 0, 0, 0) for r, n in zip(rows, names)]
    index = {id(r): i for i, r in enumerate(coef_rows)}
    return [(texts, None if row is None else index[id(row)])
            for texts, row in name_column(coef_rows, 12, vsquish=True)]


# ---------------------------------------------------------------------- vif
def render_vif(result: VifResult) -> str:
    out = ["", "    Variable |       VIF       1/VIF  ", "-" * 13 + "+" + "-" * 22]
    for texts, i in _names([r.row for r in result.rows], [r.name for r in result.rows]):
        if i is None:
            out.extend(texts)
            continue
        out.extend(texts[:-1])
        v = result.rows[i].vif
        out.append(texts[-1] + " " + format_number(v, "%9.2f") + "    " + format_number(1 / v, "%8.6f"))
    out.append("-" * 13 + "+" + "-" * 22)
    out.append("    Mean VIF | " + format_number(result.mean, "%9.2f"))
    return "\n".join(out)


# ---------------------------------------------------------------------- tables of tests
def _paragraph(text: str, linesize: int) -> list[str]:
    """``{p 9 20}text``: first line indented 9, the others 20."""
    return textwrap.wrap(text, width=max(linesize - 1, 30), initial_indent=" " * 9,
                         subsequent_indent=" " * 20, break_on_hyphens=False, break_long_words=False)


def _chi2_lines(df, value: float, p: float) -> list[str]:
    return [_at(_at("", 10, f"chi2({df})"), 23, "=") + format_number(value, "%9.2f"),
            _at(_at("", 10, "Prob > chi2"), 23, "=") + format_number(p, "%9.4f")]


def _test_table(rows: tuple[MultipleTestRow, ...], method: str, total: tuple | None) -> list[str]:
    """hettest's and szroeter's table: chi2, df and (adjusted) p of each variable, # marks."""
    out = ["-" * 13 + "+" + "-" * 25, "    Variable |      chi2   df      p ", "-" * 13 + "+" + "-" * 25]
    for texts, i in _names([r.row for r in rows], [r.row.name for r in rows]):
        if i is None:
            out.extend(texts)
            continue
        out.extend(texts[:-1])
        r = rows[i]
        line = _at(_at(_at(texts[-1] + " ", 16, format_number(r.chi2, "%9.2f")), 24, format_number(r.df, "%5.0f")),
                   33, format_number(r.p, "%6.4f"))
        out.append(line + " #")
    if total is not None:
        chi2, df, p = total
        out.append("-" * 13 + "+" + "-" * 25)
        out.append(_at(_at(_at(_at("simultaneous", 14, "| "), 16, format_number(chi2, "%9.2f")), 24,
                           format_number(df, "%5.0f")), 33, format_number(p, "%6.4f")))
    out.append("-" * 39)
    label = "unadjusted" if method == "noadjust" else method[0].upper() + method[1:] + "-adjusted"
    out.append(f"# {label} p-values".rjust(39))
    return out


# ---------------------------------------------------------------------- hettest
def render_hettest(result: HettestResult, linesize: int = 80) -> str:
    t = result.test
    out = ["", "Breusch-Pagan / Cook-Weisberg test for heteroskedasticity ", "         Ho: Constant variance"]
    if result.method is not None:
        out.append("")
        out.extend(_test_table(result.rows, result.method, (t.value, t.df, t.p)))
        return "\n".join(out)
    out.extend(_paragraph(f"Variables: {result.variables_text}", linesize))
    out.append("")
    if t.statistic == "F":
        out.append(_at(_at("", 10, f"F({t.df} , {format_number(t.df_r, '%9.0g').strip()})"), 23, "=")
                   + format_number(t.value, "%9.2f"))
        out.append(_at(_at("", 10, "Prob > F"), 23, "=") + format_number(t.p, "%9.4f"))
    else:
        out.extend(_chi2_lines(t.df, t.value, t.p))
    return "\n".join(out)


# ---------------------------------------------------------------------- ovtest
def render_ovtest(result: ResetResult) -> str:
    t = result.test
    out = [f"(note:  {label} dropped because of collinearity)" for label in t.dropped]
    title = f"F({t.df}, {format_number(t.df_r, '%9.0g').strip()})"
    out += ["", f"Ramsey RESET test using powers of the {result.subline}",
            "       Ho:  model has no omitted variables",
            " " * max(0, 26 - len(title)) + f"{title} = " + format_number(t.F, "%9.2f"),
            _at("", 19, "Prob > F =      ") + format_number(t.p, "%6.4f")]
    return "\n".join(out)


# ---------------------------------------------------------------------- imtest
def render_imtest(result: InformationMatrixNumbers) -> str:
    out: list[str] = []
    if result.white is not None:
        chi2, df, p = result.white
        out += ["", "White's test for Ho: homoskedasticity",
                "         against Ha: unrestricted heteroskedasticity", "",
                _at(_at("", 10, f"chi2({df})"), 23, "= ") + format_number(chi2, "%9.2f"),
                _at("", 10, "Prob > chi2  = ") + format_number(p, "%9.4f")]
    out += ["", "Cameron & Trivedi's decomposition of IM-test", "",
            "-" * 21 + "+" + "-" * 29, f"{'Source':>20} |       chi2     df      p", "-" * 21 + "+" + "-" * 29]

    def line(name, chi2, df, p):
        return (f"{name:>20} |" + format_number(chi2, "%11.2f") + format_number(df, "%7.0f")
                + format_number(p, "%10.4f"))

    for row in result.rows:
        out.append(line(*row))
    out.append("-" * 21 + "+" + "-" * 29)
    out.append(line("Total", *result.total))
    out.append("-" * 51)
    return "\n".join(out)


# ---------------------------------------------------------------------- szroeter
def render_szroeter(result: SzroeterResult) -> str:
    one = result.method is None
    out = ["", "Szroeter's test for homoskedasticity", "", "    Ho: variance constant",
           f"    Ha: variance monotonic in {result.name if one else 'variable'}", ""]
    if one:
        r = result.rows[0]
        out.extend(_chi2_lines(1, r.chi2, r.p))
    else:
        out.extend(_test_table(result.rows, result.method, None))
    return "\n".join(out)


# ---------------------------------------------------------------------- time series
def render_dwatson(result: DurbinWatsonResult) -> str:
    return ("\nDurbin-Watson d-statistic(" + format_number(result.k, "%3.0f") + ","
            + format_number(result.N, "%6.0f") + ") = " + format_number(result.dw, "%9.0g"))


def render_serial_correlation(result: SerialCorrelationResult) -> str:
    """bgodfrey.ado's and durbina.ado's table: one row per lag order."""
    name = "F" if result.small else "chi2"
    out = ["", result.title, "-" * 13 + "-" + "-" * 61,
           _at(_at(_at(_at(_at("", 5, "lags(p)"), 14, "|"), 25, name), 44, "df"), 63, f"Prob > {name}"),
           "-" * 13 + "+" + "-" * 61]
    for row in result.rows:
        line = _at(_at("", 6, format_number(row.lags, "%3.0f")), 14, "|")
        if result.small:
            line = _at(_at(line, 18, format_number(row.statistic, "%10.3f")), 39,
                       "(" + format_number(row.df, "%3.0f") + "," + format_number(row.df_r, "%5.0f") + " )")
        else:
            line = _at(_at(line, 20, format_number(row.statistic, "%10.3f")), 43, format_number(row.df, "%3.0f"))
        out.append(_at(line, 63, format_number(row.p, "%8.4f")))
    out.append("-" * 75)
    out.append(_at("", 25, result.footer))
    return "\n".join(out)


# ---------------------------------------------------------------------- dfbeta
def render_dfbeta(lines: tuple[DfbetaLine, ...]) -> str:
    return "\n".join(f"{line.name:>32}: dfbeta({line.variable})" for line in lines)


# ---------------------------------------------------------------------- esize
def render_esize(result: EsizeResult, linesize: int = 80) -> str:
    """estat_esize_13.ado's _tab table: widths W | 15 7 12 12 (W = max(20, longest row name),
    at most linesize - 56), the Source column %(W-1)s, numbers after pads 2, 1, 3, 3 in
    %9.0g %5.0g %9.0g %9.0g; an empty row under Model."""
    w = min(max([20] + [len(r.name) for r in result.rows]), linesize - 56)
    label = "Omega-Squared" if result.omega else "Eta-Squared"
    level = level_text(result.level)
    out = ["", "Effect sizes for linear models", "", "-" * (w + 47),
           f"{'Source':>{w - 1}} |{label:>14} {'df':>6} {f'[{level}% Conf. Interval]':>24}",
           "-" * w + "+" + "-" * 46]
    for i, r in enumerate(result.rows):
        value, lo, hi = ((r.omega2, r.lb_omega2, r.ub_omega2) if result.omega
                         else (r.eta2, r.lb_eta2, r.ub_eta2))
        # columns: bar at w + 1, then pad 2 + %9.0g; df at w + 17 after pad 1; the limits at
        # w + 24 and w + 36 after pads of 3
        out.append(abbrev(r.label, w - 1).rjust(w - 1) + " |  " + format_number(value, "%9.0g") + "     "
                   + format_number(r.df_num, "%5.0g") + "    " + format_number(lo, "%9.0g") + "   "
                   + format_number(hi, "%9.0g"))
        if i == 0:
            out.append(" " * w + "|")
    out.append("-" * (w + 47))
    return "\n".join(out)
