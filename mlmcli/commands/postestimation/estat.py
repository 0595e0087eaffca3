"""``estat`` (and the registry's ``predict`` entry) after ``mixed`` and ``regress``.

``estat`` subcommands: Stata's ``group``, ``icc``, ``ic``, ``recovariance``,
``sd``; mlmcli's own ``reliability``, ``pve`` and ``hlmchi2`` (formulas and
references in ``mlmcli.postest`` and in ``HELP``; their handlers live in
``mlmcli.commands.postestimation.estat_multilevel``); ``caterpillar`` is dispatched to the
graphs package; ``predict`` is implemented in ``mlmcli.commands.postestimation.predict``.  The numbers come from ``e()`` and the
engine's fitted model (``session.e.model``, a ``mlmcli.mixed.fit.MixedFit``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

MIXED_CMDS = ("mixed", "xtmixed")

# ``help`` entries (command -> text) for the interpreter's help command: syntax,
# and for mlmcli's own statistics the formula and its reference.
HELP = {
    "estat": (
        "estat group | icc [, level(#)] | ic [, n(#)] | recovariance [, level(levelvar) correlation]"
        " | sd -- Stata's postestimation statistics after mixed.\n"
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
        from mlmcli.commands.graphs.twoway import estat_caterpillar
        return estat_caterpillar(session, cmd)
    handler = {
        "group": estat_group, "icc": estat_icc, "ic": estat_ic, "recovariance": estat_recovariance,
        "sd": estat_sd, "reliability": _extra("estat_reliability"), "pve": _extra("estat_pve"),
        "hlmchi2": _extra("estat_hlmchi2"),
        "summarize": _unsupported, "vce": _unsupported,
    }[sub]
    handler(session, cmd)


def _extra(name: str):
    def handler(session, cmd):
        from mlmcli.commands.postestimation import estat_multilevel
        getattr(estat_multilevel, name)(session, cmd)
    return handler


def _unsupported(session, cmd) -> None:
    raise StataError(f"estat {_words(cmd)[0]} is not implemented in mlmcli", 199)


# ---------------------------------------------------------------------- group
def estat_group(session, cmd) -> None:
    """``estat group``: the No. of / Observations per Group table (Stata [ME] mixed postestimation)."""
    e = require_mixed(session)
    _no_args(cmd, "group")
    resolve_options(cmd.options, [])
    from mlmcli.render.estat_tables import render_estat_group
    from mlmcli.results.postestimation import EstatGroupResult
    session.print(render_estat_group(EstatGroupResult(tuple(e.result.groups))))
    session.set_r({})


# ---------------------------------------------------------------------- icc
def icc_estimates(e, level: float):
    """Stata's ``estat icc`` numbers from e(b)/e(V) and the e() macros (see mlmcli.postest.icc)."""
    from mlmcli.postest.criteria import LNS_RE
    from mlmcli.syntax.coefnames import split_eq
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
               if (m := LNS_RE.match(split_eq(full)[0])) and (int(m.group(1)), int(m.group(2))) == (lev, eqn)]
        if idx:
            level_params[lev - 1] = [idx[-1]]
    if any(not p for p in level_params):
        raise StataError("estat icc not allowed after random-effects models with random-level "
                         "specifications that do not contain random intercepts", 321)
    resid = next((i for i, full in enumerate(names) if split_eq(full)[0] == "lnsig_e"), None)
    if resid is None:
        raise StataError("estat icc not allowed after random-effects models with residual structures "
                         "other than the default independent structure", 321)
    rows = nested_icc(levels, level_params, resid, b, V, level)
    has_rcov = any(v != "_cons" for v in revars)
    fixed = [n for n in names if split_eq(n)[0] == e.macros.get("depvar")]
    has_fcov = not (len(fixed) == 0 or (len(fixed) == 1 and split_eq(fixed[0])[1] == "_cons"))
    kind = "conditional" if has_rcov else ("residual" if has_fcov else "plain")
    return rows, kind


def estat_icc(session, cmd) -> None:
    """``estat icc [, level(#)]``: intraclass correlations; r(icc#) r(se#) r(ci#) r(label#) r(level)."""
    e = require_mixed(session)
    _no_args(cmd, "icc")
    opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True)])
    level = confidence_level(opts, getattr(session, "level", 95.0))
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
    opts = resolve_options(cmd.options, [OptionSpec("n", 1, takes_arg=True)])
    row = model_ic_row(e)
    if "n" in opts:
        from mlmcli.postest.criteria import with_sample_size
        row = with_sample_size(row, sample_size_option(opts))
    _print_ic(session, [row])


def sample_size_option(opts: dict) -> float:
    """``n(#)`` of ``estat ic``/``estimates stats``: a positive, finite number of observations."""
    try:
        n = float(opts["n"])
    except (TypeError, ValueError):
        raise StataError("n() invalid", 198) from None
    if not (np.isfinite(n) and n > 0):
        raise StataError("n() invalid", 198)
    return n


def _print_ic(session, rows) -> None:
    from mlmcli.render.estat_tables import render_estat_ic
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatIcResult
    session.print(render_estat_ic(EstatIcResult(tuple(rows))))  # information_criteria rows
    S = np.array([[r.nobs, r.ll_null, r.ll, r.df, r.aic, r.bic] for r in rows], float)
    session.set_r({"S": Matrix(S, tuple(r.model for r in rows), ("N", "ll0", "ll", "df", "AIC", "BIC"))})


# ---------------------------------------------------------------------- recovariance / sd
def _tau(fit, k: int) -> np.ndarray:
    """Covariance of term k's random effects: sigma^2 Lambda Lambda'."""
    lam = fit.model.lambdas(fit.theta)[k]
    return fit.sigma2 * (lam @ lam.T)


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
    opts = resolve_options(cmd.options, [OptionSpec("relevel", 3, takes_arg=True),
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
    opts = resolve_options(cmd.options, [OptionSpec("variance", 3), OptionSpec("post", 4),
                                       OptionSpec("verbose", 4), OptionSpec("coeflegend", 5)])
    from mlmcli.render.mixed_display import render_mixed
    metric = "variance" if opts.get("variance") else "sd"
    text = render_mixed(e.result, metric=metric, noheader=True, nogroup=True, nofetable=True,
                        nolrtest=True, linesize=session.linesize)
    session.print(text)
