"""``coefplot``'s category axis as coefplot.ado (1.8.7) lays it out: the order of the
coefficients (``coefplot_niceorder``, ``orderby()``, ``sort()``, ``order()``), their positions
(``coefplot_catvals``: 1, 2, ... per coefficient, ``relocate()``, gaps between equations and
between groups; ``coefplot_headings``: a position taken before each heading), and the texts
put beside it (``get_axis_labels``: equation labels and group labels each at the middle of
their coefficients; ``coefplot_ticks_and_labels``: labels, grid lines, range).

The ado works on rows (one per plotted coefficient); rows of one coefficient are adjacent once
arranged, so the positions here are per (equation, coefficient) key.  Matchlists
(``coeflist = value ...``) and namelists (``eq:coef ...``) are read as the ado's
``coefplot_parse_matchlist`` and ``coefplot_parse_namelist`` read them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from mlmcli.errors import StataError

Key = tuple[str, str]


def wildcard(pattern: str) -> re.Pattern:
    """Stata's strmatch(): ``*`` any string, ``?`` one character."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern) + r"\Z")


@dataclass
class Row:
    """One plotted coefficient as the ado's struct holds it (``idx``: its collection order)."""

    idx: int
    by: int
    plot: int
    coef: object  # graphs.coefplot.Coef

    @property
    def key(self) -> Key:
        return (self.coef.eq, self.coef.name)


GAP = "\x00gap"  # the coefficient name of a gap order() inserts (coefplot_appendemptyrow)


def is_gap(key: Key) -> bool:
    return key[1].startswith(GAP)


@dataclass
class Layout:
    """Positions of the keys and the texts along the category axis."""

    at: dict = field(default_factory=dict)          # key -> position
    keys: list = field(default_factory=list)        # in axis order
    grid: list = field(default_factory=list)
    range: tuple = (0.5, 1.5)
    eqlabels: list = field(default_factory=list)    # (position, text)
    groups: list = field(default_factory=list)      # (position, text)
    headings: list = field(default_factory=list)    # (position, text)


# ----------------------------------------------------------------------------- parsing
def _strip_quotes(word: str) -> str:
    if word.startswith('`"') and word.endswith("\"'"):
        return word[2:-2]
    if word.startswith('"') and word.endswith('"') and len(word) > 1:
        return word[1:-1]
    return word


def _bound_end(s: str, i: int) -> int:
    """The end (exclusive) of the quoted string or parenthesised group starting at ``i``."""
    from mlmcli.textscan import matching_close, quote_end

    if s[i] == "(":
        close = matching_close(s, i, "(")
        return len(s) if close < 0 else close + 1
    end = quote_end(s, i)
    return len(s) if end < 0 else end


def matchlist_tokens(s: str) -> list[str]:
    """``_coefplot_parse_matchlist_stok``: words split at blanks and ``=``, quotes and
    parentheses bound, a ``(...)`` joined to the word before it and a word to a ``)`` before it."""
    raw, i, n = [], 0, len(s)
    while i < n:
        c = s[i]
        if c in " =":
            raw.append(c)
            i += 1
        elif c == '"' or s.startswith('`"', i) or c == "(":
            j = _bound_end(s, i)
            raw.append(s[i:j])
            i = j
        else:
            j = i
            while j < n and s[j] not in ' =("' and not s.startswith('`"', j):
                j += 1
            raw.append(s[i:j])
            i = j
    out: list[str] = []
    for k in range(len(raw) - 1, -1, -1):
        tok = raw[k]
        if tok == " ":
            continue
        if k > 0:
            if tok.startswith("(") and raw[k - 1] not in (" ", "="):
                raw[k - 1] += tok
                continue
            if not tok.startswith("(") and tok != "=" and raw[k - 1].endswith(")"):
                raw[k - 1] += tok
                continue
        out.append(tok)
    return out[::-1]


def matchlist(s: str, opt: str, nc: int = 1) -> list[tuple]:
    """``coefplot_parse_matchlist``: ``names = value [names = value ...]`` -> (names, value ...)
    rows, the last value's outer quotes stripped."""
    if not str(s).strip():
        return []
    tokens = matchlist_tokens(str(s))
    c = len(tokens)
    eqpos = [k for k, t in enumerate(tokens) if t == "="]
    rows, a = [], 0
    for b in eqpos:
        if b == a or b == c - 1 or b + nc > c - 1:
            raise StataError(f"{opt}(): invalid matchlist", 198)
        rows.append((" ".join(tokens[a:b]),) + tuple(tokens[b + 1:b + 1 + nc]))
        a = b + 1 + nc
    if a < c:
        raise StataError(f"{opt}(): invalid matchlist", 198)
    return [row[:-1] + (_strip_quotes(row[-1]),) for row in rows]


