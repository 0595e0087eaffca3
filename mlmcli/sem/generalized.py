"""A generalized gsem equation fitted by the me commands' engine, in gsem's names.

``gsem (y <- x M1[id] c.x#M2[id], logit)`` is ``melogit y x || id: x, covariance(unstructured)``:
the random intercept M1[id] is the me engine's ``_cons[id]``, the random slope M2[id] its
``x[id]``, both loadings fixed at 1.  The fit is the engine's (GLMMFit); this module renames
e(b)/e(V) to gsem's: the equation's paths (regressors, then the latent variables as typed
with their constrained loadings, then ``_cons``), ordinal cutpoints ``cut1:_cons`` ..., the
latent variances ``var(M1[id]):_cons`` in the order typed, their covariances
``cov(M2[id],M1[id]):_cons`` (later, earlier), and a Gaussian response's ``var(e.y):_cons``.
A latent variable regressed on observed variables, ``(w -> M1[id])``, is M1 = w g + e.M1: the
me model with w among the fixed regressors (``c.w#c.x`` for a slope on x); gsem shows the
path as ``M1[id]:w`` and the variance as ``var(e.M1[id])``.
The variances are in the variance metric, as both commands post them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.sem.fit import SEMFit
from mlmcli.sem.path_model import Equation, PathModel


def latent_of(label: str) -> str:
    """``c.x#M2[id]`` -> ``M2[id]``; ``M1[id]`` unchanged."""
    return label.split("#")[-1]


def me_effect_names(eq: Equation, group: str, level_paths: dict[str, str] | None = None) -> dict[str, str]:
    """gsem latent label -> the me engine's random-effect name (``x[id]``, ``_cons[id]``);
    ``level_paths``: random intercepts at nested levels, each group's me path (``state``,
    ``state>district``: ``_cons[state>district]``)."""
    if level_paths:
        return {lat.label: f"_cons[{level_paths[lat.group]}]" for lat in eq.latents}
    out = {lat.label: f"{x}[{group}]" for x, lat in eq.slopes}
    out.update({lat.label: f"_cons[{group}]" for lat in eq.latents})
    return out


def latent_path_terms(model: PathModel) -> list[tuple[str, str, str]]:
    """(latent label, regressor, the me engine's fixed term) of each path ``w -> L[g]``: a
    random intercept's regressor enters the response's equation as w, a random slope's on x
    as ``c.w#c.x`` (y = ... + (w h + e.L) x)."""
    (eq,) = model.equations
    slope_var = {lat.label: x for x, lat in eq.slopes}
    out = []
    for lat, regs in model.latent_paths:
        for w in regs:
            x = slope_var.get(lat.label)
            out.append((lat.label, w, w if x is None else f"c.{w}#c.{x}"))
    return out


def gsem_names(fit_names: list[str], eq: Equation, group: str | None, independent: bool,
               latent_terms: list[tuple[str, str, str]] = (), level_paths: dict[str, str] | None = None):
    """[(gsem name, me name or None for a constrained loading, kind)] in gsem's e(b) order;
    kind: ``path``, ``loading``, ``cut``, ``var``, ``cov``, ``evar``.  ``latent_terms``:
    latent_path_terms (their latent variables' variances are ``var(e.L)``)."""
    dep = eq.depvar
    rows: list[tuple[str, str | None, str]] = []
    moved = {f"{dep}:{term}" for _, _, term in latent_terms}
    paths = [n for n in fit_names if n.startswith(f"{dep}:") and n != f"{dep}:_cons" and n not in moved]
    rows += [(n, n, "path") for n in paths]
    rows += [(f"{dep}:{label}", None, "loading") for label in eq.order]
    if f"{dep}:_cons" in fit_names:
        rows.append((f"{dep}:_cons", f"{dep}:_cons", "path"))
    rows += [(f"{lat}:{w}", f"{dep}:{term}", "path") for lat, w, term in latent_terms]
    rows += [(n, n, "cut") for n in fit_names if n.startswith("cut") and n.endswith(":_cons")]
    if group is not None or level_paths:
        latents = [latent_of(label) for label in eq.order]
        me = me_effect_names(eq, group, level_paths)
        endogenous = {lat for lat, _, _ in latent_terms}
        rows += [(f"var({'e.' if lat in endogenous else ''}{lat}):_cons", f"var({me[lat]}):_cons", "var")
                 for lat in latents]
        if not independent and not level_paths:  # latent variables at different levels: no covariance
            for j in range(len(latents)):
                for l in range(j):
                    a, b = me[latents[j]], me[latents[l]]
                    src = f"cov({a},{b}):_cons" if f"cov({a},{b}):_cons" in fit_names else f"cov({b},{a}):_cons"
                    rows.append((f"cov({latents[j]},{latents[l]}):_cons", src, "cov"))
    if f"var(e.{dep}):_cons" in fit_names:
        rows.append((f"var(e.{dep}):_cons", f"var(e.{dep}):_cons", "evar"))
    return rows


def gsem_fit(glmm, model: PathModel, *, level: float, nolog: bool, independent: bool, vce: str,
             clustvar: str | None, n_clust: int | None, pseudo: bool, offset_label: str | None,
             offset_kind: str | None, level_paths: dict[str, str] | None = None) -> SEMFit:
    """The SEMFit (gsem's e(b), e(V) and table) of the me engine's fit ``glmm``; ``level_paths``:
    random intercepts at nested levels (me_effect_names)."""
    (eq,) = model.equations
    b, V = glmm.e_matrices()
    fit_names = list(b.colnames)
    groups = {latent_of(label).split("[")[1][:-1] for label in eq.order}
    group = next(iter(groups)) if len(groups) == 1 else None
    rows = gsem_names(fit_names, eq, group, independent, latent_path_terms(model), level_paths)
    missing = [src for _, src, _ in rows if src is not None and src not in fit_names]
    if missing:  # the engine dropped a column (a collinear regressor): Stata's gsem would keep it omitted
        from mlmcli.errors import StataError

        raise StataError(f"{missing[0]}: not estimated; mlm's gsem does not carry omitted paths", 198)
    src_index = [None if src is None else fit_names.index(src) for _, src, _ in rows]
    P = len(rows)
    bvals = np.array([1.0 if i is None else float(b.values[0, i]) for i in src_index])
    Vfull = np.zeros((P, P))
    free = [k for k, i in enumerate(src_index) if i is not None]
    take = [src_index[k] for k in free]
    Vfull[np.ix_(free, free)] = np.asarray(V.values, float)[np.ix_(take, take)]
    names = tuple(name for name, _, _ in rows)
    kinds = [kind for _, _, kind in rows]
    offset_rows = ((eq.depvar, offset_label, offset_kind),) if offset_label else ()
    iterations = tuple(s.loglik for ph in glmm.phases[-1:] for s in ph.steps) if glmm.phases else (glmm.loglik,)
    return SEMFit("gsem", model, names, bvals, Vfull, float(glmm.loglik), int(glmm.nobs()), level, iterations,
                  constrained=frozenset(k for k, kind in enumerate(kinds) if kind == "loading"),
                  variances=frozenset(k for k, kind in enumerate(kinds) if kind in ("var", "evar")),
                  ancillary=frozenset(k for k, kind in enumerate(kinds) if kind == "cut"),
                  vce=vce, clustvar=clustvar, n_clust=n_clust, converged=bool(glmm.converged), nolog=nolog,
                  offset_rows=offset_rows, pseudo=pseudo, glmm=glmm,
                  extra={"groupvar": group, "family": eq.response.family, "link": eq.response.link})
