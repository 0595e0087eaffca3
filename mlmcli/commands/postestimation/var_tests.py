"""var's postestimation tests ([TS] varsoc, vargranger, varstable, varlmar, varnorm, varwle; the ado
files of the Stata 16 tree, unchanged since Stata 9-11):

    varsoc [depvarlist] [if] [in] [, maxlag(#) exog(varlist) noconstant lutstats separator(#)]
    vargranger [, separator(#)]
    varstable [, amat(name) separator(#)]
    varlmar [, mlag(#) separator(#)]
    varnorm [, jbera skewness kurtosis separator(#)]
    varwle [, separator(#)]

Each takes estimates(name): the stored var results to test.  Formulas: ``time_series.var_model``;
tables: ``render.var_tests``.  Refused by name: constraints(), varstable's amat(),
after svar the tests use its underlying var; varnorm orthogonalizes by svar's A^-1 B unless
cholesky.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

HELP = {"varsoc": "varsoc [depvarlist] [if] [in] [, maxlag(#) exog() noconstant lutstats] : lag-order selection",
        "vargranger": "vargranger : Granger causality Wald tests after var",
        "varstable": "varstable : eigenvalue stability condition after var",
        "varlmar": "varlmar [, mlag(#)] : Lagrange-multiplier test for residual autocorrelation after var",
        "varnorm": "varnorm [, jbera skewness kurtosis] : normality tests of var's disturbances",
        "varwle": "varwle : Wald lag-exclusion statistics after var"}
_SEP = OptionSpec("separator", 3, takes_arg=True)
_EST = OptionSpec("estimates", 3, takes_arg=True)


def _refuse(opts, names, cmd_name):
    for name in names:
        if opts.get(name) not in (None, False):
            raise StataError(f"option {name}() of {cmd_name} is not implemented in mlmcli"
                             if name != "graph" else f"option graph of {cmd_name} is not implemented in mlmcli", 198)


def _var_results(session, cmd_name: str, message: str, opts=None, missing_rc: int = 198):
    """The active var results, or estimates(name)'s (``cannot restore estimates(name)`` when
    there are none by that name: r(111) or the command's r(198))."""
    from mlmcli.estimation.active import lookup

    name = str((opts or {}).get("estimates") or ".").strip()
    if name != ".":
        try:
            e = lookup(session, name)
        except StataError:
            raise StataError(f"cannot restore estimates({name})", missing_rc) from None
    else:
        e = session.e
    if e is not None and e.cmd == "svar" and isinstance(e.result, dict) and "var" in e.result:
        return e.result["var"]  # svar's underlying var (its e(*_var) results)
    if e is None or e.cmd != "var" or getattr(e, "model", None) is None:
        raise StataError(message, 198 if e is not None else 301)
    return e


def _structural_factor(session, opts):
    """After svar: A^-1 B, by which varnorm orthogonalizes the residuals unless cholesky."""
    from mlmcli.estimation.active import lookup

    name = str((opts or {}).get("estimates") or ".").strip()
    try:
        e = session.e if name == "." else lookup(session, name)
    except StataError:
        return None
    if e is None or e.cmd != "svar":
        return None
    return np.linalg.solve(e.matrices["A"].values, e.matrices["B"].values)


def _separator(opts, default: int) -> int:
    value = integer_option(opts, "separator", default)
    if value < 0:
        raise StataError(f"separator({value}) invalid", 198)
    return value


def _with_rules(lines, rule, every: int):
    out = []
    for i, ln in enumerate(lines):
        if every and i and i % every == 0:
            out.append(rule)
        out.append(ln)
    return out


