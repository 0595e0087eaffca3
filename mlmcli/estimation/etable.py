"""The table ``etable`` builds from stored estimation results (Stata 17's [R] etable; the
rules below were read off published etable output, docs/etable.md):

- rows: the coefficients of the first equation of every model, merged by name in the order
  they first appear (model by model), ``_cons`` last; then the other parameters (a mixed
  model's variance components in the variance metric, as ``estat sd, variance post``
  names them: ``var(_cons)``, ``var(R_country)``, ``cov(x,_cons)``, ``var(e)``), merged by
  equation and name: equations in first-appearance order, names within an equation in the
  order they first appear anywhere; then the model statistics (``mstat()``, by default N).
- base levels and omitted coefficients are not shown; the levels of a factor variable
  follow a heading row (the variable), indented by two spaces.
- per coefficient, one line per ``cstat()``: ``_r_b`` (%9.3f), ``_r_se`` (in parentheses),
  ``_r_z``, ``_r_p`` (%9.2f), ``_r_ci`` ([lower upper]), ``_r_lb``, ``_r_ub``; stars
  (``showstars``) on the coefficients of the first equation, from their p-values (t with
  e(df_r) degrees of freedom when the model has them, else normal).
"""
from __future__ import annotations

import fnmatch
import math
from dataclasses import dataclass, field

from mlmcli.errors import StataError
from mlmcli.estimation.criteria import stat_or_none
from mlmcli.estimation.estout import EstoutSpec, model_coefficients
from mlmcli.syntax.coefnames import free_parameter_matches, has_wildcard, parse_coef_name

CSTAT_FORMATS = {"_r_b": "%9.3f", "_r_se": "%9.3f", "_r_z": "%9.2f", "_r_p": "%9.2f", "_r_ci": "%9.3f",
                 "_r_lb": "%9.3f", "_r_ub": "%9.3f"}
MSTAT_LABELS = {"N": "Number of observations", "r2": "R-squared", "r2_a": "Adjusted R-squared",
                "r2_p": "Pseudo R-squared", "ll": "Log likelihood", "aic": "AIC", "bic": "BIC",
                "chi2": "Chi-squared", "F": "F statistic", "N_clust": "Number of clusters", "rank": "Rank",
                "df_m": "Model degrees of freedom", "df_r": "Residual degrees of freedom"}


@dataclass
class EtableSpec:
    """What the command line asked for (``mlmcli.commands.postestimation.etable`` reads it)."""

    cstats: list = field(default_factory=lambda: [("_r_b", "%9.3f"), ("_r_se", "%9.3f")])
    varlabel: bool = True
    showstars: bool = False
    starsnote: bool = False
    stars: list = field(default_factory=lambda: [(0.01, "**", ".01"), (0.05, "*", ".05")])
    column: str = "depvar"
    keep: list = field(default_factory=list)
    drop: list = field(default_factory=list)
    mstats: list = field(default_factory=lambda: [("N", "Number of observations", "%9.0g")])
    title: str = ""


def _coefficients(session, e):
    """[(section, key, label, entry, starred)] of one model: section 0 is the first
    equation (key: the coefficient's name), section 1 the other parameters (key: eq, name)."""
    shown = e
    converted = False
    if e.cmd == "mixed" and getattr(e.result, "random", None) is not None:
        from mlmcli.estimation.variance_metric import posted_metric
        try:
            shown, converted = posted_metric(e, variance=True), True
        except StataError:  # residuals() structures: the estimation metric, as e(b) holds it
            shown = e
    out = []
    first_eq = None
    for eq, name, entry in model_coefficients(session, shown, EstoutSpec(baselevels=False, omitted=False)):
        if first_eq is None:
            first_eq = eq
        if eq == first_eq:
            out.append((0, name, name, entry, True))
            continue
        label = name
        if eq.startswith(_VARIANCE):  # the me commands post var(_cons[school]) as an equation
            label = eq
        elif eq != "/" and name == "_cons":  # an ancillary parameter: /lnalpha
            label = "/" + eq
        if converted or label.startswith(_VARIANCE):
            # a variance component: mixed shows no test of it (no z, p or stars) and its
            # interval from the log scale, var exp(+-z se/var), as mixed's table
            v, se = entry.values["b"], entry.values["se"]
            entry.values.update(t=math.nan, z=math.nan, p=math.nan)
            if label.startswith(("var(", "sd(")) and v > 0 and math.isfinite(se):
                r = _normal_quantile() * se / v
                entry.values.update(ci_l=v * math.exp(-r) if r < 700 else 0.0,
                                    ci_u=v * math.exp(r) if r < 700 else math.inf)
        out.append((1, (eq, name), label, entry, False))
    return out


