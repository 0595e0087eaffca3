"""``sem`` with single-level latent variables ([SEM] sem, [SEM] intro 5: measurement models,
CFA, structural paths among latent and observed variables): ``(F -> x1 x2 x3)``,
``(F2 <- F1 z)``, constraints ``x2@c1`` / ``x1@1``, ``covariance(e.x1*e.x2 F1*F2@0)``,
``variance(F@1 e.x1@c2)``, ``covstructure(_LEx|e._En|varlist, diagonal|unstructured|identity|
exchangeable|zero)``, ``means(F)`` (latent exogenous means), ``noconstant``, ``latent()``/
``nocapslatent``, ``standardized``, ``method(ml|mlmv)``, ``vce(oim|robust|cluster v)``.
A name is latent when capitalised (unless nocapslatent) or listed in latent().  The model is
fitted by mlmcli/sem/latent_fit.py; anything mlm does not fit is refused with r(198)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sem.latent_spec import LatentSpec, Path
from mlmcli.sem.fit import variance_rank
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, resolve_options

OPTIONS = [OptionSpec("vce", 3, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
           OptionSpec("level", 3, takes_arg=True), OptionSpec("method", 4, takes_arg=True),
           OptionSpec("covariance", 3, takes_arg=True, repeatable=True),
           OptionSpec("variance", 3, takes_arg=True, repeatable=True),
           OptionSpec("covstructure", 6, takes_arg=True, repeatable=True),
           OptionSpec("latent", 3, takes_arg=True), OptionSpec("nocapslatent", 6),
           OptionSpec("standardized", 5), OptionSpec("iterate", 4, takes_arg=True),
           OptionSpec("means", 4, takes_arg=True, repeatable=True), OptionSpec("noconstant", 6),
           OptionSpec("robust", 3), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("noxconditional", 7),
           OptionSpec("group", 2, takes_arg=True), OptionSpec("ginvariant", 3, takes_arg=True),
           *(OptionSpec(name, 7, takes_arg=True) for name in ("cformat", "pformat", "sformat"))]
_REFUSED = {"allmissing": 9, "noanchor": 8,
            "forcenoanchor": 13, "reliability": 5, "constraints": 6, "from": 4}
_ARROW = re.compile(r"\s*(<-|->)\s*")


def _is_latent_name(word: str, latent_names, caps: bool) -> bool:
    name = word.split("@")[0]
    if name.startswith("e."):
        name = name[2:]
    return bool(re.fullmatch(r"[^\W\d]\w*", name)) and ((caps and name[0].isupper()) or name in latent_names)


def wants_latent(body: str, options) -> bool:
    """Does sem's body name a single-level latent variable (capitalised, or in latent())?"""
    from mlmcli.syntax.abbreviation import abbreviates

    caps = True
    for o in options:
        if abbreviates(o.name, "latent", 3) and o.arg is not None:
            return True  # latent() names them
        if abbreviates(o.name, "nocapslatent", 6):
            caps = False
    words = re.split(r"[\s()]+|<-|->", body.split(" if ")[0].split(" in ")[0])
    return any(w and "[" not in w and _is_latent_name(w, (), caps) for w in words)


def _constraint(word: str):
    """``name@value`` / ``name@label`` -> (name, fixed, label)."""
    name, at, what = word.partition("@")
    if not at:
        return name, None, None
    if not what:
        raise StataError(f"{word}: invalid constraint", 198)
    try:
        return name, float(what), None
    except ValueError:
        if not re.fullmatch(r"[A-Za-z_]\w*", what):
            raise StataError(f"{word}: invalid constraint", 198) from None
        return name, None, what


class _Names:
    """Observed and latent names in order of first appearance."""

    def __init__(self, ds, latent_names, caps):
        self.ds, self.latent_names, self.caps = ds, latent_names, caps
        self.observed: list[str] = []
        self.latent: list[str] = []
        self.noconstant: set[str] = set()  # dependent variables of paths typed with , noconstant
        self.intercepts: dict = {}  # (y <- _cons@v): y -> (fixed, label)
        self.path_options: dict[str, list[str]] = {}  # variance()/covariance()/means() typed in a path

    def side(self, words: list[str]) -> list[tuple[str, float | None, str | None]]:
        out = []
        for w in words:
            if "[" in w:
                raise StataError(f"{w}: multilevel latent variables are allowed only with gsem", 198)
            name, fixed, label = _constraint(w)
            if name == "_cons":  # the intercept of the other side's variables
                out.append((name, fixed, label))
                continue
            if "." in name or "#" in name:
                raise StataError(f"{name}: factor variables and time-series operators are not available in"
                                 " mlm's sem", 198)
            if _is_latent_name(name, self.latent_names, self.caps):
                if name not in self.latent:
                    self.latent.append(name)
                out.append((name, fixed, label))
                continue
            for v in self.ds.expand_varlist(name):
                if v not in self.observed:
                    self.observed.append(v)
                out.append((v, fixed, label))
        return out

    def variable(self, word: str) -> str:
        """A name in covariance()/variance(): ``e.x``, a latent or an observed variable."""
        err = word.startswith("e.")
        name = word[2:] if err else word
        if _is_latent_name(name, self.latent_names, self.caps):
            if name not in self.latent:
                raise StataError(f"{name}: latent variable not found in the paths", 198)
        else:
            name = self.ds.resolve(name)
            if name not in self.observed:
                raise StataError(f"{name}: variable not in the model", 198)
        return ("e." if err else "") + name


