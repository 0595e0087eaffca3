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
        ("SRMR", s.get("srmr"), "Standardized root mean squared residual"),
        ("CD", s.get("cd"), "Coefficient of determination")]),  # sem, group(): by group only
}
ORDER = ("chi2", "rmsea", "ic", "indices", "residuals")


def render_sem_gof(stats: dict, blocks: tuple[str, ...], describe: bool = True, notes: tuple[str, ...] = ()) -> str:
    """sem_estat_gof's table: 21 columns of names, the values %10.3f, the descriptions unless
    nodescribe (then the table is 34 wide); ``notes`` after it."""
    width = WIDTH if describe else NAME + 14
    rule = "-" * (NAME + 1) + "+" + "-" * (width - NAME - 2)
    out = [""]
    if blocks:
        out += ["-" * width, "Fit statistic".ljust(NAME) + " |" + "Value".rjust(11) + ("   Description" if describe else "")]
    for key in ORDER:
        if key not in blocks:
            continue
        title, rows = _BLOCKS[key]
        out += [rule, title.ljust(NAME) + " |"]
        for name, value, text in rows(stats):
            if value is None:  # SRMR with missing values
                continue
            line = name.rjust(NAME) + " |" + format_number(value, "%10.3f").rjust(11)
            out.append((line + "   " + text) if describe and text else line)
    if blocks:
        out.append("-" * width)
    for note in notes:
        out += _wrap(note, 75 if describe else 33)
    return "\n".join(out)


def _wrap(text: str, width: int) -> list[str]:
    """{p 0 2 2 w}: lines of at most w columns, the later ones indented 2."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = "  " + word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def _at(line: str, col: int, text: str) -> str:
    """``text`` placed at Stata's _col(col) (1-based), padding the line with spaces."""
    return line.ljust(col - 1) + text


def render_sem_eqgof(rows, cd: float, fmt: str = "%9.0g") -> str:
    """sem_estat_eqgof's table: fitted, predicted and residual variances, R-squared, mc and mc2
    of each endogenous variable under its kind (observed, latent), then the overall R-squared."""
    num = lambda x: format_number(x, fmt).strip().rjust(9)  # noqa: E731
    rule = "-" * 13 + "+" + "-" * 33 + "+" + "-" * 30
    out = ["", "Equation-level goodness of fit", "", "-" * 78,
           _at(_at(_at("", 14, "|"), 28, "Variance"), 48, "|"),
           "depvars".rjust(12) + " |    fitted  predicted   residual | R-squared        mc      mc2", rule]
    kind = None
    for name, observed, fitted, predicted, residual, r2, mc, mc2 in rows:
        if ("observed" if observed else "latent") != kind:
            kind = "observed" if observed else "latent"
            out.append(_at(_at(kind, 14, "|"), 48, "|"))
        label = name if len(name) <= 12 else name[:10] + "~" + name[-1]
        line = label.rjust(12) + " |"
        for col, value in ((16, fitted), (27, predicted), (38, residual)):
            line = _at(line, col, num(value))
        line = _at(line, 48, "|")
        for col, value in ((50, r2), (60, mc), (70, mc2)):
            line = _at(line, col, num(value))
        out.append(line)
    out += [rule, _at(_at("overall".rjust(12) + " |", 48, "|"), 50, num(cd)), "-" * 78,
            "mc  = correlation between depvar and its prediction",
            "mc2 = mc^2 is the Bentler-Raykov squared multiple correlation coefficient"]
    return "\n".join(out)


def _matlist_left4_bottom(names_rows, names_cols, values, fmt: str, lower: bool) -> list[str]:
    """``matlist X, left(4) twidth(12) border(bottom) format(fmt)``: the matlist panels,
    indented 4 columns, each closed by a rule."""
    from mlmcli.render.matlist import render_matlist
    from mlmcli.results.postestimation import MatrixDisplay

    text = render_matlist(MatrixDisplay("", "", tuple(names_rows), tuple(names_cols),
                                        tuple(tuple(float(v) for v in row) for row in values), lower, fmt),
                          linesize=76)
    out: list[str] = []
    for panel in text.strip("\n").split("\n\n"):
        lines = panel.split("\n")
        out += [""] + ["    " + line for line in lines] + ["    " + "-" * len(lines[1])]
    return out


def render_sem_residuals(names: tuple[str, ...], blocks, fmt: str = "%9.3f") -> str:
    """sem_estat_residuals: ``  Mean residuals`` (row raw) and ``  Covariance residuals``
    (lower triangle), each by matlist with left(4) twidth(12) border(bottom).  blocks:
    (group header or None, mean residuals, covariance residuals); with group() each group's
    follows its sem_groupheader line (the header, a rule to column 78)."""
    out = ["", "Residuals of observed variables"]
    for header, mean_res, cov_res in blocks:
        if header is not None:
            out += ["", header + "-" * max(78 - len(header), 0)]
        out += ["", "  Mean residuals"]
        out += _matlist_left4_bottom(["raw"], names, [mean_res], fmt, False)
        out += ["", "  Covariance residuals"]
        out += _matlist_left4_bottom(names, names, cov_res, fmt, True)
    return "\n".join(out)
