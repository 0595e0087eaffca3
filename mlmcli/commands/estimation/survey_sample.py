"""The svy prefix's estimation sample, subpopulation and design units, and the e() every svy
estimate shares ([SVY] svy: e(N_strata), e(N_psu), e(N_pop), e(df_r), e(prefix) ...)."""
from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass
class DesignSample:
    touse: np.ndarray  # rows of the estimation sample (over the data)
    sub: np.ndarray  # subpopulation rows (over the data; touse without subpop())
    weights: np.ndarray  # over the data (ones without a svyset weight)
    units: object  # survey.linearized.DesignUnits over the touse rows
    subpop_given: bool


def design_sample(session, inner, settings, model_vars: list[str], subpop: str | None) -> DesignSample:
    from mlmcli.sample import mark_sample
    from mlmcli.survey.settings import sampling_weights

    ds = session.data
    numeric = list(settings.weight_vars) + [v for st in settings.stages for v in (st.strata, st.fpc)]
    numeric = [v for v in numeric if v] + list(settings.brrweight + settings.jkrweight + settings.sdrweight)
    touse = np.asarray(mark_sample(session, inner, list(dict.fromkeys(model_vars + numeric))), bool)
    bare = type(inner)(name=inner.name, args="")
    for var in [v for st in settings.stages for v in (st.su, st.strata)]:  # svymarkout: every stage's
        if var and var != "_n" and ds.is_string(var):
            touse &= np.asarray(mark_sample(session, bare, [var], strok=True), bool)
    weights = sampling_weights(ds, settings)
    if weights is None:
        weights = np.ones(ds.nobs)
    else:
        if np.any(weights[touse] < 0):
            raise StataError("negative weights encountered", 402)
        touse &= weights != 0
        for name in settings.stage_weights:  # svy.ado: a stage weight <= 0 leaves the row out
            touse &= ds.numeric(name) > 0
    sub = touse.copy()
    if subpop is not None:
        sub &= _subpop_rows(session, str(subpop), touse)
    if not touse.any() or not sub.any():
        raise StataError("no observations", 2000)
    return with_units(ds, settings, touse, sub, weights, subpop is not None)


@contextlib.contextmanager
def on_subpopulation(session, inner, settings, sample):
    """The command ``inner`` with the svyset pweight, run (inside the block) on the
    subpopulation's rows of the sample only (``session.by_mask``, restored after)."""
    from mlmcli import ast

    weighted = dataclasses.replace(inner, weight=ast.Weight("pweight", settings.weight_exp)) \
        if settings.weight_exp else inner
    saved = getattr(session, "by_mask", None)
    session.by_mask = sample.sub if saved is None else (sample.sub & np.asarray(saved, bool))
    try:
        yield weighted
    finally:
        session.by_mask = saved


def with_units(ds, settings, touse: np.ndarray, sub: np.ndarray, weights: np.ndarray, subpop_given: bool
               ) -> DesignSample:
    """The design units of the estimation sample ``touse`` (also after the fit dropped rows:
    logit's perfect predictors leave e(sample), as they leave Stata's)."""
    from mlmcli.survey.linearized import design_units

    stage = settings.stages[0]
    rows = np.flatnonzero(touse)

    def values(var):
        if var is None or var == "_n":
            return None
        if ds.is_string(var):
            return np.asarray(ds.df[var].to_numpy(dtype=object)[rows]).astype(str)
        return ds.numeric(var)[rows]

    units = design_units(len(rows), values(stage.strata), values(stage.su), values(stage.fpc), settings.singleunit)
    if len(settings.stages) > 1:
        units = dataclasses.replace(units, later=_later_stages(units, settings.stages[1:], values, settings.singleunit))
    if subpop_given:  # strata without a subpopulation member are omitted (e(N_strata_omit))
        members = np.bincount(units.strata, weights=sub[rows].astype(float), minlength=units.n_strata)
        units = dataclasses.replace(units, omitted=frozenset(int(h) for h in np.flatnonzero(members == 0)))
    return DesignSample(touse, sub, weights, units, subpop_given)


def _later_stages(units, stages, values, singleunit: str):
    """The next stages' units: stage k's strata within stage k-1's units (a stratum per
    (unit, strata value)), its units within those strata."""
    from mlmcli.survey.linearized import design_units

    stage = stages[0]
    strata = values(stage.strata)
    _, code = (np.unique(np.asarray(strata), return_inverse=True) if strata is not None
               else (None, np.zeros(len(units.psu), np.int64)))
    nested = units.psu.astype(np.int64) * (int(code.max()) + 1 if len(code) else 1) + code.ravel()
    later = design_units(len(units.psu), nested, values(stage.su), values(stage.fpc), singleunit)
    if len(stages) > 1:
        later = dataclasses.replace(later, later=_later_stages(later, stages[1:], values, singleunit))
    return later


def subpopulation_rows(session, text: str, touse: np.ndarray) -> np.ndarray:
    """The rows of e(sample) ``touse`` in the fit's subpop() (margins after svy, subpop())."""
    return _subpop_rows(session, text, np.asarray(touse, bool).copy())


