"""``xtlogit, re`` / ``xtprobit, re`` / ``xtpoisson, re normal`` as Stata 13 prints them:

```
Random-effects logistic regression              Number of obs      =      1603
Group variable: mother                          Number of groups   =      1060

Random effects u_i ~ Gaussian                   Obs per group: min =         1
                                                               avg =       1.5
                                                               max =         3

Integration method: mvaghermite                 Integration points =        12

                                                Wald chi2(4)       =    110.06
Log likelihood  = -1013.8581                    Prob > chi2        =    0.0000

------------------------------------------------------------------------------
        hosp |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
         ...
-------------+----------------------------------------------------------------
    /lnsig2u |   .4146621   .3382084                     -.2482185    1.077543
-------------+----------------------------------------------------------------
     sigma_u |   1.230009   .2080025                      .8831539    1.713084
         rho |   .3149843   .0730545                      .1916493    .4719817
------------------------------------------------------------------------------
Likelihood-ratio test of rho=0: chibar2(01) =    10.30 Prob >= chibar2 = 0.001
```
(``sigma_u`` only and ``... of sigma_u=0: chibar2(01) = ... Pr>=chibar2 = ...`` for the Poisson
model with normal effects;
``/lnalpha``, ``alpha``, ``u_i ~ Gamma``, no integration line and ``... of alpha=0:`` for the
gamma model.)  The text starts with
Stata's blank line and has no final newline.
"""
from __future__ import annotations

import numpy as np

from mlmcli.render.coef_table import name_width, render_coef_table
from mlmcli.render.abbrev import abbrev
from mlmcli.render.meqr_display import header_pair as _pair, header_right as _right
from mlmcli.render.numfmt import format_number
from mlmcli.render.panel_regression import chibar2_format
from mlmcli.results.glmm import IterationLog
from mlmcli.results.xt_random_intercept import ParameterRow, RandomEffectsHeader, RandomInterceptResult

def render_xt_re_iteration_log(log: IterationLog, pseudo: bool = False) -> str:
    """``Fitting comparison model:`` (the pooled model) and ``Fitting full model:``; ``pseudo``:
    vce(robust|cluster), the ado's ``crittype(log pseudolikelihood)`` in both fits."""
    crit = "log pseudolikelihood" if pseudo else "log likelihood"
    out: list[str] = []
    for phase in log.phases:
        if phase.heading.startswith("Refining"):
            continue
        heading = "Fitting comparison model:" if phase.heading.startswith("Fitting fixed") else phase.heading
        out += ["", heading, ""]
        for k, step in enumerate(phase.steps):
            line = f"Iteration {k}:".ljust(15) + f"{crit} = {format_number(step.loglik, '%10.0g')}  "
            out.append((line + step.note).rstrip() if step.note else line)
    return "\n".join(out)


def parameter_line(row: ParameterRow, s: int, cformat: str | None = None) -> str:
    """A transformed parameter's row (sigma_u, rho ...): estimate, SE and limits, no z or P, in
    the table's ``cformat`` (_b_table's diparm rows take the columns' formats); a missing SE (a
    constraint fixes /lnsig2u) ``(constrained)``."""
    cf = cformat or "%9.0g"
    if row.label.startswith("/") and np.isnan(row.se):
        return row.label.rjust(s) + " |" + format_number(row.estimate, cf).rjust(11) + "  (constrained)"
    est, se, lo, hi = (format_number(v, cf) for v in (row.estimate, row.se, row.ci_lo, row.ci_hi))
    return row.label.rjust(s) + " |" + est.rjust(11) + se.rjust(11) + " " * 17 + lo.rjust(13) + hi.rjust(12)


