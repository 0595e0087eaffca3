"""``mixed`` (and ``xtmixed``): ``MixedCommand`` -> ``MixedSpec`` -> fit -> e() and display.

The syntax layer (``parse_mixed``, option tables) is ``mixed_syntax``; this module
marks the sample, builds the engine's input, stores e() and prints (and replays).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.estimation.common import check_weights, evaluate_weight, group_codes, weight_vars
from mlmcli.commands.estimation.mixed_syntax import (DISPLAY_OPTIONS, MixedCommand, REEquation, display_options,
                                                      parse_mixed)
from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import split_eq
from mlmcli.syntax.options import choice_option, confidence_level, number_option, vce_option


# ====================================================================== sample and spec

def _nest(outer: np.ndarray | None, inner: np.ndarray) -> np.ndarray:
    """Codes of the (outer, inner) combinations, sorted by outer then inner."""
    if outer is None:
        return inner
    key = outer.astype(np.int64) * (int(inner.max()) + 1 if inner.size else 1) + inner
    _, codes = np.unique(key, return_inverse=True)
    return codes.astype(np.int64)


def mark_sample(session, mc: MixedCommand, varnames: list[str]) -> np.ndarray:
    """Estimation sample: if/in/by, and no missing value in any variable the model uses."""
    from mlmcli.sample import mark_sample as _mark

    cmd = Command(name="mixed", if_exp=mc.if_exp, in_range=mc.in_range, weight=mc.weight)
    return np.asarray(_mark(session, cmd, varnames), dtype=bool)


@dataclass(frozen=True)
class _Equation:
    """A random-effects equation with its names resolved: the level variable (or ``_all``)
    and the variables of its design (the ``R.`` factor for a crossed term)."""

    typed: REEquation
    level: str
    rvars: list[str]


@dataclass
class _Weights:
    """The model's ``[fw|pw = exp]`` and each equation's ``fweight()``/``pweight()``, evaluated
    on every row (NaN: missing)."""

    model_kind: str | None = None
    model: np.ndarray | None = None
    equations: list[dict[str, np.ndarray]] = field(default_factory=list)  # per equation: kind -> values

    def arrays(self) -> list[np.ndarray]:
        return ([self.model] if self.model is not None else []) + [w for eq in self.equations for w in eq.values()]

    def has(self, kind: str) -> bool:
        return self.model_kind == kind or any(kind in eq for eq in self.equations)

    def model_part(self, kind: str, sample: np.ndarray) -> np.ndarray | None:
        if self.model_kind != kind:
            return None
        w = self.model[sample]
        check_weights(w, kind)
        return w


def build_spec(session, mc: MixedCommand):
    """The engine's input (``MixedSpec``), the fixed design and the sample mask."""
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.mixed.spec import MixedSpec

    ds = session.data
    depvar = ds.resolve(mc.depvar)  # a string variable empties the sample (marksample): r(2000)
    terms = parse_terms(ds, mc.fixed) if mc.fixed.strip() else []
    equations = [_resolve_equation(ds, eq) for eq in mc.equations]
    sample = _estimation_sample(session, mc, depvar, terms, equations)
    weights = _evaluate_weights(session, mc, sample)
    reml = bool(mc.options.get("reml"))
    has_pw = weights.has("pweight")
    if has_pw and weights.has("fweight"):
        raise StataError("fweights and pweights may not be combined", 198)
    if has_pw and reml:
        raise StataError("option reml not allowed with pweights or vce(robust)", 198)
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)

    y = ds.numeric(depvar)[sample]
    design = build_design(ds, terms, sample, constant=not mc.noconstant)
    if n <= design.X.shape[1]:
        raise StataError("insufficient observations", 2001)
    rterms = _random_terms(ds, equations, weights, sample)
    fw, pw = weights.model_part("fweight", sample), weights.model_part("pweight", sample)
    vce, cluster, cluster_var = _vce(session, mc, sample, rterms, has_pw)
    pwscale = mc.options.get("pwscale")
    if pwscale is not None:
        pwscale = choice_option(pwscale, ("size", "effective", "gk"), "pwscale")
        if not has_pw:
            raise StataError("pwscale() requires pweights", 198)
    opts = mc.options
    spec = MixedSpec(
        depvar=depvar, y=y, X=design.X, coef_labels=design.labels, terms=tuple(rterms),
        method="REML" if reml else "ML", fweight=fw, pweight=pw, pwscale=pwscale,
        vce=vce, cluster=cluster, cluster_var=cluster_var, level=_level(session, opts),
        iterate=number_option(opts, "iterate", 16000, int), tolerance=number_option(opts, "tolerance", 1e-6),
        ltolerance=number_option(opts, "ltolerance", 1e-7),
    )
    return spec, design, sample


