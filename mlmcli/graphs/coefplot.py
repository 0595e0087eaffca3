"""``coefplot`` (Ben Jann's SSC command, version 1.8): estimates and confidence intervals of
one or more models, drawn as coefplot.ado draws them -- a small dataset of the coefficients and
a ``twoway`` of it, so every plot and twoway option works as in ``twoway``.

From each model (``collect``): e(b)'s coefficients, omitted (``o.``) and base (``b.``) ones
left out unless ``omitted``/``baselevels``, ``keep()``/``drop()`` applied and, unless an
equation was named in them, only the first equation left (``keep(*:)`` keeps all).  The
interval at each level is b -/+ q se with se from e(V)'s diagonal and q the normal quantile,
or the t quantile on e(df_r) when the results have it; ``eform`` exponentiates the estimate
and the limits.

Arrangement (``arrange``): the coefficients in the order they are first met, model by model,
``_cons`` last within its equation, at positions 1, 2, ... (top to bottom: the category axis
is reversed in horizontal mode); ``order()`` puts the named ones first.  With several plots
sharing a coefficient each plot is offset by -0.5 + plot/(plots + 1).

The twoway (``twoway_text``): for each plot an ``rspike`` of the limits (one per level,
widths growing as log2) then a ``scatter`` of the estimates, both ``pstyle(p#)``; the
category axis labelled with the coefficients (grid lines at them for one plot, between them
for several), titles empty, a legend of the plots keyed by their markers (off for one plot).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.coefplot_layout import wildcard
from mlmcli.syntax.coefnames import (free_parameter_alias, free_parameter_matches, free_parameter_name, has_wildcard,
                                     split_eq)


@dataclass
class Coef:
    """One plotted coefficient: its equation and name, estimate and (ll, ul) per level."""

    eq: str
    name: str
    b: float
    limits: list[tuple[float, float]] = field(default_factory=list)
    at: float = float("nan")  # its position in at mode (``at``: from margins' e(at))
    se: float = float("nan")
    df: float = float("nan")
    b_raw: float = float("nan")  # before eform/rescale/transform (t and p are of it)
    aux: list[float] = field(default_factory=list)
    mlbl: str = ""               # mlabels()' text and clock position
    mlpos: float = float("nan")
    trans: str = ""              # transform()'s expression for it

    @property
    def pval(self) -> float:
        """(1 - normal(|t|))*2, or ttail(df, |t|)*2 with degrees of freedom."""
        from mlmcli.distributions import norm, t

        tv = self.b_raw / self.se if self.se and np.isfinite(self.se) else float("nan")
        if not np.isfinite(tv):
            return float("nan")
        if not np.isfinite(self.df):
            return float(2 * norm.sf(abs(tv)))
        return float(2 * t.sf(abs(tv), self.df))


@dataclass
class PlotSpec:
    """One plot: its label (legend), its options for the markers and the spikes."""

    label: str
    coefs: list[Coef]
    marker_options: str = ""
    ci_options: str = ""
    recast: str = ""
    cirecast: str = ""
    offset: float | None = None
    key: bool = True
    ci: bool = True
    cionly: bool = False
    citop: bool = False
    pstyle: str = ""
    number: int = 1  # the plot's number within its subgraph (its style p#, its legend key)
    by: int = 1      # its subgraph (``||``)
    ifopt: str = ""  # if(): the condition on the plotted variables (tempvars injected)
    weight: str = ""  # weight(): the markers' aweight expression
    axis: int = 0    # axis(#): the scale axis it is drawn on (0: the first)
    key_ci: int = 0  # key(ci #): the legend key from the #th interval (0: the marker)
    mlabel: str = ""  # the marker label options (mlabel(...), mlabvposition(...))
    cis: dict | None = None  # cismooth: its levels, widths, intensities, color, pstyle
    n_ci: int = 0    # its own intervals (levels()/ci()), after cismooth's; 0: as many as any plot


def coef_list(text: str) -> list[tuple[str, str]]:
    """``keep()``/``drop()``/``order()`` text -> (eq pattern or "", coefficient pattern) pairs;
    an ``eq:`` applies to the names after it until the next one (``eq:`` alone: all of eq)."""
    out: list[tuple[str, str]] = []
    eq = ""
    for word in text.split():
        if ":" in word:
            eq, _, name = word.partition(":")
            eq = eq or "*"
            if not name:
                out.append((eq, "*"))
                continue
            word = name
        out.append((eq, word))
    return out


def matches(pairs, eq: str, name: str) -> bool:
    """Does (eq, name) match one of the (eq pattern, name pattern) pairs?  Stata 15's
    ``/:var(_cons[id])`` (the pair ("/", "var(_cons[id])")) also names Stata 13's
    ``var(_cons[id]):_cons``, and ``/var(_cons[id])`` the same."""
    def one(e: str, n: str) -> bool:
        return bool(wildcard(e or "*").match(eq) and wildcard(n).match(name))

    for e, n in pairs:
        if one(e, n):
            return True
        typed = f"{e}:{n}" if e else n
        if free_parameter_matches(typed, eq, name):  # drop(/:*): the columns Stata 15 puts in "/"
            return True
        alias = free_parameter_alias(typed) if not has_wildcard(typed) else None
        if alias is not None and one(*split_eq(alias)):
            return True
    return False


def clean_name(name: str) -> tuple[str, bool, bool]:
    """(the name without bn./o./b. markers, was it omitted, was it a base level)."""
    name = name.replace("bn.", ".").replace("bno.", "o.")
    omitted = "o." in name and (name.startswith("o.") or re.search(r"\do\.", name) is not None)
    name = name[2:] if name.startswith("o.") else name
    name = re.sub(r"(\d)o\.", r"\1.", name)
    base = re.search(r"\db\.", name) is not None
    name = re.sub(r"(\d)b\.", r"\1.", name)
    return name, omitted, base


def critical_value(level: float, df: float | None) -> float:
    """coefplot's quantile: the normal one without degrees of freedom, else Student's t."""
    from mlmcli.distributions import norm, t

    p = 1 - (1 - level / 100) / 2
    if df is None or not np.isfinite(df) or df > 2e17:
        return float(norm.ppf(p))
    return float(t.ppf(p, df))


def collect(names, b, se, df, *, levels=(95.0,), bounds=(), keep="", drop="", omitted=False, baselevels=False,
            eform=False, rename=(), ci=True, at=None, citype: int = 0, rescale: str = "", transform: str = "",
            mlabels: str = "", asequation: str | None = None, eqrename=(), swapnames: bool = False,
            aux=(), at_from: str = "") -> list[Coef]:
    """The coefficients of one model (module docstring); ``names`` as e(b)'s ``eq:name``; ``se``
    the standard errors (None: no intervals computed), ``df`` each column's degrees of freedom
    (NaN: the normal quantile), ``bounds`` per level the (ll, ul) columns read from ci() or
    None (computed at the level); ``at`` (at mode) each column's position.  Then, in
    coefplot_keepdrop's order: ``eform``, ``rescale()``, ``transform()`` and ``mlabels()``
    matched on the names, ``rename()``, ``asequation()``, ``eqrename()`` (pairs of (old, new,
    regex)), ``swapnames``; ``citype``: 0 normal, 1 logit, 2 probit, 3 atanh, 4 log; ``aux``:
    aux()'s vectors; ``at_from``: "_coef"/"_eq", the positions the (renamed) names as numbers."""
    from mlmcli.graphs import coefplot_layout as layout
    from mlmcli.syntax.coefnames import split_eq

    rows = []
    for i, full in enumerate(names):
        eq, name = split_eq(full)
        name, was_omitted, was_base = clean_name(name)
        value = float(b[i])
        if was_omitted and value == 0 and not omitted:
            continue
        if was_base and value == 0 and not baselevels:
            continue
        rows.append((i, eq or "_", name, value))
    first_only = True
    if keep:
        pairs = coef_list(keep)
        first_only = all(e == "" for e, _ in pairs)
        rows = [r for r in rows if matches(pairs, r[1], r[2])]
    if drop:
        pairs = coef_list(drop)
        first_only = first_only and all(e == "" for e, _ in pairs)
        rows = [r for r in rows if not matches(pairs, r[1], r[2])]
    if first_only and rows:
        rows = [r for r in rows if r[1] == rows[0][1]]
    scale = _rescale_rule(rescale)
    trans_rows = layout.matchlist(transform, "transform") if str(transform).strip() else []
    mlabel_rows = layout.matchlist(mlabels, "mlabels", 2) if str(mlabels).strip() else []
    out = []
    for i, eq, name, value in rows:
        s_i = float(se[i]) if se is not None else float("nan")
        limits = []
        if ci and (se is not None or any(r is not None for r in bounds)):
            for k, level in enumerate(levels):
                read = bounds[k] if k < len(bounds) else None
                if read is not None:
                    limits.append((float(read[0][i]), float(read[1][i])))
                else:
                    q = critical_value(level, float(df[i]))
                    limits.append(_interval(value, s_i, q, citype))
        coef = Coef(eq, name, value, limits, float(at[i]) if at is not None else float("nan"),
                    se=s_i, df=float(df[i]), b_raw=value, aux=[float(a[i]) for a in aux])
        if eform is True or (eform and layout.matches_any(layout.namelist(str(eform), "*", "eform"), (eq, name))):
            coef.b = _exp(coef.b)
            coef.limits = [(_exp(lo), _exp(hi)) for lo, hi in coef.limits]
        factor = scale(eq, name)
        if factor != 1:
            coef.b *= factor
            coef.limits = [(lo * factor, hi * factor) for lo, hi in coef.limits]
        j = next((j for j, row in enumerate(trans_rows) if layout.matches_any(
            layout.namelist(row[0], "*", "transform"), (eq, name))), None)
        coef.trans = trans_rows[j][1] if j is not None else ""
        j = next((j for j, row in enumerate(mlabel_rows) if layout.matches_any(
            layout.namelist(row[0], "*", "mlabels"), (eq, name))), None)
        if j is not None:
            coef.mlbl, coef.mlpos = mlabel_rows[j][2], _number_or_missing(mlabel_rows[j][1])
        coef.name = renamed(name, eq, rename, "rename")
        if asequation is not None:
            coef.eq = asequation
        coef.eq = renamed(coef.eq, "", eqrename, "eqrename")
        if at_from:  # at(_coef), at(_eq): strtoreal() of the name
            coef.at = _number_or_missing(coef.name if at_from == "_coef" else coef.eq)
        if swapnames:
            coef.eq, coef.name = coef.name, coef.eq
        out.append(coef)
    return out


