"""runmlwin's e() and printed result from a fit: ``from_mixed`` (the mixed engine's results,
renamed to runmlwin's ``FP1:x``, ``RP2:var(cons)``, ``RP2:cov(cons\\x)``, ``RP1:var(cons)`` in
runmlwin_rplpars' order) and ``post`` (the stored results runmlwin.ado posts, from names, b, V
and the fit's statistics); ``table_data`` builds the result its display shows."""
from __future__ import annotations

import math

from mlmcli.errors import StataError


def param_name(kind: str, names: list[str], i: int, j: int) -> str:
    if kind == "var":
        return f"var({names[i][:27]})"
    return f"cov({names[j][:13]}\\{names[i][:13]})"


def from_mixed(session, fit, text, depvar, higher, level1, reml, seconds):
    """runmlwin's results from mixed's (``fit``: its EstimationResults)."""
    import numpy as np

    from mlmcli.estimation.variance_metric import posted_metric

    varm = posted_metric(fit, variance=True)
    b0 = np.asarray(varm.matrices["b"].values, float).ravel()
    V0 = np.asarray(varm.matrices["V"].values, float)
    at = {name: k for k, name in enumerate(varm.matrices["b"].colnames)}
    k_f = int(fit.scalars.get("k_f", 0))
    fixed = [str(n).split(":")[-1] for n in varm.matrices["b"].colnames[:k_f]]
    index = [k for k, n in enumerate(fixed) if not n.startswith("o.")]  # runmlwin drops them
    names = [f"FP1:{fixed[k]}" for k in index]
    k_f = len(index)
    for lv in higher:
        for kind, i, j in lv.parameters():
            a, c = lv.variables[j], lv.variables[i]
            key = f"{lv.idvar}:var({a})" if kind == "var" else f"{lv.idvar}:cov({a},{c})"
            if key not in at and kind == "cov":
                key = f"{lv.idvar}:cov({c},{a})"
            if key not in at:
                raise StataError(f"runmlwin: {key} not found in the fit", 498)
            index.append(at[key])
            names.append(f"RP{lv.number}:{param_name(kind, lv.variables, i, j)}")
    index.append(at["Residual:var(e)"])
    names.append(f"RP1:var({level1.variables[0][:27]})")
    groups = [np.asarray(fit.matrices[key].values, float).ravel() for key in ("N_g", "g_min", "g_avg", "g_max")
              if key in fit.matrices]
    log = getattr(fit.result, "iteration_log", None)
    iterations = float(max(len(getattr(log, "gradient", ())) - 1, 0)) if log is not None else math.nan
    e = post(session, text=text, depvar=depvar, higher=higher, level1=level1, reml=reml, seconds=seconds,
             names=names, b=b0[index], V=V0[np.ix_(index, index)], k_f=k_f, n=fit.scalars["N"],
             ll=float(fit.scalars.get("ll", math.nan)), iterations=iterations,
             converged=bool(fit.scalars.get("converged", 1)), groups=groups if len(groups) == 4 else None,
             sample=fit.sample, model=FixedPartPredictions(fit.model), design=fit.design)
    return e


class FixedPartPredictions:
    """mixed's fit seen as runmlwin leaves it to Stata's ``_predict`` (runmlwin posts no
    e(predict)): xb and stdp of the fixed part, _predict's note; everything else is the fit's."""

    predict_default_note = "(option xb assumed; fitted values)"

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        if name == "_inner":  # not yet set (copy, unpickling)
            raise AttributeError(name)
        return getattr(self._inner, name)

    def predict_options(self):
        return ()

    def predict(self, stat: str, rows):
        if stat not in ("xb", "stdp"):
            raise StataError(f"option {stat} not allowed", 198)
        return self._inner.predict(stat, rows)