def _resolve_equation(ds, eq: REEquation) -> _Equation:
    """The level variable and the equation's variables, names resolved (r(111), r(101))."""
    level = "_all" if eq.levelvar == "_all" else ds.resolve(eq.levelvar)
    if eq.factor_var is not None:
        return _Equation(eq, level, [ds.resolve(eq.factor_var)])
    toks = eq.varlist.split()
    if any("." in t or "#" in t for t in toks):
        raise StataError("factor variables not allowed in random-effects equations", 101)
    return _Equation(eq, level, ds.expand_varlist(toks, allow_empty=True))


def _estimation_sample(session, mc: MixedCommand, depvar: str, terms, equations: list[_Equation]) -> np.ndarray:
    """Rows selected by if/in with every variable of the model known (string level ids:
    not empty); the weight variables count, so does vce(cluster var)'s variable."""
    from mlmcli.factor_variables import term_variables

    ds = session.data
    used = [depvar] + term_variables(terms)
    for eq in equations:
        used += ([eq.level] if eq.level != "_all" else []) + eq.rvars
        used += weight_vars(ds, eq.typed.fweight) + weight_vars(ds, eq.typed.pweight)
    if mc.weight is not None:
        if mc.weight.kind not in ("fweight", "pweight"):
            raise StataError(f"{mc.weight.kind}s not allowed", 101)
        used += weight_vars(ds, mc.weight.exp)
    vce_words = str(mc.options.get("vce", "")).split()
    if len(vce_words) == 2:  # vce(cluster var): var must be non-missing too
        used.append(ds.resolve(vce_words[1]))
    used = list(dict.fromkeys(used))
    # numeric check before marking (strings are allowed only as level ids)
    level_vars = {eq.level for eq in equations} | {eq.rvars[0] for eq in equations if eq.typed.factor_var}
    sample = mark_sample(session, mc, [v for v in used if not (v in level_vars and ds.is_string(v))])
    for v in used:
        if v in level_vars and ds.is_string(v):
            sample &= ds.column(v).fillna("").astype(str).to_numpy() != ""
    return sample


def _evaluate_weights(session, mc: MixedCommand, sample: np.ndarray) -> _Weights:
    """Evaluate every weight expression; rows with a missing or zero weight leave ``sample``."""
    weights = _Weights()
    if mc.weight is not None:
        weights.model_kind = mc.weight.kind
        weights.model = evaluate_weight(session, mc.weight.exp)
    for eq in mc.equations:
        weights.equations.append({kind: evaluate_weight(session, exp)
                                  for kind, exp in (("fweight", eq.fweight), ("pweight", eq.pweight)) if exp})
    for w in weights.arrays():
        sample &= ~np.isnan(w)
    for w in weights.arrays():
        sample &= w != 0
    return weights


def _random_terms(ds, equations: list[_Equation], weights: _Weights, sample: np.ndarray) -> list:
    """One ``RandomTerm`` per equation: groups nested within the levels above, Z, names,
    covariance (Stata's defaults), the level's weights (constant within its groups)."""
    from mlmcli.mixed.spec import RandomTerm

    n = int(np.count_nonzero(sample))
    rterms = []
    outer = None
    for eq, eq_weights in zip(equations, weights.equations):
        level, rvars = eq.level, eq.rvars
        cov = eq.typed.covariance
        if level == "_all":
            base = np.zeros(n, dtype=np.int64)
        else:
            base = _nest(outer, group_codes(ds, level, sample))
            outer = base
        if eq.typed.factor_var is not None:
            group = _nest(base if level != "_all" else None, group_codes(ds, rvars[0], sample))
            Z = np.ones((n, 1))
            names = (f"R.{rvars[0]}",)
            cov = "identity"
        else:
            group = base
            cols = [ds.numeric(v)[sample] for v in rvars]
            names = tuple(rvars)
            if not eq.typed.noconstant:
                cols.append(np.ones(n))
                names += ("_cons",)
            if not cols:
                raise StataError("invalid random-effects specification", 198)
            Z = np.column_stack(cols)
            if cov is None:
                cov = "independent" if len(names) > 1 else "identity"
        if len(names) == 1 and cov in ("independent", "unstructured", "exchangeable"):
            cov = "identity" if cov != "independent" else cov
        level_weights = {kind: _group_constant_weights(eq_weights[kind][sample], kind, group, level)
                         for kind in ("fweight", "pweight") if kind in eq_weights}
        rterms.append(RandomTerm(levelvar=level, group=group, Z=Z, names=names, covariance=cov,
                                 n_groups=int(group.max()) + 1 if n else 0, **level_weights))
    return rterms