def _number_or_missing(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _interval(b: float, se: float, q: float, citype: int) -> tuple[float, float]:
    """citype(): the limits on the normal, logit, probit, atanh or log scale
    (coefplot.sthlp's formulas; missing where the transform is undefined)."""
    from mlmcli.distributions import norm

    nan = float("nan")
    with np.errstate(all="ignore"):
        if citype == 1:
            if not 0 < b < 1:
                return nan, nan
            h = q * se / (b * (1 - b))
            lg = math.log(b / (1 - b))
            return 1 / (1 + math.exp(-(lg - h))), 1 / (1 + math.exp(-(lg + h)))
        if citype == 2:
            if not 0 < b < 1:
                return nan, nan
            z = float(norm.ppf(b))
            h = q * se / float(norm.pdf(z))
            return float(norm.cdf(z - h)), float(norm.cdf(z + h))
        if citype == 3:
            if not -1 < b < 1:
                return nan, nan
            h = q * se / (1 - b * b)
            return math.tanh(math.atanh(b) - h), math.tanh(math.atanh(b) + h)
        if citype == 4:
            if not b > 0:
                return nan, nan
            h = q * se / b
            return _exp(math.log(b) - h), _exp(math.log(b) + h)
    return b - q * se, b + q * se


CITYPES = ("normal", "logit", "probit", "atanh", "log")


def citype_number(text) -> int:
    """``citype(method)`` -> 0 normal ... 4 log (coefplot.ado's parse_citype)."""
    words = str(text or "").split()
    found = []
    for w in words:
        low = w.lower()
        if len(low) >= 4 and "normal".startswith(low):
            found.append(0)
        elif low in CITYPES[1:]:
            found.append(CITYPES.index(low))
        else:
            raise StataError(f"option {w} not allowed", 198)
    if len(found) > 1:
        raise StataError("citype(): only one of logit, probit, atanh, log, and normal allowed", 198)
    return found[0] if found else 0


def _rescale_rule(text: str):
    """``rescale(#)`` or ``rescale(coeflist = # ...)`` -> (eq, name) -> factor."""
    from mlmcli.graphs import coefplot_layout as layout

    text = str(text or "").strip()
    if not text:
        return lambda eq, name: 1.0
    try:
        factor = float(text)
        return lambda eq, name: factor
    except ValueError:
        pass
    rows = layout.matchlist(text, "rescale")
    rules = []
    for names_text, value in rows:
        try:
            rules.append((layout.namelist(names_text, "*", "rescale"), float(value)))
        except ValueError:
            raise StataError("rescale(): invalid value", 198) from None

    def rule(eq, name):
        return next((v for pairs, v in rules if layout.matches_any(pairs, (eq, name))), 1.0)
    return rule


def renamed(name: str, eq: str, rules, option: str) -> str:
    """coefplot_rename: the first rule (names, new, regex) matching -- its names ``eq:coef``
    (wildcards in the equation only) with ``coef`` the name, ``prefix*`` or ``*suffix`` to
    replace that part, or with ``regex`` a regular expression whose match is replaced (``\\1``
    ... back references, ``\\0`` the match); ``eq`` "" for eqrename() (then the names are
    equations)."""
    from mlmcli.graphs import coefplot_layout as layout

    for names_text, new, regex in rules:
        for eq_pattern, old in layout.namelist(names_text, "*", option):
            free = free_parameter_name(eq, name) if eq_pattern == "/" and option == "rename" else None
            target = name
            if free is not None and eq != "/":  # rename(/:var(_cons[id]) = ...): Stata 15's name
                target = free
            elif not wildcard(eq_pattern).match(eq):
                continue
            if regex:
                try:
                    found = re.search(old, target)
                except re.error:
                    raise StataError(f"{option}(): invalid regular expression", 198) from None
                if found:
                    return target[:found.start()] + found.expand(new.replace("\\0", "\\g<0>")) + target[found.end():]
            elif old.startswith("*") and target.endswith(old[1:]):
                return target[:len(target) - len(old) + 1] + new
            elif old.endswith("*") and target.startswith(old[:-1]):
                return new + target[len(old) - 1:]
            elif old == target:
                return new
    return name


def _exp(v: float) -> float:
    """exp(v), missing past the double range (exp(710) and up), as Stata's exp()."""
    return math.exp(v) if v < 709.78 else float("nan")


def margins_at(names, at_matrix, at_rows, atstats: list[str], pos: int = 1) -> np.ndarray:
    """coefplot.ado's coefplot_get_margins_at: for each e(b) column ``#._at...`` the value, in
    e(at)'s row #, of the ``pos``-th at() variable whose e(atstats#) word is ``values`` (a
    numlist); NaN where there is none."""
    out = np.full(len(names), np.nan)
    for i, row_name in enumerate(at_rows, 1):
        words = atstats[i - 1].split() if i - 1 < len(atstats) else []
        listed = [j for j, w in enumerate(words) if w == "values"]
        if pos > len(listed):
            continue
        value = float(at_matrix[i - 1, listed[pos - 1]])
        for k, full in enumerate(names):
            name = full.split(":")[-1].replace("1bn._at", "1._at")
            if re.match(rf"{i}\._at", name):
                out[k] = value
    return out


def pool_equations(plots: list[PlotSpec], eqstrict: bool = False) -> bool:
    """coefplot.ado's rule (coefplot_multiple_eqs): unless some plot holds several equations
    (or ``eqstrict``), the equation names are ignored (all made ``_``), so models with different
    dependent variables share coefficients.  True when the equations are kept."""
    several = eqstrict or any(len({c.eq for c in p.coefs}) > 1 for p in plots)
    if not several:
        for p in plots:
            for c in p.coefs:
                c.eq = "_"
    return several


def arrange(plots: list[PlotSpec], order: str = "") -> list[tuple[str, str]]:
    """The (equation, coefficient) keys on the category axis, top to bottom."""
    seen: list[tuple[str, str]] = []
    for plot in plots:
        for c in plot.coefs:
            if (c.eq, c.name) not in seen:
                seen.append((c.eq, c.name))
    eqs = list(dict.fromkeys(eq for eq, _ in seen))
    keys = []
    for eq in eqs:
        inside = [k for k in seen if k[0] == eq]
        keys += [k for k in inside if k[1] != "_cons"] + [k for k in inside if k[1] == "_cons"]
    if order:
        wanted = []
        for eq, pattern in coef_list(order):
            wanted += [k for k in keys if k not in wanted and (
                (wildcard(eq or "*").match(k[0]) and wildcard(pattern).match(k[1]))
                or free_parameter_matches(f"{eq}:{pattern}" if eq else pattern, *k))]
        keys = wanted + [k for k in keys if k not in wanted]
    return keys


def by_coefficients(plots: list[PlotSpec], keys, coef_labels: dict, by_labels: dict):
    """``bycoefs`` (coefplot.ado's coefplot_bycoefs): subgraphs and coefficients flipped -- a
    subgraph per coefficient (titled with its label), the subgraphs 1, 2, ... on the category
    axis (labelled with their bylabel()), each plot keeping its number.  Returns (plots, keys,
    axis labels, subgraph titles)."""
    from dataclasses import replace

    flipped: dict[tuple[int, int], PlotSpec] = {}
    for plot in plots:
        for c in plot.coefs:
            k = keys.index((c.eq, c.name)) + 1
            spec = flipped.get((k, plot.number))
            if spec is None:
                spec = flipped[(k, plot.number)] = replace(plot, coefs=[], by=k)
            spec.coefs.append(Coef("_", str(plot.by), c.b, list(c.limits)))
    subgraphs = sorted({p.by for p in plots})
    new_keys = [("_", str(b)) for b in subgraphs]
    labels = {("_", str(b)): by_labels.get(b, str(b)) for b in subgraphs}
    titles = {k: coef_labels[key] for k, key in enumerate(keys, 1)}
    return [flipped[key] for key in sorted(flipped)], new_keys, labels, titles


def coefficient_label(name: str, data, interaction: str = " # ") -> str:
    """coefplot's default label of a coefficient: variable labels for variables, value labels
    (else ``label=level``) for factor levels, ``op.label`` for operators, ``#`` between the
    parts of an interaction."""
    parts = []
    for part in name.split("#"):
        text = ""
        if "." not in part:
            text = (data.var_labels.get(part) or part) if data is not None and part in data.varnames else part
        else:
            level, _, var = part.partition(".")
            if data is not None and var and var in data.varnames:
                try:
                    value = float(level)
                except ValueError:
                    value = None
                if value is None:
                    label = data.var_labels.get(var) or var
                    level = level[1:] if level.startswith("c") else level
                    text = f"{level}.{label}" if level else label
                else:
                    table = data.value_labels.get(data.value_label_of.get(var, ""), None)
                    if table is not None:
                        text = table.get(value, table.get(int(value), "")) if value.is_integer() else \
                            table.get(value, "")
                        text = text or level
                    else:
                        text = f"{data.var_labels.get(var) or var}={level}"
            text = text or part
        parts.append(text)
    return interaction.join(parts)


def plot_has_data(plots: list[PlotSpec]) -> bool:
    return any(p.coefs for p in plots)

