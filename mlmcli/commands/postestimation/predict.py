"""``predict`` after ``mixed`` and ``regress``.

    predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]
    predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)]

xb = x b (every row where the covariates are known), stdp = sqrt(x V x'),
fitted = xb + sum_k z_k u_k (all random effects), residuals = y - fitted,
rstandard = residuals / sigma_e (estimation sample only); reffects/reses are
the engine's empirical Bayes predictions and their standard errors
(``MixedFit.blups()``), one new variable per random effect in Stata's order.
As Stata's mixed predict (xtmixed_p.ado: MapBlups), the BLUPs of a group go to
every observation of that group, in or out of the estimation sample; rows are
matched to groups by the level variables' values (``re_rows``), so sorting the
data after the fit is harmless.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.estat import MIXED_CMDS, active_estimates
from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import is_base_or_omitted, parse_coef_name, split_eq
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

HELP = {
    "predict": (
        "predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]; "
        "predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)] -- "
        "empirical Bayes (BLUP) predictions of the random effects and their standard errors."),
}

_PREDICT_OPTS = [
    OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("fitted", 3), OptionSpec("residuals", 3),
    OptionSpec("rstandard", 4), OptionSpec("reffects", 3), OptionSpec("reses", 5),
    OptionSpec("relevel", 5, takes_arg=True), OptionSpec("level", 3, takes_arg=True),
    OptionSpec("scores", 5),
]
_STATS = ("xb", "stdp", "fitted", "residuals", "rstandard", "reffects", "reses", "scores")
_LABELS = {
    "xb": "Linear prediction, fixed portion", "stdp": "S.E. of the linear prediction, fixed portion",
    "fitted": "Fitted values: xb + Zu", "residuals": "Residuals", "rstandard": "Standardized residuals",
}

def _rows_selected(session, cmd) -> np.ndarray:
    """if/in of the predict command (all rows when neither is given)."""
    n = session.data.nobs
    if not cmd.if_exp and not cmd.in_range:
        return np.ones(n, bool)
    from mlmcli.sample import mark_sample
    return np.asarray(mark_sample(session, cmd, []), bool)

def fixed_design_all_rows(session, e) -> np.ndarray:
    """The estimable fixed-effects columns on every row of the data (NaN where missing)."""
    design = getattr(e, "design", None)
    if design is not None:
        return np.asarray(design.columns(session.data), float).reshape(session.data.nobs, -1)
    return _design_from_names(session, e)

def _design_from_names(session, e) -> np.ndarray:
    """Columns rebuilt from coefficient names (``x``, ``c.x``, ``2.f``, ``1.f#c.x``, ``_cons``)."""
    names = _fixed_names(e)
    n = session.data.nobs
    cols = []
    for nm in names:
        col = np.ones(n)
        for part in parse_coef_name(nm).parts:
            if part.var == "_cons" and not part.op:
                continue
            x = session.data.numeric(part.var)
            if part.level is None:
                col = col * x
            else:
                col = col * np.where(np.isnan(x), np.nan, (x == float(part.level)).astype(float))
        cols.append(col)
    return np.column_stack(cols) if cols else np.zeros((n, 0))

def _fixed_names(e) -> list[str]:
    """Estimable fixed-effect coefficient names (base/omitted dropped), in e(b) order."""
    b = e.matrices["b"]
    depvar = e.macros.get("depvar", "")
    out = []
    for full in b.colnames:
        eq, nm = split_eq(full)
        if (eq or depvar) != depvar or is_base_or_omitted(nm):
            continue
        out.append(nm)
    return out

_ONE_STAT = ("only one of options xb, stdp, fitted, reffects, reses, scores, residuals, or "
             "rstandard should be specified")

def cmd_predict(session, cmd) -> None:
    """``predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]`` and
    ``predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)]``."""
    e = active_estimates(session)
    opts = resolve_options(cmd.options, _PREDICT_OPTS)
    stats = [s for s in _STATS if s in opts]
    if len(stats) > 1:
        raise StataError(_ONE_STAT, 198)
    vtype, names, stub = parse_new_varlist(cmd.args)
    stat = stats[0] if stats else "xb"
    relevel = opts.get("relevel", opts.get("level"))
    if relevel is not None and stat in ("xb", "stdp"):
        what = "default statistic xb" if not stats else f"statistic {stat}"
        raise StataError(f"option relevel() not allowed with {what}", 198)
    if stat == "scores":
        raise StataError("option scores not allowed", 198)
    if e.cmd in MIXED_CMDS and relevel is not None:
        relevel = _level_var(session, e, relevel)
    rows = _rows_selected(session, cmd)
    if stat in ("reffects", "reses"):
        if e.cmd not in MIXED_CMDS:
            raise StataError(f"option {stat} not allowed", 198)
        if stat == "reses" and e.macros.get("vcetype") == "Robust":
            raise StataError("option reses not available after robust variance estimation", 498)
        return _predict_reffects(session, e, stat, vtype, names, stub, relevel, rows)
    if stub is not None or len(names) != 1:
        raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                         103 if len(names) > 1 else 198)
    for name in names:
        check_new_name(session.data, name)
    if not stats:
        session.print("(option xb assumed)")
    values = _predict_stat(session, e, stat, relevel)
    values = np.where(rows, values, np.nan)
    label = _LABELS[stat] + (f", level({relevel})" if relevel and stat in ("fitted", "residuals",
                                                                         "rstandard") else "")
    _store(session, names[0], values, vtype, label)

