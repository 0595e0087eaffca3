"""svy: tabulate's display: the option checks of _svy_tabulate.ado's CheckSyntax and the
table's items (values with their margins), tests and notes from the estimates
(survey_tabulate.TabulateFit), as Stata 13 shows them.

Margins: the Total column holds the row sums, the Total row the column sums (for row
proportions the Total column is 1 and the Total row the column shares of the whole table;
for column proportions the other way round); their standard errors and design effects are
those of the sums of the cell estimates (counts for count, else cell proportions), shown in
two-way tables only.  Confidence intervals of proportions are logit intervals
(p / (1 + exp(-(logit p -/+ t se / (p (1 - p)))))), of counts t intervals, t on the design df."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

_ITEMS = ("count", "cell", "row", "column", "se", "cv", "ci", "deff", "deft", "obs")


def check_display_options(opts: dict, oneway: bool, level_default: float) -> None:
    """CheckSyntax's errors (messages and return codes of _svy_tabulate.ado)."""
    from mlmcli.render.numfmt import is_valid_format

    if opts.get("null") and not (opts.get("pearson") or opts.get("lr")) and (opts.get("wald") or opts.get("llwald")):
        raise StataError("option null modifies options pearson and lr only", 198)
    if opts.get("noadjust") and not (opts.get("wald") or opts.get("llwald")):
        raise StataError("option noadjust modifies options wald and llwald only", 198)
    fmt = opts.get("format")
    if isinstance(fmt, str) and (not is_valid_format(fmt.strip()) or fmt.strip().endswith("s")):
        raise StataError(f"invalid format {fmt.strip()}" if fmt.strip().startswith("%") else "invalid syntax",
                         120 if fmt.strip().startswith("%") else 198)
    kinds = [k for k in ("cell", "count", "row", "column") if opts.get(k)]
    stats = [k for k in ("se", "cv", "ci", "deff", "deft") if opts.get(k)]
    if stats and len(kinds) > 1:
        raise StataError(f"only one of options cell, count, row, or column can be specified when option {stats[0]} "
                         "is specified", 198)
    if opts.get("percent") and opts.get("proportion"):
        raise StataError("options percent and proportion may not be combined", 184)
    if opts.get("notable"):
        for name in ("proportion", "percent", "vertical", "nomarginals", "nolabel", "format"):
            if opts.get(name):
                raise StataError(f"options notable and {name}{'()' if name == 'format' else ''} may not be combined",
                                 184)
    ncell = sum(bool(opts.get(k)) for k in ("obs", "se", "cv", "deff", "deft"))
    if opts.get("ci") and opts.get("vertical") and ncell > 2:
        raise StataError("only 2 of options se, cv, deff, deft, and obs can be specified when options ci and "
                         "vertical are specified", 198)
    if not opts.get("vertical") and ncell + bool(opts.get("ci")) > 4:
        raise StataError("only 4 of options se, cv, ci, deff, deft, and obs can be specified", 198)
    first = bool(kinds or opts.get("proportion") or opts.get("percent"))
    if first + len(stats) + bool(opts.get("vertical")) >= 5:
        raise StataError("too many display_items options specified; see help svy: tabulate", 198)
    for name in ("cellwidth", "csepwidth", "stubwidth"):  # syntax's integer options
        _width(opts, name, 1)
    if oneway:
        typed = [k for k in ("pearson", "lr", "null", "wald", "llwald", "noadjust") if opts.get(k)]
        if typed:
            raise StataError(f"option {typed[0]} is not allowed with one-way tables", 198)


def _width(opts, name: str, minimum: int) -> int | None:
    value = opts.get(name)
    if value is None or value is False:
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if name == "csepwidth":
        return n if n > 0 else None
    if n < minimum:
        return None
    return min(n, 32) if name == "stubwidth" else n


