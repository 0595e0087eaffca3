"""``sem paths, group(varname) [ginvariant(classes)]`` ([SEM] sem group options, [SEM] intro 6):
the model fitted in every group of varname at once, the parameters of the ginvariant() classes
(default mcoef mcons) one for all groups, the others each group's own.

- ``(1: y <- x)`` and ``var(2: e.y@c1)``/``cov(2: ...)``/``means(2: F)``: a path or option for
  the group whose value is 1 (2) only; it adds to the paths typed for all groups and overrides
  their constraint (``(y <- x) (2: y <- x@c1)``).  A label ``@c1`` is one parameter wherever it
  is used, in every group.
- Latent exogenous means: with mcons in ginvariant() (and meanex not), fixed at 0 in the first
  group and estimated in the others; likewise the intercepts of latent endogenous variables
  with scons not invariant ([SEM] intro 6, "which parameters vary by default").
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sem.group_model import CLASSES

_CLASS_ABBREV = {"scoef": 4, "scons": 4, "mcoef": 4, "mcons": 4, "serrvar": 4, "merrvar": 4, "smerrcov": 4,
                 "meanex": 4, "covex": 3, "all": 3, "none": 4}
_PREFIX = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*:(.*)$", re.S)


def invariant_classes(text: str | None) -> frozenset:
    """ginvariant()'s classes (sem_classnames.ihlp abbreviations); all and none stand alone."""
    from mlmcli.syntax.abbreviation import abbreviates

    if text is None:
        return frozenset({"mcoef", "mcons"})
    out = set()
    for word in text.split():
        full = next((c for c, least in _CLASS_ABBREV.items() if abbreviates(word.lower(), c, least)), None)
        if full is None:
            raise StataError(f"ginvariant(): {word} invalid class name", 198)
        if full == "all":
            out |= set(CLASSES)
        elif full != "none":
            out.add(full)
    return frozenset(out)


def split_by_group(items: list[str]) -> tuple[list[str], dict[float, list[str]]]:
    """Option or path texts: those for every group, and those prefixed ``#:`` by group value."""
    common, by_group = [], {}
    for text in items:
        m = _PREFIX.match(text)
        if m:
            by_group.setdefault(float(m.group(1)), []).append(m.group(2))
        else:
            common.append(text)
    return common, by_group


def _merge_paths(general, extra, every):
    """The group's paths: the general ones, a path typed again for the group taking the group's
    constraint, then the group's new paths, then the other groups' paths fixed at 0 here (a
    variable endogenous in one group is endogenous in all)."""
    import dataclasses

    own = {(p.dep, p.src): p for p in extra}
    out = [own.pop((p.dep, p.src), p) for p in general]
    out += [p for p in extra if (p.dep, p.src) in own]
    have = {(p.dep, p.src) for p in out}
    return out + [dataclasses.replace(p, fixed=0.0, label=None, absent=True) for p in every
                  if (p.dep, p.src) not in have]


