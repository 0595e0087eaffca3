"""``correlate`` and ``pwcorr``.

    correlate [varlist] [if] [in] [aw fw] [, means noformat covariance wrap]
    correlate [varlist] [if] [in] [aw fw], _coef          (after estimation: corr of e(V))
    pwcorr [varlist] [if] [in] [aw fw] [, obs sig print(#) star(#) bonferroni sidak
           listwise casewise]

correlate uses the observations where every variable is known and leaves r(N), r(rho)
(first two variables), r(C) (and r(cov_12), r(Var_1), r(Var_2) with ``covariance``);
pwcorr each pair's own observations (all of them together with listwise/casewise) and
leaves r(N), r(rho), r(C), r(sig).  Numbers from ``mlmcli.correlation``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, weights
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

CORRELATE_OPTIONS = [OptionSpec("means", 1), OptionSpec("noformat", 5), OptionSpec("covariance", 3),
                     OptionSpec("wrap", 1), OptionSpec("_coef", 2)]
PWCORR_OPTIONS = [OptionSpec("bonferroni", 1), OptionSpec("obs", 1), OptionSpec("print", 1, takes_arg=True),
                  OptionSpec("sidak", 3), OptionSpec("sig", 3), OptionSpec("star", 2, takes_arg=True),
                  OptionSpec("listwise", 4), OptionSpec("casewise", 4)]


def _varlist(session, cmd) -> list[str]:
    ds = session.data
    if cmd.args.strip():
        return ds.expand_varlist(cmd.args)
    return [n for n in ds.df.columns if not ds.is_string(n)]


def _columns(session, cmd) -> tuple[list[str], list[str], dict]:
    """(display names, the variables they use, {display name: operated series}) of a
    varlist that may hold time-series operators (``L.x``, ``D2.x``; ``xtset``/``tsset``
    required, as in Stata)."""
    from mlmcli.panel.time_operators import apply_operators, operator_name, split_operator

    ds = session.data
    if not any(split_operator(w) for w in cmd.args.split()):
        names = _varlist(session, cmd)
        return names, names, {}
    from mlmcli.commands.data.panel_settings import panel_setting, recorded_delta, time_setting

    names, used, series = [], [], {}
    for word in cmd.args.split():
        parsed = split_operator(word)
        if parsed is None:
            plain = ds.expand_varlist(word)
            names += plain
            used += plain
            continue
        ops, var = parsed
        var = ds.resolve(var)
        tvar = time_setting(ds)
        if not tvar:
            raise StataError("time variable not set, use tsset varname ...", 111)
        pvar = panel_setting(ds)
        panel = ds.numeric(pvar) if pvar and not ds.is_string(pvar) else np.zeros(ds.nobs)
        name = operator_name(ops, var)
        if ds.is_string(var):
            raise StataError("type mismatch", 109)
        series[name] = apply_operators(ops, ds.numeric(var), panel, ds.numeric(tvar),
                                       recorded_delta(ds))
        names.append(name)
        used += [var, tvar] + ([pvar] if pvar else [])
    return names, list(dict.fromkeys(used)), series


def _values(ds, name: str, series: dict) -> np.ndarray:
    return series[name] if name in series else ds.numeric(name)


def _matrix(names, values):
    from mlmcli.results.matrix import Matrix

    return Matrix(np.asarray(values, float), tuple(names), tuple(names))


def _means_format(session, name: str, noformat: bool) -> str:
    fmt = session.data.format_of(name)
    return "%9.0g" if noformat or not fmt[-1:] in ("g", "f") or fmt.startswith("%-") else fmt


def cmd_correlate(session, cmd) -> None:
    from mlmcli.correlation import correlation_from_covariance, covariance_matrix, scaled_covariance
    from mlmcli.render.correlation import render_correlate
    from mlmcli.results.statistics import CorrelationMatrix, MeansRow

    opts = resolve_options(cmd.options, CORRELATE_OPTIONS)
    if opts.get("_coef"):
        return _coef_correlation(session, cmd, opts)
    ds = session.data
    names, used, series = _columns(session, cmd)
    for n in names:
        if n not in series and ds.is_string(n):
            raise StataError("type mismatch", 109)
    rows = mark(session, cmd, used)
    for values in series.values():
        rows &= ~np.isnan(values)
    rows, w, kind = weights(session, cmd, rows, ("aweight", "fweight"))
    X = np.column_stack([_values(ds, n, series)[rows] for n in names]) if names else np.empty((0, 0))
    if X.shape[0] == 0:
        raise StataError("no observations", 2000)
    wv = w[rows] if w is not None else None
    means, C, N = covariance_matrix(X, wv, kind)
    R = correlation_from_covariance(scaled_covariance(X, wv, kind)[1])  # finite near 1e307
    if wv is not None:
        from mlmcli.render.regress_table import weight_sum_line

        session.print(weight_sum_line(float(np.sum(wv))))
    session.print(f"(obs={int(round(N))})")
    show = C if opts.get("covariance") else R
    means_rows = ()
    if opts.get("means"):
        sd = np.sqrt(np.diag(C))
        means_rows = tuple(MeansRow(n, means[j], sd[j], float(X[:, j].min()), float(X[:, j].max()),
                                    "%9.0g" if n in series else _means_format(session, n, bool(opts.get("noformat"))))
                           for j, n in enumerate(names))
    k = len(names)
    table = CorrelationMatrix(tuple(names), tuple(tuple(float(show[i, j]) for j in range(i + 1)) for i in range(k)),
                              covariance=bool(opts.get("covariance")), means=means_rows)
    session.print(render_correlate(table))
    r = {"N": float(round(N)), "C": _matrix(names, show)}
    if k >= 2:
        r["rho"] = float(R[1, 0])
        if opts.get("covariance"):
            r.update(cov_12=float(C[1, 0]), Var_1=float(C[0, 0]), Var_2=float(C[1, 1]))
    session.set_r(r)


def _coef_correlation(session, cmd, opts) -> None:
    from mlmcli.correlation import correlation_from_covariance
    from mlmcli.estimation.active import active
    from mlmcli.render.correlation import render_correlate
    from mlmcli.results.statistics import CorrelationMatrix

    if cmd.args.strip() or cmd.if_exp or cmd.in_range or cmd.weight is not None:
        raise StataError("_coef may not be combined with a varlist, if, in or weights", 198)
    c = active(session).coefficients()
    keep = [i for i in range(len(c.names)) if c.V[i, i] > 0]
    names = tuple(c.names[i] for i in keep)
    V = c.V[np.ix_(keep, keep)]
    show = V if opts.get("covariance") else correlation_from_covariance(V)
    k = len(names)
    table = CorrelationMatrix(names, tuple(tuple(float(show[i, j]) for j in range(i + 1)) for i in range(k)),
                              covariance=bool(opts.get("covariance")))
    session.print(render_correlate(table))
    session.set_r({"C": _matrix(names, show)})


def significance_level(opts, name) -> float | None:
    if opts.get(name) is None:
        return None
    try:
        v = float(str(opts[name]).strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if v >= 1:
        v = v / 100
        if v >= 1:
            raise StataError(f"{name}() out of range", 198)
    return v


def cmd_pwcorr(session, cmd) -> None:
    from mlmcli.correlation import pair_correlation, significance
    from mlmcli.render.correlation import render_pwcorr
    from mlmcli.results.statistics import PairwiseCorrelations

    opts = resolve_options(cmd.options, PWCORR_OPTIONS)
    ds = session.data
    names = []
    all_names, used, series = _columns(session, cmd)
    for n in all_names:
        if n not in series and ds.is_string(n):
            session.print(f"({n} ignored because string variable)")
        else:
            names.append(n)
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    if opts.get("bonferroni") and opts.get("sidak"):
        raise StataError("options bonferroni and sidak may not be combined", 198)
    adjustment = "bonferroni" if opts.get("bonferroni") else ("sidak" if opts.get("sidak") else None)
    star, print_level = significance_level(opts, "star"), significance_level(opts, "print")
    listwise = bool(opts.get("listwise") or opts.get("casewise"))
    rows = mark(session, cmd, [n for n in used if not ds.is_string(n)] if listwise else [])
    if listwise:
        for values in series.values():
            rows &= ~np.isnan(values)
    rows, w, kind = weights(session, cmd, rows, ("aweight", "fweight"))
    cols = {n: np.where(rows, _values(ds, n, series), np.nan) for n in names}
    k = len(names)
    rho = np.full((k, k), np.nan)
    p = np.full((k, k), np.nan)
    N = np.zeros((k, k), dtype=int)
    for i in range(k):
        for j in range(i + 1):
            r, n = pair_correlation(cols[names[i]], cols[names[j]], w, kind)
            if i == j and n:
                r = 1.0
            rho[i, j] = rho[j, i] = r
            N[i, j] = N[j, i] = n
            p[i, j] = p[j, i] = significance(r, n, adjustment, k) if i != j else 0.0
    if k == 2 and N[1, 0] == 0:
        raise StataError("no observations", 2000)
    table = PairwiseCorrelations(tuple(names), tuple(map(tuple, rho)), tuple(map(tuple, p)), tuple(map(tuple, N)),
                                 sig=bool(opts.get("sig")), obs=bool(opts.get("obs")), star=star,
                                 print_level=print_level)
    session.print(render_pwcorr(table))
    r = {"rho": float(rho[0, 1]), "N": float(N[0, 1]), "C": _matrix(names, rho)}
    if opts.get("sig"):
        sig = np.where(np.eye(k, dtype=bool), 0.0, p)
        r["sig"] = _matrix(names, sig)
    session.set_r(r)
