"""``sem`` and ``gsem`` for observed-variable path models with Gaussian responses (gsem: and
random intercepts ``Name[groupvar]``).  Stata's defaults ([SEM] intro 4, [SEM] sem, [SEM]
gsem): errors of endogenous variables uncorrelated, covariances of observed exogenous
variables taken as given (sem estimates them by their sample values and counts them in its
log likelihood), latent variables at one level correlated (their covariances estimated),
loadings of random intercepts fixed at 1, OIM standard errors.  The model itself is fitted
by mlmcli/sem/; options mlm does not build are refused (r(198))."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.estimation.common import display_formats
from mlmcli.commands.estimation.convergence import finish
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, resolve_options, split_options
from mlmcli.sem.fit import variance_rank

OPTIONS = [OptionSpec("vce", 3, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
           OptionSpec("level", 3, takes_arg=True), OptionSpec("method", 4, takes_arg=True),
           OptionSpec("robust", 3), OptionSpec("cluster", 2, takes_arg=True),
           OptionSpec("covariance", 3, takes_arg=True, repeatable=True), OptionSpec("iterate", 4, takes_arg=True),
           *(OptionSpec(name, 7, takes_arg=True) for name in ("cformat", "pformat", "sformat"))]
# the display formats sem_display's _get_diopts hands _coef_table (at estimation and on replay)
FORMAT_OPTIONS = [OptionSpec(name, 7, takes_arg=True) for name in ("cformat", "pformat", "sformat")]
# gsem only: the family and link of every response, latent(), nocapslatent, the quadrature
GSEM_OPTIONS = [OptionSpec(name, len(name), takes_arg=True) for name in ("family", "link", "exposure", "offset")] + [
    OptionSpec(name, len(name)) for name in ("logit", "probit", "cloglog", "poisson", "ologit", "oprobit",
                                             "ocloglog", "regress", "mlogit")] + [
    OptionSpec("latent", 3, takes_arg=True), OptionSpec("nocapslatent", 12),
    OptionSpec("covstructure", 6, takes_arg=True, repeatable=True),
    OptionSpec("intpoints", 6, takes_arg=True), OptionSpec("intmethod", 7, takes_arg=True)]


def _method(opts: dict, command: str) -> None:
    m = opts.get("method")
    if m is not None and str(m).strip().lower() != "ml":
        raise StataError(f"method({str(m).strip()}) not available in mlm's {command}; only method(ml)", 198)


def _latent_labels(model) -> list[str]:
    """Every latent variable's ``Name[group]``: random intercepts and slopes."""
    from mlmcli.sem.generalized import latent_of

    out = [lat.label for lat in model.latents]
    for eq in model.equations:
        out += [latent_of(label) for label in eq.order if latent_of(label) not in out]
    return out


def _independent_latents(opts: dict, model, command: str) -> bool:
    """``cov(M1[g]*M2[g]@0)`` for every pair of latent variables: their covariances fixed at 0.
    Any other covariance() specification is refused."""
    from mlmcli.commands.estimation.sem_syntax import latent_match

    specs = opts.get("covariance") or []
    if not specs:
        return False
    all_labels = _latent_labels(model)
    labels = set(all_labels)
    fixed = set()
    for spec in specs:
        for item in str(spec).split():
            m = re.fullmatch(r"([^*@]+)\*([^*@]+)@0", item)
            if command != "gsem" or not m or not all(latent_match(x) and x in labels for x in m.groups()):
                raise StataError(f"covariance({item}) not available in mlm; only cov(L1[g]*L2[g]@0) for the"
                                 " model's random intercepts", 198)
            fixed.add(frozenset(m.groups()))
    pairs = {frozenset((a, b)) for i, a in enumerate(all_labels) for b in all_labels[i + 1:]}
    if fixed != pairs:
        raise StataError("covariance(): mlm fixes either all or none of the latent covariances at 0", 198)
    return True


