"""``gmm``'s e() (gmm.ado's ereturn) and its table: e(b) names ``b1:_cons`` for a free
parameter and ``xb:x1`` for a linear combination's; the free parameters after the last
combination are ancillary (e(k_aux)) and show as ``/b1``, the others as equation blocks."""
from __future__ import annotations

import numpy as np



def table_blocks(colnames: list[str], b, V, level: float, k_aux: int) -> tuple:
    """(equation, rows) blocks in e(b)'s order; the ancillary parameters last, in a block of
    their own without a name."""
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    n = len(colnames)
    labels = []
    for j, name in enumerate(colnames):
        eq, _, var = name.partition(":")
        labels.append(CoefLabel("/" + eq) if j >= n - k_aux else CoefLabel(var))
    rows = rows_from_estimates(labels, np.asarray(b, float), np.asarray(V, float), level, None)
    blocks: list = []
    for j, name in enumerate(colnames):
        eq = None if j >= n - k_aux else name.partition(":")[0]
        if blocks and blocks[-1][0] == eq:
            blocks[-1][1].append(rows[j])
        else:
            blocks.append((eq, [rows[j]]))
    return tuple((eq, tuple(r)) for eq, r in blocks)


def _k_aux(param_names: list[str]) -> int:
    """The free parameters ({b}) after the last linear combination's."""
    k = 0
    for name in reversed(param_names):
        if ":" in name:
            break
        k += 1
    return k


def _cov_macro(spec, nobs: int, which: str) -> str:
    from mlmcli.commands.estimation.gmm_syntax import kernel_lags

    if spec.kind == "cluster":
        return f"cluster {spec.clustvar}" if which == "wmatrix" else "cluster"
    if spec.kind == "hac":
        return f"hac {spec.kernel} {kernel_lags(spec, nobs)}"
    return spec.kind


def _wmatrix_label(spec, nobs: int) -> str:
    from mlmcli.commands.estimation.gmm_syntax import KERNEL_LABEL, kernel_lags
    from mlmcli.render.abbrev import abbrev

    if spec.kind == "cluster":
        return f"Cluster ({abbrev(spec.clustvar, 13)})"
    if spec.kind == "hac":
        return f"HAC {KERNEL_LABEL[spec.kernel]} {kernel_lags(spec, nobs)}"
    return spec.kind.capitalize()


