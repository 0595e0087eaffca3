"""What ``margins``, ``contrast`` and ``pwcompare`` read from the session and e(): the sample
(e(sample) in the current row order, if/in), the model's variables on it, the weights, the
fit's prediction (the margins hook, ``estimation.interface.MarginsFit``) and e(b)/e(V).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import confidence_level

@dataclass
class MarginsSetup:
    """Everything the engine needs, read once from the session and e()."""

    e: object
    terms: object  # margins.covariates.DesignTerms
    rows: np.ndarray  # data rows of the margins sample
    sample: object  # margins.covariates.SampleValues
    weighted: bool
    wtype: str | None
    n_obs: int
    names: tuple[str, ...]
    b: np.ndarray
    V: np.ndarray
    beta_index: np.ndarray
    df_r: float | None
    level: float
    labels: dict  # var -> {value: text}
    model_vce: str


def margins_fit(session):
    """The active results and their fit, which must implement the margins hook."""
    e = active(session)
    fit = e.model
    # e(marginsnotok) _ALL: _marg_work's .new (teffects.ado posts it after every subcommand but overlap,
    # [TE] teffects postestimation lists no margins; pca, factor and svy: tabulate post it too; so
    # does Stata 12/13's asclogit.ado -- margins after asclogit came with Stata 16's cm commands)
    if e.cmd in ("mean", "total", "ratio", "proportion") or e.macros.get("marginsnotok") == "_ALL":
        raise StataError(f"margins not appropriate after {e.cmd}", 322)
    if e.cmd == "menl":  # Stata 13 has no menl; Stata 16's menl_ereturn_construct serves margins
        raise StataError("margins after menl not supported by mlmcli", 198)
    if e.cmd in ("margins", "contrast", "pwcompare") or fit is None or not hasattr(fit, "margins_prediction") \
            or e.design is None:
        raise StataError("requested action not valid after most recent estimation command", 321)
    return e, fit


def model_vce_text(e) -> str:
    """``Model VCE``: e(vcetype) if set, else e(vce) (conventional words capitalised, others upper)."""
    if e.macros.get("vcetype"):
        return e.macros["vcetype"]
    vce = e.macros.get("vce", "")
    return vce.capitalize() if vce in ("conventional", "twostep", "unadjusted") else vce.upper()


NOT_IN_MEMORY = "margins requires that the data used in estimation be in memory"


def _sample_rows(session, e, cmd, noesample: bool, variables) -> np.ndarray:
    """e(sample) in the current row order (and if/in).  e(sample) is kept in fit-time order:
    it still holds when the covariates on its rows are the fit's X (sorting since then that
    moved them is caught); a multilevel fit's sample is otherwise placed through its groups
    (``estimation.rows``)."""
    from mlmcli.estimation.rows import sample_in_current_order
    from mlmcli.sample import mark_sample

    data = session.data
    mask = np.asarray(mark_sample(session, cmd, []), bool)
    if noesample:
        for v in variables:
            mask &= ~np.isnan(data.numeric(v))
        return mask
    sample = np.asarray(e.sample, bool) if e.sample is not None and len(e.sample) == data.nobs else None
    if sample is not None and e.sample_declared:
        return mask & sample  # `estimates esample:' said which rows: no fit-time X to compare with
    if sample is not None:
        rows = np.flatnonzero(sample)
        # heckman: X holds the selected rows (looked up on the class: results read by estimates
        # use hold a stand-in fit whose every attribute is r(321))
        within = getattr(type(e.model), "design_rows_within_sample", None)
        within = within.__get__(e.model) if hasattr(within, "__get__") else within
        if within is not None and len(within) == len(rows):
            rows = rows[np.asarray(within, bool)]
        if e.macros.get("prefix") == "svy" and e.macros.get("subpop") and len(rows) != e.design.X.shape[0]:
            # svy, subpop(): the fit's X holds the subpopulation; margins averages over all of
            # e(sample) (_marg_work's t_touse; the fit's subpopulation t_esub is only marked)
            from mlmcli.commands.estimation.survey_sample import subpopulation_rows

            rows = np.flatnonzero(subpopulation_rows(session, e.macros["subpop"], sample))
        if len(rows) == e.design.X.shape[0]:
            # up to 20,000 evenly spaced rows: a re-sort since the fit shows in almost all of them
            pick = np.unique(np.linspace(0, len(rows) - 1, min(len(rows), 20_000)).astype(np.int64))
            X_now = np.asarray(e.design.columns(data, rows[pick]), float)
            if np.array_equal(X_now, e.design.X[pick], equal_nan=True):
                return mask & sample
    current = sample_in_current_order(session, e) if hasattr(e.model, "re_terms") else None
    if current is None:
        raise StataError(NOT_IN_MEMORY, 459)
    return mask & current


def _weights(session, e, cmd, noweights: bool, mask: np.ndarray) -> tuple[np.ndarray, str | None]:
    from mlmcli.commands.estimation.mixed import evaluate_weight
    from mlmcli.parser import weight_kind

    n = session.data.nobs
    if cmd.weight is not None:
        kind = {"weight": "aweight"}.get(weight_kind(cmd.weight), weight_kind(cmd.weight))
        return evaluate_weight(session, cmd.weight.exp), kind
    if noweights or not e.macros.get("wtype"):
        return np.ones(n), None
    exp = e.macros.get("wexp", "").lstrip("= ").strip()
    return evaluate_weight(session, exp), e.macros["wtype"]


def value_labels(session, variables, rows) -> dict:
    """var -> {value: value-label text} for the labelled variables among ``variables`` (the
    labels of the values they take are looked up once per label set, not per row)."""
    from mlmcli.syntax.settings import setting_value

    data = session.data
    out: dict = {}
    if setting_value(session, "fvlabel") == "off":  # set fvlabel off: the levels' values (_ms_display)
        return out
    for v in dict.fromkeys(variables):
        if v == "_at" or v not in data.df.columns or data.value_label_of.get(v) is None:
            continue
        texts = {}
        for val, lab in data.value_labels.get(data.value_label_of[v], {}).items():
            try:
                texts[float(val)] = lab
            except (TypeError, ValueError):
                continue
        out[v] = texts
    return out


def _operated_exists(data, name: str) -> bool:
    """``L.x2``: a time-series operated covariate whose variable is in the data."""
    try:
        data.resolve(name, allow_abbrev=False)
    except StataError:
        return False
    return True


def setup(session, cmd, opts: dict, extra_vars=()) -> MarginsSetup:
    """Read the sample and the model (see ``MarginsSetup``)."""
    from mlmcli.margins.covariates import SampleValues, design_terms
    from mlmcli.syntax.coefnames import split_eq

    e, fit = margins_fit(session)
    design = e.design
    # multi-equation fits: the other equations' names (on the class, as above)
    other = getattr(type(fit), "margins_other_labels", None)
    terms = design_terms(design.labels, design.recipes, other(fit) if other is not None else (),
                         getattr(design, "dropped_empty", ()))
    data = session.data
    variables = list(terms.variables)
    for v in variables + list(extra_vars):
        if v not in data.df.columns and not ("." in v and _operated_exists(data, v)):
            raise StataError(f"variable {v} not found", 111)
    mask = _sample_rows(session, e, cmd, bool(opts.get("noesample")), variables)
    w, wtype = _weights(session, e, cmd, bool(opts.get("noweights")), mask)
    mask &= ~np.isnan(w)
    rows = np.flatnonzero(mask)
    if not len(rows):
        raise StataError("no observations", 2000)
    values = {v: data.numeric(v)[rows] for v in dict.fromkeys(variables + list(extra_vars))}
    weights = w[rows] if wtype else np.ones(len(rows))
    n_obs = int(round(weights.sum())) if wtype == "fweight" else len(rows)
    coefs = e.coefficients()
    names = coefs.names
    chosen = getattr(type(fit), "margins_first_equation", None)  # mprobit: e(b)'s first is the base outcome's
    first_eq = chosen(fit) if chosen is not None else split_eq(names[0])[0] if names else ""
    where = {split_eq(n)[1]: i for i, n in enumerate(names) if split_eq(n)[0] == first_eq}
    try:
        beta_index = np.array([where[c] for c in design.column_names], int)
    except KeyError as err:
        raise StataError(f"{err.args[0]} not found in e(b)", 111) from None
    df_r = e.residual_df()
    if opts.get("df") is not None:
        try:
            df_r = float(opts["df"])
        except ValueError:
            raise StataError("df() invalid", 198) from None
    level = confidence_level(opts, float(getattr(session, "level", 95.0)))
    return MarginsSetup(e, terms, rows, SampleValues(values, weights.astype(float)), wtype is not None, wtype,
                        n_obs, names, coefs.b, coefs.V, beta_index, df_r, level, {}, model_vce_text(e))


def prediction_for(setup_: MarginsSetup, session, opts: dict):
    """The fit's prediction for predict() (or the expression() prediction) and its e(b)
    positions: (prediction, Parameters, Expression text)."""
    from mlmcli.margins.estimate import Parameters

    fit = setup_.e.model
    if opts.get("expression") is not None:
        from mlmcli.commands.postestimation.margins_expression import expression_prediction

        pred, text = expression_prediction(session, setup_, str(opts["expression"]))
    else:
        popt = str(opts.get("predict") or "").strip()
        pred = fit.margins_prediction(popt)
        if hasattr(pred, "bind_session"):  # nl's yhat: e(sexp) evaluated by the expression engine
            pred.bind_session(session)
        text = f"{pred.label}, predict({popt})"
    where = {n: i for i, n in enumerate(setup_.names)}
    try:
        anc = np.array([where[n] for n in pred.ancillary], int)
    except KeyError as err:
        raise StataError(f"{err.args[0]} not found in e(b)", 111) from None
    return pred, Parameters(setup_.b, setup_.beta_index, anc), text


def effect_of(opts: dict) -> tuple[str, str | None]:
    found = [k for k in ("dydx", "eyex", "dyex", "eydx") if opts.get(k) is not None]
    if len(found) > 1:
        raise StataError(f"options {found[0]}() and {found[1]}() may not be combined", 198)
    return (found[0], opts[found[0]]) if found else ("margin", None)


def effect_variables(session, terms, text: str, effect: str) -> list[str]:
    """dydx()/eyex()/... varlist -> model variables in e(b) order (``*``/``_all``: every one)."""
    from mlmcli.factor_terms import close_operator_gaps

    words = close_operator_gaps(str(text)).split()  # dydx(i. f) is dydx(i.f), as the varlists read it
    model_vars = list(terms.variables)
    if not words:
        raise StataError("varlist required", 100)
    out: list[str] = []
    for w in words:
        name = re.sub(r"^(i|c)\.", "", w)
        if name in ("*", "_all"):
            hits = model_vars
        elif any(ch in name for ch in "*?~-"):
            import fnmatch

            hits = [v for v in model_vars if fnmatch.fnmatchcase(v, name)]
            if not hits:
                raise StataError(f"'{w}' not found in list of covariates", 322)
        else:
            try:
                full = session.data.resolve(name)
            except StataError:
                raise StataError(f"'{w}' not found in list of covariates", 322) from None
            if full not in model_vars:
                raise StataError(f"'{w}' not found in list of covariates", 322)
            hits = [full]
        for h in hits:
            if h not in out:
                out.append(h)
    if effect in ("eyex", "dyex", "eydx"):
        if any(terms.is_factor(v) for v in out if len(words) == 1 and words[0] not in ("*", "_all")):
            raise StataError(f"factor variables not allowed in {effect}()", 198)
        out = [v for v in out if not terms.is_factor(v)]
        if not out:
            raise StataError(f"factor variables not allowed in {effect}()", 198)
    return [v for v in model_vars if v in out]


def omitted_effects(names, terms, wrt) -> set[str]:
    """The continuous dy/dx variables every e(b) column of which is omitted (``o.x2``,
    ``1b.g#co.x2``): their derivative is identically 0 and Stata's table, after
    ``ereturn post ..., findomitted``, shows ``0  (omitted)`` for them and _marg_report's
    ``dy/dx w.r.t.`` legend leaves them out (``_ms_parse_parts``' r(omit))."""
    seen: dict[str, bool] = {}
    for name in names:
        for part in str(name).split(":")[-1].split("#"):
            op, dot, var = part.rpartition(".")
            if not dot:
                op, var = "", part
            seen[var] = seen.get(var, True) and "o" in op.lower()
    return {v for v in wrt if not terms.is_factor(v) and seen.get(v, False)}