def cmd_sem_group(session, text: str, body: str, opts: dict, cond: str, *, method: str, vce: str,
                  clustvar: str | None, level: float, latent_names) -> None:
    from mlmcli.ast import Command
    from mlmcli.commands.data.common import if_in_command, mark
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.commands.estimation.sem_latent import build_spec, check_names, parse_paths, post_sem
    from mlmcli.commands.estimation.sem_syntax import path_groups
    from mlmcli.sem.group_estimate import estimate_groups, level_text
    from mlmcli.sem.group_model import build_groups
    from mlmcli.syntax.options import integer_option

    ds = session.data
    words = str(opts["group"]).split()
    if not words:  # group(varname), as syntax reads it
        raise StataError("varname required", 100)
    if len(words) > 1:
        raise StataError("too many variables specified", 103)
    gvar = ds.resolve(words[0])
    if ds.is_string(gvar):
        raise StataError(f"{gvar}: string variables not allowed as group()", 109)
    invariant = invariant_classes(opts.get("ginvariant"))
    caps = not opts.get("nocapslatent")
    common, by_group = split_by_group(path_groups(body))
    paths, names = parse_paths(" ".join(f"({t})" for t in common), ds, latent_names, caps) if common else ([], None)
    general_intercepts = dict(names.intercepts) if names else {}
    group_paths, group_intercepts = {}, {}
    for value, texts in by_group.items():
        if names is not None:
            names.intercepts = {}
        found, names = parse_paths(" ".join(f"({t})" for t in texts), ds, latent_names, caps, names)
        group_paths[value], group_intercepts[value] = found, dict(names.intercepts)
    check_names(ds, names, latent_names, need_latent=False)
    sample = mark(session, if_in_command(cond) if cond else Command(name="count"),
                  (names.observed if method == "ml" else []) + [gvar] + ([clustvar] if clustvar else []),
                  strok=True)
    if method == "mlmv":
        sample &= np.column_stack([np.isfinite(ds.df[v].to_numpy(dtype=float)) for v in names.observed]).any(axis=1)
    if not sample.any():
        raise StataError("no observations", 2000)
    gcol = ds.df[gvar].to_numpy(dtype=float)
    values = tuple(float(v) for v in np.unique(gcol[sample]))
    if any(v != int(v) for v in values):  # the groups name e(b)'s columns as factor-variable levels
        raise StataError(f"{gvar}:  factor variables may not contain noninteger values", 452)
    if any(v < 0 for v in values):
        raise StataError(f"{gvar}:  factor variables may not contain negative values", 452)
    for value in by_group:
        if value not in values:
            raise StataError(f"{level_text(value)}: group {level_text(value)} not found in {gvar}", 198)
    option_sets = {key: split_by_group(list(opts.get(key) or []))
                   for key in ("covariance", "variance", "means", "covstructure")}
    endogenous = {p.dep for p in paths} | {p.dep for ps in group_paths.values() for p in ps}
    lat_exo = [v for v in names.latent if v not in endogenous]
    lat_endo = [v for v in names.latent if v in endogenous]
    every = list({(p.dep, p.src): p for ps in group_paths.values() for p in ps}.values())
    specs = []
    for g, value in enumerate(values):
        own = {key: common_items + by.get(value, []) for key, (common_items, by) in option_sets.items()}
        gpaths = _merge_paths(paths, group_paths.get(value, []), every)
        intercepts = {**general_intercepts, **group_intercepts.get(value, {})}
        spec = build_spec(gpaths, names, {**opts, **own}, intercepts)
        if "mcons" in invariant:  # latent means/intercepts: 0 in the first group, free in the others
            for v in lat_exo:
                if "meanex" not in invariant and v not in spec.means:
                    spec.means[v] = (0.0, None) if g == 0 else (None, None)
            for v in lat_endo:
                if "scons" not in invariant and v not in spec.intercepts:
                    spec.intercepts[v] = (0.0, None) if g == 0 else (None, None)
        specs.append(spec)
    model = build_groups(specs, values, invariant)
    in_group = [sample & (gcol == v) for v in values]
    Ys = [np.column_stack([ds.df[v].to_numpy(dtype=float)[rows] for v in names.observed]) for rows in in_group]
    if method == "mlmv" and not all(np.isfinite(Y).any(axis=0).all() for Y in Ys):
        raise StataError("no observations", 2000)  # a variable never observed in a group: as sem_latent's mlmv
    clusters = None
    if clustvar:  # one numbering over the groups
        allcodes = group_codes(ds, clustvar, sample)
        clusters = [allcodes[(gcol[sample] == v)] for v in values]
    labels = tuple(ds.value_label_text(gvar, v) or level_text(v) for v in values)
    iterate = integer_option(opts, "iterate", None, minimum=0) if opts.get("iterate") is not None else None
    fit = estimate_groups(model, Ys, gvar, labels, level=level, nolog=bool(opts.get("nolog")), iterate=iterate,
                          mlmv=method == "mlmv", vce=vce, clusters=clusters, clustvar=clustvar,
                          standardized=bool(opts.get("standardized")))
    from mlmcli.results.matrix import Matrix

    counts = np.array([[float(rows.sum()) for rows in in_group]])
    group_cols = tuple(level_text(v) for v in values)
    post_sem(session, text, opts, fit, sample, method=method, vce=vce, clustvar=clustvar, iterate=iterate,
             scalars_extra={"N_groups": float(len(values))},
             macros_extra={"groupvar": gvar, "ginvariant": " ".join(c for c in CLASSES if c in invariant),
                           **({"grouplabel": " ".join(f'"{t}"' if " " in t else t for t in labels)}
                              if labels != group_cols else {})},
             matrices_extra={"nobs": Matrix(counts, ("r1",), group_cols),
                             "groupvalue": Matrix(np.array([values]), ("r1",), group_cols)})