_VARIANCE = ("var(", "cov(", "sd(", "corr(")


def _normal_quantile(level: float = 95.0) -> float:
    from scipy import stats

    return float(stats.norm.ppf(0.5 + level / 200))


def _selected(patterns: list[str], name: str, key=None) -> bool:
    """Does a keep()/drop() pattern name this row (``key``: the (eq, name) of a row outside the
    first equation)?  Stata 15's ``/:var(_cons[id])`` (or ``/var(_cons[id])``) names the variance
    row and ``/:lnalpha`` the ``/lnalpha`` row; a wildcard in ``/`` (``drop(/:*)``) the rows Stata
    15 posts there, never the first equation's; a bracket is itself, not a character class."""
    bare = name.split(":")[-1]
    plain = name[1:] if name.startswith("/") else name

    def one(p: str) -> bool:
        glob = p.replace("[", "[[]")
        if p.startswith("/"):
            if not isinstance(key, tuple):
                return False
            if free_parameter_matches(p, *key):
                return True
            glob = glob[2:] if glob[1:2] == ":" else glob[1:]
            return not has_wildcard(p) and fnmatch.fnmatchcase(plain, glob)
        return (fnmatch.fnmatchcase(name, glob) or fnmatch.fnmatchcase(bare, glob)
                or any(part.var == p for part in parse_coef_name(bare).parts))
    return any(one(p) for p in patterns)


def _var_text(session, var: str, varlabel: bool) -> str:
    return (session.data.var_labels.get(var) or var) if varlabel else var


def _level_text(session, var: str, level: str, varlabel: bool) -> str:
    if varlabel and var in session.data.value_label_of:
        try:
            return session.data.value_label_text(var, float(level)) or level
        except ValueError:
            return level
    return level


def _labels(session, name: str, varlabel: bool) -> tuple[str | None, str]:
    """(factor heading or None, row label) of a first-equation coefficient."""
    if name == "_cons":
        return None, "Intercept" if varlabel else "_cons"
    parts = parse_coef_name(name).parts
    if not any(p.level for p in parts):
        return None, " # ".join(_var_text(session, p.var, varlabel) for p in parts)
    heading = " # ".join(_var_text(session, p.var, varlabel) for p in parts)
    level = " # ".join(_level_text(session, p.var, p.level, varlabel) if p.level
                       else _var_text(session, p.var, varlabel) for p in parts)
    return heading, level


coefficient_labels = _labels  # table's command(): its colname levels are labelled the same way


def _cell(entry, spec: EtableSpec, stat: str, fmt: str, stars: str):
    from mlmcli.results.collected_table import CellPart, TableCell

    v = entry.values
    key = {"_r_b": "b", "_r_se": "se", "_r_z": "z", "_r_p": "p", "_r_lb": "ci_l", "_r_ub": "ci_u"}.get(stat)

    def num(x):
        return None if x is None or not math.isfinite(x) else float(x)

    if stat == "_r_ci":
        lo, hi = num(v["ci_l"]), num(v["ci_u"])
        if lo is None or hi is None:
            return None
        return TableCell((CellPart(lo, fmt, "["), CellPart(hi, fmt, "", "]")))
    value = num(v[key])
    if value is None:
        return None
    wrap = ("(", ")") if stat == "_r_se" else ("", "")
    return TableCell((CellPart(value, fmt, *wrap),), stars if stat == "_r_b" else "")


