"""``ivreg2`` as ivreg2.ado's DispMain prints it (version 4, Stata 11.2+ syntax, Stata 13's
coefficient table).

Title and a rule of its length; after LIML ``k =`` and ``lambda =`` (%7.5f); a blank line, the
efficiency subtitle and the VCE subtitle, a blank line; the statistics block with labels at
column 55 (``Number of obs = `` %8.0f, ``F(df1,df2) = `` %8.2f, SS at %12.0g, R2 %8.4f, root MSE
%8.4g) and, under cluster(), ``Number of clusters (v) = `` %6.0f at column 33.  The table shows
``Robust`` but no cluster-adjustment note (ivreg2 clears e(clustvar) to display it).  The footer:
each test's label with its value at column 71 (%8.3f) and ``Chi-sq(df) P-val =`` at 52 with the
p-value at 73 (%6.4f); Stock-Yogo's rows at 42/73; 78-wide rules; the variable lists wrap at
column 23 within 80 columns (Disp).
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.ivreg2_layout import col as _col
from mlmcli.render.ivreg2_layout import kernel_lines
from mlmcli.render.ivreg2_layout import whole as _int
from mlmcli.render.numfmt import format_number as num
from mlmcli.results.ivreg2 import IVReg2Result

RULE = "-" * 78


def _header(r: IVReg2Result) -> list[str]:
    s = r.stats
    out = ["", r.title, "-" * len(r.title)]
    if r.model in ("liml", "kclass"):
        out.append("k               =" + num(s["kclass"], "%7.5f"))
    if r.model == "liml":
        out.append("lambda          =" + num(s["lambda"], "%7.5f"))
    out += ["", r.subtitle_b, r.subtitle_v] + kernel_lines(r) + [""]
    first = ""
    if r.cluster is not None:
        first = _col(f"Number of clusters ({r.cluster[1]}) = ", 33) + num(r.cluster[0], "%6.0f")
    out.append(_col(first, 55) + "Number of obs = " + num(s["N"], "%8.0f"))
    F = s["F"]
    ftext = num(F, "%8.2f") if not (F == F) or F < 99999 else num(F, "%8.2e")
    second = ""
    if r.cluster2 is not None:
        second = _col(f"Number of clusters ({r.cluster2[1]}) = ", 33) + num(r.cluster2[0], "%6.0f")
    out.append(_col(second, 55) + "F(" + num(s["Fdf1"], "%3.0f") + "," + num(s["Fdf2"], "%6.0f") + ") = " + ftext)
    out.append(_col("", 55) + "Prob > F      = " + num(s["Fp"], "%8.4f"))
    for label, value, rlabel, rvalue, rfmt in (
            ("Total (centered) SS     = ", s["yyc"], "Centered R2   = ", s["r2c"], "%8.4f"),
            ("Total (uncentered) SS   = ", s["yy"], "Uncentered R2 = ", s["r2u"], "%8.4f"),
            ("Residual SS             = ", s["rss"], "Root MSE      = ", s["rmse"], "%8.4g")):
        out.append(_col(label + num(value, "%12.0g"), 55) + rlabel + num(rvalue, rfmt))
    out.append("")
    return out


def _panel_header(panel) -> list[str]:
    """xtivreg2's block: the title and its rule, the number of groups and the group sizes."""
    title, n_g, g_min, g_avg, g_max = panel
    return ["", title, "-" * len(title),
            _col("Number of groups = " + num(n_g, "%9.0g"), 49) + "Obs per group: min = " + num(g_min, "%9.0g"),
            _col("", 64) + "avg = " + num(g_avg, "%9.1f"), _col("", 64) + "max = " + num(g_max, "%9.0g")]


def _test(label: str, value: float, df: float, p: float, vcol: int = 71, vfmt: str = "%8.3f") -> list[str]:
    return [_col(label, vcol) + num(value, vfmt),
            _col(_col("", 52) + "Chi-sq(" + _int(df) + ") P-val =  ", 73) + num(p, "%6.4f")]


