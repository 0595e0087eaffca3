"""``mixed`` (and ``xtmixed``): ``MixedCommand`` -> ``MixedSpec`` -> fit -> e() and display.

The syntax layer (``parse_mixed``, option tables) is ``mixed_syntax``; this module
marks the sample, builds the engine's input, stores e() and prints (and replays).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.estimation.mixed_syntax import DISPLAY_OPTIONS, MixedCommand, display_options, parse_mixed
from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import split_eq
from mlmcli.syntax.options import choice_option, confidence_level, number_option, vce_option


# ====================================================================== sample and spec

def _group_codes(dataset, var: str, rows: np.ndarray) -> np.ndarray:
    """0..G-1 codes of ``var`` on ``rows`` in sorted order of its values (strings allowed)."""
    if dataset.is_string(var):
        vals = dataset.column(var).to_numpy()[rows].astype(str)
    else:
        vals = dataset.numeric(var)[rows]
    _, codes = np.unique(vals, return_inverse=True)
    return codes.astype(np.int64)


def _nest(outer: np.ndarray | None, inner: np.ndarray) -> np.ndarray:
    """Codes of the (outer, inner) combinations, sorted by outer then inner."""
    if outer is None:
        return inner
    key = outer.astype(np.int64) * (int(inner.max()) + 1 if inner.size else 1) + inner
    _, codes = np.unique(key, return_inverse=True)
    return codes.astype(np.int64)


def _is_varname(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text.strip()) is not None


def evaluate_weight(session, exp: str) -> np.ndarray:
    """A weight expression over every row (NaN = missing)."""
    ds = session.data
    if _is_varname(exp):
        return ds.numeric(exp.strip())
    from mlmcli.expr import evaluate

    val = evaluate(session, exp)
    arr = np.asarray(val, dtype=float)
    return np.full(ds.nobs, float(arr)) if arr.ndim == 0 else arr


def weight_vars(dataset, exp: str | None) -> list[str]:
    """Variables named in a weight expression (for listwise deletion)."""
    if not exp:
        return []
    names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", exp)
    return [n for n in names if n in dataset.df.columns]


def mark_sample(session, mc: MixedCommand, varnames: list[str]) -> np.ndarray:
    """Estimation sample: if/in/by, and no missing value in any variable the model uses."""
    from mlmcli.sample import mark_sample as _mark

    cmd = Command(name="mixed", if_exp=mc.if_exp, in_range=mc.in_range, weight=mc.weight)
    return np.asarray(_mark(session, cmd, varnames), dtype=bool)


def _check_weights(w: np.ndarray, kind: str) -> None:
    if np.any(w < 0):
        raise StataError("negative weights encountered", 402)
    if kind == "fweight" and np.any(w != np.floor(w)):
        raise StataError("may not use noninteger frequency weights", 401)


def build_spec(session, mc: MixedCommand):
    """The engine's input (``MixedSpec``), the fixed design and the sample mask."""
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.mixed.spec import MixedSpec, RandomTerm

    ds = session.data
    depvar = ds.resolve(mc.depvar)  # a string variable empties the sample (marksample): r(2000)
    terms = parse_terms(ds, mc.fixed) if mc.fixed.strip() else []
    used = [depvar] + term_variables(terms)
    eq_info = []
    for eq in mc.equations:
        level = "_all" if eq.levelvar == "_all" else ds.resolve(eq.levelvar)
        if eq.factor_var is not None:
            rvars = [ds.resolve(eq.factor_var)]
        else:
            toks = eq.varlist.split()
            if any("." in t or "#" in t for t in toks):
                raise StataError("factor variables not allowed in random-effects equations", 101)
            rvars = ds.expand_varlist(toks, allow_empty=True)
        eq_info.append((eq, level, rvars))
        used += ([level] if level != "_all" else []) + rvars
        used += weight_vars(ds, eq.fweight) + weight_vars(ds, eq.pweight)
    if mc.weight is not None:
        if mc.weight.kind not in ("fweight", "pweight"):
            raise StataError(f"{mc.weight.kind}s not allowed", 101)
        used += weight_vars(ds, mc.weight.exp)
    vce_words = str(mc.options.get("vce", "")).split()
    if len(vce_words) == 2:  # vce(cluster var): var must be non-missing too
        used.append(ds.resolve(vce_words[1]))
    used = list(dict.fromkeys(used))
    # numeric check before marking (strings are allowed only as level ids)
    level_vars = {lv for _, lv, _ in eq_info} | {rv[0] for eq, _, rv in eq_info if eq.factor_var}
    sample_vars = [v for v in used if not (v in level_vars and ds.is_string(v))]
    sample = mark_sample(session, mc, sample_vars)
    for v in used:
        if v in level_vars and ds.is_string(v):
            sample &= ds.column(v).fillna("").astype(str).to_numpy() != ""

    reml = bool(mc.options.get("reml"))
    weights = {}
    if mc.weight is not None:
        w = evaluate_weight(session, mc.weight.exp)
        sample &= ~np.isnan(w)
        weights[mc.weight.kind] = w
    for eq, _, _ in eq_info:
        for kind, exp in (("fweight", eq.fweight), ("pweight", eq.pweight)):
            if exp:
                w = evaluate_weight(session, exp)
                sample &= ~np.isnan(w)
                weights[(eq, kind)] = w
    for key, w in weights.items():  # zero weights leave the sample
        sample &= w != 0
    has_pw = "pweight" in weights or any(k[1] == "pweight" for k in weights if isinstance(k, tuple))
    has_fw = "fweight" in weights or any(k[1] == "fweight" for k in weights if isinstance(k, tuple))
    if has_pw and has_fw:
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
    rterms = []
    outer = None
    for eq, level, rvars in eq_info:
        cov = eq.covariance
        if level == "_all":
            base = np.zeros(n, dtype=np.int64)
        else:
            base = _nest(outer, _group_codes(ds, level, sample))
            outer = base
        if eq.factor_var is not None:
            group = _nest(base if level != "_all" else None, _group_codes(ds, rvars[0], sample))
            Z = np.ones((n, 1))
            names = (f"R.{rvars[0]}",)
            cov = "identity"
        else:
            group = base
            cols = [ds.numeric(v)[sample] for v in rvars]
            names = tuple(rvars)
            if not eq.noconstant:
                cols.append(np.ones(n))
                names += ("_cons",)
            if not cols:
                raise StataError("invalid random-effects specification", 198)
            Z = np.column_stack(cols)
            if cov is None:
                cov = "independent" if len(names) > 1 else "identity"
        if len(names) == 1 and cov in ("independent", "unstructured", "exchangeable"):
            cov = "identity" if cov != "independent" else cov
        kw = {}
        for kind in ("fweight", "pweight"):
            if (eq, kind) in weights:
                w = weights[(eq, kind)][sample]
                _check_weights(w, kind)
                _, first = np.unique(group, return_index=True)
                per_group = np.empty(int(group.max()) + 1)
                per_group[group[first]] = w[first]
                if np.any(w != per_group[group]):
                    raise StataError(f"{kind}s not constant within {level}", 407)
                kw[kind] = w
        rterms.append(RandomTerm(levelvar=level, group=group, Z=Z, names=names, covariance=cov,
                                 n_groups=int(group.max()) + 1 if n else 0, **kw))
    fw = pw = None
    if "fweight" in weights:
        fw = weights["fweight"][sample]
        _check_weights(fw, "fweight")
    if "pweight" in weights:
        pw = weights["pweight"][sample]
        _check_weights(pw, "pweight")
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
        codes = _group_codes(ds, var, sample)
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
