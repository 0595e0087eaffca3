"""``testnl``: Wald tests of nonlinear hypotheses about the coefficients ([R] testnl;
testnl.ado 2.7.2), after any estimation command with e(b) and e(V).

``testnl exp = exp [= exp ...] [, options]`` or ``testnl (exp = exp [= exp ...]) (...) [, options]``;
options ``mtest[(bonferroni|holm|sidak|noadjust)]``, ``df(#)`` (F on # denominator degrees of
freedom; without it chi2, as testnl does under version 13 and later, whatever e(df_r)),
``g(matname)`` / ``r(matname)`` (save G and R), ``iterate(#)`` (accepted: mlm's derivatives,
``mlmcli.postest.delta_method``, are not iterative).

W = R(b)' [G V G']^-1 R(b), G = dR/db; a constraint whose row of G V G' has no variance is
dropped (``Constraint (i) dropped``).  r(chi2) r(df) r(p) (r(F) r(df_r) with df()), r(R), r(G),
r(mtest) and r(mtmethod).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import find_top, matching_close

OPTIONS = [OptionSpec("mtest", 1, takes_arg=True, arg_optional=True), OptionSpec("g", 1, takes_arg=True),
           OptionSpec("r", 1, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
           OptionSpec("df", 2, takes_arg=True), OptionSpec("nosvyadjust", 7)]


def _groups(body: str) -> list[str]:
    """``(e1) (e2) ...`` -> the parenthesized equations; otherwise the whole text as one."""
    body = body.strip()
    if not body:
        raise StataError("invalid syntax", 198)
    pieces, rest = [], body
    while rest.startswith("("):
        end = matching_close(rest, 0)
        if end < 0:
            break
        pieces.append(rest[1:end])
        rest = rest[end + 1:].strip()
    if pieces and not rest:
        return pieces
    return [body]


def _split_equation(k: int, text: str) -> list[tuple[str, str]]:
    """SplitEq: ``a = b = c`` -> (a, b), (a, c); ``==`` is ``=``; the sides lose their blanks."""
    text = text.replace("==", "=")
    sides, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "=" and depth == 0:
            sides.append(text[start:i])
            start = i + 1
    sides.append(text[start:])
    if len(sides) < 2:
        raise StataError(f"equation ({k}) has no = sign", 198)
    sides = ["".join(s.split()) for s in sides]
    if not sides[-1]:
        raise StataError("correct format is exp1 = exp2 [= exp3 ..]", 198)
    return [(sides[0], s) for s in sides[1:]]


def parse_constraints(body: str) -> list[tuple[str, str]]:
    out = []
    for k, eq in enumerate(_groups(body), 1):
        out += _split_equation(k, eq)
    return out


def cmd_testnl(session, cmd) -> None:
    from mlmcli.expr import evaluate_number
    from mlmcli.postest.delta_method import jacobian
    from mlmcli.results.matrix import Matrix

    e = active(session)
    if "b" not in e.matrices or "V" not in e.matrices:
        raise StataError("estimation command does not save e(b) and e(V)" if "b" in e.matrices else
                         "last estimates not found", 321 if "b" in e.matrices else 301)
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, OPTIONS)
    if "nosvyadjust" in opts:
        raise StataError("nosvyadjust is allowed only with svy models", 198)
    df = None
    if opts.get("df") is not None:
        try:
            df = float(str(opts["df"]).strip())
        except ValueError:
            raise StataError("option df() incorrectly specified", 198) from None
        if not df > 0:
            raise StataError("df() invalid -- invalid number, outside of allowed range", 125)
    method = None
    if "mtest" in opts:
        from mlmcli.postest.wald import mtest_method
        method = mtest_method(opts["mtest"])
    eqs = parse_constraints(body)
    if len(eqs) == 1 and method is not None:
        session.print("(option mtest ignored with a single condition)")
        method = None
    b0, V = e.matrices["b"], np.asarray(e.matrices["V"].values, float)
    exps = [f"({lhs})-({rhs})" for lhs, rhs in eqs]

    def R(beta: np.ndarray) -> np.ndarray:
        trial = Matrix(np.asarray(beta, float).reshape(1, -1), tuple(b0.rownames), tuple(b0.colnames))
        session.e = dataclasses.replace(e, matrices={**e.matrices, "b": trial})
        return np.array([evaluate_number(session, x) for x in exps], float)

    session.print("")
    for i, (lhs, rhs) in enumerate(eqs, 1):
        session.print(f"  ({i})  {lhs} = {rhs}")
    beta = np.asarray(b0.values, float).ravel()
    try:
        r = R(beta)
        for i, v in enumerate(r, 1):
            if not math.isfinite(v):
                raise StataError(f"equation ({i}) evaluates to missing", 498)
            if session.data is not None and session.data.nobs > 1:  # MakeR: first and last observation agree
                from mlmcli.expr import evaluate
                values = np.asarray(evaluate(session, exps[i - 1]), float)
                if values[0] != values[-1]:
                    raise StataError(f"equation ({i}) contains reference to X rather than _b[X]", 198)
        G = jacobian(R, beta)
    finally:
        session.e = e
    with np.errstate(over="ignore", invalid="ignore"):  # testnl 1e300*_b[x] = 0: past the largest double
        VR = G @ V @ G.T
        VR = (VR + VR.T) / 2
    if not np.isfinite(VR).all():
        raise StataError("matrix has missing values", 504)
    keep = [i for i in range(len(r)) if VR[i, i] > 0]
    for i in range(len(r)):
        if i not in keep:
            session.print(f"       Constraint ({i + 1}) dropped" + (" in simultaneous test" if method else ""))
    mdf = len(keep)
    wald = float(r[keep] @ np.linalg.pinv(VR[np.ix_(keep, keep)]) @ r[keep]) if keep else 0.0
    rr = {"R": Matrix(r.reshape(-1, 1), tuple(f"r{i}" for i in range(1, len(r) + 1)), ("c1",)),
          "G": Matrix(G, tuple(f"r{i}" for i in range(1, len(r) + 1)), tuple(b0.colnames))}
    for key in ("g", "r"):
        if opts.get(key):
            session.matrices[opts[key].strip()] = rr[key.upper()]
    result = _result(wald, mdf, df, r, VR, keep, method, [f"{a} = {b}" for a, b in eqs])
    from mlmcli.render.testnl import render_testnl
    session.print(render_testnl(result))
    if result.F is not None:
        rr.update(df=float(mdf), df_r=df, F=result.F, p=result.p)
    else:
        rr.update(df=float(mdf), chi2=result.chi2, p=result.p)
    if result.mtest is not None:
        rows = [[m.stat, 1.0, m.p] + ([m.adjusted_p] if m.adjusted_p is not None else []) for m in result.mtest]
        cols = ("F" if df else "chi2", "df", "p") + (("adj_p",) if method != "noadjust" else ())
        rr["mtest"] = Matrix(np.array(rows, float), tuple(f"r{i}" for i in range(1, len(rows) + 1)), cols)
        rr["mtmethod"] = method
    session.set_r(rr)


def _result(wald, mdf, df, r, VR, keep, method, texts):
    from mlmcli import distributions as dist
    from mlmcli.postest.wald import adjusted_p_values
    from mlmcli.results.postestimation import MtestRow, WaldTestResult

    if df is None:
        stat, p = wald, float(dist.chi2.sf(wald, mdf)) if mdf else float("nan")
        F = None
    else:
        stat = wald / mdf if mdf else 0.0
        p = float(dist.f.sf(stat, mdf, df)) if mdf else float("nan")
        F = stat
    mtest = None
    if method is not None and mdf > 1:
        stats = [float(r[i] ** 2 / VR[i, i]) for i in keep]
        ps = [float(dist.chi2.sf(s, 1)) if df is None else float(dist.f.sf(s, 1, df)) for s in stats]
        adj = adjusted_p_values(ps, method)
        mtest = tuple(MtestRow(stat=s, p=q, adjusted_p=None if method == "noadjust" else float(a))
                      for s, q, a in zip(stats, ps, adj))
    return WaldTestResult(constraints=tuple(texts), chi2=wald if F is None else float("nan"), df=mdf, p=p, F=F,
                          df_r=df, mtest=mtest, mtest_method=method if mtest else None)
