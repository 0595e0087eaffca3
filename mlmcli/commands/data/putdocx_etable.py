"""``putdocx table name = etable[(#1 #2 ...)]``: the coefficient table(s) shown last, as Word
tables ([RPT] putdocx table: "an automatically generated table ... derived from the coefficient
table of the last estimation command, from the table of margins after the last margins
command"; several tables -- mixed's fixed and random-effects parts -- are added as name1,
name2, ... unless etable(numlist) picks some).

Built from the stored results, not from printed text: the estimation table's numbers are its
r(table) (``coefficient_matrix.results_table``: e(b), e(V), e(df_r) at the level and metric the
table was shown in), its rows grouped as the display groups them (``render.coef_table.
table_lines``: factor headings and levels with the data's value labels, equations, ``(base)`` /
``(omitted)``); mixed's random-effects table and the me commands' random-effects rows from the
result object's variance components (the metric the fit showed: variances, or standard
deviations under ``stddeviations``); after margins (posted or not) the margins table from its
MarginsResult; after ``estimates table`` that table (EstimatesTableResult).  Cells hold the numbers in the table's formats (coefficients %9.0g, statistics
%8.2f, p-values %5.3f) or in ``nformat()``'s; the interval's heading spans its two columns.
"""
from __future__ import annotations

import math

from mlmcli.errors import StataError

_STD_ERR = "Std. Err."


def _text(value: float, fmt: str) -> str:
    from mlmcli.render.numfmt import format_number

    return "." if value is None or not math.isfinite(value) else format_number(value, fmt).strip()


class _Formats:
    """The table's cell formats; ``nformat()`` replaces them all; ``raw``: numbers as floats
    (putexcel writes numeric cells), missing as None."""

    def __init__(self, override: str | None, cformat=None, sformat=None, pformat=None, raw: bool = False):
        self.c = override or cformat or "%9.0g"
        self.s = override or sformat or "%8.2f"
        self.p = override or pformat or "%5.3f"
        self.raw = raw

    def num(self, value: float, fmt: str):
        if self.raw:
            return float(value) if value is not None and math.isfinite(value) else None
        return _text(value, fmt)


def _ci_heading(level: float) -> tuple[str, int]:
    from mlmcli.render.coef_table import ci_header

    return (ci_header(level), 2)


# ----------------------------------------------------------------------------- which table

def _shown_source(session):
    """("margins", result) or ("estimation", e, display, options typed or None): what etable exports now -- the table
    shown last when its results are still the active ones, else the active e()'s own table."""
    from mlmcli.results.margins import ContrastResult, MarginsResult

    e = session.e
    shown = getattr(session, "shown_table", None)
    if shown is not None and shown[2] is e and shown[0] in ("margins", "estimates table"):
        return (shown[0], shown[1])
    if e is None:
        raise StataError("last estimates not found", 301)
    if isinstance(e.result, (MarginsResult, ContrastResult)):  # margins, post results restored
        return ("margins", e.result)
    if shown is not None and shown[0] == "estimation" and shown[1] is e:
        return ("estimation", e, shown[2], shown[3] if len(shown) > 3 else None)
    return ("estimation", e, _typed_display(session, e), None)


def _typed_display(session, e):
    """The table display of ``e`` as its command line asked for it (level(), eform options)."""
    from mlmcli.estimation.coefficient_matrix import table_display

    words = str(e.macros.get("cmdline", "") or "").split()
    command = words[0] if words else str(e.cmd or "").split(" ")[0]
    return table_display(session, command, _typed_options(e), e)


# ----------------------------------------------------------------------------- estimation tables

def _coef_rows(session, matrix, columns: list[int], eq_of):
    """CoefRows of r(table)'s ``columns``: b, se, z|t, P, CI, term/level from the name (the
    level in the data's value labels, as the display shows it)."""
    from mlmcli.commands.estimation.level_labels import level_texts_now, relabel_rows
    from mlmcli.postest.coefficient_rows import name_layout
    from mlmcli.results.mixed import CoefRow

    values = matrix.values
    rows = []
    for j in columns:
        name = eq_of(matrix.colnames[j])[1]
        col = [float(v) for v in values[:, j]]
        rows.append(CoefRow(name, col[0], col[1], col[2], col[3], col[4], col[5], **name_layout(name)))
    data = session.__dict__.get("_data")
    return relabel_rows(rows, None if data is None else level_texts_now(data))