def parse_paths(body: str, ds, latent_names, caps, names: _Names | None = None) -> tuple[list[Path], _Names]:
    """``names``: the names found so far (group() parses each group's paths into one list)."""
    from mlmcli.commands.estimation.sem_syntax import path_groups

    names = names or _Names(ds, latent_names, caps)
    paths: list[Path] = []
    seen = set()
    for group in path_groups(body):
        group, comma, popts = group.partition(",")
        nocons = _path_options(popts, names) if comma else False
        tokens = _ARROW.split(group.strip())
        if len(tokens) != 3 or not tokens[0].split() or not tokens[2].split():
            raise StataError("invalid path specification" if len(tokens) < 3 else
                             "paths with more than one arrow are not available in mlm", 198)
        left, right = names.side(tokens[0].split()), names.side(tokens[2].split())
        deps, srcs = (right, left) if tokens[1] == "->" else (left, right)
        if any(dep == "_cons" for dep, _, _ in deps):
            raise StataError("_cons may not be an endogenous variable", 198)
        if nocons:
            names.noconstant |= {dep for dep, _, _ in deps}
        for dep, dfix, dlab in deps:
            for src, sfix, slab in srcs:
                if src == "_cons":
                    if nocons:
                        raise StataError(f"{dep}: _cons and noconstant may not be combined", 198)
                    names.intercepts[dep] = (sfix, slab) if sfix is not None or slab is not None else (dfix, dlab)
                    continue
                if dep == src:
                    raise StataError(f"{dep} cannot be a path to itself", 198)
                if (dep, src) in seen:
                    continue
                seen.add((dep, src))
                fixed = dfix if dfix is not None else sfix
                label = dlab if dlab is not None else slab
                paths.append(Path(dep, src, fixed, label))
    return paths, names


_PATH_OPTIONS = [OptionSpec("noconstant", 6), OptionSpec("variance", 3, takes_arg=True, repeatable=True),
                 OptionSpec("covariance", 3, takes_arg=True, repeatable=True),
                 OptionSpec("means", 4, takes_arg=True, repeatable=True)]


def _path_options(text: str, names: _Names) -> bool:
    """``(y <- x, noconstant var(e.y@c) cov(...) means(...))``: the options of sem typed inside a
    path ([SEM] sem and gsem path notation); the model options gather them.  -> noconstant typed."""
    from mlmcli.syntax.options import read_options

    opts = resolve_options(read_options(text), _PATH_OPTIONS)
    for key in ("variance", "covariance", "means"):
        names.path_options.setdefault(key, []).extend(opts.get(key) or [])
    return bool(opts.get("noconstant"))


def _pairs(spec: LatentSpec, names: _Names, items: list[str]) -> None:
    for text in items:
        for item in text.split():
            pair, fixed, label = _constraint(item)
            parts = pair.split("*")
            if len(parts) != 2:
                raise StataError(f"covariance({item}): invalid; type cov(a*b)", 198)
            a, b = (names.variable(x) for x in parts)
            if a == b:
                spec.variances[a] = (fixed, label)
            else:
                spec.covariances[(a, b)] = (fixed, label)


def _variances(spec: LatentSpec, names: _Names, items: list[str]) -> None:
    for text in items:
        for item in text.split():
            name, fixed, label = _constraint(item)
            spec.variances[names.variable(name)] = (fixed, label)


def _means(spec: LatentSpec, names: _Names, items: list[str], endogenous: set) -> None:
    """means(F [F2@0 ...]): the means of latent exogenous variables estimated or fixed."""
    for text in items:
        for item in text.split():
            name, fixed, label = _constraint(item)
            v = names.variable(name)
            if v not in names.latent or v in endogenous:
                raise StataError(f"means({item}): mlm estimates the means of latent exogenous variables only", 198)
            spec.means[v] = (fixed, label)


