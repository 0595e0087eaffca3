"""``matrix accum``, ``matrix vecaccum``, ``matrix glsaccum`` and ``matrix opaccum`` ([P] matrix
accum): cross-product matrices formed from the data.

    matrix accum A = varlist [if] [in] [weight] [, noconstant deviations means(m) absorb(varname)]
    matrix vecaccum a = varlist [if] [in] [weight] [, noconstant]
    matrix glsaccum A = varlist [if] [in], group(groupvar) glsmat(W|stringvar) row(rowvar) [noconstant]
    matrix opaccum A = varlist [if] [in], group(groupvar) opvar(opvar) [noconstant]

The sample is if/in less the rows where a variable (or the weight) is missing.  Factor
variables are enumerated on it as regress does (a base level is a column of zeros, named
``1b.x``); the constant is the last row and column, ``_cons``.  aweights and pweights are
scaled to sum to the number of observations; fweights and iweights are used as they are.
``matrix accum`` prints ``(obs=#)``; all four leave r(N) (fweights: their sum), and absorb()
r(k_absorb).  ``deviations`` centres the variables on their (weighted) means; the _cons row
and column then hold the unadjusted sums and N (mlm's reading of the manual's option text).
``absorb()`` centres them within the groups of varname; the constant is then absorbed, so no
_cons is added.  glsaccum weights are refused (mlm does not know how Stata combines them with
the inner matrices).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import NAME_RE

_ACCUM_OPTIONS = [OptionSpec("noconstant", 6), OptionSpec("deviations", 1), OptionSpec("means", 1, takes_arg=True),
                  OptionSpec("absorb", 3, takes_arg=True)]


def _target_and_command(rest: str, what: str):
    from mlmcli.parser import parse_arguments

    m = re.fullmatch(r"\s*([^\W\d]\w*)\s*=(.*)", rest or "", re.S)
    if not m:
        raise invalid_syntax()
    name, body = m.groups()
    if len(name) > 32 or not NAME_RE.match(name):
        raise StataError(f"{name} invalid name", 198)
    cmd = parse_arguments(body, f"matrix {what}")
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    return name, cmd


def _design(session, cmd, text: str, extra_variables=()):
    """(sample, columns on the sample, their names, weights on the sample or None, N)."""
    from mlmcli.factor_terms import parse_terms, term_variables
    from mlmcli.factor_variables import SampleFactors, candidate_recipes, design_layout, evaluate_recipes
    from mlmcli.parser import weight_kind
    from mlmcli.sample import mark_sample, mark_weight

    data = session.data
    terms = parse_terms(data, text)
    sample = np.asarray(mark_sample(session, cmd, list(term_variables(terms)) + list(extra_variables)), bool)
    sample, weights = mark_weight(session, cmd, sample)
    kind = weight_kind(cmd.weight) if cmd.weight is not None else None
    if weights is not None:
        if kind == "fweight" and np.any(weights[sample] != np.round(weights[sample])):
            raise StataError("may not use noninteger frequency weights", 401)
        if kind in ("fweight", "aweight", "pweight") and np.any(weights[sample] < 0):
            raise StataError("negative weights encountered", 402)
        sample &= weights != 0
    if not sample.any():
        raise StataError("no observations", 2000)
    layout = design_layout(data, terms, SampleFactors(data, sample))
    recipes = candidate_recipes(layout)
    computed = evaluate_recipes(data, recipes, sample) if recipes else np.empty((int(sample.sum()), 0))
    names, columns, j = [], [], 0
    n = int(sample.sum())
    from mlmcli.factor_variables import finish_design

    labels = finish_design(layout, np.ones(len(recipes), bool), False, terms, computed).labels
    for (layout_kind, _, _, _), label in zip(layout, labels):
        names.append(label.name)
        if layout_kind == "column":
            columns.append(computed[:, j])
            j += 1
        else:  # base levels, empty cells and typed o.: columns of zeros
            columns.append(np.zeros(n))
    X = np.column_stack(columns) if columns else np.empty((n, 0))
    w = None
    count = float(n)
    if weights is not None:
        w = np.asarray(weights[sample], float)
        if kind in ("aweight", "pweight"):
            w = w * n / w.sum()
        else:
            count = float(w.sum()) if kind == "fweight" else count
    return sample, X, names, w, count


def _weighted(X: np.ndarray, w) -> np.ndarray:
    return X if w is None else X * w[:, None]


def _store(session, name: str, A: np.ndarray, labels) -> None:
    """An overflowing cross-product is missing, as Stata's matrices hold no infinities."""
    from mlmcli.results.matrix import Matrix

    A = np.where(np.isfinite(A), A, np.nan)
    session.matrices[name] = Matrix(A, tuple(labels), tuple(labels))