def _subpop_rows(session, text: str, touse: np.ndarray) -> np.ndarray:
    """subpop([varname] [if exp]): varname != 0 (its missing rows leave the sample: mlm's reading)
    and the condition."""
    from mlmcli.expr import evaluate_condition

    import re

    ds = session.data
    text = text.strip()
    if not text:
        raise StataError("invalid syntax", 198)
    m = re.match(r"^(.*?)(?:(?:^|\s)if(?:\s+(.*))?)?$", text, re.S)
    var, cond = m.group(1), (m.group(2) or "") if re.search(r"(^|\s)if(\s|$)", text) else None
    mask = np.ones(ds.nobs, bool)
    var = var.strip()
    if var:
        if len(var.split()) != 1:
            raise StataError("invalid subpop() option", 198)
        full = ds.resolve(var)
        if ds.is_string(full):
            raise StataError("string variables not allowed in varlist;", 109)
        x = ds.numeric(full)
        missing = np.isnan(x)
        touse &= ~missing
        mask &= (x != 0) & ~missing
    if cond is not None:
        if not cond:
            raise StataError("invalid syntax", 198)
        mask &= np.asarray(evaluate_condition(session, cond), bool)
    return mask & touse


def embed(scores: np.ndarray, ds_rows: np.ndarray, touse: np.ndarray) -> np.ndarray:
    """Scores computed on data rows ``ds_rows`` placed among the estimation sample's rows."""
    full = np.zeros((int(touse.sum()), scores.shape[1]))
    where = np.cumsum(touse) - 1
    full[where[ds_rows]] = scores
    return full


def survey_ereturn(ds_sample: DesignSample, settings, inference, name: str, title: str, command_text: str):
    """The scalars and macros svy adds ([SVY] svy, Stored results)."""
    units = ds_sample.units
    w = ds_sample.weights
    scalars = {"N": float(ds_sample.touse.sum()), "N_pop": float(w[ds_sample.touse].sum()),
               "N_strata": float(units.n_strata), "N_psu": float(units.n_psu), "df_r": float(units.design_df),
               "stages": float(len(settings.stages)), "N_strata_omit": float(len(units.omitted)),
               "singleton": float(inference.missing_se)}
    if settings.stages_wt:  # svy.ado copies svyset's r() into e()
        scalars["stages_wt"] = float(settings.stages_wt)
    if ds_sample.subpop_given:
        scalars["N_sub"] = float(ds_sample.sub.sum())
        scalars["N_subpop"] = float(w[ds_sample.sub].sum())
    macros = {"prefix": "svy", "cmdname": name, "command": command_text.strip(), "vce": "linearized",
              "vcetype": "Linearized", "singleunit": settings.singleunit, "title": title, "properties": "b V"}
    for i, st in enumerate(settings.all_stages, start=1):
        macros.update({f"su{i}": st.su if st.su != "_n" else "", f"strata{i}": st.strata or "", f"fpc{i}": st.fpc or "",
                       f"weight{i}": st.weight or ""})
    if settings.wtype:
        macros.update(wtype=settings.wtype, wexp=f"= {settings.wvar}", wvar=settings.wvar)
    elif settings.stage_weights:  # svy.ado posts [pweight = w1*w2] (no e(wvar))
        macros.update(wtype="pweight", wexp=f"= {settings.weight_exp}")
    return scalars, {k: v for k, v in macros.items() if v}  # Stata keeps no empty macro


def strata_matrices(units) -> dict:
    """e(_N_strata), e(_N_strata_single), e(_N_strata_certain): one column per stage, read by
    estat strata."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.survey.linearized import strata_counts

    counts = []
    while units is not None:
        counts.append(strata_counts(units))
        units = units.later
    cols = tuple(f"c{i + 1}" for i in range(len(counts)))
    return {name: Matrix(np.array([[float(c[k]) for c in counts]]), ("r1",), cols)
            for k, name in enumerate(("_N_strata", "_N_strata_single", "_N_strata_certain"))}


def header_of(ds_sample: DesignSample, title: str, narrow: bool, test=None, r2=None, replication=None):
    """The svy header; ``replication`` (survey_replicate.ReplicationResult): its replications,
    design df and strata, no PSU line for replicate-weight variables."""
    from mlmcli.results.survey import SurveyHeader

    units, w = ds_sample.units, ds_sample.weights
    kw = {}
    if replication is not None:
        kw = {"replications": replication.n_used, "show_psus": replication.design.psus is not None}
    if ds_sample.subpop_given:
        kw.update(subpop_obs=int(ds_sample.sub.sum()), subpop_size=float(w[ds_sample.sub].sum()))
    if test is not None:
        kw.update(F=test[0], df1=test[1], df2=test[2], p_F=test[3])
    n_strata = units.n_strata if replication is None else replication.design.n_strata
    df = units.design_df if replication is None else replication.df
    return SurveyHeader(title=title, n_strata=n_strata, n_psu=units.n_psu, n_obs=int(ds_sample.touse.sum()),
                        population=float(w[ds_sample.touse].sum()), design_df=df, r2=r2,
                        narrow=narrow, **kw)