def post(session, *, text, depvar, higher, level1, reml, seconds, names, b, V, k_f, n, ll, iterations,
         converged, groups, sample, model, design):
    """The EstimationResults runmlwin.ado posts (``groups``: N_g, g_min, g_avg, g_max, one
    value per level above 1, highest first, or None)."""
    import numpy as np

    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    mats = {"b": Matrix(np.asarray(b, float)[None, :], ("y1",), tuple(names)),
            "V": Matrix(np.asarray(V, float), tuple(names), tuple(names))}
    for lv in list(higher) + [level1]:
        if not lv.variables:
            continue
        rp = np.zeros((len(lv.variables),) * 2)
        for kind, i, j in lv.parameters():
            value = b[names.index(f"RP{lv.number}:{param_name(kind, lv.variables, i, j)}")]
            rp[i, j] = rp[j, i] = value
        mats[f"RP{lv.number}"] = Matrix(rp, tuple(lv.variables), tuple(lv.variables))
    if groups is not None:
        for key, values in zip(("N_g", "g_min", "g_avg", "g_max"), groups):
            values = np.asarray(values, float).reshape(1, -1)
            mats[key] = Matrix(values, ("r1",), tuple(f"c{k + 1}" for k in range(values.shape[1])))
    scalars = {"N": float(n), "numlevels": float(level1.number + len(higher)), "k_f": float(k_f),
               "k_r": float(len(names) - k_f), "k": float(len(names)), "ll": ll, "deviance": -2 * ll,
               "iterations": iterations, "converged": float(converged), "extrabinomial": 0.0, "time": seconds}
    macros = {"cmd": "runmlwin", "cmdline": f"runmlwin {text}", "title": "Normal response model",
              "depvars": depvar, "distribution": "normal", "link": "identity", "properties": "b V",
              "method": "RIGLS" if reml else "IGLS", "level1var": level1.idvar,
              "ivars": " ".join(lv.idvar for lv in higher),
              "weightvar": " ".join("." for _ in range(len(higher) + 1)),
              "weighttype": " ".join("standardised" for _ in range(len(higher) + 1))}
    macros = {k: v for k, v in macros.items() if v}  # Stata keeps no empty macro
    e = EstimationResults(cmd="runmlwin", scalars=scalars, macros=macros, matrices=mats, result=None,
                          model=model, sample=sample, title="Normal response model", design=design)
    e.result = table_data(e, depvar, 95.0, sd=False)
    e.stamp_sample(session.data)
    return e


def table_data(e, depvar, level: float, sd: bool):
    """The result runmlwin's display shows (z, p and the intervals computed here: renderers
    never compute)."""
    import numpy as np

    from mlmcli.distributions import norm
    from mlmcli.results.mixed import GroupSummary
    from mlmcli.results.runmlwin import RunmlwinLevel, RunmlwinResult, RunmlwinRow

    b = np.asarray(e.matrices["b"].values, float).ravel()
    V = np.asarray(e.matrices["V"].values, float)
    names = list(e.matrices["b"].colnames)
    mult = float(norm.ppf(1 - (100 - level) / 200))
    fixed, random = [], {}
    for k, full in enumerate(names):
        eq, _, name = full.partition(":")
        est, se = b[k], math.sqrt(V[k, k]) if V[k, k] >= 0 else math.nan
        if eq.startswith("FP"):
            z = est / se if se > 0 else math.nan
            fixed.append(RunmlwinRow(name, est, se, est - mult * se, est + mult * se, z,
                                     2 * float(norm.cdf(-abs(z))) if z == z else math.nan))
            continue
        kind, inner = name[:3], name[4:-1]
        if sd and kind == "var":
            root = math.sqrt(est) if est >= 0 else math.nan
            lo, hi = est - mult * se, est + mult * se
            row = RunmlwinRow(f"sd({inner[:24]})", root, se / (2 * root) if root and root == root else math.nan,
                              math.sqrt(lo) if lo >= 0 else math.nan, math.sqrt(hi) if hi >= 0 else math.nan)
        else:
            if kind == "cov":
                a, _, c = inner.partition("\\")
                label = f"cov({a[:12]},{c[:12]})"
            else:
                label = f"var({inner[:24]})"
            row = RunmlwinRow(label, est, se, est - mult * se, est + mult * se)
        random.setdefault(eq, []).append(row)
    ivars = e.macros.get("ivars", "").split()
    blocks = []
    numlevels = int(e.scalars["numlevels"])
    for number in range(numlevels, 0, -1):
        rows = random.get(f"RP{number}")
        if not rows:
            continue
        name = e.macros["level1var"] if number == 1 else ivars[numlevels - number]
        blocks.append(RunmlwinLevel(f"Level {number}: {name}", tuple(rows)))
    groups = []
    if "N_g" in e.matrices:
        cols = [np.asarray(e.matrices[k].values, float).ravel() for k in ("N_g", "g_min", "g_avg", "g_max")]
        groups = [GroupSummary(v, int(cols[0][k]), int(cols[1][k]), float(cols[2][k]), int(cols[3][k]))
                  for k, v in enumerate(ivars) if k < len(cols[0])]
    return RunmlwinResult(version=e.macros.get("version", ""), n_obs=int(e.scalars["N"]),
                          title=e.macros["title"], method=e.macros["method"], groups=tuple(groups),
                          run_time=e.scalars.get("time", math.nan), iterations=e.scalars.get("iterations", math.nan),
                          ll=e.scalars["ll"], depvar=depvar, fixed=tuple(fixed), random=tuple(blocks),
                          level=level, converged=bool(e.scalars.get("converged", 1)))


