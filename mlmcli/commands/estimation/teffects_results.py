"""e() and the printed result of ``teffects ra|ipw|ipwra|aipw`` (names as _teffects_ipwra_bv.ado writes
them: ``ATE:r1vs0.t``, ``POmean:0.t``, ``POmeans:j.t``, ``OME<level>:x``, ``TME<level>:x``)."""
from __future__ import annotations

import numpy as np


def _level_text(v: float) -> str:
    return str(int(v))


def _names(sub, stat, tvar, levels, order, o_design, t_design):
    lv = [_level_text(levels[j]) for j in order]  # in code order: the control first
    c = lv[0]
    if stat == "pomeans":
        names = [f"POmeans:{lev}.{tvar}" for lev in sorted(lv, key=float)]
    else:
        names = [f"{stat.upper()}:r{lev}vs{c}.{tvar}" for lev in lv[1:]] + [f"POmean:{c}.{tvar}"]
    aux = []
    if o_design is not None:
        aux += [(f"OME{lev}", o_design) for lev in lv]
    if t_design is not None:
        aux += [(f"TME{lev}", t_design) for lev in lv[1:]]
    return names, aux


def post_results(session, cmd, *, covariates, sub, stat, depvar, tvar, levels, order, treated, o_design, t_design, fit,
                 touse, weights,
                 kind, omodel, tmodel, clustvar, level):
    from mlmcli.commands.estimation.common import robust_macros
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.matrix import Matrix

    k = len(levels)
    effect_names, aux = _names(sub, stat, tvar, levels, order, o_design, t_design)
    theta, V = fit.theta, fit.V
    if stat == "pomeans":  # code order -> ascending level values
        perm = np.argsort([levels[j] for j in order])
        eff_idx = list(perm)
    else:
        eff_idx = list(range(k))
    # all names: estimated design columns get values, base/omitted ones 0
    names, index = list(effect_names), list(eff_idx)
    pos = k
    for eq, design in aux:
        est_cols = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
        for j, lab in enumerate(design.labels):
            names.append(f"{eq}:{lab.name}")
            index.append(pos + est_cols.index(j) if j in est_cols else -1)
        pos += len(est_cols)
    K = len(names)
    b, VV = np.zeros(K), np.zeros((K, K))
    src = np.array(index)
    have = src >= 0
    b[have] = theta[src[have]]
    VV[np.ix_(have, have)] = V[np.ix_(src[have], src[have])]
    n_obs = float(weights.sum()) if kind == "fweight" else float(touse.sum())
    scalars = {"N": n_obs, "k_eq": float(1 + (stat != "pomeans") + len(aux)), "k_levels": float(k),
               "treated": levels[treated], "control": levels[order[0]],
               "converged": 1.0, "rank": float(safe_rank(VV))}
    t_vals = session.data.numeric(tvar)[np.asarray(touse)]
    for j in range(k):
        cnt = float(weights[t_vals == levels[j]].sum()) if kind == "fweight" else float(np.sum(t_vals == levels[j]))
        scalars[f"n{_level_text(levels[j])}"] = cnt
    if clustvar:
        cl = session.data.df[clustvar].to_numpy()[touse]
        scalars["N_clust"] = float(len(set(cl.tolist())))
    macros = {"cmd": "teffects", "subcmd": sub, "cmdline": (cmd.text or f"teffects {cmd.args}").strip(),
              "depvar": depvar, "tvar": tvar, "stat": stat, "title": "Treatment-effects estimation",
              "tlevels": " ".join(_level_text(v) for v in levels), "vce": "cluster" if clustvar else "robust",
              "predict": "teffects_p", "estat_cmd": "teffects_estat", "marginsnotok": "_ALL",
              "properties": "b V"}
    if sub != "ipw":
        macros["omodel"] = omodel
    if sub != "ra":
        macros["tmodel"] = tmodel
    robust_macros(macros, True, clustvar)
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    matrices = {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(VV, tuple(names), tuple(names))}
    e = EstimationResults(cmd="teffects", scalars=scalars, macros=macros, matrices=matrices, sample=touse,
                          title="Treatment-effects estimation", design=o_design or t_design)
    e.model = TreatmentEffectsModel(sub, stat, omodel, tmodel, tvar, depvar, levels, order, o_design, t_design,
                                    theta, k)
    # estat summarize's default list: the outcome, the treatment and the covariates (a decision)
    e.model.summary_variables = tuple(dict.fromkeys([depvar, tvar] + covariates))
    e.result = _result(session, e, level, fit.criteria)
    e.stamp_sample(session.data)
    return e


