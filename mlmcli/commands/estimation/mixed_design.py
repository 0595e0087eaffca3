"""``mixed``'s input for the engine: the estimation sample, the fixed design, the weights,
one ``RandomTerm`` per random-effects equation and the residuals() structure.

Stata's rules implemented here (``xtmixed.ado``, Stata 12, which Stata 13's ``mixed``
kept; ``help mixed``):

- the equations' names are resolved and the weights evaluated in ``mixed_equations``;
- ``R.x`` with ``covariance(exchangeable)`` is a random effect per level of x with one
  common variance and covariance (the indicator columns of x as Z); ``R.x`` alone is the
  identity structure (one random intercept per (group, x) cell);
- an equation whose variables are collinear drops the later ones (``_rmcoll``; "note:
  x omitted because of collinearity") unless ``collinear`` is given;
- an equation without variables is empty: shown as ``levelvar: (empty)``; when every
  equation is empty and residuals are i.i.d. the model is linear regression ("Note: all
  random-effects equations are empty; model is linear regression");
- rows with a missing value in any model variable, weight, t() or by() variable leave the
  sample.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.estimation.common import check_weights, group_codes, weight_vars
from mlmcli.mixed.re_products import components as re_components, values as re_values
from mlmcli.commands.estimation.mixed_equations import (Equation, Weights, evaluate_weights,
                                                         factor_token_variables, resolve_equation)
from mlmcli.commands.estimation.mixed_syntax import MixedCommand
from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import confidence_level, number_option, read_vce, vce_option
from mlmcli.syntax.settings import default_iterate


def nest_codes(outer: np.ndarray | None, inner: np.ndarray) -> np.ndarray:
    """Codes of the (outer, inner) combinations, sorted by outer then inner."""
    if outer is None:
        return inner
    key = outer.astype(np.int64) * (int(inner.max()) + 1 if inner.size else 1) + inner
    _, codes = np.unique(key, return_inverse=True)
    return codes.astype(np.int64)


def crossed_codes(codes: np.ndarray) -> np.ndarray:
    """A crossed ``_all: R.x`` term's group codes as int32 when they fit (always, below 2^31
    levels): half the memory of int64 on the rows.  Every place that combines two code
    arrays into one key widens first (``nest_codes``; the crossed engine's sparse indices
    choose their own type), so int32 products cannot overflow (100,000 x 30,000 levels)."""
    if codes.size and int(codes.max()) >= 2 ** 31 - 1:
        return codes
    return codes.astype(np.int32)


def mark_sample(session, mc: MixedCommand, varnames: list[str]) -> np.ndarray:
    """Estimation sample: if/in/by, and no missing value in any variable the model uses."""
    from mlmcli.sample import mark_sample as _mark

    cmd = Command(name="mixed", if_exp=mc.if_exp, in_range=mc.in_range, weight=mc.weight)
    return np.asarray(_mark(session, cmd, varnames), dtype=bool)


@dataclass
class MixedBuild:
    """What ``build`` gives the command: the spec, the fixed design, the sample, notes to
    print before the log, and what the display adds to the engine's result."""

    spec: object
    design: object
    sample: np.ndarray
    notes: list[str] = field(default_factory=list)
    empty_levels: list[tuple[int, str, object]] = field(default_factory=list)  # (position, level, group summary)
    residual_options: object | None = None
    all_empty: bool = False  # no random effects at all: linear regression


