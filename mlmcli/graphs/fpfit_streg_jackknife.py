"""fpfit's ``estcmd(streg) estopts(vce(jackknife, saving() keep n() reject() idcluster()))``: streg
under the prefix in each fit fracpoly makes (``graphs.fpfit_ml_jackknife.prefixed_fracpoly``, as
for the other estcmd()s).

streg's ``_vce_parserun ..., stdata`` runs ``jackknife _b: streg ...`` for every fit of frac_154,
its clusters ``cluster()``, else ``shared()``, else stset's ``id()``, else the records:

1. the first fit, not captured: streg on the linear covariate (and strata()) alone;
2. the candidates under ``capture``, their terms temporary variables;
3. the final model on fracgen's ``Iy__1 Iy__2`` (centred), not captured.

e(b)'s columns are ``_t:<terms> _t:x [_t:<strata>] _t:_cons`` then the ancillary equations'
(``ln_p:_cons`` ...), so the statistics are ``_t_b_Iage__1 ... _t_b_cons ln_p_b_cons``.
``saving()`` holds the last fit's replicates (without ``replace`` the second fit fails: the note);
``keep``'s pseudovalues make every later fit fail on ``confirm new variable`` (``_t_b_cons``
exists after the first fit), so no candidate survives: the note; ``reject()``/``n()`` see each fit's e(): e(b), e(V),
e(cmd) (the distribution's ado: ``weibull``, ``ereg`` ...), e(depvar) ``_t`` and the scalars
e(N), e(N_sub), e(N_fail), e(risk), e(ll), e(k_eq), e(k_aux), e(rank), e(converged) (another
e(), e(chi2) and e(ll_0) among them, is missing here).  ``idcluster()`` (with ``cluster()``,
jackknife's rule) numbers the clusters in the data fracpoly's caller preserved: nothing is left
after the graph.  stset weights weight streg's fits; the prefix's loop is unweighted (streg takes
its weights from stset).
"""
from __future__ import annotations

import numpy as np


def has_prefix_outputs(vce) -> bool:
    """Whether vce(jackknife, ...) has outputs or checks beyond the variance."""
    settings = vce.jackknife or {}
    return vce.kind == "jackknife" and bool(
        vce.saving is not None or settings.get("keep") or settings.get("reject")
        or settings.get("nfunc") not in (None, "e(N)") or settings.get("idcluster"))


def prefixed_streg(ctx, vce, fp_settings, z, fp_name, others, cmdname, refit, cluster, cluster_var, best_model):
    """(model, b, V, e(df_r)) of fracpoly's streg under the prefix over the records (``z`` the
    FP variable there); ``others`` the e(b) names after the terms (``fpfit_streg._other_names``),
    ``refit(terms, keep, final) -> (b, V, scalars)`` streg on the terms (and the covariate, the
    constant) over the records ``keep`` (None: all), raising when it fails; None: fracpoly failed."""
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly

    tail = [name.split(":", 1) for name in others]

    def layout(names):
        terms = [n for n in names if n != "_cons"]
        return ["_t"] * len(terms) + [eq for eq, _ in tail], terms + [n for _, n in tail]

    def estimate(X, keep, final, scalars, centre):
        return refit(X[:, :-1], keep, final)

    def command_line(names):
        covariates = [n for eq, n in tail if eq == "_t" and n != "_cons"]
        return " ".join(["streg"] + [n for n in names if n != "_cons"] + covariates)

    command = PrefixedCommand(cmdname, "_t", "_t", (), estimate, int(z.size), layout=layout,
                              command_line=command_line)
    settings = dict(fp_settings, constant=True)
    return prefixed_fracpoly(prefix_hooks(ctx), command, vce, settings, z, fp_name, cluster, cluster_var,
                             best_model, uncentre=False)


def streg_scalars(data, res, V, weight_kind: str, subjects) -> dict:
    """The e() scalars reject() and n() see after one streg fit (module docstring)."""
    from mlmcli.postest.coefficient_rows import safe_rank

    counted = data.w if weight_kind == "fweight" else np.ones(len(data.t))
    return {"N": float(counted.sum()), "N_sub": float(counted[subjects].sum()),
            "N_fail": float((counted * data.d).sum()), "risk": float((counted * (data.t - data.t0)).sum()),
            "ll": float(res.f), "k_eq": float(len(data.designs)), "k_aux": float(len(data.designs) - 1),
            "rank": float(safe_rank(V)), "converged": float(res.converged)}
