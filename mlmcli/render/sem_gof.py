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


def render_sem_eqgof(rows, cd: float) -> str:
    """estat eqgof's table: the variances, R-squared, mc and mc2 of each endogenous variable,
    observed ones first, then latent ones, and the overall R-squared (CD)."""
    num = lambda x: format_number(x, "%9.0g").rjust(10)  # noqa: E731
    rule = "-" * 13 + "+" + "-" * 31 + "+" + "-" * 32
    out = ["", "Equation-level goodness of fit", "", "-" * 78,
           " " * 13 + "|" + "Variance".center(31) + "|",
           "     depvars |    fitted  predicted   residual | R-squared         mc       mc2", rule]
    for observed in (True, False):
        block = [r for r in rows if r[1] == observed]
        if not block:
            continue
        if observed is False:
            out.append(rule)
        out.append(("observed" if observed else "latent").ljust(13) + "|" + " " * 31 + "|")
        for name, _, fitted, predicted, residual, r2, mc, mc2 in block:
            label = name if len(name) <= 12 else name[:10] + "~" + name[-1]
            out.append(label.rjust(12) + " |" + num(fitted) + " " + num(predicted) + num(residual)
                       + " |" + num(r2) + " " + num(mc) + num(mc2))
    out += [rule, "     overall |" + " " * 31 + "|" + num(cd), "-" * 78,
            "mc  = correlation between depvar and its prediction",
            "mc2 = mc^2 is the Bentler-Raykov squared multiple correlation coefficient"]
    return "\n".join(out)


def _panels(names, width: int = 5):
    return [names[k:k + width] for k in range(0, len(names), width)]


def render_sem_residuals(names: tuple[str, ...], mean_res, cov_res, fmt: str = "%9.3f") -> str:
    """estat residuals' mean and covariance residual tables, five variables per panel."""
    label = lambda name: (name if len(name) <= 12 else name[:10] + "~" + name[-1]).rjust(12)  # noqa: E731
    out = ["", "Residuals of observed variables"]
    for title, rows in (("Mean residuals", None), ("Covariance residuals", True)):
        out += ["", title]
        for k, cols in enumerate(_panels(list(range(len(names))))):
            out += ([""] if k else []) + ["-" * 78, " " * 12 + " |" + "".join(label(names[c])[-10:].rjust(11) for c in cols),
                    "-" * 13 + "+" + "-" * 64]
            if rows is None:
                out.append("raw".rjust(12) + " |" + "".join(format_number(mean_res[c], fmt).rjust(11) for c in cols))
            else:
                for r in range(cols[0], len(names)):
                    cells = [format_number(cov_res[r, c], fmt).rjust(11) for c in cols if c <= r]
                    out.append(label(names[r]) + " |" + "".join(cells))
            out.append("-" * 78)
    return "\n".join(out)