def estimation_sample(session, mc: MixedCommand, depvar: str, terms, equations: list[Equation],
                      extra: list[str]) -> np.ndarray:
    """Rows selected by if/in with every variable of the model known (string level ids:
    not empty); the weight variables count, so do vce(cluster var)'s and the residuals()
    t()/by() variables (``extra``)."""
    from mlmcli.factor_variables import term_variables

    ds = session.data
    used = ([depvar] if depvar else []) + term_variables(terms)  # meintreg: no depvar (its own rule)
    for eq in equations:
        used += ([eq.level] if eq.level != "_all" else []) + [v for t in eq.rvars for v in re_components(t)]
        used += factor_token_variables(ds, eq)
        used += weight_vars(ds, eq.typed.fweight) + weight_vars(ds, eq.typed.pweight) + weight_vars(ds, eq.typed.iweight)
    if mc.weight is not None:
        if mc.weight.kind not in ("fweight", "pweight"):
            raise StataError(f"{mc.weight.kind}s not allowed", 101)
        used += weight_vars(ds, mc.weight.exp)
    vce_words = str(mc.options.get("vce", "")).split()
    clustvar = ds.resolve(vce_words[1]) if len(vce_words) == 2 else None
    if clustvar:  # vce(cluster var): var must be non-missing too
        used.append(clustvar)
    used = list(dict.fromkeys(used + extra))
    # numeric check before marking (strings are allowed only as level ids, cluster ids and by())
    strings_ok = {eq.level for eq in equations} | {eq.rvars[0] for eq in equations if eq.typed.factor_var}
    strings_ok |= set(extra) | ({clustvar} if clustvar else set())
    sample = mark_sample(session, mc, [v for v in used if not (v in strings_ok and ds.is_string(v))])
    for v in used:
        if v in strings_ok and ds.is_string(v):
            sample &= ds.column(v).fillna("").astype(str).to_numpy() != ""
    return sample


def _independent_columns(Z: np.ndarray, prior: np.ndarray | None) -> np.ndarray:
    """Which columns of Z are not linear combinations of ``prior`` and the earlier ones
    (the order-preserving sweep of ``_rmcoll``): column j is dropped when the smallest
    singular value of [basis, z_j] is at most tol = 1e-9 max(|z_j|, 1) sqrt(n).

    The singular values come from the small Gram matrix [basis, z_j]'[basis, z_j] when its
    rounding error (bounded below) leaves no doubt on which side of tol they lie; otherwise
    (near-collinear columns) from the SVD of the n-row matrix itself, as before.  So the
    decisions are the SVD's, without copying and factorising n x k matrices for columns that
    are plainly independent (1M rows: ~50 MB of temporaries and two SVDs)."""
    from mlmcli.collinear_columns import power_of_two_column_scales

    n, k = Z.shape
    keep = np.ones(k, bool)
    prior = prior if prior is not None and prior.size else np.zeros((n, 0))
    # columns past 2^+-128 (near 1e300) scaled by a power of two: exact, their Gram matrix
    # finite, and the tolerance is relative to the column's norm either way
    Z = Z * power_of_two_column_scales(Z)
    prior = prior * power_of_two_column_scales(prior)
    b = prior.shape[1]
    gram = np.empty((b + k, b + k))
    gram[:b, :b] = prior.T @ prior
    gram[:b, b:] = prior.T @ Z
    gram[b:, :b] = gram[:b, b:].T
    gram[b:, b:] = Z.T @ Z
    chosen = list(range(b))
    eps = np.finfo(float).eps
    for j in range(k):
        scale = np.linalg.norm(Z[:, j])
        tol = 1e-9 * max(scale, 1.0) * np.sqrt(len(Z))
        if scale == 0:
            keep[j] = False
            continue
        idx = chosen + [b + j]
        sub = gram[np.ix_(idx, idx)]
        trace = float(np.trace(sub))
        smallest = float(np.linalg.eigvalsh(sub)[0])
        err = 4.0 * n * eps * trace  # rounding of the Gram sums and of its eigenvalues
        slack = 4.0 * n * eps * np.sqrt(trace)  # the SVD's own rounding of a singular value
        if np.sqrt(max(smallest - err, 0.0)) > tol + slack:
            independent = True
        elif np.sqrt(max(smallest + err, 0.0)) < tol - slack:
            independent = False
        else:  # too close to call from the Gram matrix: the SVD of the columns
            basis = np.column_stack([prior] + [Z[:, i - b] for i in chosen[b:]])
            cand = np.column_stack([basis, Z[:, j]])
            independent = np.linalg.matrix_rank(cand, tol=tol) > basis.shape[1]
        if independent:
            chosen.append(b + j)
        else:
            keep[j] = False
    return keep


