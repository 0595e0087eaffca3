"""The tables of [ST] epitab: ``cs``/``csi`` (cohort studies), ``cc``/``cci`` (case-control
studies), ``mcc``/``mcci`` (matched pairs), ``tabodds`` and ``mhodds`` (``ir``/``iri`` are in
``ir.py``).  Numbers in ``mlmcli.epitab`` and its neighbours, tables in ``mlmcli.render.epitab``.

``cs casevar exposedvar [if] [in] [fweight] [, or woolf tb exact level(#)]`` and
``csi #a #b #c #d [, or woolf tb exact level(#)]``;
``cc casevar exposedvar [if] [in] [fweight] [, cornfield woolf tb exact level(#)]`` and
``cci #a #b #c #d [, cornfield woolf tb exact level(#)]``.
As cs.ado/cc.ado, a case or exposure is any nonzero value (missing rows leave the sample), the
exposure's variable label (or name) heads the columns, and r() is csi's/cci's.
Stratified tables (``by()``, ``pool``, ``standard()``, ``estandard``, ``istandard``, ``rd``,
``bd``, ``tarone``, ``binomial()``) are not implemented yet and are refused with r(198).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options
from mlmcli.sorted_codes import row_codes

_NOT_YET = ("standard", "estandard", "istandard", "rd", "binomial", "fast")
_NEED_BY = ("pool", "nocrude", "nohom", "nohet", "bd", "tarone")
CS_OPTIONS = [OptionSpec(*row) for row in (
    ("or", 2), ("woolf", 1), ("tb", 2), ("exact", 1), ("level", 1, True), ("by", 2, True),
    ("pool", 1), ("standard", 1, True), ("estandard", 2), ("istandard", 2), ("rd", 2), ("binomial", 1, True),
    ("fast", 1), ("nocrude", 3), ("nohom", 5), ("nohet", 5))]
CSI_OPTIONS = [OptionSpec(*row) for row in (
    ("or", 2), ("woolf", 1), ("tb", 2), ("exact", 1), ("level", 1, True))]
CC_OPTIONS = [OptionSpec(*row) for row in (
    ("cornfield", 2), ("woolf", 1), ("tb", 2), ("exact", 1), ("level", 1, True), ("by", 2, True),
    ("bd", 2), ("tarone", 1), ("binomial", 1, True), ("pool", 1), ("standard", 1, True),
    ("estandard", 2), ("istandard", 2), ("fast", 1), ("nocrude", 3), ("nohom", 5), ("nohet", 5))]
MCC_OPTIONS = [OptionSpec("level", 1, True), OptionSpec("tb", 2)]
CCI_OPTIONS = [OptionSpec(*row) for row in (
    ("cornfield", 2), ("woolf", 1), ("tb", 2), ("exact", 1), ("level", 1, True))]


def _refuse_stratified(opts: dict) -> None:
    if not opts.get("by"):
        for name in _NEED_BY:   # cs.ado/cc.ado ignore them without by(); mlm refuses
            if opts.get(name):
                raise StataError(f"option {name} not allowed", 198)
    for name in _NOT_YET:
        if opts.get(name):
            raise StataError(f"option {name}() not allowed" if name in ("by", "standard", "binomial")
                             else f"option {name} not allowed", 198)


def _immediate_cells(args: str) -> tuple[float, float, float, float]:
    """Four nonnegative integers, as ``confirm integer number`` and csi.ado check them."""
    words = args.replace(",", " ").split()
    if len(words) < 4:
        raise StataError("invalid syntax", 198)
    cells = []
    for word in words[:4]:
        try:
            value = float(word)
        except ValueError:
            raise StataError(f"'{word}' found where integer expected", 7) from None
        if value != int(value):
            raise StataError(f"'{word}' found where integer expected", 7)
        cells.append(value)
    if len(words) > 4:
        raise StataError("invalid syntax", 198)
    if min(cells) < 0:
        raise StataError("negative numbers invalid", 498)
    return tuple(cells)


def _data_columns(session, cmd, by: str | None = None):
    """Case and exposure (nonzero) of the rows in the sample, their counts (fweights), the
    by() variable's values there, and the exposure's heading."""
    from mlmcli.commands.statistics.epitab_sample import epitab_sample

    ds = session.data
    names, by_name, rows, count = epitab_sample(session, cmd, 2, by or "")
    by_names = [by_name] if by_name else []
    case, exposed = (ds.numeric(n)[rows] != 0 for n in names)
    groups = None
    if by_names:
        from mlmcli.commands.data.common import value_text
        raw = np.asarray(ds.column(by_names[0]))[rows] if ds.is_string(by_names[0]) else ds.numeric(by_names[0])[rows]
        groups = (raw, lambda v: value_text(ds, by_names[0], v))
    label = ds.var_labels.get(names[1], "") or names[1]
    if "(" in label or ")" in label:   # _crcvarl: brackets for parentheses
        label = label.replace("(", "[").replace(")", "]").strip()
    by_label = (ds.var_labels.get(by_names[0], "") or by_names[0]) if by_names else ""
    return case, exposed, count, groups, label, by_label


def _data_cells(session, cmd):
    case, exposed, count, _, label, _ = _data_columns(session, cmd)
    cells = tuple(float(count[c & e].sum()) for c, e in
                  ((case, exposed), (case, ~exposed), (~case, exposed), (~case, ~exposed)))
    return cells, label


def _cohort(session, cmd, opts: dict, cells, stub: str) -> None:
    from mlmcli.epitab import cohort_table
    from mlmcli.render.epitab import render_cohort

    if opts.get("woolf") and not opts.get("or"):
        raise StataError("woolf option only valid with OR", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    odds = None
    if opts.get("or"):
        odds = "woolf" if opts.get("woolf") else ("tb" if opts.get("tb") else "cornfield")
    result = cohort_table(*cells, level, odds=odds, tb=bool(opts.get("tb")), exact=bool(opts.get("exact")))
    session.print(render_cohort(result, format(level, "g"), stub))
    r = {}
    if opts.get("exact"):
        r.update(p1_exact=result.p1_exact, p_exact=result.p_exact)
    else:
        r.update(chi2=result.chi2, p=result.p)
    r.update(rd=result.rd.value, lb_rd=result.rd.lb, ub_rd=result.rd.ub,
             rr=result.rr.value, lb_rr=result.rr.lb, ub_rr=result.rr.ub)
    if result.odds is not None:
        r.update({"or": result.odds.value, "lb_or": result.odds.lb, "ub_or": result.odds.ub})
    r.update(afe=result.afe.value, lb_afe=result.afe.lb, ub_afe=result.afe.ub, afp=result.afp)
    session.set_r(r)


def _case_control(session, cmd, opts: dict, cells, stub: str) -> None:
    from mlmcli.epitab import case_control_table
    from mlmcli.render.epitab import render_case_control

    level = confidence_level(opts, getattr(session, "level", 95.0))
    method = next((m for m in ("woolf", "tb", "cornfield") if opts.get(m)), "exact")
    # cci.ado: with a zero cell the note is shown only with woolf, tb or cornfield
    note = ""
    if method != "exact" and (min(cells[:3]) == 0 or (cells[3] == 0 and method == "cornfield")):
        note = "Note: Exact confidence levels not possible with zero count cells."
    result = case_control_table(*cells, level, method=method, exact=bool(opts.get("exact")))
    session.print(render_case_control(result, format(level, "g"), stub, note))
    r = {"or": result.odds.value, "lb_or": result.odds.lb, "ub_or": result.odds.ub,
         "afe": result.afe.value, "lb_afe": result.afe.lb, "ub_afe": result.afe.ub, "afp": result.afp}
    if opts.get("exact"):
        r.update(p_exact=result.p_exact, p1_exact=result.p1_exact)
    else:
        r.update(p=result.p, chi2=result.chi2)
    session.set_r(r)


def _split_immediate(cmd) -> str:
    return re.sub(r"\s+", " ", cmd.args or "").strip()


def cmd_csi(session, cmd) -> None:
    opts = resolve_options(cmd.options, CSI_OPTIONS)
    _cohort(session, cmd, opts, _immediate_cells(_split_immediate(cmd)), "")


def cmd_cs(session, cmd) -> None:
    opts = resolve_options(cmd.options, CS_OPTIONS)
    if opts.get("woolf") and not opts.get("or"):
        raise StataError("woolf option only valid with OR", 198)
    _refuse_stratified(opts)
    if opts.get("by"):
        return _stratified(session, cmd, opts, case_control=False)
    cells, stub = _data_cells(session, cmd)
    _cohort(session, cmd, opts, cells, stub)


def cmd_cci(session, cmd) -> None:
    opts = resolve_options(cmd.options, CCI_OPTIONS)
    _case_control(session, cmd, opts, _immediate_cells(_split_immediate(cmd)), "")


def cmd_cc(session, cmd) -> None:
    opts = resolve_options(cmd.options, CC_OPTIONS)
    _refuse_stratified(opts)
    if opts.get("by"):
        return _stratified(session, cmd, opts, case_control=True)
    cells, stub = _data_cells(session, cmd)
    _case_control(session, cmd, opts, cells, stub)


def _stratified(session, cmd, opts: dict, *, case_control: bool) -> None:
    """``by(varname)``: the strata's estimates, the crude one, M-H (and pooled) and the tests."""
    from mlmcli.epitab import case_control_table, cohort_table
    from mlmcli.epitab_strata import odds_ratio_strata, risk_ratio_strata, strata_cells
    from mlmcli.render.epitab import render_strata

    by_text = str(opts["by"]).strip()
    level = confidence_level(opts, getattr(session, "level", 95.0))
    case, exposed, count, (groups, show), _, by_label = _data_columns(session, cmd, by_text)
    if case_control and by_label == by_text.strip() and len(by_label) > 12:
        by_label = by_label[:10] + "~" + by_label[-1]    # abbrev(by, 12)
    tables = [(show(g), cells) for g, cells in strata_cells(case, exposed, count, groups)]
    crude_cells = tuple(sum(t[1][k] for t in tables) for k in range(4))
    tb = bool(opts.get("tb"))
    if case_control or opts.get("or"):
        method = next((m for m in ("woolf", "tb", "cornfield") if opts.get(m)),
                      "exact" if case_control else "cornfield")
        result = odds_ratio_strata(tables, level, method, pool=bool(opts.get("pool")), bd=bool(opts.get("bd")),
                                   tarone=bool(opts.get("tarone")), tb=tb, case_control=case_control)
        crude = case_control_table(*crude_cells, level, method=method, exact=bool(opts.get("exact"))) \
            if case_control else cohort_table(*crude_cells, level, odds=method, tb=tb)
        crude_estimate = crude.odds
    else:
        result = risk_ratio_strata(tables, level, tb=tb, pool=bool(opts.get("pool")))
        crude = cohort_table(*crude_cells, level, tb=tb)
        crude_estimate = crude.rr
    crude_tag = crude_estimate.label if case_control else ""
    session.print(render_strata(result, by_label, format(level, "g"), crude_estimate, crude_tag,
                                case_control=case_control, show_crude=not opts.get("nocrude"),
                                show_tests=not (opts.get("nohom") or opts.get("nohet"))))
    name = result.measure.lower()
    r = {name: result.combined.value, f"lb_{name}": result.combined.lb, f"ub_{name}": result.combined.ub}
    if not opts.get("nocrude"):
        r.update(crude=crude_estimate.value, lb_crude=crude_estimate.lb, ub_crude=crude_estimate.ub,
                 afp=crude.afp)
    if result.measure == "OR":
        r["chi2"] = result.mh_chi2
    if result.pooled is not None:
        r.update(pooled=result.pooled.value, lb_pooled=result.pooled.lb, ub_pooled=result.pooled.ub)
    if not (opts.get("nohom") or opts.get("nohet")):
        for test in result.tests:
            if test.df <= 0:
                continue
            key = {"B-D": "bd", "Tarone": "t"}.get(test.name)
            if key:
                r.update({f"chi2_{key}": test.chi2, f"df_{key}": test.df})
            else:
                r["df"] = test.df
                r["chi2_mh" if (test.name == "M-H" and not case_control) else "chi2_p"] = test.chi2
    session.set_r(r)


