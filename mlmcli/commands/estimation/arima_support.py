"""arima's sample (the series on its time grid, gaps as missing periods), e() and the table
rows (``commands/estimation/arima.py``)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass
class ArimaData:
    depvar: str
    xb_equation: str
    regressors: list
    y: np.ndarray  # over the time grid tmin..tmax (NaN: a period not in the sample)
    X: np.ndarray
    sample: np.ndarray  # e(sample) over the data's rows
    rows: np.ndarray  # the data row of each grid period (-1: none in the sample)
    tmin: float
    tmax: float
    tvar: str
    gaps: int
    constant: bool


def sample_series(session, cmd, words, constant: bool) -> ArimaData:
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.commands.statistics.unit_root_tests import check_time_series
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.sample import mark_sample
    from mlmcli.time_series_ops import expand_ts_varlist

    ds = session.data
    tvar = check_time_series(session, cmd)
    names = []
    for w in words:
        names += expand_ts_varlist(ds, w)
    names = [_resolved(ds, n) for n in names]
    panel, time, delta = time_structure(ds)
    values = [operated_values(ds, n, panel, time, delta) for n in names]
    base = list(dict.fromkeys(n.rpartition(".")[2] for n in names))
    use = np.asarray(mark_sample(session, cmd, base), bool) & ~np.isnan(time)
    for v in values:
        use &= ~np.isnan(v)
    n = int(use.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    t = time[use]
    tmin, tmax = float(t.min()), float(t.max())
    steps = np.rint((t - tmin) / delta).astype(int)
    grid = int(round((tmax - tmin) / delta)) + 1
    rows = np.full(grid, -1)
    rows[steps] = np.flatnonzero(use)
    regressors = names[1:]
    k = len(regressors) + constant
    if n <= k:
        raise StataError("insufficient observations", 2001)
    y = np.full(grid, np.nan)
    y[steps] = values[0][use]
    X = np.zeros((grid, k))
    for j, v in enumerate(values[1:]):
        X[steps, j] = v[use]
    if constant:
        X[:, -1] = 1.0
    present = np.zeros(grid, bool)
    present[steps] = True
    gaps = int(np.count_nonzero(present[1:] & ~present[:-1]))
    return ArimaData(depvar=names[0], xb_equation=names[0].rpartition(".")[2], regressors=regressors, y=y, X=X,
                     sample=use, rows=rows, tmin=tmin, tmax=tmax, tvar=tvar, gaps=gaps, constant=constant)


def _resolved(ds, name: str) -> str:
    head, dot, var = name.rpartition(".")
    full = ds.resolve(var)
    if dot:
        from mlmcli.time_series_ops import canonical_operator

        return f"{canonical_operator(head)}.{full}"
    return full


def coefficient_names(data: ArimaData, spec) -> list[str]:
    names = [f"{data.xb_equation}:{r}" for r in data.regressors] + ([f"{data.xb_equation}:_cons"] if data.constant else [])
    names += [f"ARMA:{'L' if lag == 1 else f'L{lag}'}.ar" for lag in spec.ar]
    names += [f"ARMA:{'L' if lag == 1 else f'L{lag}'}.ma" for lag in spec.ma]
    return names + ["sigma:_cons"]


def arima_results(session, cmd, data: ArimaData, spec, params, V, fit, vce, level):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.matrix import Matrix

    names = coefficient_names(data, spec)
    tested = [j for j, nm in enumerate(names) if not nm.endswith(":_cons")]
    chi2, df = float("nan"), 0
    if tested:
        sub = V[np.ix_(tested, tested)]
        vals, U = np.linalg.eigh((sub + sub.T) / 2)
        keep = vals > 1e-12 * max(vals.max(), 0.0)
        df = int(keep.sum())
        chi2 = float(((U[:, keep].T @ params[tested]) ** 2 / vals[keep]).sum()) if df else float("nan")
    p = float(chi2_dist.sf(chi2, df)) if df else float("nan")
    df_m = float(df) if tested else float("nan")  # nothing to test: arima.ado runs no test, e(df_m) missing
    fmt = session.data.format_of(data.tvar)
    ar_max, ma_max = max(spec.ar, default=0), max(spec.ma, default=0)
    scalars = {"N": float(int((~np.isnan(data.y)).sum())), "N_gaps": float(data.gaps), "k": float(len(names)),
               "k_eq": float(bool(data.xb_equation and (data.regressors or data.constant)) + bool(spec.ar or spec.ma) + 1),
               "k_dv": 1.0, "k1": float(len(data.regressors) + data.constant), "df_m": df_m, "ll": fit.ll,
               "chi2": chi2, "p": p, "sigma": float(params[-1]), "tmin": data.tmin, "tmax": data.tmax,
               "ar_max": float(ar_max), "ma_max": float(ma_max), "rank": float(np.linalg.matrix_rank(V)),
               "ic": float(fit.log[-1][0]), "converged": float(fit.converged)}
    vcetype = {"opg": "OPG", "oim": "OIM", "robust": "Semirobust"}[vce]
    eqnames = ([data.xb_equation] if data.regressors or data.constant else []) + (["ARMA"] if spec.ar or spec.ma else [])
    macros = {"cmd": "arima", "cmdline": (cmd.text or f"arima {cmd.args}").strip(), "depvar": data.depvar,
              "title": "ARIMA regression", "eqnames": " ".join(eqnames + ["sigma"]),
              "tmins": format_number(data.tmin, fmt).strip(), "tmaxs": format_number(data.tmax, fmt).strip(),
              "ar": " ".join(map(str, spec.ar)), "ma": " ".join(map(str, spec.ma)), "vce": vce, "vcetype": vcetype,
              "chi2type": "Wald", "crittype": "log pseudolikelihood" if vce == "robust" else "log likelihood",
              "opt": "ml", "technique": "bhhh 5 bfgs 10", "predict": "arima_p", "estat_cmd": "arima_estat",
              "marginsok": "xb y default", "marginsnotok": "stdp mse Residuals YResiduals",
              "covariates": " ".join(data.regressors) or "_NONE", "properties": "b V", "seasons": "1" if spec.ar or spec.ma
              else ""}
    b = Matrix(params[None, :].copy(), ("y1",), tuple(names))
    Vm = Matrix(V.copy(), tuple(names), tuple(names))
    from mlmcli.commands.postestimation.margins_nl import empty_design

    model = ArimaModel(data=data, spec=spec, params=params.copy(), V=V.copy())
    e = EstimationResults(cmd="arima", scalars=scalars, macros=macros, matrices={"b": b, "V": Vm}, model=model,
                          sample=data.sample.copy(), title="ARIMA regression",
                          design=empty_design(int(data.sample.sum())))  # margins: every parameter ancillary
    e.result = arima_table(e, level)
    e.stamp_sample(session.data)
    return e


def arima_table(e, level):
    from mlmcli.distributions import norm
    from mlmcli.results.arima import ArimaResult
    from mlmcli.results.mixed import CoefRow

    names = e.matrices["b"].colnames
    b = e.matrices["b"].values.ravel()
    se = np.sqrt(np.clip(np.diag(e.matrices["V"].values), 0, None))
    q = float(norm.ppf(0.5 + level / 200))
    xb, arma, sigma = [], [], None
    for name, bj, sj in zip(names, b, se):
        eq, _, coef = name.partition(":")
        z = bj / sj if sj > 0 else float("nan")
        p = float(2 * norm.sf(abs(z))) if np.isfinite(z) else float("nan")
        lo, hi = bj - q * sj, bj + q * sj
        if eq == "sigma":
            sigma = CoefRow("/sigma", bj, sj, z, p, max(lo, 0.0), hi)
        elif eq == "ARMA":
            op, _, kind = coef.partition(".")
            lag = op[1:] or "1"
            arma.append(CoefRow(coef, bj, sj, z, p, lo, hi, term=kind, level=f"L{lag}."))
        else:
            xb.append(_xb_row(coef, bj, sj, z, p, lo, hi))
    s = e.scalars
    return ArimaResult(depvar=e.macros["depvar"], xb_equation=e.model.data.xb_equation, tmins=e.macros["tmins"],
                       tmaxs=e.macros["tmaxs"], n_gaps=int(s["N_gaps"]), nobs=int(s["N"]), chi2=s["chi2"],
                       df_m=s["df_m"], p=s["p"], ll=s["ll"],
                       crit="Log pseudolikelihood" if e.macros["vce"] == "robust" else "Log likelihood",
                       xb_rows=tuple(xb), arma_rows=tuple(arma), sigma_row=sigma, vce_label=e.macros["vcetype"],
                       level=level)


def _xb_row(name, b, se, z, p, lo, hi):
    from mlmcli.results.mixed import CoefRow

    head, dot, var = name.rpartition(".")
    if dot:  # an operated regressor: grouped under its variable (L1., D1.)
        level = head if head[-1].isdigit() else head + "1"
        return CoefRow(name, b, se, z, p, lo, hi, term=var, level=level + ".")
    return CoefRow(name, b, se, z, p, lo, hi)


@dataclass
class ArimaModel:
    """The fit behind e(): predict's xb (one-step predictions of the model, ARMA part included,
    by the Kalman filter) and residuals; ``structural``: x b alone."""

    data: ArimaData
    spec: object
    params: np.ndarray
    V: np.ndarray

    # margins' hooks (estimation.interface.MarginsFit; commands/postestimation/margins_arima.py)
    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_arima import arima_margins_prediction

        return arima_margins_prediction(self, options, coefficient_names(self.data, self.spec))

    def margins_other_labels(self) -> tuple:
        from mlmcli.commands.postestimation.margins_arima import arima_covariate_labels

        return arima_covariate_labels(self)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.postestimation.margins_arima import arima_margins_variables

        return arima_margins_variables(self)

    def predictions(self, session, e, structural: bool) -> tuple[np.ndarray, np.ndarray]:
        """(xb, depvar - xb) over the current rows: each row placed on the fit's time grid by its
        time value (the grid extended past the sample's end, so later rows -- tsappend's -- get
        forecasts); the filter runs over the estimation sample's depvar only, so a row outside
        e(sample) gets the prediction from the sample's periods before it.  Rows before the
        sample's start or with a regressor missing: missing."""
        from mlmcli.commands.statistics.correlogram import operated_values
        from mlmcli.panel.time_settings import time_structure
        from mlmcli.time_series.arima_kalman import one_step_disturbances

        d = self.data
        ds = session.data
        n = ds.nobs
        xb, resid = np.full(n, np.nan), np.full(n, np.nan)
        panel, time, delta = time_structure(ds)
        where = np.flatnonzero(~np.isnan(time))
        idx = np.rint((time[where] - d.tmin) / delta).astype(int)
        keep = idx >= 0
        where, idx = where[keep], idx[keep]
        if not where.size:
            return xb, resid
        size = max(int(idx.max()) + 1, d.y.size)
        y = np.full(size, np.nan)
        y[:d.y.size] = d.y
        X = np.zeros((size, d.X.shape[1]))
        X[:d.X.shape[0]] = d.X
        present = np.ones(where.size, bool)
        for j, name in enumerate(d.regressors):
            values = operated_values(ds, name, panel, time, delta)[where]
            present &= ~np.isnan(values)
            X[idx[present], j] = values[present]
        if d.constant:
            X[:, -1] = 1.0
        k = X.shape[1]
        grid = X @ self.params[:k] if k else np.zeros(size)
        if not structural:
            grid = grid + one_step_disturbances(self.params, y, X, self.spec)
        where, idx = where[present], idx[present]
        xb[where] = grid[idx]
        resid[where] = operated_values(ds, d.depvar, panel, time, delta)[where] - grid[idx]
        return xb, resid
