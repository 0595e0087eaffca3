"""``xttobit`` as Stata 13 prints it:

```
Random-effects tobit regression                 Number of obs      =      1000
Group variable: id                              Number of groups   =       200

Random effects u_i ~ Gaussian                   Obs per group: min =         5
                                                               avg =       5.0
                                                               max =         5

Integration method: mvaghermite                 Integration points =        12

                                                Wald chi2(2)       =    508.73
Log likelihood  = -1555.6402                    Prob > chi2        =    0.0000

------------------------------------------------------------------------------
           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
           x |   .9905263    .045209    21.91   0.000     .9019184    1.079134
       _cons |   .4847155   .0844071     5.74   0.000     .3192787    .6501523
-------------+----------------------------------------------------------------
    /sigma_u |   .9459461   .0626093    15.11   0.000     .8232345    1.068658
    /sigma_e |   1.006713   .0281441    35.77   0.000     .9515517    1.061874
         rho |   .4688968    .039062                      .3933738    .5455594
------------------------------------------------------------------------------
Likelihood-ratio test of sigma_u=0: chibar2(01)=  247.03 Prob>=chibar2 = 0.000

  Observation summary:       301  left-censored observations
                             699     uncensored observations
                               0 right-censored observations
```
(the LR line only with option ``tobit``).  As xttobit.ado (DispLR), _crcphdr.ado and
censobs_table.ado print it: rho is a ``diparm`` row directly under the ancillary /sigma_u
and /sigma_e (no separator: xttobit's e(diparm) has no ``__sep__``), its limits computed
on the probit scale (``ci(probit)``); the LR statistic is %8.2f between .005 and 1e4 (and
at 0), %8.2e otherwise; a count of 1 says "observation".  The text starts with Stata's
blank line and has no final newline.
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.render.panel_regression import lr_sigma_u_note
from mlmcli.render.xt_random_intercept import parameter_line, random_effects_header
from mlmcli.results.xttobit import RandomEffectsTobitResult


def render_xttobit(r: RandomEffectsTobitResult, *, linesize: int = 80, options=None) -> str:
    """The header, table, LR line and observation summary; ``options`` (``TableOptions``): the
    display options DispTbl hands _coef_table (coeflegend: /sigma_u and /sigma_e as
    ``_b[sigma_u:_cons]``, rho its value alone; noomitted, vsquish, formats ...).  DispLR runs
    after the table whatever the options, so the LR line and the summary stay."""
    from mlmcli.render.coef_table import TableOptions, hline
    from mlmcli.render.glm_table import ancillary_legend

    opts = options or TableOptions()
    num = format_number
    out = random_effects_header(r, r.title, ivar_width=14)
    fixed = opts.rows(r.fixed)
    s = opts.width(list(fixed) + list(r.sigmas), linesize)
    if opts.coeflegend:
        table = render_coef_table(fixed, r.depvar, level=r.level, linesize=linesize, width=s,
                                  **opts.table_kwargs()).split("\n")
        bottom = table.pop()
        mid = hline(s + 1) + "+" + hline(len(bottom) - s - 2)
        table += [mid] + [ancillary_legend(row, s, opts.cformat) for row in r.sigmas]
        rho = r.rho.label.rjust(s) + " |" + num(r.rho.estimate, opts.cformat or "%9.0g").rjust(11)
        out += table + [rho, bottom]
    else:
        table = render_coef_table(None, r.depvar, level=r.level, linesize=linesize, width=s,
                                  equations=[(None, fixed), (None, r.sigmas)], **opts.table_kwargs()).split("\n")
        out += table[:-1] + [parameter_line(r.rho, s, opts.cformat), table[-1]]
    if r.lr_chi2 == r.lr_chi2:  # xttobit.ado's DispLR: xtreg, mle's note
        out.append(lr_sigma_u_note(r.lr_chi2, r.lr_p))
    left, unc, right = r.counts[:3]

    def noun(count: int) -> str:
        return "observation" if count == 1 else "observations"
    out += ["", "  Observation summary: " + num(left, "%9.0g") + "  left-censored " + noun(left),
            " " * 22 + num(unc, "%9.0g") + "     uncensored " + noun(unc),
            " " * 22 + num(right, "%9.0g") + " right-censored " + noun(right)]
    if len(r.counts) > 3:  # xtintreg's fourth line (mlm's layout: the three lines' columns)
        out.append(" " * 22 + num(r.counts[3], "%9.0g") + "       interval " + noun(r.counts[3]))
    return "\n".join(out)