def _level_var(session, e, typed: str) -> str:
    """relevel(): a level variable of the model (Stata unabbreviates it first)."""
    name = typed.strip()
    ivars = e.macros.get("ivars", "").split()
    if name != "_all":
        if len(name.split()) > 1:
            raise StataError("invalid option relevel()", 198)
        name = session.data.resolve(name)
    if name not in ivars:
        raise StataError(f"{name} is not a level variable in this model", 198)
    return name

def _predict_stat(session, e, stat: str, relevel: str | None = None) -> np.ndarray:
    n = session.data.nobs
    if stat in ("xb", "stdp"):
        X = fixed_design_all_rows(session, e)
        beta, Vb = _fixed_beta_V(e)
        if stat == "xb":
            return X @ beta if X.shape[1] else np.zeros(n)
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, Vb, X), 0))
    if e.cmd not in MIXED_CMDS:
        return _predict_regress(session, e, stat)
    from mlmcli.commands.postestimation.re_rows import row_groups
    fit = e.model
    groups = row_groups(session, e)
    X = fixed_design_all_rows(session, e)
    beta, _ = _fixed_beta_V(e)
    out = X @ beta if X.shape[1] else np.zeros(n)
    preds = fit.blups()
    terms = list(fit.spec.terms)
    last = len(terms)
    if relevel is not None:
        # levels from the top down to relevel (xtmixed_p.ado: BlupList)
        last = max(k for k, t in enumerate(terms) if (t.levelvar if not t.crossed_factor else "_all") == relevel) + 1
    for k in range(last):
        t = terms[k]
        code = groups.codes[k]
        known = code >= 0
        for j, zname in enumerate(t.names):
            z = np.ones(n) if zname == "_cons" or zname.startswith("R.") else session.data.numeric(zname)
            u = np.full(n, np.nan)
            u[known] = preds[k].modes[code[known], j]
            out = out + u * z
    if stat == "fitted":
        return out
    resid = session.data.numeric(fit.spec.depvar) - out
    if stat == "rstandard":
        return np.where(groups.sample, resid / np.sqrt(fit.sigma2), np.nan)
    return resid

def _predict_regress(session, e, stat: str) -> np.ndarray:
    """After ``regress``: residuals y - xb; rstandard = e_i / (s sqrt(1 - h_i)) with
    leverage h_i = x_i (X'X)^-1 x_i' = x_i V x_i' / s^2 (Stata [R] regress postestimation)."""
    X = fixed_design_all_rows(session, e)
    beta, Vb = _fixed_beta_V(e)
    resid = session.data.numeric(e.macros["depvar"]) - X @ beta
    if stat == "residuals":
        return resid
    if stat == "rstandard" and e.macros.get("vcetype") != "Robust" and "rmse" in e.scalars:
        s2 = float(e.scalars["rmse"]) ** 2
        h = np.einsum("ij,jk,ik->i", X, Vb, X) / s2
        return resid / np.sqrt(s2 * (1 - h))
    raise StataError(f"option {stat} not allowed", 198)

def _fixed_beta_V(e) -> tuple[np.ndarray, np.ndarray]:
    b = e.matrices["b"]
    V = e.matrices["V"]
    names = list(b.colnames)
    depvar = e.macros.get("depvar", "")
    keep_names = _fixed_names(e)
    full = [f"{depvar}:{nm}" if any(":" in c for c in names) else nm for nm in keep_names]
    idx = [names.index(f) for f in full]
    bv = np.asarray(b.values, float).ravel()[idx]
    Vv = np.asarray(V.values, float)[np.ix_(idx, idx)]
    return bv, Vv

def _store(session, name: str, values: np.ndarray, vtype: str | None, label: str) -> None:
    vt = vtype or "float"
    if vt == "float":
        values = values.astype(np.float32).astype(float)
    session.data.set_variable(name, values, vtype=vt)
    session.data.var_labels[name] = label
    nmiss = int(np.isnan(values).sum())
    if nmiss:
        session.print(f"({nmiss:,} missing value{'s' if nmiss != 1 else ''} generated)")

def _predict_reffects(session, e, stat, vtype, names, stub, relevel, rows) -> None:
    from mlmcli.commands.postestimation.re_rows import row_groups
    fit = e.model
    terms = list(fit.spec.terms)
    chosen = [k for k, t in enumerate(terms)
              if relevel is None or (t.levelvar if not t.crossed_factor else "_all") == relevel]
    cols = [(k, j) for k in chosen for j in range(len(terms[k].names))]
    if not cols:
        raise StataError("random-effects equation(s) empty; BLUPs of random effects not available", 459)
    if stub is not None:
        names = [f"{stub}{i + 1}" for i in range(len(cols))]
    if len(names) != len(cols):
        few = len(names) < len(cols)
        raise StataError(f"{'too few' if few else 'too many'} variables specified\n"
                         f"you must specify {len(cols)} new variable(s)", 102 if few else 103)
    for name in names:
        check_new_name(session.data, name)
    groups = row_groups(session, e)
    preds = fit.blups()
    n = session.data.nobs
    for name, (k, j) in zip(names, cols):
        t = terms[k]
        src = preds[k].modes if stat == "reffects" else preds[k].se
        code = groups.codes[k]
        vals = np.full(n, np.nan)
        known = (code >= 0) & rows
        vals[known] = src[code[known], j]
        lv = "_all" if t.crossed_factor else t.levelvar
        what = "BLUP r.e." if stat == "reffects" else "BLUP r.e. std. errors"
        _store(session, name, vals, vtype, f"{what} for {lv}: {t.names[j]}")
