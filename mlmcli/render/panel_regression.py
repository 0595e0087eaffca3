"""``xtreg`` output as Stata 13 prints it (xtreg_fe_13.ado / xtreg_re / xtreg_be / the
``ml`` header of xtreg, mle; published Stata 13 logs, e.g. the [XT] manual's nlswork
examples as stata.com showed them):

```
(blank)
Fixed-effects (within) regression               Number of obs      =     28091
Group variable: idcode                          Number of groups   =      4697
(blank)
R-sq:  within  = 0.1727                         Obs per group: min =         1
       between = 0.3505                                        avg =       6.0
       overall = 0.2625                                        max =        15
(blank)
                                                F(8,23386)         =    610.12
corr(u_i, Xb)  = 0.1936                         Prob > F           =    0.0000
(blank)
<coefficient table ending in a +-rule>
     sigma_u |  .35562203
     sigma_e |  .29068923
         rho |  .59946283   (fraction of variance due to u_i)
------------------------------------------------------------------------------
F test that all u_i=0:     F(4696, 23386) =     6.65         Prob > F = 0.0000
```
Right block: labels at column 49, ``=`` at 68, values (%9.0f N, %9.0g counts, %9.1f
average size, %9.2f test statistic) ending at column 78, p-values %6.4f from column 73.
sigma_u/sigma_e/rho are %10.0g after ``" | "``.  xtreg, mle prints the ml header
(``Random effects u_i ~ Gaussian``, ``Log likelihood  = ...``), ``/sigma_u``,
``/sigma_e`` and ``rho`` rows with standard errors and confidence intervals, and the
likelihood-ratio test of sigma_u = 0.
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, ancillary_line, name_width, offset_row, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.panel import XtregResult

LEFT = 48  # the right block starts at column 49


def _right(label: str, value: str, value_col: int = 70) -> str:
    """``label`` at col 49, ``=`` at 68, ``value`` from ``value_col``."""
    return label.ljust(67 - LEFT) + "=" + " " * (value_col - 69) + value


def _line(left: str, right: str) -> str:
    return left.ljust(LEFT) + right if left else " " * LEFT + right


def _sub(label: str, value: str) -> str:
    """``avg``/``max`` under ``Obs per group: min``: label at column 64."""
    return " " * 15 + label + " = " + value


def _r2_block(r: XtregResult) -> list[str]:
    return [
        _line("R-sq:  within  = " + format_number(r.r2_w, "%6.4f"),
              _right("Obs per group: min", format_number(r.g_min, "%9.0g"))),
        _line("       between = " + format_number(r.r2_b, "%6.4f"), _sub("avg", format_number(r.g_avg, "%9.1f"))),
        _line("       overall = " + format_number(r.r2_o, "%6.4f"), _sub("max", format_number(r.g_max, "%9.0g"))),
    ]


def _header(r: XtregResult) -> list[str]:
    out = ["", _line(r.title, _right("Number of obs", format_number(r.nobs, "%9.0f"))),
           _line("Group variable: " + _abbrev12(r.ivar), _right("Number of groups", format_number(r.n_groups, "%9.0g"))),
           ""]
    test = _right(r.test_label, format_number(r.test_value, "%9.2f"))
    prob_label = "Prob > F" if r.test_label.startswith("F(") else "Prob > chi2"
    prob = _right(prob_label, format_number(r.test_p, "%6.4f"), value_col=73)
    if r.model == "ml":
        out.append(_line("Random effects u_i ~ Gaussian", _right("Obs per group: min", format_number(r.g_min, "%9.0g"))))
        out.append(_line("", _sub("avg", format_number(r.g_avg, "%9.1f"))))
        out.append(_line("", _sub("max", format_number(r.g_max, "%9.0g"))))
        out.append("")
        out.append(_line("", test))
        label = "Log pseudolikelihood = " if r.pseudo else "Log likelihood  = "
        out.append(_line(label + format_number(r.ll, "%10.0g"), prob))
        out.append("")
        return out
    out.extend(_r2_block(r))
    out.append("")
    out.append(_line("", test))
    if r.model == "fe":
        out.append(_line("corr(u_i, Xb)  = " + format_number(r.corr, "%6.4f"), prob))
        out.append("")
    elif r.model == "be":
        out.append(_line("sd(u_i + avg(e_i.))= " + format_number(r.rmse, "%9.0g"), prob))
        out.append("")
    else:
        out.append(_line("corr(u_i, X)   = 0 (assumed)", prob))
        out.extend(_theta_lines(r))
        out.append("")
    return out


def _theta_lines(r: XtregResult) -> list[str]:
    if r.theta is not None:
        return ["theta          = " + format_number(r.theta, "%9.0g").strip()]
    if r.theta_quantiles is not None:
        q = r.theta_quantiles
        return ["", "-" * 19 + " theta " + "-" * 20, "  min      5%       median        95%      max",
                format_number(q[0], "%6.4f") + format_number(q[1], "%9.4f") + format_number(q[2], "%11.4f")
                + format_number(q[3], "%11.4f") + format_number(q[4], "%9.4f")]
    return []


def _abbrev12(name: str) -> str:
    from mlmcli.render.abbrev import abbrev

    return abbrev(name, 12)


def sigma_rows(r, s: int, cformat: str | None = None) -> list[str]:
    """sigma_u, sigma_e, rho of ``r`` (xtreg fe/re, xtivreg fe/fd/re): each in ``cformat`` (the
    cformat() typed: the ados' s(cformat)) right-aligned in 10 columns, else %10.0g."""
    def row(label, value, tail=""):
        return label.rjust(s) + " | " + format_number(value, cformat or "%10.0g").rjust(10) + tail

    return [row("sigma_u", r.sigma_u), row("sigma_e", r.sigma_e),
            row("rho", r.rho, "   (fraction of variance due to u_i)")]


def _ancillary_rows(r: XtregResult, s: int, cformat: str | None = None) -> list[str]:
    return [ancillary_line(a, s, cformat) for a in r.ancillary]


def render_xtreg(r: XtregResult, *, linesize: int = 80, theta: bool = False, baselevels: bool = False,
                 cformat: str | None = None, sformat: str | None = None, pformat: str | None = None,
                 options: TableOptions | None = None) -> str:
    """The text ``xtreg`` prints (leading blank line, no final newline); ``options``: the
    display options (in place of ``baselevels`` and the formats; fe's and re's sigma_u, sigma_e
    and rho lines take its ``typed_cformat``, as xtreg_re.ado/xtreg_fe.ado's s(cformat), else
    %10.0g)."""
    if not theta:
        r = _without_theta(r)
    out = _header(r)
    opts = options or TableOptions(baselevels=baselevels, cformat=cformat, sformat=sformat, pformat=pformat)
    s = opts.width(r.coefs, linesize)
    table = render_coef_table(opts.rows(r.coefs), r.depvar, stat_label=r.stat_label, level=r.level,
                              linesize=linesize, robust=r.robust, cluster=r.cluster, width=s,
                              vce_label=r.vce_label, **opts.table_kwargs()).split("\n")
    if r.replications:
        n, var = r.replications
        out.append(f"(Replications based on {n} clusters in {_abbrev12(var)})".rjust(len(table[-1])))
    total = len(table[-1])
    mid = "-" * (s + 1) + "+" + "-" * (total - s - 2)
    if r.model == "be":
        out.extend(table)
        return "\n".join(out)
    out.extend(table[:-1])
    out.append(mid)
    if r.model == "ml":  # coeflegend: /sigma_u |  value  _b[sigma_u:_cons], rho its value alone
        out.extend(_legend_rows(r.ancillary, s) if opts.coeflegend else _ancillary_rows(r, s, opts.cformat))
        out.append("-" * total)  # xtreg_ml.ado's Display: DispTbl, then DispLR, legend or not
        if r.chibar2 is not None:
            out.append(lr_sigma_u_note(r.chibar2, r.chibar2_p))
        return "\n".join(out)
    out.extend(sigma_rows(r, s, opts.typed_cformat))
    out.append("-" * total)
    if r.F_f is not None:
        text = (f"F test that all u_i=0:     F({r.df_a}, {r.df_r}) = " + format_number(r.F_f, "%8.2f"))
        out.append(text.ljust(61) + "Prob > F = " + format_number(r.p_f, "%6.4f"))
    return "\n".join(out)


def chibar2_format(chibar2: float) -> str:
    """The sigma_u LR notes' format: %8.2f between .005 and 1e4 (and at 0 itself), else %8.2e."""
    return "%8.2f" if (0.005 < chibar2 < 1e4) or chibar2 == 0 else "%8.2e"


def lr_sigma_u_note(chibar2: float, p: float) -> str:
    """Stata 11-13's note: ``Likelihood-ratio test of sigma_u=0: chibar2(01)= 7339.84 Prob>=chibar2 = 0.000``."""
    return ("Likelihood-ratio test of sigma_u=0: chibar2(01)=" + format_number(chibar2, chibar2_format(chibar2))
            + " Prob>=chibar2 = " + format_number(p, "%5.3f"))


def _without_theta(r: XtregResult) -> XtregResult:
    from dataclasses import replace

    return replace(r, theta=None, theta_quantiles=None)


def render_ml_log(logs: dict) -> str:
    """xtreg, mle's iteration log: the constant-only model's, then the full model's (only the
    full model's when xtreg_ml.ado skips the constant-only fit)."""
    from mlmcli.render.iteration_log import iteration_line

    out: list[str] = []
    if logs.get("constant"):
        out += ["", "Fitting constant-only model:"]
        out += [iteration_line(i, ll, "log likelihood", note) for i, (ll, note) in enumerate(logs["constant"])]
        out += ["", "Fitting full model:"]
    else:  # skip (from(), noconstant, no regressors): ml's log alone, after its blank line
        out.append("")
    out += [iteration_line(i, ll, "log likelihood", note) for i, (ll, note) in enumerate(logs.get("full", ()))]
    return "\n".join(out)


def render_areg(r, *, linesize: int = 80, table: TableOptions = TableOptions()) -> str:
    """``areg`` as Stata 13 prints it (published Stata 13 logs):

    ```
    (blank)
    Linear regression, absorbing indicators           Number of obs   =        162
                                                      F(   4,    104) =       6.54
                                                      Prob > F        =     0.0001
                                                      R-squared       =     0.9276
                                                      Adj R-squared   =     0.8879
                                                      Root MSE        =     0.4977
    (blank)
    <coefficient table ending in a +-rule>
           fcode |        F(53, 104) =     24.661   0.000          (54 categories)
    ```"""
    def right(label, value):
        return " " * 50 + label.ljust(16) + "=" + value

    f_label = f"F({format_number(r.df_m, '%4.0f')},{format_number(r.df_r, '%7.0f')})"
    out = ["", "Linear regression, absorbing indicators".ljust(50) + "Number of obs".ljust(16) + "="
           + format_number(r.nobs, "%11.0g"),
           right(f_label, format_number(r.F, "%11.2f")), right("Prob > F", format_number(r.p, "%11.4f")),
           right("R-squared", format_number(r.r2, "%11.4f")), right("Adj R-squared", format_number(r.r2_a, "%11.4f")),
           right("Root MSE", format_number(r.rmse, "%11.4f")), ""]
    s = table.width(r.coefs, linesize)
    lines = render_coef_table(table.rows(r.coefs), r.depvar, stat_label="t", level=r.level, linesize=linesize,
                              robust=r.robust, cluster=r.cluster, width=s, **table.table_kwargs()).split("\n")
    total = len(lines[-1])
    out.extend(lines[:-1])
    out.append("-" * (s + 1) + "+" + "-" * (total - s - 2))
    name = _abbrev12(r.absvar).rjust(s) + " |"
    cats = f"({r.categories} categories)"
    if r.F_absorb is not None:
        ftext = f"F({r.df_a}, {r.df_r}) ="
        out.append(name + ftext.rjust(20) + format_number(r.F_absorb, "%11.3f") + format_number(r.p_absorb, "%8.3f")
                   + cats.rjust(25))
    else:
        out.append(name + "   absorbed" + cats.rjust(total - len(name) - 11))
    out.append("-" * total)
    return "\n".join(out)


def render_ml_model(r, *, linesize: int = 80, table: TableOptions = TableOptions()) -> str:
    """The header and table of a maximum-likelihood model (``MLHeaderResult``):

    ```
    Conditional (fixed-effects) logistic regression   Number of obs   =        880
                                                      LR chi2(4)      =      49.11
                                                      Prob > chi2     =     0.0000
    Log likelihood = -125.67347                       Pseudo R2       =     0.1635
    ```
    or, with a group variable, the xt form of ``xtreg, mle`` (Number of groups, Obs per
    group, ``Log likelihood  =``).  Under vce(bootstrap|jackknife): ``Replications`` after
    Number of obs, ``(Replications based on G clusters in var)`` over the table, its
    Bootstrap/Jackknife heading (jackknife: F(df_m, df_r), ``Prob > F``, t statistics)."""
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    if r.ivar is None:
        def right(label, value):
            return label.ljust(16) + "=" + value

        reps = [] if r.n_reps is None else [" " * 50 + right("Replications", format_number(r.n_reps, "%11.0g"))]
        prob = "Prob > F" if r.test_label.startswith("F(") else "Prob > chi2"
        out = ["", r.title.ljust(50) + right("Number of obs", format_number(r.nobs, "%11.0g")), *reps,
               " " * 50 + right(r.test_label, format_number(r.test_value, "%11.2f")),
               " " * 50 + right(prob, format_number(r.test_p, "%11.4f")),
               (f"{crit} = " + format_number(r.ll, "%10.0g").strip()).ljust(50)
               + right("Pseudo R2", format_number(r.pseudo_r2, "%11.4f")), ""]
    else:
        out = ["", _line(r.title, _right("Number of obs", format_number(r.nobs, "%9.0f"))),
               _line("Group variable: " + _abbrev12(r.ivar),
                     _right("Number of groups", format_number(r.n_groups, "%9.0g"))), "",
               _line("", _right("Obs per group: min", format_number(r.g_min, "%9.0g"))),
               _line("", _sub("avg", format_number(r.g_avg, "%9.1f"))),
               _line("", _sub("max", format_number(r.g_max, "%9.0g"))), "",
               _line("", _right(r.test_label, format_number(r.test_value, "%9.2f"))),
               _line((f"{crit}  = " if not r.pseudo else f"{crit} = ") + format_number(r.ll, "%10.0g"),
                     _right("Prob > F" if r.test_label.startswith("F(") else "Prob > chi2",
                            format_number(r.test_p, "%6.4f"), value_col=73)), ""]
    width = table.width(r.coefs, linesize)
    text = render_coef_table(table.rows(r.coefs), r.depvar, stat_label="t" if r.t_stats else "z", level=r.level,
                             linesize=linesize, robust=r.robust, cluster=r.cluster, coef_label=r.eform or "Coef.",
                             eform=bool(r.eform), width=width, vce_label=r.vce_label, **table.table_kwargs())
    if r.replications:  # the prefix's clusters, right-aligned over the table
        n, var = r.replications
        text = (f"(Replications based on {n} clusters in {_abbrev12(var)})".rjust(len(text.split(chr(10))[-1]))
                + "\n" + text)
    if r.offset_label:  # glm's ``<var> | 1  (offset)`` row above the bottom rule
        lines = text.split("\n")
        from mlmcli.render.abbrev import abbrev

        lines.insert(len(lines) - 1, offset_row(r.offset_label, width))
        text = "\n".join(lines)
    out += [f" ({i:2d})  {c}" for i, c in enumerate(r.constraint_labels, start=1)]  # _coef_table's cns report
    out.append(text)
    return "\n".join(out)


def _left(label: str, value: str) -> str:
    return label + value.rjust(42 - len(label))


def render_gee(r, *, linesize: int = 80, table: TableOptions = TableOptions()) -> str:
    """``xtgee`` (and the ``pa`` models of xtreg, xtlogit, xtpoisson) as Stata 13 prints it:

    ```
    (blank)
    GEE population-averaged model                   Number of obs      =      4000
    Group variable:                         id      Number of groups   =       500
    Link:                                logit      Obs per group: min =         8
    Family:                           binomial                     avg =       8.0
    Correlation:                  exchangeable                     max =         8
                                                    Wald chi2(2)       =     86.17
    Scale parameter:                         1      Prob > chi2        =    0.0000
    (blank)
                                      (Std. Err. adjusted for clustering on id)
    <coefficient table; vce(robust): Semirobust over Std. Err.>
    ```
    Left values end at column 42; the right block is xtreg's (labels at 49, values to 78);
    ``table``: the display options.  vce(bootstrap|jackknife): ``(Replications based on G
    clusters in id)`` over the table and its Bootstrap/Jackknife heading; jackknife's
    F(df_m, df_r) and ``Prob > F`` in the Wald test's place, t statistics."""
    scale = format_number(r.scale, "%9.0g").strip()
    out = ["", _line("GEE population-averaged model", _right("Number of obs", format_number(r.nobs, "%9.0f"))),
           _line(_left("Group variable:", _abbrev12(r.ivar)),
                 _right("Number of groups", format_number(r.n_groups, "%9.0g"))),
           _line(_left("Link:", r.link), _right("Obs per group: min", format_number(r.g_min, "%9.0g"))),
           _line(_left("Family:", r.family), _sub("avg", format_number(r.g_avg, "%9.1f"))),
           _line(_left("Correlation:", r.correlation), _sub("max", format_number(r.g_max, "%9.0g"))),
           _line("", _right(f"Wald chi2({r.df_m})", format_number(r.chi2, "%9.2f")) if r.df_r is None else
                 _right(f"F({format_number(r.df_m, '%4.0f')},{format_number(r.df_r, '%7.0f')})",
                        format_number(r.chi2, "%9.2f"))),
           _line(_left("Scale parameter:", scale), _right("Prob > chi2" if r.df_r is None else "Prob > F",
                                                          format_number(r.p, "%6.4f"), value_col=73))]
    if r.fit_statistics is not None:  # geerpt: under corr(independent) the Pearson and deviance lines
        df, pearson, deviance, pearson_d, deviance_d = r.fit_statistics
        fmt = "%10.0g" if deviance > 999999 else "%10.2f"
        out += ["", _line(f"Pearson chi2({format_number(df, '%9.0g').strip()}):".ljust(32)
                          + format_number(pearson, fmt).rjust(10),
                          _right("Deviance", format_number(deviance, fmt).rjust(10), value_col=69)),
                _line("Dispersion (Pearson):".ljust(33) + format_number(pearson_d, "%9.0g").rjust(9),
                      _right("Dispersion", format_number(deviance_d, "%9.0g").rjust(9)))]
    out.append("")
    s = table.width(r.coefs, linesize)
    text = render_coef_table(table.rows(r.coefs), r.depvar, stat_label="z" if r.df_r is None else "t",
                             level=r.level, linesize=linesize, width=s,
                             vce_label=r.vce_label or ("Semirobust" if r.robust else None), coef_label=r.eform or "Coef.",
                             eform=bool(r.eform), **table.table_kwargs())
    if r.offset_name:  # _coef_table's row for e(offset)
        lines = text.split("\n")
        kind = "(exposure)" if r.offset_name.startswith("ln(") else "(offset)"
        lines.insert(len(lines) - 1, offset_row(r.offset_name, s, kind))
        text = "\n".join(lines)
    total = len(text.split("\n")[-1])
    if r.replications:
        out.append(f"(Replications based on {r.replications[0]} clusters in {_abbrev12(r.replications[1])})"
                   .rjust(total))
    elif r.robust:
        out.append(f"(Std. Err. adjusted for clustering on {r.ivar})".rjust(total))
    out.append(text)
    if r.scale_note:
        out.append(r.scale_note)
    return "\n".join(out)


def bootstrap_dots(marks: list, command: str, reps: int, show: bool = True,
                   title: str = "Bootstrap", every: int = 1, stopped: bool = False) -> str:
    """``(running xtreg on estimation sample)`` and Stata's replication dots: ``.`` per
    replicate (``x`` failed; a mark given as text -- ``e``, ``n`` -- as it is), 50 a line,
    each line ending in the running count.  ``every`` (dots(#)): the mark of every #-th
    replicate only, the count still that of the replicates.  ``show`` False (nodots): nothing,
    as bootstrap.ado and jackknife.ado call ``_prefix_note cmd, nodots``, which then exits.
    ``stopped``: the loop stopped on an error after ``marks``: an unfinished line has no count."""
    if not show:
        return ""
    out = [f"(running {command} on estimation sample)", ""]
    out += [f"{title} replications ({reps})", "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 "]
    shown = [(j + 1, "." if ok is True else "x" if ok is False else str(ok))
             for j, ok in enumerate(marks) if (j + 1) % max(every, 1) == 0]
    for start in range(0, len(shown), 50):
        chunk = shown[start:start + 50]
        if stopped and len(chunk) < 50:
            out.append("".join(mark for _, mark in chunk))
            break
        out.append("".join(mark for _, mark in chunk).ljust(50) + f"{chunk[-1][0]:6d}")
    return "\n".join(out)


def _legend_rows(rows, s: int) -> list[str]:
    """coeflegend's ancillary rows: ``/ln_r |  value  _b[ln_r:_cons]``; r and s (transformed,
    no ``_b[]`` name) their value alone."""
    return [a.label.rjust(s) + " |" + format_number(a.estimate, "%9.0g").rjust(11)
            + (f"  _b[{a.label[1:]}:_cons]" if a.label.startswith("/") else "") for a in rows]


def render_xtnbreg_re(r, *, linesize: int = 80, table_options: TableOptions = TableOptions()) -> str:
    """``xtnbreg, re`` (``NegativeBinomialREResult``): xtreg, mle's header with ``Random
    effects u_i ~ Beta``, the table, /ln_r and /ln_s, r and s, and

    ``LR test vs. pooled: chibar2(01) =   171.80                Prob >= chibar2 = 0.000``.

    Under vce(bootstrap|jackknife) (``vce_label``): the heading over Std. Err., ``(Replications
    based on G clusters in var)`` over the table, jackknife's ``F(...)``/``Prob > F`` and t."""
    from types import SimpleNamespace

    out = ["", _line(r.title, _right("Number of obs", format_number(r.nobs, "%9.0f"))),
           _line("Group variable: " + _abbrev12(r.ivar), _right("Number of groups", format_number(r.n_groups, "%9.0g"))),
           "", _line("Random effects u_i ~ Beta", _right("Obs per group: min", format_number(r.g_min, "%9.0g"))),
           _line("", _sub("avg", format_number(r.g_avg, "%9.1f"))),
           _line("", _sub("max", format_number(r.g_max, "%9.0g"))), "",
           _line("", _right(r.test_label, format_number(r.test_value, "%9.2f"))),
           _line("Log likelihood  = " + format_number(r.ll, "%10.0g"),
                 _right("Prob > F" if r.test_label.startswith("F(") else "Prob > chi2",
                        format_number(r.test_p, "%6.4f"), value_col=73)), ""]
    opts = table_options
    s = opts.width(r.coefs, linesize)
    table = render_coef_table(opts.rows(r.coefs), r.depvar, stat_label="t" if r.t_stats else "z", level=r.level,
                              linesize=linesize, width=s, coef_label=r.eform or "Coef.", eform=bool(r.eform),
                              vce_label=r.vce_label, **opts.table_kwargs()).split("\n")
    total = len(table[-1])
    if r.replications:  # the prefix's clusters, right-aligned over the table
        n, var = r.replications
        out.append(f"(Replications based on {n} clusters in {_abbrev12(var)})".rjust(total))
    mid = "-" * (s + 1) + "+" + "-" * (total - s - 2)
    if opts.coeflegend:  # the legend in place of the statistics, no test below it
        return "\n".join(out + table[:-1] + [mid] + _legend_rows(r.ln_params, s) + [mid]
                         + _legend_rows(r.params, s) + ["-" * total])
    out += table[:-1] + [mid] + _ancillary_rows(SimpleNamespace(ancillary=r.ln_params), s, opts.cformat) + [mid]
    out += _ancillary_rows(SimpleNamespace(ancillary=r.params), s, opts.cformat) + ["-" * total]
    out.append(("LR test vs. pooled: chibar2(01) = " + format_number(r.chibar2, "%8.2f")).ljust(56)
               + "Prob >= chibar2 = " + format_number(r.chibar2_p, "%5.3f"))
    return "\n".join(out)
