"""``menl``'s output, laid out as Stata's menl.ado ``Display`` does (Stata 15/16):

```
(blank)
Mixed-effects ML nonlinear regression           Number of obs     =        240
Group variable: id                              Number of groups  =         30
(blank)
                                                Obs per group:
                                                              min =          8
                                                              avg =        8.0
                                                              max =          8
(blank)
                                                Wald chi2(3)      =     123.45
Linearization log likelihood = -117.26582       Prob > chi2       =     0.0000
(blank)
<coefficient table: one block per linear combination, then /free parameters>
(blank)
------------------------------------------------------------------------------
  Random-effects Parameters  |   Estimate   Std. Err.     [95% Conf. Interval]
-----------------------------+------------------------------------------------
id: Identity                 |
                    var(U0)  |   ...
-----------------------------+------------------------------------------------
               var(Residual) |   ...
------------------------------------------------------------------------------
```
Header columns: labels at 49, ``=`` at 67, numbers %10.0fc from 69 (chi2 %9.2f from 70,
p %6.4f from 73); the log likelihood ``%10.0g`` after `` = ``.  Variance rows: label ending
at column 28, ``|`` at 30, numbers ``%9.0g`` right-aligned at columns 41, 52, 66 and 78.
Without a Wald test (free parameters only) the log-likelihood line follows a blank line.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import level_text, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.nlme import NLMEResult, VarianceRow


def _left(text: str, right: str) -> str:
    return text.ljust(48) + right


def render_header(r: NLMEResult, *, nogroup: bool = False) -> str:
    n = format_number(r.nobs, "%10.0fc")
    out = ["", _left(r.title, "Number of obs".ljust(18) + "= " + n)]
    if r.group_var and not nogroup:
        out.append(_left(f"Group variable: {abbrev(r.group_var, 14)}",
                         "Number of groups".ljust(18) + "= " + format_number(r.n_groups, "%10.0fc")))
        out.append("")
        out.append(" " * 48 + "Obs per group:")
        for lab, v, f in (("min", r.g_min, "%10.0fc"), ("avg", r.g_avg, "%10.1fc"), ("max", r.g_max, "%10.0fc")):
            out.append(" " * 62 + lab + " = " + format_number(v, f))
    ll = f"{r.crit_label} = {format_number(r.loglik, '%10.0g')}"
    out.append("")
    if r.wald is not None:
        chi2, df, p = r.wald
        out.append(" " * 48 + f"Wald chi2({df})".ljust(18) + "= " + " " + format_number(chi2, "%9.2f"))
        out.append(_left(ll, "Prob > chi2".ljust(18) + "=     " + format_number(p, "%6.4f")))
    else:
        out.append(ll)
    return "\n".join(out)


def _variance_line(row: VarianceRow, fmt: str = "%9.0g") -> str:
    def num(v):
        return format_number(v, fmt)
    return (row.label.rjust(28) + " |  " + num(row.estimate).rjust(9) + "  " + num(row.se).rjust(9)
            + "     " + num(row.ci_lo).rjust(9) + "   " + num(row.ci_hi).rjust(9))


def render_random_effects(r: NLMEResult, *, stddeviations: bool = False, cformat: str | None = None) -> str:
    """The random-effects table; ``cformat``: its numbers' format (%9.0g when None)."""
    cf = cformat or "%9.0g"
    rows = r.sds if stddeviations else r.variances
    residual = r.residual_sd if stddeviations else r.residual_variance
    level = level_text(r.level)
    ci = f"[{level}% Conf. Interval]"
    rule = "-" * 29 + "+" + "-" * 48
    out = ["-" * 78, "  Random-effects Parameters  |   Estimate   Std. Err." + " " * (60 - len(level) - 53) + ci]
    out.append(rule)
    if rows:
        out.append((abbrev(r.group_var or "", 12) + ": " + r.cov_label).ljust(29) + "|")
        out += [_variance_line(row, cf) for row in rows]
        out.append(rule)
    out.append(_variance_line(residual, cf))
    out.append("-" * 29 + "-" + "-" * 48)
    return "\n".join(out)


def render_nlme(r: NLMEResult, *, noheader: bool = False, nogroup: bool = False, nofetable: bool = False,
                noretable: bool = False, stddeviations: bool = False, table_kwargs: dict | None = None,
                re_cformat: str | None = None) -> str:
    """menl's output; ``re_cformat``: the random-effects table's format (menl.ado hands its
    DiVarComp the cformat() typed only, else %9.0g; the coefficient table takes ``table_kwargs``)."""
    out = []
    if not noheader:
        out.append(render_header(r, nogroup=nogroup))
    out.append("")
    if not nofetable:
        kwargs = dict(table_kwargs or {})
        if kwargs.get("mode") == "legend":  # coeflegend: _b[/b0] for a free parameter, _b[eq:x] in {eq: x ...}
            kwargs["legend_eqs"] = [eq for eq, _ in r.equations]
        out.append(render_coef_table(None, r.depvar, level=r.level,
                                     equations=[(eq, rows) for eq, rows in r.equations], **kwargs))
    if not noretable:
        if not nofetable:
            out.append("")
        out.append(render_random_effects(r, stddeviations=stddeviations, cformat=re_cformat))
    if not r.converged:
        out.append("Warning: convergence not achieved")
    return "\n".join(out)


def render_nlme_log(r: NLMEResult) -> str:
    """The alternation log: the linearization log likelihood after each PNLS/LME pass."""
    crit = r.crit_label[0].lower() + r.crit_label[1:]
    out = ["", "Alternating PNLS/LME algorithm:", ""]
    for i, v in enumerate(r.iteration_log, start=1):
        out.append(f"Iteration {i}:".ljust(15) + f"{crit} = {format_number(v, '%10.0g')}  ")
    out += ["", "Computing standard errors:"]
    return "\n".join(out)