# ---------------------------------------------------------------------------- vargranger
def cmd_vargranger(session, cmd) -> None:
    from mlmcli.render.var_tests import render_vargranger
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.var_model import wald

    opts = resolve_options(cmd.options, [_EST, _SEP])
    e = _var_results(session, "vargranger", "vargranger only works with estimates from var or svar", opts, 111)
    neqs = _separator(opts, len(e.macros["endog"].split()))
    endog, eqnames, lags = e.macros["endog"].split(), e.macros["eqnames"].split(), e.result["lags"]
    names = list(e.matrices["b"].colnames)
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    small = e.macros.get("small") == "small"
    df_r = e.scalars.get("df_r")
    from mlmcli.commands.estimation.vector_autoregression import lag_name
    from mlmcli.distributions import chi2 as chi2_dist, f as f_dist

    rows, values, rnames, reqs = [], [], [], []
    for eq, y in zip(eqnames, endog):
        every = []
        for x in endog:
            if x == y:
                continue
            idx = [names.index(f"{eq}:{lag_name(x, lag)}") for lag in lags]
            every += idx
            rows.append(_granger_row(eq, x, *wald(b, V, idx), small, df_r, chi2_dist, f_dist))
        rows.append(_granger_row(eq, "ALL", *wald(b, V, every), small, df_r, chi2_dist, f_dist))
    for row in rows:
        values.append(row[2:])
        rnames.append(row[1])
        reqs.append(row[0])
    text = render_vargranger(rows, len(endog), small)
    if neqs != len(endog):  # separator(#): a rule every # rows instead of every equation
        from mlmcli.render.var_tests import GRANGER, GRANGER_F

        tab = GRANGER_F if small else GRANGER
        lines = text.split("\n")
        body = [ln for ln in lines[5:-1] if ln != tab.rule("mid")]
        text = "\n".join(lines[:5] + _with_rules(body, tab.rule("mid"), neqs) + lines[-1:])
    session.print(text)
    cols = ("F", "df", "df_r", "p") if small else ("chi2", "df", "p")
    session.set_r({"gstats": Matrix(np.asarray(values, float), tuple(f"{q}:{r}" for q, r in zip(reqs, rnames)), cols)})


def _granger_row(eq, x, chi2, df, small, df_r, chi2_dist, f_dist):
    if small:
        F = chi2 / df
        return (eq, x, F, float(df), float(df_r), float(f_dist.sf(F, df, df_r)))
    return (eq, x, chi2, float(df), float(chi2_dist.sf(chi2, df)))


# ---------------------------------------------------------------------------- varstable
def cmd_varstable(session, cmd) -> None:
    from mlmcli.render.var_tests import render_varstable
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.var_model import companion

    from mlmcli.commands.graphs.ready_series import take_options
    from mlmcli.commands.graphs.root_plots import GRAPH_SPECS, check_graph_options, draw_roots

    opts, rest = take_options(cmd.options, [_EST, _SEP, OptionSpec("amat", 2, takes_arg=True), *GRAPH_SPECS])
    _refuse(opts, ("amat",), "varstable")
    check_graph_options(opts, rest, "varstable")
    e = _var_results(session, "varstable", "varstable only works after var or svar", opts)
    K, lags = len(e.macros["endog"].split()), e.result["lags"]
    A = companion(e.matrices["b"].values.reshape(K, -1), K, lags)
    vals = np.linalg.eigvals(A)
    order = np.argsort(-np.abs(vals), kind="stable")
    vals = vals[order]
    mods = np.abs(vals)
    session.print(render_varstable(vals, mods))
    if opts.get("graph"):
        draw_roots(session, cmd, vals, mods, opts, rest)
    r = {"Re": Matrix(vals.real[None, :].copy(), ("r1",), tuple(f"c{i + 1}" for i in range(len(vals)))),
         "Im": Matrix(vals.imag[None, :].copy(), ("r1",), tuple(f"c{i + 1}" for i in range(len(vals)))),
         "Modulus": Matrix(mods[None, :].copy(), ("r1",), tuple(f"c{i + 1}" for i in range(len(vals))))}
    session.set_r(r)