def _footer(r: IVReg2Result) -> list[str]:
    s = r.stats
    out: list[str] = []
    if r.instd and "idstat" in s:
        name = "Kleibergen-Paap rk LM statistic" if r.nonhomoskedastic else "Anderson canon. corr. LM statistic"
        out += _test(f"Underidentification test ({name}):", s["idstat"], s["iddf"], s["idp"]) + [RULE]
        out.append(_col("Weak identification test (Cragg-Donald Wald F statistic):", 71) + num(s["cdf"], "%8.3f"))
        if r.nonhomoskedastic:
            out.append(_col("                         (Kleibergen-Paap rk Wald F statistic):", 71)
                       + num(s["widstat"], "%8.3f"))
        lead = "Stock-Yogo weak ID test critical values:"
        if not r.critical:
            out.append(_col(lead, 64) + "<not available>")
        else:
            for i, (label, value) in enumerate(r.critical):
                out.append(_col(_col(lead if i == 0 else "", 42) + label, 73) + num(value, "%6.2f"))
            out.append("Source: Stock-Yogo (2005).  Reproduced by permission.")
            if r.nonhomoskedastic:
                out.append("NB: Critical values are for Cragg-Donald F statistic and i.i.d. errors.")
        out.append(RULE)
    if s["j"] != s["j"]:  # DispMain's rank(S) warning in place of the overidentification test
        out += ["Warning: estimated covariance matrix of moment conditions not of full rank.",
                "         overidentification statistic not reported, and standard errors and",
                "         model tests should be interpreted with caution.", "Possible causes:"]
        if r.cluster:
            out.append("         number of clusters insufficient to calculate robust covariance matrix")
        out += ["         singleton dummy variable (dummy with one 1 and N-1 0s or vice versa)",
                "partial option may address problem."]
        return out + _endog_block(r) + [RULE]
    name = "Hansen J statistic" if r.robust else "Sargan statistic"
    what = "overidentification test of all instruments" if r.instd else "Lagrange multiplier test of excluded instruments"
    label = f"{name} ({what}):"
    if s["jdf"]:
        out += _test(label, s["j"], s["jdf"], s["jp"])
    else:
        out += [_col(label, 71) + num(s["j"], "%8.3f"), _col("", 50) + "(equation exactly identified)"]
    out += _orthog_block(r) + _endog_block(r)
    out.append(RULE)
    if r.model == "liml" and not r.nonhomoskedastic:
        what = "overidentification test of all instruments" if r.instd else "LR test of excluded instruments"
        label = f"Anderson-Rubin statistic ({what}):"
        if s["arubindf"]:
            out += _test(label, s["arubin"], s["arubindf"], s["arubinp"], vcol=72, vfmt="%7.3f")
        else:
            out += [_col(label, 72) + num(s["arubin"], "%7.3f"), _col("", 50) + "(equation exactly identified)"]
        out.append(RULE)
    return out


def _orthog_block(r: IVReg2Result) -> list[str]:
    """DispMain's -orthog- lines: the reduced equation's statistic (J - C), then C."""
    s = r.stats
    if not r.orthog_tested or s["cstat"] != s["cstat"]:
        return []
    if s["cstat"] <= 0:
        return ["", "Collinearity/identification problems in eqn. excl. suspect orthog. conditions:",
                "  C statistic not calculated for -orthog- option"]
    label = ("Hansen J statistic (eqn. excluding suspect orthog. conditions): " if r.robust
             else "Sargan statistic (eqn. excluding suspect orthogonality conditions):")
    jr, dfr, pr = r.orthog_reduced
    return (["-orthog- option:"] + _test(label, jr, dfr, pr)
            + _test("C statistic (exogeneity/orthogonality of suspect instruments): ", s["cstat"], s["cstatdf"],
                    s["cstatp"])
            + varlist_lines("Instruments tested:", r.orthog_tested))


def _endog_block(r: IVReg2Result) -> list[str]:
    if not r.endog_tested:
        return []
    s = r.stats
    return (["-endog- option:"] + _test("Endogeneity test of endogenous regressors: ", s["estat"], s["estatdf"], s["estatp"])
            + varlist_lines("Regressors tested:", r.endog_tested))


def varlist_lines(label: str, names, column: int = 23, linesize: int = 80) -> list[str]:
    """ivreg2's Disp: names after ``label`` from ``column``, a new line when the running length
    (each name plus a space) would pass 80 - column."""
    maxlen, length, lines, cur = linesize - column, 0, [], None
    for name in names:
        if cur is not None and length + len(name) > maxlen:
            lines.append(cur)
            cur, length = None, len(name)
        else:
            length += len(name) + 1
        cur = _col(label if not lines and cur is None else "", column) + name if cur is None else cur + " " + name
    lines.append(cur if cur is not None else label)
    return lines


def render_ivreg2(r: IVReg2Result, *, linesize: int = 80, table=None, header: bool = True,
                  footer: bool = True, first: bool = False, ffirst: bool = False) -> str:
    """``first``/``ffirst``: show the first-stage blocks (stored with the fit), or ivreg2's
    message that they are missing."""
    kwargs = table.table_kwargs() if table is not None else {}
    rows = table.rows(r.coefs) if table is not None else r.coefs
    out = _panel_header(r.panel) if r.panel and header else []
    if first and r.instd:
        if r.first_tables:
            from mlmcli.render.ivreg2_first import render_first_tables

            out += render_first_tables(r, linesize)
        else:
            out += ["", "Unable to display first-stage estimates; macro e(first) is missing"]
    if (first or ffirst) and r.instd:
        if r.first is not None:
            from mlmcli.render.ivreg2_first import render_ffirst

            out += render_ffirst(r)
        else:
            out += ["", "Unable to display summary of first-stage estimates; macro e(first) is missing"]
    out += _header(r) if header else []
    out.append(render_coef_table(rows, r.depvar, stat_label="t" if r.small else "z", level=r.level,
                                 linesize=linesize, robust=r.robust, **kwargs))
    if footer:
        if not (r.model == "ols" and not r.stats.get("j")):
            out += _footer(r)
        for label, names in (("Instrumented:", r.instd), ("Included instruments:", r.inexog),
                             ("Excluded instruments:", r.exexog)):
            if names:
                out += varlist_lines(label, names)
        if r.partialled:
            out += varlist_lines("Partialled-out:", r.partialled)
            out += [" " * 22 + "nb: total SS, model F and R2s are after partialling-out;",
                    " " * 22 + "    any small-sample adjustments include partialled-out",
                    " " * 22 + "    variables in regressor count K"]
        out.append(RULE)
        if r.absorbed:  # ivreghdfe.ado: reghdfe_footnote after the rule
            from mlmcli.render.hdfe_regression import absorbed_footnote

            out += absorbed_footnote(r.absorbed)
    return "\n".join(out)
