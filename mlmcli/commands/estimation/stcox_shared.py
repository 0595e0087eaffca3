"""``stcox ..., shared(varname)``: the gamma shared-frailty Cox model (stcox_fr in Stata; engine
mlmcli.survival.cox_frailty).

As stcox_fr: exactm, exactp, robust, cluster(), vce(robust|cluster) and strata() are ``not allowed
for shared frailty models``; stset weights other than iweights are refused (``only iweights are
allowed``); stset iweights must be constant within group (stcox_fr's CheckWgt) and weight each
group's whole contribution (survival.cox_frailty); the shared variable must define more than one group.  Ties:
Breslow's or Efron's.  tvc()/texp() with shared(): both fits on the records split at the failure
times (as stcox's tvc()), e(b)'s main: and tvc: equations and stcox_fr's note on the tvc
equation.  technique(): ml's techniques for the frailty variance (``check_technique``).  mlmcli
refuses a fit whose frailty variance is estimated at 0.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import unique_rows


@dataclass
class SharedFrailtyFit:
    """The frailty fit as the estimation layer sees it (e_matrices, predict xb/hr/stdp)."""

    cox: object                # the CoxFit of b and V (conditional on theta)
    theta: float
    se_theta: float
    loglik_c: float
    shared: str
    n_groups: int
    group_sizes: np.ndarray
    warn_groups: bool
    frailties: np.ndarray      # each group's estimated log frailty (groups numbered as group_codes)

    def __getattr__(self, name):
        return getattr(self.__dict__["cox"], name)

    @property
    def chi2_c(self) -> float:
        return max(0.0, 2.0 * (self.cox.loglik - self.loglik_c))

    @property
    def p_c(self) -> float:
        from mlmcli import distributions
        return float(distributions.chi2.sf(self.chi2_c, 1)) * 0.5


def check_shared_options(opts: dict, ties: str, vce: str) -> None:
    for name in ("exactm", "exactp", "robust"):
        if opts.get(name):
            raise StataError(f"option {name} not allowed for shared frailty models", 198)
    for name in ("cluster", "strata"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}({opts[name]}) not allowed for shared frailty models", 198)
    if vce != "oim":
        raise StataError(f"option vce({opts.get('vce')}) not allowed for shared frailty models", 198)
    check_technique(opts)


def check_technique(opts: dict) -> None:
    """technique() with shared(): stcox_fr passes ml's options (its ``mlopts``) to the ``ml model d0``
    fit of ln theta, the one parameter of the profile log likelihood.  mlm finds that maximum as
    the root of the profile score (survival.cox_frailty), so nr, dfp and bfgs, alone or in turns,
    give the same theta to ml's tolerance; the iteration log is mlm's, not the technique's path.
    A word that is not a technique is ml's r(198); bhhh (observation scores, which a profile
    likelihood of the whole sample does not have) is refused."""
    from mlmcli.conditional_techniques import technique_schedule

    if opts.get("technique") is None:
        return
    if any(name == "bhhh" for name, _ in technique_schedule(opts["technique"])):
        raise StataError("option technique(bhhh) with shared() not supported by mlmcli", 198)


def shared_variable(ds, opts: dict) -> str:
    names = ds.expand_varlist(opts["shared"])
    if len(names) != 1:
        raise StataError("too many variables specified", 103)
    return names[0]


def fit_shared(ds, data, sample: np.ndarray, shared: str, desc, cox_kwargs: dict, tvc=None, weighted=False,
               on_iteration=None):
    """(SharedFrailtyFit, frailty engine fit): the comparison Cox model, then the frailty model.
    tvc: (the tvc() columns, texp() on the records) -- both fits on the records split at the
    failure times (stcox_fr passes tvc() to cox), each piece in its record's group.  weighted
    (stset iweights): the group sizes as stcox_fr's SaveGrpInfo counts them (below)."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.survival.cox import CoxFit, fit_cox
    from mlmcli.survival.cox_frailty import fit_shared_frailty
    from mlmcli.survival.cox_strata import build_likelihood

    groups = group_codes(ds, shared, sample)
    n_groups = int(groups.max()) + 1 if groups.size else 0
    if n_groups <= 1:
        raise StataError(f"{shared} must define more than one group", 198)
    fit_data, fit_groups = data, groups
    if tvc is not None:
        likelihood, pieces = build_likelihood(data, None, *tvc)
        fit_data, fit_groups = likelihood.data, groups[pieces]
    _, res_c, _, _ = fit_cox(fit_data)
    fr = fit_shared_frailty(fit_data, fit_groups, on_iteration)
    if fr is None:
        raise StataError("frailty variance estimated at 0 (the Cox model) not supported by mlmcli", 430)
    warn = False
    if desc.id:  # stcox_fr's warning: a subject's records in different frailty groups
        ids = np.unique(ds.numeric(desc.id)[sample], return_inverse=True)[1]
        pairs = unique_rows(np.column_stack([ids, groups]))
        warn = len(pairs) > ids.max() + 1
    cox = CoxFit(b=fr.b, V=fr.V, loglik=fr.loglik, loglik0=fr.loglik, steps=list(res_c.steps),
                 converged=True, vce="oim", pseudo=False, **cox_kwargs)
    fit = SharedFrailtyFit(cox, fr.theta, fr.se_theta, float(res_c.f), shared, n_groups,
                           _group_sizes(groups, data.w, sample) if weighted else np.bincount(groups), bool(warn),
                           np.asarray(fr.frailties, float))
    return fit, fr