def tabulation(session, fit, opts: dict, level: float):
    """The SurveyTabulation of ``fit`` under the display options ``opts``."""
    from mlmcli.commands.estimation.survey_sample import header_of
    from mlmcli.results.survey import SurveyTabulation, TableItem
    from mlmcli.syntax.options import confidence_level

    ds = session.data
    t = fit.table
    R, C = t.n_rows, t.n_cols
    oneway = len(fit.variables) == 1
    if opts.get("level") is not None:
        level = confidence_level(opts, level)
    if (opts.get("row") and C == 1 and not oneway) or (opts.get("row") and oneway):
        raise StataError("option row is not allowed for tables with a single column", 198)
    if opts.get("column") and R == 1:
        raise StataError("option column is not allowed for tables with a single row", 198)
    shown = [k for k in _ITEMS if opts.get(k)]
    if not any(k in shown for k in ("cell", "count", "row", "column")):
        shown.insert(0, "cell")
    setype = fit.setype
    if t.missing and setype is not None:  # singleunit(missing): no se, cv or ci
        shown = [k for k in shown if k not in ("se", "cv", "ci")]
    margins = not opts.get("nomarginals")
    grids = _grids(fit, shown, margins, oneway, level, 100.0 if opts.get("percent") else 1.0)
    items = tuple(TableItem(k, *grids[k]) for k in shown)
    if len(items) + sum(k == "ci" for k in shown) > 6:
        raise StataError("too many display_items options specified; see help svy: tabulate", 198)
    nolabel = bool(opts.get("nolabel"))
    stubw = _width(opts, "stubwidth", 4) or 8
    cellw = _width(opts, "cellwidth", 4) or 8
    rlabels = label_texts(ds, fit.variables[0], fit.rvalues, stubw, nolabel)
    clabels = label_texts(ds, fit.variables[1], fit.cvalues, cellw, nolabel) if not oneway else []

    def title(var: str) -> str:
        return var if nolabel else (ds.var_labels.get(var) or var)

    kind = next(k for k in shown if k in ("count", "cell", "row", "column"))
    porp = "percentages" if opts.get("percent") else "proportions"
    item_of = ("weighted counts" if ds_weighted(session) else "counts") if kind == "count" else f"{kind} {porp}"
    tests, messages, notes = _tests_and_notes(fit, opts, oneway, shown)
    summary = None
    if (opts.get("deff") or opts.get("deft")) and R != 1 and C != 1 and "mgdeff" in fit.tests:
        summary = (fit.tests["mgdeff"], fit.tests["cvgdeff"])
    fmt = opts["format"].strip() if isinstance(opts.get("format"), str) else "%6.0g"
    return SurveyTabulation(header=header_of(fit.sample, "", narrow=False), row_title=title(fit.variables[0]),
                            col_title=None if oneway else title(fit.variables[1]), row_labels=tuple(rlabels),
                            col_labels=tuple(clabels), items=items, item_of=item_of, margins=margins,
                            vertical=bool(opts.get("vertical")), percent=bool(opts.get("percent")), level=level,
                            fmt=fmt, cellwidth=_width(opts, "cellwidth", 4), csepwidth=_width(opts, "csepwidth", 1),
                            stubwidth=_width(opts, "stubwidth", 4), table=not opts.get("notable"), tests=tests,
                            messages=messages, deff_summary=summary, notes=notes)


def ds_weighted(session) -> bool:
    from mlmcli.survey.settings import read_settings

    s = read_settings(session.data.chars)
    return bool(s and s.weight_type)


def _grid(cells: np.ndarray, rows, cols, grand, R: int, C: int, margins: bool, oneway: bool):
    """(R [+1]) x (C [+1]) values: the cells, the Total column (rows), the Total row (cols)."""
    nan = float("nan")
    table = np.asarray(cells, float).reshape(R, C)
    out = [list(map(float, table[i])) + ([float(rows[i]) if rows is not None else nan] if margins and not oneway
                                        else []) for i in range(R)]
    if margins:
        last = [float(cols[j]) if cols is not None else nan for j in range(C)]
        out.append(last + ([float(grand) if grand is not None else nan] if not oneway else []))
    return tuple(tuple(r) for r in out)