def accum(session, rest: str) -> None:
    from mlmcli.results.matrix import Matrix

    name, cmd = _target_and_command(rest, "accum")
    opts = resolve_options(cmd.options, _ACCUM_OPTIONS)
    absorb = opts.get("absorb")
    groups_var = None
    if isinstance(absorb, str):
        groups_var = session.data.expand_varlist(absorb.strip())
        if len(groups_var) != 1:
            raise StataError("too many variables specified", 103)
        groups_var = groups_var[0]
    sample, X, names, w, count = _design(session, cmd, cmd.args, (groups_var,) if groups_var else ())
    constant = not opts.get("noconstant") and groups_var is None
    weight = np.ones(X.shape[0]) if w is None else w
    means = (weight @ X) / weight.sum() if X.shape[1] else np.empty(0)
    r = {"N": count}
    if groups_var is not None:
        g = session.data.numeric(groups_var)[sample] if not session.data.is_string(groups_var) else \
            session.data.column(groups_var).to_numpy()[sample]
        _, codes = np.unique(g, return_inverse=True)
        k = int(codes.max()) + 1
        sums = np.zeros((k, X.shape[1]))
        np.add.at(sums, codes, X * weight[:, None])
        totals = np.bincount(codes, weights=weight, minlength=k)
        Xc = X - (sums / totals[:, None])[codes]
        r["k_absorb"] = float(k)
    elif opts.get("deviations"):
        Xc = X - means
    else:
        Xc = X
    with np.errstate(over="ignore", invalid="ignore"):
        A = Xc.T @ _weighted(Xc, w)
    labels = list(names)
    if constant:
        sums = weight @ X  # the unadjusted sums, also with deviations
        A = np.block([[A, sums[:, None]], [sums[None, :], np.array([[weight.sum()]])]])
        labels.append("_cons")
    if isinstance(opts.get("means"), str):
        means_name = opts["means"].strip()
        if not NAME_RE.match(means_name):
            raise StataError(f"{means_name} invalid name", 198)
        row = np.append(means, 1.0) if constant else means
        session.matrices[means_name] = Matrix(row.reshape(1, -1), ("r1",), tuple(labels))
    _store(session, name, A, labels)
    session.print(f"(obs={count:.0f})")
    session.set_r(r)


def vecaccum(session, rest: str) -> None:
    from mlmcli.results.matrix import Matrix

    name, cmd = _target_and_command(rest, "vecaccum")
    opts = resolve_options(cmd.options, [OptionSpec("noconstant", 6)])
    words = cmd.args.split()
    first = session.data.expand_varlist(words[0])
    if "." in words[0] or len(first) != 1:  # [P] matrix accum: not the first variable
        raise StataError("factor variables and time-series operators not allowed", 101) if "." in words[0] \
            else StataError("too many variables specified", 103)
    y_name = first[0]
    if len(words) > 1:
        sample, X, names, w, count = _design(session, cmd, " ".join(words[1:]), (y_name,))
    else:
        sample, X, names, w, count = _only_y(session, cmd, y_name)
    y = session.data.numeric(y_name)[sample]
    yw = y if w is None else y * w
    labels = list(names)
    values = yw @ X if X.shape[1] else np.empty(0)
    if not opts.get("noconstant"):
        values = np.append(values, yw.sum())
        labels.append("_cons")
    session.matrices[name] = Matrix(values.reshape(1, -1), (y_name,), tuple(labels))
    session.set_r({"N": count})