def _group_sizes(groups: np.ndarray, w: np.ndarray, sample: np.ndarray) -> np.ndarray:
    """stcox_fr's SaveGrpInfo with iweights: each group's sum of weights stored as a long
    (truncated), and -- as it summarizes without ``if touse`` -- the observations outside the
    sample one more "group" of size 0 (e(N_g) one more, e(g_min) 0) when there are any."""
    sizes = np.trunc(np.bincount(groups, weights=w))
    return np.append(sizes, 0.0) if not sample.all() else sizes


def shared_results(cmd, fit: SharedFrailtyFit, design, sample, ds, extras):
    """e() as stcox_fr leaves it: cox's with theta, se_theta, ll_c, chi2_c, p_c, N_g, g_* and
    the Wald test of the coefficients."""
    from mlmcli import distributions
    from mlmcli.estimation.results import EstimationResults

    cox = fit.cox
    b, V = cox.e_matrices()
    p = len(cox.b)
    chi2 = float(cox.b @ np.linalg.solve(cox.V, cox.b)) if p else 0.0
    pval = float(distributions.chi2.sf(chi2, p)) if p else float("nan")
    sizes = fit.group_sizes
    scalars = {"N": float(cox.n_obs), "N_sub": cox.n_subjects, "N_fail": cox.n_failures, "risk": cox.time_at_risk,
               "ll": cox.loglik, "df_m": float(p), "chi2": chi2, "p": pval, "rank": float(p),
               "converged": 1.0, "k_eq": 1.0, "k_dv": 0.0, "level": cox.level, "theta": fit.theta,
               "se_theta": fit.se_theta, "ll_c": fit.loglik_c, "chi2_c": fit.chi2_c, "p_c": fit.p_c,
               "N_g": float(len(sizes)), "g_min": float(sizes.min()), "g_max": float(sizes.max()),
               "g_avg": float(sizes.mean())}
    macros = {"cmd": "stcox_fr", "cmd2": "stcox", "cmdline": (cmd.text or f"stcox {cmd.args}").strip(),
              "depvar": "_t", "t0": "_t0", "title": "Cox regression", "ties": cox.ties, "method": cox.ties,
              "chi2type": "Wald", "predict": "stcox_p", "properties": "b V", "crittype": "log likelihood",
              "vce": "oim", "estat_cmd": "stcox_estat", "shared": fit.shared}
    if extras.offset:
        macros["offset"] = macros["offset1"] = extras.offset
    if fit.warn_groups:
        macros["sh_warn"] = "sh_warn"
    result = replace(cox.result(), chi2=chi2, chi2_type="Wald", p=pval)
    e = EstimationResults(cmd="stcox", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                          result=result, model=fit, sample=sample, title="Cox regression", design=design)
    e.stamp_sample(ds)
    return e
