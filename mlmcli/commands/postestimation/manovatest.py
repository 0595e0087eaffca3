"""``manovatest`` after manova ([MV] manova postestimation; manovatest.ado, Stata 16 tree):

    manovatest term [term ...] [, ytransform(matname)]
    manovatest, test(matname) [ytransform(matname)]
    manovatest, showorder

Terms as manova's table names them (``g``, ``g#h``, ``x1`` for c.x1); several terms are tested
together: H = E(model without them) - E.  test(L): L has a column per design column in e(b)'s
order within an equation (``showorder`` lists them); H = (L B)' (L (X'WX)^- L')^- (L B) on
rank(L (X'WX)^- L') degrees of freedom, B the coefficients (base and omitted columns 0).
ytransform(C): the tests of the transformed responses Y C' (H -> C H C', E -> C E C').  The
"Transformations of the dependent variables" and showorder listings' indentation was decided
without a byte-exact Stata log (a published log's text, whitespace collapsed, gives their words).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"manovatest": "manovatest term [term ...] [, ytransform(matname)] | manovatest, test(matname) "
                      "[ytransform(matname)] | manovatest, showorder : multivariate tests after manova"}
_OPTIONS = [OptionSpec("test", 1, takes_arg=True), OptionSpec("ytransform", 5, takes_arg=True),
            OptionSpec("showorder", 5)]


def cmd_manovatest(session, cmd) -> None:
    from mlmcli.estimation.active import require
    from mlmcli.multivariate.manova_tests import multivariate_tests
    from mlmcli.render.manova import render_manova
    from mlmcli.results.manova import ManovaSource, ManovaTable

    e = require(session, ("manova",))
    parts = getattr(e.model, "manova_parts", None)
    if parts is None:
        raise StataError("manovatest needs the manova fit of this session (results from a file have no data)", 321)
    opts = resolve_options(cmd.options, _OPTIONS)
    names = e.matrices["b"].colnames
    depvars = e.macros["depvar"].split()
    if opts.get("showorder"):
        if cmd.args.strip() or opts.get("test") is not None:
            raise StataError("showorder may not be combined with other options or terms", 198)
        return session.print(_order(names, depvars[0]))
    terms = cmd.args.split()
    if bool(terms) == (opts.get("test") is not None):
        raise StataError("a term list or option test() required (not both)" if not terms else
                         "option test() may not be combined with a term list", 198)
    E = parts.E
    preamble: list[str] = []
    C = None
    if opts.get("ytransform") is not None:
        C = _matrix(session, opts["ytransform"])
        if C.shape[1] != len(depvars):
            raise StataError(f"{opts['ytransform']} must have {len(depvars)} columns", 503)
        preamble = ["Transformations of the dependent variables"]
        preamble += [f" ({i + 1}) " + _combination(row, depvars) for i, row in enumerate(C)] + [""]
    if terms:
        index = [_term_index(parts.labels, t) for t in terms]
        base = parts.base
        reduced = np.column_stack([base] + [b.columns for j, b in enumerate(parts.blocks) if j not in index])
        full = np.column_stack([base] + [b.columns for b in parts.blocks])
        from mlmcli.multivariate.manova_tests import residual_sscp

        Er, rank_r = residual_sscp(parts.Y, reduced, parts.w)
        _, rank_f = residual_sscp(parts.Y, full, parts.w)
        H, df, label = Er - E, rank_f - rank_r, " ".join(parts.labels[i] for i in index)
    else:
        H, df = _linear_hypothesis(session, opts["test"], parts, names, depvars[0])
        label = "manovatest"
    if C is not None:
        H, E = C @ H @ C.T, C @ E @ C.T
    tests = multivariate_tests(H, E, df, parts.nu_e)
    session.print(render_manova(ManovaTable(nobs=None, model=None, terms=(ManovaSource(label, df, tests.tests),),
                                            residual_df=parts.nu_e, total_df=None, preamble=tuple(preamble))))
    session.set_r(_returns(tests, df, parts.nu_e))


def _returns(tests, df, nu_e):
    from mlmcli.results.matrix import Matrix

    vals = np.array([[t.statistic, t.F, t.df1, t.df2, t.p, float(t.kind == "e")] for t in tests.tests])
    return {"df": float(df), "df_r": float(nu_e),
            "stat": Matrix(vals, ("wilks", "pillai", "lawley", "roy"), ("statistic", "F", "df1", "df2", "p", "exact")),
            "eigvals": Matrix(tests.eigenvalues[None, :], ("r1",),
                              tuple(f"c{i + 1}" for i in range(len(tests.eigenvalues))))}


def _term_index(labels, typed: str) -> int:
    def norm(t: str) -> str:
        return "#".join(p.split(".", 1)[1] if p.startswith(("c.", "i.")) else p for p in t.split("#"))

    for i, label in enumerate(labels):
        if norm(label) == norm(typed):
            return i
    raise StataError(f"{typed} not found in the model", 111)


def _matrix(session, name: str) -> np.ndarray:
    from mlmcli.commands.program.matrix import lookup_any

    return np.atleast_2d(np.asarray(lookup_any(session, name.strip()).values, float))


def _combination(row, depvars) -> str:
    """A row of ytransform() as an expression: ``y1 - y2``, ``2*y1 + y3``."""
    text = ""
    for c, y in zip(row, depvars):
        if c == 0:
            continue
        mag = "" if abs(c) == 1 else f"{abs(c):g}*"
        if not text:
            text = ("-" if c < 0 else "") + mag + y
        else:
            text += (" - " if c < 0 else " + ") + mag + y
    return text or "0"


def _linear_hypothesis(session, name, parts, names, first):
    """test(L): H and its degrees of freedom (module docstring)."""
    cols = [n.split(":", 1)[1] for n in names if n.split(":", 1)[0] == first]
    L = _matrix(session, name)
    if L.shape[1] != len(cols):
        raise StataError(f"{name.strip()} must have {len(cols)} columns", 503)
    from mlmcli.syntax.coefnames import is_base_or_omitted

    est = [j for j, c in enumerate(cols) if not is_base_or_omitted(c)]
    XtWX = (parts.X * parts.w[:, None]).T @ parts.X
    G = np.zeros((len(cols), len(cols)))
    G[np.ix_(est, est)] = np.linalg.pinv(XtWX)
    B = np.zeros((len(cols), parts.B.shape[0]))
    B[est, :] = parts.B.T
    LB = L @ B
    M = L @ G @ L.T
    df = int(np.linalg.matrix_rank(M))
    if df == 0:
        raise StataError("test() matrix tests nothing estimable", 498)
    return LB.T @ np.linalg.pinv(M) @ LB, df


def _order(names, first) -> str:
    """showorder: the design's columns within an equation, as (f==level)*... or the variable."""
    from mlmcli.syntax.coefnames import parse_coef_name

    lines = ["", "Order of columns in the design matrix"]
    k = 0
    for n in names:
        eq, col = n.split(":", 1)
        if eq != first:
            continue
        k += 1
        pieces = []
        for part in parse_coef_name(col).parts:
            pieces.append(f"({part.var}=={part.level})" if part.level is not None else part.var)
        lines.append(f"{k:>6}: " + "*".join(pieces))
    return "\n".join(lines)
