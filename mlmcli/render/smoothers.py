"""Text of ``tssmooth ma`` and ``tssmooth exponential`` (tssmooth.ado 1.5.5, _ts_exp.ado 1.1.13)."""
from __future__ import annotations

from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import fmt


def ma_label(terms: list[str], total: str) -> tuple[str, str]:
    """(the smoother's formula, as shown): over 80 characters the shown one is cut at the last
    space within the first 80 and ends in `` ...`` (the published 7-term weights() log)."""
    full = f"(1/{total})*[{' + '.join(terms)}]"
    if len(full) <= 80:
        return full, full
    return full, full[:80].rsplit(" ", 1)[0].rstrip() + " ..."


def render_ma(text: str, linesize: int) -> str:
    """``The smoother applied was`` and the formula as SMCL ``{p 5 5 5}``."""
    return "\n".join(["The smoother applied was"] + wrap_paragraph(text, linesize, first=5, hanging=5, right=5))


def render_exponential(fit, optimal: bool, double: bool = False) -> str:
    """_ts_exp.ado's and _ts_dexp.ado's lines (the double one has no blank before "computing")."""
    if double and optimal:
        return "\n".join(["computing optimal double-exponential coefficient (0,1)", "",
                          "optimal double-exponential coefficient =  " + fmt(fit.alpha, "%12.4f"),
                          "sum-of-squared residuals               =  " + fmt(fit.rss, "%12.8g"),
                          "root mean squared error                =  " + fmt(fit.rmse, "%12.8g")])
    if double:
        return "\n".join(["", "double-exponential coefficient  = " + fmt(fit.alpha, "%12.4f"),
                          "sum-of-squared residuals        = " + fmt(fit.rss, "%12.5g"),
                          "root mean squared error         = " + fmt(fit.rmse, "%12.5g")])
    if optimal:
        return "\n".join(["", "computing optimal exponential  coefficient (0,1)", "",
                          "optimal exponential coefficient =  " + fmt(fit.alpha, "%12.4f"),
                          "sum-of-squared residuals        =  " + fmt(fit.rss, "%12.8g"),
                          "root mean squared error         =  " + fmt(fit.rmse, "%12.8g")])
    return "\n".join(["", "exponential coefficient  = " + fmt(fit.alpha, "%12.4f"),
                      "sum-of-squared residuals = " + fmt(fit.rss, "%12.5g"),
                      "root mean squared error  = " + fmt(fit.rmse, "%12.5g")])


def render_holt_winters(fit) -> str:
    """_ts_hw.ado's "Specified weights:" block (%-9.7g left-aligned; trailing blanks dropped)."""
    return "\n".join(["", "Specified weights:",
                      " " * 19 + "alpha = " + fmt(fit.alpha, "%5.4f"),
                      " " * 20 + "beta = " + fmt(fit.beta, "%5.4f"),
                      ("sum-of-squared residuals = " + fmt(fit.rss, "%-9.7g")).rstrip(),
                      (" root mean squared error = " + fmt(fit.rmse, "%-9.7g")).rstrip()])


def render_seasonal_holt_winters(fit, residuals) -> str:
    """_ts_hwsa.ado's and _ts_hwsm.ado's "Specified weights:" block."""
    _, rss, rmse = residuals
    return "\n".join(["", "Specified weights:",
                      " " * 19 + "alpha = " + fmt(fit.alpha, "%5.4f"),
                      " " * 20 + "beta = " + fmt(fit.beta, "%5.4f"),
                      " " * 19 + "gamma = " + fmt(fit.gamma, "%5.4f"),
                      ("sum-of-squared residuals = " + fmt(rss, "%-9.7g")).rstrip(),
                      (" root mean squared error = " + fmt(rmse, "%-9.7g")).rstrip()])


def render_optimal_seasonal_weights(optimum, additive: bool) -> str:
    """The "Optimal weights:" block of _ts_hwsa.ado / _ts_hwsm.ado (their rmse lines differ)."""
    rmse = (" root mean squared error = " if additive else "root mean squared error  = ")
    return "\n".join(["computing optimal weights", "", "Optimal weights:",
                      " " * 29 + "alpha = " + fmt(optimum.alpha, "%5.4f"),
                      " " * 30 + "beta = " + fmt(optimum.beta, "%5.4f"),
                      " " * 29 + "gamma = " + fmt(optimum.gamma, "%5.4f"),
                      ("penalized sum-of-squared residuals = " + fmt(optimum.prss, "%-9.7g")).rstrip(),
                      (" " * 10 + "sum-of-squared residuals = " + fmt(optimum.rss, "%-9.7g")).rstrip(),
                      (" " * 10 + rmse + fmt(optimum.rmse, "%-9.7g")).rstrip()])
