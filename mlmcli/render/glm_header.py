"""``glm``'s output as Stata 13 prints it: iteration log, the header, the table with ``OIM``
over Std. Err.

```
Generalized linear models                          No. of obs      =        24
Optimization     : ML                              Residual df     =        20
                                                   Scale parameter =         1
Deviance         =  73.76505595                    (1/df) Deviance =  3.688253
Pearson          =   71.8901173                    (1/df) Pearson  =  3.594506

Variance function: V(u) = u*(1-u/n)                [Binomial]
Link function    : g(u) = ln(-ln(1-u/n))           [Complementary log-log]

                                                   AIC             =   6.74547
Log likelihood   = -76.94564525                    BIC             =  10.20398
```
Geometry of glm.ado's header (Stata 12/13): the right block's labels at column 52, ``=`` at
column 68, the values ``%9.0g`` at column 70; Deviance/Pearson ``=`` at column 18 and the
values ``%12.0g`` from column 20; the variance and link strings at column 27 and their names
in brackets at column 52; the log likelihood's ``=`` at column max(18, len(label) + 2).
(Published Stata 13 glm logs: statsmodels' comment of ``glm r i.beetle ldose,
family(binomial n) link(cloglog)``; Wooldridge's ``glm narr86 ..., fam(poisson)``.)
"""
from __future__ import annotations

from mlmcli.missing import stata_ratio
from mlmcli.render.coef_table import offset_row, render_coef_table
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number


def _at(text: str, col: int) -> str:
    """Pad ``text`` so that what follows starts at 1-based column ``col``."""
    return text.ljust(col - 1)


def _right(left: str, label: str, value: str) -> str:
    return _at(_at(left, 52) + label, 68) + "= " + value


def _g9(v) -> str:
    return format_number(v, "%9.0g").rjust(9)


def _statistics_block(fit, opt1: str, opt2: str) -> list[str]:
    """Head's lines from "Generalized linear models" to the link function and the blank after it."""
    g12 = lambda v: format_number(v, "%12.0g").rjust(12)  # noqa: E731
    varf, vart = fit.family.strings()
    linkf, linkt = fit.link.strings(fit.family)
    df = fit.df
    return [
        _right("Generalized linear models", "No. of obs", _g9(fit.nobs)),
        _right("Optimization     : " + opt1, "Residual df", _g9(df)),
        _right(" " * 19 + opt2 if opt2 else "", "Scale parameter", _g9(fit.phi)),
        _right("Deviance         = " + g12(fit.deviance), "(1/df) Deviance", _g9(stata_ratio(fit.deviance, df))),
        _right("Pearson          = " + g12(fit.pearson), "(1/df) Pearson", _g9(stata_ratio(fit.pearson, df))),
        "",
        _at("Variance function: V(u) = " + varf, 52) + f"[{vart}]",
        _at("Link function    : g(u) = " + linkf, 52) + f"[{linkt}]",
        "",
    ]


def render_glm_header(fit, *, pseudo: bool) -> list[str]:
    crit = "Log pseudolikelihood" if pseudo else "Log likelihood"
    return _statistics_block(fit, "ML", "") + [
        _right("", "AIC", _g9(fit.aic)),
        _right(_at(crit, max(18, len(crit) + 2)) + "= " + format_number(fit.loglik, "%12.0g").rjust(12), "BIC",
               _g9(fit.bic)),
    ]


def irls_log(deviances) -> list[str]:
    """glm.ado's IRLS log: a blank line, then ``Iteration #:`` with ``deviance = %9.0g`` at column 16."""
    return [""] + [f"Iteration {i}:".ljust(15) + "deviance = " + format_number(d, "%9.0g")
                   for i, d in enumerate(deviances, 1)]


def irls_header(fit) -> list[str]:
    """glm.ado's Head without e(ll): "MQL Fisher scoring" over "(IRLS EIM)" (vce(oim): "MQL
    Newton-Raphson", "(IRLS OIM)"), the scale parameter e(phi) (disp(#)), no AIC or log
    likelihood; BIC alone, after "Quasi-likelihood model with dispersion: #" when disp(#) is not 1."""
    oim = fit.vce == "oim"
    disp = getattr(fit, "disp", 1.0)
    quasi = "" if disp == 1 else "Quasi-likelihood model with dispersion: " + format_number(disp, "%9.0g").strip()
    block = _statistics_block(fit, "MQL Newton-Raphson" if oim else "MQL Fisher scoring",
                              "(IRLS OIM)" if oim else "(IRLS EIM)")
    if fit.vce == "unbiased":  # Head's e(setype) line, BIC after it (or after the quasi-likelihood line)
        setype = "Standard errors  : Unbiased Sandwich"
        if quasi:
            return block + [setype, "", _right(quasi, "BIC", _g9(fit.bic))]
        return block + [_right(setype, "BIC", _g9(fit.bic))]
    return block + [_right(quasi, "BIC", _g9(fit.bic))]


