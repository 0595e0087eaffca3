"""gsem's multinomial logit: ``gsem (i.y <- x ... [M[g]@1]) [weight], mlogit`` ([SEM] example
37g and, with a random intercept shared by the outcome equations, example 41g).

One equation whose response has family(multinomial) link(logit): every outcome but the base
(the lowest value, or ``ib#.y``'s) has its equation ``k.y <- x M[g] _cons``, the latent
variable's loading fixed at 1 in each.  The likelihood and its maximisation are
mlmcli/sem/multinomial.py's (the glmm engine's quadrature and optimiser); the table is gsem's
(``1.y  (base outcome)``, then one ``k.y <-`` block per outcome, the latent variance).
Weights (fweight, pweight, iweight) are at the observation level; pweights and vce(robust)
give the sandwich clustered at the latent variable's level (observations without one).
Random slopes, paths to the latent variable, several latent variables, exposure() and
offset() are refused (r(198)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import unique_rows


def _check(model) -> None:
    if len(model.equations) != 1:
        raise StataError("mlm's gsem fits a multinomial response in a model of one equation", 198)
    (eq,) = model.equations
    if eq.slopes or model.latent_paths or len(eq.latents) > 1:
        raise StataError("a multinomial response with random slopes, several latent variables or paths to a"
                         " latent variable is not available in mlm's gsem", 198)
    if eq.response.exposure or eq.response.offset:
        raise StataError("option exposure()/offset() not allowed with family(multinomial)", 198)


def _value_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _sample(session, cond: str, weight_text: str, variables: list[str], group: str | None, clustvar: str | None):
    from mlmcli.commands.estimation.common import weighted_sample
    from mlmcli.parser import parse_command
    from mlmcli.sample import mark_sample

    cmd = parse_command(f"count {cond} {weight_text}".strip())
    sample, w, kind = weighted_sample(session, cmd, variables, ("fweight", "pweight", "iweight"))
    extra = [v for v in (group, clustvar) if v]
    if extra:  # a group variable may be a string
        sample &= np.asarray(mark_sample(session, cmd, extra, strok=True), bool)
    if kind == "fweight" and w is not None and np.any(w[sample] != np.round(w[sample])):
        raise StataError("may not use noninteger frequency weights", 401)
    return sample, w, kind


def fit_multinomial(session, command_text: str, model, cond: str, weight_text: str, opts: dict, vce: str,
                    clustvar: str | None, level: float) -> None:
    """Fit, print gsem's table and post e() (module docstring)."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_terms import parse_terms, term_variables
    from mlmcli.factor_variables import build_design
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.render.sem_display import render_sem
    from mlmcli.sem.multinomial import MultinomialData, fit

    _check(model)
    (eq,) = model.equations
    ds = session.data
    if ds.is_string(eq.depvar):
        raise StataError(f"string variables not allowed in varlist;\n{eq.depvar} is a string variable", 109)
    method = str(opts.get("intmethod") or "mvaghermite").strip().lower()
    if method not in ("mv", "mva", "mvag", "mvaghermite"):
        raise StataError(f"intmethod({method}) not available in mlm's gsem with family(multinomial);"
                         " only mvaghermite", 198)
    from mlmcli.syntax.options import integer_option

    points = integer_option(opts, "intpoints", 7, minimum=1) if opts.get("intpoints") is not None else 7
    lat = eq.latents[0] if eq.latents else None
    group = lat.group if lat is not None else None
    terms = parse_terms(ds, " ".join(eq.regressors)) if eq.regressors else []
    sample, w, kind = _sample(session, cond, weight_text, [eq.depvar] + term_variables(terms), group,
                              clustvar if vce == "cluster" else None)
    if not sample.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(eq.depvar)[sample]
    values = np.unique(y)
    if len(values) < 2:
        raise StataError("outcome does not vary", 2000)
    if eq.base_level is not None and eq.base_level not in values:
        raise StataError(f"{eq.depvar}: base level {_value_text(eq.base_level)} not found", 111)
    base = 0 if eq.base_level is None else int(np.flatnonzero(values == eq.base_level)[0])
    design = build_design(ds, terms, sample, constant=True)
    for note in design.notes:
        session.print(note)
    robust = vce in ("robust", "cluster") or kind == "pweight"
    if kind == "pweight" and vce == "oim":
        vce = "robust" if lat is None else "cluster"
        clustvar = group
    groups = group_codes(ds, group, sample) if group else None
    cluster = group_codes(ds, clustvar, sample) if vce == "cluster" and clustvar != group else None
    if cluster is not None and groups is not None:  # the sandwich sums whole groups' scores
        pairs = unique_rows(np.column_stack([groups, cluster]))
        if len(pairs) != len(np.unique(groups)):
            raise StataError(f"highest-level groups are not nested within {clustvar}", 459)
    data = MultinomialData(np.searchsorted(values, y), len(values), base, np.asarray(design.X, float), groups,
                           None if w is None else w[sample])
    iterate = integer_option(opts, "iterate", 300, minimum=0) if opts.get("iterate") is not None else 300
    est = fit(data, points=points, robust=robust, cluster=cluster, iterate=iterate)
    n = float(np.sum(w[sample])) if kind == "fweight" else float(sample.sum())
    sem = _sem_fit(model, design, values, base, est, int(n), level, vce, clustvar, lat, pseudo=robust,
                   nolog=bool(opts.get("nolog")))
    sem.extra.update(margins_design=design, n_quad=points)
    b, V = sem.e_matrices()
    scalars = {"N": n, "ll": est.loglik, "k": float(sem.n_parameters()),
               "rank": float(safe_rank(est.V)), "k_dv": 1.0,
               "converged": 1.0 if est.converged else 0.0, "k_out1": float(len(values))}
    macros = {"cmd": "gsem", "cmdline": command_text, "depvar": eq.depvar, "predict": "gsem_p",
              "title": "Generalized structural equation model", "vce": vce, "method": "ml", "properties": "b V",
              "family1": "multinomial", "link1": "logit"}
    if lat is not None:
        scalars["n_quad"] = float(points)
        macros["intmethod"] = "mvaghermite"
    from mlmcli.sem.gsem_margins import marginsdefault

    macros["marginsdefault"] = marginsdefault(sem)
    if kind is not None:
        macros["wtype"] = kind
        macros["wexp"] = "= " + weight_text.strip()[1:-1].split("=", 1)[1].strip()
    if robust:
        macros["vcetype"] = "Robust"
    if vce == "cluster":
        macros["clustvar"] = clustvar
        scalars["N_clust"] = float(est.n_clusters)
    e = EstimationResults(cmd="gsem", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                          result=sem.result(), model=sem, sample=sample, design=design)
    e.stamp_sample(session.data)
    session.e = e
    from mlmcli.commands.estimation.common import display_formats_with_notes

    session.print(render_sem(e.result, **display_formats_with_notes(session, opts)))
    finish(session, e, converged=est.converged, at_limit=est.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _sem_fit(model, design, values, base: int, est, n: int, level: float, vce: str, clustvar, lat, pseudo: bool,
             nolog: bool = False):
    """gsem's e(b) names: each non-base outcome's paths (base levels and omitted terms at 0),
    the latent variable at 1 (constrained), _cons; then var(M[g])."""
    from mlmcli.sem.fit import SEMFit

    (eq,) = model.equations
    labels = [lab.name for lab in design.labels]
    estimable = [not (lab.base or lab.omitted or lab.empty) for lab in design.labels]
    p = int(sum(estimable))
    names, bvals, src, constrained = [], [], [], []
    for j, k in enumerate(k for k in range(len(values)) if k != base):
        eqname = f"{_value_text(values[k])}.{eq.depvar}"
        col = 0
        for name, ok in zip(labels, estimable):
            index = j * p + col if ok else None
            col += ok
            if name == "_cons":
                if lat is not None:
                    constrained.append(len(names))
                    names.append(f"{eqname}:{lat.label}")
                    bvals.append(1.0)
                    src.append(None)
            names.append(f"{eqname}:{name}")
            bvals.append(0.0 if index is None else float(est.b[index]))
            src.append(index)
    variances = []
    if lat is not None:
        variances.append(len(names))
        names.append(f"var({lat.label}):_cons")
        bvals.append(float(est.b[-1]))
        src.append(len(est.b) - 1)
    P = len(names)
    V = np.zeros((P, P))
    free = [i for i, s in enumerate(src) if s is not None]
    take = [src[i] for i in free]
    V[np.ix_(free, free)] = est.V[np.ix_(take, take)]
    extra = {"base_equation": f"{_value_text(values[base])}.{eq.depvar}", "family": "multinomial", "link": "logit",
             "groupvar": lat.group if lat is not None else None}
    if est.fixed_loglik is not None:
        extra["fixed_loglik"] = est.fixed_loglik
        extra["fixed_iterations"] = est.fixed_steps
    return SEMFit("gsem", model, tuple(names), np.array(bvals), V, est.loglik, n, level,
                  est.steps, constrained=frozenset(constrained), variances=frozenset(variances), vce=vce,
                  clustvar=clustvar if vce == "cluster" else None, n_clust=est.n_clusters if vce == "cluster" else None,
                  converged=est.converged, limit_reached=est.limit_reached, extra=extra, pseudo=pseudo, nolog=nolog)