def _group_constant_weights(w: np.ndarray, kind: str, group: np.ndarray, level: str) -> np.ndarray:
    """A level's weights, which must be valid and constant within each of its groups (r(407))."""
    check_weights(w, kind)
    _, first = np.unique(group, return_index=True)
    per_group = np.empty(int(group.max()) + 1)
    per_group[group[first]] = w[first]
    if np.any(w != per_group[group]):
        raise StataError(f"{kind}s not constant within {level}", 407)
    return w


def _level(session, opts) -> float:
    return confidence_level(opts, getattr(session, "level", 95.0))


def _vce(session, mc, sample, rterms, has_pw):
    """(vce, cluster codes, cluster variable) from ``vce()`` and pweights."""
    ds = session.data
    v = mc.options.get("vce")
    top = next((t for t in rterms if t.levelvar != "_all"), None)
    if v is None:
        if has_pw:  # pweights: robust, clustered at the highest level
            return "robust", (top.group if top else None), (top.levelvar if top else None)
        return "oim", None, None
    kind, args = vce_option(v, (("oim", 1), ("robust", 1), ("cluster", 2)))
    if kind == "oim" and not args:
        if has_pw:
            raise StataError("vce(oim) not allowed with pweights", 198)
        return "oim", None, None
    if kind == "robust" and not args:
        return "robust", (top.group if top else None), (top.levelvar if top else None)
    if kind == "cluster" and len(args) == 1:
        var = ds.resolve(args[0])
        codes = group_codes(ds, var, sample)
        return "cluster", codes, var
    raise StataError(f"vcetype '{v}' not allowed", 198)


# ====================================================================== fit, display, e()

_VARTYPE = {"identity": "Identity", "independent": "Independent",
            "exchangeable": "Exchangeable", "unstructured": "Unstructured"}


