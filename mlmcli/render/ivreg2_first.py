"""ivreg2's ``ffirst`` block (DispFFirst): the first-stage summary table (F, SW chi2 and SW F
per endogenous regressor at columns 14/18/28/37/42/51/60/65), Stock-Yogo's values for one
endogenous regressor (labels at 36, values at 67), the underidentification and weak
identification tests, the weak-instrument-robust tests (values at 49, ``P-val=`` at 61) and the
counts (%10.0f after ``= `` at 43)."""
from __future__ import annotations

from mlmcli.render.ivreg2_layout import col as _col
from mlmcli.render.ivreg2_layout import kernel_lines
from mlmcli.render.ivreg2_layout import whole as _int
from mlmcli.render.numfmt import format_number as num
from mlmcli.results.ivreg2 import IVReg2Result


def _cdsy(rows, lead: str = "") -> list[str]:
    if not rows:
        return [_col(lead, 64) + "<not available>"]
    return [_col(_col("", 36) + label, 67) + num(v, "%6.2f") for label, v in rows]


def render_first_tables(r: IVReg2Result, linesize: int = 80) -> list[str]:
    """DispFirst: each first-stage regression as DispSFirst replays it, then its F tests."""
    out = ["", "First-stage regressions", "-" * 23, ""]
    for (name, rows), row in zip(r.first_tables, r.first["rows"]):
        out += render_first_stage(r, name, rows, linesize)
        out += ["F test of excluded instruments:",
                "  F(" + num(row["df"], "%3.0f") + "," + num(row["df_r"], "%6.0f") + ") = " + num(row["F"], "%8.2f"),
                "  Prob > F      = " + num(row["pvalue"], "%8.4f"),
                "Sanderson-Windmeijer multivariate F test of excluded instruments:",
                "  F(" + num(row["SWFdf1"], "%3.0f") + "," + num(row["SWFdf2"], "%6.0f") + ") = "
                + num(row["SWF"], "%8.2f"),
                "  Prob > F      = " + num(row["SWFp"], "%8.4f"), ""]
    return out


def render_first_stage(r, name: str, rows, linesize: int = 80) -> list[str]:
    """DispSFirst of one first-stage regression: its heading, the VCE subtitle, N, the kernel and
    the clusters of the main fit, the coefficient table (t statistics).  ``r``: the main fit's
    IVReg2Result or a stored IVReg2FirstStage (the same fields)."""
    from mlmcli.render.coef_table import render_coef_table

    out = ["", f"First-stage regression of {name}:", "", r.subtitle_v,
           _col("Number of obs = ", 31) + num(r.stats["N"], "%8.0f")] + kernel_lines(r)
    for cl in (r.cluster, r.cluster2):
        if cl:
            out.append(_col(f"Number of clusters ({cl[1]}) = ", 33) + num(cl[0], "%6.0f"))
    out.append(render_coef_table(rows, name, stat_label="t", level=r.level, linesize=linesize, robust=r.robust))
    return out


