"""``binreg`` as binreg.ado shows it: glm's header (``glm, notable``), then the table headed by
the measure (``_coef_table, eform(Risk Ratio)`` or ``coeftitle(Risk Diff.)``).  Under IRLS (the
default) the log is glm's ``Iteration #:   deviance = %9.0g`` and the header has "MQL Fisher
scoring" over "(IRLS EIM)" and BIC alone (no log likelihood or AIC: glm.ado's Display when e(ll)
is empty); under ``ml`` it is glm's own (``render.glm_header``).  Stata 13's glm geometry: the
right block's labels at column 52, ``=`` at 68, values %9.0g from column 70.
"""
from __future__ import annotations

from mlmcli.render.glm_header import irls_header, irls_log, render_generalized_linear


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
