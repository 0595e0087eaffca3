"""xtabond/xtdpdsys's model from the command line (what _xtab_parser.ado hands xtdpd.ado) and
its e() afterwards.  See ``mlmcli.commands.estimation.dynamic_panel``."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import integer_option

TITLES = {"xtabond": "Arellano-Bond dynamic panel-data estimation",
          "xtdpdsys": "System dynamic panel-data estimation"}


@dataclass
class DpdModel:
    problem: object
    depvar: str
    names: list[str]  # the coefficients (the constant last)
    ivar: str
    tvar: str
    twostep: bool
    robust: bool
    artests: int
    touse: np.ndarray
    deq: np.ndarray
    level_eq: bool
    gmm_diff: str
    std_diff: str
    gmm_level: str
    std_level: str
    notes: list[str]
    t_range: tuple[float, float]


def _lagstruct(text: str, endogenous: bool, global_max):
    """pre(varlist[, lagstruct(lags, maxlags)]) -> (variables, lags, first lag, last lag)."""
    body, _, rest = text.partition(",")
    lags, maxl = 0, None
    rest = rest.strip()
    if rest:
        low = rest.lower()
        if not low.startswith("lag") or "(" not in rest or not rest.endswith(")"):
            raise StataError(f"option {rest} not allowed", 198)
        inner = rest[rest.index("(") + 1:-1].replace(" ", "")
        parts = inner.split(",")
        try:
            lags = int(parts[0])
            maxl = None if parts[1] == "." else int(parts[1])
        except (ValueError, IndexError):
            raise StataError(f"lagstruct({inner}) invalid", 198) from None
        if lags < 0 or (maxl is not None and maxl < 1) or len(parts) != 2:
            raise StataError(f"lagstruct({inner}) invalid", 198)
    first = 2 if endogenous else 1
    if endogenous and maxl is not None:
        maxl += 1
    if global_max is not None:
        maxl = global_max
    return body, lags, first, maxl


def _vce(opts) -> bool:
    """vce(gmm | robust) (_vce_parse, opt(GMM Robust)); the old robust option too."""
    text = str(opts.get("vce") or "").strip()
    if opts.get("robust"):
        text = text or "robust"
    if not text or text == "gmm":
        return False
    if "robust".startswith(text):
        return True
    from mlmcli.syntax.options import vcetype_not_allowed

    raise vcetype_not_allowed(opts["vce"])  # _xtab_parser: _vce_parse, opt(GMM Robust) old


def _canonical(op: str, name: str) -> str:
    from mlmcli.time_series_ops import canonical_operator, split_operated

    inner = split_operated(name)
    base, inner_op = (inner[1], inner[0]) if inner else (name, "")
    c = canonical_operator(op + inner_op) if op + inner_op else ""
    return f"{c}.{base}" if c else base


def build_model(session, cmd, opts, which: str) -> DpdModel:
    from mlmcli.commands.estimation.panel_common import time_variable
    from mlmcli.panel.time_settings import panel_setting
    from mlmcli.panel.dynamic_gmm import DiffGmm, DpdProblem, LevelGmm
    from mlmcli.sample import mark_sample
    from mlmcli.time_series_ops import expand_ts_varlist, split_operated

    ds = session.data
    ivar, tvar = panel_setting(ds), time_variable(session)
    if not ivar:
        raise StataError("must specify panelvar and timevar; use xtset", 459)
    if not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    if "#" in cmd.args or any(w.lower().startswith(("i.", "c.", "ib", "o.")) for w in cmd.args.split()):
        raise StataError("factor-variable operators not allowed", 101)  # syntax varlist(ts)
    words = expand_ts_varlist(ds, cmd.args)
    if not words:
        raise StataError("varlist required", 100)
    depvar, indeps = words[0], words[1:]
    if split_operated(depvar):
        raise StataError("depvar may not contain time-series operators", 198)
    lags = integer_option(opts, "lags", 1)
    if lags < 1:
        raise StataError("lags of dependent variable must >=1", 198)
    maxldep = integer_option(opts, "maxldep", None)
    maxlags = integer_option(opts, "maxlags", None)
    for name, v in (("maxldep", maxldep), ("maxlags", maxlags)):
        if v is not None and v < 1:
            raise StataError(f"{name}() must be an integer greater than or equal to 1", 125)
    robust, twostep, constant = _vce(opts), bool(opts.get("twostep")), not opts.get("noconstant")
    pre = []  # (variable, lags, first, last)
    for key, endog in (("pre", False), ("endogenous", True)):
        for text in opts.get(key) or []:
            body, nl, first, last = _lagstruct(str(text), endog, maxlags)
            pre += [(v, nl, first, last) for v in ds.expand_varlist(body)]
    inst = expand_ts_varlist(ds, str(opts["inst"])) if opts.get("inst") else []
    regressors = ([_canonical(f"L{j}", depvar) for j in range(1, lags + 1)]
                  + [_canonical(f"L{j}" if j else "", v) for v, nl, _, _ in pre for j in range(nl + 1)] + indeps)
    panel_values, time_values = ds.numeric(ivar), ds.numeric(tvar)
    from mlmcli.commands.data.panel_settings import recorded_delta

    delta = recorded_delta(ds)
    if not np.isfinite(time_values).any():
        raise StataError("no observations", 2000)  # no data, or the time variable all missing
    tmin = np.nanmin(time_values)
    period = (time_values - tmin) / delta
    if np.any(np.isfinite(period) & (period != np.round(period))):
        raise StataError("normalized time variable contains noninteger values", 498)
    y = ds.numeric(depvar)
    X = np.column_stack([ds.numeric(v) for v in regressors]) if regressors else np.zeros((len(y), 0))
    touse = np.asarray(mark_sample(session, cmd, []), bool) & np.isfinite(y) & np.isfinite(X).all(axis=1)
    touse &= np.isfinite(panel_values) & np.isfinite(time_values)
    for v in inst:
        touse &= np.isfinite(ds.numeric(v))
    codes = np.unique(np.where(np.isfinite(panel_values), panel_values, np.inf), return_inverse=True)[1].ravel()
    time = np.where(np.isfinite(period), period, -1e9).astype(np.int64)
    from mlmcli.time_series_ops import apply_operator

    def diff(v):
        return apply_operator("D", v, codes.astype(float), time.astype(float), 1.0)

    dy = diff(y)
    dX = np.column_stack([diff(X[:, j]) for j in range(X.shape[1])]) if X.shape[1] else X
    notes: list[str] = []
    keep = _independent(dX, touse & np.isfinite(dy) & np.isfinite(dX).all(axis=1), lags)
    for name, kept in zip(regressors, keep):
        if not kept:
            notes.append(f"note: {name} omitted because of collinearity")  # xtdpd's _rmcoll
    regressors = [r for r, k in zip(regressors, keep) if k]
    X, dX = X[:, keep], dX[:, keep]
    deq = touse & np.isfinite(dy) & np.isfinite(dX).all(axis=1)
    if not deq.any():
        raise StataError("no observations", 2000)
    level_eq = constant or which == "xtdpdsys"
    names = list(regressors)
    if constant:
        X = np.column_stack([X, np.ones(len(y))])
        dX = np.column_stack([dX, np.zeros(len(y))])
        names.append("_cons")
    exog = [v for v in indeps if v in regressors]
    std = [diff(ds.numeric(v)) for v in exog] + [ds.numeric(v) for v in inst]
    gmm = [DiffGmm(y, 2, None if maxldep is None else maxldep + 1)]
    gmm += [DiffGmm(ds.numeric(_canonical(f"L{nl}" if nl else "", v)), first, last) for v, nl, first, last in pre]
    level_gmm = []
    if which == "xtdpdsys":
        level_gmm.append(LevelGmm(apply_operator("LD", y, codes.astype(float), time.astype(float), 1.0)))
        for v, nl, first, _ in pre:
            src = ds.numeric(_canonical(f"L{nl}" if nl else "", v))
            level_gmm.append(LevelGmm(apply_operator(f"L{first - 1}D" if first > 1 else "D", src,
                                                     codes.astype(float), time.astype(float), 1.0)))
    problem = DpdProblem(
        panel=codes, time=time, y=y, X=X, dy=dy, dX=dX, diff_rows=deq,
        level_rows=touse if level_eq else None, diff_gmm=tuple(gmm),
        diff_standard=np.column_stack(std) if std else np.zeros((len(y), 0)), level_gmm=tuple(level_gmm),
        level_standard=np.ones((len(y), 1)) if constant and level_eq else None)
    counted = deq if (which == "xtabond" or not level_eq) else touse
    g_max = int(np.bincount(codes[counted]).max())
    artests = integer_option(opts, "artests", None)
    if artests is None:
        artests = min(2, g_max)
    if artests < 0:
        raise StataError("artests() must be a nonnegative integer", 198)
    if artests > 0 and artests > g_max:
        raise StataError("artests() cannot exceed the number of time periods", 498)
    if level_eq and not twostep and not robust:
        artests = 0
    gmm_text = [f"L({2}/{'.' if maxldep is None else maxldep + 1}).{depvar}"]
    gmm_text += [f"L({first}/{'.' if last is None else last}).{_canonical(f'L{nl}' if nl else '', v)}"
                 for v, nl, first, last in pre]
    level_text = ""
    if which == "xtdpdsys":
        level_text = " ".join([f"LD.{depvar}"] + [_canonical(f"L{first - 1}D" if first > 1 else "D",
                                                             _canonical(f"L{nl}" if nl else "", v))
                                                  for v, nl, first, _ in pre])
    return DpdModel(problem, depvar, names, ivar, tvar, twostep, robust, artests, touse, deq, level_eq,
                    " ".join(gmm_text), " ".join([_canonical("D", v) for v in exog] + inst), level_text,
                    "_cons" if constant and level_eq else "", notes,
                    (float(np.nanmin(time_values)), float(np.nanmax(time_values))))


def _independent(dX, rows, lags) -> np.ndarray:
    """Regressors kept: _rmcoll on the differences (the lags of depvar are never dropped)."""
    from mlmcli.collinear_columns import independent_candidates

    if dX.shape[1] == 0:
        return np.zeros(0, bool)
    keep = np.asarray(independent_candidates(dX[rows], False), bool)
    keep[:lags] = True
    return keep


def post_results(session, cmd, model: DpdModel, fit, which: str):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    names = tuple(model.names)
    test_idx = [j for j, n in enumerate(names) if n != "_cons"]
    Vt = fit.V[np.ix_(test_idx, test_idx)]
    bt = fit.b[test_idx]
    chi2 = float(bt @ np.linalg.pinv(Vt) @ bt) if test_idx else float("nan")
    counted = model.deq if (which == "xtabond" or not model.level_eq) else model.touse
    sizes = np.bincount(model.problem.panel[counted])
    sizes = sizes[sizes > 0]
    scalars = {"N": float(counted.sum()), "N_g": float(len(sizes)), "g_min": float(sizes.min()),
               "g_max": float(sizes.max()), "g_avg": float(sizes.mean()), "t_min": model.t_range[0],
               "t_max": model.t_range[1], "sig2": fit.sig2, "rss": fit.rss, "chi2": chi2,
               "df_m": float(np.linalg.matrix_rank(Vt)) if test_idx else 0.0, "zrank": float(fit.zrank),
               "artests": float(model.artests), "rank": float(np.linalg.matrix_rank(fit.V))}
    for j, z in enumerate(fit.arm, start=1):
        scalars[f"arm{j}"] = z
    if not model.robust:
        scalars["sargan"] = fit.sargan
    macros = {"cmd": which, "cmdline": (cmd.text or which).strip(), "depvar": model.depvar, "ivar": model.ivar,
              "tvar": model.tvar, "transform": "difference", "predict": "xtdpd_p", "marginsok": "XB default",
              "estat_cmd": "xtdpd_estat", "properties": "b V", "vce": "robust" if model.robust else "gmm"}
    if model.twostep:
        macros["twostep"] = "twostep"
    if model.robust:
        macros["vcetype"] = "WC-Robust" if model.twostep else "Robust"
    if model.level_eq:
        macros["system"] = "system"
    sample = model.touse if model.level_eq else model.deq
    from mlmcli.commands.postestimation.estat_dynamic_panel import DpdPredictions
    from mlmcli.commands.postestimation.margins_xb_only import coefficient_design

    e = EstimationResults(cmd=which, scalars=scalars, macros=macros,
                          matrices={"b": Matrix(fit.b[None, :], (model.depvar,), names),
                                    "V": Matrix(fit.V, names, names)},
                          sample=np.asarray(sample, bool), title=which,
                          model=DpdPredictions(model, fit),
                          design=coefficient_design(session.data, names, np.asarray(sample, bool)))
    e.result = result_of(e, 95.0)  # kept by estimates save: the instrument lists for replays
    e.stamp_sample(session.data)
    return e


def coefficient_rows(names, b, V, level: float) -> tuple:
    """The table's rows: L.n as level L1. under the heading n (the coefficient table's
    time-series layout)."""
    from mlmcli.postest.coefficient_rows import normal_or_t
    from mlmcli.results.mixed import CoefRow
    from mlmcli.time_series_ops import operated_heading

    with np.errstate(invalid="ignore"):
        se = np.sqrt(np.diag(V))
    stat, p, lo, hi = normal_or_t(b, se, level)
    rows = []
    for j, name in enumerate(names):
        term, lev = operated_heading(name) or (None, None)
        rows.append(CoefRow(name, float(b[j]), float(se[j]), float(stat[j]), float(p[j]), float(lo[j]),
                            float(hi[j]), term=term, level=lev))
    return tuple(rows)


def result_of(e, level: float, display_opts=()):
    """The printed result from e() and the instrument lists (kept in e.result: Stata keeps them
    in hidden e() macros)."""
    import dataclasses

    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.results.dynamic_panel import DynamicPanelResult

    s, m = e.scalars, e.macros
    names = list(e.matrices["b"].colnames)
    rows = coefficient_rows(names, e.matrices["b"].values.ravel(), e.matrices["V"].values, level)
    common = dict(title=TITLES[e.cmd], depvar=m["depvar"], ivar=m["ivar"], tvar=m["tvar"], nobs=int(s["N"]),
                  n_groups=int(s["N_g"]), g_min=int(s["g_min"]), g_avg=s["g_avg"], g_max=int(s["g_max"]),
                  zrank=int(s["zrank"]), df_m=int(s["df_m"]), chi2=s["chi2"],
                  p=float(chi2_dist.sf(s["chi2"], s["df_m"])), twostep=bool(m.get("twostep")), rows=rows,
                  vcetype=m.get("vcetype") or None, level=level, system=bool(m.get("system")),
                  twostep_gmm_warning=bool(m.get("twostep")) and m.get("vce") != "robust",
                  display=tuple(display_opts))
    if isinstance(e.result, DynamicPanelResult):
        return dataclasses.replace(e.result, **common)
    model = e.model.model
    return DynamicPanelResult(gmm_diff=model.gmm_diff, std_diff=model.std_diff, gmm_level=model.gmm_level,
                              std_level=model.std_level, **common)