def namelist(s: str, defeq: str, opt: str) -> list[Key]:
    """``coefplot_parse_namelist``: ``eq:coef``, ``eq:`` (all of eq), ``coef`` (the last
    equation named, else ``defeq``) -> (eq pattern, coef pattern) pairs."""
    toks = []
    for word in str(s).split():
        parts = word.split(":")
        for k, part in enumerate(parts):
            if part:
                toks.append(_strip_quotes(part))
            if k < len(parts) - 1:
                toks.append(":")
    out, i, c = [], 0, len(toks)

    def bad():
        raise StataError(f"{opt}(): invalid namelist", 198)

    while i < c:
        if i + 1 < c and toks[i + 1] == ":":
            if toks[i] == ":":
                bad()
            if i + 2 < c:
                if toks[i + 2] == ":":
                    bad()
                if i + 3 < c and toks[i + 3] == ":":   # "eq: eq2:"
                    out.append((toks[i], "*"))
                    i += 2
                    continue
                out.append((toks[i], toks[i + 2]))      # "eq:name"
                defeq = toks[i]
                i += 3
                continue
            out.append((toks[i], "*"))                  # "eq:" at the end
            i += 2
            continue
        if toks[i] == ":":
            bad()
        out.append((defeq, toks[i]))
        i += 1
    return out


def matches_any(pairs: list[Key], key: Key) -> bool:
    return any(wildcard(e).match(key[0]) and wildcard(n).match(key[1]) for e, n in pairs)


def firstmatches_any(rows: list[tuple], key: Key, opt: str) -> int:
    """The number (1, 2, ...) of the first matchlist row whose names match ``key``; 0: none."""
    for j, row in enumerate(rows, 1):
        if matches_any(namelist(row[0], "*", opt), key):
            return j
    return 0


# ----------------------------------------------------------------------------- order
def nice_order(rows: list[Row]) -> list[Row]:
    """``coefplot_niceorder``: equations as first met, coefficients as first met within
    them (``_cons`` last), then collection order."""
    first_eq: dict[str, int] = {}
    first_key: dict[Key, int] = {}
    for r in rows:
        first_eq.setdefault(r.key[0], r.idx)
        first_key.setdefault(r.key, r.idx)

    def rank(r: Row):
        k = math.inf if r.key[1] == "_cons" else first_key[r.key]
        return (first_eq[r.key[0]], k, r.idx)
    return sorted(rows, key=rank)


def _named(eq: str, pattern: str, key: Key) -> bool:
    """order(eq:pattern) names the row ``key``; ``/:*`` also the rows Stata 15 posts in ``/``."""
    from mlmcli.syntax.coefnames import free_parameter_matches

    return ((key[0] == eq and wildcard(pattern).match(key[1]) is not None)
            or free_parameter_matches(f"{eq}:{pattern}", *key))


def order_rows(rows: list[Row], pairs: list[Key], general: bool) -> list[Row]:
    """``coefplot_order``: with equations named (``general``) the listed (eq, coef) first
    across equations, else the listed coefficients first within each equation."""
    taken = [False] * len(rows)
    out: list[Row] = []
    gaps = [0]

    def gap(eq: str) -> None:  # coefplot_appendemptyrow: an empty row in equation eq
        from types import SimpleNamespace

        gaps[0] += 1
        out.append(Row(-gaps[0], 0, 0, SimpleNamespace(eq=eq, name=f"{GAP}{len(out)}")))

    def take(pred):
        for k, r in enumerate(rows):
            if not taken[k] and pred(r):
                taken[k] = True
                out.append(r)
    if general:
        for eq, pattern in pairs:
            if pattern == ".":
                gap(eq)
                continue
            take(lambda r, eq=eq, pattern=pattern: _named(eq, pattern, r.key))
        take(lambda r: True)
        return out
    eqs = list(dict.fromkeys(r.key[0] for r in rows))
    for eq in eqs:
        for _, pattern in pairs:
            if pattern == ".":
                gap(eq)
                continue
            take(lambda r, eq=eq, pattern=pattern: r.key[0] == eq and wildcard(pattern).match(r.key[1]))
        take(lambda r, eq=eq: r.key[0] == eq)
    return out


def typed_order(rows: list[Row], text: str) -> list[Row]:
    """``order(coeflist)`` as the ado reads it."""
    pairs = namelist(text, "", "order")
    if not pairs:
        return rows
    if pairs[0][0] == "" and not all(e == "" for e, _ in pairs):
        raise StataError("inconsistent order(): specify equations for all or for none", 198)
    return order_rows(rows, pairs, general=pairs[0][0] != "")


