"""mestreg's e() and table from a ``survival.nested_survival.NestedSurvivalFit``: random effects
at several nested levels, or one level with identity/exchangeable covariances of several effects
or several equations (``mestreg``'s docstring).

e(b)'s random-effects names are Stata 14's, the level as Stata's nested label:
``/:var(_cons[school])``, ``/:var(_cons[school>class])``, ``/:cov(x[id],_cons[id])``
(exchangeable and unstructured terms: every pair).  The table has one block per level
(``school``, ``school>class``), the header the me commands' group table.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.mestreg_results import FittedSurvivalModel, full_b, survival_result, variance_rows


def _blocks(structure):
    """(level, block) of every term, in e(b)'s order."""
    return [(lv, blk) for lv in structure.levels for blk in lv.blocks]


def _with_cov(blk) -> bool:
    return blk.cov.kind in ("unstructured", "exchangeable") and len(blk.names) > 1


def coefficient_names(fit, design, dist) -> list[str]:
    out = [f"_t:{lab.name}" for lab in design.labels] + [f"/:{a}" for a in dist.aux]
    for lv, blk in _blocks(fit.structure):
        nm = [f"{v}[{lv.label}]" for v in blk.names]
        out += [f"/:var({v})" for v in nm]
        if _with_cov(blk):
            out += [f"/:cov({nm[a]},{nm[b]})" for a in range(len(nm)) for b in range(a + 1, len(nm))]
    return out


def group_summaries(structure):
    """Per level Stata's group row: groups, and the smallest, mean and largest count of rows."""
    from mlmcli.results.mixed import GroupSummary

    out = []
    for lv in structure.levels:
        counts = np.bincount(lv.group, minlength=lv.G)
        out.append(GroupSummary(lv.name, int(lv.G), int(counts.min()), float(counts.mean()), int(counts.max())))
    return out


