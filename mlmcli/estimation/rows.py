"""The data in memory as postestimation sees a fit: the fixed design on every row,
each random-effects term's group on every row, and e(sample) in the current order.

Fixed design: the estimable columns of e(b)'s first equation rebuilt on every row,
from the fit-time ``FixedDesign`` when the results have one, else from the
coefficient names (``x``, ``c.x``, ``2.f``, ``1.f#c.x``, ``_cons``); NaN where a
variable is missing.

Groups: the engine indexes random effects by group codes over the estimation sample
as it stood at fit time; since then the data may have been sorted (``sort``,
``by ...: egen``), extended or narrowed.  Like Stata's ``predict`` after
``mixed`` (which maps the BLUPs to every observation of a group seen in
estimation), groups are identified by the values of the level variables: a
term at level j is keyed by the values of the first j distinct level
variables (itself and the levels it is nested in), a crossed ``_all: R.x``
term by the values of x.

The code -> key table is read off the estimation rows where they are now (their
identity is followed through sort, keep, drop and append: ``EstimationResults.
sample_positions``; checked against the dependent variable and the level codes);
when the data were replaced in another way each group is matched to the key whose complete rows have
the same count, sum and sum of squares of the dependent variable.  When
neither works the data used in estimation are no longer in memory and
Stata's r(459) message is raised.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import parse_coef_name
from mlmcli.mixed.re_products import values as re_values
from mlmcli.sorted_codes import all_distinct


@dataclass(frozen=True)
class RowGroups:
    """``codes[k][i]``: engine group code of term k for data row i (-1: no such group);
    ``sample``: rows of the estimation sample in the current row order."""

    codes: tuple[np.ndarray, ...]
    sample: np.ndarray



def dependent_variable(e) -> str:
    """The fit's dependent variable: e(depvar), or runmlwin's e(depvars) (one response)."""
    return e.macros.get("depvar") or e.macros["depvars"].split()[0]


def _response(e, data) -> np.ndarray:
    """The fitted response in the data now: the dependent variable, or after meintreg (e(depvar)
    "lower upper") the y its fit read from the two (``glm.censored_gaussian.interval_response``)."""
    if e.macros.get("cmd2") == "meintreg":
        from mlmcli.glm.censored_gaussian import interval_response

        lower, upper = dependent_variable(e).split()
        return interval_response(data.numeric(lower), data.numeric(upper))
    return data.numeric(dependent_variable(e))

def _key_vars(terms) -> list[list[str]]:
    levels: list[str] = []
    for t in terms:
        if not t.crossed_factor and t.levelvar not in levels:
            levels.append(t.levelvar)
    out = []
    for t in terms:
        if t.crossed_factor:
            out.append([t.names[0][2:] if t.names and t.names[0].startswith("R.") else t.levelvar])
        elif getattr(t, "level_factor", False):  # ``school: R.class``: one group per (school, class)
            out.append(levels[: levels.index(t.levelvar) + 1] + [t.names[0][2:]])
        else:
            out.append(levels[: levels.index(t.levelvar) + 1])
    return out


def _row_keys(data, variables: list[str]) -> np.ndarray:
    """An integer key per row for the combination of ``variables`` (-1 where any is missing)."""
    frame = pd.DataFrame({i: data.df[data.resolve(v)].to_numpy() for i, v in enumerate(variables)})
    missing = np.zeros(len(frame), bool)
    for c in frame.columns:
        col = frame[c]
        missing |= col.isna().to_numpy()
        if col.dtype == object:
            missing |= (col.astype(str) == "").to_numpy()
    keys = frame.groupby(list(frame.columns), sort=True, dropna=False).ngroup().to_numpy().astype(np.int64)
    keys[missing] = -1
    return keys


def _positional(e, data, keys, terms):
    """(e(sample) now, per term {key: code}) when the sample's rows can be placed
    (``EstimationResults.sample_positions``) and they hold the fitted response and one key
    per group; else None."""
    pos = e.sample_positions(data)
    y_fit = np.asarray(e.model.response(), float)
    if pos is None or len(pos) != len(y_fit):
        return None
    present = pos >= 0
    rows = pos[present]
    if not len(rows):
        return None
    try:
        y = _response(e, data)[rows]
    except StataError:
        return None
    if not np.allclose(y, y_fit[present], rtol=1e-6, atol=1e-9, equal_nan=False):
        return None
    tables = []
    for k, t in enumerate(terms):
        table = _one_key_per_group(np.asarray(t.group)[present], keys[k][rows], t.n_groups)
        if table is None:
            return None
        tables.append(table)
    sample = np.zeros(data.nobs, bool)
    sample[rows] = True
    return sample, tables


def _declared(session, e, keys, terms):
    """As ``_positional`` for a mixed fit rebuilt from a file on an e(sample) that ``estimates
    esample:`` declared: the fit's rows are the declared rows with every model variable known,
    in the current order (the rebuild ran ``if e(sample)`` on these data)."""
    rows = np.flatnonzero(np.asarray(e.sample, bool) & _complete_rows(session, e, None))
    y_fit = np.asarray(e.model.response(), float)
    if len(rows) != len(y_fit) or not len(rows):
        return None
    if not np.allclose(session.data.numeric(dependent_variable(e))[rows], y_fit, rtol=1e-6, atol=1e-9):
        return None
    tables = []
    for k, t in enumerate(terms):
        table = _one_key_per_group(np.asarray(t.group), keys[k][rows], t.n_groups)
        if table is None:
            return None
        tables.append(table)
    sample = np.zeros(session.data.nobs, bool)
    sample[rows] = True
    return sample, tables


def _one_key_per_group(codes: np.ndarray, keys: np.ndarray, n_groups: int) -> dict | None:
    """{key: code} when the rows give each group one key and distinct groups distinct keys."""
    if (keys < 0).any():
        return None
    key_of = np.full(n_groups, -1, np.int64)
    key_of[codes] = keys  # any row's key; all of them when the group has one
    if not np.array_equal(key_of[codes], keys):
        return None
    used = np.flatnonzero(np.bincount(codes, minlength=n_groups))
    if not all_distinct(key_of[used]):
        return None
    return dict(zip(key_of[used].tolist(), used.tolist()))


def _signature(y: np.ndarray, groups: np.ndarray, n_groups: int) -> list[tuple]:
    n = np.bincount(groups, minlength=n_groups)
    s1 = np.bincount(groups, weights=y, minlength=n_groups)
    s2 = np.bincount(groups, weights=y * y, minlength=n_groups)
    return [(int(n[g]), round(float(s1[g]), 6), round(float(s2[g]), 4)) for g in range(n_groups)]


def _complete_rows(session, e, key_vars) -> np.ndarray:
    """Rows where every variable of the model is known (the fit-time listwise deletion)."""
    data = session.data
    ok = ~np.isnan(_response(e, data))
    X = fixed_design_all_rows(session, e)
    if X.size:
        ok &= ~np.isnan(X).any(axis=1)
    for t in e.model.re_terms():
        for name in t.names:
            if name != "_cons" and not name.startswith("R."):
                ok &= ~np.isnan(re_values(data, name))
    return ok


def _by_signature(session, e, keys, terms, key_vars):
    """(e(sample) in current order, per term {key: code}) by matching group signatures, or None."""
    y_fit = np.asarray(e.model.response(), float)
    complete = _complete_rows(session, e, key_vars)
    y_now = _response(e, session.data)
    mapped = np.ones(session.data.nobs, bool)
    tables = []
    for k, t in enumerate(terms):
        want = _signature(y_fit, np.asarray(t.group), t.n_groups)
        rows = complete & (keys[k] >= 0)
        if not rows.any():
            return None
        have_keys, inv = np.unique(keys[k][rows], return_inverse=True)
        have = _signature(y_now[rows], inv, len(have_keys))
        lookup: dict[tuple, list[int]] = {}
        for i, sig in enumerate(have):
            lookup.setdefault(sig, []).append(int(have_keys[i]))
        table = {}
        for code, sig in enumerate(want):
            hits = lookup.get(sig, [])
            if len(hits) != 1:
                return None
            table[hits[0]] = code
        tables.append(table)
        mapped &= np.isin(keys[k], list(table))
    return complete & mapped, tables


def row_groups(session, e) -> RowGroups:
    """Group codes of every term for every current row, and e(sample) in current order."""
    terms = list(e.model.re_terms())
    data = session.data
    key_vars = _key_vars(terms)
    try:
        keys = [_row_keys(data, kv) for kv in key_vars]
    except StataError:
        raise StataError("predict requires that the data used in estimation be in memory", 459) from None
    placed = _positional(e, data, keys, terms)
    if placed is None and e.sample_declared:
        placed = _declared(session, e, keys, terms)
    if placed is not None:
        sample, tables = placed
    else:
        found = _by_signature(session, e, keys, terms, key_vars)
        if found is None:
            raise StataError("predict requires that the data used in estimation be in memory", 459)
        sample, tables = found
    codes = []
    for k in range(len(terms)):
        lut = np.full(int(keys[k].max()) + 2, -1, np.int64)
        for key, code in tables[k].items():
            lut[key] = code
        codes.append(np.where(keys[k] >= 0, lut[np.maximum(keys[k], 0)], -1))
    return RowGroups(tuple(codes), np.asarray(sample, bool))


def group_values(session, e, k: int, groups: RowGroups) -> list[str]:
    """The level variable's value (value label if any) of each group of term k, as text."""
    t = e.model.re_terms()[k]
    var = t.names[0][2:] if t.crossed_factor and t.names[0].startswith("R.") else t.levelvar
    labels = [""] * t.n_groups
    codes = groups.codes[k]
    col = session.data.df[session.data.resolve(var)].to_numpy()
    first = {}
    for i in np.flatnonzero(codes >= 0):
        first.setdefault(int(codes[i]), i)
    for code, i in first.items():
        labels[code] = _value_text(session.data, var, col[i])
    return [lab or str(g + 1) for g, lab in enumerate(labels)]