def random_terms(ds, equations: list[Equation], weights: Weights, sample: np.ndarray,
                 notes: list[str]) -> tuple[list, list[int]]:
    """One ``RandomTerm`` per non-empty equation (groups nested within the levels above, Z,
    names, covariance with Stata's defaults, the level's weights) and the positions of the
    empty equations."""
    from mlmcli.mixed.spec import RandomTerm

    n = int(np.count_nonzero(sample))
    rterms, empty = [], []
    outer = None
    level_cols: dict[str, np.ndarray] = {}
    for k, (eq, eq_weights) in enumerate(zip(equations, weights.equations)):
        level, rvars = eq.level, eq.rvars
        cov = eq.typed.covariance
        if level == "_all":
            base = np.zeros(n, dtype=np.int64)
        else:
            base = nest_codes(outer, group_codes(ds, level, sample))
            outer = base
        factor, cells = None, {}
        if eq.typed.factor_var is not None:
            fcodes = group_codes(ds, rvars[0], sample)
            if cov == "exchangeable":
                if level == "_all":
                    raise StataError(f"covariance(exchangeable) with _all: R.{rvars[0]} is not "
                                     "supported; use a level variable", 198)
                values = np.unique(ds.numeric(rvars[0])[sample])
                group = base
                Z = np.zeros((n, len(values)))
                Z[np.arange(n), fcodes] = 1.0
                names = tuple(f"{_level_text(v)}.{rvars[0]}" for v in values)
                factor = f"R.{rvars[0]}"
            else:
                group = nest_codes(base if level != "_all" else None, fcodes)
                if level == "_all":  # a crossed factor's codes: 4 bytes a row (see crossed_codes)
                    group = crossed_codes(group)
                else:  # one effect per (level group, x) cell; the level's groups kept for counts
                    cells = {"level_group": base, "factor_codes": np.asarray(fcodes, np.int64)}
                # an indicator term: every value of Z is 1, so Z is one number seen n times
                # (read-only, 8 bytes instead of n doubles; a 1M-row crossed design saves 8 MB a term)
                Z = np.broadcast_to(np.ones(1), (n, 1))
                names = (f"R.{rvars[0]}",)
                cov = "identity"
        else:
            group = base
            names = tuple(rvars) + (() if eq.typed.noconstant else ("_cons",))
            if not names:
                empty.append(k)
                continue
            Z = np.empty((n, len(names)))  # filled column by column: no list of columns to stack
            for j, v in enumerate(rvars):
                Z[:, j] = re_values(ds, v)[sample]
            if not eq.typed.noconstant:
                Z[:, -1] = 1.0
            if not eq.typed.collinear:
                keep = _independent_columns(Z, level_cols.get(level))
                for j in np.flatnonzero(~keep):
                    notes.append(f"note: {names[j]} omitted because of collinearity")
                if not keep.all():  # (indexing only when needed: Z stays C-ordered as built)
                    Z, names = np.ascontiguousarray(Z[:, keep]), tuple(nm for nm, kp in zip(names, keep) if kp)
                if not names:
                    empty.append(k)
                    continue
                level_cols[level] = Z if level not in level_cols else np.column_stack([level_cols[level], Z])
            if cov is None:
                cov = "independent" if len(names) > 1 else "identity"
        if len(names) == 1 and cov in ("independent", "unstructured", "exchangeable"):
            cov = "identity" if cov != "independent" else cov
        level_weights = {kind: _group_constant_weights(eq_weights[kind][sample], kind, group, level)
                         for kind in ("fweight", "pweight") if kind in eq_weights}
        if "iweight" in eq_weights:  # the engine weights each group's ln L by it, as a level fweight
            level_weights["fweight"] = _group_constant_weights(eq_weights["iweight"][sample], "iweight", group, level)
        rterms.append(RandomTerm(levelvar=level, group=group, Z=Z, names=names, covariance=cov,
                                 n_groups=int(group.max()) + 1 if n else 0, factor=factor, **cells,
                                 **level_weights))
    return rterms, empty


def _level_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _group_constant_weights(w: np.ndarray, kind: str, group: np.ndarray, level: str) -> np.ndarray:
    """A level's weights, which must be valid and constant within each of its groups (r(407))."""
    check_weights(w, kind)
    _, first = np.unique(group, return_index=True)
    per_group = np.empty(int(group.max()) + 1)
    per_group[group[first]] = w[first]
    if np.any(w != per_group[group]):
        if kind == "iweight":  # the xt commands' _crcchkw
            raise StataError(f"weight must be constant within {level}", 199)
        raise StataError(f"{kind}s not constant within {level}", 407)
    return w


