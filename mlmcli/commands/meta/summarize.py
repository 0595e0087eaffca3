"""``meta summarize [if] [in] [, options]`` ([META] meta summarize): the studies' effect sizes
with their confidence intervals and weights, the overall effect, heterogeneity and the tests;
``subgroup()`` analyses per group with the test of group differences, ``leaveoneout`` the
overall effect without each study in turn.  Numbers in ``mlmcli.meta.estimators``."""
from __future__ import annotations

import math

import numpy as np

from mlmcli.commands.meta import settings as store
from mlmcli.commands.meta.model_options import MODEL_SPECS, model_and_method, se_adjustment
from mlmcli.errors import StataError
from mlmcli.results.meta import Heterogeneity, PooledRow, StudyRow, SummaryTable
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

SPECS = [*MODEL_SPECS, OptionSpec("se", 2, True), OptionSpec("tdistribution", 4), OptionSpec("subgroup", 8, True),
         OptionSpec("sort", 4, True), OptionSpec("eform", 5, True, True), OptionSpec("predinterval", 7, True, True),
         OptionSpec("level", 1, True), OptionSpec("tau2", 4, True), OptionSpec("nostudies", 6),
         OptionSpec("noheader", 8), OptionSpec("nometashow", 10), OptionSpec("metashow", 8),
         OptionSpec("leaveoneout", 11), OptionSpec("cumulative", 6, True), OptionSpec("transform", 9, True),
         OptionSpec("i2", 2, True)]
EFORM_LABELS = {"lnoratio": "Odds Ratio", "lnrratio": "Risk Ratio", "lnorpeto": "Peto's OR"}


class Analysis:
    """What every meta analysis command reads from its options: model, method, level, the SE
    adjustment, t distribution, eform and the declared settings."""

    def __init__(self, session, opts: dict, s):
        typed = model_and_method(opts, binary=s.datatype == "binary")
        self.model, self.method = typed or (s.model, s.method)
        if self.model != "random":
            self.method = "invvariance" if self.method not in ("invvariance", "mhaenszel") else self.method
        if self.method == "mhaenszel" and s.estype not in ("lnoratio", "lnrratio", "rdiff"):
            raise StataError("method mhaenszel allowed only with log odds-ratios, log risk-ratios and risk "
                             "differences", 198)
        self.data = session.data
        self.level = confidence_level(opts, s.level)
        if "se" in opts and "tdistribution" in opts:
            raise StataError("options tdistribution and se() may not be combined", 184)
        if "se" in opts and typed and self.model != "random":
            raise StataError(f"options se() and {self.model} may not be combined\n"
                             "Knapp-Hartung adjustment is available only with random-effects models.", 184)
        self.se = se_adjustment(opts, self.model)
        self.tdist = "tdistribution" in opts
        if self.tdist and self.model != "random":
            raise StataError("option tdistribution allowed only with random-effects models", 198)
        if opts.get("predinterval") is not None and self.model != "random":
            raise StataError("options predinterval and predinterval(#) may be specified only with random-effects "
                             "models", 198)
        eform = opts.get("eform")
        self.eform = eform is not None
        self.eform_label = (eform.strip().strip('"') if isinstance(eform, str) and eform.strip() else
                            EFORM_LABELS.get(s.estype, "exp(ES)"))
        self.settings = s

    def scale(self, x: float) -> float:
        return math.exp(x) if self.eform else x

    @property
    def column_label(self) -> str:
        return self.eform_label if self.eform else self.settings.eslabel  # Stata 16 heads the column with the label

    @property
    def theta_label(self) -> str:
        return "exp(theta)" if self.eform else "theta"


def study_order(session, st, text: str | None) -> np.ndarray:
    """The studies' order: sort(varlist[, descending]) over the data's order."""
    order = np.arange(st.K)
    if not text:
        return order
    from mlmcli.syntax.options import split_options

    head, subs, _ = split_options(text)
    descending = False
    for o in subs:
        if o.name in ("descending", "desc", "descend"):
            descending = True
        else:
            raise StataError("option sort() invalid", 198)
    names = session.data.expand_varlist(head)
    keys = []
    for name in reversed(names):
        if session.data.is_string(name):
            col = np.array([str(x) for x in session.data.df[name].iloc[st.rows]], dtype=object)
        else:
            col = session.data.numeric(name)[st.rows]
        keys.append(col)
    import pandas as pd
    frame = pd.DataFrame({f"k{i}": k for i, k in enumerate(reversed(keys))})
    order = frame.sort_values(list(frame.columns), ascending=not descending, kind="mergesort").index.to_numpy()
    return order


def _sort_names(session, text: str | None) -> str:
    if not text:
        return ""
    from mlmcli.syntax.options import split_options

    head, _, _ = split_options(text)
    return " ".join(session.data.expand_varlist(head))