def _value_text(data, var, val) -> str:
    if isinstance(val, str):
        return val
    lab = data.value_label_text(var, val)
    if lab is not None:
        return lab
    f = float(val)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def sample_in_current_order(session, e) -> np.ndarray | None:
    """e(sample) in the current row order, or None when it cannot be placed (its rows are
    followed through sort/keep/drop; multilevel fits are checked through their groups)."""
    if e.sample is None:
        return None
    if e.model is not None and hasattr(e.model, "re_terms"):
        try:
            return row_groups(session, e).sample
        except StataError:
            return None
    return e.sample_mask(session.data)


# ====================================================================== fixed design
def fixed_design_all_rows(session, e) -> np.ndarray:
    """The estimable fixed-effects columns on every row of the data (NaN where missing)."""
    if e.design is not None:
        X = np.asarray(e.design.columns(session.data), float)
        # already (n, k); reshape(0, -1) of no observations (drop if 1) is ambiguous and fails
        return X if X.ndim == 2 else X.reshape(session.data.nobs, -1)
    return _design_from_names(session, e)


def _design_from_names(session, e) -> np.ndarray:
    """Columns rebuilt from coefficient names (``x``, ``c.x``, ``2.f``, ``1.f#c.x``, ``_cons``)."""
    names = e.coefficients().fixed_part(e.macros.get("depvar", "")).names
    n = session.data.nobs
    cols = []
    for nm in names:
        col = np.ones(n)
        for part in parse_coef_name(nm).parts:
            if part.var == "_cons" and not part.op:
                continue
            x = session.data.numeric(part.var)
            if part.level is None:
                col = col * x
            else:
                col = col * np.where(np.isnan(x), np.nan, (x == float(part.level)).astype(float))
        cols.append(col)
    return np.column_stack(cols) if cols else np.zeros((n, 0))


class PredictionRows:
    """The data in memory as a fit's ``predict(statistic, rows)`` sees it (see
    ``mlmcli.estimation.interface.PredictionRows``); each piece is built on first use."""

    def __init__(self, session, e, relevel: str | None = None, nooffset: bool = False):
        self._session, self._e = session, e
        self.n = session.data.nobs
        self.relevel = relevel
        self.nooffset = nooffset
        self._X = self._groups = None

    def fixed_design(self) -> np.ndarray:
        if self._X is None:
            self._X = fixed_design_all_rows(self._session, self._e)
        return self._X

    def depvar(self) -> np.ndarray:
        return self._session.data.numeric(dependent_variable(self._e))

    def variable(self, name: str) -> np.ndarray:
        return re_values(self._session.data, name)

    def groups(self) -> RowGroups:
        if self._groups is None:
            self._groups = row_groups(self._session, self._e)
        return self._groups
