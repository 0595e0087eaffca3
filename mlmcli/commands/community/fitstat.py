"""``fitstat`` (Long and Freese's SPost13): the models it accepts, and what it does with the
others.

SPost13's fitstat.ado (version 4.1.10, 2017-01-05) accepts only e(cmd) = regress, logit,
probit, logistic, cloglog, ologit, oprobit, mlogit, tobit, intreg, poisson, nbreg, zip, zinb,
ztp, ztnb, slogit, mprobit, tnbreg, tpoisson or gologit2 (clogit, rologit, cnreg and gologit go
to the older fitstat9); after any other model -- ``melogit`` and the other me commands post
e(cmd) = meglm, mixed, xtreg ... -- it displays "fitstat does not work with the last model
estimated" as an error and exits *without* an error code, so a do-file goes on; after
``svy`` it stops with r(999).  mlm does the same.  After ``logit``, ``logistic`` and ``probit``
(unweighted or fweighted) mlm computes the measures (``mlmcli.postest.fit_measures``) and
prints fitstat's table (``mlmcli.render.fitstat``), returning them in r() under fitstat's
names; ``bic``/``ic`` gives the information criteria alone.  The other accepted models, other
weights and the comparison options (save, saving(), using(), diff, force) stop with r(199).

    fitstat [if] [in] [, saving(name) using(name) save diff force bic ic debug(#) spost9]
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

ACCEPTED = frozenset("regress logit probit logistic cloglog ologit oprobit mlogit tobit intreg poisson nbreg zip "
                     "zinb ztp ztnb slogit mprobit tnbreg tpoisson gologit2 clogit rologit cnreg gologit".split())

BINARY = frozenset(("logit", "logistic", "probit"))
FITSTAT_OPTIONS = [OptionSpec("saving", 1, takes_arg=True), OptionSpec("using", 1, takes_arg=True),
                   OptionSpec("save", 4), OptionSpec("diff", 1), OptionSpec("force", 5), OptionSpec("bic", 1),
                   OptionSpec("ic", 2), OptionSpec("debug", 1, takes_arg=True), OptionSpec("spost9", 6)]


def cmd_fitstat(session, cmd) -> None:
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(cmd.options, FITSTAT_OPTIONS)
    e = session.e
    name = "" if e is None else (e.macros.get("cmd") or e.cmd or "")
    if e is not None and e.macros.get("prefix") == "svy":
        raise StataError("quantities cannot be computed when svy is used", 999)
    if name not in ACCEPTED:
        session.print("fitstat does not work with the last model estimated")
        return
    if name not in BINARY or getattr(e, "model", None) is None:
        raise StataError(f"fitstat after {name} is not implemented in mlm (mlm has estat ic for AIC and BIC)", 199)
    for option in ("saving", "using", "save", "diff", "force"):
        if opts.get(option):
            raise StataError(f"fitstat, {option} is not implemented in mlm", 199)
    wtype = e.macros.get("wtype", "")
    if wtype and wtype != "fweight":
        raise StataError(f"fitstat after a model with {wtype}s is not implemented in mlm", 199)
    _binary(session, cmd, e, name, bool(opts.get("ic")))  # the ado lists the IC alone only under ic


def _binary(session, cmd, e, name: str, ic: bool) -> None:
    import numpy as np

    from mlmcli.commands.estimation.common import evaluate_weight
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.expr import evaluate_condition
    from mlmcli.postest.fit_measures import RETURN_ORDER, binary_fit_measures
    from mlmcli.render.fitstat import render_fitstat

    # fitstat.ado's ``syntax [if] [in]`` is parsed but every measure is over e(sample)
    rows = np.asarray(evaluate_condition(session, "e(sample)"), bool)
    prows = PredictionRows(session, e)
    p = np.asarray(e.model.predict("pr", prows), float)
    xb = np.asarray(e.model.predict("xb", prows), float)
    y = session.data.numeric(e.macros.get("depvar", "").split()[0])
    w = np.ones(session.data.nobs)
    if e.macros.get("wtype"):
        w = np.asarray(evaluate_weight(session, e.macros.get("wexp", "").lstrip("= ").strip()), float)
    rows = rows & ~np.isnan(p) & ~np.isnan(xb) & ~np.isnan(y) & ~np.isnan(w)
    values = binary_fit_measures("logistic" if name == "logistic" else ("probit" if name == "probit" else "logit"),
                                 y[rows], p[rows], xb[rows], w[rows], dict(e.scalars),
                                 e.macros.get("chi2type", ""))
    session.set_r({key: values[key] for key in RETURN_ORDER if values[key] == values[key]})
    session.print(render_fitstat(values, name, ic=ic, robust_note=e.macros.get("vce") == "robust"))