def _grids(fit, shown, margins: bool, oneway: bool, level: float, porp: float) -> dict:
    from mlmcli import distributions as stats
    from mlmcli.survey.tabulate import margins as margin_variances

    t = fit.table
    R, C = t.n_rows, t.n_cols
    p = t.cell.b.reshape(R, C)
    prow, pcol = p.sum(axis=1), p.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rowshare = np.where(prow[:, None] > 0, p / prow[:, None], 0.0)
        colshare = np.where(pcol[None, :] > 0, p / pcol[None, :], 0.0)
    values = {"count": (t.total * p, t.total * prow, t.total * pcol, t.total),
              "cell": (porp * p, porp * prow, porp * pcol, porp),
              "row": (porp * rowshare, porp * (prow != 0), porp * pcol, porp),
              "column": (porp * colshare, porp * prow, porp * (pcol != 0), porp)}
    kind = next(k for k in shown if k in values)
    est = {"cell": t.cell, "count": t.count}.get(fit.setype, t.shares)
    scale = 1.0 if fit.setype == "count" else porp
    base = t.count if fit.setype == "count" else t.cell
    Vr, Vc = margin_variances(base.V, R, C)
    Sr, Sc = margin_variances(base.V_srs, R, C)
    two_way_margins = margins and not oneway
    se = scale * np.sqrt(np.clip(np.diag(est.V), 0, None))
    se_rows = scale * np.sqrt(np.clip(np.diag(Vr), 0, None)) if two_way_margins and kind != "row" else None
    se_cols = scale * np.sqrt(np.clip(np.diag(Vc), 0, None)) if two_way_margins and kind != "column" else None
    out = {k: (_grid(*values[k], R, C, margins, oneway),) for k in values}
    out["se"] = (_grid(se, se_rows, se_cols, None, R, C, margins, oneway),)
    x = out[kind][0]
    s = out["se"][0]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["cv"] = (tuple(tuple(100 * a / b if b else float("nan") for a, b in zip(sr, xr))
                           for sr, xr in zip(s, x)),)
        q = float(stats.t.ppf(0.5 + level / 200.0, fit.sample.units.design_df))
        if kind == "count":
            lo = tuple(tuple(a - q * b for a, b in zip(xr, sr)) for xr, sr in zip(x, s))
            hi = tuple(tuple(a + q * b for a, b in zip(xr, sr)) for xr, sr in zip(x, s))
        else:
            lo = tuple(tuple(_logit_bound(a / porp, b / porp, -q) * porp for a, b in zip(xr, sr)) for xr, sr in zip(x, s))
            hi = tuple(tuple(_logit_bound(a / porp, b / porp, q) * porp for a, b in zip(xr, sr)) for xr, sr in zip(x, s))
    out["ci"] = (lo, hi)
    c = _deft_factor(fit)
    for name, root in (("deff", False), ("deft", True)):
        cells = _effects(np.diag(est.V), np.diag(est.V_srs), c, root)
        rows = _effects(np.diag(Vr), np.diag(Sr), c, root) if two_way_margins and kind != "row" else None
        cols = _effects(np.diag(Vc), np.diag(Sc), c, root) if two_way_margins and kind != "column" else None
        out[name] = (_grid(cells, rows, cols, None, R, C, margins, oneway),)
    obs = fit.obs_sub if fit.sample.subpop_given else fit.obs
    grand = float(fit.sample.sub.sum()) if fit.sample.subpop_given else fit.n_obs
    out["obs"] = (_grid(obs, obs.sum(axis=1), obs.sum(axis=0), grand, R, C, margins, oneway),)
    return out


def _deft_factor(fit) -> float:
    """MakeDeff's c: 1 - n/N with an fpc (of the subpopulation under srssubpop), else 1."""
    if not fit.fpc:
        return 1.0
    s = fit.sample
    if fit.srssubpop:
        return 1 - float(s.sub.sum()) / float(s.weights[s.sub].sum())
    return 1 - float(s.touse.sum()) / float(s.weights[s.touse].sum())


def _effects(v, v_srs, c: float, root: bool) -> np.ndarray:
    """DEFF = V / V_srs (DEFT = sqrt(c DEFF)); zero or missing shows as a blank."""
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.asarray(v, float) / np.asarray(v_srs, float)
        f = np.sqrt(c * f) if root else f
    return np.where(np.isfinite(f) & (f != 0), f, np.nan)


def _logit_bound(x: float, se: float, q: float) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        if not (0 < x < 1) or not np.isfinite(se):
            return float("nan")
        return float(1 / (1 + np.exp(-(np.log(x / (1 - x)) + q * se / (x * (1 - x))))))