def _coef_cells(row, f: _Formats, eform: bool) -> list[str]:
    """A row's cells: coefficient, SE, z|t, P, the interval; base/omitted rows as the display
    shows them (0, or 1 exponentiated, then the remark); an untested ancillary row's z and P
    blank."""
    if row.base or row.omitted:
        tag = "(base)" if row.base else ("(empty)" if getattr(row, "empty", False) else "(omitted)")
        return [f.num(1.0 if eform else 0.0, f.c), tag]
    coef, se = f.num(row.coef, f.c), f.num(row.se, f.c)
    if math.isnan(row.stat) and math.isnan(row.p) and math.isfinite(row.se) and row.se > 0:
        tested = ["", ""]  # /cut1, var(): no test shown
    else:
        tested = [f.num(row.stat, f.s), f.num(row.p, f.p)]
    return [coef, se, *tested, f.num(row.ci_lo, f.c), f.num(row.ci_hi, f.c)]


def _row_cells(rows, f: _Formats, eform: bool, baselevels: bool = False) -> list[list]:
    from mlmcli.render.coef_table import table_lines

    out = []
    for kind, label, row in table_lines(rows, baselevels):
        out.append([label] if row is None else [label] + _coef_cells(row, f, eform))
    return out


def _eform_heading(e) -> str:
    """The exponentiated table's column title: the typed eform option's (or, irr, rrr, hr,
    eform(text): [R] eform_option), else the command's own (logistic, melogit: Odds Ratio;
    glm by its family and link), else exp(b)."""
    from mlmcli.ast import Option
    from mlmcli.syntax.replicate_vce import eform_option

    try:
        heading = eform_option([Option(n, a) for n, a in _typed_options(e)])[1]
    except StataError:
        heading = None
    if heading and heading != "exp(b)":
        return heading
    label = getattr(e.result, "eform_label", None)
    if label:
        return label
    if str(e.macros.get("cmd", "")) == "glm" and hasattr(e.result, "family"):
        from mlmcli.render.glm_header import eform_heading

        return eform_heading(e.result)
    return heading or "exp(b)"


def _typed_options(e) -> list[tuple[str, str | None]]:
    """The options of e(cmdline) as (name, argument) pairs."""
    from mlmcli.estimation.coefficient_matrix import raw_option_words

    words = str(e.macros.get("cmdline", "") or "").split(None, 1)
    return raw_option_words(words[1] if len(words) > 1 else "")


def _coefficient_heading(e, display, stat: str, first: str) -> list:
    label = _eform_heading(e) if display.eform else "Coef."
    return [(first, 1), (label, 1), (_STD_ERR, 1), (stat, 1), (f"P>|{stat}|", 1), _ci_heading(display.level)]


def _estimation_tables(session, e, display, typed, f: _Formats) -> list[list[list]]:
    from mlmcli.estimation.coefficient_matrix import results_table
    from mlmcli.results.glmm import GLMMResult
    from mlmcli.results.mixed import MixedResult
    from mlmcli.syntax.coefnames import split_eq

    table = results_table(e, display)
    if table is None:
        raise StataError("no coefficient table in the last estimation results", 198)
    matrix = table
    names = list(matrix.colnames)
    stat = matrix.rownames[2]
    depvar = str(e.macros.get("depvar", "") or "").split()
    head = _coefficient_heading(e, display, stat, depvar[0] if depvar else "")
    eqs = list(dict.fromkeys(split_eq(n)[0] for n in names))
    result = e.result
    if isinstance(result, (MixedResult, GLMMResult)):  # the fixed part: e(b)'s first equation
        fixed = [j for j, n in enumerate(names) if split_eq(n)[0] == eqs[0]]
        rows = [head] + _row_cells(_coef_rows(session, matrix, fixed, split_eq), f, display.eform)
        if isinstance(result, MixedResult):
            return [rows, _mixed_random_table(e, result, display, typed, f)]
        return [rows + _glmm_random_rows(e, result, f, display.level, typed)]
    rows = [head]
    base_eq = e.scalars.get("k_eq_base")  # mlogit's base outcome: one remark for the equation
    aux = _ancillary_equations(e, eqs)
    shown_eqs = [eq for eq in eqs if eq not in aux and eq != "/"]
    for k, eq in enumerate(eqs, start=1):
        cols = [j for j, n in enumerate(names) if split_eq(n)[0] == eq]
        if base_eq is not None and k == base_eq and e.macros.get("cmd") in ("mlogit", "mprobit"):
            rows.append([eq, "(base outcome)"])
            continue
        coef = _coef_rows(session, matrix, cols, split_eq)
        if eq == "/":  # Stata 15's free parameters: /cut1, /sigma
            rows += [[f"/{r.name}"] + _coef_cells(r, f, False) for r in coef]
            continue
        if eq in aux:  # an ancillary parameter's equation (/cut1, /lnalpha): one row
            rows += [[f"/{eq}"] + _coef_cells(r, f, False) for r in coef]
            continue
        if len(shown_eqs) > 1:
            rows.append([eq])
        rows += _row_cells(coef, f, display.eform and (eq == eqs[0] or _all_eform(e)))
    return [rows + _panel_rows(result, f)]