def render_glm_log(fit, pseudo: bool) -> str:
    crit = "log pseudolikelihood" if pseudo else "log likelihood"
    return "\n".join([""] + [iteration_line(i, ll, crit, note) for i, ll, note in fit.iterations])


def eform_heading(fit) -> str:
    """glm's eform column heading (svy: glm's table too)."""
    return _eform_label(fit)


def _eform_label(fit) -> str:
    """glm's eform heading: Odds Ratio (binomial, logit link), IRR (Poisson or negative
    binomial, log link), exp(b) otherwise."""
    log = fit.link.name == "log" or fit.link.name == "power" and fit.link.power == 0
    if fit.family.name == "binomial" and fit.link.name == "logit":
        return "Odds Ratio"
    if fit.family.name in ("poisson", "nbinomial") and log:
        return "IRR"
    return "exp(b)"


def render_generalized_linear(fit, *, eform: bool, linesize: int, nolog: bool, noheader: bool = False,
                              baselevels: bool = False, level: float | None = None, coeflegend: bool = False,
                              cformat=None, sformat=None, pformat=None, options=None, cnsreport: bool = True) -> str:
    """Everything glm prints (leading blank line, no final newline); ``options``
    (``TableOptions``): the display options, which then carry baselevels, formats, coeflegend;
    ``cnsreport``: constraints() listed over the table (``nocnsreport``: not)."""
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.coef_table import name_width

    pseudo = fit.vce in ("robust", "cluster") or fit.pseudo
    out: list[str] = []
    irls = getattr(fit, "irls_deviances", None) is not None
    if irls and not nolog:
        out += irls_log(fit.irls_deviances)
    elif not nolog:
        out.append(render_glm_log(fit, pseudo))
        if not fit.converged:  # ml's line after the log of a maximiser that stopped short
            out.append("convergence not achieved")
    out.append("")
    if not noheader:
        out += irls_header(fit) if irls else render_glm_header(fit, pseudo=pseudo)
        out.append("")
    if cnsreport:  # constraints(): listed over the table
        out += [f" ({i:2d})  {c}" for i, c in enumerate(fit.constraint_labels, start=1)]
    rows = fit.rows(level)
    eform_label = _eform_label(fit)
    if eform:  # exponentiated coefficients; _cons is not shown (Stata 13's ereturn display, eform)
        rows = tuple(r for r in rows if r.name != "_cons")
        import dataclasses
        import math

        def exp(v):  # Stata's exp() past the largest double is missing
            return math.exp(v) if v < 709.78 else float("nan")
        rows = tuple(dataclasses.replace(r, coef=exp(r.coef), se=exp(r.coef) * r.se,
                                         ci_lo=exp(r.ci_lo), ci_hi=exp(r.ci_hi))
                     if not (r.base or r.omitted) else r for r in rows)
    cluster = (fit.n_clusters, fit.cluster_var) if fit.vce == "cluster" else None
    label = fit.vce_label or ("Robust" if pseudo else fit.vce.upper())  # OIM, OPG, EIM; Jackknife ...
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions(baselevels=baselevels, coeflegend=coeflegend, cformat=cformat,
                                   sformat=sformat, pformat=pformat)
    rows = opts.rows(rows)
    s = opts.width(rows, linesize)
    if fit.vce in ("bootstrap", "jackknife") and fit.n_clusters:  # jackknife's cluster(): _coef_table's legend
        line = f"(Replications based on {fit.n_clusters} clusters in {abbrev(fit.cluster_var, 12)})"
        out.append(line.rjust(s + 66))
    table = render_coef_table(rows, fit.depvar, level=fit.level if level is None else level,
                              stat_label="t" if fit.df_r is not None else "z",
                              linesize=linesize, cluster=cluster, vce_label=label, width=s,
                              coef_label=eform_label if eform else "Coef.", eform=eform,
                              **opts.table_kwargs()).split("\n")
    if fit.offset_name:
        kind = "(exposure)" if fit.offset_name.startswith("ln(") else "(offset)"
        table.insert(len(table) - 1, offset_row(fit.offset_name, s, kind))
    out += table
    out += _footnotes(fit)
    return "\n".join(out)


def _footnotes(fit) -> list[str]:
    """glm.ado's Display after the table: e(msg) (scale()) and the nbinomial ml note ({p 0 6 0 79})."""
    lines = []
    scale = getattr(fit, "scale", None)
    if scale == "x2" and fit.family.discrete:
        lines.append("(Standard errors scaled using square root of Pearson X2-based dispersion.)")
    elif scale == "dev":  # glm, irls
        lines.append("(Standard errors scaled using square root of deviance-based dispersion.)")
    elif scale not in (None, "x2") and (not fit.family.discrete or float(scale) != 1):
        lines.append(f"(Standard errors scaled using dispersion equal to square root of {scale}.)")
    if getattr(fit, "nbml", False):
        lines += ["Note: Negative binomial parameter estimated via ML and treated as fixed once", "      estimated."]
    return lines