def parse_orderby(text: str, recycle: bool = True) -> tuple[int | None, int]:
    """``orderby([subgraph:][plot])`` -> (subgraph or None with norecycle, plot)."""
    text = str(text).strip()
    sub, colon, plot = text.partition(":")
    if not colon:
        sub, plot = "1", sub
    elif not recycle:
        raise StataError("orderby(): subgraph not allowed with norecycle", 198)
    values = []
    for part in (sub.strip() or "1", plot.strip() or "1"):
        if not part.isdecimal() or int(part) <= 0 or len(part.split()) != 1:
            raise StataError("orderby(): invalid syntax", 198)
        values.append(int(part))
    return (values[0] if recycle else None), values[1]


def orderby_rows(rows: list[Row], by: int | None, plot: int) -> list[Row]:
    """``coefplot_orderby``: the coefficients in the order of one plot's model (its ``_cons``
    left to the remaining ones, which keep their order)."""
    # the plot's rows in collection order (the ado selects from the struct, not the arrangement)
    chosen = sorted((r for r in rows if r.plot == plot and (by is None or r.by == by)), key=lambda r: r.idx)
    if not chosen:
        return rows
    pairs: list[Key] = []
    for r in nice_order([Row(k, 1, 1, r.coef) for k, r in enumerate(chosen)]):
        if r.key[1] != "_cons" and r.key not in pairs:
            pairs.append(r.key)
    # the ado's string ends each equation with "*": the rest of that equation next
    ordered: list[Key] = []
    for eq in dict.fromkeys(e for e, _ in pairs):
        ordered += [p for p in pairs if p[0] == eq] + [(eq, "*")]
    return order_rows(rows, ordered, general=True)


SORT_STATS = ("b", "v", "se", "t", "tabs", "df", "p", "ll", "ul", "aux")


def parse_sort(text) -> tuple:
    """``sort[([subgraph:][plot] [, descending by(stat)])]`` -> (subgraph, plot, descending,
    stat, #) with None for ``.``/omitted."""
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    body, subs, _ = split_options("" if text is True or text is None else str(text))
    opts = resolve_options(subs, [OptionSpec("descending", 1), OptionSpec("by", None, True)])
    body = body.strip()
    sub, colon, plot = body.partition(":")
    if not colon:
        sub, plot = ".", sub
    values = []
    for part in (sub.strip(), plot.strip()):
        if part in ("", "."):
            values.append(None)
        elif part.isdecimal() and int(part) > 0:
            values.append(int(part))
        else:
            raise StataError("sort(): invalid syntax", 198)
    by_text = str(opts.get("by") or "").strip()
    words = by_text.split()
    stat, number = (words[0].lower() if words else "b"), 1
    if stat not in SORT_STATS or len(words) > 2 or (len(words) == 2 and (
            stat not in ("ll", "ul", "aux") or not words[1].isdecimal() or int(words[1]) <= 0)):
        raise StataError(f"sort(): '{by_text}' not allowed in by()", 198)
    if len(words) == 2:
        number = int(words[1])
    return values[0], values[1], bool(opts.get("descending")), stat, number


def _sort_value(coef, stat: str, number: int) -> float:
    import numpy as np

    se = coef.se
    if stat == "b":
        return coef.b
    if stat in ("v", "se"):
        return se * se if stat == "v" else se
    if stat in ("t", "tabs"):
        t = coef.b_raw / se if se else np.nan
        return abs(t) if stat == "tabs" else t
    if stat == "df":
        return coef.df
    if stat == "p":
        return coef.pval
    if stat in ("ll", "ul"):
        if number > len(coef.limits):
            return np.nan
        lo, hi = coef.limits[number - 1]
        return lo if stat == "ll" else hi
    return coef.aux[number - 1] if number <= len(coef.aux) else np.nan


def sort_rows(rows: list[Row], spec: tuple) -> list[Row]:
    """``coefplot_sort``: by the values of the chosen subgraph/plot, within equations
    (missing last, ties in collection order)."""
    sub, plot, descending, stat, number = spec
    chosen = [r for r in rows if (sub is None or r.by == sub) and (plot is None or r.plot == plot)]
    if not chosen:
        return rows
    if stat in ("ll", "ul") and number > max(len(r.coef.limits) for r in rows):
        return rows
    if stat == "aux" and number > max(len(r.coef.aux) for r in rows):
        return rows
    eq_run, runs = [], 0
    for k, r in enumerate(chosen):
        runs += k == 0 or r.key[0] != chosen[k - 1].key[0]
        eq_run.append(runs)

    def rank(k: int):
        r = chosen[k]
        v = _sort_value(r.coef, stat, number)
        v = math.inf if v is None or math.isnan(v) else (-v if descending else v)
        return (eq_run[k], v, r.idx)
    ordered = [chosen[k].key for k in sorted(range(len(chosen)), key=rank)]
    return order_rows(rows, list(dict.fromkeys(ordered)), general=True)


