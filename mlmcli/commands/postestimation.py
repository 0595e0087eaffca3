"""``estat`` and ``predict`` after ``mixed`` (and ``regress``).

``estat`` subcommands: Stata's ``group``, ``icc``, ``ic``, ``recovariance``,
``sd``; mlmcli's own ``reliability``, ``pve`` and ``hlmchi2`` (formulas and
references in ``mlmcli.postest`` and in ``help estat``); ``caterpillar`` is
dispatched to the graphs package.  The numbers come from ``e()`` and the
engine's fitted model (``session.e.model``, a ``mlmcli.mixed.fit.MixedFit``).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.options import OptionSpec, parse_options

MIXED_CMDS = ("mixed", "xtmixed")

# ``help`` entries (command -> text) for the interpreter's help command: syntax,
# and for mlmcli's own statistics the formula and its reference.
HELP = {
    "estat": (
        "estat group | icc [, level(#)] | ic [, n(#)] | recovariance [, level(levelvar) correlation]"
        " | sd | vce [, correlation] -- Stata's postestimation statistics after mixed.\n"
        "estat reliability [, generate(newvar) nogroups] -- mlmcli: reliability of each group's OLS "
        "estimate, lambda_j = tau00 / (tau00 + sigma^2/n_j) for a random intercept, lambda_qj = tau_qq / "
        "(tau_qq + sigma^2 [(Z_j'Z_j)^-1]_qq) for random coefficients (Raudenbush & Bryk 2002, "
        "Hierarchical Linear Models, eq. 3.53), by group and averaged.\n"
        "estat pve A [B] -- mlmcli: proportional reduction in each variance component from stored "
        "model A to B (default: active results), (var_A - var_B) / var_A (Raudenbush & Bryk 2002, "
        "eq. 4.12; Snijders & Bosker 2012, sect. 7.1).\n"
        "estat hlmchi2 -- mlmcli: HLM's test of H0: tau_qq = 0, chi2 = sum_j (betahat_qj - fixed "
        "prediction)^2 / Vhat_qqj over groups allowing a separate OLS fit, df = J - S_q - 1 "
        "(Raudenbush & Bryk 2002, eq. 3.103)."),
    "predict": (
        "predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]; "
        "predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)] -- "
        "empirical Bayes (BLUP) predictions of the random effects and their standard errors."),
}


# ====================================================================== helpers
def active_estimates(session):
    e = session.e
    if e is None:
        raise StataError("last estimates not found", 301)
    return e


def require_mixed(session, what: str = ""):
    e = active_estimates(session)
    if e.cmd not in MIXED_CMDS:
        raise StataError("requested action not valid after most recent estimation command", 321)
    return e


def ci_level(session, value) -> float:
    """``level(#)``: 10 <= # <= 99.99, Stata's message otherwise."""
    if value is None or value is True:
        return float(getattr(session, "level", 95.0))
    try:
        lev = float(value)
    except ValueError:
        raise StataError("level() must be between 10 and 99.99 inclusive", 198) from None
    if not 10 <= lev <= 99.99:
        raise StataError("level() must be between 10 and 99.99 inclusive", 198)
    return lev


def _words(cmd) -> list[str]:
    return cmd.args.split()


def _no_args(cmd, sub: str) -> None:
    if len(_words(cmd)) > 1:
        raise StataError("invalid syntax", 198)
    if cmd.if_exp or cmd.in_range:
        raise StataError(f"{'if' if cmd.if_exp else 'in'} not allowed", 101)


def _b_V(e):
    b = e.matrices["b"]
    V = e.matrices["V"]
    return np.asarray(b.values, float).ravel(), np.asarray(V.values, float), tuple(b.colnames)


def _level_vars(e) -> list[str]:
    """Distinct random-effects levels in model order (outermost first)."""
    out: list[str] = []
    for v in e.macros.get("ivars", "").split():
        if v not in out:
            out.append(v)
    return out


# ====================================================================== estat
_SUBCOMMANDS = [  # name, minimal abbreviation
    ("group", 2), ("icc", 3), ("ic", 2), ("recovariance", 5), ("sd", 2),
    ("reliability", 3), ("pve", 3), ("hlmchi2", 3), ("caterpillar", 3),
    ("summarize", 2), ("vce", 3),
]


def _subcommand(word: str) -> str:
    w = word.lower()
    for name, n in _SUBCOMMANDS:
        if w == name:
            return name
    for name, n in _SUBCOMMANDS:
        if len(w) >= n and name.startswith(w) and not (w == "ic" and name == "icc"):
            return name
    raise StataError(f"invalid subcommand {word}", 321)


def cmd_estat(session, cmd) -> None:
    """``estat subcommand [, options]`` after an estimation command."""
    words = _words(cmd)
    if not words:
        raise StataError("subcommand required", 321)
    sub = _subcommand(words[0])
    if sub == "caterpillar":
        from mlmcli.commands.graphs import estat_caterpillar
        return estat_caterpillar(session, cmd)
    handler = {
        "group": estat_group, "icc": estat_icc, "ic": estat_ic, "recovariance": estat_recovariance,
        "sd": estat_sd, "reliability": estat_reliability, "pve": estat_pve, "hlmchi2": estat_hlmchi2,
        "summarize": _unsupported, "vce": estat_vce,
    }[sub]
    handler(session, cmd)


def _unsupported(session, cmd) -> None:
    raise StataError(f"estat {_words(cmd)[0]} is not implemented in mlmcli", 199)


# ---------------------------------------------------------------------- group
def estat_group(session, cmd) -> None:
    """``estat group``: the No. of / Observations per Group table (Stata [ME] mixed postestimation)."""
    e = require_mixed(session)
    _no_args(cmd, "group")
    parse_options(cmd.options, [])
    from mlmcli.render.estat_tables import render_estat_group
    from mlmcli.results.postestimation import EstatGroupResult
    session.print(render_estat_group(EstatGroupResult(tuple(e.result.groups))))
    session.set_r({})


# ---------------------------------------------------------------------- icc
def icc_estimates(e, level: float):
    """Stata's ``estat icc`` numbers from e(b)/e(V) and the e() macros (see mlmcli.postest.icc)."""
    from mlmcli.postest.criteria import LNS_RE, split_colname
    from mlmcli.postest.icc import nested_icc

    ivars = e.macros.get("ivars", "").split()
    if not ivars:
        raise StataError("requested action not valid after mixed because there are no random "
                         "effects in the model", 321)
    revars = e.macros.get("revars", "").split()
    if "_all" in ivars or any(v.startswith("R.") for v in revars):
        raise StataError("estat icc not allowed after crossed-effects models", 321)
    rstructure = e.macros.get("rstructure", "independent")
    if rstructure != "independent":
        raise StataError("estat icc not allowed after random-effects models with residual structures "
                         "other than the default independent structure", 321)
    b, V, names = _b_V(e)
    redim = [int(x) for x in e.macros.get("redim", "").split()]
    levels = _level_vars(e)
    # (level number, equation number) of each equation, Stata's lns<l>_<e>_<k> numbering
    eq_ids, lev_of, eq_count = [], {}, {}
    for v in ivars:
        lev = lev_of.setdefault(v, len(lev_of) + 1)
        eq_count[v] = eq_count.get(v, 0) + 1
        eq_ids.append((lev, eq_count[v]))
    level_params: list[list[int]] = [[] for _ in levels]
    pos = 0
    for (lev, eqn), q in zip(eq_ids, redim):
        eq_vars = revars[pos:pos + q]
        pos += q
        if "_cons" not in eq_vars:
            continue
        # the intercept is the equation's last lns parameter (one lns for identity/exchangeable)
        idx = [i for i, full in enumerate(names)
               if (m := LNS_RE.match(split_colname(full)[0])) and (int(m.group(1)), int(m.group(2))) == (lev, eqn)]
        if idx:
            level_params[lev - 1] = [idx[-1]]
    if any(not p for p in level_params):
        raise StataError("estat icc not allowed after random-effects models with random-level "
                         "specifications that do not contain random intercepts", 321)
    resid = next((i for i, full in enumerate(names) if split_colname(full)[0] == "lnsig_e"), None)
    if resid is None:
        raise StataError("estat icc not allowed after random-effects models with residual structures "
                         "other than the default independent structure", 321)
    rows = nested_icc(levels, level_params, resid, b, V, level)
    has_rcov = any(v != "_cons" for v in revars)
    fixed = [n for n in names if split_colname(n)[0] == e.macros.get("depvar")]
    has_fcov = not (len(fixed) == 0 or (len(fixed) == 1 and split_colname(fixed[0])[1] == "_cons"))
    kind = "conditional" if has_rcov else ("residual" if has_fcov else "plain")
    return rows, kind


def estat_icc(session, cmd) -> None:
    """``estat icc [, level(#)]``: intraclass correlations; r(icc#) r(se#) r(ci#) r(label#) r(level)."""
    e = require_mixed(session)
    _no_args(cmd, "icc")
    opts = parse_options(cmd.options, [OptionSpec("level", 1, takes_arg=True)])
    level = ci_level(session, opts.get("level"))
    rows, kind = icc_estimates(e, level)
    from mlmcli.render.estat_tables import render_estat_icc
    from mlmcli.results.postestimation import EstatIccResult, IccRow
    result = EstatIccResult(rows=tuple(IccRow(r.label, r.icc, r.se, r.ci_lo, r.ci_hi) for r in rows),
                            residual=kind != "plain", level=level)
    text = render_estat_icc(result)
    text = _long_level_labels(text, rows)
    if kind == "conditional":
        # Stata's third title and its note for random-coefficient models
        text = text.replace("Residual intraclass correlation", "Conditional intraclass correlation", 1)
        text += "\nNote: ICC is conditional on zero values of random-effects covariates."
    session.print(text)
    from mlmcli.results.matrix import Matrix
    r: dict = {"level": level}
    wc = len(rows)
    for i, row in enumerate(rows, start=1):
        k = wc - i + 2  # Stata numbers the innermost row 2, the outermost G
        r[f"icc{k}"] = row.icc
        r[f"se{k}"] = row.se
        r[f"label{k}"] = row.label
        r[f"ci{k}"] = Matrix(np.array([[row.ci_lo, row.ci_hi]]), ("icc",), ("ll", "ul"))
    session.set_r(r)


_ICC_LABEL_WIDTH = 28


def _long_level_labels(text: str, rows) -> str:
    """Stata replaces a level label longer than the stub by ``Level k`` and lists
    ``Level k: label`` lines (then a blank line) above the table (_estat_icc.ado)."""
    long = [(i, r.label) for i, r in enumerate(rows) if len(r.label) > _ICC_LABEL_WIDTH]
    if not long:
        return text
    lines = text.split("\n")
    wc = len(rows)
    header = []
    for i, label in long:
        k = wc - i + 1
        header.append(f"Level {k}: {label}")
        lines = [f"{'Level ' + str(k):>28} |" + ln[len(label) + 2:] if ln.startswith(label + " |") else ln
                 for ln in lines]
    # lines: "", title, "", table...
    return "\n".join(lines[:3] + header + [""] + lines[3:])


# ---------------------------------------------------------------------- ic
def model_ic_row(e, name: str = "."):
    from mlmcli.postest.criteria import information_criteria
    if "ll" not in e.scalars:
        raise StataError("likelihood information not found in last estimation results", 321)
    df = e.scalars.get("rank", e.scalars.get("k"))
    if df is None:
        df = len(e.matrices["b"].colnames)
    return information_criteria(e.scalars["ll"], int(df), int(e.scalars["N"]), model=name,
                                ll_null=e.scalars.get("ll_0", float("nan")))


def estat_ic(session, cmd) -> None:
    """``estat ic [, n(#)]``: AIC = -2ll + 2df, BIC = -2ll + ln(N) df; r(S) holds the row."""
    e = active_estimates(session)
    _no_args(cmd, "ic")
    opts = parse_options(cmd.options, [OptionSpec("n", 1, takes_arg=True)])
    row = model_ic_row(e)
    if "n" in opts:
        from mlmcli.postest.criteria import information_criteria
        try:
            n = float(opts["n"])
        except ValueError:
            raise StataError("n() invalid", 198) from None
        bic_row = information_criteria(row.ll, row.df, n, model=".", ll_null=row.ll_null)
        row = type(row)(row.model, int(n), row.ll_null, row.ll, row.df, row.aic, bic_row.bic)
    _print_ic(session, [row])


def _print_ic(session, rows) -> None:
    from mlmcli.render.estat_tables import render_estat_ic
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatIcResult, IcRow
    session.print(render_estat_ic(EstatIcResult(tuple(IcRow(r.model, r.nobs, r.ll_null, r.ll, r.df, r.aic, r.bic)
                                                      for r in rows))))
    S = np.array([[r.nobs, r.ll_null, r.ll, r.df, r.aic, r.bic] for r in rows], float)
    session.set_r({"S": Matrix(S, tuple(r.model for r in rows), ("N", "ll0", "ll", "df", "AIC", "BIC"))})


# ---------------------------------------------------------------------- recovariance / sd
def _re_covariances(e):
    """Per random-effects equation: (levelvar, names, covariance sigma^2 Lambda Lambda')."""
    fit = e.model
    return [("_all" if t.crossed_factor else t.levelvar, tuple(t.names), _tau(fit, k))
            for k, t in enumerate(fit.spec.terms)]


def estat_recovariance(session, cmd) -> None:
    """``estat recovariance [, level(levelvar) correlation]``: each level's random-effects
    covariance (or correlation) matrix; r(cov#) / r(corr#) matrices."""
    e = require_mixed(session)
    _no_args(cmd, "recovariance")
    opts = parse_options(cmd.options, [OptionSpec("relevel", 3, takes_arg=True),
                                       OptionSpec("level", 3, takes_arg=True),
                                       OptionSpec("correlation", 4)])
    want = opts.get("level") or opts.get("relevel")
    blocks = _re_covariances(e)
    if want:
        levels = [lv for lv, _, _ in blocks]
        try:
            want = session.data.resolve(want) if want not in levels else want
        except StataError:
            pass
        if want not in levels:
            raise StataError(f"level {want} not found among random levels", 198)
    from mlmcli.render.estat_tables import render_estat_recovariance
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatRecovResult, ReCovMatrix
    corr = bool(opts.get("correlation"))
    shown = []
    r: dict = {}
    levnum = {lv: i + 1 for i, lv in enumerate(_level_vars(e))}
    for lv, names, M in blocks:
        if want and lv != want:
            continue
        if corr:
            d = np.sqrt(np.diag(M))
            with np.errstate(invalid="ignore", divide="ignore"):
                M = M / np.outer(d, d)
        shown.append(ReCovMatrix(lv, names, tuple(tuple(float(x) for x in row) for row in M), corr))
        r[f"{'corr' if corr else 'cov'}{levnum.get(lv, len(r) + 1)}"] = Matrix(M, names, names)
    session.print(render_estat_recovariance(EstatRecovResult(tuple(shown))))
    r["relevels"] = " ".join(lv for lv, _, _ in blocks)
    session.set_r(r)


def estat_sd(session, cmd) -> None:
    """``estat sd [, variance post]``: the random-effects table in the standard-deviation metric."""
    e = require_mixed(session)
    _no_args(cmd, "sd")
    opts = parse_options(cmd.options, [OptionSpec("variance", 3), OptionSpec("post", 4),
                                       OptionSpec("verbose", 4), OptionSpec("coeflegend", 5)])
    from mlmcli.render.mixed_display import render_mixed
    metric = "variance" if opts.get("variance") else "sd"
    text = render_mixed(e.result, metric=metric, noheader=True, nogroup=True, nofetable=True,
                        nolrtest=True, linesize=session.linesize)
    session.print(text)


def estat_vce(session, cmd) -> None:
    """``estat vce [, correlation]``: e(V) (or its correlation matrix) as ``matrix list`` shows it."""
    e = active_estimates(session)
    _no_args(cmd, "vce")
    opts = parse_options(cmd.options, [OptionSpec("correlation", 3), OptionSpec("covariance", 3)])
    from mlmcli.render.postest_extra import render_matrix_list
    V = e.matrices["V"]
    vals = np.asarray(V.values, float)
    title = "Covariance matrix of coefficients of mixed model" if e.cmd in MIXED_CMDS else \
        f"Covariance matrix of coefficients of {e.cmd} model"
    if opts.get("correlation"):
        d = np.sqrt(np.diag(vals))
        with np.errstate(invalid="ignore", divide="ignore"):
            vals = vals / np.outer(d, d)
        title = title.replace("Covariance", "Correlation")
    session.print()
    session.print(title)
    session.print(render_matrix_list("e(V)", vals, V.rownames, V.colnames, symmetric=True))


# ---------------------------------------------------------------------- beyond Stata
def _single_level_term(e, what: str, levelvar: str | None = None):
    fit = e.model
    terms = list(fit.spec.terms)
    levels = [t.levelvar for t in terms]
    if any(t.crossed_factor for t in terms):
        raise StataError(f"estat {what} not allowed after crossed-effects models", 321)
    if levelvar is None:
        if len(set(levels)) != 1 or len(terms) != 1:
            raise StataError(f"estat {what} requires a two-level model with one random-effects "
                             "equation", 321)
        return 0, terms[0]
    if levelvar not in levels:
        raise StataError(f"level {levelvar} not found among random levels", 198)
    k = levels.index(levelvar)
    return k, terms[k]


def _group_labels(session, e, term) -> list[str]:
    """The level variable's value (as text) for each group code of ``term``."""
    sample = np.asarray(e.sample, bool)
    labels = [""] * term.n_groups
    try:
        col = session.data.column(term.levelvar).to_numpy()[sample]
    except (StataError, KeyError, IndexError):
        return [str(i + 1) for i in range(term.n_groups)]
    if len(col) != len(term.group):
        return [str(i + 1) for i in range(term.n_groups)]
    for code, val in zip(term.group, col):
        if not labels[code]:
            labels[code] = _value_text(session, term.levelvar, val)
    return labels


def _value_text(session, var, val) -> str:
    if isinstance(val, str):
        return val
    lab = session.data.value_label_text(var, val)
    if lab is not None:
        return lab
    f = float(val)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def _tau(fit, k: int) -> np.ndarray:
    """Covariance of term k's random effects: sigma^2 Lambda Lambda'."""
    lam = fit.model.lambdas(fit.theta)[k]
    return fit.sigma2 * (lam @ lam.T)


def estat_reliability(session, cmd) -> None:
    """``estat reliability [, generate(newvar) nogroups]`` (mlmcli; not in Stata).

    lambda_j = tau00 / (tau00 + sigma^2 / n_j) per group for a random intercept
    (Raudenbush & Bryk 2002, eq. 3.53); for random slopes lambda_qj = tau_qq /
    (tau_qq + sigma^2 [(Z_j'Z_j)^-1]_qq).  Printed by group and on average;
    ``generate()`` keeps lambda_j (one variable per coefficient: newvar, or
    newvar1, newvar2 ... in the order of the random-effects table).
    """
    e = require_mixed(session)
    _no_args(cmd, "reliability")
    opts = parse_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True),
                                       OptionSpec("nogroups", 4)])
    fit = e.model
    k, term = _single_level_term(e, "reliability")
    from mlmcli.postest.reliability import reliability
    from mlmcli.render.postest_extra import render_reliability
    res = reliability(term.Z, term.group, _tau(fit, k), fit.sigma2, term.levelvar, term.names,
                      _group_labels(session, e, term))
    new = []
    if opts.get("generate"):
        stub = opts["generate"].strip()
        q = len(term.names)
        new = [stub] if q == 1 else [f"{stub}{i + 1}" for i in range(q)]
        for name in new:
            if name in session.data.varnames:
                raise StataError(f"variable {name} already defined", 110)
    session.print(render_reliability(res, show_groups=not opts.get("nogroups")))
    sample = np.asarray(e.sample, bool)
    for i, name in enumerate(new):
        vals = np.full(session.data.nobs, np.nan)
        vals[np.flatnonzero(sample)] = res.lam[term.group, i]
        session.data.set_variable(name, vals, vtype="float")
        session.data.var_labels[name] = f"Reliability lambda_j of {term.levelvar}: {term.names[i]}"
    from mlmcli.results.matrix import Matrix
    r = {"N_g": float(len(res.group_labels))}
    for name, avg in zip(term.names, res.average):
        r[f"lambda_{name.lstrip('_')}" if name == "_cons" else f"lambda_{name}"] = float(avg)
    r["lambda"] = Matrix(res.lam, tuple(res.group_labels), tuple(term.names))
    session.set_r(r)


