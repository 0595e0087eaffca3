"""stcox, shared(): stcox_fr's display.

The log's three parts (``Fitting comparison Cox model:``, ``Estimating frailty variance:``,
``Fitting final Cox model:``), the title ``Cox regression -- Breslow method for ties`` (Efron),
the header (``Gamma shared frailty`` and ``Group variable: v`` on the left of ``Number of obs`` and
``Number of groups`` at column 49, ``=`` at 67, %10.0fc values ending at 78; ``Obs per group:``
at 49, then min/avg/max (``min = `` at column 63) beside the subjects, failures and time at risk;
the Wald test with ``=`` at 67 and %9.2f ending at 78), the table with a ``+`` rule in place of
its bottom rule, the ``theta`` row (%9.0g theta and its standard error), the bottom rule, the
``LR test of theta=0: chibar2(01) = `` line (``Prob >= chibar2 = `` at column 56, %5.3f) and the
note that the standard errors are conditional on theta.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import name_width
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number
from mlmcli.render.survival import TIES_TITLE, render_cox_table, render_st_show


def _at(text: str, col: int, more: str) -> str:
    """text padded to column col (1-based) then more."""
    return text.ljust(col - 1) + more


def frailty_header(r, fit) -> list[str]:
    sizes = fit.group_sizes
    left = [f"No. of subjects = {format_number(r.n_subjects, '%12.0fc')}",
            f"No. of failures = {format_number(r.n_failures, '%12.0fc')}",
            f"Time at risk    = {format_number(r.time_at_risk, '%12.0g')}"]
    right = [f"min = {format_number(sizes.min(), '%10.0fc')}", f"avg = {format_number(sizes.mean(), '%10.0gc')}",
             f"max = {format_number(sizes.max(), '%10.0fc')}"]
    return [f"Cox regression -- {TIES_TITLE[r.ties]}", "",
            _at(_at("Gamma shared frailty", 49, "Number of obs"), 67, "=" + " " + format_number(r.nobs, "%10.0fc")),
            _at(_at("Group variable: " + abbrev(fit.shared, 12), 49, "Number of groups"), 67,
                "= " + format_number(len(sizes), "%10.0fc")),  # e(N_g)
            _at("", 49, "Obs per group:")] + [_at(a, 63, b) for a, b in zip(left, right)] + [
            "",
            _at(_at("", 49, f"Wald chi2({r.df_m})"), 67, "= " + format_number(r.chi2, "%9.2f")),
            _at(_at("Log likelihood  =   " + format_number(r.loglik, "%10.0g"), 49, "Prob > chi2"), 67,
                "=" + "     " + format_number(r.p, "%6.4f"))]


def frailty_footer(fit, hr: bool, texp: str | None = None, linesize: int = 80) -> list[str]:
    """stcox_fr's footer; after tvc() its note on the tvc equation first (a paragraph of width
    min(linesize, 78), continuation lines indented 6)."""
    import textwrap

    chi = fit.chi2_c
    fmt = "%8.2f" if (0.005 < chi < 1e4) or chi == 0 else "%8.2e"
    stat = format_number(chi, fmt).strip()
    kind = "hazard ratios" if hr else "regression parameters"
    out = [_at("LR test of theta=0: chibar2(01) = " + stat, 56, "Prob >= chibar2 = " + format_number(fit.p_c, "%5.3f")),
           ""]
    if texp:
        out += textwrap.wrap(f"Note: Variables in tvc equation interacted with {texp}.", width=min(linesize, 78),
                             subsequent_indent=" " * 6, break_on_hyphens=False)
    out += [f"Note: Standard errors of {kind} are conditional on theta."]
    if fit.warn_groups:
        out.append("Warning: observations within subject belong to different frailty groups.")
    return out


def render_frailty_log(fit, fr) -> list[str]:
    out = ["", "Fitting comparison Cox model:", ""]
    out += [iteration_line(st.iteration, st.loglik, "log likelihood", st.note) for st in fit.cox.steps]
    out += ["Refining estimates:", iteration_line(0, fit.loglik_c, "log likelihood"), "",
            "Estimating frailty variance:", ""]
    out += [iteration_line(i, ll, "log profile likelihood") for i, ll in enumerate(fr)]
    out += ["", "Fitting final Cox model:", "", iteration_line(0, fit.cox.loglik, "log likelihood")]
    return out


def render_cox_frailty(r, fit, *, history=(), hr: bool = True, nolog: bool = False, noshow: bool = False,
                       noheader: bool = False, linesize: int = 80) -> str:
    out: list[str] = []
    if not noshow:
        out.append(render_st_show(r.description))
    if not nolog and history:
        out += render_frailty_log(fit, history)
    out.append("")
    if not noheader:
        out += frailty_header(r, fit)
        out.append("")
    table = render_cox_table(r, hr=hr, linesize=linesize).split("\n")
    s = name_width([(None, list(r.coefs))], linesize=linesize)
    rest = len(table[-1]) - s - 2
    table[-1] = "-" * (s + 1) + "+" + "-" * rest
    out += table
    out.append("theta".rjust(s) + " |  " + format_number(fit.theta, "%9.0g") + "  "
               + format_number(fit.se_theta, "%9.0g"))
    out.append("-" * (s + 2 + rest))
    out += frailty_footer(fit, hr, r.texp if r.n_tvc else None, linesize)
    return "\n".join(out)
