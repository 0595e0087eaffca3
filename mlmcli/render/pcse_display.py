"""``xtpcse``'s header and table as xtpcse.ado's Display prints them: the title, Group/Time
variable, Panels, Autocorrelation (labels at column 1, values at 19; the right block's labels at
49, ``=`` at 67), the Estimated covariances/autocorrelations/coefficients lines (``=`` at 28,
%9.0g), then the table with the Panel-corrected (Het-/Indep-corrected) heading; with a common
rho a ``rho`` row under a ``+`` rule, with panel-specific rhos a ``rhos =`` line (five shown,
then ``...``)."""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, hline, render_coef_table
from mlmcli.render.numfmt import format_number


def _line(left: str, right_label: str = "", value: str | None = None, col: int = 49) -> str:
    if not right_label:
        return left
    if value is None:
        return left.ljust(col - 1) + right_label
    return left.ljust(col - 1) + right_label.ljust(66 - col + 1) + "= " + value


def render_pcse(r, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    corr = {"ar1": "common AR(1)", "psar1": "panel-specific AR(1)"}.get(r.corr, "no autocorrelation")
    n9 = lambda v: format_number(v, "%9.0g")
    out = ["", r.title, "",
           _line("Group variable:".ljust(18) + r.ivar, "Number of obs", format_number(r.nobs, "%10.0gc")),
           _line("Time variable:".ljust(18) + r.tvar, "Number of groups", format_number(r.n_groups, "%10.0fc")),
           _line("Panels:".ljust(18) + f"{r.panels} ({r.balance})", "Obs per group:"),
           _line("Autocorrelation:".ljust(18) + corr, "min", format_number(r.g_min, "%10.0gc"), col=63)]
    avg_left = ("Sigma computed by".ljust(18) + f"{r.missmeth} selection"
                if r.balance == "unbalanced" and r.panels == "correlated" else "")
    out += [_line(avg_left, "avg", format_number(r.g_avg, "%10.0gc"), col=63),
            _line("", "max", format_number(r.g_max, "%10.0gc"), col=63),
            _line("Estimated covariances".ljust(27) + "= " + n9(r.n_cv), "R-squared", format_number(r.r2, "%10.4f")),
            _line("Estimated autocorrelations".ljust(27) + "= " + n9(r.n_cr), f"Wald chi2({r.df})",
                  format_number(r.chi2, "%10.2f")),
            _line("Estimated coefficients".ljust(27) + "= " + n9(r.n_cf), "Prob > chi2", format_number(r.p, "%10.4f")),
            ""]
    rows = opts.rows(r.rows)
    s = opts.width(rows, linesize)
    common = r.n_cr == 1
    table = render_coef_table(rows, r.depvar, level=r.level, linesize=linesize, vce_label=r.vcetype, width=s,
                              plus=common, **opts.table_kwargs())
    out.append(table)
    if r.n_cr:
        rule = next((ln for ln in table.splitlines() if ln.startswith("-") and "+" in ln), "-" * 13 + "+" + "-" * 64)
        c1 = rule.index("+")
        w = len(rule)
        if common:
            out.append(" " * (c1 - 1 - 3) + "rho |  " + format(format_number(r.rhos[0], "%9.0g"), ">9"))
            out.append("-" * c1 + "+" + "-" * (w - c1 - 1))
        else:
            # xtpcse.ado: more than six rhos show the first five, " ...", then the sixth
            shown = [format(format_number(v, "%9.0g"), ">9") for v in r.rhos[:6]]
            if len(r.rhos) > 6:
                shown.insert(5, "...")
            out.append(" " * (c1 - 1 + 3 - 7) + "rhos = " + " ".join(shown))
            out.append(hline(w))
    return "\n".join(out)