def _ancillary_equations(e, eqs: list[str]) -> set[str]:
    """The equations the table shows as one ``/name`` row: the last e(k_aux) (ologit's cut1
    cut2, nbreg's lnalpha) and those its rows show without a test."""
    from mlmcli.estimation.coefficient_matrix import untested_equations

    k_aux = int(e.scalars.get("k_aux", 0) or 0)
    out = set(eqs[len(eqs) - k_aux:]) if 0 < k_aux < len(eqs) else set()
    return out | (set(untested_equations(e.result)) & set(eqs[1:]))


def _panel_rows(result, f: _Formats) -> list[list]:
    """xtreg's rows under the coefficients: ``/sigma_u``... with their intervals (mle), else
    sigma_u, sigma_e (%10.0g, as shown) and rho with its remark."""
    ancillary = getattr(result, "ancillary", None)
    if ancillary and all(hasattr(r, "estimate") and hasattr(r, "ci_lo") for r in ancillary) \
            and not hasattr(result, "fixed"):
        return [[r.label, f.num(r.estimate, f.c), f.num(r.se, f.c), "", "", f.num(r.ci_lo, f.c),
                 f.num(r.ci_hi, f.c)] for r in ancillary]
    values = [getattr(result, k, None) for k in ("sigma_u", "sigma_e", "rho")]
    if not all(isinstance(v, float) and math.isfinite(v) for v in values):
        return []
    fmt = f.c if f.c != "%9.0g" else "%10.0g"
    return [["sigma_u", f.num(values[0], fmt)], ["sigma_e", f.num(values[1], fmt)],
            ["rho", f.num(values[2], fmt), "(fraction of variance due to u_i)"]]


def _all_eform(e) -> bool:
    return str(e.macros.get("cmd", "")) in ("mlogit", "mprobit")


def _metric(e, typed=None) -> str:
    """The random-effects metric the table was shown in: ``sd`` under stddeviations (typed on
    the fit or the replay shown last), else variances -- xtmixed's, standard deviations unless
    ``variance`` is typed."""
    typed = {n for n, _ in (_typed_options(e) if typed is None else typed)}
    if any(len(w) >= 6 and "stddeviations".startswith(w) for w in typed):
        return "sd"
    if e.cmd == "xtmixed" and not any(len(w) >= 3 and "variance".startswith(w) for w in typed):
        return "sd"
    return "variance"


def _at_level(row, fitted: float, shown: float):
    """A variance-component row's interval at the table's level when the fit's was another
    (a replay at level(#)): the interval is symmetric on the scale it was made on -- the
    estimate's own (covariances), log (variances, sd) or atanh (correlations, rho) -- so its
    half-width there is rescaled by the ratio of the two normal quantiles."""
    import dataclasses

    from mlmcli.distributions import norm

    lo, hi = row.ci_lo, row.ci_hi
    est = getattr(row, "estimate", getattr(row, "coef", float("nan")))
    if fitted == shown or not all(math.isfinite(v) for v in (lo, hi, est)) or not lo < est < hi:
        return row
    ratio = float(norm.ppf(0.5 + shown / 200.0) / norm.ppf(0.5 + fitted / 200.0))
    for there, back in ((lambda v: v, lambda v: v), (math.log, math.exp), (math.atanh, math.tanh)):
        try:
            a, b, c = there(lo), there(est), there(hi)
        except ValueError:  # outside the scale's domain
            continue
        if math.isclose(c - b, b - a, rel_tol=1e-5, abs_tol=1e-12):
            half = (c - b) * ratio
            return dataclasses.replace(row, ci_lo=back(b - half), ci_hi=back(b + half))
    return row


