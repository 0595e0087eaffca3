"""``xtgls``'s header as xtgls.ado's DispRes prints it: the title, Coefficients/Panels/
Correlation (values from column 16; one rho shown as ``(%9.4f)`` trimmed), the Estimated
covariances/autocorrelations/coefficients block (``=`` at 28, %9.0g) beside Number of obs,
Number of groups, Time periods or Obs per group (``=`` at 67), Wald chi2 (``=  `` then %9.2f),
Log likelihood when reported, Prob > chi2; xtgls_footnote's notes under the table."""
from __future__ import annotations

import textwrap

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number


def _pair(left: str, label: str, value: str) -> str:
    return left.ljust(48) + label.ljust(18) + value


def render_fgls(s: dict, m: dict, rows, level: float, p: float, *, linesize: int = 80,
                options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    corr = m["corr"]
    rhos = m.get("rho", "").split()
    if len(rhos) == 1:
        corr += "  (" + format_number(float(rhos[0]), "%9.4f").strip() + ")"
    n9 = lambda v: format_number(v, "%9.0g")
    out = ["", m["title"], "", "Coefficients:  " + m["coefftype"], "Panels:        " + m["vt"],
           "Correlation:   " + corr, "",
           _pair("Estimated covariances".ljust(27) + "= " + n9(s["n_cv"]), "Number of obs", "= " + format_number(s["N"], "%10.0fc")),
           _pair("Estimated autocorrelations".ljust(27) + "= " + n9(s["n_cr"]), "Number of groups",
                 "= " + format_number(s["N_g"], "%10.0fc"))]
    coef = "Estimated coefficients".ljust(27) + "= " + n9(s["n_cf"])
    if s["g_min"] == s["g_max"]:
        out.append(_pair(coef, "Time periods", "=  " + n9(s["N_t"])))
    else:
        out += [coef.ljust(48) + "Obs per group:",
                " " * 62 + "min = " + format_number(s["g_min"], "%10.0fc"),
                " " * 62 + "avg =  " + format_number(s["g_avg"], "%9.0gc"),
                " " * 62 + "max = " + format_number(s["g_max"], "%10.0fc")]
    chi2 = s["chi2"]
    cfmt = "%9.0g" if chi2 == chi2 and chi2 > 999999 else "%9.2f"
    out.append(_pair("", f"Wald chi2({int(s['df'])})", "=  " + format_number(chi2, cfmt)))
    left = "Log likelihood".ljust(27) + "= " + n9(s["ll"]) if "ll" in s else ""
    out += [_pair(left, "Prob > chi2", "= " + format_number(p, "%10.4f")), ""]
    shown = opts.rows(rows)
    table = render_coef_table(shown, m["depvar"], level=level, linesize=linesize,
                              width=opts.width(shown, linesize), **opts.table_kwargs())
    out.append(table)
    table_width = max((len(line) for line in table.splitlines() if line.startswith("---")), default=78)
    # xtgls_footnote.ado (Stata 13.1): the {p 0 6 6} paragraph, then the df note
    if m["vt"].endswith("cross-sectional correlation") and s["N_g"] >= s["N_t"]:
        out += textwrap.wrap("Note: when the number of panels is greater than or equal to the number of periods, "
                             "results are based on a generalized inverse of a singular matrix.",
                             width=table_width - 6, subsequent_indent=" " * 6)
    if s["df_pear"] <= 0:
        out.append("Note: you estimated at least as many quantities as you have observations.")
    return "\n".join(out)
