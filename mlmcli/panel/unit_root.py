"""Panel unit-root tests (xtunitroot): Levin-Lin-Chu (2002), as _xturllc.ado computes it, and
Hadri's (2000) LM test (``hadri``).

Per panel i (T_i observations, p ADF lags, d_it the deterministics: none, a constant, or a
constant and a trend): e_it, the residuals of D.y on L(1/p).D.y and d_it, and v_i,t-1, those of
L.y on the same, both divided by s_ei (the residual standard error of e on v, on T - p - 1
degrees of freedom); s_i^2 the Bartlett long-run variance of D.y (less its mean, or its trend
fit) with int(3.21 T^(1/3)) lags, over s_ei^2.  The pooled regression of e on v gives delta,
its standard error (times sqrt((N - 1)/N)) and t_delta; t* = (t_delta - N T~ S_N se(delta)
mu*/s_e^2)/sigma*, T~ the mean of the first regressions' observations, S_N the mean s_i, s_e^2
the pooled RSS/N, (mu*, sigma*) LLC's table 2 interpolated at T~.  The engine never prints.
"""
from __future__ import annotations

import numpy as np

from mlmcli.results.panel_unit_root import BreitungTest, HadriTest, HTTest, IPSTest, LLCTest


def _div(a: float, b: float) -> float:
    """a / b, missing (NaN) when b is 0: Stata's arithmetic on a constant series."""
    return a / b if b != 0 else float("nan")


def _missing_arithmetic(test):
    """Run ``test`` with numpy's 0/0 and x/0 quiet: a constant series gives missing statistics,
    as Stata's scalar arithmetic does (mlm's reading of the ado files; no Stata log)."""
    import functools

    @functools.wraps(test)
    def run(*args, **kwargs):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return test(*args, **kwargs)
    return run

# LLC table 2: T~, mu*, sigma* for models 1 (none), 2 (constant), 3 (trend); the ado's values
_ADJ = {
    1: [(25, .004, 1.049), (30, .003, 1.035), (35, .002, 1.027), (40, .002, 1.021), (45, .001, 1.017),
        (50, .001, 1.014), (60, .001, 1.011), (70, .000, 1.008), (80, .000, 1.007), (90, .000, 1.006),
        (100, .000, 1.005), (250, .000, 1.001), (np.inf, .000, 1.000)],
    2: [(25, -.554, .919), (30, -.546, .889), (35, -.541, .867), (40, -.537, .850), (45, -.533, .837),
        (50, -.531, .826), (60, -.527, .810), (70, -.524, .798), (80, -.521, .789), (90, -.520, .782),
        (100, -.518, .776), (250, -.509, .742), (np.inf, -.500, .707)],
    3: [(25, -.703, 1.003), (30, -.674, .949), (35, -.653, .906), (40, -.637, .971), (45, -.624, .842),
        (50, -.614, .818), (60, -.598, .780), (70, -.587, .751), (80, -.578, .728), (90, -.571, .710),
        (100, -.566, .695), (250, -.533, .603), (np.inf, -.500, .500)],
}


def adjustment(t: float, model: int, interpolate: bool = True) -> tuple[float, float]:
    rows = _ADJ[model]
    row = next(i for i, r in enumerate(rows) if t <= r[0])
    if row in (0, len(rows) - 1) or not interpolate:
        return rows[row][1], rows[row][2]
    lo, hi = rows[row - 1], rows[row]
    wc = (t - lo[0]) / (hi[0] - lo[0])
    return (1 - wc) * lo[1] + wc * hi[1], (1 - wc) * lo[2] + wc * hi[2]


def _resid(y, X):
    if X.shape[1] == 0:
        return y.copy()
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    return y - X @ b


def _bartlett(w: np.ndarray, lags: int) -> float:
    s = float(w @ w)
    for i in range(1, lags + 1):
        s += 2 * (1 - i / (lags + 1)) * float(w[i:] @ w[:-i])
    return s / len(w)