def empty_level_groups(ds, equations: list[Equation], empty: list[int], sample: np.ndarray):
    """(position, level variable, GroupSummary) of each empty equation, for the display."""
    from mlmcli.results.mixed import GroupSummary

    out = []
    outer = None
    for k, eq in enumerate(equations):
        if eq.level == "_all":
            codes = np.zeros(int(sample.sum()), np.int64)
        else:
            codes = nest_codes(outer, group_codes(ds, eq.level, sample))
            outer = codes
        if k in empty:
            cnt = np.bincount(codes)
            cnt = cnt[cnt > 0]
            out.append((k, eq.level, GroupSummary(eq.level, len(cnt), int(cnt.min()), float(cnt.mean()),
                                                  int(cnt.max()))))
    return out


def confidence(session, opts) -> float:
    return confidence_level(opts, getattr(session, "level", 95.0))


def _refuse_robust_all(mc, equations, ro, has_pw) -> None:
    """A robust VCE clusters on the highest level: not when that is ``_all`` (as it is for
    residuals() without a level, where _xtmixed_estimate.ado inserts ``_all:, noconstant``)."""
    top_level = equations[0].level if equations else ("_all" if ro is not None else None)
    if top_level != "_all":
        return
    v = mc.options.get("vce")
    robust = has_pw or (v is not None and vce_option(v, (("oim", 1), ("robust", 1), ("cluster", 2)))[0] != "oim")
    if robust:
        raise StataError("robust variances and pweights not supported when highest-level group "
                         "encompasses all the data", 498)


def vce_setting(session, mc, sample, rterms, has_pw):
    """(vce, cluster codes, cluster variable) from ``vce()`` and pweights."""
    ds = session.data
    v = mc.options.get("vce")
    top = next((t for t in rterms if t.levelvar != "_all"), None)
    if v is None:
        if has_pw:  # pweights: robust, clustered at the highest level
            return "robust", (top.group if top else None), (top.levelvar if top else None)
        return "oim", None, None
    kind, args = read_vce(v, (("oim", 1), ("robust", 1), ("cluster", 2)))
    if kind == "oim":
        if has_pw:
            raise StataError("vce(oim) not allowed with pweights", 198)
        return "oim", None, None
    if kind == "robust":
        return "robust", (top.group if top else None), (top.levelvar if top else None)
    if len(args) > 1:
        raise StataError("vce(cluster) with several variables not supported by mlmcli", 198)
    var = ds.resolve(args[0])
    return "cluster", group_codes(ds, var, sample), var


