"""``binreg`` as binreg.ado shows it: glm's header (``glm, notable``), then the table headed by
the measure (``_coef_table, eform(Risk Ratio)`` or ``coeftitle(Risk Diff.)``).  Under IRLS (the
default) the log is glm's ``Iteration #:   deviance = %9.0g`` and the header has "MQL Fisher
scoring" over "(IRLS EIM)" and BIC alone (no log likelihood or AIC: glm.ado's Display when e(ll)
is empty); under ``ml`` it is glm's own (``render.glm_header``).  Stata 13's glm geometry: the
right block's labels at column 52, ``=`` at 68, values %9.0g from column 70.
"""
from __future__ import annotations

from mlmcli.missing import stata_ratio
from mlmcli.render.glm_header import render_generalized_linear
from mlmcli.render.numfmt import format_number


def _right(left: str, label: str, value: str) -> str:
    return (left.ljust(51) + label).ljust(67) + "= " + value


def irls_log(deviances) -> list[str]:
    return [""] + [f"Iteration {i}:".ljust(15) + "deviance = " + format_number(d, "%9.0g")
                   for i, d in enumerate(deviances, 1)]


def irls_header(fit) -> list[str]:
    g9 = lambda v: format_number(v, "%9.0g").rjust(9)  # noqa: E731
    g12 = lambda v: format_number(v, "%12.0g").rjust(12)  # noqa: E731
    varf, vart = fit.family.strings()
    linkf, linkt = fit.link.strings(fit.family)
    df = fit.df
    return [
        _right("Generalized linear models", "No. of obs", g9(fit.nobs)),
        _right("Optimization     : MQL Fisher scoring", "Residual df", g9(df)),
        _right(" " * 19 + "(IRLS EIM)", "Scale parameter", g9(fit.phi)),
        _right("Deviance         = " + g12(fit.deviance), "(1/df) Deviance", g9(stata_ratio(fit.deviance, df))),
        _right("Pearson          = " + g12(fit.pearson), "(1/df) Pearson", g9(stata_ratio(fit.pearson, df))),
        "",
        ("Variance function: V(u) = " + varf).ljust(51) + f"[{vart}]",
        ("Link function    : g(u) = " + linkf).ljust(51) + f"[{linkt}]",
        "",
        _right("", "BIC", g9(fit.bic)),
    ]


def _relabel(text: str, heading: str) -> str:
    """The coefficient column's heading (the line with Std. Err.) set to ``heading``."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "Std. Err." in line and "|" in line:
            p = line.index("|")
            lines[i] = line[:p + 1] + heading.rjust(11) + line[p + 12:]
            break
    return "\n".join(lines)


def render_binreg(fit, *, heading: str | None, exponentiated: bool, log: bool, deviances, irls: bool,
                  linesize: int = 80, level=None, options=None) -> str:
    if not irls:
        text = render_generalized_linear(fit, eform=exponentiated, linesize=linesize, nolog=not log, level=level,
                                         options=options)
        return _relabel(text, heading) if heading else text
    out = irls_log(deviances) if deviances else []
    out += [""] + irls_header(fit)
    table = render_generalized_linear(fit, eform=exponentiated, linesize=linesize, nolog=True, noheader=True,
                                      level=level, options=options)
    out.append(_relabel(table, heading) if heading else table)
    return "\n".join(out)
