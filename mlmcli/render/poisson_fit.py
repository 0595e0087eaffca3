"""Text of ``estat gof`` after ``poisson`` in Stata 12/13's layout (poisgof.ado's displays:
labels from column 10, ``=`` at column 35)."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def _prob_line(df: int, p: float) -> str:
    label = f"Prob > chi2({df})"
    return " " * 9 + label.ljust(25) + "=    " + format_number(p, "%6.4f")


def render_poisson_gof(fit) -> str:
    """Both statistics (the default since Stata 12)."""
    return "\n".join([
        "", " " * 9 + "Deviance goodness-of-fit = " + format_number(fit.deviance, "%9.0g"),
        _prob_line(fit.df, fit.p_deviance),
        "", " " * 9 + "Pearson goodness-of-fit  = " + format_number(fit.pearson, "%9.0g"),
        _prob_line(fit.df, fit.p_pearson)])


def render_pearson_only(chi2: float, df: int, p: float) -> str:
    """The undocumented ``pearson`` option: the pre-12 two lines, the Pearson statistic."""
    label = f"Prob > chi2({df})"
    return "\n".join([
        "", " " * 9 + "Goodness-of-fit chi2  = " + format_number(chi2, "%9.0g"),
        " " * 9 + label.ljust(22) + "=    " + format_number(p, "%6.4f")])
