"""``hausman``: Hausman specification test of two stored (or the active) estimation
results.

    hausman name-consistent [name-efficient] [, constant alleqs skipeqs(eqlist)
            equations(matchlist) force df(#) sigmamore sigmaless tconsistent(str)
            tefficient(str)]

The test is computed by ``mlmcli.postest.hausman`` on each model's e(b) and e(V)
(and residual SD for sigmamore/sigmaless: e(sigma_e) after xtreg, fe and mle, e(rmse)
after xtreg, re, else e(sigma) or e(rmse)); r(chi2), r(df), r(p), r(rank).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import lookup
from mlmcli.syntax.options import OptionSpec, resolve_options

HAUSMAN_OPTIONS = [
    OptionSpec("constant", 1), OptionSpec("alleqs", 1), OptionSpec("skipeqs", 2, takes_arg=True),
    OptionSpec("equations", 2, takes_arg=True), OptionSpec("force", 5), OptionSpec("df", 2, takes_arg=True),
    OptionSpec("sigmamore", 3), OptionSpec("sigmaless", 6), OptionSpec("tconsistent", 5, takes_arg=True),
    OptionSpec("tefficient", 5, takes_arg=True),
]


def _sigma(e) -> float | None:
    s = e.scalars
    if e.cmd == "xtreg":
        v = s.get("sigma_e") if e.macros.get("model") in ("fe", "ml") else s.get("rmse")
    else:
        v = s.get("sigma", s.get("rmse"))
    return None if v is None or not np.isfinite(v) else float(v)


def _estimates(e, force: bool):
    from mlmcli.postest.hausman import Estimates

    if (e.macros.get("clustvar") or e.macros.get("vce") == "robust" or e.macros.get("wtype") == "pweight") \
            and not force:
        raise StataError("hausman cannot be used with vce(robust), vce(cluster cvar), or p-weighted data", 198)
    b, V = e.matrices.get("b"), e.matrices.get("V")
    if b is None or V is None:
        raise StataError("e(b) not found", 198)
    return Estimates(tuple(b.colnames), np.asarray(b.values, float).ravel(), np.asarray(V.values, float),
                     _sigma(e))


def _matchlist(text: str) -> list[tuple[int, int]]:
    pairs = re.findall(r"(\d+)\s*:\s*(\d+)", text)
    rest = re.sub(r"(\d+)\s*:\s*(\d+)|[,\s]", "", text)
    if not pairs or rest:
        raise StataError("equations() invalid", 198)
    return [(int(a), int(b)) for a, b in pairs]


def cmd_hausman(session, cmd) -> None:
    from mlmcli.postest.hausman import hausman
    from mlmcli.render.panel_tests import render_hausman
    from mlmcli.results.panel import HausmanResult, HausmanRow
    from mlmcli.syntax.coefnames import split_eq

    opts = resolve_options(cmd.options, HAUSMAN_OPTIONS)
    names = cmd.args.split()
    if not names:
        raise StataError("too few names specified", 198)  # est_expand, min(1)
    if len(names) > 2:
        raise StataError("too many names specified", 198)
    if len(names) == 1:
        names.append(".")
    if names[0] == names[1]:
        raise StataError("the two models need to be different", 198)
    if opts.get("sigmamore") and opts.get("sigmaless"):
        raise StataError("options sigmamore and sigmaless may not be combined", 198)
    if opts.get("skipeqs"):
        raise StataError("hausman's skipeqs() is not implemented in mlmcli", 199)
    force = bool(opts.get("force"))
    e1, e2 = lookup(session, names[0]), lookup(session, names[1])
    est1, est2 = _estimates(e1, force), _estimates(e2, force)
    df = None
    if opts.get("df") is not None:
        try:
            df = int(str(opts["df"]).strip())
        except ValueError:
            raise StataError("df() invalid", 198) from None
        if not 0 < df < 11000:
            raise StataError("df() invalid", 198)
    sigma = "more" if opts.get("sigmamore") else ("less" if opts.get("sigmaless") else None)
    res = hausman(est1, est2, equations=_matchlist(str(opts["equations"])) if opts.get("equations") else None,
                  alleqs=bool(opts.get("alleqs")), constant=bool(opts.get("constant")), sigma=sigma, df=df)
    se = np.sqrt(np.where(np.diag(res.Vd) >= 0, np.diag(res.Vd), np.nan))
    rows = tuple(HausmanRow(split_eq(nm)[1], float(b), float(B), float(s), equation=split_eq(nm)[0] or None)
                 for nm, b, B, s in zip(res.names, res.b, res.B, se))
    label1 = opts.get("tconsistent") or names[0]
    label2 = opts.get("tefficient") or names[1]
    result = HausmanResult(consistent_name=str(label1).strip('"'), efficient_name=str(label2).strip('"'),
                           consistent_cmd=e1.macros.get("cmd2") or e1.cmd,
                           efficient_cmd=e2.macros.get("cmd2") or e2.cmd, rows=rows, df=res.df, chi2=res.chi2,
                           p=res.p, positive_definite=res.positive_definite, rank=res.rank, n_coefs=len(rows))
    session.print(render_hausman(result, session.linesize))
    session.set_r({"chi2": res.chi2, "df": float(res.df), "p": res.p, "rank": float(res.rank)})
