"""estat gof's table after sem ([SEM] estat gof): the statistic names in a 20-column field,
the values in %10.3f, a description beside each; one block per class of statistics."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number

WIDTH = 76
NAME = 20

_BLOCKS = {
    "chi2": ("Likelihood ratio", lambda s: [
        (f"chi2_ms({int(s['df_ms'])})", s["chi2_ms"], "model vs. saturated"), ("p > chi2", s["p_ms"], ""),
        (f"chi2_bs({int(s['df_bs'])})", s["chi2_bs"], "baseline vs. saturated"), ("p > chi2", s["p_bs"], "")]),
    "rmsea": ("Population error", lambda s: [
        ("RMSEA", s["rmsea"], "Root mean squared error of approximation"),
        ("90% CI, lower bound", s["lb90_rmsea"], ""), ("upper bound", s["ub90_rmsea"], ""),
        ("pclose", s["pclose"], "Probability RMSEA <= 0.05")]),
    "ic": ("Information criteria", lambda s: [
        ("AIC", s["aic"], "Akaike's information criterion"), ("BIC", s["bic"], "Bayesian information criterion")]),
    "indices": ("Baseline comparison", lambda s: [
        ("CFI", s["cfi"], "Comparative fit index"), ("TLI", s["tli"], "Tucker-Lewis index")]),
    "residuals": ("Size of residuals", lambda s: [
        ("SRMR", s["srmr"], "Standardized root mean squared residual"),
        ("CD", s["cd"], "Coefficient of determination")]),
}
ORDER = ("chi2", "rmsea", "ic", "indices", "residuals")


def render_sem_gof(stats: dict, blocks: tuple[str, ...], describe: bool = True) -> str:
    rule = "-" * (NAME + 1) + "+" + "-" * (WIDTH - NAME - 2)
    out = ["", "-" * WIDTH, "Fit statistic".ljust(NAME) + " |" + "Value".rjust(11) + ("   Description" if describe else "")]
    for key in ORDER:
        if key not in blocks:
            continue
        title, rows = _BLOCKS[key]
        out += [rule, title.ljust(NAME) + " |"]
        for name, value, text in rows(stats):
            line = name.rjust(NAME) + " |" + format_number(value, "%10.3f").rjust(11)
            out.append((line + "   " + text) if describe and text else line)
    out.append("-" * WIDTH)
    return "\n".join(out)