def estimation_results(session, mc: MixedCommand, cmdline: str, spec, design, sample, fit, result):
    """``e()`` after ``mixed`` with Stata's names."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    b, V = fit.e_matrices()
    k = len(b.colnames)
    eqs = [split_eq(c)[0] or spec.depvar for c in b.colnames]
    k_f = sum(1 for e in eqs if e == spec.depvar)
    k_rs = sum(1 for e in eqs if e.startswith("lns") and e != "lnsig_e")
    k_rc = sum(1 for e in eqs if e.startswith("atr"))
    levels = [g.levelvar for g in result.groups]
    scalars = {
        "N": float(result.nobs), "k": float(k), "k_f": float(k_f), "k_r": float(k - k_f),
        "k_rs": float(k_rs), "k_rc": float(k_rc), "ll": float(result.loglik),
        "chi2": float(result.wald_chi2), "df_m": float(result.wald_df), "p": float(result.wald_p),
        "converged": 1.0 if result.converged else 0.0, "level": float(result.level),
        "rank": float(sum(1 for lab in design.labels if not (lab.base or lab.omitted)) + (k - k_f)),
    }
    if result.lr_test is not None:
        scalars["chi2_c"] = float(result.lr_test.chi2)
        scalars["df_c"] = float(result.lr_test.df)
        scalars["p_c"] = float(result.lr_test.p)
    if result.n_clusters is not None:
        scalars["N_clust"] = float(result.n_clusters)
    ivars = " ".join(t.levelvar for t in spec.terms)
    macros = {
        "cmd": "mixed", "cmdline": cmdline, "depvar": spec.depvar, "ivars": ivars,
        "title": f"Mixed-effects {result.method} regression", "method": result.method,
        "vce": spec.vce, "chi2type": "Wald", "properties": "b V",
        "predict": "mixed_p", "estat_cmd": "mixed_estat",
        "redim": " ".join(str(t.Z.shape[1]) for t in spec.terms),
        "vartypes": " ".join(_VARTYPE[t.covariance] for t in spec.terms),
        "revars": " ".join(n for t in spec.terms for n in t.names),
        "optmetric": "matsqrt",
    }
    if spec.vce != "oim":
        macros["vcetype"] = "Robust"
    if spec.cluster_var:
        macros["clustvar"] = spec.cluster_var
    if mc.weight is not None:
        macros["wtype"] = mc.weight.kind
        macros["wexp"] = "= " + mc.weight.exp
    if spec.pwscale:
        macros["pwscale"] = spec.pwscale
    cols = tuple(levels)
    mats = {"b": b, "V": V}
    for key, attr in (("N_g", "n_groups"), ("g_min", "min"), ("g_avg", "avg"), ("g_max", "max")):
        mats[key] = Matrix(np.array([[float(getattr(g, attr)) for g in result.groups]]), ("r1",), cols)
    title = f"Mixed-effects {result.method} regression"
    return EstimationResults(cmd="mixed", scalars=scalars, macros=macros, matrices=mats, result=result,
                             model=fit, sample=sample.copy(), title=title, design=design)


def replay(session, e, *, noheader: bool = False) -> None:
    """Print stored ``mixed`` results again (``estimates replay``)."""
    from mlmcli.render.mixed_display import render_mixed

    session.print(render_mixed(e.result, noheader=noheader, linesize=session.linesize))


def _display_options(opts: dict) -> dict:
    return {k: v for k, v in opts.items() if k in DISPLAY_OPTIONS}


def display_mixed(session, result, opts: dict) -> None:
    """Print the header and tables (``render_mixed``; its text starts with the blank line)."""
    from mlmcli.render.mixed_display import render_mixed

    metric = "est" if opts.get("estmetric") else ("sd" if opts.get("stddeviations") else "variance")
    text = render_mixed(
        result, metric=metric, linesize=session.linesize,
        noheader=bool(opts.get("noheader")), nogroup=bool(opts.get("nogroup")),
        nofetable=bool(opts.get("nofetable")), noretable=bool(opts.get("noretable")),
        nolrtest=bool(opts.get("nolrtest")),
        baselevels=bool(opts.get("baselevels") or opts.get("allbaselevels")),
        cformat=opts.get("cformat"), sformat=opts.get("sformat"), pformat=opts.get("pformat"),
    )
    session.print(text)


def _replay(session, text: str) -> None:
    """``mixed [, display_options]`` with no model: show the last fit again."""
    e = session.e
    if e is None or e.cmd != "mixed" or e.result is None:
        raise StataError("last estimates not found", 301)
    opts = display_options(text)
    bad = [k for k in opts if k not in DISPLAY_OPTIONS and k not in ("nolog", "log")]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    result = e.result
    if "level" in opts and _level(session, opts) != result.level and e.model is not None:
        import dataclasses

        fit = e.model  # recompute the CIs at the new level
        result = dataclasses.replace(fit, spec=dataclasses.replace(fit.spec, level=_level(session, opts))).result()
    display_mixed(session, result, opts)


def cmd_mixed(session, cmd) -> None:
    """``mixed`` / ``xtmixed``: parse, build the spec, fit, print, store e()."""
    text = cmd.args.strip()
    if not text or text.startswith(","):
        return _replay(session, text)
    mc = parse_mixed(text)
    if cmd.name.startswith("xtm"):  # Stata 12's xtmixed: REML and standard deviations by default
        has_pw = (mc.weight is not None and mc.weight.kind == "pweight") or any(e.pweight for e in mc.equations)
        if "mle" not in mc.options and "reml" not in mc.options and not has_pw:
            mc.options["reml"] = True
        if "variance" not in mc.options and "estmetric" not in mc.options:
            mc.options.setdefault("stddeviations", True)
    spec, design, sample = build_spec(session, mc)
    for note in design.notes:
        session.print(note)
    from mlmcli.mixed.fit import fit_mixed
    from mlmcli.render.mixed_display import render_iteration_log

    show_log = not mc.options.get("nolog")
    with np.errstate(all="ignore"):  # boundary fits: numpy's warnings are not Stata output
        fit = fit_mixed(spec)
        result = fit.result()
    if show_log:
        log = render_iteration_log(result, emlog=bool(mc.options.get("emlog")))
        if log:
            session.print(log)
    cmdline = f"{cmd.name} {text}".strip()
    session.e = estimation_results(session, mc, cmdline, spec, design, sample, fit, result)
    display_mixed(session, result, _display_options(mc.options))
    if not result.converged:
        raise StataError("convergence not achieved", 430)