def _stars(p: float, spec: EtableSpec) -> str:
    if not spec.showstars or not math.isfinite(p):
        return ""
    for level, symbol, _ in sorted(spec.stars):
        if p < level:
            return symbol
    return ""


def column_headers(session, models, spec: EtableSpec) -> tuple[str, ...]:
    out = []
    for k, (name, e) in enumerate(models, 1):
        depvar = (e.macros.get("depvar", "").split() or [""])[0]
        kind = spec.column
        if kind == "index":
            out.append(f"({k})")
        elif kind == "estimates":
            out.append(name)
        elif kind == "title":
            out.append(e.macros.get("estimates_title") or e.macros.get("title") or name)
        elif kind == "command":
            out.append(e.cmd)
        elif kind == "dvlabel":
            out.append(session.data.var_labels.get(depvar) or depvar)
        else:  # depvar
            out.append(_var_text(session, depvar, spec.varlabel))
    return tuple(out)


def build_etable(session, models, spec: EtableSpec):
    """The ``CollectedTable`` of ``models`` ((name, EstimationResults) pairs)."""
    from mlmcli.results.collected_table import CellPart, CollectedTable, TableCell, TableRow

    per_model = [_coefficients(session, e) for _, e in models]
    fixed: list[str] = []
    eqs: list[str] = []
    name_order: list[str] = []
    labels: dict = {}
    for coefs in per_model:
        for section, key, label, _, _ in coefs:
            labels[key] = label
            if section == 0:
                if key not in fixed:
                    fixed.append(key)
            else:
                if key[0] not in eqs:
                    eqs.append(key[0])
            if label not in name_order:
                name_order.append(label)
    fixed.sort(key=lambda nm: nm == "_cons")
    others = [key for eq in eqs for key in sorted({k for c in per_model for s, k, *_ in c if s == 1 and k[0] == eq},
                                                  key=lambda k: name_order.index(labels[k]))]
    for item in spec.keep + spec.drop:
        if not any(_selected([item], labels[k] if isinstance(k, tuple) else k, k) for k in fixed + others):
            raise StataError(f"coefficient {item} not found", 111)

    def kept(name: str, key=None) -> bool:
        if spec.keep and not _selected(spec.keep, name, key):
            return False
        return not _selected(spec.drop, name, key)

    lookup = [{key: (entry, starred) for _, key, _, entry, starred in coefs} for coefs in per_model]
    rows = []
    heading_now = None
    for key in fixed + others:
        label = labels[key]
        if not kept(label, key):
            continue
        if isinstance(key, tuple):
            heading, text = None, label
        else:
            heading, text = _labels(session, key, spec.varlabel)
        if heading is not None and heading != heading_now:
            rows.append(TableRow(heading))
        heading_now = heading
        lines = []
        for stat, fmt in spec.cstats:
            line = []
            for found in (m.get(key) for m in lookup):
                if found is None:
                    line.append(None)
                    continue
                entry, starred = found
                line.append(_cell(entry, spec, stat, fmt, _stars(entry.p, spec) if starred else ""))
            if any(c is not None for c in line) or not lines:  # a statistic no model has: no line
                lines.append(tuple(line))
        rows.append(TableRow(text, tuple(lines), 2 if heading is not None else 0))
    for name, label, fmt in spec.mstats:
        values = [stat_or_none(e, name) for _, e in models]
        rows.append(TableRow(label, (tuple(TableCell((CellPart(v, fmt),)) if v is not None else None
                                           for v in values),)))
    notes = []
    if spec.showstars and spec.starsnote:
        notes.append(", ".join(f"{symbol} p<{text}" for _, symbol, text in sorted(spec.stars)))
    width = max((len(s) for _, s, _ in spec.stars), default=0) if spec.showstars else 0
    return CollectedTable(columns=column_headers(session, models, spec), rows=tuple(rows), stars_column=width,
                          notes=tuple(notes), title=spec.title)
