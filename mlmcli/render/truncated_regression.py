"""``truncreg`` as Stata 13 prints it (a published log of Wooldridge's 401(k) example):

```
(note: 224 obs. truncated)

Truncated regression
Limit:   lower =       -inf                             Number of obs =    751
         upper =         50                             Wald chi2(6)  =  57.16
Log likelihood = -3351.6879                             Prob > chi2   = 0.0000

<table with /sigma | 25.12179 .9167748 27.40 0.000 ...>
```
The right block starts at column 57 with ``=`` at column 71 (N %7.0f, chi2 %7.2f, p %7.4f); the
limits and the log likelihood are %10.0g.  The table is ml display's: the equation without a
heading, then ``/sigma`` with its z and P.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import TableOptions, name_width, offset_row, render_coef_table
from mlmcli.render.glm_table import fit_log_lines, likelihood
from mlmcli.render.numfmt import format_number
from mlmcli.results.mixed import CoefRow
from mlmcli.results.truncated_regression import TruncatedRegressionResult


def _right(left: str, label: str, value: str) -> str:
    return left.ljust(56) + label.ljust(14) + "=" + value


def render_header(r: TruncatedRegressionResult) -> list[str]:
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return ["Truncated regression",
            _right("Limit:   lower = " + r.lower, "Number of obs", format_number(r.nobs, "%7.0f")),
            _right("         upper = " + r.upper, f"Wald chi2({r.df_m})", format_number(r.chi2, "%7.2f")),
            _right(f"{crit} = " + format_number(r.loglik, "%10.0g"), "Prob > chi2", format_number(r.p, "%7.4f"))]


def render_table(r: TruncatedRegressionResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    rows = opts.rows(r.rows)
    eqs = [(None, rows), (None, [r.sigma])]
    extra = [CoefRow(r.offset, 0, 0, 0, 0, 0, 0)] if r.offset else []
    s = 12 if opts.nolstretch else name_width(eqs + [(None, extra)], linesize=linesize, baselevels=opts.baselevels)
    table = render_coef_table(None, r.depvar, level=r.level, linesize=linesize, robust=r.pseudo, cluster=r.cluster,
                              width=s, equations=eqs, legend_eqs=["eq1", "sigma"] if opts.coeflegend else None,
                              **opts.table_kwargs()).split("\n")
    if r.offset:  # at the end of the equation's block, before the rule above /sigma
        at = max(i for i, line in enumerate(table) if line.startswith(abbrev("/sigma", s).rjust(s) + " |")) - 1
        table.insert(at, offset_row(r.offset, s))
    return "\n".join(table)


def render_truncated_regression(r: TruncatedRegressionResult, *, linesize: int = 80, log: bool = True,
                                options=None, truncated_note: str | None = None) -> str:
    out: list[str] = []
    if truncated_note is not None:
        out.append(truncated_note)
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)
    out += [""] + render_header(r) + ["", render_table(r, linesize=linesize, options=options)]
    return "\n".join(out)