def variance_components(e) -> list[tuple[str, str, float]]:
    """(level, label, estimate) for every variance-metric row, residual last."""
    out = []
    for block in e.result.random.get("variance", ()):
        for row in block.rows:
            out.append((block.levelvar, row.label, row.estimate))
    res = e.result.residual.get("variance")
    if res is not None:
        out.append(("Residual", res.label, res.estimate))
    return out


def estat_pve(session, cmd) -> None:
    """``estat pve A [B]`` (mlmcli; not in Stata): proportional reduction in each variance
    component from stored model A to model B (default: the active results),
    PVE = (var_A - var_B) / var_A (Raudenbush & Bryk 2002, eq. 4.12; Snijders & Bosker 2012, 7.1)."""
    words = _words(cmd)[1:]
    parse_options(cmd.options, [])
    if not 1 <= len(words) <= 2:
        raise StataError("estat pve requires one or two names of stored estimates", 198)
    from mlmcli.commands.estimates import lookup_estimates
    ea = lookup_estimates(session, words[0])
    eb = lookup_estimates(session, words[1]) if len(words) == 2 else active_estimates(session)
    name_b = words[1] if len(words) == 2 else "."
    for ee in (ea, eb):
        if ee.cmd not in MIXED_CMDS:
            raise StataError("requested action not valid after most recent estimation command", 321)
    from mlmcli.postest.pve import proportional_reduction
    from mlmcli.render.postest_extra import render_pve
    res = proportional_reduction(words[0], variance_components(ea), name_b, variance_components(eb))
    if not res.rows:
        raise StataError("the two models have no variance component in common", 498)
    session.print(render_pve(res))
    r = {}
    for row in res.rows:
        key = "Residual" if row.level == "Residual" else f"{row.level}_{row.label[4:-1]}"
        r[f"pve_{key}"] = row.pve
    session.set_r(r)