def result_from_fit(fit, *, dist, aft, design, method, points, level, nobs):
    from mlmcli.mixed.random_effects_term import DISPLAY_NAMES
    from mlmcli.results.mixed import RandomLevel

    se = np.sqrt(np.maximum(np.diag(fit.V), 0.0))
    blocks, labels, k = [], [], fit.p + fit.m
    for lv in fit.structure.levels:
        rows: list = []
        for blk in lv.blocks:
            q = len(blk.names)
            n = q + (q * (q - 1) // 2 if _with_cov(blk) else 0)
            rows += variance_rows(fit.b[k:k + n], se[k:k + n], blk.names, _with_cov(blk), level)
            k += n
        # a level's variances, then its covariances (the table's two parts of a block)
        rows = [r for r in rows if r.label.startswith("var(")] + [r for r in rows if r.label.startswith("cov(")]
        blocks.append(RandomLevel(lv.name, DISPLAY_NAMES[lv.blocks[0].cov.kind], tuple(rows)))
        labels.append(lv.label)
    return survival_result(fit, dist=dist, aft=aft, design=design, method=method, points=points, level=level,
                           nobs=nobs, groups=group_summaries(fit.structure), blocks=blocks, labels=labels,
                           n_re=fit.structure.n_est)


def _group_keys(ds, terms, sample) -> list[dict]:
    """Per term: the fitted group code of each tuple of level values (the term's level and
    every level above it), so a row of any data finds its group."""
    cols, out = [], []
    seen: list[str] = []
    for t in terms:
        if t.levelvar not in seen:
            seen.append(t.levelvar)
            col = ds.column(t.levelvar) if ds.is_string(t.levelvar) else ds.numeric(t.levelvar)
            cols.append(np.asarray(col)[np.asarray(sample, bool)].tolist())
        keys = list(zip(*cols[:seen.index(t.levelvar) + 1]))
        out.append(dict(zip(keys, np.asarray(t.group).tolist())))
    return out


def build_results(session, cmdline, dist, aft, design, terms, sample, fit, method, points):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.random_effects_term import DISPLAY_NAMES
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import confidence_level

    level = confidence_level({}, getattr(session, "level", 95.0))
    nobs = int(np.count_nonzero(sample))
    inputs = dict(dist=dist, aft=aft, design=design, method=method, points=points, nobs=nobs)
    result = result_from_fit(fit, level=level, **inputs)
    names = coefficient_names(fit, design, dist)
    b, V = full_b(fit, design)
    bm = Matrix(b.reshape(1, -1), ("y1",), tuple(names))
    Vm = Matrix(V, tuple(names), tuple(names))
    n_phi = fit.structure.n_est
    n_var = sum(len(blk.names) for _, blk in _blocks(fit.structure))
    n_re = len(fit.b) - fit.p - fit.m
    scalars = {"N": float(nobs), "k": float(len(names)), "k_dv": 0.0, "k_eq": float(1 + len(dist.aux) + n_re),
               "k_f": float(len(design.labels)), "k_r": float(n_re + len(dist.aux)), "k_rs": float(n_var),
               "k_rc": float(n_re - n_var), "ll": fit.loglik, "ll_c": fit.ll_fixed,
               "chi2": result.wald_chi2, "p": result.wald_p, "df_m": float(result.wald_df),
               "chi2_c": result.lr_test.chi2, "p_c": result.lr_test.p, "df_c": float(n_phi),
               "rank": float(fit.p + fit.m + n_phi),  # ml's rank: the free parameters
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged),
               "n_quad": float(points), "level": float(level)}
    levels = fit.structure.levels
    macros = {"cmd": "mestreg", "cmdline": cmdline, "depvar": "_t", "title": result.title,
              "distribution": dist.name, "frm2": "time" if aft else "hazard",
              "ivars": " ".join(lv.name for lv in levels), "labels": " ".join(lv.label for lv in levels),
              "revars": " ".join(n for _, blk in _blocks(fit.structure) for n in blk.names),
              "redim": " ".join(str(len(blk.names)) for _, blk in _blocks(fit.structure)),
              "vartypes": " ".join(DISPLAY_NAMES[blk.cov.kind] for _, blk in _blocks(fit.structure)),
              "intmethod": method, "vce": "oim", "chi2type": "Wald", "opt": "moptimize", "ml_method": "d0",
              "technique": "nr", "properties": "b V", "predict": "mestreg_p"}
    groups = group_summaries(fit.structure)
    cols = tuple(g.levelvar for g in groups)
    mats = {key: Matrix(np.array([[float(getattr(g, attr)) for g in groups]]), ("r1",), cols)
            for key, attr in (("N_g", "n_groups"), ("g_min", "min"), ("g_avg", "avg"), ("g_max", "max"))}
    mats.update(b=bm, V=Vm)
    model = NestedMestregModel(fit, dist, aft, design, tuple(terms), (bm, Vm), result, inputs,
                               tuple(_group_keys(session.data, terms, sample)), method)
    return EstimationResults(cmd="mestreg", scalars=scalars, macros=macros, matrices=mats, result=result,
                             model=model, sample=np.asarray(sample, bool).copy(), title=result.title,
                             design=design)


@dataclasses.dataclass
class NestedMestregModel(FittedSurvivalModel):
    """The fitted model on any rows (``predict_mestreg``): as ``mestreg_results.MestregModel``
    with every term's effects (outermost level first)."""

    fit: object
    dist: object
    aft: bool
    design: object
    terms: tuple
    matrices: tuple
    _result: object
    inputs: dict
    group_keys: tuple  # per term: {tuple of level values: group code}
    method: str

    def result_at(self, level: float):
        return result_from_fit(self.fit, level=level, **self.inputs)

    def effect_names(self) -> list[str]:
        return [n for t in self.terms for n in t.names]

    def effect_labels(self) -> list[str]:
        labels = {lv.name: lv.label for lv in self.fit.structure.levels}
        return [f"{n}[{labels[t.levelvar]}]" for t in self.terms for n in t.names]

    def effects_on_rows(self, data) -> tuple[np.ndarray, np.ndarray]:
        """EB means and posterior SDs (nobs, q) of each row's groups, NaN where a row's group
        was not fitted."""
        cols, seen = [], []
        means, sds = [], []
        for t, keys, eff in zip(self.terms, self.group_keys, self.fit.effects):
            if t.levelvar not in seen:
                seen.append(t.levelvar)
                col = data.column(t.levelvar) if data.is_string(t.levelvar) else data.numeric(t.levelvar)
                cols.append(np.asarray(col).tolist())
            rows = zip(*cols[:seen.index(t.levelvar) + 1])
            g = np.array([keys.get(r, -1) for r in rows], np.int64)
            gi, ok = np.where(g >= 0, g, 0), (g >= 0)[:, None]
            means.append(np.where(ok, eff.values[gi], np.nan))
            sds.append(np.where(ok, eff.se[gi], np.nan))
        return np.column_stack(means), np.column_stack(sds)
