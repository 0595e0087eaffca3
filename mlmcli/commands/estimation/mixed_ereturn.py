"""``e()`` after ``mixed``/``xtmixed`` with Stata's names (``help mixed``, Stored results;
the residual-structure entries as Stata 12's ``xtmixed.ado`` posts them: e(rstructure),
e(rstructlab), e(resopt), e(nrgroups), e(ar_p), e(ma_q), e(res_order), e(timevar),
e(rbyvar), e(rglabels), e(tmap))."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import robust_macros
from mlmcli.syntax.coefnames import split_eq

_VARTYPE = {"identity": "Identity", "independent": "Independent",
            "exchangeable": "Exchangeable", "unstructured": "Unstructured"}


def _ncols(t) -> int:
    Z = np.asarray(t.Z)
    return Z.shape[1] if Z.ndim == 2 else 1


def _term_revars(t) -> list[str]:
    factor = getattr(t, "factor", None)
    return [factor] if factor else list(t.names)


def estimation_results(session, mc, cmdline: str, spec, design, sample, fit, result, *, cmd: str = "mixed",
                       empty_levels=(), extra=None):
    """The EstimationResults of one fit (``extra``: (scalars, macros, matrices) to add,
    e.g. dfmethod()'s)."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    b, V = fit.e_matrices()
    k = len(b.colnames)
    eqs = [split_eq(c)[0] or spec.depvar for c in b.colnames]
    k_f = sum(1 for e in eqs if e == spec.depvar)
    k_rs = sum(1 for e in eqs if e.startswith("lns") and e != "lnsig_e")
    k_rc = sum(1 for e in eqs if e.startswith("atr"))
    scalars = {
        "N": float(result.nobs), "k": float(k), "k_f": float(k_f), "k_r": float(k - k_f),
        "k_rs": float(k_rs), "k_rc": float(k_rc), "ll": float(result.loglik),
        "chi2": float(result.wald_chi2), "df_m": float(result.wald_df), "p": float(result.wald_p),
        "converged": 1.0 if result.converged else 0.0, "level": float(result.level),
        "rank": float(sum(1 for lab in design.labels if not (lab.base or lab.omitted)) + (k - k_f)),
    }
    fs = fit.scalars()
    scalars["k_res"] = float(fs.get("k_res", 0.0))
    if result.lr_test is not None:
        scalars["chi2_c"] = float(result.lr_test.chi2)
        scalars["df_c"] = float(result.lr_test.df)
        scalars["p_c"] = float(result.lr_test.p)
        scalars["ll_c"] = float(fit.ll_linear)
    if result.n_clusters is not None:
        scalars["N_clust"] = float(result.n_clusters)
    # levels as typed, empty ones included (xtmixed.ado: e(ivars), e(redim), e(vartypes))
    terms = [(t.levelvar, " ".join(_term_revars(t)), len(_term_revars(t)), _VARTYPE[t.covariance])
             for t in spec.terms if _ncols(t)]
    for pos, level, _ in sorted(empty_levels):
        terms.insert(pos, (level, "", 0, "Identity"))
    if spec.residuals is not None and spec.terms and not _ncols(spec.terms[-1]):
        terms.append((spec.terms[-1].levelvar, "", 0, "Identity"))
    macros = {
        "cmd": cmd, "cmdline": cmdline, "depvar": spec.depvar, "ivars": " ".join(t[0] for t in terms),
        "title": f"Mixed-effects {result.method} regression", "method": result.method,
        "vce": spec.vce, "chi2type": "Wald", "properties": "b V",
        "predict": "mixed_p" if cmd == "mixed" else "xtmixed_p",
        "estat_cmd": "mixed_estat" if cmd == "mixed" else "xtmixed_estat",
        "redim": " ".join(str(t[2]) for t in terms),
        "vartypes": " ".join(t[3] for t in terms),
        "revars": " ".join(t[1] for t in terms if t[1]),
        # matlog: the same maximum-likelihood estimates; only Stata's optimizer parametrises differently
        "optmetric": "matlog" if mc.options.get("matlog") else "matsqrt", "crittype": "log restricted-likelihood" if result.method == "REML" else "log likelihood",
    }
    if result.pseudo or spec.vce != "oim":
        macros["crittype"] = "log pseudolikelihood"
        macros["title"] = "Mixed-effects regression"
    if mc.options.get("technique"):
        macros["technique"] = str(mc.options["technique"]).strip()
    # the residual structure
    if hasattr(fit, "residual_macros"):
        rm = fit.residual_macros()
        macros.update({k2: v for k2, v in rm.items() if k2 != "res_order"})
        rc = fit.model.rcov
        scalars["nrgroups"] = float(rc.K)
        if rc.kind == "ar":
            scalars["ar_p"] = float(rc.order)
        if rc.kind == "ma":
            scalars["ma_q"] = float(rc.order)
        if "res_order" in rm:
            scalars["res_order"] = float(rm["res_order"])
        if rc.per_level_sd:
            vals = np.asarray(rc.levels, float)[None, :]
            macros_tmap = Matrix(vals, ("r1",), tuple(f"c{i + 1}" for i in range(vals.shape[1])))
            extra_tmap = {"tmap": macros_tmap}
        else:
            extra_tmap = {}
    else:
        macros.update({"rstructure": "independent", "rstructlab": "Independent"})
        scalars["nrgroups"] = 1.0
        extra_tmap = {}
    ro = mc.options.get("residuals")
    if ro is not None:
        macros["resopt"] = str(ro).strip()
    robust_macros(macros, spec.vce != "oim", spec.cluster_var)
    if mc.weight is not None:
        macros["wtype"] = mc.weight.kind
        macros["wexp"] = "= " + mc.weight.exp
    for i, eq in enumerate(mc.equations, start=1):
        for kind in ("fweight", "pweight"):
            if getattr(eq, kind):
                macros[f"{kind}{i}"] = getattr(eq, kind)
    if spec.pwscale:
        macros["pwscale"] = spec.pwscale
    cols = tuple(g.levelvar for g in result.groups)
    mats = {"b": b, "V": V, **extra_tmap}
    if cols:
        for key, attr in (("N_g", "n_groups"), ("g_min", "min"), ("g_avg", "avg"), ("g_max", "max")):
            mats[key] = Matrix(np.array([[float(getattr(g, attr)) for g in result.groups]]), ("r1",), cols)
    if extra is not None:
        sc, mac, mt = extra
        scalars.update(sc)
        macros.update(mac)
        mats.update(mt)
    return EstimationResults(cmd=cmd, scalars=scalars, macros=macros, matrices=mats, result=result,
                             model=fit, sample=None if sample is None else sample.copy(), title=macros["title"],
                             design=design)