# ---------------------------------------------------------------------------- varwle
def cmd_varwle(session, cmd) -> None:
    from mlmcli.commands.estimation.vector_autoregression import lag_name
    from mlmcli.distributions import chi2 as chi2_dist, f as f_dist
    from mlmcli.render.var_tests import WLE, WLE_F, render_varwle
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.var_model import wald

    opts = resolve_options(cmd.options, [_EST, _SEP])
    e = _var_results(session, "varwle", "varwle only works after var and svar", opts, 111)
    sep = _separator(opts, 0)
    endog, eqnames, lags = e.macros["endog"].split(), e.macros["eqnames"].split(), e.result["lags"]
    names = list(e.matrices["b"].colnames)
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    small = e.macros.get("small") == "small"
    df_r = e.scalars.get("df_r")
    table = {}  # (lag, column) -> (stat, df, p)
    for lag in lags:
        every = []
        for j, eq in enumerate(eqnames):
            idx = [names.index(f"{eq}:{lag_name(x, lag)}") for x in endog]
            every += idx
            table[lag, j] = wald(b, V, idx)
        table[lag, len(eqnames)] = wald(b, V, every)
    blocks, mats = [], {k: np.zeros((len(lags), len(eqnames) + 1)) for k in ("stat", "df", "p")}
    for j, name in enumerate(eqnames + ["All"]):
        rows = []
        for a, lag in enumerate(lags):
            chi2, df = table[lag, j]
            if small:
                stat, p = chi2 / df, float(f_dist.sf(chi2 / df, df, df_r))
                rows.append((float(lag), stat, float(df), float(df_r), p))
            else:
                stat, p = chi2, float(chi2_dist.sf(chi2, df))
                rows.append((float(lag), stat, float(df), p))
            mats["stat"][a, j], mats["df"][a, j], mats["p"][a, j] = stat, df, p
        blocks.append((name, rows))
    text = render_varwle(blocks, small)
    if sep:
        tab = WLE_F if small else WLE
        out, count = [], 0
        for ln in text.split("\n"):
            if ln.startswith("  |") and not ln.startswith("  |-") and "lag" not in ln:
                if count and count % sep == 0:
                    out.append(tab.rule("mid"))
                count += 1
            elif ln.startswith("   Equation"):
                count = 0
            out.append(ln)
        text = "\n".join(out)
    session.print(text)
    rn, cn = tuple(str(lag) for lag in lags), tuple(endog + ["All"])
    r = {"F" if small else "chi2": Matrix(mats["stat"], rn, cn), "p": Matrix(mats["p"], rn, cn),
         "df": Matrix(mats["df"], rn, cn)}
    if small:
        r["df_r"] = Matrix(np.full_like(mats["df"], df_r), rn, cn)
    session.set_r(r)


# ---------------------------------------------------------------------------- varnorm
def cmd_varnorm(session, cmd) -> None:
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.render.var_tests import render_varnorm
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.var_model import normality

    opts = resolve_options(cmd.options, [_EST, _SEP, OptionSpec("jbera", 1), OptionSpec("skewness", 1),
                                         OptionSpec("kurtosis", 1), OptionSpec("cholesky", 1)])
    structural = _structural_factor(session, opts)
    e = _var_results(session, "varnorm", "varnorm only works with results from var and svar", opts)
    if opts.get("cholesky") and structural is None:
        raise StataError("cholesky cannot be specified after var", 198)
    if opts.get("cholesky"):
        structural = None
    sep = _separator(opts, 0)
    shown = [k for k in ("jbera", "skewness", "kurtosis") if opts.get(k)] or ["jbera", "skewness", "kurtosis"]
    T, eqnames = e.scalars["N"], e.macros["eqnames"].split()
    K = len(eqnames)
    b1, b2 = normality(e.model.resid, e.matrices["Sigma"].values, structural)
    s_chi, k_chi = T / 6 * b1 ** 2, T / 24 * (b2 - 3) ** 2
    jb = s_chi + k_chi
    names = eqnames + ["ALL"]
    jb_rows = [(n, " ", float(v), 2.0, float(chi2_dist.sf(v, 2))) for n, v in zip(eqnames, jb)]
    jb_rows.append(("ALL", " ", float(jb.sum()), 2.0 * K, float(chi2_dist.sf(jb.sum(), 2 * K))))
    sk_rows = [(n, float(s), float(c), 1.0, float(chi2_dist.sf(c, 1))) for n, s, c in zip(eqnames, b1, s_chi)]
    sk_rows.append(("ALL", None, float(s_chi.sum()), float(K), float(chi2_dist.sf(s_chi.sum(), K))))
    ku_rows = [(n, float(k), float(c), 1.0, float(chi2_dist.sf(c, 1))) for n, k, c in zip(eqnames, b2, k_chi)]
    ku_rows.append(("ALL", None, float(k_chi.sum()), float(K), float(chi2_dist.sf(k_chi.sum(), K))))
    from mlmcli.render.var_tests import NORM

    parts = []
    for key, title, rows in (("jbera", "Jarque-Bera", jb_rows), ("skewness", "Skewness", sk_rows),
                             ("kurtosis", "Kurtosis", ku_rows)):
        if key in shown:
            text = render_varnorm(title, rows)
            if sep:
                lines = text.split("\n")
                text = "\n".join(lines[:5] + _with_rules(lines[5:-1], NORM.rule("mid"), sep) + lines[-1:])
            parts.append(text)
    if e.macros.get("dfk") == "dfk":
        parts.append("   dfk estimator used in computations")
    session.print("\n".join(parts))

    def mat(rows, cols):
        vals = np.asarray([[np.nan if v is None else v for v in row[1:] if not isinstance(v, str)] for row in rows])
        return Matrix(vals, tuple(names), cols)

    r = {"kurtosis": mat(ku_rows, ("kurtosis", "chi2", "df", "p")),
         "skewness": mat(sk_rows, ("skewness", "chi2", "df", "p")), "dfk": e.macros.get("dfk", "")}
    if "jbera" in shown:
        r["jb"] = mat(jb_rows, ("Jarque-Bera", "df", "p"))
    session.set_r(r)


