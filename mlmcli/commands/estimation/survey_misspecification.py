"""The misspecified variance behind ``estat effects, meff meft`` (_svy_mkvmsp.ado): the
command of the svy results run again on e(sample) without the sampling weights and with its
own default variance -- mean, ratio and proportion their linearized one over independent
observations (n/(n - 1) sum z z'), regress s^2 (X'X)^-1, the likelihood fits and glm their
observed information -- and, for total, mean's variance times the squared population size.
MEFF = V / V_msp and MEFT = sqrt(MEFF) (_svy_mkmeff).  Refused: results under subpop()
(e(subpop) is not kept), total with over(), mlogit and tabulate."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError

_MODELS = ("regress", "logit", "logistic", "probit", "cloglog", "poisson", "nbreg", "ologit", "oprobit", "glm")


def misspecified_variance(session, e) -> np.ndarray:
    """V_msp over e(b)'s columns."""
    from mlmcli.commands.estimation.survey_vce_option import without_vce
    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    if "N_sub" in e.scalars:
        raise StataError("estat effects, meff after svy with subpop() is not supported by mlmcli", 198)
    name = e.cmd
    if name not in _MODELS + ("mean", "total", "ratio", "proportion"):
        raise StataError(f"misspecification effects cannot be computed with {name}", 301)
    cmdline = e.macros.get("cmdline", "")
    colon = find_top(cmdline, ":", brackets="(")
    command = cmdline[colon + 1:].strip() if colon >= 0 else without_vce(cmdline)
    word, _, rest = command.partition(" ")
    inner = parse_arguments(rest, name)
    if name == "total" and any(o.name.startswith("over") for o in inner.options):
        raise StataError("estat effects, meff after svy: total with over() is not supported by mlmcli", 198)
    saved = getattr(session, "by_mask", None)
    session.by_mask = np.asarray(e.sample, bool) if saved is None else (np.asarray(e.sample, bool) & saved)
    session.out.quiet += 1  # _svy_mkvmsp runs the command quietly
    try:
        V = _unweighted_variance(session, inner, name)
    finally:
        session.by_mask = saved
        session.out.quiet -= 1
    if name == "total":
        V = V * float(e.scalars["N_pop"]) ** 2
    return V


def _unweighted_variance(session, inner, name: str) -> np.ndarray:
    if name in ("mean", "total", "ratio", "proportion"):
        from mlmcli.commands.estimation.survey_descriptive import run_descriptive
        from mlmcli.results.survey import Stage, SurveySettings

        plain = SurveySettings(stages=(Stage(),))  # no weight, the observations the units
        e = run_descriptive(session, inner, "mean" if name == "total" else name, plain, None, 95.0)
        return np.asarray(e.matrices["V"].values, float)
    if name == "regress":
        from mlmcli.commands.estimation.regress import run_regress

        fit = run_regress(session, inner)[0]
        return np.asarray(fit.e_matrices()[1].values, float)
    if name == "glm":
        from mlmcli.commands.estimation.generalized_linear import OPTIONS, fit_command
        from mlmcli.commands.estimation.survey_glm import glm_matrices
        from mlmcli.syntax.options import resolve_options

        fit = fit_command(session, inner, resolve_options(inner.options, OPTIONS))[0]
        return np.asarray(glm_matrices(fit, fit.V)[1].values, float)
    from mlmcli.commands.estimation.glm import prepare
    from mlmcli.glm.fit import fit_glm

    prep = prepare(session, inner, name)
    fit = fit_glm(dataclasses.replace(prep.spec, vce="oim"))
    return np.asarray(fit.e_matrices()[1].values, float)
