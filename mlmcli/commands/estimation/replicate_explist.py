"""``bootstrap exp_list [, reps() seed() nodots]: command`` and ``jackknife exp_list [, nodots]: command``.

Each expression of the exp_list (``r(mean)``, ``e(N)``, ``_b[x]``, ``(exp)``, ``name=(exp)``;
unnamed ones are ``_bs_#`` / ``_jk_#``) is read after the command runs on the data in memory
(the observed values), then after each replicate: bootstrap draws _N observations with
replacement from mlm's ``set seed``/seed() stream; jackknife leaves each observation out in turn.
The command runs quietly through the session's runner; the data are restored afterwards, also
after an error.  V is the replicates' covariance (jackknife: (n-1)/n times the sum of squared
deviations from their mean, t on n-1 df).  Output as Stata 13's "Bootstrap results" /
"Jackknife results" ([R] bootstrap, [R] jackknife).  The draws are mlm's, so bootstrap standard
errors are not Stata's to the digit.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError

_NAMED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*")


def split_exp_list(text: str, kind: str) -> list[tuple[str, str]]:
    """(name, expression) pairs; default names _bs_1, _bs_2 ... (_jk_ for jackknife)."""
    from mlmcli.textscan import find_top

    items: list[tuple[str | None, str]] = []
    rest = text.strip()
    while rest:
        name = None
        m = _NAMED.match(rest)
        if m and not rest.startswith("_b["):
            name, rest = m.group(1), rest[m.end():]
        cut = find_top(rest + " ", " ")
        if rest.startswith("("):
            depth = 0
            for i, ch in enumerate(rest):
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0:
                    cut = i + 1
                    break
            else:
                raise StataError("unmatched parentheses", 198)
        exp, rest = rest[:cut].strip(), rest[cut:].strip()
        if exp.startswith("(") and exp.endswith(")"):  # the legend shows the expression bare
            exp = exp[1:-1].strip()
        if exp in ("_b", "_se") or ":" in exp.split("[")[0]:  # _b among others; (name: exp) groups
            raise StataError(f"{kind}: {exp} among other expressions not supported by mlmcli", 198)
        if not exp:
            raise StataError("invalid syntax", 198)
        items.append((name, exp))
    prefix = "_bs_" if kind == "bootstrap" else "_jk_"
    return [(name or f"{prefix}{i + 1}", exp) for i, (name, exp) in enumerate(items)]


def replicate_exp_list(session, runner, items, command: str, settings: dict, kind: str) -> None:
    """Run, replicate, post e() and print the results."""
    from mlmcli.expr import evaluate_scalar
    from mlmcli.render.panel_regression import bootstrap_dots

    original = session.data

    def run_on(data) -> np.ndarray:
        session.data = data
        session.out.quiet += 1
        try:
            runner.execute(command)
        finally:
            session.out.quiet -= 1
        values = [evaluate_scalar(session, exp) for _, exp in items]
        if any(isinstance(v, str) for v in values):
            raise StataError("type mismatch", 109)
        return np.array(values, float)

    n = original.nobs
    units = _units(original, settings.get("cluster"))
    marks: list[bool] = []
    try:
        observed = run_on(original.copy())
        has_rn = "N" in getattr(session, "r", {}) if kind == "jackknife" else False
        rng = None
        if kind == "bootstrap":
            from mlmcli.expr.random_numbers import generator, restart

            if settings["seed"] is not None:
                restart(session, settings["seed"])
            rng = generator(session)
        reps = settings["reps"] if kind == "bootstrap" else len(units)
        rows = []
        for j in range(reps):
            drawn = rng.integers(0, len(units), len(units)) if rng is not None else np.delete(np.arange(len(units)), j)
            rows_taken = np.concatenate([units[k] for k in drawn]) if len(drawn) else np.array([], int)
            data = original.copy()
            data.take_rows(rows_taken)
            try:
                values = run_on(data)
            except StataError:
                values = np.full(len(items), np.nan)
            ok = bool(np.all(np.isfinite(values)))
            marks.append(ok)
            rows.append(values)
    finally:
        session.data = original
    if settings["dots"]:
        session.print(bootstrap_dots(marks, command.split()[0], reps, True, title=kind.capitalize()))
    B = np.array(rows, float).reshape(reps, len(items))
    good = B[np.all(np.isfinite(B), axis=1)]
    if len(good) < 2:
        raise StataError("insufficient observations to compute " + kind + " standard errors", 2000)
    if kind == "bootstrap":
        V = np.atleast_2d(np.cov(good, rowvar=False, ddof=1))
    else:
        dev = good - good.mean(axis=0)
        V = (len(good) - 1) / len(good) * dev.T @ dev
    _post(session, items, observed, V, kind, command, n, len(good), settings)
    clusters = (len(units), settings["cluster"]) if settings.get("cluster") else None
    if clusters is not None:
        session.e.scalars["N_clust"] = float(len(units))
        session.e.macros["cluster"] = settings["cluster"]
    session.print(render_exp_list(session.e, items, coef_rows(session.e, items), command, kind, has_rn, clusters))


def _units(data, cluster: str | None) -> list[np.ndarray]:
    """The rows of each resampling unit: each observation, or each cluster's (in order of first
    appearance); observations with a missing cluster are left out, as Stata's marksample."""
    if cluster is None:
        return [np.array([i]) for i in range(data.nobs)]
    import pandas as pd

    name = data.resolve(cluster)
    values = pd.Series(data.column(name)).reset_index(drop=True)
    missing = values.isna() | (values == "") if data.is_string(name) else values.isna()
    codes, _ = pd.factorize(values.where(~missing))
    return [np.flatnonzero(codes == k) for k in range(codes.max() + 1)] if (codes >= 0).any() else []