def pooled_row(a: Analysis, p, label: str) -> PooledRow:
    return PooledRow(label=label, theta=a.scale(p.theta), lo=a.scale(p.ci[0]), hi=a.scale(p.ci[1]),
                     stat=p.stat, p=p.p, df=p.df)


def heterogeneity(p, label: str = "") -> Heterogeneity:
    return Heterogeneity(label=label, df=p.Q_df, Q=p.Q, p=p.Q_p, tau2=p.tau2 if p.model == "random" else None,
                         I2=p.I2, H2=p.H2)


def study_rows(a: Analysis, st, idx, weights) -> tuple[StudyRow, ...]:
    from mlmcli.distributions import norm

    z = float(norm.isf((100 - a.level) / 200))
    return tuple(StudyRow(label=st.labels[i], es=a.scale(st.es[i]), lo=a.scale(st.es[i] - z * st.se[i]),
                          hi=a.scale(st.es[i] + z * st.se[i]), weight=100 * w)
                 for i, w in zip(idx, weights))


def run_pool(a: Analysis, y, se, predinterval=None, tau2=None, rows=None):
    """The pooled effect of the studies ``rows`` (rows of the data: Mantel-Haenszel reads their cells)."""
    from mlmcli.meta.estimators import pool

    if a.method == "mhaenszel":
        return _mantel_haenszel(a, np.asarray(y, float), np.asarray(se, float), rows)
    return pool(y, np.asarray(se) ** 2, a.model, a.method, a.level, a.se, a.tdist, predinterval, tau2)


def _mantel_haenszel(a: Analysis, y, se, rows):
    from dataclasses import replace

    from mlmcli.distributions import norm
    from mlmcli.meta.estimators import pool
    from mlmcli.meta.mantel_haenszel import mantel_haenszel

    from mlmcli.meta.effect_sizes import corrected_cells

    cells = [a.data.numeric(v)[rows] for v in a.settings.summary_vars]
    # the declared zero-cells adjustment applies to the Mantel-Haenszel sums too (Stata 16's
    # weights for a study with a zero cell are those of its adjusted cells)
    value, _, which = a.settings.option("zerocells", "0").partition(",")
    if value.strip() not in ("", "None", "0"):
        cells, _ = corrected_cells(*cells, float(value), which.strip() or "only0")
    theta, theta_se, weights = mantel_haenszel(a.settings.estype, *cells)
    base = pool(y, se ** 2, a.model, "invvariance", a.level)
    K = len(y)
    Q = float(np.sum((y - theta) ** 2 / se ** 2))
    from mlmcli.distributions import chi2
    crit = float(norm.isf((100 - a.level) / 200))
    stat = theta / theta_se
    return replace(base, theta=theta, se=theta_se, stat=stat, p=float(2 * norm.sf(abs(stat))), Q=Q,
                   Q_p=float(chi2.sf(Q, K - 1)) if K > 1 else float("nan"),
                   I2=100 * max(0.0, (Q - (K - 1)) / Q) if K > 1 and Q > 0 else 0.0,
                   H2=Q / (K - 1) if K > 1 else float("nan"), weights=weights, method="mhaenszel",
                   ci=(theta - crit * theta_se, theta + crit * theta_se))


def _predinterval(opts) -> float | None:
    value = opts.get("predinterval")
    if value is None:
        return None
    if value is True:
        return 95.0
    return confidence_level({"level": value}, 95.0)


def _refuse(opts) -> None:
    for name in ("cumulative", "transform", "i2"):
        if name in opts:
            raise StataError(f"meta summarize: option {name}() is not implemented in mlm", 198)


def cmd_summarize(session, cmd, words: list[str]) -> None:
    if words:
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(cmd.options, SPECS)
    _refuse(opts)
    s = store.load(session.data)
    a = Analysis(session, opts, s)
    st = store.studies(session, cmd, s)
    store.require_studies(st, 1)
    pi_level = _predinterval(opts)
    tau2 = None
    if "tau2" in opts:
        if a.model != "random":
            raise StataError("option tau2() allowed only with random-effects models", 198)
        try:
            tau2 = float(opts["tau2"])
        except ValueError:
            raise StataError("option tau2() invalid", 198) from None
    order = study_order(session, st, opts.get("sort"))
    if "leaveoneout" in opts:
        return _leave_one_out(session, a, st, order, opts)
    p = run_pool(a, st.es, st.se, pi_level, tau2, st.rows)
    notes = []
    if not p.converged:
        notes.append("note: the REML/ML iterations did not converge")
    subgroup = opts.get("subgroup")
    if subgroup:
        names = session.data.expand_varlist(subgroup)
        for name in names:
            table = _subgroup_table(session, a, st, order, p, name, opts)
            _print(session, table, opts)
        _returns(session, a, p, st)
        return
    show = "nostudies" not in opts
    rows = study_rows(a, st, order, p.weights[order])
    pi = (pi_level, a.scale(p.pi[0]), a.scale(p.pi[1])) if p.pi is not None else None
    table = SummaryTable(settings=s, model=a.model, method=a.method, level=a.level, K=st.K,
                         heterogeneity=heterogeneity(p), groups=(("", rows, None, None),),
                         overall=pooled_row(a, p, a.theta_label), column_label=a.column_label,
                         theta_label=a.theta_label, se_adjustment="Knapp-Hartung" if a.se else "",
                         predinterval=pi, show_studies=show, notes=tuple(notes),
                         sorted_by=_sort_names(session, opts.get("sort")))
    _print(session, table, opts)
    _returns(session, a, p, st)