def _covstructure(spec: LatentSpec, names: _Names, items: list[str], endogenous: set) -> None:
    """covstructure(variables, structure): the exogenous variables' or the errors' structure."""
    for text in items:
        what, comma, structure = text.partition(",")
        structure = structure.strip().lower()
        words = what.split()
        if not comma or not words:
            raise StataError("covstructure(): invalid specification", 198)
        lat_exo = [v for v in names.latent if v not in endogenous]
        obs_exo = [v for v in names.observed if v not in endogenous]
        errs = [v for v in names.observed + names.latent if v in endogenous]
        if words == ["_LEx"]:
            members = lat_exo
        elif words == ["_Ex"]:
            members = obs_exo + lat_exo
        elif words == ["_OEx"]:
            members = obs_exo
        elif words[0] in ("e._En", "e._OEn", "e._LEn") and len(words) == 1:
            pick = {"e._En": errs, "e._OEn": [v for v in errs if v in names.observed],
                    "e._LEn": [v for v in errs if v in names.latent]}[words[0]]
            members = [f"e.{v}" for v in pick]
        else:
            members = [names.variable(w) for w in words]
        is_err = [m.startswith("e.") for m in members]
        if any(is_err) and not all(is_err):
            raise StataError("covstructure(): errors and variables may not be combined", 198)
        for m in members:
            if not is_err[0] and m not in obs_exo + lat_exo:
                raise StataError(f"covstructure(): {m} is not exogenous", 198)
        tag = f"_cs{len(spec.exogenous_structure)}_{abs(hash(text)) % 10**6}"
        var_entry = {"diagonal": None, "independent": None, "unstructured": None, "identity": (None, tag + "v"),
                     "exchangeable": (None, tag + "v"), "zero": (0.0, None)}
        cov_entry = {"diagonal": (0.0, None), "independent": (0.0, None), "unstructured": (None, None),
                     "identity": (0.0, None), "exchangeable": (None, tag + "c"), "zero": (0.0, None)}
        full = next((k for k in var_entry if len(structure) >= 3 and k.startswith(structure)), None)
        if full is None:
            raise StataError(f"covstructure(): structure {structure} not available in mlm; diagonal,"
                             " unstructured, identity, exchangeable or zero", 198)
        for i, a in enumerate(members):
            if var_entry[full] is not None:
                (spec.variances if is_err[0] else spec.exogenous_structure)[a] = var_entry[full]
            for b in members[i + 1:]:
                if is_err[0]:
                    if cov_entry[full] != (0.0, None):
                        spec.covariances[(a, b)] = cov_entry[full]
                else:
                    spec.exogenous_structure[frozenset((a, b))] = cov_entry[full]


def check_names(ds, names: _Names, latent_names, need_latent: bool = True) -> None:
    for name in latent_names:
        if name not in names.latent:
            raise StataError(f"latent variable {name} not found in the paths", 198)
    if need_latent and not names.latent:
        raise StataError("no latent variables in the paths", 198)
    for v in names.observed:
        if ds.is_string(v):
            raise StataError("string variables not allowed in varlist;", 109)


def build_spec(paths: list[Path], names: _Names, opts: dict, intercepts: dict) -> LatentSpec:
    """The LatentSpec of the paths and the model options (covariance(), variance(), means(),
    covstructure(), noconstant, noxconditional) typed in ``opts`` and inside the paths."""
    spec = LatentSpec(paths, names.observed, names.latent, intercepts=dict(intercepts))
    endogenous = {p.dep for p in paths}
    typed = {key: (opts.get(key) or []) + names.path_options.get(key, [])
             for key in ("covariance", "variance", "means")}
    _pairs(spec, names, typed["covariance"])
    _variances(spec, names, typed["variance"])
    _covstructure(spec, names, opts.get("covstructure") or [], endogenous)
    _means(spec, names, typed["means"], endogenous)
    spec.constant = not opts.get("noconstant")
    spec.noconstant = frozenset(names.noconstant)
    spec.xconditional = not opts.get("noxconditional")
    return spec


def _refuse_options(options) -> None:
    from mlmcli.syntax.abbreviation import abbreviates

    for o in options:
        for name, least in _REFUSED.items():
            if abbreviates(o.name, name, least):
                raise StataError(f"option {o.name}() not available in mlm's sem with latent variables"
                                 if o.arg is not None else
                                 f"option {o.name} not available in mlm's sem with latent variables", 198)


