"""var's output as Stata 13 prints it (var.ado's Dheadernew, _mvtsheadr, _vardisprmse).

A blank line, ``Vector autoregression``, a blank line; ``Sample:  t0 - t1`` with ``No. of obs``
at column 52 (``=`` at 68, `` %9.0g``); ``Log likelihood``/``FPE``/``Det(Sigma_ml)`` (``=`` at
16, `` %9.0g``) beside AIC/HQIC/SBIC, ``(lutstats)`` at column 38.  Stata 13's logs print these
labels and columns (Stata 14 moved them to ``Number of obs`` at 49); the values' %9.0g is read
from those logs (Stata 16's ado uses %9.8g).  The equation summary is _vardisprmse's _tab: name
%-16s, Parms %6.0f, RMSE %8.7g, R-sq %7.4f, chi2 (F) %9.8g, P %7.4f, 64 columns between rules.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.var_model import VarResult


def _g(x: float) -> str:
    return format_number(x, "%9.0g")


def render_var_header(r: VarResult) -> str:
    sample = "Sample:  " + r.sample
    left = [sample, "Log likelihood = " + _g(r.ll), "FPE            = " + _g(r.fpe),
            "Det(Sigma_ml)  = " + _g(r.detsig_ml)]
    if r.lutstats:
        left[1] = left[1].ljust(37) + "(lutstats)"
    right = ["No. of obs      = " + _g(r.nobs), "AIC             = " + _g(r.aic),
             "HQIC            = " + _g(r.hqic), "SBIC            = " + _g(r.sbic)]
    out = ["", "Vector autoregression", ""]
    if len(sample) >= 51:  # _mvtsheadr: a long sample line stands alone
        out.append(sample)
        left[0] = ""
    out += [lt.ljust(51) + rt for lt, rt in zip(left, right)]
    out.append("")
    title = "Equation           Parms      RMSE     R-sq"
    title += "         F      P > F" if r.small else "      chi2     P>chi2"
    out += [title, "-" * 64]
    for ln in r.lines:
        out.append(abbrev(ln.name, 16).ljust(17) + format_number(ln.parms, "%6.0f") + "    "
                   + format_number(ln.rmse, "%8.7g") + "  " + format_number(ln.r2, "%7.4f") + "  "
                   + format_number(ln.stat, "%9.8g") + "  " + format_number(ln.p, "%7.4f"))
    out.append("-" * 64)
    return "\n".join(out)


def render_var_table(r: VarResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    blocks = [(eq, opts.rows(rows)) for eq, rows in r.blocks]
    return render_coef_table(None, "", stat_label="t" if r.small else "z", level=r.level, linesize=linesize,
                             equations=blocks, legend_eqs=[eq for eq, _ in blocks], **opts.table_kwargs())
