"""``estat classification``, ``estat gof`` and their old names ``lstat`` and ``lfit`` after
``logit``, ``logistic`` and ``probit`` ([R] estat classification, [R] estat gof); the shared
parse of lfit_p.ado (also ``lroc``'s and ``lsens``'s, ``mlmcli.commands.graphs.roc_curves``).

    estat classification [if] [in] [fweight] [, all cutoff(#)]
    estat gof [if] [in] [fweight] [, group(#) all outsample table]

Without if/in/``all`` the sample is e(sample); e()'s fweights are used unless a weight is typed.
The numbers are ``mlmcli.postest.binary_fit``'s, the text ``mlmcli.render.binary_fit``'s.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, real_option, resolve_options
from mlmcli.sorted_codes import matrix_row_codes

BINARY_COMMANDS = ("logistic", "logit", "probit")  # lfit_p.ado's list (dprobit, ivprobit: not in mlm)
SAMPLE_OPTIONS = [  # lfit_p.ado's own options
    OptionSpec("all", 3), OptionSpec("asif", 4), OptionSpec("rules", 4), OptionSpec("beta", 4, True)]


@dataclass
class BinarySample:
    depvar: str
    y: np.ndarray        # outcome on the rows used
    p: np.ndarray        # predicted probability
    w: np.ndarray        # frequency weight (1 without weights)
    rows: np.ndarray     # the boolean mask of the rows used
    n: int               # sum of the weights
    model: str           # "Logistic" or "Probit" (the titles)
    e: object


def binary_sample(session, cmd, args: str, options: list, specs: list[OptionSpec]):
    """lfit_p.ado: (BinarySample, the command's own resolved options)."""
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.syntax.varlist import counted_varlist

    # lfit_p's ``syntax [varname(default=none)] [if] [in] [fweight] [, ALL ASIF RULEs BETA() *]``
    # runs before any check of e(): ``lfit y x`` is r(103) whatever was fitted
    words = counted_varlist(session.data, args, 0, 1, empty_ok=True)
    _weight_type(cmd)
    for spec in SAMPLE_OPTIONS[1:3]:  # asif, rules: lfit_p refuses them before looking at e()
        if any(spec.matches(o.name) and o.arg is None for o in options):
            raise StataError(f"option {spec.name} invalid", 198)
    e = getattr(session, "e", None)
    if e is None or e.cmd not in BINARY_COMMANDS or getattr(e, "model", None) is None:
        raise StataError("last estimates not found", 301)  # lfit_p.ado's ``error 301``
    opts = resolve_options(options, SAMPLE_OPTIONS + specs)
    if "beta" in opts:
        raise StataError("option beta() is not implemented in mlmcli", 198)
    depvar = e.macros.get("depvar", "").split()[0]
    if words and words[0] != depvar:
        raise StataError("varlist not allowed (except with beta() option)", 198)
    if opts.get("all") and (cmd.if_exp or cmd.in_range):
        raise StataError("all option not allowed with if or in", 198)
    data = session.data
    if cmd.if_exp or cmd.in_range or opts.get("all"):
        from mlmcli.sample import mark_sample
        rows = np.asarray(mark_sample(session, cmd, []), bool)
    else:
        from mlmcli.expr import evaluate_condition
        rows = np.asarray(evaluate_condition(session, "e(sample)"), bool).copy()  # lfit_p's ``if e(sample)``
    w = _weights(session, cmd, e)
    if w is not None:
        rows &= ~np.isnan(w) & (w != 0)
    prows = PredictionRows(session, e)
    p = np.asarray(e.model.predict("pr", prows), float)
    y = data.numeric(depvar)
    rows &= ~np.isnan(p) & ~np.isnan(y)
    weights = np.ones(data.nobs) if w is None else w
    if not rows.any():
        raise StataError("no observations", 2000)
    model = "Probit" if e.cmd == "probit" else "Logistic"
    sample = BinarySample(depvar, y[rows], p[rows], weights[rows], rows, int(round(float(weights[rows].sum()))),
                          model, e)
    return sample, opts


def double_save(session, values, first: int = 1) -> None:
    """The ados' old "double save" of their r() results in the globals S_first, S_first+1 ...
    (lstat S_1-S_9, lfit S_1-S_4, lroc S_1 S_2, lsens S_1), each as a macro holds a number."""
    from mlmcli.commands.program.macros import macro_number

    for k, value in enumerate(values, first):
        session.globals[f"S_{k}"] = macro_number(float(value))


def _weight_type(cmd) -> None:
    """syntax's ``[fweight]``: another typed weight is r(101)."""
    if cmd.weight is not None:
        kind = cmd.weight.kind.lower()
        if not "fweight".startswith(kind) or len(kind) < 2:
            full = {"aw": "aweight", "pw": "pweight", "iw": "iweight"}.get(kind[:2], kind)
            raise StataError(f"{full} not allowed", 101)


def _weights(session, cmd, e) -> np.ndarray | None:
    """The typed fweight, else e()'s (lfit_p's ``syntax [fweight]``); NaN where missing."""
    from mlmcli.commands.estimation.common import evaluate_weight

    if cmd.weight is not None:
        exp = cmd.weight.exp
    else:
        wtype = e.macros.get("wtype", "")
        if not wtype:
            return None
        if wtype != "fweight":
            raise StataError(f"{wtype} not allowed", 101)
        exp = e.macros.get("wexp", "").lstrip("= ").strip()
    w = np.asarray(evaluate_weight(session, exp), float)
    bad = ~np.isnan(w) & ((w < 0) | (w != np.round(w)))
    if bad.any():
        raise StataError("may not use noninteger frequency weights", 401)
    return w


def _estat_args(cmd) -> str:
    """The words after the subcommand of ``estat classification [depvar]``."""
    words = cmd.args.split()
    return " ".join(words[1:])


# ---------------------------------------------------------------- classification
_CLASS_SPECS = [OptionSpec("cutoff", 3, True)]


def _estat_binary_only(session, name: str) -> None:
    """estat's classification and gof are logistic_estat's, logit_estat's and probit_estat's:
    after other commands Stata's estat names the subcommand invalid (poisson's own gof is
    ``mlmcli.commands.postestimation.poisson_fit``'s)."""
    from mlmcli.estimation.active import active

    e = active(session)
    if e.cmd not in BINARY_COMMANDS:
        raise StataError(f"invalid subcommand {name}", 321)


def _check_for_bad(session, cmd) -> None:
    """logit_estat's/probit_estat's CheckForBad before lstat/lfit: variables typed are ``varlist
    not allowed`` r(101) (a name that is no variable goes on to lfit_p's r(111)), ``beta()``
    typed in full ``option beta() not allowed`` r(198)."""
    words = _estat_args(cmd)
    if words:
        try:
            session.data.expand_varlist(words)
        except StataError:
            return
        raise StataError("varlist not allowed", 101)
    if any(o.name == "beta" and o.arg is not None for o in cmd.options):
        raise StataError("option beta() not allowed", 198)


def estat_classification(session, cmd) -> None:
    _estat_binary_only(session, cmd.args.split()[0])
    _check_for_bad(session, cmd)
    _classification(session, cmd, _estat_args(cmd))


def cmd_lstat(session, cmd) -> None:
    """``lstat``: Stata's old name of ``estat classification``."""
    _classification(session, cmd, cmd.args)


def _classification(session, cmd, args: str) -> None:
    from mlmcli.postest.binary_fit import classify
    from mlmcli.render.binary_fit import cutoff_text, render_classification
    from mlmcli.results.matrix import Matrix

    s, opts = binary_sample(session, cmd, args, list(cmd.options), _CLASS_SPECS)
    cutoff = real_option(opts, "cutoff", 0.5)
    if not 0 <= cutoff <= 1:
        raise StataError("cutoff() must be between 0 and 1", 198)
    table = classify(s.y, s.p, s.w, cutoff)
    pct = table.percentages()
    session.print(render_classification(s.model, s.depvar, table, pct, cutoff_text(cutoff)))
    a, b, c, d = table.a, table.b, table.c, table.d
    ctable = np.array([[a, b, a + b], [c, d, c + d], [a + c, b + d, a + b + c + d]])
    double_save(session, [pct[k] for k in ("P_corr", "P_p1", "P_n0", "P_p0", "P_n1", "P_1p", "P_0n", "P_0p", "P_1n")])
    r: dict = dict(pct)
    r["ctable"] = Matrix(ctable, ("+", "-", "Total"), ("D", "~D", "Total"))
    session.set_r(r)


# ---------------------------------------------------------------- goodness of fit
_GOF_SPECS = [OptionSpec("group", 1, True), OptionSpec("table", 1), OptionSpec("outsample", 3)]


def estat_gof(session, cmd) -> None:
    from mlmcli.estimation.active import active

    if active(session).cmd == "sem":  # [SEM] estat gof
        from mlmcli.commands.postestimation.estat_sem import estat_gof_sem
        return estat_gof_sem(session, cmd, active(session))
    if active(session).cmd == "poisson":  # poisson_estat.ado's own gof (poisgof.ado)
        from mlmcli.commands.postestimation.poisson_fit import estat_gof_poisson
        return estat_gof_poisson(session, cmd)
    _estat_binary_only(session, cmd.args.split()[0])
    if active(session).macros.get("prefix") == "svy":  # [SVY] estat gof: the F-adjusted mean residual test
        from mlmcli.commands.postestimation.survey_gof import estat_gof_svy
        return estat_gof_svy(session, cmd, active(session))
    _check_for_bad(session, cmd)
    _gof(session, cmd, _estat_args(cmd))


def cmd_lfit(session, cmd) -> None:
    """``lfit``: Stata's old name of ``estat gof`` (lfit.ado), never the twoway plot: typed
    without ``twoway``, ``lfit y x`` is lfit_p's ``syntax [varname]`` failing, r(103)."""
    from mlmcli.parser import parse_tail

    parsed = parse_tail(cmd)
    _gof(session, parsed, parsed.args)


def _gof(session, cmd, args: str) -> None:
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.postest.binary_fit import hosmer_lemeshow, pearson_fit
    from mlmcli.render.binary_fit import render_gof

    s, opts = binary_sample(session, cmd, args, list(cmd.options), _GOF_SPECS)
    group = integer_option(opts, "group", 0)
    if group < 0:
        raise StataError("group() cannot be negative", 411)
    outsample = bool(opts.get("outsample"))
    if group:
        if group > int(s.rows.sum()):
            raise StataError("number of groups cannot be greater than number of observations", 498)
        fit = hosmer_lemeshow(s.y, s.p, s.w, group, outsample)
        patterns = None
    else:
        e = s.e
        coefs = e.coefficients()
        n_coef = int(np.sum(np.diag(coefs.V) != 0)) if coefs.V.size else 0
        X = PredictionRows(session, e).fixed_design()[s.rows]
        fit = pearson_fit(s.y, s.p, s.w, X, n_coef, outsample)
        patterns = _pattern_listing(session, e, s, X) if opts.get("table") else None
    from scipy.stats import chi2 as chi2_dist

    df = fit.df
    p_value = float(chi2_dist.sf(fit.chi2, df)) if df > 0 else float("nan")
    session.set_r({"N": float(s.n), "m": float(len(fit.groups)), "chi2": fit.chi2, "df": float(df),
                   "p": p_value})
    double_save(session, [s.n, len(fit.groups), fit.chi2, df])  # lfit.ado: before its r(322)
    if df < 0:
        raise StataError("not enough degrees of freedom to perform the test", 322)
    session.print(render_gof(s.model, s.depvar, fit, s.n, group, p_value, bool(opts.get("table")), patterns))


def _pattern_listing(session, e, s, X):
    """``estat gof, table`` without group(): (names, rows of formatted values) of the covariates
    of each pattern, in the patterns' order (ascending probability)."""
    from mlmcli.render.numfmt import format_number

    names: list[str] = []  # lfit's IVARS: the variables of the coefficients (i.z's levels: z)
    for full in e.coefficients().names:
        for part in full.split(":")[-1].split("#"):
            var = part.split(".")[-1]
            if var != "_cons" and var in session.data.varnames and var not in names:
                names.append(var)
    if not names:
        return ([], [])
    keys = np.asarray(X, float).reshape(len(s.y), -1)
    code = matrix_row_codes(keys)
    k = int(code.max()) + 1
    last = np.zeros(k, int)
    last[code] = np.arange(code.size)
    prob = s.p[last]
    used = np.flatnonzero(s.rows)
    rows = []
    for j in np.argsort(prob, kind="stable"):
        i = used[last[j]]
        rows.append([format_number(session.data.numeric(n)[i], session.data.format_of(n)).strip() for n in names])
    return names, rows
