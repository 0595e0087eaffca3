"""``xtcloglog``: the random-effects complementary log-log model (the default, ``re``) and the
population-averaged one (``pa``: xtgee, family(binomial) link(cloglog)), as xtcloglog.ado.

    xtcloglog depvar [indepvars] [if] [in] [iweight] [, re i(panelvar) noconstant offset(varname)
              eform intmethod(mvaghermite|aghermite|ghermite) intpoints(#) vce(oim|robust|cluster v)
              level(#) nolog display_options]
    xtcloglog depvar [indepvars] [if] [in] [weight], pa [xtgee's options]

The re model is ``xt_random_intercept``'s (mecloglog's likelihood integrated by adaptive
Gauss-Hermite quadrature), reported with ``/lnsig2u``, ``sigma_u`` and rho = sigma_u^2 /
(sigma_u^2 + pi^2/6) (xtcloglog.ado's diparm) and the LR test of rho = 0 against ``cloglog``.
``fe`` is xtcloglog.ado's ``Fixed-effects model not available`` r(198); fweights and pweights
with ``re`` its ``<weight> not allowed in random-effects case`` r(101).
"""
from __future__ import annotations

from mlmcli.errors import StataError


def cmd_xtcloglog(session, cmd) -> None:
    from mlmcli.commands.estimation import xt_random_intercept as re_model
    from mlmcli.commands.estimation.gee import population_averaged_request

    words = {o.name for o in cmd.options}
    if cmd.args.strip() and "fe" in words:
        raise StataError("Fixed-effects model not available", 198)
    if cmd.args.strip() and "re" in words and "pa" in words:
        raise StataError("Choose only one of re and pa", 198)
    if population_averaged_request(session, cmd, "xtcloglog", ("eform", "exp(b)")):
        return None
    if not cmd.args.strip():
        if session.e is not None and session.e.cmd == "xtcloglog" and session.e.macros.get("model") == "re":
            return re_model.replay_command(session, cmd)
        raise StataError("last estimates not found", 301)
    return re_model.fit_random_intercept(session, cmd, "xtcloglog")


def replay(session, e) -> None:
    from mlmcli.commands.estimation.xt_random_intercept import replay as replay_re

    replay_re(session, e)