def build(session, mc: MixedCommand) -> MixedBuild:
    """The engine's input (``MixedSpec``) with the fixed design, the sample and the notes."""
    from mlmcli.commands.estimation.mixed_residuals import (build_residual_spec, parse_residuals,
                                                            residual_variables)
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.mixed.spec import MixedSpec

    ds = session.data
    opts = mc.options
    depvar = ds.resolve(mc.depvar)  # a string variable empties the sample (marksample): r(2000)
    terms = parse_terms(ds, mc.fixed) if mc.fixed.strip() else []
    equations = [resolve_equation(ds, eq) for eq in mc.equations]
    ro = parse_residuals(opts["residuals"]) if opts.get("residuals") is not None else None
    t_var, by_var = residual_variables(ds, ro) if ro is not None else (None, None)
    extra = [v for v in (t_var, by_var) if v is not None]
    sample = estimation_sample(session, mc, depvar, terms, equations, extra)
    weights = evaluate_weights(session, mc, sample)
    reml = bool(opts.get("reml"))
    has_pw = weights.has("pweight")
    if has_pw and weights.has("fweight"):
        raise StataError("fweights and pweights may not be combined", 198)
    if reml and weights.any():  # _xtmixed_estimate.ado: any weights force ML
        raise StataError("REML not supported with weights", 101)
    _refuse_robust_all(mc, equations, ro, has_pw)
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)
    y = ds.numeric(depvar)[sample]
    design = build_design(ds, terms, sample, constant=not mc.noconstant)
    if n <= design.X.shape[1]:
        raise StataError("insufficient observations", 2001)
    notes: list[str] = list(design.notes)
    rterms, empty = random_terms(ds, equations, weights, sample, notes)
    rterms = [share_fixed_design(t, design.X) for t in rterms]
    built_res = None
    if ro is not None:
        panels = _panels(ds, equations, sample)
        built_res = build_residual_spec(ds, ro, sample, panels, t_var, by_var)
        notes.extend(built_res.notes)
    residual_spec = built_res.spec if built_res is not None else None
    empty_levels = empty_level_groups(ds, equations, empty, sample) if empty else []
    all_empty = bool(equations) and not rterms
    if residual_spec is not None and equations and empty and empty[-1] == len(equations) - 1:
        # the lowest level defines the panels even without random effects (the engine's
        # convention: a term without columns)
        from mlmcli.mixed.spec import RandomTerm
        low, panels = equations[-1], _panels(ds, equations, sample)
        low_w = weights.equations[-1].get("fweight")  # the panels' own fweights stay theirs
        low_w = None if low_w is None else _group_constant_weights(np.asarray(low_w, float)[sample], "fweight",
                                                                    panels, low.level)
        rterms.append(RandomTerm(low.level, panels, np.zeros((n, 0)), (), "identity", int(panels.max()) + 1,
                                 fweight=low_w))
        empty_levels = [e for e in empty_levels if e[0] != len(equations) - 1]
    elif all_empty and residual_spec is None:
        notes.append("Note: all random-effects equations are empty; model is linear regression")
        empty_levels = []
    fw, pw = weights.model_part("fweight", sample), weights.model_part("pweight", sample)
    if empty and weights.any():  # weights at levels without random effects still count
        from mlmcli.commands.estimation.mixed_level_weights import fold_empty_level_weights
        rterms, obs_factor = fold_empty_level_weights(
            equations, weights, empty, rterms, sample, lambda k: _panels(ds, equations[:k + 1], sample),
            _group_constant_weights, skip=len(equations) - 1 if residual_spec is not None else None)
        if obs_factor is not None:
            if pw is not None:
                raise StataError("cannot mix pweights with fweights", 198)
            fw = obs_factor if fw is None else fw * obs_factor
    vce, cluster, cluster_var = vce_setting(session, mc, sample, rterms, has_pw)
    pwscale = opts.get("pwscale")
    if pwscale is not None:
        # mixed.ado's RescaleWeights: bsubstr("size", 1, max(4, l)), effective max(3, l), gk max(2, l),
        # with the case kept; anything else is its "invalid pscale()" (sic)
        found = resolve_choice(str(pwscale).strip(), (("size", 4), ("effective", 3), ("gk", 2)))
        if found is None or len(str(pwscale).split()) > 1:
            raise StataError("invalid pscale()", 198)
        pwscale = found
        if not has_pw:
            raise StataError("pwscale() requires pweights", 198)
    spec = MixedSpec(
        depvar=depvar, y=y, X=design.X, coef_labels=design.labels, terms=tuple(rterms),
        method="REML" if reml else "ML", fweight=fw, pweight=pw, pwscale=pwscale,
        vce=vce, cluster=cluster, cluster_var=cluster_var, level=confidence(session, opts),
        iterate=number_option(opts, "iterate", default_iterate(session), int), tolerance=number_option(opts, "tolerance", 1e-6),
        ltolerance=number_option(opts, "ltolerance", 1e-7), residuals=residual_spec,
    )
    return MixedBuild(spec, design, sample, notes, empty_levels, ro, all_empty and residual_spec is None)


def share_fixed_design(term, X: np.ndarray):
    """``term`` with Z = X itself when its Z holds the fixed design's bits exactly (``y x ||
    g: x``: both are [x, 1]): Z and X are read-only to the engine and postestimation, and a
    1M-row random-slope model then holds one n x 2 array through the fit, not two (16 MB)."""
    Z = term.Z
    same = (Z.shape == X.shape and Z.dtype == X.dtype == np.float64 and Z.size
            and Z.flags.c_contiguous and X.flags.c_contiguous
            and np.array_equal(Z.view(np.int64), X.view(np.int64)))  # (bits: -0.0 is not 0.0)
    return replace(term, Z=X) if same else term


def _panels(ds, equations: list[Equation], sample: np.ndarray) -> np.ndarray:
    """Group codes of the lowest level (the residuals() panels) on the sample rows."""
    outer = None
    codes = np.zeros(int(sample.sum()), np.int64)
    for eq in equations:
        if eq.level == "_all":
            continue
        codes = nest_codes(outer, group_codes(ds, eq.level, sample))
        outer = codes
    return codes
