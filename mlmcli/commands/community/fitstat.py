"""``fitstat`` (Long and Freese's SPost13): the models it accepts, and what it does with the
others.

SPost13's fitstat.ado (version 4.1.10, 2017-01-05) accepts only e(cmd) = regress, logit,
probit, logistic, cloglog, ologit, oprobit, mlogit, tobit, intreg, poisson, nbreg, zip, zinb,
ztp, ztnb, slogit, mprobit, tnbreg, tpoisson or gologit2 (clogit, rologit, cnreg and gologit go
to the older fitstat9); after any other model -- ``melogit`` and the other me commands post
e(cmd) = meglm, mixed, xtreg ... -- it displays "fitstat does not work with the last model
estimated" as an error and exits *without* an error code, so a do-file goes on; after
``svy`` it stops with r(999).  mlm does the same.  The measures themselves (the R2s, AIC/BIC
of the accepted models) are not implemented in mlm: fitstat after an accepted model stops
with r(199) and says so.

    fitstat [if] [in] [, saving(name) using(name) save diff force bic ic debug(#) spost9]
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

ACCEPTED = frozenset("regress logit probit logistic cloglog ologit oprobit mlogit tobit intreg poisson nbreg zip "
                     "zinb ztp ztnb slogit mprobit tnbreg tpoisson gologit2 clogit rologit cnreg gologit".split())

FITSTAT_OPTIONS = [OptionSpec("saving", 1, takes_arg=True), OptionSpec("using", 1, takes_arg=True),
                   OptionSpec("save", 4), OptionSpec("diff", 1), OptionSpec("force", 5), OptionSpec("bic", 1),
                   OptionSpec("ic", 2), OptionSpec("debug", 1, takes_arg=True), OptionSpec("spost9", 6)]


def cmd_fitstat(session, cmd) -> None:
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    resolve_options(cmd.options, FITSTAT_OPTIONS)
    e = session.e
    name = "" if e is None else (e.macros.get("cmd") or e.cmd or "")
    if e is not None and e.macros.get("prefix") == "svy":
        raise StataError("quantities cannot be computed when svy is used", 999)
    if name not in ACCEPTED:
        session.print("fitstat does not work with the last model estimated")
        return
    raise StataError(f"fitstat after {name} is not implemented in mlm (mlm has estat ic for AIC and BIC)", 199)
