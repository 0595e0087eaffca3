"""Stata 17's meta meregress output as pure layout: the title and N, the grouping table (as
mixed prints it), the Wald test and the log (restricted) likelihood, the coefficient table (given,
rendered by coef_table), the test of homogeneity and the random-effects parameters (sd or var of
each level's intercept with its standard error and interval, computed by the command)."""
from __future__ import annotations

import math
from mlmcli.results.meta import MultilevelTable


def _num(x: float, fmt: str) -> str:
    """A number in a Python format (``>10.2f``) or a Stata one (``%10.0g``); missing as Stata's dot."""
    if fmt.startswith("%"):
        from mlmcli.render.numfmt import format_number
        return format_number(x, fmt)
    return f"{'.':>{fmt[1:].split('.')[0] or 1}}" if x is None or not math.isfinite(x) else format(x, fmt)


def render_multilevel(t: MultilevelTable) -> str:
    out = []
    if t.show_header:
        out.append(f"{t.title:<48}Number of obs     = {t.N:>10,}")
        if t.show_groups:
            out += ["", "-" * 61, "                |     No. of       Observations per group",
                    " Group variable |     groups    Minimum    Average    Maximum",
                    "----------------+--------------------------------------------"]
            for name, g, lo, mean, hi in t.groups:
                out.append(f"{name[:15]:>15} | {g:10,} {lo:10,} {mean:10.1f} {hi:10,}")
            out.append("-" * 61)
        llname = "Log restricted-likelihood" if t.reml else "Log likelihood"
        out += ["", f"{'':48}{f'Wald chi2({t.df_m})':<18}= {_num(t.chi2, '>10.2f')}",
                f"{llname + ' = ' + format(t.ll, '.4f'):<48}{'Prob > chi2':<18}= {_num(t.p, '>10.4f')}"]
    out += [t.coefficients,
            f"Test of homogeneity: Q_M = chi2({t.Q_df}) = {t.Q:.2f}".ljust(49) + f"Prob > Q_M = {t.Q_p:.4f}", ""]
    lev = f"{t.level:g}"
    out += ["-" * 78,
            f"  Random-effects parameters  |   Estimate   Std. err.     [{lev}% conf. interval]",
            "-" * 29 + "+" + "-" * 48]
    for name, label, est, est_se, lo, hi in t.parameters:
        out.append(f"{name + ': Identity':<29}|")
        out.append(f"{label:>28} | {_num(est, '%10.0g')} {_num(est_se, '%10.0g')}     {_num(lo, '%10.0g')} "
                   f"{_num(hi, '%10.0g')}")
    out.append("-" * 78)
    return "\n".join(out)


def render_multilevel_heterogeneity(levels, I2, total_I2: float, H2: float) -> str:
    out = ["Method: Higgins-Thompson", "", "-" * 32, f"{'Level':>15} |      I2 (%)", "-" * 16 + "+" + "-" * 15]
    for name, value in zip(levels, I2):
        out.append(f"{name[:15]:>15} | {value:11.2f}")
    out += ["-" * 16 + "+" + "-" * 15, f"{'Total':>15} | {total_I2:11.2f}", "-" * 32, "",
            f"H2 = {H2:.2f}"]
    return "\n".join(out)
