"""``mestreg``'s output in Stata 14's layout (the me commands' ``_me_display`` of Stata 14):

```
(blank)
Mixed-effects Weibull regression                Number of obs     =        457
Group variable:          doctor                 Number of groups  =         48
(blank)
                                                Obs per group:
                                                              min =          4
                                                              avg =        9.5
                                                              max =         19
(blank)
Integration method: mvaghermite                 Integration pts.  =          7
(blank)
                                                Wald chi2(2)      =     123.45
Log likelihood = -1234.5678                     Prob > chi2       =     0.0000
<the table: _t rows (Haz. Ratio / Time Ratio / Coef.), /ln_p, the level's var() and cov() rows>
Note: Estimates are transformed only in the first equation.
Note: _cons estimates baseline hazard (conditional on zero random effects).
LR test vs. Weibull model: chibar2(01) = 80.28                Prob >= chibar2 = 0.0000
```
Header columns as Stata 14's estimation headers: labels at 49, ``=`` at 67, counts ``%10.0fc``
(avg ``%10.1f``), chi2 ``%9.2f``, p ``%6.4f``.  The table is the me commands' (``glmm_display``).
With several levels the group lines give way to Stata 14's group table (blank lines around it):

```
-------------------------------------------------------------
                |     No. of       Observations per Group
 Group Variable |     Groups    Minimum    Average    Maximum
----------------+--------------------------------------------
         school |         20         12       23.5         31
          class |         80          3        5.9          9
-------------------------------------------------------------
```
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.glmm_display import render_glmm_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.glmm import GLMMResult, IterationLog


def _left(text: str, right: str) -> str:
    return text.ljust(48) + right


def _field(label: str, value: str) -> str:
    return label.ljust(18) + "= " + value


def render_log(result: GLMMResult) -> str:
    """``Fitting fixed-effects model:`` and ``Fitting full model:`` with their iterations
    (``log pseudolikelihood`` under pweights, as ml's log)."""
    log: IterationLog = result.iteration_log
    crit = "log pseudolikelihood" if result.pseudo else "log likelihood"
    out: list[str] = []
    for phase in log.phases:
        out += ["", phase.heading, ""]
        for step in phase.steps:
            out.append(f"{phase.label} {step.iteration}:".ljust(15)
                       + f"{crit} = {format_number(step.loglik, '%10.0g')}  ")
    return "\n".join(out)


def render_group_table(r: GLMMResult) -> list[str]:
    """Stata 14's table of the levels' groups (module docstring), rule to rule."""
    out = ["-" * 61, " " * 16 + "|     No. of       Observations per Group",
           " Group Variable |     Groups    Minimum    Average    Maximum", "-" * 16 + "+" + "-" * 44]
    for info in r.groups:
        g = info.summary
        out.append(abbrev(g.levelvar, 12).rjust(15) + " |" + format_number(g.n_groups, "%11.0fc")
                   + format_number(g.min, "%11.0fc") + format_number(g.avg, "%11.1fc")
                   + format_number(g.max, "%11.0fc"))
    return out + ["-" * 61]


def render_header(r: GLMMResult, *, nogroup: bool = False) -> list[str]:
    out = [_left(r.title, _field("Number of obs", format_number(r.nobs, "%10.0fc")))]
    g = r.groups[0].summary
    if len(r.groups) > 1:
        if not nogroup:
            out += [""] + render_group_table(r)
    elif not nogroup:
        out.append(_left(f"Group variable: {abbrev(g.levelvar, 14).rjust(15)}",
                         _field("Number of groups", format_number(g.n_groups, "%10.0fc"))))
        out += ["", " " * 48 + "Obs per group:"]
        for lab, v, f in (("min", g.min, "%10.0fc"), ("avg", g.avg, "%10.1fc"), ("max", g.max, "%10.0fc")):
            out.append(" " * 62 + lab + " = " + format_number(v, f))
    out += ["", _left(f"Integration method: {r.integration}",
                      _field("Integration pts.", format_number(r.integration_points, "%10.0fc"))), ""]
    out.append(" " * 48 + _field(f"Wald chi2({r.wald_df})", " " + format_number(r.wald_chi2, "%9.2f")))
    crit = "Log pseudolikelihood" if r.pseudo or r.vce == "robust" else "Log likelihood"
    out.append(_left(f"{crit} = {format_number(r.loglik, '%10.0g')}",
                     _field("Prob > chi2", "    " + format_number(r.wald_p, "%6.4f"))))
    return out


def render_lr(r: GLMMResult) -> str:
    lr = r.lr_test
    stat = format_number(lr.chi2, "%8.2f").strip()
    if lr.kind.startswith("chibar2"):
        return f"{lr.label} chibar2(01) = {stat}".ljust(54) + f"Prob >= chibar2 = {format_number(lr.p, '%6.4f')}"
    line = f"{lr.label} chi2({lr.df}) = {stat}".ljust(58) + f"Prob > chi2 = {format_number(lr.p, '%6.4f')}"
    return line + "\n\nNote: LR test is conservative and provided only for reference."


def render_mestreg(r: GLMMResult, *, eform: bool = True, noheader: bool = False, notable: bool = False,
                   nogroup: bool = False, nolrtest: bool = False, cformat: str | None = None,
                   sformat: str | None = None, pformat: str | None = None) -> str:
    """``cformat``/``sformat``/``pformat``: every number of the table, the random-effects and
    ancillary rows too (the options, else ``set cformat`` & co.)."""
    out = [""]
    if not noheader:
        out += render_header(r, nogroup=nogroup)
    if not notable:
        out.append(render_glmm_table(r, eform=eform, eform_label=r.eform_label, cformat=cformat,
                                     sformat=sformat, pformat=pformat))
        if eform:
            out.append("Note: Estimates are transformed only in the first equation.")
        if r.link == "hazard":
            out.append("Note: _cons estimates baseline hazard (conditional on zero random effects).")
        if not nolrtest and r.lr_test is not None and r.converged:
            out.append(render_lr(r))
    return "\n".join(out)
