"""``ivreg`` (Stata's pre-10 instrumental-variables command, ivreg.ado 5.x, still run by Stata
13): its table is the one ``_regress`` prints for the old ``regress y x (z)`` syntax -- regress's
header with the title "Instrumental variables (2SLS) regression" (above the ANOVA block with a
blank line, or in place of "Linear regression" beside the right block of a robust fit) -- and
then ``ivreg_footnote``'s Instrumented:/Instruments: lines, as after ivregress.  The placement of
the title over the ANOVA block follows regress's robust layout and is unverified against a
Stata 13 log (docs/ivreg.md)."""
from __future__ import annotations

from mlmcli.render.instrumental import render_ivregress_footnote
from mlmcli.render.regress_table import render_regress
from mlmcli.results.instrumental import IVRegressResult
from mlmcli.results.regress import RegressResult


def _as_regress(r: IVRegressResult) -> RegressResult:
    df_m, df_r = int(r.df_m), int(r.df_r)
    total = r.mss + r.rss
    ms = lambda ss, df: ss / df if df else float("nan")  # noqa: E731
    vce = "cluster" if r.cluster else ("robust" if r.vcetype else "ols")
    return RegressResult(
        depvar=r.depvar, nobs=int(r.nobs), ss_model=r.mss, ss_resid=r.rss, ss_total=total, df_model=df_m,
        df_resid=df_r, df_total=df_m + df_r, ms_model=ms(r.mss, df_m), ms_resid=ms(r.rss, df_r),
        ms_total=ms(total, df_m + df_r), F=r.model_stat, p_F=r.p, r2=r.r2, r2_a=r.r2_a, rmse=r.rmse,
        coefs=r.coefs, level=r.level, vce=vce, cluster_var=r.cluster[1] if r.cluster else None,
        n_clusters=r.cluster[0] if r.cluster else None, title=r.title)


def render_ivreg(r: IVRegressResult, *, linesize: int = 80, table=None) -> str:
    rr = _as_regress(r)
    text = render_regress(rr, linesize=linesize, options=table)
    lines = text.split("\n")
    if r.vcetype is None:  # the title over the ANOVA block
        lines[1:1] = [r.title, ""]
    return "\n".join(lines + render_ivregress_footnote(r.instd, r.insts, linesize))