def estat_hlmchi2(session, cmd) -> None:
    """``estat hlmchi2`` (mlmcli; not in Stata): HLM's test of tau_qq = 0,
    chi2_q = sum_j (betahat_qj - fixed prediction)^2 / Vhat_qqj with df = J' - S_q - 1
    (Raudenbush & Bryk 2002, eq. 3.103), over groups with enough data for an OLS fit."""
    e = require_mixed(session)
    _no_args(cmd, "hlmchi2")
    parse_options(cmd.options, [])
    fit = e.model
    k, term = _single_level_term(e, "hlmchi2")
    from mlmcli.postest.hlmchi2 import hlm_chi2
    from mlmcli.render.postest_extra import render_hlmchi2
    tau = _tau(fit, k)
    res = hlm_chi2(fit.spec.y, fit.model.X, fit.beta, term.Z, term.group, term.n_groups, fit.sigma2,
                   np.diag(tau), term.names, term.levelvar)
    session.print(render_hlmchi2(res))
    r = {"N_g": float(res.n_groups), "N_used": float(res.n_used)}
    for row in res.rows:
        nm = row.coef
        r[f"chi2_{nm}"] = row.chi2
        r[f"df_{nm}"] = float(row.df)
        r[f"p_{nm}"] = row.p
    session.set_r(r)


