"""``xtabond``/``xtdpdsys`` and ``estat abond``/``estat sargan`` as Stata prints them (the
Stata 16 ado tree's xtdpd.ado HDisplay and xtdpd_estat.ado; Stata 13's own layout of these
headers was not available, docs/dynamic_panel.md):

```
Arellano-Bond dynamic panel-data estimation     Number of obs     =        611
Group variable: id                              Number of groups  =        140
Time variable: year
                                                Obs per group:
                                                              min =          4
                                                              avg =   4.364286
                                                              max =          6

Number of instruments =     41                  Wald chi2(16)     =    1757.07
                                                Prob > chi2       =     0.0000
One-step results
------------------------------------------------------------------------------
...
Instruments for differenced equation
        GMM-type: L(2/.).n
        Standard: D.w LD.w ...
```
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import format_number
from mlmcli.results.dynamic_panel import ArTestsResult, DynamicPanelResult, SarganResult


def _right(label: str, value: str) -> str:
    """{col 49}label{col 67}= value."""
    return " " * 48 + label.ljust(18) + value


def render_dynamic_panel(r: DynamicPanelResult, *, linesize: int = 80) -> str:
    num = format_number
    out = ["", r.title.ljust(48) + "Number of obs".ljust(18) + "= " + num(r.nobs, "%10.0fc"),
           ("Group variable: " + abbrev(r.ivar, 12)).ljust(48) + "Number of groups".ljust(18) + "= "
           + num(r.n_groups, "%10.0fc"),
           "Time variable: " + abbrev(r.tvar, 12),
           " " * 48 + "Obs per group:",
           " " * 62 + "min = " + num(r.g_min, "%10.0fc"),
           " " * 62 + "avg =  " + num(r.g_avg, "%9.0gc"),
           " " * 62 + "max = " + num(r.g_max, "%10.0fc"), "",
           ("Number of instruments =  " + num(r.zrank, "%5.0g")).ljust(48) + f"Wald chi2({r.df_m})".ljust(18)
           + "=  " + num(r.chi2, "%9.2f"),
           " " * 48 + "Prob > chi2".ljust(18) + "=" + " " * 5 + num(r.p, "%6.4f"),
           "Two-step results" if r.twostep else "One-step results"]
    opts = dict(r.display)
    out.append(render_coef_table(r.rows, r.depvar, level=r.level, vce_label=r.vcetype, linesize=linesize,
                                 vsquish=bool(opts.get("vsquish")), nolstretch=bool(opts.get("nolstretch")),
                                 mode=opts.get("mode")))
    if r.twostep_gmm_warning:
        out += ["Warning: gmm two-step standard errors are biased; robust standard",
                " " * 9 + "errors are recommended."]
    width = min(78, linesize) - 2  # {p 8 18 rmargin}, rmargin = linesize - (the table's width) + 2
    out.append("Instruments for differenced equation")
    out += _paragraph("GMM-type: " + r.gmm_diff, width)
    if r.std_diff:
        out += _paragraph("Standard: " + r.std_diff, width)
    if r.system:
        out.append("Instruments for level equation")
        if r.gmm_level:
            out += _paragraph("GMM-type: " + r.gmm_level, width)
        if r.std_level:
            out += _paragraph("Standard: " + r.std_level, width)
    return "\n".join(out)


def _paragraph(text: str, width: int) -> list[str]:
    return wrap_paragraph(text, width, first=8, hanging=18, right=0)


def render_ar_tests(r: ArTestsResult) -> str:
    """xtdpd_estat's ABond: the _tab box |6|8 8| (formats %4.0f %7.6g %6.4f)."""
    num = format_number
    out = ["", "Arellano-Bond test for zero autocorrelation in first-differenced errors"]
    if r.dropped:
        out.append("  cannot calculate test with dropped variables")
    out += ["  +-----------------------+", "  |Order |  z     Prob > z|", "  |------+----------------|"]
    for order, z, p in r.rows:
        out.append("  |" + num(order, "%4.0f").rjust(4) + "  |" + num(z, "%7.6g").rjust(7) + "  "
                   + num(p, "%6.4f").rjust(6) + " |")
    out += ["  +-----------------------+", "   H0: no autocorrelation "]
    return "\n".join(out)


def render_sargan(r: SarganResult) -> str:
    out = ["Sargan test of overidentifying restrictions", " " * 8 + "H0: overidentifying restrictions are valid"]
    if r.dropped:
        out.append(" " * 8 + "cannot calculate Sargan test with dropped variables")
    if r.robust:
        out.append(" " * 8 + "cannot calculate Sargan test with vce(robust)")
    out += ["", (" " * 8 + f"chi2({r.df})").ljust(21) + "= " + format_number(r.chi2, "%9.8g"),
            " " * 8 + "Prob > chi2  =    " + format_number(r.p, "%6.4f")]
    return "\n".join(out)