def _print(session, table, opts) -> None:
    from mlmcli.render.meta import render_summary

    text = render_summary(table)
    if "noheader" in opts:
        text = text.split("\n\n", 1)[1] if "\n\n" in text else text
    session.print("\n" + text)


def group_values(session, st, name: str) -> tuple[list[str], list[np.ndarray]]:
    ds = session.data
    if ds.is_string(name):
        values = [str(x) for x in ds.df[name].iloc[st.rows]]
        levels = sorted(set(values))
        return levels, [np.array([v == lev for v in values]) for lev in levels]
    col = ds.numeric(name)[st.rows]
    if np.any(np.isnan(col)):
        raise StataError(f"variable {name} contains missing values", 416)
    levels = np.unique(col)
    texts = [ds.value_label_text(name, x) or format(x, "g") for x in levels]
    return texts, [col == lev for lev in levels]


def _subgroup_table(session, a, st, order, overall, name, opts) -> SummaryTable:
    from mlmcli.meta.estimators import subgroup_q

    texts, masks = group_values(session, st, name)
    groups, fits = [], []
    for text, mask in zip(texts, masks):
        idx = [i for i in order if mask[i]]
        p = run_pool(a, st.es[idx], st.se[idx], rows=st.rows[idx])
        fits.append(p)
        # weights within the group, as Stata's subgroup table shows them
        rows = study_rows(a, st, idx, p.weights)
        groups.append((text, rows, pooled_row(a, p, a.theta_label), heterogeneity(p, text)))
    q = subgroup_q(fits)
    return SummaryTable(settings=a.settings, model=a.model, method=a.method, level=a.level, K=st.K,
                        heterogeneity=heterogeneity(overall), groups=tuple(groups),
                        overall=pooled_row(a, overall, a.theta_label), column_label=a.column_label,
                        theta_label=a.theta_label, se_adjustment="Knapp-Hartung" if a.se else "",
                        subgroup_var=name, group_test=q, show_studies="nostudies" not in opts)


def leave_one_out_fits(a, st, order):
    return [run_pool(a, np.delete(st.es, i), np.delete(st.se, i), rows=np.delete(st.rows, i)) for i in order]


def _leave_one_out(session, a, st, order, opts) -> None:
    from mlmcli.render.meta import render_summary

    if st.K < 3:
        raise StataError("leave-one-out meta-analysis requires at least 3 studies", 2001)
    overall = run_pool(a, st.es, st.se, rows=st.rows)
    fits = leave_one_out_fits(a, st, order)
    rows = tuple(StudyRow(label=st.labels[i], es=a.scale(f.theta), lo=a.scale(f.ci[0]), hi=a.scale(f.ci[1]),
                          weight=float("nan")) for i, f in zip(order, fits))
    table = SummaryTable(settings=a.settings, model=a.model, method=a.method, level=a.level, K=st.K,
                         heterogeneity=heterogeneity(overall), groups=(("", rows, None, None),),
                         overall=pooled_row(a, overall, a.theta_label), column_label=a.column_label,
                         theta_label=a.theta_label, se_adjustment="Knapp-Hartung" if a.se else "",
                         notes=("(each study's row: the overall effect size with that study omitted)",))
    text = render_summary(table).replace("Meta-analysis summary", "Leave-one-out meta-analysis")
    session.print("\n" + text)
    _returns(session, a, overall, st)


def _returns(session, a, p, st) -> None:
    r = {"N": float(st.K), "theta": p.theta, "se": p.se, "ci_lb": p.ci[0], "ci_ub": p.ci[1],
         "Q": p.Q, "df_Q": float(p.Q_df), "p_Q": p.Q_p, "I2": p.I2, "H2": p.H2, "level": a.level,
         "p": p.p, "model": a.model, "method": a.method}
    if p.df is None:
        r["z"] = p.stat
    else:
        r["t"] = p.stat
        r["df"] = float(p.df)
    if a.model == "random":
        r["tau2"] = p.tau2
    if p.pi is not None:
        r["pi_lb"], r["pi_ub"] = p.pi
    if a.se:
        r["seadj"] = "khartung"
    session.set_r(r)