def render_ffirst(r: IVReg2Result) -> list[str]:
    f, s = r.first, r.stats
    row0 = f["rows"][0]
    if r.cluster:
        rtype = "cluster-robust"
    elif r.kernel is not None:
        rtype = "heteroskedasticity and autocorrelation-robust" if r.robust else "autocorrelation-robust"
    else:
        rtype = "heteroskedasticity-robust" if r.robust else ""
    out = ["", "", "Summary results for first-stage regressions", "-" * 43, "",
           _col(_col("", 44) + "(Underid)", 65) + "(Weak id)",
           "Variable     | F(" + num(row0["df"], "%3.0f") + "," + num(row0["df_r"], "%6.0f") + ")  P-val | SW Chi-sq("
           + num(row0["SWFdf1"], "%3.0f") + ") P-val | SW F(" + num(row0["SWFdf1"], "%3.0f") + ","
           + num(row0["SWFdf2"], "%6.0f") + ")"]
    for name, row in zip(r.instd, f["rows"]):
        line = _col(f"{name[:12]:<12}", 14) + "|"
        line = _col(_col(line, 18) + num(row["F"], "%8.2f"), 28) + num(row["pvalue"], "%8.4f")
        line = _col(_col(_col(line, 37) + "|", 42) + num(row["SWchi2"], "%8.2f"), 51) + num(row["SWchi2p"], "%8.4f")
        out.append(_col(_col(line, 60) + "|", 65) + num(row["SWF"], "%8.2f"))
    out.append("")
    if rtype:
        out += [f"NB: first-stage test statistics {rtype}", ""]
    out.append("Stock-Yogo weak ID F test critical values for single endogenous regressor:")
    out += _cdsy(r.critical_single)
    if r.critical_single:
        out.append("Source: Stock-Yogo (2005).  Reproduced by permission.")
        out.append("NB: Critical values are for Sanderson-Windmeijer F statistic." if r.model == "iv" and not r.nonhomoskedastic
                   else "NB: Critical values are for i.i.d. errors only.")
        out.append("")
    name = "Kleibergen-Paap rk LM statistic" if r.nonhomoskedastic else "Anderson canon. corr. LM statistic"
    out += ["Underidentification test",
            "Ho: matrix of reduced form coefficients has rank=K1-1 (underidentified)",
            "Ha: matrix has rank=K1 (identified)",
            _col(_col(name, 42) + "Chi-sq(" + _int(s["iddf"]) + ")=" + f"{num(s['idstat'], '%7.2f').strip():<7}", 61)
            + "P-val=" + num(s["idp"], "%6.4f"), "",
            "Weak identification test", "Ho: equation is weakly identified",
            _col("Cragg-Donald Wald F statistic", 65) + num(s["cdf"], "%8.2f")]
    if r.nonhomoskedastic:
        out.append(_col("Kleibergen-Paap Wald rk F statistic", 65) + num(s["widstat"], "%8.2f"))
    out += ["", f"Stock-Yogo weak ID test critical values for K1={len(r.instd)} and L1={len(r.exexog)}:"]
    out += _cdsy(r.critical)
    if r.critical:
        out.append("Source: Stock-Yogo (2005).  Reproduced by permission.")
        if r.nonhomoskedastic:
            out.append("NB: Critical values are for Cragg-Donald F statistic and i.i.d. errors.")
    out += ["", "Weak-instrument-robust inference",
            "Tests of joint significance of endogenous regressors B1 in main equation",
            "Ho: B1=0 and orthogonality conditions are valid"]
    for label, df_text, value, p in (
            ("Anderson-Rubin Wald test", f"F({_int(f['ardf'])},{_int(f['ardf_r'])})=", f["arf"], f["arfp"]),
            ("Anderson-Rubin Wald test", f"Chi-sq({_int(f['ardf'])})=", f["archi2"], f["archi2p"]),
            ("Stock-Wright LM S statistic", f"Chi-sq({_int(f['sstatdf'])})=", f["sstat"], f["sstatp"])):
        out.append(_col(_col(_col(label, 36) + df_text, 49) + num(value, "%7.2f"), 61) + "P-val=" + num(p, "%6.4f"))
    out.append("")
    if rtype:
        out += ["NB: Underidentification, weak identification and weak-identification-robust",
                f"    test statistics {rtype}", ""]
    if r.cluster2:
        out += ["Number of clusters (1)         N_clust1 = " + num(r.cluster[0], "%10.0f"),
                "Number of clusters (2)         N_clust2 = " + num(r.cluster2[0], "%10.0f")]
    elif r.cluster:
        out.append("Number of clusters             N_clust  = " + num(r.cluster[0], "%10.0f"))
    for label, value in (("Number of observations               N  = ", s["N"]),
                         ("Number of regressors                 K  = ", s["rankxx"]),
                         ("Number of endogenous regressors      K1 = ", s["endog_ct"]),
                         ("Number of instruments                L  = ", s["rankzz"]),
                         ("Number of excluded instruments       L1 = ", f["ardf"])):
        out.append(label + num(value, "%10.0f"))
    return out