@_missing_arithmetic
def levin_lin_chu(panels: list[np.ndarray], *, lags: int, model: int, interpolate: bool = True,
                  hac_lags: int | None = None) -> LLCTest:
    """``panels``: each panel's series in time order (balanced, no gaps); ``hac_lags`` the
    Bartlett kernel's lags (None: LLC's int(3.21 T^(1/3)))."""
    from mlmcli.distributions import norm

    E, Vv, s_i, t_i, hac = [], [], [], [], []
    for y in panels:
        T = len(y)
        dy = np.diff(y)  # D.y at t = 2..T
        ly = y[:-1]
        rows = np.arange(lags, T - 1)  # rows of dy with p lags of dy available
        D = [np.ones(len(rows))] if model >= 2 else []
        if model == 3:
            D.append((rows + 2).astype(float))  # the trend: the period number
        lagd = [dy[rows - j] for j in range(1, lags + 1)]
        Z = np.column_stack(lagd + D) if lagd or D else np.zeros((len(rows), 0))
        e = _resid(dy[rows], Z)
        v = _resid(ly[rows], Z)
        t_i.append(len(rows))
        b = _div(float(e @ v), float(v @ v))
        rss = float(((e - b * v) ** 2).sum())
        mrssdf = np.float64(rss) / (T - lags - 1)
        E.append(e / np.sqrt(mrssdf))
        Vv.append(v / np.sqrt(mrssdf))
        if model == 1:
            w = dy.copy()
        elif model == 2:
            w = dy - dy.mean()
        else:
            w = _resid(dy, np.column_stack([np.ones(len(dy)), np.arange(2, T + 1, dtype=float)]))
        L = int(3.21 * T ** (1 / 3)) if hac_lags is None else hac_lags
        hac.append(L)
        s_i.append(np.sqrt(_div(_bartlett(w, L), mrssdf)))
    e, v = np.concatenate(E), np.concatenate(Vv)
    delta = _div(float(e @ v), float(v @ v))
    N = len(e)
    rss = float(((e - delta * v) ** 2).sum())
    se = np.sqrt(rss / (N - 1) / float(v @ v)) * np.sqrt((N - 1) / N)
    td = delta / se
    ttilde = float(np.mean(t_i))
    nt = float(np.sum(t_i))
    sbar = float(np.mean(s_i))
    sig_e2 = rss / N
    td, sbar = float(td), float(sbar)
    mu, sig = adjustment(ttilde, model, interpolate)
    tds = (td - nt * _div(sbar, sig_e2) * se * mu) / sig
    return LLCTest(n_panels=len(panels), n_periods=len(panels[0]), td=td, tds=tds, model=model,
                   p_td=float(norm.cdf(td)) if model == 1 else float("nan"), p_tds=float(norm.cdf(tds)),
                   delta=delta, se_delta=float(se), ttilde=ttilde, sbar=sbar, var_ep=sig_e2, mu_adj=mu,
                   sig_adj=sig, hac_lags=float(np.mean(hac)), adf_lags=lags, N=int(nt))


def _kernel_weight(kernel: str, z: float) -> float:
    if kernel == "bartlett":
        return 1.0 - z
    if kernel == "parzen":
        return 1 - 6 * z ** 2 + 6 * z ** 3 if z <= 0.5 else 2 * (1 - z) ** 3
    theta = 6 * np.pi * z / 5  # quadratic spectral
    return 1.0 if z == 1 else 3 * (np.sin(theta) / theta - np.cos(theta)) / theta ** 2


@_missing_arithmetic
def hadri(panels: list[np.ndarray], *, trend: bool, robust: bool, kernel: str | None = None,
          lags: int = 1) -> HadriTest:
    """Hadri's (2000) LM test of stationarity, as _xturhadri.ado: the residuals of each panel's
    regression on a constant (and trend), their partial sums S_it; LM = sum S_it^2 / (N T^2
    sigma^2), sigma^2 the residuals' variance on N (T - 1 - trend) degrees of freedom (robust:
    each panel's own; kernel(): the panels' mean long-run variance); z = sqrt(N)(LM - mu)/sqrt(var)
    with (mu, var) = (1/6, 1/45), or (1/15, 11/6300) with a trend."""
    from mlmcli.distributions import norm

    N, T = len(panels), len(panels[0])
    X = np.column_stack([np.ones(T)] + ([np.arange(1, T + 1, dtype=float)] if trend else []))
    E = np.array([_resid(y, X) for y in panels])
    S2 = (np.cumsum(E, axis=1) ** 2).sum(axis=1)
    divisor = T - 1 - int(trend)
    if kernel is not None:
        lrvar = (E ** 2).sum(axis=1) / T
        for lag in range(1, lags + 1):
            kw = _kernel_weight(kernel, lag / (lags + 1))
            lrvar = lrvar + 2 * kw * (E[:, lag:] * E[:, :-lag]).sum(axis=1) / T
        LM = float(S2.sum() / lrvar.mean()) / (N * T ** 2)
    elif robust:
        LM = float((S2 / ((E ** 2).sum(axis=1) / divisor)).sum()) / (N * T ** 2)
    else:
        sigma2 = float((E ** 2).sum()) / (N * divisor)
        LM = _div(float(S2.sum()) / (N * T ** 2), sigma2)
    mu, var = (1 / 15, 11 / 6300) if trend else (1 / 6, 1 / 45)
    z = np.sqrt(N) * (LM - mu) / np.sqrt(var)
    return HadriTest(n_panels=N, n_periods=T, z=float(z), p=float(norm.sf(z)), mu=mu, var=var, lm=LM,
                     trend=trend, robust=robust, kernel=kernel, lags=lags)