# ---------------------------------------------------------------------------- varlmar
def cmd_varlmar(session, cmd) -> None:
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.render.var_tests import LMAR, render_varlmar
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.var_model import fit_var, lag_residuals

    opts = resolve_options(cmd.options, [_EST, _SEP, OptionSpec("mlag", 2, takes_arg=True)])
    e = _var_results(session, "varlmar", "varlmar only works with estimates from var or svar", opts)
    sep = _separator(opts, 0)
    mlag = integer_option(opts, "mlag", 2, minimum=1, out_of_range="mlag() must be a strictly positive integer")
    N = e.scalars["N"]
    if mlag >= N - 1:
        raise StataError(f"mlag() invalid: insufficient observations to fit a model with {mlag} lags", 498)
    model = e.model
    data, resid = model.data, model.resid
    base = data.X
    rows = []
    for j in range(1, mlag + 1):
        X = np.column_stack([base, lag_residuals(resid, j)] + ([np.ones(len(base))] if model.constant else []))
        aux = fit_var(data.Y, X, constant=model.constant, nlags=len(data.lags))
        lm = (N - X.shape[1] - 0.5) * np.log(e.scalars["detsig_ml"] / np.linalg.det(aux.Sigma_ml))
        df = float(len(data.endog) ** 2)
        rows.append((float(j), float(lm), df, float(chi2_dist.sf(lm, df))))
    text = render_varlmar(rows)
    if sep:
        lines = text.split("\n")
        text = "\n".join(lines[:5] + _with_rules(lines[5:-2], LMAR.rule("mid"), sep) + lines[-2:])
    session.print(text)
    session.set_r({"lm": Matrix(np.asarray(rows), tuple(str(int(r[0])) for r in rows), ("j", "chi2", "df", "p"))})


# ---------------------------------------------------------------------------- varsoc
_SOC = [_EST, _SEP, OptionSpec("maxlag", 1, takes_arg=True), OptionSpec("exog", 2, takes_arg=True),
        OptionSpec("noconstant", 6), OptionSpec("lutstats", 3), OptionSpec("constraints", 5, takes_arg=True),
        OptionSpec("level", 1, takes_arg=True), OptionSpec("rmexog", 6), OptionSpec("rmlutstats", 8),
        OptionSpec("rmconstraints", 8), OptionSpec("addconstant", 8)]