def post_and_display(session, cmd, opts, fit, problem, equations, params, instruments, settings, wm, vce,
                     winit_name, sample, wkind, start, masks, table) -> None:
    from mlmcli.commands.estimation.common import typed_command
    from mlmcli.syntax.options import confidence_level
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.render.gmm_output import render_gmm
    from mlmcli.results.gmm import GMMResult
    from mlmcli.results.matrix import Matrix

    colnames = [params.colname(p) for p in params.names]
    k_aux = _k_aux(params.names)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    N = float(np.floor(problem.N))
    clustvar = vce.clustvar if vce.kind == "cluster" else None
    n_clust = int(problem.cluster.max()) + 1 if clustvar else None
    nobs = int(problem.N)
    vce_label = {"robust": "Robust", "cluster": "Robust", "hac": "HAC"}.get(vce.kind)
    hac_note = None
    if vce.kind == "hac":
        from mlmcli.commands.estimation.gmm_syntax import KERNEL_LABEL, kernel_lags

        hac_note = (f"HAC standard errors based on {KERNEL_LABEL[vce.kernel]} kernel with "
                    f"{kernel_lags(vce, nobs)} lags.")
    inst_text = [" ".join(names + (["_cons"] if constant else [])) for names, constant in instruments]
    winit = {"unadjusted": "Unadjusted", "identity": "Identity", "user": "user"}[settings.winitial]
    nocommon = bool(opts.get("nocommonesample"))
    result = GMMResult(
        nobs=N, k=len(colnames), n_moments=problem.n_moments, winit=winit,
        wmatrix=None if settings.steps == "onestep" else _wmatrix_label(wm, nobs),
        equations=table_blocks(colnames, fit.b, fit.V, level, k_aux),
        instruments=tuple((eq.name, text) for eq, text in zip(equations, inst_text)), level=level,
        vce_label=vce_label, cluster=(n_clust, clustvar) if clustvar else None, hac_note=hac_note,
        steps=tuple(tuple(v) for v in fit.steps), step_converged=tuple(fit.step_converged), exactly_identified=fit.exactly_identified and settings.steps != "onestep",
        title=str(opts.get("title") or ""), title2=str(opts.get("title2") or ""),
        n_by_equation=tuple((eq.name, float(problem.N_eq[j])) for j, eq in enumerate(equations)) if nocommon else ())
    stripe = tuple(f"{eq.name}:{v}" for eq, text in zip(equations, inst_text) for v in text.split())
    names = tuple(colnames)
    b = Matrix(fit.b[None, :], ("y1",), names)
    V = Matrix(fit.V, names, names)
    eqs = list(dict.fromkeys(c.partition(":")[0] for c in colnames))
    scalars = {"N": N, "Q": fit.Q, "J": fit.J, "J_df": float(problem.n_moments - safe_rank(fit.V)),
               "converged": float(fit.converged), "has_xtinst": 0.0, "type": 1.0, "n_eq": float(len(equations)),
               "k": float(len(colnames)), "n_moments": float(problem.n_moments), "k_eq": float(len(eqs)),
               "k_aux": float(k_aux), "k_eq_model": 0.0, "rank": float(safe_rank(fit.V))}
    macros = {"cmd": "gmm", "cmdline": typed_command(cmd, "gmm"), "params": " ".join(colnames), "estimator": settings.steps, "winit": winit,
              "vce": _cov_macro(vce, nobs, "vce"), "technique": "gn", "eqnames": " ".join(e.name for e in equations),
              "marginsprop": "allcons nochainrule", "marginsok": "xb", "marginsnotok": "Residuals SCores",
              "predict": "gmm_p", "estat_cmd": "gmm_estat", "properties": "b V"}
    if settings.steps != "onestep":
        macros["wmatrix"] = _cov_macro(wm, nobs, "wmatrix")
    if vce_label:
        macros["vcetype"] = vce_label
    if clustvar:
        macros["clustvar"] = clustvar
        scalars["N_clust"] = float(n_clust)
    from mlmcli.commands.estimation.gmm_syntax import kernel_lags

    if vce.kind == "hac":
        scalars["vcelags"] = float(kernel_lags(vce, nobs))
    if wm.kind == "hac" and settings.steps != "onestep":
        scalars["wmatlags"] = float(kernel_lags(wm, nobs))
    if settings.steps == "igmm":
        scalars["ic"] = float(fit.igmm_rounds)
    if winit_name:
        macros["winitname"] = winit_name
    for j, eq in enumerate(equations, start=1):
        scalars[f"k_{j}"] = float(len(eq.params))
        macros[f"sexp_{j}"] = eq.display
        macros[f"params_{j}"] = " ".join(params.colname(p) for p in eq.params)
        macros[f"inst_{j}"] = inst_text[j - 1]
    for key, option in (("title", "title"), ("title_2", "title2")):
        if opts.get(option):
            macros[key] = str(opts[option])
    if opts.get("variables"):
        macros["rhs"] = " ".join(session.data.expand_varlist(opts["variables"]))
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, "= " + cmd.weight.exp
    matrices = {"b": b, "V": V, "W": Matrix(fit.W, stripe, stripe),
                "init": Matrix(start[None, :], ("r1",), names)}
    if fit.S is not None:
        matrices["S"] = Matrix(fit.S, stripe, stripe)
        matrices["V_modelbased"] = Matrix(fit.V_modelbased, names, names)
    if settings.winitial == "user":
        matrices["Wuser"] = Matrix(np.asarray(settings.winitial_matrix, float), stripe, stripe)
    if nocommon:
        macros["nocommonesample"] = "nocommonesample"
        matrices["N_byequation"] = Matrix(problem.N_eq[None, :], ("r1",), tuple(f"c{j + 1}" for j in range(len(equations))))
    model = GMMModel(colnames, fit.b, fit.V, [eq.display for eq in equations], [e.name for e in equations],
                     params.combos)
    model.result_object = result
    from mlmcli.commands.postestimation.margins_gmm import equation_designs

    model.margins_eqs, model.margins_designs = equation_designs(session.data, colnames, sample)
    e = EstimationResults(cmd="gmm", scalars=scalars, macros=macros, matrices=matrices, result=result, model=model,
                          sample=sample.copy(), title="GMM estimation",
                          design=model.margins_designs[0] if not nocommon else None)
    e.stamp_sample(session.data)
    session.e = e
    session.print(render_gmm(result, linesize=session.linesize, log=not opts.get("nolog"), table=table))


class GMMModel:
    """The fit for the estimation layer: e(b), e(V), the table's rows; predict's residual
    equations (``predict_gmm``)."""

    predict_default = "residuals"

    def __init__(self, colnames, b, V, sexps, eqnames, combos):
        self.colnames, self.b, self.V = list(colnames), np.asarray(b, float), np.asarray(V, float)
        self.sexps, self.eqnames, self.combos = list(sexps), list(eqnames), dict(combos)
        self.result_object = None
        self.margins_eqs: list = []  # e(b)'s equations and their designs on e(sample), for margins
        self.margins_designs: list = []

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_gmm import gmm_margins_prediction

        return gmm_margins_prediction(self, options)

    def margins_other_labels(self) -> tuple:
        from mlmcli.commands.postestimation.margins_gmm import other_labels

        return other_labels(self)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.postestimation.margins_gmm import other_variables

        return other_variables(self)

    def e_matrices(self):
        from mlmcli.results.matrix import Matrix

        names = tuple(self.colnames)
        return Matrix(self.b[None, :], ("y1",), names), Matrix(self.V, names, names)

    def coef_rows(self) -> tuple:
        return tuple(r for _, rows in self.result_object.equations for r in rows)

    def result(self):
        return self.result_object