def _only_y(session, cmd, y_name):
    """vecaccum a = y: only the constant's column."""
    from mlmcli.sample import mark_sample, mark_weight

    sample = np.asarray(mark_sample(session, cmd, [y_name]), bool)
    sample, weights = mark_weight(session, cmd, sample)
    n = int(sample.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    return sample, np.empty((n, 0)), [], (None if weights is None else np.asarray(weights[sample], float)), float(n)


def _grouped_design(session, cmd, group: str, other: str, noconstant: bool):
    """glsaccum's and opaccum's (sample, X with _cons unless noconstant, names, N, group codes)."""
    sample, X, names, _, count = _design(session, cmd, cmd.args, (group, other))
    if not noconstant:
        X = np.column_stack([X, np.ones(X.shape[0])])
        names = list(names) + ["_cons"]
    return sample, X, names, count, _group_codes(session, group, sample)


def _group_codes(session, var: str, sample: np.ndarray) -> np.ndarray:
    data = session.data
    values = data.column(var).to_numpy()[sample] if data.is_string(var) else data.numeric(var)[sample]
    _, codes = np.unique(values, return_inverse=True)
    return codes


def _one_variable(session, text, option: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise StataError(f"option {option}() required", 198)
    names = session.data.expand_varlist(text.strip())
    if len(names) != 1:
        raise StataError("too many variables specified", 103)
    return names[0]


def glsaccum(session, rest: str) -> None:
    name, cmd = _target_and_command(rest, "glsaccum")
    if cmd.weight is not None:
        raise StataError("matrix glsaccum with weights is not implemented in mlm", 198)
    opts = resolve_options(cmd.options, [OptionSpec("group", 2, takes_arg=True), OptionSpec("glsmat", 2, takes_arg=True),
                                         OptionSpec("row", 1, takes_arg=True), OptionSpec("noconstant", 6)])
    group = _one_variable(session, opts.get("group"), "group")
    row = _one_variable(session, opts.get("row"), "row")
    gls = opts.get("glsmat")
    if not isinstance(gls, str) or not gls.strip():
        raise StataError("option glsmat() required", 198)
    gls = gls.strip()
    string_var = gls if session.data.has_variable(gls) and session.data.is_string(gls) else None
    if string_var is None and gls not in session.matrices:
        raise StataError(f"matrix {gls} not found", 111)
    sample, X, names, count, codes = _grouped_design(session, cmd, group, row, bool(opts.get("noconstant")))
    rows = session.data.numeric(row)[sample]
    matrix_names = session.data.column(string_var).to_numpy()[sample] if string_var else None
    A = np.zeros((X.shape[1], X.shape[1]))
    for g in range(int(codes.max()) + 1):
        at = np.flatnonzero(codes == g)
        W = session.matrices.get(str(matrix_names[at[0]]).strip()) if string_var else session.matrices[gls]
        if W is None:
            raise StataError(f"matrix {matrix_names[at[0]]} not found", 111)
        Wv = np.asarray(W.values, float)
        index = rows[at].astype(int) - 1
        if np.any(rows[at] != np.round(rows[at])) or index.min() < 0 or index.max() >= min(Wv.shape):
            raise StataError(f"{row} out of range for the glsmat() matrix", 498)
        Xg = X[at]
        with np.errstate(over="ignore", invalid="ignore"):
            A += Xg.T @ Wv[np.ix_(index, index)] @ Xg
    _store(session, name, A, names)
    session.print(f"(obs={count:.0f})")
    session.set_r({"N": count})


def opaccum(session, rest: str) -> None:
    name, cmd = _target_and_command(rest, "opaccum")
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, [OptionSpec("group", 2, takes_arg=True), OptionSpec("opvar", 2, takes_arg=True),
                                         OptionSpec("noconstant", 6)])
    group = _one_variable(session, opts.get("group"), "group")
    opvar = _one_variable(session, opts.get("opvar"), "opvar")
    sample, X, names, count, codes = _grouped_design(session, cmd, group, opvar, bool(opts.get("noconstant")))
    e = session.data.numeric(opvar)[sample]
    # sum over groups of (X_g'e_g)(e_g'X_g): one row of scores per group
    from mlmcli.robust.cluster_sandwich import clustered_meat

    with np.errstate(over="ignore", invalid="ignore"):
        A = clustered_meat(X * e[:, None], codes, adjust=False)
    _store(session, name, A, names)
    session.set_r({"N": count})
