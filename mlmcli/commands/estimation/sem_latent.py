"""``sem`` with latent variables at the observation level, ``_cons`` paths and constraints
([SEM] sem path notation, [SEM] sem model options): measurement models and latent growth
curves such as ``sem (t1 <- i@1 s@0 _cons@0) (t2 <- i@1 s@1 _cons@0) ..., latent(i s)
means(i s)``.  Fitted by mlmcli/sem/latent_model.py.

Stata's defaults, as [SEM] intro 4 states them: an observed endogenous variable has a free
intercept, a latent endogenous one an intercept fixed at 0 unless ``(L <- _cons)`` is
typed; latent exogenous variables have mean 0 unless means() frees it, free variances and
free covariances among themselves; errors have free variances and covariances 0 unless
covariance(e.a*e.b); a latent variable none of whose paths is constrained has its first
path fixed at 1 (the anchor).  ``@#`` fixes a parameter, ``@name`` sets parameters with the
same name equal.  method(mlmv) sums the likelihood over the patterns of missing values
(the observed exogenous variables complete); vce(robust) is the sandwich of the
observations' scores.  Latent exogenous variables beside observed exogenous ones (whose
covariance mlm does not estimate) and vce(cluster) are refused with r(198); feedback loops
need nothing more (the likelihood is that of the implied moments).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.I)


def wants_latent_sem(body: str, opts: dict) -> bool:
    """A sem model the observed-variable path engine does not take: a latent variable without
    ``[group]`` (a capitalised name or one in latent()), a ``_cons`` path, an ``@``
    constraint, or means()/variance() typed."""
    if any(opts.get(k) for k in ("latent", "means", "variance")):
        return True
    from mlmcli.commands.estimation.sem_syntax import path_groups

    for group in path_groups(body):
        for word in re.split(r"\s+|<-|->", group.partition(",")[0]):
            if word and "[" not in word and (word[0].isupper() or "@" in word or word == "_cons"):
                return True
    return False


def _split_at(word: str):
    """(name, fixed value | constraint name | None)."""
    name, at, what = word.partition("@")
    if not at:
        return name, None
    if not what:
        raise StataError(f"{word}: invalid constraint", 198)
    return name, float(what) if _NUMBER.match(what) else what


class _Builder:
    def __init__(self, resolve, latent_names, caps):
        self.resolve, self.latent_names, self.caps = resolve, latent_names, caps
        self.paths: dict[str, list] = {}  # lhs -> [(rhs, constraint)]
        self.order: list[str] = []

    def is_latent(self, word: str) -> bool:
        return word in self.latent_names or (self.caps and word[0].isupper())

    def name(self, word: str) -> str:
        if word == "_cons":
            return word
        if "." in word or "#" in word or "[" in word:
            raise StataError(f"{word}: factor variables and multilevel latent variables are not available in"
                             " mlm's sem with latent variables", 198)
        return word if self.is_latent(word) else self.resolve(word)

    def add(self, group: str) -> None:
        inner, _, popts = group.partition(",")
        if popts.strip():
            raise StataError(f"option {popts.strip()} not allowed", 198)
        tokens = re.split(r"\s*(<-|->)\s*", inner.strip())
        if len(tokens) != 3:
            raise StataError("invalid path specification", 198)
        left, arrow, right = tokens[0].split(), tokens[1], tokens[2].split()
        if arrow == "->":
            left, right = right, left
        if not left or not right:
            raise StataError("invalid path specification", 198)
        for y in left:
            ycon = _split_at(y)
            if ycon[1] is not None or ycon[0] == "_cons":
                raise StataError(f"{y}: invalid response", 198)
            lhs = self.name(ycon[0])
            items = self.paths.setdefault(lhs, [])
            if lhs not in self.order:
                self.order.append(lhs)
            for x in right:
                name, con = _split_at(x)
                rhs = self.name(name)
                if rhs == lhs:
                    raise StataError(f"{lhs} cannot be a path to itself", 198)
                items[:] = [item for item in items if item[0] != rhs] + [(rhs, con)]


def _variable_items(text: str, kind: str) -> list:
    out = []
    for item in str(text or "").split():
        name, con = _split_at(item)
        out.append((name, con))
    return out


def build_spec(body: str, opts: dict, resolve, caps: bool):
    """(RAMSpec, the display plan): every e(b) element (name, entry key or fixed value),
    the equations with their sections, the variable lists."""
    from mlmcli.commands.estimation.sem_syntax import path_groups
    from mlmcli.sem.latent_model import RAMSpec

    latent_names = frozenset(str(opts.get("latent") or "").split())
    builder = _Builder(resolve, latent_names, caps)
    for group in path_groups(body):
        builder.add(group)
    endo = builder.order
    rhs_all = [x for y in endo for x, _ in builder.paths[y] if x != "_cons"]
    names_seen = list(dict.fromkeys(endo + rhs_all))
    latent = [v for v in names_seen if builder.is_latent(v)]
    observed = [v for v in names_seen if v not in latent]
    obs_endo = [v for v in endo if v in observed]
    lat_endo = [v for v in endo if v in latent]
    obs_exo = [v for v in observed if v not in endo]
    lat_exo = [v for v in latent if v not in endo]
    for name in latent_names:
        if name not in latent:
            raise StataError(f"latent variable {name} not found in the paths", 198)
    if lat_exo and obs_exo:
        raise StataError("latent exogenous variables beside observed exogenous variables are not available in"
                         " mlm's sem", 198)
    measured = [y for y in obs_endo if any(x in latent for x, _ in builder.paths[y])]
    variables = obs_endo + obs_exo + lat_endo + lat_exo
    index = {v: k for k, v in enumerate(variables)}
    spec = RAMSpec(names=variables, n_observed=len(obs_endo) + len(obs_exo))
    elements: list[tuple[str, object]] = []  # (e(b) name, key or fixed float)

    def entry(kind, i, j, bname, con):
        key = con if isinstance(con, float) else (f"@{con}" if con is not None else bname)
        if not isinstance(key, float):
            spec.param(key)
        spec.entries.append((kind, index[i], index[j] if j is not None else 0, key))
        elements.append((bname, key))

    # the anchor: a latent variable none of whose paths or variance is fixed
    var_items = {n: c for n, c in _variable_items(opts.get("variance"), "variance")}
    anchors = set()
    for lat in latent:
        outgoing = [(y, con) for y in endo for x, con in builder.paths[y] if x == lat]
        fixed = any(isinstance(con, float) for _, con in outgoing) or isinstance(var_items.get(lat), float)
        if outgoing and not fixed:
            anchors.add((outgoing[0][0], lat))
    equations = []
    ordered = [y for y in endo if y not in measured] + measured
    for y in ordered:
        rows = []
        for x, con in builder.paths[y]:
            if x == "_cons":
                continue
            if (y, x) in anchors and con is None:
                con = 1.0
            entry("A", y, x, f"{y}:{x}", con)
            rows.append(f"{y}:{x}")
        cons = [con for x, con in builder.paths[y] if x == "_cons"]
        if cons or (y in observed and not opts.get("noconstant")):
            entry("alpha", y, None, f"{y}:_cons", cons[0] if cons else None)
            rows.append(f"{y}:_cons")
        else:  # noconstant (observed), or a latent endogenous variable: no intercept term
            spec.entries.append(("alpha", index[y], 0, 0.0))
        equations.append((y, "Measurement" if y in measured else "Structural"))
    mean_items = dict(_variable_items(opts.get("means"), "means"))
    for name in mean_items:
        if name not in lat_exo:
            raise StataError(f"means({name}): mlm estimates the means of latent exogenous variables only", 198)
    for lat in lat_exo:
        if lat in mean_items:
            entry("alpha", lat, None, f"mean({lat}):_cons", mean_items[lat])
    for name in var_items:
        target = name[2:] if name.startswith("e.") else name
        if target not in (endo if name.startswith("e.") else lat_exo):
            raise StataError(f"variance({name}): no such exogenous variable or error", 198)
    for y in obs_endo + lat_endo:
        entry("S", y, y, f"var(e.{y}):_cons", var_items.get(f"e.{y}"))
    for lat in lat_exo:
        entry("S", lat, lat, f"var({lat}):_cons", var_items.get(lat))
    cov_typed = {}
    for spec_text in opts.get("covariance") or []:
        for item in str(spec_text).split():
            pair, con = _split_at(item)
            a, star, b = pair.partition("*")
            if not star or not a or not b:
                raise StataError(f"covariance({item}) invalid", 198)
            for term in (a, b):
                bare = term[2:] if term.startswith("e.") else term
                if bare not in (endo if term.startswith("e.") else lat_exo):
                    raise StataError(f"covariance({item}): {term} is no exogenous variable or error", 198)
            cov_typed[(a, b)] = con
    pairs = [(a, b) for k, a in enumerate(lat_exo) for b in lat_exo[k + 1:]]
    for (a, b), con in cov_typed.items():
        i, j = (a[2:] if a.startswith("e.") else a), (b[2:] if b.startswith("e.") else b)
        entry("S", i, j, f"cov({a},{b}):_cons", con)
    for a, b in pairs:
        if (a, b) not in cov_typed and (b, a) not in cov_typed:
            entry("S", a, b, f"cov({a},{b}):_cons", None)
    lists = [("Endogenous variables", [("Measurement", measured), ("Observed", [v for v in obs_endo
                                                                               if v not in measured]),
                                       ("Latent", lat_endo)]),
             ("Exogenous variables", [("Observed", obs_exo), ("Latent", lat_exo)])]
    return spec, elements, equations, lists, obs_endo + obs_exo


def start_values(spec, elements, data: np.ndarray) -> np.ndarray:
    """Loadings 1, other paths 0, intercepts the sample means, error variances half the
    sample variances, latent variances a tenth of the observed endogenous variables' mean
    variance, means and covariances 0."""
    theta = np.zeros(len(spec.keys))
    p = spec.n_observed
    var = np.nanvar(data, axis=0)  # method(mlmv): the values there are
    mean = np.nanmean(data, axis=0)
    scale = float(np.mean(var)) if len(var) else 1.0
    for kind, i, j, key in spec.entries:
        if isinstance(key, float):
            continue
        k = spec.keys.index(key)
        if kind == "A":
            theta[k] = 1.0 if j >= p and i < p else 0.0
        elif kind == "alpha":
            theta[k] = mean[i] if i < p else 0.0
        elif i == j:
            theta[k] = 0.5 * var[i] if i < p else 0.1 * scale
    return theta


def _constraint_texts(elements, first_of) -> list[str]:
    """sem's constraint list: fixed parameters ``[t1]i = 1``, then tied ones
    ``[var(e.t1)]_cons - [var(e.t2)]_cons = 0``, in e(b) order."""
    def bracket(bname):
        eq, _, name = bname.rpartition(":")
        return f"[{eq}]{name}"

    out = []
    for bname, key in elements:
        if isinstance(key, float):
            out.append(f"{bracket(bname)} = {key:g}")
        elif first_of[key] != bname:
            out.append(f"{bracket(first_of[key])} - {bracket(bname)} = 0")
    return out


def fit_latent_sem(session, cmdline: str, body: str, opts: dict, cond, level: float, vce: str) -> None:
    """Fit, post e() and print the table of a sem with latent variables (cmd_sem's branch)."""
    from mlmcli.commands.data.common import if_in_command, mark
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.ast import Command
    from mlmcli import distributions as stats
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.sem_display import render_sem
    from mlmcli.sem.fit import SEMFit, variance_rank
    from mlmcli.sem.latent_model import fit, patterns, saturated_loglik, scores
    from mlmcli.sem.path_model import PathModel

    if vce not in ("oim", "robust"):
        raise StataError(f"vce({vce}) is not available for mlm's sem with latent variables", 198)
    mlmv = str(opts.get("method") or "ml").strip().lower() == "mlmv"
    ds = session.data
    spec, elements, equations, lists, observed = build_spec(body, opts, ds.resolve, not opts.get("nocapslatent"))
    for v in observed:
        if ds.is_string(v):
            raise StataError("string variables not allowed in varlist;", 109)
    n_endo = sum(1 for kind, i, j, key in spec.entries if kind == "S" and i == j and i < spec.n_observed)
    exo_names = observed[n_endo:]
    base = if_in_command(cond) if cond else Command(name="count")
    sample = mark(session, base, exo_names if mlmv else observed)
    values = np.column_stack([ds.df[v].to_numpy(dtype=float) for v in observed])
    if mlmv:  # every observation with at least one of the variables (the exogenous ones complete)
        sample &= ~np.all(np.isnan(values), axis=1)
    n = int(sample.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    data = values[sample]
    pats = patterns(data)
    if mlmv and any(np.all(np.isnan(data[:, k])) for k in range(data.shape[1])):
        raise StataError("no observations", 2000)
    exo = range(n_endo, spec.n_observed)
    mean = data.mean(axis=0)
    cov = np.atleast_2d(np.cov(data, rowvar=False, bias=True)) if len(exo) else None
    for i in exo:  # observed exogenous variables: their sample moments (ML)
        spec.entries.append(("alpha", i, 0, float(mean[i])))
        for j in exo:
            if j >= i:
                spec.entries.append(("S", i, j, float(cov[i, j])))
    iterate = None
    if opts.get("iterate") is not None:
        from mlmcli.syntax.options import integer_option

        iterate = integer_option(opts, "iterate", None, minimum=0)
    result = fit(spec, start_values(spec, elements, data), pats, iterate=300 if iterate is None else iterate)
    first_of: dict = {}
    for bname, key in elements:
        if not isinstance(key, float):
            first_of.setdefault(key, bname)
    names = [bname for bname, _ in elements]
    J = np.zeros((len(names), len(spec.keys)))
    b = np.zeros(len(names))
    for r, (bname, key) in enumerate(elements):
        if isinstance(key, float):
            b[r] = key
        else:
            J[r, spec.keys.index(key)] = 1.0
            b[r] = result.theta[spec.keys.index(key)]
    V_free = result.V
    if vce == "robust":
        from mlmcli.sem.fit import sandwich

        V_free = sandwich(result.V, scores(spec, result.theta, data, pats))
    V = J @ V_free @ J.T
    constrained = frozenset(r for r, (_, key) in enumerate(elements) if isinstance(key, float))
    variances = frozenset(r for r, nm in enumerate(names) if nm.startswith("var("))
    p, px = spec.n_observed, spec.n_observed - n_endo
    free = len(spec.keys) + px + px * (px + 1) // 2
    df = p * (p + 3) // 2 - free
    chi2 = max(2.0 * (saturated_loglik(data, pats) - result.loglik), 0.0) if df > 0 else 0.0
    lr = (chi2, df, float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan"))
    model = PathModel(())
    semfit = SEMFit("sem", model, tuple(names), b, V, result.loglik, n, level, result.iterations,
                    constrained=constrained, variances=variances, lr_saturated=lr, nolog=bool(opts.get("nolog")),
                    vce=vce,
                    converged=result.converged, limit_reached=iterate is not None and not result.converged,
                    extra={"sections": tuple(equations), "variable_lists": tuple(lists),
                           "constraints": tuple(_constraint_texts(elements, first_of)),
                           "observed": tuple(observed), "method": "mlmv" if mlmv else "ml",
                           "ram": (spec, result.theta),
                           "latent": tuple(v for v in spec.names[spec.n_observed:])})
    from mlmcli.results.matrix import Matrix

    scalars = {"N": float(n), "ll": result.loglik, "k": float(len(spec.keys)), "rank": variance_rank(V),
               "k_dv": float(n_endo), "converged": 1.0 if result.converged else 0.0,
               "chi2_ms": chi2, "df_ms": float(df), "p_ms": lr[2]}
    macros = {"cmd": "sem", "cmdline": cmdline, "title": "Structural equation model", "vce": vce,
              "method": "mlmv" if mlmv else "ml", "properties": "b V",
              "depvar": " ".join(nm for nm, section in equations),
              "marginsnotok": "XBLATent1(passthru) XBLATent LATent1(passthru) LATent SCores xb"}
    if vce == "robust":
        macros["vcetype"] = "Robust"
    e = EstimationResults(cmd="sem", scalars=scalars, macros=macros,
                          matrices={"b": Matrix(b[None, :].copy(), ("y1",), tuple(names)),
                                    "V": Matrix(V.copy(), tuple(names), tuple(names))},
                          result=semfit.result(), model=semfit, sample=sample)
    e.stamp_sample(session.data)
    session.e = e
    from mlmcli.commands.estimation.common import display_formats_with_notes

    session.print(render_sem(e.result, **display_formats_with_notes(session, opts)))
    finish(session, e, converged=result.converged, at_limit=iterate is not None and not result.converged,
           iterate_typed=iterate is not None)