def _table1(T: float, interpolate: bool):
    from mlmcli.panel.ips_tables import TABLE1

    row = next((i for i in range(14) if T <= TABLE1[i][0]), 14)
    if T <= 10 or T > 1000 or not interpolate:
        return TABLE1[row][1:]
    lo, hi = TABLE1[row - 1], TABLE1[row]
    b = 1 - (T - lo[0]) / (hi[0] - lo[0])
    t = 1 - (hi[0] - T) / (hi[0] - lo[0])
    return tuple(b * x + t * y for x, y in zip(lo[1:], hi[1:]))


def _table3(p: int, T: float, trend: bool, interpolate: bool):
    """(mean, variance) of the ADF t with p lags (IPS table 3); None where there is none."""
    from mlmcli.panel.ips_tables import T3_T, TABLE3

    if p < 0 or p > 8:
        return None
    col = next((j for j, head in enumerate(T3_T[:-1]) if T <= head), len(T3_T) - 1)
    mean, var = TABLE3[("mean", trend)][p], TABLE3[("var", trend)][p]
    if not interpolate or col == 0 or T >= 100 or T in T3_T:
        out = (mean[col], var[col])
    else:
        lo, hi = T3_T[col - 1], T3_T[col]
        b, t = 1 - (T - lo) / (hi - lo), 1 - (hi - T) / (hi - lo)
        if None in (mean[col - 1], mean[col], var[col - 1], var[col]):
            return None
        out = (b * mean[col - 1] + t * mean[col], b * var[col - 1] + t * var[col])
    return None if None in out else out


def _adf_t(y: np.ndarray, lags: int, trend: bool):
    """The ADF regression of D.y on L.y, p lagged differences, a constant (and the trend):
    (t of L.y, its coefficient, se, rmse, D.y's standard deviation, observations)."""
    T = len(y)
    dy, ly = np.diff(y), y[:-1]
    rows = np.arange(lags, T - 1)
    cols = [ly[rows]] + [dy[rows - j] for j in range(1, lags + 1)] + [np.ones(len(rows))]
    if trend:
        cols.append((rows + 2).astype(float))
    X = np.column_stack(cols)
    XtX_inv = np.linalg.inv(X.T @ X)
    b = XtX_inv @ (X.T @ dy[rows])
    e = dy[rows] - X @ b
    n, k = X.shape
    rmse = np.sqrt(float(e @ e) / (n - k))
    se = rmse * np.sqrt(XtX_inv[0, 0])
    return b[0] / se, b[0], se, rmse, float(np.std(dy, ddof=1)), n


@_missing_arithmetic
def im_pesaran_shin(panels: list[np.ndarray], *, lags: int | None, trend: bool, balanced: bool,
                    interpolate: bool = True) -> IPSTest:
    """Im, Pesaran and Shin's (2003) tests as _xturips.ado: without lags(), t-bar (the mean of
    the panels' Dickey-Fuller t), t-tilde-bar (t with D.y's standard deviation for the residual
    one) and Z-t-tilde-bar = sqrt(N)(t-tilde-bar - E)/sqrt(V) (IPS table 1 at each T_i), with
    table 2's critical values of t-bar for balanced panels; with lags(p), W-t-bar from table 3."""
    from mlmcli.distributions import norm
    from mlmcli.panel.ips_tables import CRIT_N, CRIT_T, CRITICAL

    N = len(panels)
    Ts = [len(y) for y in panels]
    capT, minT = float(np.mean(Ts)), min(Ts)
    stats = [_adf_t(y, lags or 0, trend) for y in panels]
    tbar = float(np.mean([s[0] for s in stats]))
    nobs = int(sum(s[5] for s in stats))
    if lags is None:
        tt = [b / (se / rmse * sd) for _, b, se, rmse, sd, _ in stats]
        tab = np.array([_table1(T, interpolate) for T in Ts]).mean(axis=0)
        mut, vart, mu, var = (float(x) for x in tab)
        ttbar = float(np.mean(tt))
        zt = np.sqrt(N) * (tbar - mu) / np.sqrt(var)
        ztt = np.sqrt(N) * (ttbar - mut) / np.sqrt(vart)
        crit = None
        if balanced:
            row = next((i for i, n in enumerate(CRIT_N) if N <= n), len(CRIT_N))
            col = next((j for j, t in enumerate(CRIT_T) if capT <= t), len(CRIT_T))
            crit = tuple(CRITICAL[(lev, trend)][row][col] for lev in (1, 5, 10))
            ok = minT > 5 if not trend else minT > 6
        else:
            ok = minT > 9
        return IPSTest(n_panels=N, n_periods=capT, balanced=balanced, trend=trend, lags=None, tbar=tbar,
                       ttildebar=ttbar, zt=float(zt), zttildebar=float(ztt),
                       p_zttildebar=float(norm.cdf(ztt)) if ok else float("nan"), critical=crit,
                       wtbar=float("nan"), p_wtbar=float("nan"), N=nobs)
    moments = [_table3(lags, T, trend, interpolate) for T in Ts]
    missing = [T for T, m in zip(Ts, moments) if m is None]
    if missing:
        raise ValueError(missing[0])
    mu = float(np.mean([m[0] for m in moments]))
    var = float(np.mean([m[1] for m in moments]))
    w = np.sqrt(N) * (tbar - mu) / np.sqrt(var)
    return IPSTest(n_panels=N, n_periods=capT, balanced=balanced, trend=trend, lags=lags, tbar=tbar,
                   ttildebar=float("nan"), zt=float("nan"), zttildebar=float("nan"), p_zttildebar=float("nan"),
                   critical=None, wtbar=float(w), p_wtbar=float(norm.cdf(w)), N=nobs)