def _matched(session, cells, opts: dict) -> None:
    from mlmcli.matched_pairs import matched_pairs
    from mlmcli.render.epitab import render_matched_pairs

    level = confidence_level(opts, getattr(session, "level", 95.0))
    result = matched_pairs(*cells, level, tb=bool(opts.get("tb")))
    session.print(render_matched_pairs(result, format(level, "g")))
    r = {"chi2": result.chi2, "or": result.odds.value, "lb_or": result.odds.lb, "ub_or": result.odds.ub}
    for key, est in (("D_f", result.difference), ("R_f", result.ratio), ("RD_f", result.relative_difference)):
        r.update({key: est.value, f"lb_{key}": est.lb, f"ub_{key}": est.ub})
    r["p_exact"] = result.p_exact
    session.set_r(r)


def cmd_mcci(session, cmd) -> None:
    opts = resolve_options(cmd.options, MCC_OPTIONS)
    _matched(session, _immediate_cells(_split_immediate(cmd)), opts)


def cmd_mcc(session, cmd) -> None:
    """``mcc exposed_case exposed_control``: one row per matched pair."""
    opts = resolve_options(cmd.options, MCC_OPTIONS)
    cells, _ = _data_cells(session, cmd)
    _matched(session, cells, opts)


TABODDS_OPTIONS = [OptionSpec(*row) for row in (
    ("level", 1, True), ("or", 2), ("adjust", 3, True), ("base", 4, True), ("binomial", 1, True),
    ("cornfield", 2), ("woolf", 1), ("tb", 2), ("graph", 1), ("ciplot", 2))]