# ====================================================================== predict
_PREDICT_OPTS = [
    OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("fitted", 3), OptionSpec("residuals", 3),
    OptionSpec("rstandard", 4), OptionSpec("reffects", 3), OptionSpec("reses", 5),
    OptionSpec("relevel", 5, takes_arg=True), OptionSpec("level", 3, takes_arg=True),
    OptionSpec("scores", 5),
]
_STATS = ("xb", "stdp", "fitted", "residuals", "rstandard", "reffects", "reses", "scores")
_LABELS = {
    "xb": "Linear prediction, fixed portion", "stdp": "S.E. of the prediction, fixed portion",
    "fitted": "Fitted values: xb + Zu", "residuals": "Residuals", "rstandard": "Standardized residuals",
}
_TYPES = ("byte", "int", "long", "float", "double")


def _parse_newvars(session, args: str) -> tuple[str | None, list[str], str | None]:
    """``[type] newvar | stub* | newvarlist`` -> (type, names, stub)."""
    words = args.split()
    vtype = None
    if words and words[0] in _TYPES:
        vtype = words.pop(0)
    if not words:
        raise StataError("varlist required", 100)
    stub = None
    if len(words) == 1 and words[0].endswith("*"):
        stub = words[0][:-1]
        if not stub:
            raise StataError("invalid syntax", 198)
        return vtype, [], stub
    for w in words:
        if any(ch in w for ch in "*?~-"):
            raise StataError("invalid syntax", 198)
    return vtype, words, None