@_missing_arithmetic
def harris_tzavalis(panels: list[np.ndarray], *, model: int, altt: bool = False) -> HTTest:
    """Harris and Tzavalis's (1999) test as _xturht.ado: rho the pooled coefficient of y on L.y
    (no constant; within panels; within panels and about each panel's trend), z = (rho - E)/sqrt(V)
    with E and V their fixed-T moments (T - 1 with altt)."""
    from mlmcli.distributions import norm

    N, T = len(panels), len(panels[0])
    ys, ls = [], []
    for y in panels:
        cur, lag = y[1:].astype(float), y[:-1].astype(float)
        if model >= 2:
            Z = np.column_stack([np.ones(T - 1)] + ([np.arange(2, T + 1, dtype=float)] if model == 3 else []))
            cur, lag = _resid(cur, Z), _resid(lag, Z)
        ys.append(cur)
        ls.append(lag)
    y, x = np.concatenate(ys), np.concatenate(ls)
    rho = _div(float(x @ y), float(x @ x))
    t = T - 1 if altt else T
    if model == 1:
        mean, var = 1.0, 2.0 / (t * (t - 1)) / N
    elif model == 2:
        mean, var = 1 - 3 / (t + 1), 3 * (17 * t ** 2 - 20 * t + 17) / (5 * (t - 1) * (t + 1) ** 3) / N
    else:
        mean = 1 - 15 / (2 * (t + 2))
        var = 15 * (193 * t ** 2 - 728 * t + 1147) / (112 * (t + 2) ** 3 * (t - 2)) / N
    z = (rho - mean) / np.sqrt(var)
    return HTTest(n_panels=N, n_periods=T, rho=rho, mean_rho=mean, var_rho=var, z=float(z), p=float(norm.cdf(z)),
                  model=model, altt=altt)


@_missing_arithmetic
def breitung(panels: list[np.ndarray], *, lags: int, constant: bool) -> BreitungTest:
    """Breitung's (2000) lambda without a trend, as _xturbreitung.ado: per panel L.y (less the
    panel's y at observation lags + 1 with a constant) and D.y, prewhitened with p lags by their
    residuals on L(1/p)D.y; sigma_i^2 = sum (D.y)^2/(T - p - 2); lambda = sum_i s10_i /
    sqrt(sum_i s11_i), s10 = sum L.y D.y / sigma_i^2, s11 = sum (L.y)^2 / sigma_i^2."""
    from mlmcli.distributions import norm

    N, T = len(panels), len(panels[0])
    s10 = s11 = 0.0
    for y in panels:
        y = y.astype(float)
        dy = np.diff(y)  # t = 2..T
        ly = y[:-1] - (y[lags] if constant else 0.0)
        if lags:
            rows = np.arange(lags, T - 1)
            Z = np.column_stack([dy[rows - j] for j in range(1, lags + 1)])
            dy, ly = _resid(dy[rows], Z), _resid(ly[rows], Z)
        sig2 = float(dy @ dy) / (T - lags - 2)
        if sig2 == 0.0:  # a panel whose D.y is all zero: Stata's division by 0 is missing
            s10 = s11 = float("nan")
            break
        s10 += float(ly @ dy) / sig2
        s11 += float(ly @ ly) / sig2
    lam = s10 / np.sqrt(s11) if s11 > 0 else float("nan")
    return BreitungTest(n_panels=N, n_periods=T, lam=float(lam), p=float(norm.cdf(lam)), lags=lags, constant=constant)