def _family_defaults(opts: dict, command: str) -> dict:
    """gsem's family-and-link options, the default of every response (sem_syntax.family_options)."""
    from mlmcli.commands.estimation.sem_syntax import family_options

    typed = [f"{k}({opts[k]})" for k in ("family", "link", "exposure", "offset") if opts.get(k) is not None]
    typed += [k for k in ("logit", "probit", "cloglog", "poisson", "ologit", "oprobit", "ocloglog", "regress",
                          "mlogit") if opts.get(k)]
    return family_options(" ".join(typed), command) if typed else {}


def _check_latent_option(model, latent_names) -> None:
    """latent(): names of latent variables the paths use (gsem's "unknown latent variable")."""
    used = {label.split("[")[0] for label in _latent_labels(model)}
    for name in latent_names:
        if name not in used:
            raise StataError(f"latent variable {name} not found in the paths; mlm's gsem has latent variables"
                             " Name[groupvar] only", 198)


def _vce(session, opts: dict) -> tuple[str, str | None]:
    from mlmcli.commands.estimation.common import sandwich_vce

    return sandwich_vce(session.data, opts, "oim")


def cmd_sem(session, cmd) -> None:
    """``sem paths [if] [in] [, options]`` and ``gsem`` (cmd.name)."""
    from mlmcli.commands.data.common import if_in_command, mark, reject_weight, split_if_in
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.commands.estimation.sem_syntax import parse_path_model
    from mlmcli.estimation.active import replay_results
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.sem.estimate import estimate

    command = cmd.name
    text = cmd.args.strip()
    if not text or text.startswith(","):
        from mlmcli.commands.estimation.common import refuse_replay_options

        e = replay_results(session, (command,))
        typed = split_options(text)[1]
        levels = [o for o in typed if OptionSpec("level", 3, takes_arg=True).matches(o.name)]
        formats = [o for o in typed if any(spec.matches(o.name) for spec in FORMAT_OPTIONS)]
        from mlmcli.sem.latent_estimate import LatentSEMFit

        standard = [o for o in typed if isinstance(e.model, LatentSEMFit) and o.arg is None
                    and OptionSpec("standardized", 5).matches(o.name)]  # a display option of sem
        refuse_replay_options([o for o in typed if o not in levels + formats + standard], command)
        lopts = resolve_options(tuple(levels[-1:]), [OptionSpec("level", 3, takes_arg=True)])
        return replay(session, e, level=confidence_level(lopts, getattr(session, "level", 95.0)) if levels else None,
                      formats=resolve_options(tuple(formats), FORMAT_OPTIONS), standardized=bool(standard))
    body, options, _ = split_options(text)
    body, weight_text = split_weight(body)
    if weight_text and command == "sem":  # [SEM] sem allows fweights, pweights and iweights; mlm's fit takes none
        raise StataError("weights are not implemented for sem in mlmcli", 101)
    reject_weight(body)  # a second weight
    from mlmcli.commands.estimation.sem_latent import cmd_sem_latent, wants_latent

    grouped = any(OptionSpec("group", 2, takes_arg=True).matches(o.name) and o.arg is not None for o in options)
    if command == "sem" and (grouped or wants_latent(split_if_in(body)[0], options)):  # the RAM model
        paths, cond = split_if_in(body)
        from mlmcli.commands.estimation.sem_group import cmd_sem_group

        return cmd_sem_latent(session, text, paths, options, cond, group_handler=cmd_sem_group)
    from mlmcli.commands.estimation.gsem_generalized import ml_option_specs, refuse_ml_options

    opts = resolve_options(options, OPTIONS + (GSEM_OPTIONS + ml_option_specs() if command == "gsem" else []))
    display_formats(opts)  # _get_diopts: a cformat() that is no numeric format is r(7) before the fit
    _method(opts, command)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    paths, cond = split_if_in(body)
    ds = session.data
    latent_names = frozenset(str(opts.get("latent") or "").split())
    model = parse_path_model(paths, ds.resolve, command, defaults=_family_defaults(opts, command),
                             latent_names=latent_names, caps=not opts.get("nocapslatent"))
    _check_latent_option(model, latent_names)
    vce, clustvar = _vce(session, opts)
    from mlmcli.commands.estimation.sem_covstructure import covstructure_independent

    independent = _independent_latents(opts, model, command)
    independent = covstructure_independent(opts.get("covstructure"), _latent_labels(model)) or independent
    labels = _latent_labels(model)
    if vce == "robust" and labels:  # gsem: robust is clustered at the latent variables' level
        vce, clustvar = "cluster", labels[0].split("[")[1][:-1]
    if any(eq.response.family == "multinomial" for eq in model.equations):
        from mlmcli.commands.estimation.gsem_mlogit import fit_multinomial

        refuse_ml_options(opts)
        return fit_multinomial(session, f"{command} {text}", model, cond, weight_text, opts, vce, clustvar, level)
    if model.generalized or (weight_text and len(model.equations) == 1):
        from mlmcli.commands.estimation.gsem_generalized import fit_generalized

        if weight_text[1:].lstrip().lower().startswith("i"):  # the me engine's fits take fweights and pweights
            raise StataError("iweights are not implemented for gsem in mlmcli except with family(multinomial)", 101)

        vce_text = {"oim": None, "robust": "robust"}.get(vce, f"cluster {clustvar}")
        from mlmcli.commands.estimation.gsem_separable import fit_separable, separable

        if command == "gsem" and separable(model):
            return fit_separable(session, f"{command} {text}", model, cond,
                                 dict(opts, vce=vce_text, level=level if opts.get("level") is not None else None),
                                 independent, level, weight_text)
        return fit_generalized(session, f"{command} {text}", model, cond,
                               dict(opts, vce=vce_text, level=level if opts.get("level") is not None else None),
                               independent, level, weight_text)
    refuse_ml_options(opts)  # the sem engine's Gaussian likelihood
    if weight_text:  # several Gaussian equations: the sem engine's joint likelihood takes no weights
        raise StataError("weights are not implemented for gsem with several Gaussian equations in mlmcli", 101)
    for key in ("intpoints", "intmethod"):
        if opts.get(key) is not None:  # no quadrature in the Gaussian random-intercept likelihood
            raise StataError(f"option {key}() not allowed", 198)
    groupvars = sorted({lat.group for lat in model.latents})
    needed = list(dict.fromkeys(list(model.variables) + groupvars))
    for v in model.variables:
        if ds.is_string(v):
            raise StataError("string variables not allowed in varlist;", 109)
    sample = mark(session, if_in_command(cond) if cond else _plain(), needed)
    if clustvar:  # a string cluster variable identifies clusters too (markout ..., strok)
        sample &= mark(session, _plain(), [clustvar], strok=True)
    if not sample.any():
        raise StataError("no observations", 2000)
    df = ds.df
    columns = {v: df[v].to_numpy(dtype=float)[sample] for v in model.variables}
    for eq in model.equations:
        X = np.column_stack([columns[x] for x in eq.regressors] + [np.ones(int(sample.sum()))])
        if np.linalg.matrix_rank(X) < X.shape[1]:
            raise StataError(f"{eq.depvar}: the paths are collinear; mlm does not drop paths", 198)
    groups = {g: group_codes(ds, g, sample) for g in groupvars}
    cluster = group_codes(ds, clustvar, sample) if clustvar else None
    iterate = integer_option(opts, "iterate", None, minimum=0) if opts.get("iterate") is not None else None
    fit = estimate(command, model, columns, groups, level=level, vce=vce, cluster=cluster, clustvar=clustvar,
                   nolog=bool(opts.get("nolog")), independent_latents=independent, iterate=iterate)
    b, V = fit.e_matrices()
    scalars = {"N": fit.n, "ll": fit.loglik, "k": float(fit.n_parameters()),
               "rank": variance_rank(fit.V),
               "k_dv": float(len(model.endogenous)), "converged": 1.0 if fit.converged else 0.0}
    macros = {"cmd": command, "cmdline": f"{command} {text}", "depvar": " ".join(model.endogenous),
              "title": "Structural equation model" if command == "sem" else "Generalized structural equation model",
              "vce": vce, "method": "ml", "properties": "b V"}
    if vce != "oim":
        macros["vcetype"] = "Robust"
    if clustvar:
        macros["clustvar"] = clustvar
        scalars["N_clust"] = float(fit.n_clust)
    if fit.lr_saturated is not None:
        chi2, dfm, p = fit.lr_saturated
        scalars.update({"chi2_ms": chi2, "df_ms": float(dfm), "p_ms": p})
    designs = _margins_designs(ds, fit, sample)
    if designs is not None:  # margins' hook (sem.sem_margins)
        from mlmcli.sem.sem_margins import marginsdefault

        fit.extra.update(margins_designs=designs,
                         depvar_labels={y: ds.var_labels.get(y, "") for y in model.endogenous})
        macros["marginsdefault"] = marginsdefault(fit)
    if command == "sem":  # sem.ado's list, which margins' _check_e_margins reads (margins_notok)
        macros["marginsnotok"] = "XBLATent1(passthru) XBLATent LATent1(passthru) LATent SCores xb"
    e = EstimationResults(cmd=command, scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                          result=fit.result(), model=fit, sample=sample, design=designs[0] if designs else None)
    e.stamp_sample(session.data)
    session.e = e
    from mlmcli.commands.estimation.common import display_formats_with_notes
    from mlmcli.render.sem_display import render_sem

    session.print(render_sem(e.result, **display_formats_with_notes(session, opts)))
    # ml's end (convergence.finish): at a typed iterate() the results stand (rc 0, e(converged)
    # = 0, the warning); any other failure is r(430) after the table
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached, iterate_typed=iterate is not None)