def _variance_cells(row, f: _Formats, tested: bool = False) -> list[str]:
    if getattr(row, "constrained", False):
        return [f.num(row.estimate, f.c), "(constrained)"]
    stat = [f.num(row.z, f.s), f.num(row.p, f.p)] if tested and math.isfinite(row.z) else ["", ""]
    return [f.num(row.estimate, f.c), f.num(row.se, f.c), *stat, f.num(row.ci_lo, f.c), f.num(row.ci_hi, f.c)]


def _mixed_random_table(e, result, display, typed, f: _Formats) -> list[list]:
    """mixed's second table: ``Random-effects Parameters | Estimate  Std. Err.  [95% CI]``,
    each level's ``id: Identity`` heading over its rows, then the residual rows."""
    metric = _metric(e, typed)
    out = [[("Random-effects Parameters", 1), ("Estimate", 1), (_STD_ERR, 1), _ci_heading(display.level)]]

    def cells(row) -> list[str]:
        values = _variance_cells(_at_level(row, result.level, display.level), f)
        return values if len(values) == 2 else values[:2] + values[4:]

    for block in result.random.get(metric, ()):
        if block.empty:
            out.append([f"{block.levelvar}: (empty)"])
            continue
        out.append([f"{block.levelvar}: {block.covariance}"])
        out += [[row.label] + cells(row) for row in block.rows]
    blocks = getattr(result, "residual_blocks", None)
    if blocks is not None and blocks.get(metric) is not None:
        res = blocks[metric]
        out.append([f"Residual: {res.structure}" + (f", by {res.by}" if res.by else "")])
        out += [[row.label] + cells(row) for row in res.rows]
    elif result.residual.get(metric) is not None:
        row = result.residual[metric]
        out.append([row.label] + cells(row))
    return out


def _glmm_random_rows(e, result, f: _Formats, level: float, typed) -> list[list]:
    """The me commands' rows after the fixed part, in the same table: ancillary parameters
    (``/cut1``), each level's heading and its variance components (covariances with z and P),
    the gaussian family's residual variance."""
    out = [[f"/{r.name.lstrip('/')}"] + _coef_cells(_at_level(r, result.level, level), f, False)
           for r in result.ancillary]
    metric = _metric(e, typed)
    blocks = result.random.get(metric, ())
    labels = result.random_labels or tuple(b.levelvar for b in blocks)
    for block, label in zip(blocks, labels):
        out.append([label])
        for row in sorted(block.rows, key=lambda r: not r.label.startswith(("var(", "sd("))):
            out.append([row.label] + _variance_cells(_at_level(row, result.level, level), f,
                                                     tested=not row.label.startswith(("var(", "sd("))))
    if result.residual is not None:
        out.append([result.residual.label] + _variance_cells(_at_level(result.residual, result.level, level), f))
    return out


# ----------------------------------------------------------------------------- margins

