"""From sem's paths with single-level latent variables to the RAM model's slots, with Stata's
defaults ([SEM] intro 4, "Identification 2: Normalization constraints"): the path from a
latent variable to its first observed (else latent) endogenous variable is fixed at 1 unless
its variance is fixed or one of its paths is; latent means 0; observed endogenous variables
have free intercepts; errors uncorrelated unless cov(e.a*e.b); exogenous variables (observed
and latent) freely correlated (covstructure(_Ex, unstructured)).

Observed exogenous variables are modelled jointly (free means, variances and covariances).
When none of them covaries with a latent variable, sem is "x conditional": those moments equal
their sample values, the other estimates and their OIM variances are those of the conditional
model, and Stata shows none of them -- ``Slot`` names the shown ones in ``shown``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mlmcli.sem.latent_model import RAMModel, Slot


@dataclass(frozen=True)
class Path:
    dep: str
    src: str
    fixed: float | None = None
    label: str | None = None
    absent: bool = False  # sem, group(): a path of other groups, fixed at 0 in this one


@dataclass
class LatentSpec:
    """What the command parsed: the paths in typed order, the observed and latent names,
    covariance()/variance() entries keyed by (a, b) ('e.x' for an error) -> (fixed, label),
    the exogenous structure (a callable filling covariances) and the endogenous errors'."""

    paths: list[Path]
    observed: list[str]
    latent: list[str]
    covariances: dict = field(default_factory=dict)
    variances: dict = field(default_factory=dict)
    exogenous_structure: dict = field(default_factory=dict)  # frozenset pair or name -> (fixed, label)
    means: dict = field(default_factory=dict)  # means(): latent exogenous name -> (fixed, label)
    constant: bool = True  # noconstant: the observed endogenous variables' intercepts fixed at 0
    noconstant: frozenset = frozenset()  # (y <- x, nocons): these variables' intercepts fixed at 0
    xconditional: bool = True  # noxconditional: the observed exogenous moments shown as parameters
    # (y <- ... _cons[@v|@label]): y's intercept typed -- free, fixed or shared; a latent variable
    # with no other path into it: its mean (as means())
    intercepts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class BuiltModel:
    ram: RAMModel
    shown: tuple[int, ...]  # slots shown (e(b)), in e(b) order
    equations: tuple[str, ...]  # dependent variables in table order
    measurement: tuple[str, ...]  # the equations of the Measurement section
    endogenous: tuple[str, ...]
    exogenous: tuple[str, ...]
    observed: tuple[str, ...]
    latent: tuple[str, ...]
    lists: tuple  # (("Endogenous variables", (("Observed", names), ...)), ...)
    anchors: tuple[int, ...]  # slots fixed by the normalisation (shown as constraints)
    xconditional: bool


def _error(name: str) -> str:
    return f"e.{name}"