def random_effects_header(r: RandomEffectsHeader, title: str, *, ivar_width: int) -> list[str]:
    """The xt random-effects models' header (Stata's _crcphdr layout), blank line first and
    last: title and N, the group variable (abbreviated to ``ivar_width``) and the panels, u_i's
    distribution and the panel sizes, the quadrature (when ``r.intmethod``), Wald chi2 (F after
    the jackknife) and the log likelihood (pseudolikelihood when ``r.robust``)."""
    crit = "Log pseudolikelihood" if r.robust else "Log likelihood"
    out = ["", _pair(title, _right("Number of obs", format_number(r.nobs, "%9.0g"))),
           _pair(f"Group variable: {abbrev(r.ivar, ivar_width)}",
                 _right("Number of groups", format_number(r.n_groups, "%9.0g"))),
           "",
           _pair(f"Random effects u_i ~ {r.distribution}", _right("Obs per group: min", format_number(r.g_min, "%9.0g"))),
           _pair("", _right(" " * 15 + "avg", format_number(r.g_avg, "%9.1f"))),
           _pair("", _right(" " * 15 + "max", format_number(r.g_max, "%9.0g"))), ""]
    if r.intmethod:
        out += [_pair(f"Integration method: {r.intmethod}",
                      _right("Integration points", format_number(r.intpoints, "%9.0g"))), ""]
    if r.df_r is not None:  # jackknife: _crcphdr's F(%6.0f,%8.0f) on e(df_r)
        label = f"F({format_number(r.wald_df, '%6.0f')},{format_number(r.df_r, '%8.0f')})"
        return out + [_pair("", _right(label, format_number(r.wald_chi2, "%9.2f"))),
                      _pair(f"{crit}  = " + format_number(r.loglik, "%10.0g"),
                            _right("Prob > F", format_number(r.wald_p, "%6.4f"))), ""]
    return out + [_pair("", _right(f"Wald chi2({r.wald_df})", format_number(r.wald_chi2, "%9.2f"))),
                  _pair(f"{crit}  = " + format_number(r.loglik, "%10.0g"),
                        _right("Prob > chi2", format_number(r.wald_p, "%6.4f"))), ""]


def _legend_line(row: ParameterRow, s: int) -> str:
    """coeflegend's parameter row: ``/lnsig2u |  value  _b[lnsig2u:_cons]``; a transformed one
    (sigma_u, rho) its value alone (it has no ``_b[]`` name)."""
    line = row.label.rjust(s) + " |" + format_number(row.estimate, "%9.0g").rjust(11)
    return line + (f"  _b[{row.label[1:]}:_cons]" if row.label.startswith("/") else "")


def render_xt_re(r: RandomInterceptResult, *, linesize: int = 80, baselevels: bool = False, options=None) -> str:
    """The header and table; ``options`` (``TableOptions``): the display options (coeflegend,
    noomitted, vsquish, formats ...), which then carry baselevels."""
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions(baselevels=baselevels)
    out = random_effects_header(r, r.title, ivar_width=12)
    fixed = opts.rows(r.fixed)
    s = opts.width(fixed, linesize)
    table = render_coef_table(fixed, r.depvar, level=r.level, linesize=linesize, width=s, robust=r.robust,
                              stat_label="t" if r.df_r is not None else "z",
                              cluster=r.cluster, coef_label=r.eform or "Coef.", vce_label=r.vce_label,
                              eform=bool(r.eform), **opts.table_kwargs()).split("\n")
    line = _legend_line if opts.coeflegend else (lambda x, s: parameter_line(x, s, opts.cformat))
    out += [f" ({i:2d})  {c}" for i, c in enumerate(r.constraint_labels, start=1)]  # _coef_table's cns report
    if r.replications:  # the prefix's clusters (_coef_table's legend), right-aligned over the table
        out.append(f"(Replications based on {r.replications[0]} clusters in {abbrev(r.replications[1], 12)})"
                   .rjust(len(table[-1])))
    total = len(table[-1])
    mid = "-" * (s + 1) + "+" + "-" * (total - s - 2)
    out += table[:-1] + [mid] + [line(x, s) for x in r.estimation] + [mid] + [line(x, s) for x in r.natural]
    out.append("-" * total)
    if opts.coeflegend:  # the legend in place of the statistics: no test below it
        return "\n".join(out)
    if r.lr_parameter == "sigma_u":
        out.append(_sigma_u_lr_line(r.lr_chi2, r.lr_p))
    elif r.lr_parameter:
        out.append(f"Likelihood-ratio test of {r.lr_parameter}=0: chibar2(01) = "
                   + format_number(r.lr_chi2, "%8.2f" if r.lr_chi2 < 1e5 else "%8.2e")
                   + " Prob >= chibar2 = " + format_number(r.lr_p, "%5.3f"))
    return "\n".join(out)


def _sigma_u_lr_line(chi2: float, p: float) -> str:
    """xtpoisson, re normal's line (Stata 13's xtps_ren.ado, version 3.4.0, Display):
    ``Likelihood-ratio test of sigma_u=0: chibar2(01) = `%8.2f' Pr>=chibar2 = `%5.3f'`` -- 78
    columns; %8.2e when chibar2 is at most .005 or at least 1e4 (0 itself in %8.2f)."""
    return ("Likelihood-ratio test of sigma_u=0: chibar2(01) = " + format_number(chi2, chibar2_format(chi2))
            + " Pr>=chibar2 = " + format_number(p, "%5.3f"))