def _check_new(session, names: list[str]) -> None:
    from mlmcli.dataset import NAME_RE, RESERVED_NAMES
    for n in names:
        if n in session.data.varnames:
            raise StataError(f"variable {n} already defined", 110)
        if not NAME_RE.match(n) or n in RESERVED_NAMES:
            raise StataError(f"{n} invalid name", 198)


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
        for part in nm.split("#"):
            if part == "_cons":
                continue
            if "." in part:
                lev, var = part.split(".", 1)
                x = session.data.numeric(var)
                if lev == "c":
                    col = col * x
                else:
                    lv = float(lev.rstrip("bon") or "nan")
                    col = col * np.where(np.isnan(x), np.nan, (x == lv).astype(float))
            else:
                col = col * session.data.numeric(part)
        cols.append(col)
    return np.column_stack(cols) if cols else np.zeros((n, 0))


def _is_base_or_omitted(name: str) -> bool:
    """``1b.f``, ``o.x``, ``2o.f#c.x``: a base or omitted coefficient (always 0 in e(b))."""
    for part in name.split("#"):
        if "." in part and re.search(r"[bo]", part.split(".", 1)[0]):
            return True
    return False


def _fixed_names(e) -> list[str]:
    """Estimable fixed-effect coefficient names (base/omitted dropped), in e(b) order."""
    b = e.matrices["b"]
    depvar = e.macros.get("depvar", "")
    out = []
    for full in b.colnames:
        eq, nm = full.split(":", 1) if ":" in full else (depvar, full)
        if eq != depvar or _is_base_or_omitted(nm):
            continue
        out.append(nm)
    return out


