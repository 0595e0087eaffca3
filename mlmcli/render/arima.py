"""``arima`` as arima.ado (7.5.1) and _tsheadr.ado (6.3.2) of the Stata 16 tree display it:

```
(blank)
ARIMA regression
(blank)
Sample:  1 - 60                                 Number of obs     =         60
                                                Wald chi2(2)      =      62.37
Log likelihood = -93.19080                      Prob > chi2       =     0.0000
(blank)
------------------------------------------------------------------------------
             |                 OPG
           s |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
s            |
       _cons |   ...
-------------+----------------------------------------------------------------
ARMA         |
          ar |
         L1. |   ...
-------------+----------------------------------------------------------------
      /sigma |   ...
------------------------------------------------------------------------------
Note: The test of the variance against zero is one sided, and the two-sided
      confidence interval is truncated at zero.
```
Labels at column 49, ``=`` at 67, N %10.0g from 69, chi2 %9.2f from 70, p %6.4f from 73, the
log likelihood %9.0g; gaps add ", but with a gap(s)" to the sample line.  The note is
``{p 0 6 0 79}``: wrapped at 79 columns, continuation lines indented 6.
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.arima import ArimaResult

NOTE = ("Note: The test of the variance against zero is one sided, and the two-sided confidence interval "
        "is truncated at zero.")


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def wrap_paragraph(text: str, width: int = 79, indent: int = 6) -> list[str]:
    """SMCL ``{p 0 indent 0 width}``: words filled to ``width``, later lines indented."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else (" " * indent if lines else "") + word
        if line and len(candidate) > width:
            lines.append(line)
            line = " " * indent + word
        else:
            line = candidate
    return lines + ([line] if line else [])


def render_arima(r: ArimaResult, *, linesize: int = 80, options=None) -> str:
    gap = "" if not r.n_gaps else (", but with a gap" if r.n_gaps == 1 else ", but with gaps")
    sample = f"Sample:  {r.tmins} - {r.tmaxs}{gap}"
    out = ["", "ARIMA regression", ""]
    out.append(_at(_at(_at(sample, 49, "Number of obs"), 67, "="), 69, format_number(r.nobs, "%10.0g")))
    df = "." if r.df_m != r.df_m else str(int(r.df_m))
    out.append(_at(_at(_at("", 49, f"Wald chi2({df})"), 67, "="), 70, format_number(r.chi2, "%9.2f")))
    out.append(_at(_at(_at(f"{r.crit} = " + format_number(r.ll, "%9.0g"), 49, "Prob > chi2"), 67, "="), 73,
                   format_number(r.p, "%6.4f")))
    out.append("")
    eqs = ([(r.xb_equation, list(r.xb_rows))] if r.xb_rows else []) + ([("ARMA", list(r.arma_rows))] if r.arma_rows
                                                                         else [])
    kwargs = options.table_kwargs() if options is not None else {}
    if eqs:
        table = render_coef_table(None, r.depvar, stat_label="z", level=r.level, linesize=linesize,
                                  vce_label=r.vce_label, equations=eqs, **kwargs).split("\n")
        bottom = table.pop()
        sigma = render_coef_table([r.sigma_row], r.depvar, stat_label="z", level=r.level, linesize=linesize,
                                  **kwargs).split("\n")[3:-1]
        table += ["-" * 13 + "+" + "-" * 64] + sigma + [bottom]
    else:
        table = render_coef_table([r.sigma_row], r.depvar, stat_label="z", level=r.level, linesize=linesize,
                                  vce_label=r.vce_label, **kwargs).split("\n")
    out += table
    out += wrap_paragraph(NOTE)
    return "\n".join(out)
