"""``xtivreg`` output: xtreg's Stata 13 header geometry (``render.panel_regression``) with
xtivreg.ado's titles and lines:

```
(blank)
Fixed-effects (within) IV regression            Number of obs      =     19007
Group variable: idcode                          Number of groups   =      4134
(blank)
R-sq:  within  =      .                         Obs per group: min =         1
       between = 0.1304                                        avg =       4.6
       overall = 0.0897                                        max =        12
(blank)
                                                Wald chi2(4)       = 147926.58
corr(u_i, Xb)  = -0.6843                        Prob > chi2        =    0.0000
(blank)
<coefficient table ending in a +-rule>
     sigma_u |  .70661941
     sigma_e |  .63029359
         rho |  .55690561   (fraction of variance due to u_i)
------------------------------------------------------------------------------
F  test that all u_i=0:     F(4133,14869) =     1.44     Prob > F    = 0.0000
------------------------------------------------------------------------------
Instrumented:   tenure
Instruments:    age c.age#c.age not_smsa union south
------------------------------------------------------------------------------
```
fd: ``Group variable:    idcode`` and ``Time variable:     year`` beside N and the groups;
be: ``sd(u_i + avg(e_i.))= ``, no sigma rows; re: ``corr(u_i, X)   = 0 (assumed)``.
(The Stata 13 ado's own header is not at hand; the xtreg 13 geometry is mlm's choice.)
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import format_number
from mlmcli.render.panel_regression import sigma_rows
from mlmcli.results.panel_iv import XtivregResult

LEFT = 48


def _right(label: str, value: str, value_col: int = 70) -> str:
    return label.ljust(67 - LEFT) + "=" + " " * (value_col - 69) + value


def _line(left: str, right: str) -> str:
    return left.ljust(LEFT) + right


def _sub(label: str, value: str) -> str:
    return " " * 15 + label + " = " + value


def _header(r: XtivregResult) -> list[str]:
    n = _right("Number of obs", format_number(r.nobs, "%9.0f"))
    g = _right("Number of groups", format_number(r.n_groups, "%9.0g"))
    if r.model == "fd":
        out = ["", r.title, _line("Group variable:    " + abbrev(r.ivar, 12), n),
               _line("Time variable:     " + abbrev(r.tvar, 12), g), ""]
    else:
        out = ["", _line(r.title, n), _line("Group variable: " + abbrev(r.ivar, 12), g), ""]
    out += [_line("R-sq:  within  = " + format_number(r.r2_w, "%6.4f"),
                  _right("Obs per group: min", format_number(r.g_min, "%9.0g"))),
            _line("       between = " + format_number(r.r2_b, "%6.4f"), _sub("avg", format_number(r.g_avg, "%9.1f"))),
            _line("       overall = " + format_number(r.r2_o, "%6.4f"), _sub("max", format_number(r.g_max, "%9.0g"))),
            ""]
    prob_label = "Prob > F" if r.test_label.startswith("F(") else "Prob > chi2"
    out.append(_line("", _right(r.test_label, format_number(r.test_value, "%9.2f"))))
    prob = _right(prob_label, format_number(r.test_p, "%6.4f"), value_col=73)
    if r.model in ("fe", "fd"):
        out.append(_line("corr(u_i, Xb)  = " + format_number(r.corr, "%6.4f"), prob))
    elif r.model == "be":
        out.append(_line("sd(u_i + avg(e_i.))= " + format_number(r.rmse, "%9.0g"), prob))
    else:
        out.append(_line("corr(u_i, X)   = 0 (assumed)", prob))
        if r.theta is not None:
            out.append("theta          = " + format_number(r.theta, "%9.0g").strip())
        elif r.theta_quantiles is not None:
            q = r.theta_quantiles
            out += ["", "-" * 19 + " theta " + "-" * 20, "  min      5%       median        95%      max",
                    format_number(q[0], "%6.4f") + format_number(q[1], "%9.4f") + format_number(q[2], "%11.4f")
                    + format_number(q[3], "%11.4f") + format_number(q[4], "%9.4f")]
    out.append("")
    return out


def render_xtivreg(r: XtivregResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    s = opts.width(r.coefs, linesize)
    table = render_coef_table(opts.rows(r.coefs), r.depvar, stat_label=r.stat_label, level=r.level,
                              linesize=linesize, robust=r.robust, cluster=r.cluster, width=s,
                              vce_label=r.vce_label, **opts.table_kwargs()).split("\n")
    total = len(table[-1])
    out = _header(r)
    if r.replications:
        n, var = r.replications
        out.append(f"(Replications based on {n} clusters in {abbrev(var, 12)})".rjust(total))
    if r.model == "be":
        out.extend(table)
    else:
        out.extend(table[:-1])
        out.append("-" * (s + 1) + "+" + "-" * (total - s - 2))
        out += sigma_rows(r, s, opts.typed_cformat)  # xtivreg.ado's DispFE/DispFD/DispRE: s(cformat), else %10.0g
        out.append("-" * total)
        if r.F_f is not None:
            text = f"F  test that all u_i=0:     F({r.df_a},{r.df_rz}) = " + format_number(r.F_f, "%8.2f")
            out.append(text.ljust(58) + "Prob > F    = " + format_number(r.p_f, "%6.4f"))
            if r.lm is not None:
                text = f"LM test that all u_i=0:      Chi2({r.df_a}) = " + format_number(r.lm[0], "%8.2f")
                out.append(text.ljust(58) + "Prob > Chi2 = " + format_number(r.lm[1], "%6.4f"))
            out.append("-" * total)
    right = max(linesize - total, 2)
    out += wrap_paragraph("Instrumented:   " + r.instd, linesize, hanging=16, right=right)
    out += wrap_paragraph("Instruments:    " + r.insts, linesize, hanging=16, right=right)
    out.append("-" * total)
    return "\n".join(out)


def render_re_first_stage(kind: str, depvar: str, nobs: int, stat, rows, level: float, robust: bool,
                          cluster, *, linesize: int = 80) -> str:
    """xtivreg.ado's re first stage: ``First-stage G2SLS regression`` (``EC2SLS  regression``,
    the ado's two spaces), Number of obs (%10.0fc from column 69), ``Wald chi(df)`` (%8.2g from
    column 71) or ``F(df1,df2)`` (%9.2f from 70), the p-value (%6.4f from 73), then the table."""
    label, value, p = stat
    out = ["", f"First-stage {kind} regression",
           " " * 49 + "Number of obs".ljust(17) + "= " + format_number(nobs, "%10.0fc")]
    if label.startswith("F("):
        out += [" " * 49 + label.ljust(17) + "=  " + format_number(value, "%9.2f"),
                # the ado's _col(49) comes after _col(50): no way back, Prob > F stays at 50
                " " * 49 + "Prob > F".ljust(17) + "=" + " " * 5 + format_number(p, "%6.4f"), ""]
    else:
        out += [" " * 49 + label.ljust(17) + "=   " + format_number(value, "%8.2g"),
                " " * 49 + "Prob > chi2".ljust(17) + "=" + " " * 5 + format_number(p, "%6.4f"), ""]
    out.append(render_coef_table(rows, depvar, stat_label="t" if label.startswith("F(") else "z", level=level,
                                 linesize=linesize, robust=robust, cluster=cluster))
    return "\n".join(out)