def cmd_predict(session, cmd) -> None:
    """``predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]`` and
    ``predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)]``."""
    e = active_estimates(session)
    opts = parse_options(cmd.options, _PREDICT_OPTS)
    stats = [s for s in _STATS if s in opts]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    vtype, names, stub = _parse_newvars(session, cmd.args)
    if not stats:
        session.print("(option xb assumed)")
        stat = "xb"
    else:
        stat = stats[0]
    if "relevel" in opts and stat not in ("reffects", "reses"):
        raise StataError("option relevel() not allowed", 198)
    rows = _rows_selected(session, cmd)
    if stat in ("reffects", "reses"):
        if e.cmd not in MIXED_CMDS:
            raise StataError(f"option {stat} not allowed", 198)
        return _predict_reffects(session, e, stat, vtype, names, stub, opts.get("relevel"), rows)
    if stub is not None:
        names = [f"{stub}1"]
    if len(names) != 1:
        raise StataError("too many variables specified", 103)
    _check_new(session, names)
    if stat == "scores":
        raise StataError("option scores not allowed", 198)
    values = _predict_stat(session, e, stat)
    values = np.where(rows, values, np.nan)
    _store(session, names[0], values, vtype, _LABELS[stat])


def _predict_stat(session, e, stat: str) -> np.ndarray:
    n = session.data.nobs
    sample = np.asarray(e.sample, bool) if e.sample is not None else np.ones(n, bool)
    if stat in ("xb", "stdp"):
        X = fixed_design_all_rows(session, e)
        beta, Vb = _fixed_beta_V(e)
        if stat == "xb":
            return X @ beta if X.shape[1] else np.zeros(n)
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, Vb, X), 0))
    if e.cmd not in MIXED_CMDS:
        return _predict_regress(session, e, stat)
    fit = e.model
    fitted_s = np.asarray(fit.fitted(), float)
    out = np.full(n, np.nan)
    idx = np.flatnonzero(sample)
    if stat == "fitted":
        out[idx] = fitted_s
    else:
        resid = np.asarray(fit.spec.y, float) - fitted_s
        if stat == "rstandard":
            resid = resid / np.sqrt(fit.sigma2)
        out[idx] = resid
    return out


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
        session.print(f"({nmiss} missing value{'s' if nmiss != 1 else ''} generated)")