def _post(session, items, observed, V, kind, command, n, reps, settings) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    names = tuple(name for name, _ in items)
    scalars = {"N": float(n), "N_reps": float(reps), "level": 95.0, "k_exp": float(len(items)), "k_eexp": 0.0}
    if kind == "jackknife":
        scalars["df_r"] = float(reps - 1)
    macros = {"cmd": kind, "prefix": kind, "command": command, "exp": " ".join(e for _, e in items),
              "vcetype": kind.capitalize(), "properties": "b V"}
    matrices = {"b": Matrix(np.atleast_2d(observed), ("y1",), names), "V": Matrix(V, names, names)}
    session.e = EstimationResults(cmd=kind, scalars=scalars, macros=macros, matrices=matrices)


def coef_rows(e, items) -> list:
    """The table's rows from e(b) and e(V): z and normal-based intervals, or (jackknife) t on e(df_r)."""
    from mlmcli.distributions import norm, t as t_dist
    from mlmcli.results.mixed import CoefRow

    b, V = e.matrices["b"].values[0], e.matrices["V"].values
    df = e.scalars.get("df_r")
    rows = []
    for j, (name, _) in enumerate(items):
        se = float(np.sqrt(max(V[j, j], 0.0)))
        stat = b[j] / se if se > 0 else float("nan")
        if df is None:
            p, crit = 2 * norm.sf(abs(stat)), norm.ppf(0.975)
        else:
            p, crit = 2 * t_dist.sf(abs(stat), df), t_dist.ppf(0.975, df)
        rows.append(CoefRow(name=name, coef=float(b[j]), se=se, stat=stat, p=float(p),
                            ci_lo=b[j] - crit * se, ci_hi=b[j] + crit * se))
    return rows


def render_exp_list(e, items, rows, command: str, kind: str, has_rn: bool, clusters=None) -> str:
    """The header, the legend (``command:``, ``_bs_1:  r(mean)``) and the table of ``rows``."""
    from mlmcli.render.coef_table import render_coef_table
    from mlmcli.render.numfmt import format_number

    def right(left: str, label: str, value: str) -> str:
        return left.ljust(48) + label.ljust(19) + "=" + value.rjust(10)

    title = "Bootstrap results" if kind == "bootstrap" else "Jackknife results"
    out = ["", right(title, "Number of obs", format_number(e.scalars["N"], "%10.0g")),
           right("", "Replications", format_number(e.scalars["N_reps"], "%10.0g")), ""]
    legend = [("command", command)] + list(items) + ([("n()", "r(N)")] if has_rn else [])
    for name, exp in legend:
        out.append(f"{name}:".rjust(14) + "  " + exp)
    out.append("")
    if clusters is not None:  # [R] bootstrap: the replicates resampled clusters
        out.append(f"(Replications based on {clusters[0]} clusters in {clusters[1]})".rjust(78))
    jack = kind == "jackknife"
    out.append(render_coef_table(rows, "", stat_label="t" if jack else "z",
                                 vce_label="Jackknife" if jack else "Bootstrap"))
    return "\n".join(out)