def _tests_and_notes(fit, opts, oneway: bool, shown):
    """The test blocks (Display's DispStat and DispWald), its messages and notes."""
    from mlmcli.render.survey import MISSING_SE_NOTE
    from mlmcli.results.survey import TableTest

    t = fit.table
    R, C = t.n_rows, t.n_cols
    tests = fit.tests
    messages, notes = [], []
    showtest = True
    zero = any(v == 0 for v in t.cell.b.reshape(R, C).sum(axis=1)) or any(v == 0 for v in t.cell.b.reshape(R, C).sum(axis=0))
    if zero and R > 1 and C > 1:
        messages.append("\n  Table contains a zero in the marginals.\n  Statistics cannot be computed.")
        showtest = False
    if R == 1:
        messages.append("\n  Only one row category.\n  Statistics cannot be computed.")
        showtest = False
    elif C == 1:
        if not oneway:
            messages.append("\n  Only one column category.\n  Statistics cannot be computed.")
        showtest = False
    dfnom = (R - 1) * (C - 1)
    df = fit.sample.units.design_df
    if df < dfnom:
        messages.append(f"Note: Variance estimate degrees of freedom = {df} are less than nominal table degrees "
                        f"of freedom = {dfnom}")
    typed = [k for k in ("pearson", "lr", "wald", "llwald") if opts.get(k)]
    if typed:
        showtest = True
    else:
        typed = ["pearson"]
    blocks = []
    if showtest:
        def get(name, key):
            return float(tests.get(name, {}).get(key, np.nan)) if tests else float("nan")

        for word, title, stat, null in (("pearson", "Pearson:", "Pear", "Penl"),
                                        ("lr", "Likelihood ratio:", "LR", "LRnl")):
            if word in typed:
                lines = [TableTest("Uncorrected", "chi2", dfnom, None, get(stat, "cun"))]
                if opts.get("null"):
                    lines.append(TableTest("D-B (null)", "F", get(null, "df1"), get(null, "df2"), get(null, "F"),
                                           get(null, "p")))
                lines.append(TableTest("Design-based", "F", get(stat, "df1"), get(stat, "df2"), get(stat, "F"),
                                       get(stat, "p")))
                blocks.append((title, tuple(lines)))
        for word, title, stat in (("wald", "Wald (Pearson):", "Wald"), ("llwald", "Wald (log-linear):", "LLW")):
            if word in typed:
                lines = [TableTest("Unadjusted", "chi2", dfnom, None, get(stat, "cun"))]
                if opts.get("noadjust"):
                    lines.append(TableTest("Unadjusted", "F", dfnom, df, get(stat, "Fun"), get(stat, "pun")))
                lines.append(TableTest("Adjusted", "F", dfnom, df - dfnom + 1, get(stat, "F"), get(stat, "p")))
                blocks.append((title, tuple(lines)))
    singleton = t.missing or _single_units(fit)
    with_se = any(k in shown for k in ("se", "cv", "ci")) or (t.missing and any(opts.get(k) for k in ("se", "cv", "ci")))
    rule = fit.sample.units.singleunit
    if showtest and singleton:
        if rule == "missing":
            notes.append("Note: Missing test statistics because of stratum with single sampling unit.")
        elif not with_se:
            notes.append(SINGLETON_NOTES[rule])
    if with_se and singleton:
        notes.append(MISSING_SE_NOTE if rule == "missing" else SINGLETON_NOTES[rule])
    omitted = fit.n_omit
    if omitted and not (with_se and singleton):
        notes.append(f"Note: {omitted} strata omitted because they contain no subpopulation members." if omitted > 1
                     else "Note: 1 stratum omitted because it contains no subpopulation members.")
    return tuple(blocks), tuple(messages), tuple(notes)


# _svy_singleton_note's sentences (the scaled one from a published log; the other two are
# mlm's recollection of Stata's wording)
SINGLETON_NOTES = {"scaled": "Note: Variance scaled to handle strata with a single sampling unit.",
                    "certainty": "Note: Strata with single sampling unit treated as certainty units.",
                    "centered": "Note: Strata with single sampling unit centered at overall mean."}


def _single_units(fit) -> bool:
    units = fit.sample.units
    psu_stratum = np.zeros(units.n_psu, np.int64)
    psu_stratum[units.psu] = units.strata
    n_h = np.bincount(psu_stratum, minlength=units.n_strata)
    return any(n == 1 and h not in units.omitted for h, n in enumerate(n_h))

def label_texts(ds, var: str, values, width: int, nolabel: bool) -> list[str]:
    """Stub or head texts: the value label cut at ``width`` (periods to commas, colons to
    semicolons, as _svy_tabulate's ValueLab makes them) or the value (%10.0g)."""
    from mlmcli.render.numfmt import format_number

    out = []
    for v in values:
        if isinstance(v, str):  # encoded by _svy_tabulate: the string is the value label ("" missing)
            out.append(v[:width].strip().replace(".", ",").replace(":", ";") if v else ".")
            continue
        label = None if nolabel or np.isnan(v) else ds.value_label_text(var, float(v))
        if label is not None:
            out.append(label[:width].strip().replace(".", ",").replace(":", ";"))
        else:
            out.append(format_number(float(v), "%10.0g").strip())
    return out


def setype_of(opts) -> str:
    """The estimate se/cv/ci/deff/deft describe: count, row or column when asked, else cell."""
    if any(opts.get(k) for k in ("se", "cv", "ci", "deff", "deft")):
        for k in ("count", "row", "column"):
            if opts.get(k):
                return k
    return "cell"
