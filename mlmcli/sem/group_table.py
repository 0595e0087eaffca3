"""The table of sem with group(): each parameter's label line, then one row per group (labelled
with the group's value label, else its value) or, when every group's copy is one parameter
(or all are fixed at one value), a single row labelled ``[*]`` (Stata's note: "[*] identifies
parameter estimates constrained to be equal across groups")."""
from __future__ import annotations

import numpy as np

from mlmcli import distributions as stats
from mlmcli.results.sem import SEMResult, SEMRow

NAN = float("nan")


def _row(label: str, b: float, se: float, constrained: bool, variance: bool, crit: float) -> SEMRow:
    if constrained:
        return SEMRow(label, b, NAN, NAN, NAN, NAN, NAN, constrained=True)
    if variance:
        half = crit * se / b if b > 0 else NAN
        hi = b * float(np.exp(half)) if half < 700 else NAN
        lo = b * float(np.exp(-half)) if half < 700 else 0.0
        return SEMRow(label, b, se, NAN, NAN, lo, hi, variance=True)
    known = 0 < se < np.inf
    z = b / se if known else NAN
    p = float(2 * stats.norm.sf(abs(z))) if known else NAN
    return SEMRow(label, b, se, z, p, b - crit * se, b + crit * se)


def invariant_columns(fit) -> list[tuple[str, list[int], bool]]:
    """Each parameter's slot name, its e(b) columns (its groups' copies, in order) and whether
    they are one (one shared parameter, or all fixed at one value)."""
    model = fit.group_model
    entries = fit.extra["entries"]
    blocks: list[tuple[str, list[int]]] = []
    for c, (g, k) in enumerate(entries):
        name = model.builts[g].ram.slots[k].name
        if not blocks or blocks[-1][0] != name:
            blocks.append((name, []))
        blocks[-1][1].append(c)
    out = []
    for name, cols in blocks:
        keys = set()
        for c in cols:
            g, k = entries[c]
            ram = model.builts[g].ram
            j = ram.index[k]
            keys.add(("fixed", ram.slots[k].fixed) if j is None else ("free", int(model.maps[g][j])))
        same = len({float(fit.b[c]) for c in cols}) == 1  # standardized values differ by group
        out.append((name, cols, len(cols) == len(model.builts) and len(keys) == 1 and same))
    return out


def grouped_result(fit) -> SEMResult:
    crit = float(stats.norm.ppf(0.5 + fit.level / 200.0))
    se = np.sqrt(np.clip(np.diag(fit.V), 0.0, None))
    model = fit.group_model
    entries = fit.extra["entries"]
    labels = fit.extra["labels"]
    equations: list[tuple[str, list]] = []
    variance_groups: list[tuple] = []
    for name, cols, shared in invariant_columns(fit):
        eq, _, col = name.partition(":")
        rows = []
        for c in (cols[:1] if shared else cols):
            g, k = entries[c]
            kind = model.builts[g].ram.slots[k].kind
            rows.append(_row("[*]" if shared else labels[g], float(fit.b[c]), float(se[c]), c in fit.constrained,
                             kind == "var", crit))
        if eq.startswith(("var(", "cov(", "mean(")):
            variance_groups.append((SEMRow(eq, NAN, NAN, NAN, NAN, NAN, NAN, header=True), *rows))
            continue
        if not equations or equations[-1][0] != eq:
            equations.append((eq, []))
        equations[-1][1].append(SEMRow(col, NAN, NAN, NAN, NAN, NAN, NAN, header=True))
        equations[-1][1].extend(rows)
    built = model.builts[0]
    cluster = (fit.n_clust, fit.clustvar) if fit.vce == "cluster" else None
    return SEMResult("sem", fit.n, fit.loglik, fit.level, fit.model.endogenous, fit.model.exogenous, fit.iterations,
                     tuple((eq, tuple(rows)) for eq, rows in equations), tuple(variance_groups),
                     vcetype="Robust" if fit.vce in ("robust", "cluster") else None, cluster=cluster,
                     lr_saturated=fit.lr_saturated, nolog=fit.nolog, converged=fit.converged,
                     constraints=tuple(fit.extra["constraint_text"]), measurement=built.measurement,
                     variable_lists=built.lists, method=fit.extra.get("method", "ml"),
                     iteration_notes=tuple("" if c else "(not concave)" for c in fit.extra["log_concave"]),
                     grouping=(fit.extra["gvar"], len(model.builts)))