def cmd_sem_latent(session, text: str, body: str, options, cond: str, group_handler=None) -> None:
    from mlmcli.commands.data.common import if_in_command, mark
    from mlmcli.commands.estimation.common import display_formats
    from mlmcli.ast import Command
    from mlmcli.sem.latent_estimate import estimate_latent

    _refuse_options(options)
    opts = resolve_options(options, OPTIONS)
    display_formats(opts)
    method = str(opts.get("method") or "ml").strip().lower()
    if method not in ("ml", "mlmv"):
        raise StataError(f"method({method}) not available in mlm's sem with latent variables; method(ml) or"
                         " method(mlmv)", 198)
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce

    vce, clustvar = sandwich_vce(session.data, opts, "oim")
    if vce not in ("oim", "robust", "cluster"):
        raise StataError(f"vce({vce}) not available in mlm's sem with latent variables; vce(oim), vce(robust)"
                         " or vce(cluster clustvar)", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    ds = session.data
    latent_names = frozenset(str(opts.get("latent") or "").split())
    if opts.get("ginvariant") is not None and opts.get("group") is None:
        raise StataError("option ginvariant() requires option group()", 198)
    if opts.get("group") is not None:  # sem_group.cmd_sem_group, handed in by sem.py (it imports this module)
        return group_handler(session, text, body, opts, cond, method=method, vce=vce, clustvar=clustvar,
                             level=level, latent_names=latent_names)
    paths, names = parse_paths(body, ds, latent_names, not opts.get("nocapslatent"))
    check_names(ds, names, latent_names)
    spec = build_spec(paths, names, opts, names.intercepts)
    # ml: complete observations; mlmv: every observation with at least one observed variable
    sample = mark(session, if_in_command(cond) if cond else Command(name="count"),
                  (names.observed if method == "ml" else []) + ([clustvar] if clustvar else []), strok=True)
    if method == "mlmv":
        sample &= np.column_stack([np.isfinite(ds.df[v].to_numpy(dtype=float)) for v in names.observed]).any(axis=1)
    if not sample.any():
        raise StataError("no observations", 2000)
    Y = np.column_stack([ds.df[v].to_numpy(dtype=float)[sample] for v in names.observed])
    if method == "mlmv" and not np.isfinite(Y).any(axis=0).all():  # a variable never observed: no
        raise StataError("no observations", 2000)                  # moments for it (ml's listwise r(2000))
    iterate = integer_option(opts, "iterate", None, minimum=0) if opts.get("iterate") is not None else None
    fit = estimate_latent(spec, Y, level=level, nolog=bool(opts.get("nolog")), iterate=iterate,
                          standardized=bool(opts.get("standardized")), mlmv=method == "mlmv", vce=vce,
                          clustvar=clustvar, cluster=group_codes(ds, clustvar, sample) if clustvar else None)
    post_sem(session, text, opts, fit, sample, method=method, vce=vce, clustvar=clustvar, iterate=iterate)


def post_sem(session, text: str, opts: dict, fit, sample, *, method: str, vce: str, clustvar: str | None,
             iterate: int | None, scalars_extra: dict | None = None, macros_extra: dict | None = None,
             matrices_extra: dict | None = None) -> None:
    """e() of the fit (sem's stored results), then its output and convergence notes."""
    from mlmcli.estimation.results import EstimationResults

    b, V = fit.e_matrices()
    built = fit.extra["built"]
    lr, bs = fit.lr_saturated, fit.extra["baseline"]
    scalars = {"N": fit.n, "ll": fit.loglik, "k": float(fit.n_parameters()), "rank": variance_rank(V.values),
               "k_dv": float(len(built.endogenous)), "converged": 1.0 if fit.converged else 0.0,
               "chi2_ms": lr[0], "df_ms": float(lr[1]), "p_ms": lr[2], "chi2_bs": bs[0], "df_bs": float(bs[1]),
               "p_bs": bs[2], "N_groups": 1.0, "k_lv": float(len(built.latent)), **(scalars_extra or {})}
    lists = {"oyvars": [v for v in built.endogenous if v in built.observed],
             "lyvars": [v for v in built.endogenous if v in built.latent],
             "oxvars": [v for v in built.exogenous if v in built.observed],
             "lxvars": [v for v in built.exogenous if v in built.latent]}
    macros = {"cmd": "sem", "cmdline": f"sem {text}", "title": "Structural equation model", "vce": vce,
              "chi2type_ms": "LR",
              "method": method, "properties": "b V", "depvar": " ".join(built.endogenous),
              **{k: " ".join(v) for k, v in lists.items() if v}}
    macros.update(macros_extra or {})
    if vce != "oim":
        macros["vcetype"] = "Robust"
    if clustvar:
        macros["clustvar"] = clustvar
        scalars["N_clust"] = float(fit.n_clust)
    e = EstimationResults(cmd="sem", scalars=scalars, macros=macros, matrices={"b": b, "V": V, **(matrices_extra or {})},
                          result=fit.result(), model=fit, sample=sample)
    e.stamp_sample(session.data)
    session.e = e
    from mlmcli.commands.estimation.common import display_formats_with_notes
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.render.sem_display import render_sem

    session.print(render_sem(e.result, **display_formats_with_notes(session, opts)))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached, iterate_typed=iterate is not None)
