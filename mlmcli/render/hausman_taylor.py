"""``xthtaylor`` as Stata 13 prints it (xthtaylor.ado's Replay):

```
Hausman-Taylor estimation                       Number of obs      =      4165
Group variable: id                              Number of groups   =       595

                                                Obs per group: min =         7
                                                               avg =         7
                                                               max =         7

Random effects u_i ~ i.i.d.                     Wald chi2(12)      =   6891.87
                                                Prob > chi2        =    0.0000

------------------------------------------------------------------------------
       lwage |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
TVexogenous  |
         occ |  -.0207047   .0137809    -1.50   0.133    -.0477149    .0063055
...
TIendogenous |
          ed |    .137944   .0212485     6.49   0.000     .0962977    .1795902
             |
       _cons |   2.912726   .2836522    10.27   0.000     2.356778    3.468674
-------------+----------------------------------------------------------------
     sigma_u |  .94180304
     sigma_e |  .15180273
         rho |  .97467788   (fraction of variance due to u_i)
------------------------------------------------------------------------------
Note:  TV refers to time varying; TI refers to time invariant.
```

The average group size is %9.0f when whole, %9.1f otherwise; ``small`` gives t and P>|t|.
The text starts with Stata's blank line and has no final newline.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import ci_header
from mlmcli.render.meqr_display import header_pair, header_right
from mlmcli.render.numfmt import format_number
from mlmcli.results.hausman_taylor import HausmanTaylorResult
from mlmcli.results.mixed import CoefRow


def _row(label: str, row: CoefRow) -> str:
    """dispVar: the name right-aligned in 12 columns, the numbers at Stata's columns 17, 28,
    39, 49, 58 and 70."""
    num = format_number
    return (abbrev(label, 12).rjust(12) + " |" + "  " + num(row.coef, "%9.0g") + "  " + num(row.se, "%9.0g")
            + "  " + num(row.stat, "%7.2f") + "   " + num(row.p, "%5.3f") + "    " + num(row.ci_lo, "%9.0g")
            + "   " + num(row.ci_hi, "%9.0g"))


def render_xthtaylor(r: HausmanTaylorResult) -> str:
    num = format_number
    avg_fmt = "%9.0f" if r.g_avg == int(r.g_avg) else "%9.1f"
    left_min = f"Time variable: {abbrev(r.tvar, 12)}" if r.title == "Amemiya-MaCurdy" and r.tvar else ""
    small = r.df_r == r.df_r
    stat = "t" if small else "z"
    out = ["", header_pair(f"{r.title} estimation", header_right("Number of obs", num(r.nobs, "%9.0f"))),
           header_pair(f"Group variable: {abbrev(r.ivar, 12)}", header_right("Number of groups",
                                                                              num(r.n_groups, "%9.0g"))),
           "",
           header_pair(left_min, header_right("Obs per group: min", num(r.g_min, "%9.0g"))),
           header_pair("", header_right(" " * 15 + "avg", num(r.g_avg, avg_fmt))),
           header_pair("", header_right(" " * 15 + "max", num(r.g_max, "%9.0g"))), "",
           header_pair("Random effects u_i ~ i.i.d.", header_right(f"Wald chi2({r.df_m})", num(r.chi2, "%9.2f"))),
           header_pair("", "Prob > chi2".ljust(19) + "=" + " " * 4 + num(r.p, "%6.4f")), "",
           "-" * 78,
           abbrev(r.depvar, 12).rjust(12) + " |      Coef.   Std. Err.      " + stat + "    P>|" + stat + "|"
           + ci_header(r.level).rjust(25),
           "-" * 13 + "+" + "-" * 64]
    for kind, rows in r.groups:
        out.append(kind.ljust(13) + "|")
        out += [_row(row.name, row) for row in rows]
    if r.constant is not None:
        out += [" " * 13 + "|", _row("_cons", r.constant)]
    out += ["-" * 13 + "+" + "-" * 64,
            "     sigma_u | " + num(r.sigma_u, "%10.0g"),
            "     sigma_e | " + num(r.sigma_e, "%10.0g"),
            "         rho | " + num(r.rho, "%10.0g") + "   (fraction of variance due to u_i)",
            "-" * 78,
            "Note:  TV refers to time varying; TI refers to time invariant."]
    return "\n".join(out)
