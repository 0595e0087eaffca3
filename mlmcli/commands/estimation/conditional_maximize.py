"""clogit's (and xtlogit fe's, xtpoisson fe's) maximisation: e(b)'s names, from()'s starting
values, ml's options (``clogit_maximize``) and bhhh's outer products of the groups' scores
(``score_products``), for ``commands.estimation.conditional``."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

UNSHOWN = ("trace", "gradient", "hessian", "showstep", "showtolerance")  # ml's display options: refused


def score_products(w_group, off):
    """bhhh's matrix: sum_g w_g s_g s_g' over the groups' scores at b."""
    from mlmcli.conditional_robust import group_terms

    def products(X, y, groups, b):
        scores = group_terms(X, y, groups, b, off)[1]
        w = np.ones(len(scores)) if w_group is None else w_group
        return (scores * w[:, None]).T @ scores
    return products


def fit_names(labels, depvar: str) -> list[str]:
    """e(b)'s names of the estimated coefficients, ``depvar:x`` (one equation, the depvar's: clogit.ado's
    `ml model (`depname': ...)`), so from() and constraints() read ``x`` and ``[depvar]x`` alike."""
    return [f"{depvar}:{lab.name}" for lab in labels if not (lab.base or lab.omitted)]


def start_values(start, names: list[str]):
    """from()'s starting values (0, clogit's start, where it gives none), or None."""
    if start is None:
        return None
    from mlmcli.graphs.fpfit_ml_start import start_vector
    from mlmcli.postest.wald import CoefIndex

    return np.nan_to_num(start_vector(start, CoefIndex(names), len(names)))


def clogit_maximize(session, opts: dict):
    """clogit's maximisation options: (tolerances or None, from()'s values or None, technique()'s
    schedule or None).  difficult changes nothing here (the conditional likelihood is concave);
    technique(bhhh|dfp|bfgs ...) runs mlmcli.conditional_techniques."""
    from mlmcli.conditional_techniques import technique_schedule
    from mlmcli.graphs.fpfit_grouped_engines import maximize_settings
    from mlmcli.graphs.fpfit_ml_start import read_from

    for name in UNSHOWN:
        if opts.get(name):
            raise StataError(f"option {name} not supported by mlmcli", 198)
    tolerances = maximize_settings(opts, lambda message: StataError(message, 198))[2]
    schedule = technique_schedule(opts["technique"]) if opts.get("technique") is not None else None
    start = None if opts.get("from") is None else read_from(session, str(opts["from"]))
    return tolerances, start, schedule