def _margins_table(result, nformat: str | None, raw: bool = False) -> list[list]:
    """The margins (or contrasts) table: its column title, the Delta-method SE, z|t and P,
    the interval -- the columns the table showed (noci / nopvalues)."""
    from mlmcli.render.margins import table_lines
    from mlmcli.results.margins import ContrastResult

    if isinstance(result, ContrastResult):
        if not result.contrasts:  # contrast f: only the table of Wald tests was shown
            raise StataError("etable: the last contrast results show no table of contrasts", 198)
        rows, columns, stat = result.contrasts, result.columns, result.row_stat_label
    else:
        rows, columns, stat = result.rows, result.columns, result.stat_label
    f = _Formats(nformat, result.cformat, result.sformat, result.pformat, raw)
    head = [("", 1), (result.column_title.replace("\n", " "), 1)]
    if columns != "b" and not getattr(result, "nose", False):
        head.append((_STD_ERR, 1))
    if columns in ("full", "pv"):
        head += [(stat, 1), (f"P>|{stat}|", 1)]
    if columns in ("full", "ci"):
        head.append(_ci_heading(result.level))
    out = [head]
    for kind, label, row in table_lines(rows):
        if row is None:
            out.append([label])
        elif not row.estimable:
            out.append([label, "(not estimable)"])
        elif row.omitted:
            out.append([label, f.num(row.b, f.c), "(omitted)"])
        else:
            cells = [label, f.num(row.b, f.c)]
            if len(head) > 2 and head[2][0] == _STD_ERR:
                cells.append(f.num(row.se, f.c))
            if columns in ("full", "pv"):
                cells += [f.num(row.stat, f.s), f.num(row.p, f.p)]
            if columns in ("full", "ci"):
                cells += [f.num(row.lo, f.c), f.num(row.hi, f.c)]
            out.append(cells)
    return out


# ----------------------------------------------------------------------------- estimates table

def _estimates_table(result, nformat: str | None, raw: bool) -> list[list]:
    """``estimates table``'s table: Variable and the models' names, a row per coefficient and
    statistic shown (b with its stars, then se, t, p), factor levels under their term, each
    equation's name above its rows, then the statistics rows (N whole)."""
    from mlmcli.render.estimates_table import DEFAULT_FMT

    bfmt = nformat or result.b_format or DEFAULT_FMT
    fmts = {"b": bfmt, "se": nformat or result.se_format or bfmt, "t": nformat or result.t_format or "%7.2f",
            "p": nformat or result.p_format or "%7.4f"}
    f = _Formats(None, raw=raw)
    out = [[("Variable", 1)] + [(m, 1) for m in result.models]]
    for eq in result.equations:
        if eq.name is not None:
            out.append([eq.name])
        term = None
        for row in eq.rows:
            if not getattr(result, "baselevels", False) and all(c is None or c.base for c in row.cells):
                continue  # a base level is shown only under baselevels
            if row.term is not None and row.level is not None:
                if row.term != term:
                    out.append([row.term])
                label, term = row.level, row.term
            else:
                label, term = row.label or row.name, None
            for i, what in enumerate(result.show):
                out.append([label if i == 0 else ""] + [_estimates_cell(c, what, fmts[what], result, f)
                                                        for c in row.cells])
    for name, values in result.stats:
        fmt = nformat or ("%12.0f" if name == "N" else result.stats_format or bfmt)
        out.append([name] + [f.num(v, fmt) if v is not None else "" for v in values])
    return out


def _estimates_cell(cell, what: str, fmt: str, result, f: _Formats):
    if cell is None:
        return ""
    if cell.omitted or cell.base:
        return ("(omitted)" if cell.omitted else "(base)") if what == "b" else ""
    value = f.num(getattr(cell, what), fmt)
    if what == "b" and result.star and not f.raw:
        p = cell.p
        value += "".join("*" for level in result.star_levels if math.isfinite(p) and p < level)
    return value


# ----------------------------------------------------------------------------- entry

def etable_rows(session, which: str, nformat: str | None = None, raw: bool = False) -> list[list]:
    """The tables etable[(numlist)] asks for: a list of tables, each a list of rows (the
    heading's cells (title, columns spanned), the others text -- or, ``raw``, numbers as floats
    and missing as None)."""
    source = _shown_source(session)
    if source[0] == "estimates table":
        tables = [_estimates_table(source[1], nformat, raw)]
    elif source[0] == "margins":
        from mlmcli.results.margins import ContrastResult, MarginsResult

        if not isinstance(source[1], (MarginsResult, ContrastResult)):
            raise StataError("etable: the last margins results have no table to export", 198)
        tables = [_margins_table(source[1], nformat, raw)]
    else:
        tables = _estimation_tables(session, source[1], source[2], source[3], _Formats(nformat, raw=raw))
    if not which.strip():
        return tables
    picked = []
    for word in which.split():
        if not word.isdigit() or not 1 <= int(word) <= len(tables):
            raise StataError(f"etable({which.strip()}) invalid: the estimation shows {len(tables)} "
                             f"table{'s' if len(tables) > 1 else ''}", 198)
        picked.append(tables[int(word) - 1])
    return picked
