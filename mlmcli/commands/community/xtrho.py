"""``xtrho [, level(#) quantiles(numlist)]`` (Rodríguez and Elo, Stata Journal st0031):
measures of intra-class manifest association after a random-effects binary model
(``xtlogit``, ``xtprobit``, ``xtcloglog``, ``re``).

The measures (marginal and joint probability, odds ratio, Pearson's r, Yule's Q of two
responses in one cluster; ``mlmcli.postest.manifest_association``) are evaluated at the
median of the linear predictor x b over the estimation sample, or at each percentile in
``quantiles()``; the latent-response intraclass correlation rho closes the display.
r(): ``r(rho)``, and per point k = 1, 2, ... ``r(eta_k)``, ``r(p_k)``, ``r(p11_k)``,
``r(or_k)``, ``r(r_k)``, ``r(q_k)``.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.errors import StataError

HELP = {"xtrho": "xtrho [, level(#) quantiles(numlist)] : intra-class manifest association after xtlogit/xtprobit/"
                 "xtcloglog, re (community command)"}

_LINKS = {"xtlogit": "logit", "xtprobit": "probit", "xtcloglog": "cloglog"}


def _where(pct: float) -> str:
    if pct == 50:
        return "median"
    n = int(pct) if float(pct).is_integer() else pct
    suffix = "th" if 10 <= int(pct) % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(int(pct) % 10, "th")
    return f"{n}{suffix} percentile of"


def cmd_xtrho(session, cmd) -> None:
    from mlmcli.distributions import norm
    from mlmcli.estimation import active as estimates
    from mlmcli.estimation.rows import fixed_design_all_rows, sample_in_current_order
    from mlmcli.postest.manifest_association import MEASURES, latent_rho, manifest_measures
    from mlmcli.render.manifest_association import render_manifest_association
    from mlmcli.results.manifest_association import AssociationAt, ManifestAssociation
    from mlmcli.summary_statistics import stata_percentile
    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

    if cmd.args.strip() or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True),
                                         OptionSpec("quantiles", 1, takes_arg=True)])
    level = confidence_level(opts, getattr(session, "level", 95.0))
    e = estimates.active(session)
    link = _LINKS.get(e.cmd)
    if link is None or e.macros.get("model", "re") != "re" or "lnsig2u:_cons" not in e.coefficients().names:
        raise StataError("xtrho works only after xtlogit, xtprobit or xtcloglog with the re option", 301)
    percents = [50.0]
    if "quantiles" in opts:
        percents = [float(v) for v in numlist(str(opts["quantiles"]))]
        if not percents or any(not 0 < p < 100 for p in percents):
            raise StataError("quantiles() must be between 0 and 100", 198)
    coefs = e.coefficients()
    fixed = coefs.fixed_part(e.macros.get("depvar", ""))
    k = coefs.names.index("lnsig2u:_cons")
    lnsig2, se = float(coefs.b[k]), math.sqrt(max(float(coefs.V[k, k]), 0.0))
    z = float(norm.isf((1 - level / 100) / 2))
    sigmas = [math.exp(lnsig2 / 2), math.exp((lnsig2 - z * se) / 2), math.exp((lnsig2 + z * se) / 2)]
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("xtrho: the estimation sample is not in memory", 459)
    xb = fixed_design_all_rows(session, e) @ np.asarray(fixed.b, float)
    xb = np.sort(xb[np.asarray(sample, bool) & np.isfinite(xb)])
    if xb.size == 0:
        raise StataError("no observations", 2000)
    points, returns = [], {}
    for j, pct in enumerate(percents, start=1):
        eta = stata_percentile(xb, pct)
        at = [manifest_measures(link, eta, s) for s in sigmas]
        rows = tuple((name, at[0][i], min(at[1][i], at[2][i]), max(at[1][i], at[2][i]))
                     for i, name in enumerate(MEASURES))
        points.append(AssociationAt(_where(pct), eta, rows))
        returns.update({f"eta_{j}": eta, f"p_{j}": at[0][0], f"p11_{j}": at[0][1], f"or_{j}": at[0][2],
                        f"r_{j}": at[0][3], f"q_{j}": at[0][4]})
    result = ManifestAssociation(link, level, latent_rho(link, sigmas[0]),
                                 (latent_rho(link, sigmas[1]), latent_rho(link, sigmas[2])), tuple(points))
    session.print(render_manifest_association(result))
    session.set_r({"rho": result.rho, **returns})