# ----------------------------------------------------------------------------- positions
def layout(keys: list[Key], *, relocate: str = "", groups: str = "", ggap: float = 1.0,
           eqgap: float = 0.0, eqlabel_texts: dict | None = None, headings: str = "",
           hgap: float = 1.0, hoff: float = 0.0, eq_as_headings: bool = False,
           between: bool = False) -> Layout:
    """``coefplot_catvals``, ``coefplot_headings``, ``get_axis_labels`` and
    ``coefplot_ticks_and_labels`` for the arranged keys; ``eqlabel_texts``: equation -> its
    label."""
    at = {k: float(i) for i, k in enumerate(keys, 1)}
    if str(relocate).strip():
        rows = matchlist(relocate, "relocate")
        for k in keys:
            j = firstmatches_any(rows, k, "relocate")
            if j:
                try:
                    at[k] = float(rows[j - 1][1])
                except ValueError:
                    raise StataError("relocate(): invalid value", 198) from None
        keys = sorted(keys, key=lambda k: at[k])  # stable: ties keep their order
    xmin = min(at.values()) if at else 1.0
    eqs = list(dict.fromkeys(k[0] for k in keys))
    eq_of = {k: eqs.index(k[0]) + 1 for k in keys}
    grp = {k: 0 for k in keys}
    group_rows = matchlist(groups, "groups") if str(groups).strip() else []
    for eq in eqs:
        inside = [k for k in keys if k[0] == eq]
        for j, row in enumerate(group_rows, 1):
            pairs = namelist(row[0], "*", "groups")
            for k in inside:
                if grp[k] == 0 and not is_gap(k) and matches_any(pairs, k):
                    grp[k] = j
            hits = [i for i, k in enumerate(inside) if grp[k] == j]
            if hits:  # the span from the first to the last is the group's
                for k in inside[hits[0]:hits[-1] + 1]:
                    grp[k] = j
    if eqgap or ggap:
        base = dict(at)
        for i in range(1, len(keys)):
            k, prev = keys[i], keys[i - 1]
            at[k] = at[prev] + (base[k] - base[prev]) + (k[0] != prev[0]) * eqgap + \
                (k[0] == prev[0] and grp[k] != grp[prev]) * ggap
    out = Layout(at=at, keys=list(keys))
    head_positions = []
    if eq_as_headings:
        fskip = at[keys[0]] if keys else 0.0
        last = 0
        for i, k in enumerate(keys):
            if eq_of[k] != last:
                for kk in keys[i:]:
                    at[kk] += 1 + hgap * (i > 0)
                head_positions.append(at[k] - fskip + hoff)
            last = eq_of[k]
    elif str(headings).strip():
        rows = matchlist(headings, "headings")
        for i, k in enumerate(keys):
            if i > 0 and at[k] == at[keys[i - 1]]:
                continue
            j = firstmatches_any(rows, k, "headings")
            if j:
                for kk in keys[i:]:
                    at[kk] += 1 + hgap * (i > 0)
                out.headings.append((at[k] - 1 + hoff, rows[j - 1][1]))
    for n, eq in enumerate(eqs, 1):
        spots = [at[k] for k in keys if k[0] == eq]
        text = (eqlabel_texts or {}).get(eq, eq)
        out.eqlabels.append((min(spots) + (max(spots) - min(spots)) / 2, text))
    if eq_as_headings:  # merge_eqlabels_hlbls: the equation labels at the heading positions
        out.headings = [(p, text) for p, (_, text) in zip(head_positions, out.eqlabels)]
        out.eqlabels = []
    for j, row in enumerate(group_rows, 1):
        for eq in eqs:
            spots = [at[k] for k in keys if k[0] == eq and grp[k] == j]
            if spots:
                out.groups.append((min(spots) + (max(spots) - min(spots)) / 2, row[1]))
    out.range = (xmin - 0.5, (max(at.values()) if at else 1.0) + 0.5)
    out.grid = _grid(keys, at, xmin, between)
    return out


def _grid(keys: list[Key], at: dict, xmin: float, between: bool) -> list[float]:
    """``coefplot_ticks_and_labels``' grid lines: at the coefficients, or between them (half
    way, at most half a unit from each); none at or beside a gap of order()."""
    grid = []
    if between and keys and not is_gap(keys[0]) and xmin < min(at.values()):
        first = at[keys[0]]
        grid.append(first - min(0.5, (first - xmin) / 2))
    for i, k in enumerate(keys):
        if i > 0 and between and not is_gap(keys[i - 1]):
            prev = at[keys[i - 1]]
            grid.append(prev + min(0.5, (at[k] - prev) / 2))
        if is_gap(k):
            continue
        if not between:
            grid.append(at[k])
        elif i > 0:
            prev = at[keys[i - 1]]
            grid.append(at[k] - min(0.5, (at[k] - prev) / 2))
    return grid