def build(spec: LatentSpec) -> BuiltModel:
    from mlmcli.errors import StataError

    latent = set(spec.latent)
    path_deps = {p.dep for p in spec.paths}
    means = dict(spec.means)
    for v, entry in spec.intercepts.items():
        if v in latent and v not in path_deps:
            means[v] = entry
        elif v not in latent and v not in path_deps:
            raise StataError(f"(_cons -> {v}): {v} has no other paths; a path from _cons alone to an observed"
                             " variable is not available in mlm's sem", 198)
    deps = list(dict.fromkeys(p.dep for p in spec.paths))
    endo = set(deps)
    variables = list(spec.observed) + list(spec.latent)
    pos = {v: k for k, v in enumerate(variables)}
    obs_endo = [v for v in spec.observed if v in endo]
    obs_exo = [v for v in spec.observed if v not in endo]
    lat_endo = [v for v in spec.latent if v in endo]
    lat_exo = [v for v in spec.latent if v not in endo]
    sources = {d: [p for p in spec.paths if p.dep == d] for d in deps}
    measurement = [d for d in obs_endo if all(p.src in latent for p in sources[d])]
    structural = [d for d in obs_endo if d not in measurement] + lat_endo
    for lv in spec.latent:
        if not any(p.src == lv for p in spec.paths) and lv not in endo:
            raise StataError(f"latent variable {lv} has no paths", 198)
    # normalisation: each latent variable's first path to an observed (else latent) endogenous variable
    anchors_for: dict[tuple[str, str], float] = {}
    for lv in spec.latent:
        out = [p for p in spec.paths if p.src == lv and not p.absent]
        var_fixed = spec.variances.get(lv, (None, None))[0] is not None and lv not in endo
        if not out or var_fixed or any(p.fixed is not None for p in out):
            continue
        first = next((p for p in out if p.dep not in latent), out[0])
        anchors_for[(first.dep, first.src)] = 1.0
    slots: list[Slot] = []
    shown: list[int] = []
    anchors: list[int] = []

    def add(slot: Slot, show: bool = True) -> None:
        if show:
            shown.append(len(slots))
        slots.append(slot)

    for d in structural + measurement:
        for p in sources[d]:
            fixed = p.fixed
            if (d, p.src) in anchors_for:
                fixed = anchors_for[(d, p.src)]
                anchors.append(len(slots))
            add(Slot("path", pos[d], pos[p.src], f"{d}:{p.src}", fixed, p.label))
        if d in spec.intercepts:  # _cons typed: shown, fixed at 0 too ([SEM] example 18)
            add(Slot("cons", pos[d], pos[d], f"{d}:_cons", *spec.intercepts[d]))
        elif d not in latent:  # latent endogenous variables: intercept 0 unless _cons is typed
            has = spec.constant and d not in spec.noconstant
            add(Slot("cons", pos[d], pos[d], f"{d}:_cons", None if has else 0.0), show=has)
    exo_with_latent = any(
        _exo_value(spec, a, b)[0] != 0.0 for a in obs_exo for b in lat_exo) or any(
        (a, b) in spec.covariances or (b, a) in spec.covariances for a in obs_exo for b in spec.latent)
    xcond = not exo_with_latent and spec.xconditional
    for x in obs_exo:
        add(Slot("mean", pos[x], pos[x], f"mean({x}):_cons"), show=not xcond)
    for x in lat_exo:  # means(): a latent variable's mean estimated (else fixed at 0, not shown)
        if x in means:
            add(Slot("mean", pos[x], pos[x], f"mean({x}):_cons", *means[x]))
    for d in measurement + [v for v in structural if v not in latent] + lat_endo:
        fixed, label = spec.variances.get(_error(d), (None, None))
        add(Slot("var", pos[d], pos[d], f"var(e.{d}):_cons", fixed, label))
    for x in obs_exo + lat_exo:
        fixed, label = spec.variances.get(x, (None, None))
        if fixed is None and label is None:
            fixed, label = spec.exogenous_structure.get(x, (None, None))
        add(Slot("var", pos[x], pos[x], f"var({x}):_cons", fixed, label), show=not (xcond and x in obs_exo))
    errs = measurement + [v for v in structural if v not in latent] + lat_endo
    for a_i, a in enumerate(errs):
        for b in errs[a_i + 1:]:
            entry = spec.covariances.get((_error(a), _error(b))) or spec.covariances.get((_error(b), _error(a)))
            if entry is None:
                continue
            add(Slot("cov", pos[a], pos[b], f"cov(e.{a},e.{b}):_cons", entry[0], entry[1]))
    exo = obs_exo + lat_exo
    for a_i, a in enumerate(exo):
        for b in exo[a_i + 1:]:
            fixed, label = _exo_value(spec, a, b)
            if fixed == 0.0 and label is None:
                continue
            add(Slot("cov", pos[a], pos[b], f"cov({a},{b}):_cons", fixed, label),
                show=not (xcond and a in obs_exo and b in obs_exo))
    for key in spec.covariances:
        a, b = key
        if a.startswith("e.") != b.startswith("e."):
            raise StataError(f"cov({a}*{b}): covariances between an error and a variable are not available"
                             " in mlm", 198)
    lists = []
    endo_list = [("Observed", tuple(d for d in obs_endo if d not in measurement)),
                 ("Measurement", tuple(measurement)), ("Latent", tuple(lat_endo))]
    exo_list = [("Observed", tuple(obs_exo)), ("Latent", tuple(lat_exo))]
    lists.append(("Endogenous variables", tuple(x for x in endo_list if x[1])))
    if exo:
        lists.append(("Exogenous variables", tuple(x for x in exo_list if x[1])))
    ram = RAMModel(tuple(variables), len(spec.observed), tuple(slots))
    return BuiltModel(ram, tuple(shown), tuple(structural + measurement), tuple(measurement),
                      tuple(obs_endo + lat_endo), tuple(obs_exo + lat_exo), tuple(spec.observed),
                      tuple(spec.latent), tuple(lists), tuple(anchors), xcond)


def _exo_value(spec: LatentSpec, a: str, b: str):
    """(fixed, label) of cov(a, b) between exogenous variables: cov() typed, else the
    covstructure(), else free."""
    entry = spec.covariances.get((a, b)) or spec.covariances.get((b, a))
    if entry is not None:
        return entry
    return spec.exogenous_structure.get(frozenset((a, b)), (None, None))