def cmd_varsoc(session, cmd) -> None:
    """varsoc.ado: var with lags(1/maxlag) fixes the sample; every model with 0 .. maxlag lags is
    fitted on it; LR = 2 (ll_p - ll_(p-1)) on K^2 df; the stars mark the largest lag whose LR test
    rejects at 1 - level/100 and the smallest FPE, AIC, HQIC and SBIC."""
    import dataclasses

    from mlmcli.commands.estimation.vector_autoregression import var_data
    from mlmcli.render.var_tests import SOC, render_varsoc
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import confidence_level
    from mlmcli.time_series.var_model import fit_var

    opts = resolve_options(cmd.options, _SOC)
    _refuse(opts, ("constraints",), "varsoc")
    args = cmd.args.strip()
    e = session.e
    stored = opts.get("estimates") is not None
    if not stored:
        for name in ("rmexog", "rmlutstats", "rmconstraints", "addconstant"):
            if opts.get(name):
                raise StataError(f"{name} can only be specified with estimates()", 198)
    if opts.get("rmexog") and opts.get("exog"):
        raise StataError(f"rmexog and exog({opts['exog']}) cannot both be specified", 198)
    if opts.get("rmlutstats") and opts.get("lutstats"):
        raise StataError("rmlutstats and lutstats cannot both be specified", 198)
    if opts.get("noconstant") and opts.get("addconstant"):
        raise StataError("noconstant and addconstant cannot both be specified", 198)
    sep = _separator(opts, 0)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if stored or (not args and e is not None and e.cmd == "var" and e.model is not None):
        e = _var_results(session, "varsoc", "estimates(.) are not from either var or svar", opts
                         if stored else None)
        name = str(opts.get("estimates") or ".").strip()
        args = args or e.macros["endog"]
        if opts.get("noconstant") and e.macros.get("nocons"):
            raise StataError(f"noconstant cannot be specified when noconstant was specified in estimates({name})", 498)
        if opts.get("addconstant") and not e.macros.get("nocons"):
            raise StataError(f"addconstant cannot be specified when noconstant was not specified in "
                             f"estimates({name})", 498)
        if opts.get("rmlutstats") and e.macros.get("lutstats") != "lutstats":
            raise StataError(f"rmlutstats cannot be specified when lutstats was not specified in estimates({name})",
                             498)
        if opts.get("rmconstraints"):
            raise StataError(f"rmconstraints cannot be specified when no constraints were specified in "
                             f"estimates({name})", 498)
        if opts.get("rmexog") and not e.macros.get("exog"):
            raise StataError(f"rmexog cannot be specified when no exogenous variables were specified in "
                             f"estimates({name})", 498)
        maxlag = _maxlag(opts, int(e.scalars["mlag"]))
        if maxlag > e.scalars["N"] - 1:
            raise StataError(f"maxlag({maxlag}) not feasible with {e.scalars['N']:.0f} observations", 198)
        exog = None if opts.get("rmexog") else (opts.get("exog") or e.macros.get("exog") or None)
        constant = bool(opts.get("addconstant")) or not (opts.get("noconstant") or e.macros.get("nocons"))
        lutstats = (bool(opts.get("lutstats")) or e.macros.get("lutstats") == "lutstats") and not opts.get("rmlutstats")
        if cmd.if_exp or cmd.in_range:
            run, mask = cmd, None
        else:  # the stored results' estimation sample
            mask = e.sample_mask(session.data)
            if mask is None:
                raise StataError("e(sample) is never equal to 1", 498)
            run = dataclasses.replace(cmd, if_exp=None, in_range=None)
    elif args:
        from mlmcli.commands.estimation.vector_autoregression import resolved_names
        from mlmcli.sample import mark_sample

        maxlag = _maxlag(opts, 4)
        base = list(dict.fromkeys(n.rpartition(".")[2] for n in resolved_names(session.data, args)))
        n_marked = int(np.asarray(mark_sample(session, cmd, base), bool).sum())
        if maxlag > n_marked - 1:  # varsoc.ado: the if/in sample's count, before any fit
            raise StataError(f"maxlag({maxlag}) not feasible with {n_marked} observations", 198)
        exog, constant, lutstats = opts.get("exog"), not opts.get("noconstant"), bool(opts.get("lutstats"))
        run, mask = cmd, None
    else:
        raise StataError("either specify a varlist or the estimates() from either var or svar", 198)
    if maxlag < 2:
        raise StataError("maxlag() must be at least 2", 198)
    full = var_data(session, run, args, tuple(range(1, maxlag + 1)), exog, restrict=mask)
    T, K = full.Y.shape
    if maxlag > T - 1:
        raise StataError(f"maxlag({maxlag}) not feasible with {T} observations", 198)
    nexog = len(full.exog)
    ones = [np.ones((T, 1))] if constant else []
    rows, prev = [], None
    first = 0 if (constant or nexog) else 1
    for p in range(first, maxlag + 1):
        cols = [full.X[:, [j * maxlag + a for j in range(K) for a in range(p)]]] if p else []
        cols.append(full.X[:, K * maxlag:])
        X = np.column_stack(cols + ones)
        fit = fit_var(full.Y, X, constant=constant, nlags=p, lutstats=lutstats)
        if p == first and p == 0:
            lr = df = pv = None
        else:
            from mlmcli.distributions import chi2 as chi2_dist

            lr = 2 * (fit.ll - prev) if prev is not None else float("nan")
            df = float(K * K)
            pv = float(chi2_dist.sf(lr, df)) if lr > 0 else float("nan")
        rows.append((float(p), fit.ll, lr, df, pv, fit.fpe, fit.aic, fit.hqic, fit.sbic))
        prev = fit.ll
    best = _best(rows, (100 - level) / 100)
    from mlmcli.commands.estimation.vector_autoregression import VarData  # noqa: F401
    from mlmcli.render.numfmt import format_number

    fmt = session.data.format_of(full.tvar)
    sample = f"{format_number(full.tmin, fmt).strip()} - {format_number(full.tmax, fmt).strip()}"
    if full.gaps:  # _mvtsheadr on the last fitted model's e(N_gaps)
        sample += ", but with a gap" if full.gaps == 1 else ", but with gaps"
    exog_text = " ".join(full.exog) + ("  _cons" if constant else "")
    result = _SocResult(sample, float(T), tuple(rows), best, " ".join(full.endog), exog_text.strip(), lutstats)
    text = render_varsoc(result)
    if sep:
        lines = text.split("\n")
        top = 6
        body = lines[top:top + len(rows)]
        text = "\n".join(lines[:top] + _with_rules(body, SOC.rule("mid"), sep) + lines[top + len(rows):])
    session.print(text)
    stats = np.asarray([[np.nan if v is None else v for v in row] for row in rows])
    session.set_r({"stats": Matrix(stats, tuple(str(int(r[0])) for r in rows),
                                   ("lag", "LL", "LR", "df", "p", "FPE", "AIC", "HQIC", "SBIC")),
                   "N": float(T), "tmin": full.tmin, "tmax": full.tmax, "mlag": float(maxlag),
                   "N_gaps": float(full.gaps), "endog": " ".join(full.endog), "exog": exog_text.strip(),
                   "lutstats": "lutstats" if lutstats else "", "constant": "" if constant else "noconstant"})


def _maxlag(opts, default: int) -> int:
    return integer_option(opts, "maxlag", default)


def _best(rows, size):
    """varsoc's DISP2: the LR star on the largest lag whose p <= size; the criteria's on their
    minimum (a tie keeps the larger lag)."""
    n = len(rows)
    lr = -1
    for i in range(n - 1, -1, -1):
        p = rows[i][4]
        if p is not None and not np.isnan(p) and p <= size:
            lr = i
            break
    out = [lr]
    for col in (5, 6, 7, 8):
        k = n - 1
        for i in range(n - 2, -1, -1):
            if rows[i][col] < rows[k][col]:
                k = i
        out.append(k)
    return tuple(out)


class _SocResult:
    def __init__(self, sample, nobs, rows, best, endog, exog, lutstats):
        self.sample, self.nobs, self.rows, self.best = sample, nobs, rows, best
        self.endog, self.exog, self.lutstats = endog, exog, lutstats