def cmd_tabodds(session, cmd) -> None:
    """``tabodds casevar [expvar] [if] [in] [fweight] [, level(#) or base(#)]``: the odds by
    level; with ``or`` the odds ratio of each level against the base level (the first, or the
    base()-th) in place of the odds (tab_or.ado, called by tabodds.ado with its noadj).
    adjust(), binomial(), cornfield, woolf, tb, graph and ciplot are not yet implemented and
    are refused (r(198))."""
    from mlmcli.commands.data.common import mark, value_text, weights
    from mlmcli.odds_table import odds_table
    from mlmcli.render.epitab import abbreviate_label, render_odds_table
    from mlmcli.syntax.varlist import counted_varlist

    opts = resolve_options(cmd.options, TABODDS_OPTIONS)
    for name in ("adjust", "binomial", "cornfield", "woolf", "tb", "graph", "ciplot"):
        if opts.get(name):
            raise StataError(f"option {name}() not allowed" if name in ("adjust", "base", "binomial")
                             else f"option {name} not allowed", 198)
    ds = session.data
    if opts.get("base") and not opts.get("or"):
        raise StataError("base() option only valid with OR", 198)
    names = counted_varlist(ds, cmd.args, 1, 2)
    if opts.get("or") and len(names) < 2:  # tabodds.ado calls tab_or, varlist(min=2), first
        raise StataError("too few variables specified", 102)
    for name in names:
        if ds.is_string(name):
            raise StataError(f"nonnumeric variable {name} not allowed", 198)
    rows = mark(session, cmd, names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    outcome = ds.numeric(names[0])[rows]
    if np.any((outcome != 0) & (outcome != 1)):
        raise StataError(f"response {names[0]} not coded 0/1", 198)
    if not rows.any():
        raise StataError("no observations", 2000)
    exposure = ds.numeric(names[1])[rows] if len(names) == 2 else np.ones(outcome.size)
    count = np.ones(outcome.size) if w is None else np.asarray(w, dtype=float)[rows]
    level = confidence_level(opts, getattr(session, "level", 95.0))
    result = odds_table(outcome, exposure, count, level)
    labels = []
    if len(names) == 2:
        labelled = ds.value_label_of.get(names[1])
        for row in result.rows:
            text = value_text(ds, names[1], row.level) if labelled else value_text(ds, names[1], row.level, fmt="%9.0g")
            labels.append(abbreviate_label(text) if labelled else text.strip())
    ratios = _odds_ratio_rows(result, outcome, exposure, count, level, opts.get("base")) if opts.get("or") else None
    session.print(render_odds_table(result, format(level, "g"), names[1] if len(names) == 2 else None, labels,
                                    ratios=ratios))
    if len(names) == 2:
        session.set_r({"p_hom": result.p_hom, "df_hom": result.df_hom, "chi2_hom": result.chi2_hom,
                       "p_trend": result.p_trend, "chi2_tr": result.chi2_trend})
    else:
        last = result.rows[-1]
        session.set_r({"ub_odds": last.ub, "lb_odds": last.lb, "odds": last.odds})


def _odds_ratio_rows(result, outcome, exposure, count, level: float, base_text) -> list:
    """tab_or.ado's rows: at each level of the exposure mhodds's comparison with the base level
    (one stratum: the crude odds ratio, the score chi-squared and the test-based interval); the
    base row compared with itself, which mhodds reports as an odds ratio of 1 with its chi2, p
    and interval missing."""
    from mlmcli.mh_odds import MHOdds, mh_compare

    values = [row.level for row in result.rows]
    base = 1
    if base_text not in (None, True):
        try:
            base = int(str(base_text).strip())
        except ValueError:
            base = 0
        if not 1 <= base <= len(values):  # tabodds.ado's wording for a base() out of range
            raise StataError(f"base() invalid; must be between 1 and {len(values)}", 198)
    strata = np.zeros(outcome.size, dtype=int)
    rows = []
    for k, value in enumerate(values, start=1):
        if k == base:
            nan = float("nan")
            rows.append(MHOdds(1.0, nan, nan, nan, 1, 1))
            continue
        keep = (exposure == value) | (exposure == values[base - 1])
        rows.append(mh_compare(outcome[keep], exposure[keep], count[keep], strata[keep], value,
                               values[base - 1], level))
    return rows


MHODDS_OPTIONS = [OptionSpec(*row) for row in (
    ("level", 1, True), ("compare", 1, True), ("by", 2, True), ("binomial", 1, True))]


def _names_title(names: list[str]) -> str:
    """mhodds.ado's TITle: "a", "a and b", "a, b and c" (names abbreviated)."""
    from mlmcli.render.epitab import abbreviate_label
    if len(names) <= 2:
        return " and ".join(abbreviate_label(n, 12) for n in names)
    short = [abbreviate_label(n, 8) for n in names]
    return ", ".join(short[:-1]) + " and " + short[-1]


def cmd_mhodds(session, cmd) -> None:
    """``mhodds var_case expvar [adjvars] [if] [in] [fweight] [, compare(#,#) level(#)]``.
    by() and binomial() are not yet implemented and are refused (r(198))."""
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.mh_odds import mh_compare, mh_trend
    from mlmcli.render.epitab import abbreviate_label, render_mh_odds
    from mlmcli.syntax.varlist import counted_varlist

    opts = resolve_options(cmd.options, MHODDS_OPTIONS)
    for name in ("by", "binomial"):
        if opts.get(name):
            raise StataError(f"option {name}() not allowed", 198)
    ds = session.data
    names = counted_varlist(ds, cmd.args, 2)
    rows = mark(session, cmd, names, strok=True)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if not rows.any():
        raise StataError("no observations", 2000)
    outcome = ds.numeric(names[0])[rows] if not ds.is_string(names[0]) else None
    if outcome is None or np.any((outcome != 0) & (outcome != 1)):
        raise StataError(f"Response {names[0]} not coded 0/1", 198)
    if ds.is_string(names[1]):
        raise StataError(f"nonnumeric variable {names[1]} not allowed", 198)
    exposure = ds.numeric(names[1])[rows]
    count = np.ones(outcome.size) if w is None else np.asarray(w, dtype=float)[rows]
    adjust = names[2:]
    if adjust:
        keys = [np.asarray(ds.column(n))[rows].astype(str) for n in adjust]
        strata = row_codes(keys)
    else:
        strata = np.zeros(outcome.size, dtype=int)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    short = abbreviate_label(names[1], 12)
    compare = opts.get("compare")
    levels = np.unique(exposure)
    if compare:
        parts = [p.strip() for p in str(compare).split(",")]
        try:
            first, second = (float(p) for p in parts)
        except ValueError:
            raise StataError("invalid compare() option", 198) from None
        texts = parts
    elif levels.size == 2:
        first, second = float(levels[1]), float(levels[0])
        texts = [format(first, "g"), format(second, "g")]
    if compare or levels.size == 2:
        keep = (exposure == first) | (exposure == second)
        result = mh_compare(outcome[keep], exposure[keep], count[keep], strata[keep], first, second, level)
        if adjust:
            title = ["Mantel-Haenszel estimate of the odds ratio",
                     f"Comparing {short}=={texts[0]} vs. {short}=={texts[1]}, controlling for {_names_title(adjust)}"]
        else:
            title = ["Maximum likelihood estimate of the odds ratio", f"Comparing {short}=={texts[0]} vs. {short}=={texts[1]}"]
        trend_of = None
    else:
        result = mh_trend(outcome, exposure, count, strata, level)
        title = [f"Score test for trend of odds with {short}"]
        if adjust:
            title.append(f"controlling for {_names_title(adjust)}")
        trend_of = short
    session.print(render_mh_odds(result, format(level, "g"), title, trend_of))
    session.set_r({"p": result.p, "chi2": result.chi2, "ub_or": result.ub, "lb_or": result.lb, "or": result.odds})


