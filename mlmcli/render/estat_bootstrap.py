"""``estat bootstrap``'s table ([R] bootstrap postestimation): the header (e(title), Number of
obs, Replications; Number of strata and the clusters' line when the bootstrap had them), then
per coefficient the observed value, bias and bootstrap standard error with the first interval
asked for, and one line more for each further interval, each tagged (N) (P) (BC) (BCa); the
legend names the intervals shown.  Columns (ends): name 12 + `` |``, Observed %10.0g at 26,
Bias %9.0g at 37, Std. Err. %9.0g at 50, the interval's ends %9.0g at 61 and 72, the tag
right-aligned at 78.  Laid out after the manual's example; see docs/bootstrap_options.md."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number
from mlmcli.results.bootstrap import BootstrapStatistics
from mlmcli.syntax.coefnames import is_base_or_omitted

TAGS = {"normal": "(N)", "percentile": "(P)", "bc": "(BC)", "bca": "(BCa)"}
LEGEND = {"normal": "normal confidence interval", "percentile": "percentile confidence interval",
          "bc": "bias-corrected confidence interval", "bca": "bias-corrected and accelerated confidence interval"}


@dataclass(frozen=True)
class EstatBootstrapTable:
    stats: BootstrapStatistics
    colnames: tuple  # e(b)'s columns, ``name`` or ``eq:name``
    intervals: tuple  # of "normal" "percentile" "bc" "bca", in the order shown
    title: str
    depvar: str
    n_obs: float
    n_strata: float | None = None
    n_clusters: float | None = None
    clustvar: str = ""
    header: bool = True
    legend: bool = True


def _abbrev(name: str, width: int = 12) -> str:
    return name if len(name) <= width else name[:width - 2] + "~" + name[-1]


def _right(left: str, label: str, value) -> str:
    return left.ljust(48) + label.ljust(19) + "=" + format_number(value, "%10.0g").rjust(10)


def render_estat_bootstrap(table: EstatBootstrapTable) -> str:
    s = table.stats
    out: list[str] = []
    if table.header:
        out += ["", _right(table.title, "Number of obs", table.n_obs)]
        if table.n_strata is not None:
            out.append(_right("", "Number of strata", table.n_strata))
        out.append(_right("", "Replications", s.n_reps))
    out.append("")
    if table.n_clusters is not None and table.clustvar:
        out.append(f"(Replications based on {int(table.n_clusters)} clusters in {table.clustvar})".rjust(78))
    rule = "-" * 78
    level = level_text(s.level)
    out += [rule, f"{'':13}|    Observed" + s.vcetype.rjust(24),
            f"{_abbrev(table.depvar or ''):>12} |       Coef.       Bias    Std. Err."
            + f"[{level}% Conf. Interval]".rjust(22),
            "-" * 13 + "+" + "-" * 64]
    intervals = {"normal": s.ci_normal, "percentile": s.ci_percentile, "bc": s.ci_bc, "bca": s.ci_bca}
    split = [c.split(":", 1) if ":" in c else ["", c] for c in table.colnames]
    several = len(dict.fromkeys(eq for eq, _ in split)) > 1
    with np.errstate(invalid="ignore"):
        se = np.sqrt(np.diag(s.V))  # e(V)'s: the replicates' sd, about e(b) with mse (Bstrap *)
    shown = [j for j, (_, name) in enumerate(split) if not is_base_or_omitted(name)]  # as the tables without baselevels
    current = None
    for j, (eq, name) in ((j, split[j]) for j in shown):
        if several and eq != current:
            if current is not None:
                out.append("-" * 13 + "+" + "-" * 64)
            out.append(f"{_abbrev(eq):<12} |")
            current = eq
        for i, kind in enumerate(table.intervals):
            ci = intervals[kind]
            lo, hi = (np.nan, np.nan) if ci is None else (ci[0, j], ci[1, j])
            ends = "  " + format_number(lo, "%9.0g").rjust(9) + "  " + format_number(hi, "%9.0g").rjust(9)
            if i == 0:
                row = (f"{_abbrev(name):>12} |  " + format_number(s.observed[j], "%10.0g").rjust(10)
                       + "  " + format_number(s.bias[j], "%9.0g").rjust(9)
                       + "    " + format_number(se[j], "%9.0g").rjust(9))
            else:
                row = f"{'':12} |" + " " * 36
            out.append(row + ends + " " + TAGS[kind].rjust(5))
    out.append(rule)
    if table.legend:
        out += [f"{TAGS[kind]:<7}{LEGEND[kind]}" for kind in table.intervals]
    return "\n".join(out)
