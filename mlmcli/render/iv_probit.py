"""``ivprobit`` and ``ivtobit`` as Stata 13 prints them (ivprobit.ado 1.6, ivprobit_footnote.ado, ivreg_footnote.ado).

ML: the exogenous probit's and the full model's logs ("Fitting exogenous probit model", no
colon), _coef_table_header (labels at column 49, ``=`` at 68), ``ml display`` of the structural
equation with ``/athrho``, ``/lnsigma``, ``rho``, ``sigma``; then ``Instrumented:``,
``Instruments:``, a 78-wide rule and ``Wald test of exogeneity (/athrho = 0): chi2(1) = %8.2f``
with ``Prob > chi2 =`` at column 59.  Two-step: TSDisplay's header (labels at 51, values
``%9.0f``/``%9.2f``/``%9.4f`` from column 69), the table, the same footnote with ``Wald test of
exogeneity:`` and ``chi2(k)`` at column 30.
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, hline
from mlmcli.render.glm_table import fit_log_lines, likelihood
from mlmcli.render.instrumental import render_ivregress_footnote
from mlmcli.render.numfmt import format_number
from mlmcli.render.selection import render_table
from mlmcli.results.iv_probit import IVProbitResult
from mlmcli.results.selection import HeckmanResult


def _ml_header(r: IVProbitResult) -> list[str]:
    right = lambda left, label, value: left.ljust(48) + label.ljust(19) + "=" + value  # noqa: E731
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return [right(r.title, "Number of obs", " " + format_number(r.nobs, "%9.0g")),
            right("", f"Wald chi2({r.df_m})", " " + format_number(r.chi2, "%9.2f")),
            right(f"{crit} = " + format_number(r.loglik, "%9.0g"), "Prob > chi2", "    " + format_number(r.p, "%6.4f"))]


def _two_step_header(r: IVProbitResult) -> list[str]:
    return [r.title.ljust(50) + "Number of obs   = " + format_number(r.nobs, "%9.0f"),
            " " * 50 + f"Wald chi2({r.df_m})".ljust(16) + "= " + format_number(r.chi2, "%9.2f"),
            " " * 50 + "Prob > chi2     = " + format_number(r.p, "%9.4f")]


def _exogeneity(r: IVProbitResult) -> str:
    chi2, df, p = r.exogeneity
    if r.method == "ml":
        head = f"Wald test of exogeneity ({r.exogeneity_label} = 0): chi2({df}) = " + format_number(chi2, "%8.2f")
    else:
        head = "Wald test of exogeneity: ".ljust(29) + f"chi2({df}) = " + format_number(chi2, "%8.2f")
    return head.ljust(58) + "Prob > chi2 = " + format_number(p, "%6.4f")


def render_ivprobit(r: IVProbitResult, *, linesize: int = 80, log: bool = True,
                    options: TableOptions | None = None) -> str:
    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)
    header = _ml_header(r) if r.method == "ml" else _two_step_header(r)
    table = render_table(HeckmanResult(title=r.title, depvar="", nobs=r.nobs, n_censored=0.0, chi2=r.chi2,
                                       df_m=r.df_m, p=r.p, equations=((None, r.rows),), level=r.level,
                                       pseudo=r.pseudo, cluster=r.cluster, ancillary=r.ancillary,
                                       natural=r.natural), linesize=linesize, options=options)
    out += [""] + header + ["", table]
    out += render_ivregress_footnote(r.instd, r.insts, linesize)
    out += [hline(len(table.split("\n")[-1])), _exogeneity(r)]
    if r.censoring is not None:
        out += [""] + _observation_summary(r.censoring)
    return "\n".join(out)


def _observation_summary(censoring) -> list[str]:
    """ivtobit_footnote's censobs_table (Stata 13's wording, as intreg's summary; the limits
    appended as "at y<=ll" -- a decision without a published Stata 13 log)."""
    dep, n_lc, n_unc, n_rc, ll, ul = censoring
    num = lambda v: format_number(v, "%9.0g")  # noqa: E731
    noun = lambda v: "observation" if v == 1 else "observations"  # noqa: E731
    return ["  Observation summary: " + num(n_lc) + "  left-censored " + noun(n_lc) + (f" at {dep}<={ll}" if ll else ""),
            " " * 22 + num(n_unc) + "     uncensored " + noun(n_unc),
            " " * 22 + num(n_rc) + " right-censored " + noun(n_rc) + (f" at {dep}>={ul}" if ul else "")]
