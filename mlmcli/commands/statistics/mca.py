"""``mca varlist [if] [in] [, dimensions(#) normalize(standard|principal)]``: multiple
correspondence analysis of the Burt matrix with adjusted inertias ([MV] mca's default method),
and ``predict`` after it (mca_p.ado: rowscores, the default, and score(varname)).

The engine is ``mlmcli.multivariate.correspondence``.  Shown: the header and the table of
principal inertias.  Not built in mlm, refused with r(198): method(indicator|joint), noadjust,
supplementary(), missing, crossed variables (parentheses), weights, compact/plot/report options
-- and the table of column-category statistics mca prints after the inertias is not shown.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"mca": "mca varlist [if] [in] [, dimensions(#) normalize(standard|principal)]"}
OPTIONS = [OptionSpec("dimensions", 3, takes_arg=True), OptionSpec("normalize", 4, takes_arg=True)]
PREDICT_OPTIONS = [OptionSpec("dimensions", 3, takes_arg=True), OptionSpec("scores", 2, takes_arg=True),
                   OptionSpec("rowscores", 3), OptionSpec("normalize", 4, takes_arg=True)]


def _normalization(text) -> str:
    word = str(text or "standard").strip().lower()
    for full in ("standard", "principal"):
        if word and full.startswith(word):
            return full
    raise StataError(f"normalize() invalid: {word} not allowed", 198)


def _codes(session, names, rows) -> list[np.ndarray]:
    ds = session.data
    out = []
    for name in names:
        x = ds.numeric(name)[rows]
        if np.any(x != np.round(x)):
            raise StataError(f"{name} may not contain noninteger values", 459)
        out.append(x.astype(float))
    return out


def cmd_mca(session, cmd) -> None:
    from mlmcli.commands.statistics.pca import analysis_sample
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.multivariate.correspondence import burt_mca
    from mlmcli.results.matrix import Matrix

    if not cmd.args.strip() and not cmd.if_exp and cmd.in_range is None:
        from mlmcli.estimation.active import replay_results

        e = replay_results(session, ("mca",))
        session.print(_render(int(e.scalars["N"]), e.matrices["Ev"].values[0], e.scalars["inertia"],
                              int(e.scalars["f"])))
        return
    if "(" in cmd.args:
        raise StataError("mca: crossed variables are not available in mlm", 198)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    names, rows, _ = analysis_sample(session, cmd)
    if len(names) < 2:
        raise StataError("at least two variables required", 102)
    codes = _codes(session, names, rows)
    a = burt_mca(codes)
    kept = len(a.adjusted)
    if kept == 0:
        raise StataError("no dimensions with positive adjusted inertia", 498)
    dims = 2 if "dimensions" not in opts else int(float(opts["dimensions"]))
    if dims < 1:
        raise StataError("dimensions() must be positive", 198)
    f = min(dims, kept)
    norm = _normalization(opts.get("normalize"))
    n = int(rows.sum())
    cats = tuple(f"{name}:{int(v)}" for name, lv in zip(names, a.levels) for v in lv)
    dnames = tuple(f"dim{k + 1}" for k in range(f))
    A = a.coords[:, :f]
    F = A * np.sqrt(a.adjusted[:f])
    matrices = {"Ev": Matrix(a.adjusted[None, :], ("Ev",), tuple(f"dim{k + 1}" for k in range(kept))),
                "A": Matrix(A, cats, dnames), "F": Matrix(F, cats, dnames),
                "rSCW": Matrix(a.row_weights[:, :f], cats, dnames),
                "cMass": Matrix(a.mass[:, None], cats, ("mass",))}
    scalars = {"N": float(n), "f": float(f), "inertia": a.total, "ev_unique": 1.0}
    macros = {"cmd": "mca", "cmdline": f"mca {cmd.args}".strip(), "names": " ".join(names), "method": "burt",
              "norm": norm, "predict": "mca_p", "estat_cmd": "mca_estat", "marginsnotok": "_ALL",
              "properties": "nob noV eigen", "title": "Multiple/Joint correspondence analysis"}
    session.e = EstimationResults(cmd="mca", scalars=scalars, macros=macros, matrices=matrices, result=a,
                                  sample=rows.copy(), title="Multiple/Joint correspondence analysis")
    session.e.stamp_sample(session.data)
    session.print(_render(n, a.adjusted, a.total, f))


def _render(n: int, adjusted, total: float, f: int) -> str:
    from mlmcli.render.numfmt import format_number

    def num(v, fmt="%10.0g"):
        return format_number(v, fmt).strip()

    out = ["", f"{'Multiple/Joint correspondence analysis':<47}Number of obs     = {n:>10,}",
           f"{'':<47}Total inertia     = {num(total):>10}",
           f"{'    Method: Burt/adjusted inertias':<47}Number of axes    = {f:>10}", "",
           "                 |   principal               cumul",
           "       Dimension |    inertia     percent   percent",
           "    -------------+----------------------------------"]
    cum = 0.0
    for k, v in enumerate(adjusted):
        pct = 100 * v / total
        cum += pct
        out.append(f"{'dim ' + str(k + 1):>16} | {num(v):>11} {pct:>9.2f} {cum:>9.2f}")
    out += ["    -------------+----------------------------------",
            f"{'Total':>16} | {num(total):>11} {100:>9.2f}"]
    return "\n".join(out)


def predict_mca(session, e, cmd) -> None:
    """mca_p.ado: ``predict newvarlist [if] [in] [, rowscores score(varname) dimensions(numlist)
    normalize(standard|principal)]``."""
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.multivariate.correspondence import row_scores
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    opts = resolve_options(cmd.options, PREDICT_OPTIONS)
    if opts.get("scores"):
        if opts.get("rowscores"):
            raise StataError("options score() and rowscores may not be specified together", 198)
        raise StataError("mca: predict, score() is not available in mlm", 198)
    f = int(e.scalars["f"])
    vtype, new, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        new = [f"{stub}{k + 1}" for k in range(f)]
    if not new:
        raise StataError("varlist required", 100)
    if len(new) > f:
        raise StataError(f"at most {f} scores can be generated", 198)
    for name in new:
        check_new_name(session.data, name)
    dims = [k + 1 for k in range(len(new))]
    if opts.get("dimensions"):
        dims = [int(float(w)) for w in str(opts["dimensions"]).split()]
        if any(not 1 <= d <= f for d in dims) or len(dims) != len(new):
            raise StataError("dimensions() invalid", 198)
    norm = _normalization(opts["normalize"]) if opts.get("normalize") else e.macros.get("norm", "standard")
    if not opts.get("rowscores"):
        session.print("(option rowscores assumed)")
    names = e.macros["names"].split()
    weights = e.matrices["rSCW"]
    levels = tuple(np.array([float(r.split(":")[1]) for r in weights.rownames if r.split(":")[0] == v])
                   for v in names)
    rows = rows_selected(session, cmd)
    codes = [session.data.numeric(session.data.resolve(v)).astype(float) for v in names]
    for name, d in zip(new, dims):
        scale = float(np.sqrt(e.matrices["Ev"].values[0][d - 1])) if norm == "principal" else 1.0
        values = np.where(rows, row_scores(codes, levels, np.asarray(weights.values)[:, d - 1], scale), np.nan)
        store_prediction(session, name, values, vtype, f"rowscore (dim={d}; {norm} norm.)")
