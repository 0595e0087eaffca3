"""The tables asdoc writes, built from what the wrapped command left in r() and e(): summary
statistics (asdoc's ``sum``, ``sum, detail`` and ``tabstat``/``stat()``), correlation matrices
(``cor``, ``pwcorr``), the detailed table of one model and the nested table of several.  Each
returns a ``FormattedTable`` (results/formatted_table.py) the RTF writer renders; the numbers
come from mlm's own summarize, estat ic and r(table), run quietly through the runner."""
from __future__ import annotations

import math

from mlmcli.errors import StataError
from mlmcli.results.formatted_table import FormattedTable

STAR_LEVELS = ((0.01, "***"), (0.05, "**"), (0.1, "*"))  # asdoc's default setstars(***@.01, **@.05, *@.1)
STAR_NOTE = "*** p<.01, ** p<.05, * p<.1"


def number_text(value, dec: int, tzok: bool) -> str:
    """A cell as asdoc writes it: rounded to ``dec`` decimals (its asdocmatdec/asdocdec),
    trailing zeros dropped unless ``tzok`` (asdocmatdectzok keeps %9.<dec>f); missing is ".";
    text stays text."""
    if isinstance(value, str):
        return value
    if value is None or not math.isfinite(float(value)):
        return "."
    text = f"{float(value):.{dec}f}"
    if not tzok and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "") or (text.startswith("-") and float(text) == 0):
        text = text.lstrip("-") or "0"
    return text


def stars(p: float) -> str:
    for level, symbol in STAR_LEVELS:
        if p == p and p <= level:
            return symbol
    return ""


def _label(session, name: str, use_label: bool) -> str:
    if not use_label:
        return name
    return session.data.var_labels.get(name) or name  # a parameter that is no variable: its name


def _summary(runner, session, var: str, qualifiers: str, detail: bool) -> dict:
    runner.execute(f"quietly summarize {var} {qualifiers}{', detail' if detail else ''}")
    return dict(session.r)