def _predict_reffects(session, e, stat, vtype, names, stub, relevel, rows) -> None:
    fit = e.model
    preds = fit.blups()
    terms = list(fit.spec.terms)
    chosen = list(range(len(terms)))
    if relevel:
        levels = [t.levelvar for t in terms]
        lv = relevel.strip()
        if lv not in levels:
            try:
                lv = session.data.resolve(lv)
            except StataError:
                pass
        if lv not in levels:
            raise StataError(f"level {relevel.strip()} not found among random levels", 198)
        chosen = [k for k in chosen if terms[k].levelvar == lv]
    cols = [(k, j) for k in chosen for j in range(len(terms[k].names))]
    if stub is not None:
        names = [f"{stub}{i + 1}" for i in range(len(cols))]
    if len(names) < len(cols):
        raise StataError("too few variables specified", 102)
    if len(names) > len(cols):
        raise StataError("too many variables specified", 103)
    _check_new(session, names)
    sample = np.asarray(e.sample, bool)
    idx = np.flatnonzero(sample)
    n = session.data.nobs
    for name, (k, j) in zip(names, cols):
        t = terms[k]
        src = preds[k].modes if stat == "reffects" else preds[k].se
        vals = np.full(n, np.nan)
        vals[idx] = src[t.group, j]
        vals = np.where(rows, vals, np.nan)
        lv = "_all" if t.crossed_factor else t.levelvar
        what = "BLUP r.e." if stat == "reffects" else "BLUP r.e. std. errors"
        _store(session, name, vals, vtype, f"{what} for {lv}: {t.names[j]}")
