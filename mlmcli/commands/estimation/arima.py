"""ARIMA and ARMAX regression by exact maximum likelihood ([TS] arima; arima.ado 7.5.1, Stata 16 tree):

    arima depvar [indepvars] [if] [in], ar(numlist) ma(numlist) [noconstant vce(opg|oim|robust)
          level(#) nolog]
    arima depvar [indepvars] [if] [in], arima(#p,#d,#q) [...]

arima(p,d,q) is D(d). on every variable with ar(1/p) ma(1/q).  The fit: ``mlmcli.time_series.
arima_kalman``; the header's Wald chi2 tests the model equation's regressors (not _cons) and every
ARMA term.  vce(opg), the default, is the outer product of the per-observation scores; vce(oim)
the inverse negative Hessian; vce(robust) the sandwich of both ("Semirobust").  The iteration log
has Stata's shape (BHHH, then "(switching optimization to BFGS)") but follows mlm's optimiser,
so its intermediate values are not Stata's (docs/arima.md).  Not implemented (refused): the
conditional (condition), seasonal (sarima(), mar(), mma()), diffuse/p0()/state0() priors,
constraints(), from(), technique options and weights.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"arima": "arima depvar [indepvars] [if] [in], ar(numlist) ma(numlist) | arima(#p,#d,#q) [noconstant vce()] : "
                 "ARIMA, ARMAX and other dynamic regression models"}
_REFUSED = ("condition", "sarima", "diffuse", "p0", "state0", "constraints", "from", "technique", "bhhh", "bfgs",
            "dfp", "nr", "score", "savespace", "detail", "collinear", "hessian", "native")
_OPTIONS = [OptionSpec("ar", 2, takes_arg=True), OptionSpec("ma", 2, takes_arg=True),
            OptionSpec("arima", 5, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("vce", 3, takes_arg=True),
            OptionSpec("opg", 3), OptionSpec("robust", 1), OptionSpec("level", 1, takes_arg=True),
            OptionSpec("nolog", 4), OptionSpec("log", 3), OptionSpec("condition", 4), OptionSpec("sarima", 6, takes_arg=True),
            OptionSpec("diffuse", 2), OptionSpec("p0", 2, takes_arg=True), OptionSpec("state0", 6, takes_arg=True),
            OptionSpec("constraints", 1, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
            OptionSpec("technique", 4, takes_arg=True), OptionSpec("bhhh", 4), OptionSpec("bfgs", 4),
            OptionSpec("dfp", 3), OptionSpec("nr", 2), OptionSpec("score", 2, takes_arg=True),
            OptionSpec("savespace", 4), OptionSpec("detail", 3), OptionSpec("collinear", 4),
            OptionSpec("hessian", 3), OptionSpec("native", 6)]


def cmd_arima(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True)])
        e = session.e
        if e is None or e.cmd != "arima":
            raise StataError("results of arima not found", 301)
        e = replay_results(session, ("arima",))
        return _display(session, e, opts)
    opts = resolve_options(cmd.options, _OPTIONS)
    for name in _REFUSED:
        if opts.get(name) not in (None, False):
            raise StataError(f"option {name} of arima is not implemented in mlmcli", 198)
    if cmd.weight is not None:
        raise StataError("weights with arima are not implemented in mlmcli", 101)
    words, ar, ma = _model(session, cmd, opts)
    vce = _vce(opts)
    e = _fit(session, cmd, opts, words, ar, ma, vce)
    session.e = e
    _display(session, e, opts)


def _lags(text: str, name: str) -> tuple[int, ...]:
    from mlmcli.syntax.numlist import numlist

    values = numlist(str(text), invalid=lambda: StataError(f"{name}() invalid -- invalid numlist", 121))
    if any(v != int(v) for v in values):
        raise StataError(f"{name}() invalid -- invalid numlist has noninteger elements", 126)
    if any(v <= 0 for v in values):
        raise StataError(f"{name}() invalid -- invalid numlist has elements outside of allowed range", 125)
    ints = [int(v) for v in values]
    if ints != sorted(ints) or len(set(ints)) != len(ints):
        raise StataError(f"{name}() invalid -- invalid numlist has elements out of order", 124)
    return tuple(ints)


def _model(session, cmd, opts):
    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if any("." in w and w.split(".")[0].lower().lstrip("0123456789").startswith(("i", "c")) for w in words):
        raise StataError("factor variables not allowed", 101)
    ar = _lags(opts["ar"], "ar") if opts.get("ar") is not None else ()
    ma = _lags(opts["ma"], "ma") if opts.get("ma") is not None else ()
    if opts.get("arima") is not None:
        if ar or ma:
            raise StataError("ar() and ma() not allowed with arima()", 198)
        parts = str(opts["arima"]).replace(",", " ").split()
        try:
            p, d, q = (int(float(v)) for v in parts)
        except ValueError:
            raise StataError("arima() invalid -- invalid numlist", 121) from None
        if len(parts) != 3:
            raise StataError("arima() invalid -- invalid numlist has too " + ("few" if len(parts) < 3 else "many")
                             + " elements", 122 if len(parts) < 3 else 123)
        if min(p, d, q) < 0:
            raise StataError("arima() invalid -- invalid numlist has elements outside of allowed range", 125)
        if d:
            words = [f"D{d}.{w}" if "." not in w else f"D{d}{w}" for w in words]
        ar, ma = tuple(range(1, p + 1)), tuple(range(1, q + 1))
    return words, ar, ma


def _vce(opts) -> str:
    typed = str(opts.get("vce") or "").strip()
    kinds = [k for k in ("opg", "robust") if opts.get(k)] + ([typed] if typed else [])
    if len(kinds) > 1:
        raise StataError(f"options {' '.join(kinds)} may not be combined", 198)
    kind = kinds[0] if kinds else "opg"
    if kind.startswith("r") and "robust".startswith(kind):
        return "robust"
    if kind not in ("opg", "oim"):
        from mlmcli.syntax.options import vcetype_not_allowed

        raise vcetype_not_allowed(kind)  # ml's _vce_parse names the type word
    return kind


def _fit(session, cmd, opts, words, ar, ma, vce):
    from mlmcli.commands.estimation.arima_support import arima_results, sample_series
    from mlmcli.time_series.arima_kalman import ArimaSpec, hessian, maximise, scores, starting_values

    constant = not opts.get("noconstant")
    data = sample_series(session, cmd, words, constant)
    spec = ArimaSpec(ar=ar, ma=ma)
    if not ar and not ma and not data.X.shape[1]:
        raise StataError("no parameters to estimate", 198)
    start = starting_values(data.y, data.X, spec)
    if data.gaps:
        session.print("")
        session.print(f"Number of gaps in sample:  {data.gaps}")
        session.print("(note: filtering over missing observations)")
    fit = maximise(start, data.y, data.X, spec)
    if not opts.get("nolog"):
        _log(session, fit.log)
    params = fit.params
    S = scores(params, data.y, data.X, spec)
    S = S[~np.isnan(data.y)]
    opg = S.T @ S
    if vce == "opg":
        V = np.linalg.pinv(opg)
    else:
        Hinv = np.linalg.pinv(-hessian(params, data.y, data.X, spec))
        V = Hinv if vce == "oim" else Hinv @ opg @ Hinv
    V = (V + V.T) / 2
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return arima_results(session, cmd, data, spec, params, V, fit, vce, level)


def _log(session, log) -> None:
    from mlmcli.render.iteration_log import iteration_line

    session.print("(setting optimization to BHHH)")
    switched = False
    for i, value, technique in log:
        if technique == "bfgs" and not switched:
            session.print("(switching optimization to BFGS)")
            switched = True
        session.print(iteration_line(i, value, "log likelihood"))


def _display(session, e, opts) -> None:
    from mlmcli.commands.estimation.arima_support import arima_table
    from mlmcli.render.arima import render_arima

    r = e.result
    level = confidence_level(opts, r.level)
    if level != r.level:
        r = arima_table(e, level)
    session.print(render_arima(r, linesize=session.linesize))
