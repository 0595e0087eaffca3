"""``xtologit`` / ``xtoprobit`` as Stata 13 prints them (the layout of a Stata 13 log of
xtologit, docs/xtologit.md):

```
Random-effects ordered logistic regression      Number of obs      =      3842
Group variable: kidid                           Number of groups   =      1921

Random effects u_i ~ Gaussian                   Obs per group: min =         2
                                                               avg =       2.0
                                                               max =         2

Integration method: mvaghermite                 Integration points =        12

                                                Wald chi2(8)       =    257.79
Log likelihood  = -5493.8484                    Prob > chi2        =    0.0000

------------------------------------------------------------------------------
   ypvolfreq | Odds Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
     ...
-------------+----------------------------------------------------------------
       /cut1 |   .5278799   .4269552     1.24   0.216    -.3089368    1.364697
     ...
-------------+----------------------------------------------------------------
   /sigma2_u |   .7727427   .1281506                      .5583067     1.06954
------------------------------------------------------------------------------
LR test vs. ologit regression:   chibar2(01) =    57.48 Prob>=chibar2 = 0.0000
```
The cutpoints are never exponentiated (``or`` changes the slopes only).  The text starts
with Stata's blank line and has no final newline.
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.render.xt_random_intercept import parameter_line, random_effects_header
from mlmcli.results.xt_ordered import OrderedRandomEffectsResult


def lr_line(model: str, chi2: float, p: float) -> str:
    """``LR test vs. ologit regression:`` then ``chibar2(01) =`` from column 34 (the Stata 13
    log's three spaces after ``ologit regression:``), %8.2f (%8.2e when tiny or huge) and
    ``Prob>=chibar2 =`` %6.4f."""
    stat = format_number(chi2, "%8.2e" if chi2 >= 1e5 or 0 < chi2 <= 0.005 else "%8.2f")
    return (f"LR test vs. {model} regression:".ljust(33) + f"chibar2(01) = {stat} Prob>=chibar2 = "
            + format_number(p, "%6.4f"))


def render_xt_ordered(r: OrderedRandomEffectsResult, *, linesize: int = 80, options=None) -> str:
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions()
    out = random_effects_header(r, r.title, ivar_width=12)
    fixed = opts.rows(r.fixed)
    s = opts.width(tuple(fixed) + tuple(r.cuts), linesize)
    kw = opts.table_kwargs()
    table = render_coef_table(fixed, r.depvar, level=r.level, linesize=linesize, width=s, robust=r.robust,
                              cluster=r.cluster, coef_label=r.eform or "Coef.", eform=bool(r.eform),
                              **kw).split("\n")
    total = len(table[-1])
    mid = "-" * (s + 1) + "+" + "-" * (total - s - 2)
    if opts.coeflegend:  # each row's _b[] name in place of the statistics
        legend = [c.name.rjust(s) + " |" + format_number(c.coef, "%9.0g").rjust(11) + f"  _b[{c.name[1:]}:_cons]"
                  for c in r.cuts]
        sig = r.sigma2_u
        legend_sig = sig.label.rjust(s) + " |" + format_number(sig.estimate, "%9.0g").rjust(11) + "  _b[sigma2_u:_cons]"
        return "\n".join(out + table[:-1] + [mid] + legend + [mid, legend_sig, "-" * total])
    cut_kw = {k: v for k, v in kw.items() if k != "mode"}
    cut_table = render_coef_table(r.cuts, r.depvar, level=r.level, linesize=linesize, width=s,
                                  **cut_kw).split("\n")
    body = [ln for ln in cut_table[3:-1] if ln.strip(" |")]  # the rows only (no rules, no blank row)
    out += table[:-1] + [mid] + body + [mid, parameter_line(r.sigma2_u, s, opts.cformat), "-" * total]
    if r.lr_model:
        out.append(lr_line(r.lr_model, r.lr_chi2, r.lr_p))
    return "\n".join(out)