class TreatmentEffectsModel:
    """What predict needs: the fitted models' coefficients and the levels (code order: the
    control first)."""

    def __init__(self, sub, stat, omodel, tmodel, tvar, depvar, levels, order, o_design, t_design, theta, k):
        self.sub, self.stat, self.omodel, self.tmodel = sub, stat, omodel, tmodel
        self.tvar, self.depvar, self.levels, self.order = tvar, depvar, levels, order
        self.o_design, self.t_design = o_design, t_design
        rest = theta[k:]
        self.beta = self.gamma = None
        if o_design is not None:
            p = o_design.X.shape[1]
            self.beta, rest = rest[:k * p].reshape(k, p).T, rest[k * p:]  # (p, k)
        if t_design is not None:
            self.gamma = rest.reshape(k - 1, t_design.X.shape[1]).T  # (q, k-1)

    @staticmethod
    def columns(design, data):
        """A design's estimable columns on every row (NaN where missing)."""
        return np.asarray(design.columns(data), float).reshape(data.nobs, -1)

    def outcome_index(self, data):
        return self.columns(self.o_design, data) @ self.beta

    def treatment_index(self, data):
        return self.columns(self.t_design, data) @ self.gamma


def versus_texts(session, tvar, lev: float, ctrl: float) -> tuple[str, ...]:
    a = session.data.value_label_text(tvar, lev) or _level_text(lev)
    c = session.data.value_label_text(tvar, ctrl) or _level_text(ctrl)
    from mlmcli.render.factor_labels import cut_label

    whole = f"({a} vs {c})"
    if len(whole) <= 11:
        return (whole,)
    return (cut_label("(" + a, 11), "vs", cut_label(c, 10) + ")")


def _result(session, e, level, criteria):
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.render.factor_labels import cut_label
    from mlmcli.results.treatment_effects import EffectRow, TreatmentEffectsResult

    b = e.matrices["b"].values.ravel()
    V = e.matrices["V"].values
    names = list(e.matrices["b"].colnames)
    tvar = e.macros["tvar"]
    ctrl = e.scalars["control"]
    effects, aux = [], []
    by_eq: dict[str, list[int]] = {}
    for i, nm in enumerate(names):
        by_eq.setdefault(nm.split(":", 1)[0], []).append(i)
    for eq, idx in by_eq.items():
        if eq.startswith(("OME", "TME")):
            labels = list((e.model.o_design if eq.startswith("OME") else e.model.t_design).labels)
            sub_b, sub_V = b[idx], V[np.ix_(idx, idx)]
            est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
            rows = rows_from_estimates(labels, sub_b[est], sub_V[np.ix_(est, est)], level)
            aux.append((eq, tuple(rows)))
            continue
        rows = rows_from_estimates(tuple(CoefLabel(names[i].split(":", 1)[1]) for i in idx), b[idx],
                                   V[np.ix_(idx, idx)], level)
        out = []
        for i, row in zip(idx, rows):
            lev_text = names[i].split(":", 1)[1].split(".", 1)[0]
            if lev_text.startswith("r"):
                lev = float(lev_text[1:].split("vs")[0])
                texts = versus_texts(session, tvar, lev, ctrl)
            else:
                lev = float(lev_text)
                lab = session.data.value_label_text(tvar, lev)
                texts = (cut_label(lab, 11),) if lab else (_level_text(lev),)
            out.append(EffectRow(texts, row))
        effects.append((eq, tuple(out)))
    sub = e.macros["subcmd"]
    omodel = "weighted mean"
    if sub != "ipw":  # _teffects_omtitle; aipw's outcome model is fitted by ML (" by ML")
        omodel = {"poisson": "Poisson"}.get(e.macros["omodel"], e.macros["omodel"]) + (" by ML" if sub == "aipw" else "")
    tmodel = "none"
    if sub != "ra":  # _teffects_tmtitle
        tmodel = "(multinomial) logit" if e.macros["tmodel"] == "logit" and e.scalars["k_levels"] > 2 \
            else e.macros["tmodel"]
    cluster = (int(e.scalars["N_clust"]), e.macros["clustvar"]) if "N_clust" in e.scalars else None
    estimator = {"ra": "regression adjustment", "ipw": "inverse-probability weights",
                 "ipwra": "IPW regression adjustment", "aipw": "augmented IPW"}[sub]
    return TreatmentEffectsResult(depvar=e.macros["depvar"], nobs=e.scalars["N"], estimator=estimator,
                                  outcome_model=omodel, treatment_model=tmodel, tvar=tvar, effects=tuple(effects),
                                  auxiliary=tuple(aux), level=level, cluster=cluster, criteria=tuple(criteria))


def result_at_level(session, e, level):
    """The printed result at another confidence level (replay's level())."""
    r = e.result
    return r if level == r.level else _result(session, e, level, r.criteria)
