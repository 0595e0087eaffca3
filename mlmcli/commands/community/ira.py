"""``ira judge_id rating [if] [in] [, item(item_id) group(group_id) options(#)
distribution(#)]`` (Lorenz Graf-Vlachy, SSC 2017): within-group interrater agreement --
rwg(j) under several null distributions, r*wg(j), r'wg(A..D), awg(j), ADM(j), ADMd(j) --
per group, reported as mean, median and range across groups
(``mlmcli.rater_agreement.within_group_agreement`` holds the formulas).

As the ado-file does: rows with a missing judge, rating, item or group are left out; ratings
must lie in 1..options() (default 7) and every judge of a group must rate every item once
(r(198) otherwise); rwg(j) values outside [0, 1] are noted and set to 0 before the summary;
the non-uniform null distributions need 5 to 11 response options; the rwg(j) of
``distribution()`` is shown only when that option is given (r() has it always).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec
from mlmcli.syntax.varlist import counted_varlist
from mlmcli.sorted_codes import unique_rows

HELP = {"ira": "ira judge_id rating [if] [in] [, item(item_id) group(group_id) options(#) distribution(#)] : "
               "rwg(j), r*wg(j), r'wg, awg(j), AD(j) within-group agreement (community command)"}

_SPECS = [OptionSpec("item", None, True), OptionSpec("group", None, True), OptionSpec("options", None, True),
          OptionSpec("distribution", None, True)]
_RWG_LABELS = {"unif": "uniform", "slight_skew": "slight skew", "mod_skew": "moderate skew",
               "heavy_skew": "heavy skew", "tri": "triangular", "norm": "normal"}


def _number(opts: dict, name: str, default: float, integer: bool) -> float:
    if opts.get(name) in (None, True):
        return default
    text = str(opts[name]).strip()
    try:
        value = float(text)
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if integer and not value.is_integer():
        raise StataError(f"option {name}() incorrectly specified", 198)
    return value


def _codes(session, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group codes of a variable (numeric or string) on ``rows`` and where it is missing."""
    ds = session.data
    if ds.is_string(name):
        values = ds.df[name].to_numpy()[rows].astype(str)
        missing = values == ""
    else:
        values = ds.numeric(name)[rows]
        missing = np.isnan(values)
    codes = np.unique(values, return_inverse=True)[1].ravel()
    return codes, missing


def cmd_ira(session, cmd) -> None:
    from mlmcli.sample import mark_sample
    from mlmcli.rater_agreement import NULL_NAMES, across_groups, within_group_agreement
    from mlmcli.render.within_group_agreement import render_within_group_agreement
    from mlmcli.results.within_group_agreement import AgreementRow, WithinGroupAgreement
    from mlmcli.syntax.options import resolve_options

    opts = resolve_options(cmd.options, _SPECS)
    names = counted_varlist(session.data, cmd.args, 2, 2, empty_ok=True)
    options = int(_number(opts, "options", 7, True))
    distribution = _number(opts, "distribution", -1.0, False)
    if options < 2:
        raise StataError("Invalid value: Scale cannot have a less than two response options", 198)
    if distribution == 0:
        raise StataError("Invalid value: Variance of user-specified null distribution cannot be zero", 198)
    judge_var, rating_var = names
    rows = mark_sample(session, cmd, [])
    warnings = []
    if session.data.is_string(rating_var):
        try:
            raw = session.data.df[rating_var].to_numpy()[rows].astype(str)
            rating = np.array([float(v) if v.strip() else np.nan for v in raw])
        except ValueError:
            raise StataError("Invalid data: Ratings contain non-numeric value(s)", 198) from None
    else:
        rating = session.data.numeric(rating_var)[rows]
    judge, judge_missing = _codes(session, judge_var, rows)
    keep = ~judge_missing & ~np.isnan(rating)
    group = np.zeros(int(rows.sum()), int)
    item = np.zeros_like(group)
    if opts.get("group") not in (None, True):
        group, missing = _codes(session, session.data.expand_varlist(str(opts["group"]).strip())[0], rows)
        keep &= ~missing
    if opts.get("item") not in (None, True):
        item, missing = _codes(session, session.data.expand_varlist(str(opts["item"]).strip())[0], rows)
        keep &= ~missing
    judge, rating, group, item = judge[keep], rating[keep], group[keep], item[keep]
    if rating.size == 0:
        raise StataError("No data", 198)
    if np.any(rating != np.round(rating)):
        warnings.append("Warning: Ratings contain non-integer value(s)")
    if rating.max() > options:
        raise StataError(f"Invalid value: Data contains rating(s) > {options}, outside the scale range", 198)
    if rating.min() < 1:
        raise StataError("Invalid value: Data contains rating(s) < 1, outside the scale range", 198)
    n_items = np.unique(item).size
    pairs, counts = unique_rows(np.column_stack([group, judge]), return_counts=True)
    if np.any(counts != n_items):
        raise StataError("Not all judges provided exactly one rating per item per group\nPossible causes:\n"
                         "- Missing data: Not all judges provided ratings for all items\n"
                         "- Duplicate data: Judge(s) provided multiple ratings for items\n"
                         "- Command misspecification: Please check if specification of groups and items is "
                         "correct", 198)
    per_group = within_group_agreement(judge, rating, group, item, options, distribution)

    returns: dict[str, float] = {}

    def row(label: str, key: str, truncate: bool = False) -> AgreementRow:
        values = per_group[key]
        notes = []
        if truncate:
            if np.nanmin(values) < 0 if np.isfinite(values).any() else False:
                notes.append("   Note: rwg < 0 in at least one group")
            if np.nanmax(values) > 1 if np.isfinite(values).any() else False:
                notes.append("   Note: rwg > 1 in at least one group")
            values = np.where((values < 0) | (values > 1), 0.0, values)
        mean, median, spread = across_groups(values)
        returns.update({f"{key}_mean": mean, f"{key}_median": median, f"{key}_range": spread})
        return AgreementRow(label, mean, median, spread, tuple(notes))

    rwg_keys = ["unif"] + (list(NULL_NAMES) if f"rwg_{NULL_NAMES[0]}" in per_group else [])
    blocks = [tuple(row(f"rwg(j) [null distribution: {_RWG_LABELS[k]}]", f"rwg_{k}", True) for k in rwg_keys)]
    custom = row(f"rwg(j) [null distribution variance: {distribution:.4f}] ", "rwg_custom", True)
    if distribution != -1:
        blocks.append((custom,))
    blocks.append((row("r*wg(j)", "rstarwg"),))
    blocks.append(tuple(row(f"r'wg({x})", f"rapowg{x}") for x in "ABCD"))
    awg = row("awg(j)", "awg")
    missing_awg = int(np.sum(~np.isfinite(per_group["awg"])))
    if missing_awg:
        awg = AgreementRow(awg.label, awg.mean, awg.median, awg.range,
                           (f"   Note: awg(j) omitted for {missing_awg:4d} group{' ' if missing_awg == 1 else 's'}",))
    blocks.append((awg,))
    blocks.append((row("ADM(j)", "ADM"), row("ADMd(j)", "ADMd")))
    n_groups = int(per_group["n_groups"])
    result = WithinGroupAgreement(int(rating.size), n_items, n_groups, options, tuple(blocks), tuple(warnings))
    session.print(render_within_group_agreement(result))
    session.set_r({"N": float(rating.size), "J": float(n_items), "groups": float(n_groups), "A": float(options),
                   **returns})