_DETAIL_STATS = ("p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "skewness", "kurtosis")
# tabstat's statistics from summarize's r() (tabstat's own names, as asdoc's AllowedStats lists them)
class AsdocStop(Exception):
    """asdoc.ado's ``display as error ...`` then a bare ``exit``: the lines are shown and asdoc
    ends with return code 0, nothing written (cmd_asdoc prints them)."""

    def __init__(self, *lines: str):
        super().__init__("\n".join(lines))
        self.lines = lines


_ADO_ALLOWED_STATS = ("N sd mean semean median count sum range min max var cv skewness kurtosis iqr p1 p5 p10 "
                      "p25 p50 p75 p95 p99 tstat")


TABSTAT_STATS = {"n": "N", "count": "N", "mean": "mean", "sd": "sd", "min": "min", "max": "max", "sum": "sum",
                 "var": "Var", "median": "p50", "p1": "p1", "p5": "p5", "p10": "p10", "p25": "p25", "p50": "p50",
                 "p75": "p75", "p90": "p90", "p95": "p95", "p99": "p99", "skewness": "skewness",
                 "kurtosis": "kurtosis", "range": None, "iqr": None, "cv": None, "semean": None, "tstat": None}


def _tabstat_value(name: str, r: dict) -> float:
    key = TABSTAT_STATS[name]
    if key is not None:
        return float(r.get(key, float("nan")))
    n, mean, sd = (float(r.get(k, float("nan"))) for k in ("N", "mean", "sd"))
    if name == "range":
        return float(r["max"]) - float(r["min"]) if n else float("nan")
    if name == "iqr":
        return float(r["p75"]) - float(r["p25"]) if n else float("nan")
    if name == "cv":
        return sd / mean if mean else float("nan")
    semean = sd / math.sqrt(n) if n else float("nan")
    return semean if name == "semean" else mean / semean  # tstat: asdoc's mean / semean


def summary_table(runner, session, varlist: list[str], qualifiers: str, *, detail: bool, dec: int, tzok: bool,
                  label: bool, title: str | None) -> FormattedTable:
    """asdoc sum: Variable Obs Mean Std.Dev. Min Max (detail: and p1 p99 Skew. Kurt.), one row a
    variable, each from summarize [, detail] over the same if/in."""
    rows, names = [], []
    for var in varlist:
        r = _summary(runner, session, var, qualifiers, detail)
        keys = ("mean", "sd", "min", "max") + (("p1", "p99", "skewness", "kurtosis") if detail else ())
        rows.append((number_text(r.get("N", 0.0), 0, False),)
                    + tuple(number_text(r.get(k, float("nan")), dec, tzok) for k in keys))
        names.append(_label(session, var, label))
    head = ("Variables", "Obs", "Mean", "Std.Dev.", "Min", "Max") + (
        ("p1", "p99", "Skew.", "Kurt.") if detail else ())
    return FormattedTable(body=tuple(rows), rtitles=tuple(names), ctitles=(head,),
                          title=(title or "Descriptive Statistics",))


def check_tabstat_stats(stats: list[str]) -> None:
    """asdoc.ado's tabstat branch, before tabstat runs: a statistic it does not know is its three
    lines and exit 0 (mlm's list: tabstat's names in any case)."""
    for name in stats:
        if name.lower() not in TABSTAT_STATS:
            raise AsdocStop(f"Error in the stat({' '.join(stats)}) option!", "only the following statistics are allowed",
                            _ADO_ALLOWED_STATS)


def tabstat_table(runner, session, varlist: list[str], qualifiers: str, stats: list[str], *, dec: int, tzok: bool,
                  label: bool, title: str | None) -> FormattedTable:
    """asdoc tabstat / sum, stat(): a row a variable, a column a statistic (asdoc's layout
    without by())."""
    check_tabstat_stats(stats)
    detail = any(TABSTAT_STATS[s.lower()] in _DETAIL_STATS or s.lower() == "iqr" for s in stats)
    rows, names = [], []
    for var in varlist:
        r = _summary(runner, session, var, qualifiers, detail)
        rows.append(tuple(number_text(r.get("N", 0.0), 0, False) if s.lower() in ("n", "count")
                          else number_text(_tabstat_value(s.lower(), r), dec, tzok) for s in stats))
        names.append(_label(session, var, label))
    return FormattedTable(body=tuple(rows), rtitles=tuple(names), ctitles=(("Variables", *stats),),
                          title=(title or "Descriptive Statistics",))


def correlation_table(session, names: list[str], *, dec: int, tzok: bool, label: bool, title: str,
                      numbered: bool = True) -> FormattedTable:
    """The lower triangle of r(C), rows ``(1) name``, columns ``(1)`` ... (asdoc's asdoccor)."""
    C = session.r.get("C")
    if C is None:
        raise StataError("asdoc: the correlation command left no r(C)", 198)
    values = C.values
    rows, rtitles = [], []
    for i, name in enumerate(names):
        rows.append(tuple(number_text(float(values[i, j]), dec, tzok) if j <= i else "" for j in range(len(names))))
        text = _label(session, name, label)
        rtitles.append(f"({i + 1}) {text}" if numbered else text)
    head = ("Variables", *(f"({j + 1})" if numbered else n for j, n in enumerate(names)))
    return FormattedTable(body=tuple(rows), rtitles=tuple(rtitles), ctitles=(head,), title=(title,))


def _coefficients(session):
    """(names, b, se, stat, p, lo, hi) from r(table) as the estimation command left it."""
    table = session.r.get("table")
    if table is None:
        raise AsdocStop("Your Stata command does not have a regression output")
    values, rows = table.values, [str(r) for r in table.rownames]
    names = [str(c) for c in table.colnames]
    pick = {name: values[rows.index(name)] if name in rows else [float("nan")] * len(names)
            for name in ("b", "se", "t", "z", "pvalue", "ll", "ul")}
    stat = pick["t"] if "t" in rows else pick["z"]
    return names, pick["b"], pick["se"], stat, pick["pvalue"], pick["ll"], pick["ul"]


def _shown_name(name: str, equations: set[str]) -> str:
    """A coefficient's row title: ``eq:name`` when the model has several equations, else name."""
    eq, _, var = name.rpartition(":")
    return name if eq and len(equations) > 1 else var


def detailed_table(runner, session, e, *, dec: int, tzok: bool, label: bool, title: str | None,
                   stars_shown: bool, ci_shown: bool) -> FormattedTable:
    """asdoc's detailed table of one model: each coefficient's Coef. St.Err. t-value p-value
    [95% Conf Interval] Sig., then the model's rows in pairs: Mean/SD of the dependent
    variable, R-squared, Number of obs, the model test and its p-value, AIC and BIC."""
    names, b, se, stat, p, lo, hi = _coefficients(session)
    equations = {n.rpartition(":")[0] for n in names}
    depvar = (e.macros.get("depvar", "").split() or [""])[0]
    rows, rtitles = [], []
    for k, name in enumerate(names):
        cells = [number_text(float(x[k]), dec, tzok) for x in (b, se, stat, p)]
        if ci_shown:
            cells += [number_text(float(lo[k]), dec, tzok), number_text(float(hi[k]), dec, tzok)]
        if stars_shown:
            cells.append(stars(float(p[k])))
        rows.append(tuple(cells))
        rtitles.append(_label(session, _shown_name(name, equations).rpartition(":")[2], label)
                       if len(equations) <= 1 else _shown_name(name, equations))
    head = (depvar, "Coef.", "St.Err.", "t-value", "p-value") + (("[95% Conf", "Interval]") if ci_shown else ()) \
        + (("Sig.",) if stars_shown else ())
    width = len(head) - 1
    for pair in _model_rows(runner, session, e, depvar):  # two statistics a row, each beside its name
        cells = []
        for text, value in pair:
            cells += [text, number_text(value, 0 if text == "Number of obs" else dec, tzok)]
        rows.append(tuple(cells[1:]) + ("",) * (width - len(cells) + 1))
        rtitles.append(cells[0])
    return FormattedTable(body=tuple(rows), rtitles=tuple(rtitles), ctitles=(head,),
                          title=(title or e.macros.get("title") or "Regression results",),
                          notes=(STAR_NOTE,) if stars_shown else ())


def _model_rows(runner, session, e, depvar: str) -> list[list[tuple[str, float]]]:
    """asdoc's rows under the coefficients in pairs, from e() and its own quiet runs (summarize
    of the dependent variable in e(sample), estat ic); r() is put back afterwards."""
    kept = dict(session.r)
    s = e.scalars
    out = []
    try:
        mean = sd = float("nan")
        if depvar:
            try:
                runner.execute(f"quietly summarize {depvar} if e(sample)")
                mean, sd = float(session.r.get("mean", mean)), float(session.r.get("sd", sd))
            except StataError:
                pass
        out.append([("Mean dependent var", mean), ("SD dependent var", sd)])
        fit = [(text, float(s[key])) for key, text in (("r2_p", "Pseudo r-squared"), ("r2", "R-squared"),
                                                       ("r2_o", "Overall r-squared")) if key in s][:1]
        out.append(fit + [("Number of obs", float(s.get("N", float("nan"))))])
        if "chi2" in s:
            dfm = s.get("df_m")
            pvalue = s.get("p")
            if pvalue is None and dfm is not None:
                from scipy.stats import chi2 as chi2_dist
                pvalue = float(chi2_dist.sf(float(s["chi2"]), float(dfm)))
            out.append([("Chi-square", float(s["chi2"])), ("Prob > chi2", float("nan") if pvalue is None else pvalue)])
        elif "F" in s:
            from scipy.stats import f as f_dist
            pvalue = float(f_dist.sf(float(s["F"]), float(s.get("df_m", float("nan"))),
                                     float(s.get("df_r", float("nan")))))
            out.append([("F-test", float(s["F"])), ("Prob > F", pvalue)])
        ic = None
        try:
            runner.execute("quietly estat ic")
            ic = session.r.get("S")
        except StataError:
            ic = None
        if ic is not None and math.isfinite(float(ic.values[0, 4])):
            out.append([("Akaike crit. (AIC)", float(ic.values[0, 4])), ("Bayesian crit. (BIC)", float(ic.values[0, 5]))])
        elif "r2_o" in s:
            out.append([("R-squared within", float(s.get("r2_w", float("nan")))),
                        ("R-squared between", float(s.get("r2_b", float("nan"))))])
    finally:
        session.set_r(kept)
    return out


def nested_column(session, e, title: str | None) -> dict:
    """One model of a nested table: its first equation's coefficients (asdoc's estimates table
    ..., equations(1)), b and se with p, Obs. and R-squared (or the pseudo R-squared)."""
    names, b, se, _, p, _, _ = _coefficients(session)
    first = names[0].rpartition(":")[0] if names else ""
    coefs = {}
    for k, name in enumerate(names):
        eq, _, var = name.rpartition(":")
        if eq == first:
            coefs[var] = (float(b[k]), float(se[k]), float(p[k]))
    r2 = e.scalars.get("r2", e.scalars.get("r2_p"))
    return {"title": title or (e.macros.get("depvar", "").split() or [""])[0], "coefs": coefs,
            "N": float(e.scalars.get("N", float("nan"))), "r2": None if r2 is None else float(r2),
            "pseudo": "r2" not in e.scalars and "r2_p" in e.scalars}


def nested_table(session, columns: list[dict], *, dec: int, tzok: bool, label: bool, title: str | None,
                 stars_shown: bool) -> FormattedTable:
    """Models side by side: a coefficient's value (with stars) over its standard error in
    parentheses, the rows in the order the models first name them, ``_cons`` last as
    ``Constant``; then Obs. and R-squared."""
    order: list[str] = []
    for col in columns:
        order += [n for n in col["coefs"] if n not in order and n != "_cons"]
    if any("_cons" in col["coefs"] for col in columns):
        order.append("_cons")
    rows, rtitles = [], []
    for name in order:
        top, below = [], []
        for col in columns:
            if name in col["coefs"]:
                b, se, p = col["coefs"][name]
                top.append(number_text(b, dec, tzok) + (stars(p) if stars_shown else ""))
                below.append(f"({number_text(se, dec, tzok)})")
            else:
                top.append("")
                below.append("")
        rows += [tuple(top), tuple(below)]
        rtitles += ["Constant" if name == "_cons" else _label(session, name, label), ""]
    rows.append(tuple(number_text(c["N"], 0, False) for c in columns))
    rtitles.append("Obs.")
    if any(c["r2"] is not None for c in columns):
        rows.append(tuple("" if c["r2"] is None else number_text(c["r2"], dec, tzok) for c in columns))
        rtitles.append("Pseudo R2" if all(c["pseudo"] for c in columns if c["r2"] is not None) else "R-squared")
    head = (("", *(f"({k + 1})" for k in range(len(columns)))), ("", *(c["title"] for c in columns)))
    notes = ("Standard errors are in parentheses",) + ((STAR_NOTE,) if stars_shown else ())
    return FormattedTable(body=tuple(rows), rtitles=tuple(rtitles), ctitles=head,
                          title=(title or "Table : Regression results",), notes=notes)


def _rounded(value: float, unit: float) -> float:
    """Stata's round(x, unit), as asttom rounds each t-test figure before the decimals."""
    return unit * math.floor(value / unit + 0.5) if math.isfinite(value) else value


# asttom's column names and the unit it rounds each statistic to
_TTEST_UNITS = {"obs": 0.5, "mean": 0.0005, "se": 0.0005, "t": 0.05, "p": 0.0005, "df": 0.5, "sd": 0.0005,
                "dif": 0.0005}


def ttest_table(session, var: str, by: str | None, unequal: bool, *, dec: int, tzok: bool, label: bool,
                title: str | None) -> FormattedTable:
    """asdoc ttest (its asttom): one row; a one-sample test against 0: obs Mean St_Err t_value
    p_value; by(): obs1 obs2 Mean1 Mean2 dif St_Err t_value p_value, from the r() of ttest."""
    r = session.r
    if by is None:
        stats = [("obs", "obs", r["N_1"]), ("mean", "Mean", r["mu_1"]), ("se", "St_Err", r["se"]),
                 ("t", "t_value", r["t"]), ("p", "p_value", r["p"])]
        name = _label(session, var, label)
        default = f"One-sample t test for {var}"
    else:
        stats = [("obs", "obs1", r["N_1"]), ("obs", "obs2", r["N_2"]), ("mean", "Mean1", r["mu_1"]),
                 ("mean", "Mean2", r["mu_2"]), ("dif", "dif", r["mu_1"] - r["mu_2"]), ("se", "St_Err", r["se"]),
                 ("t", "t_value", r["t"]), ("p", "p_value", r["p"])]
        name = f"{_label(session, var, label)} by {by}"
        default = f"Two-sample t test with {'unequal' if unequal else 'equal'} variances"
    cells = tuple(number_text(_rounded(float(v), _TTEST_UNITS[kind]), 0 if kind == "obs" else dec, tzok)
                  for kind, _, v in stats)
    return FormattedTable(body=(cells,), rtitles=(name,), ctitles=(("", *(c for _, c, _ in stats)),),
                          title=(title or default,))


def frequency_table(session, var: str, qualifiers: str, *, nolabel: bool, dec: int, tzok: bool, label: bool,
                    title: str | None) -> FormattedTable:
    """asdoc tab/tab1 of one variable: each value (its label unless ``nolabel``) with Freq.,
    Percent and Cum. over the nonmissing observations in if/in, then Total."""
    from mlmcli.commands.data.common import if_in_command, mark, value_text

    ds = session.data
    rows = mark(session, if_in_command(qualifiers), [var], strok=True)
    values = ds.column(var)[rows]
    counts = values.value_counts().sort_index()
    total = int(counts.sum())
    if total == 0:
        raise StataError("no observations", 2000)
    body, titles, cum = [], [], 0.0
    for value, freq in counts.items():
        pct = 100.0 * int(freq) / total
        cum += pct
        shown = value if isinstance(value, str) else float(value)
        titles.append(value_text(ds, var, shown, labels=not nolabel))
        body.append((str(int(freq)), number_text(pct, dec, tzok), number_text(min(cum, 100.0), dec, tzok)))
    titles.append("Total")
    body.append((str(total), number_text(100.0, dec, tzok), ""))
    return FormattedTable(body=tuple(body), rtitles=tuple(titles),
                          ctitles=((_label(session, var, label), "Freq.", "Percent", "Cum."),),
                          title=(title or f"Tabulation of {var}",))


def listing_table(session, varlist: list[str], qualifiers: str, *, nolabel: bool, dec: int, tzok: bool,
                  label: bool, title: str | None) -> FormattedTable:
    """asdoc list: a row an observation in if/in (its number as the row title, as list shows
    it), a column a variable; numbers in ``dec()`` decimals, whole numbers as they are, labelled
    values as their labels unless ``nolabel``, strings as they are."""
    import numpy as np

    from mlmcli.commands.data.common import if_in_command, mark, value_text

    ds = session.data
    rows = np.flatnonzero(mark(session, if_in_command(qualifiers), [], strok=True))
    body = []
    for i in rows:
        cells = []
        for var in varlist:
            value = ds.column(var).iloc[i] if ds.is_string(var) else float(ds.numeric(var)[i])
            labelled = not isinstance(value, str) and not nolabel and ds.value_label_text(var, value) is not None
            if isinstance(value, str) or labelled or np.isnan(value) or float(value).is_integer():
                cells.append(value_text(ds, var, value, labels=not nolabel))
            else:
                cells.append(number_text(value, dec, tzok))
        body.append(tuple(cells))
    return FormattedTable(body=tuple(body), rtitles=tuple(str(i + 1) for i in rows),
                          ctitles=(tuple(_label(session, v, label) for v in varlist),),
                          title=(title,) if title else ())
