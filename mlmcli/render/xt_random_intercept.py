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
(``sigma_u`` only and ``... of sigma_u=0:`` for the Poisson model.)  The text starts with
Stata's blank line and has no final newline.
"""
from __future__ import annotations

from mlmcli.render.coef_table import name_width, render_coef_table
from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.glmm import GLMMResult, IterationLog

RIGHT_COL = 48


def _right(label: str, value: str) -> str:
    return label.ljust(19) + "= " + value.rjust(9)


def _pair(left: str, right: str = "") -> str:
    return left.ljust(RIGHT_COL) + right if right else left


def render_xt_re_iteration_log(log: IterationLog) -> str:
    """``Fitting comparison model:`` (the pooled model) and ``Fitting full model:``."""
    out: list[str] = []
    for phase in log.phases:
        if phase.heading.startswith("Refining"):
            continue
        heading = "Fitting comparison model:" if phase.heading.startswith("Fitting fixed") else phase.heading
        out += ["", heading, ""]
        for k, step in enumerate(phase.steps):
            line = f"Iteration {k}:".ljust(15) + f"log likelihood = {format_number(step.loglik, '%10.0g')}  "
            out.append((line + step.note).rstrip() if step.note else line)
    return "\n".join(out)


def _row(label: str, values, s: int) -> str:
    est, se, lo, hi = (format_number(v, "%9.0g") for v in values)
    return label.rjust(s) + " |" + est.rjust(11) + se.rjust(11) + " " * 17 + lo.rjust(13) + hi.rjust(12)


def render_xt_re(result: GLMMResult, *, title: str, ivar: str, params: dict, eform_label: str | None = None,
                 intmethod: str = "mvaghermite", linesize: int = 80) -> str:
    g = result.groups[0].summary
    crit = "Log pseudolikelihood" if result.vce != "oim" else "Log likelihood"
    out = ["", _pair(title, _right("Number of obs", format_number(result.nobs, "%9.0g"))),
           _pair(f"Group variable: {abbrev(ivar, 12)}", _right("Number of groups", format_number(g.n_groups, "%9.0g"))),
           "",
           _pair("Random effects u_i ~ Gaussian", _right("Obs per group: min", format_number(g.min, "%9.0g"))),
           _pair("", _right(" " * 15 + "avg", format_number(g.avg, "%9.1f"))),
           _pair("", _right(" " * 15 + "max", format_number(g.max, "%9.0g"))), "",
           _pair(f"Integration method: {intmethod}",
                 _right("Integration points", format_number(result.integration_points, "%9.0g"))), "",
           _pair("", _right(f"Wald chi2({result.wald_df})", format_number(result.wald_chi2, "%9.2f"))),
           _pair(f"{crit}  = " + format_number(result.loglik, "%10.0g"),
                 _right("Prob > chi2", format_number(result.wald_p, "%6.4f"))), ""]
    rows = result.fixed_eform if eform_label else result.fixed
    s = name_width([(None, rows)], linesize=linesize)
    robust = result.vce != "oim"
    cluster = (result.n_clusters, result.cluster_var) if result.cluster_var and result.n_clusters else None
    table = render_coef_table(rows, result.depvar, level=result.level, linesize=linesize, width=s,
                              robust=robust, cluster=cluster, coef_label=eform_label or "Coef.").split("\n")
    total = len(table[-1])
    mid = "-" * (s + 1) + "+" + "-" * (total - s - 2)
    out += table[:-1] + [mid, _row("/lnsig2u", params["lnsig2u"], s), mid,
                         _row("sigma_u", params["sigma_u"], s)]
    if "rho" in params:
        out.append(_row("rho", params["rho"], s))
    out.append("-" * total)
    lr = result.lr_test
    if lr is not None:
        what = "rho" if "rho" in params else "sigma_u"
        out.append(f"Likelihood-ratio test of {what}=0: chibar2(01) = " + format_number(lr.chi2, "%8.2f")
                   + " Prob >= chibar2 = " + format_number(lr.p, "%5.3f"))
    return "\n".join(out)