def _margins_designs(ds, fit, sample):
    """Each equation's design (its observed paths, then ``_cons``; gsem's latent variables,
    mean 0, are no covariates) on e(sample), as e(b) names its columns; None when one cannot
    be rebuilt (margins then says r(321))."""
    from mlmcli.commands.postestimation.margins_xb_only import coefficient_design

    designs = []
    for eq in fit.model.equations:
        design = coefficient_design(ds, list(eq.regressors) + ["_cons"], sample)
        if design is None:
            return None
        designs.append(design)
    return designs


_WEIGHT = re.compile(r"\[\s*(fw|fwe|fwei|fweig|fweigh|fweight|pw|pwe|pwei|pweig|pweigh|pweight|iw|iwe|iwei|iweig"
                     r"|iweigh|iweight|aw|awe|awei|aweig|aweigh|aweight|weight)\s*=([^\]]*)\]", re.I)


def split_weight(body: str) -> tuple[str, str]:
    """(the paths and if/in without the weight, ``[pweight = w]`` or ""): a weight is the one
    bracket holding ``kind =`` (latent variables' brackets ``M1[id]`` hold none).  aweights
    are Stata's r(101)."""
    m = _WEIGHT.search(body)
    if not m:
        return body, ""
    if m.group(1).lower().startswith("a") or m.group(1).lower() == "weight":
        raise StataError("aweights not allowed" if m.group(1).lower().startswith("a") else "weights not allowed", 101)
    return (body[:m.start()] + " " + body[m.end():]).strip(), m.group(0)


def _plain():
    from mlmcli.ast import Command

    return Command(name="count")


def replay(session, e, *, level: float | None = None, formats: dict | None = None,
           standardized: bool = False) -> None:
    """The stored table again; ``level``: its intervals at that level (the fit's rows rebuilt);
    ``formats``: the typed cformat()/pformat()/sformat(), else ``set cformat`` & co.;
    ``standardized``: sem's standardized display (a fit with latent variables)."""
    import dataclasses

    from mlmcli.commands.estimation.common import display_formats_with_notes
    from mlmcli.commands.estimation.convergence import footnote
    from mlmcli.render.sem_display import render_sem

    result = e.result
    if standardized:  # sem with latent variables: the standardized table
        result = dataclasses.replace(e.model, standardized=True, level=level or result.level).result()
    elif level is not None and level != result.level:
        result = dataclasses.replace(e.model, level=level).result()
    session.print(render_sem(result, replay=True, **display_formats_with_notes(session, formats or {})))
    footnote(session, e)  # a fit stopped at iterate(): the warning again
