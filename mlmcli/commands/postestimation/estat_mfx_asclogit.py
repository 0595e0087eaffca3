"""``estat mfx`` after asclogit (Stata 13's marginal effects; margins is refused there, r(322)):

    estat mfx [if] [in] [, varlist(varlist) at(mean [atlist] | median [atlist]) nodiscrete
              noesample level(#) k(#) nowght nooffset]

atlist: ``[alternative:]variable = #`` ... (alternative: its label, or its value)  The point: each case-specific variable at its mean
(median) over the sample's rows, each alternative-specific one at its mean over the rows of
each alternative (asclogit_estat's Mfx; the sample is the if/in rows of e(sample), all if/in
rows with ``noesample``, rows with a missing model variable left out).  One table per
alternative (``mlmcli.glm.choice_mfx`` computes, ``render_choice_mfx`` prints).  r(): for each
alternative, r(pr_<alt>) and the matrix r(<alt>) (columns dp/dx, se, z, P>|z|, ll, ul, X; rows
``variable:alternative`` and ``casevars:variable``).

Decided without evidence: a variable in varlist() or at() that is not in the model is refused
(r(198)); ``alternative:variable`` in at() for a case-specific variable is refused (r(198));
factor variables in the model are refused (r(198), Stata 13 reports them as Stata 14's
``dp/dx for factor levels``, not at hand).  k() other than 1 is refused: mlmcli's asclogit takes
one chosen alternative per case.  nowght and nooffset change nothing (no weights, no offset()
landed); force is refused.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.estimation.asclogit_data import alternative_position
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_OPTIONS = [OptionSpec("varlist", 3, takes_arg=True), OptionSpec("at", 2, takes_arg=True),
            OptionSpec("nodiscrete", 6), OptionSpec("noesample", 3), OptionSpec("level", 1, takes_arg=True),
            OptionSpec("k", 1, takes_arg=True), OptionSpec("nowght", 3), OptionSpec("nooffset", 5),
            OptionSpec("force", 5)]


def _plain(labels, what: str) -> list[str]:
    out = []
    for lab in labels:
        if lab.base or lab.omitted:
            continue
        if lab.term is not None or lab.name == "_cons" or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", lab.name):
            raise StataError(f"estat mfx with factor variables in {what} not supported by mlmcli", 198)
        out.append(lab.name)
    return out


def _spec(m):
    from mlmcli.glm.choice_mfx import ChoiceMfxSpec

    as_pos, cv_pos, const_pos, at = {}, {}, {}, 0
    for _eq, labels, j in m.blocks:
        if j is not None and j == m.base:
            continue
        for i, lab in enumerate(labels):
            if lab.base or lab.omitted:
                continue
            if j is None:
                as_pos[lab.name] = at + i
            elif lab.name == "_cons":
                const_pos[j] = at + i
            else:
                cv_pos[(lab.name, j)] = at + i
        at += len(labels)
    return ChoiceMfxSpec(len(m.alt_values), as_pos, cv_pos, const_pos)


def _sample(session, e, cmd, opts, variables, alt_idx) -> np.ndarray:
    from mlmcli.commands.postestimation.predict import rows_selected

    ds = session.data
    rows = rows_selected(session, cmd) & (alt_idx >= 0)
    if not opts.get("noesample"):
        es = e.sample_mask(ds) if hasattr(e, "sample_mask") else None
        if es is not None and np.any(es):
            rows &= np.asarray(es, bool)
    for v in variables + [e.macros["case"]]:
        rows &= ~np.isnan(ds.numeric(v))
    if not rows.any():
        raise StataError("no observations", 2000)
    return rows


def _parse_at(text: str, labels, values_of_alts, as_vars, cv_vars, ds):
    """at(mean|median [atlist]) -> (statistic, {(variable, alternative index or None): value})."""
    words = text.strip()
    stat = "mean"
    first = words.split(None, 1)
    if first and first[0] in ("mean", "median"):
        stat = first[0]
        words = first[1] if len(first) > 1 else ""
    values = {}
    for item in re.finditer(r"\s*(?:([^\s:=]+)\s*:\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^\s]+)", words):
        alt, var, num = item.groups()
        try:
            value = float(num)
        except ValueError:
            raise StataError(f"'{num}' found where number expected", 7)
        var = ds.resolve(var)
        if var not in as_vars and var not in cv_vars:
            raise StataError(f"variable {var} is not in the model", 198)
        if alt is None:
            values[(var, None)] = value
            continue
        if var in cv_vars:
            raise StataError(f"{var} is a case-specific variable; do not specify an alternative with it", 198)
        values[(var, alternative_position(alt, values_of_alts, labels))] = value
    leftover = re.sub(r"(?:[^\s:=]+\s*:\s*)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*[^\s]+", "", words).strip()
    if leftover:
        raise StataError("at() invalid", 198)
    return stat, values


def estat_mfx_asclogit(session, cmd) -> None:
    from mlmcli import distributions as stats
    from mlmcli.commands.estimation.asclogit_data import alternative_index
    from mlmcli.glm.choice_mfx import marginal_effects
    from mlmcli.render.choice_model import render_choice_mfx
    from mlmcli.results.choice_model import ChoiceMfxBlock, ChoiceMfxResult, ChoiceMfxTable
    from mlmcli.results.matrix import Matrix

    e, ds = session.e, session.data
    if len(cmd.args.split()) > 1:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, _OPTIONS)
    if opts.get("force"):
        raise StataError("option force not supported by mlmcli in estat mfx after asclogit", 198)
    if opts.get("k") is not None:
        text = str(opts["k"]).strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise StataError("option k() incorrectly specified", 198)
        if int(text) != 1:
            raise StataError("k() other than 1 not supported by mlmcli: asclogit takes one chosen alternative "
                             "per case", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    m = e.model
    as_vars, cv_vars = _plain(m.as_labels, "indepvars"), _plain(m.cv_labels, "casevars()")
    labels = list(m.alt_labels)
    K = len(labels)
    alt_idx = alternative_index(session, e)
    rows = _sample(session, e, cmd, opts, as_vars + cv_vars, alt_idx)
    stat, at_values = _parse_at(str(opts.get("at") or ""), labels, m.alt_values, as_vars, cv_vars, ds) if opts.get("at") \
        else ("mean", {})
    centre = np.median if stat == "median" else np.mean
    xa = {}
    for v in as_vars:
        col = ds.numeric(v)
        xa[v] = np.array([centre(col[rows & (alt_idx == k)]) if np.any(rows & (alt_idx == k)) else np.nan
                          for k in range(K)])
        if (v, None) in at_values:
            xa[v][:] = at_values[(v, None)]
        for k in range(K):
            if (v, k) in at_values:
                xa[v][k] = at_values[(v, k)]
    z = {w: at_values.get((w, None), float(centre(ds.numeric(w)[rows]))) for w in cv_vars}
    chosen = as_vars + cv_vars
    if opts.get("varlist"):
        listed = ds.expand_varlist(str(opts["varlist"]))
        for v in listed:
            if v not in chosen:
                raise StataError(f"variable {v} is not in the model", 198)
        chosen = [v for v in chosen if v in listed]

    def indicator(v) -> bool:
        values = ds.numeric(v)[rows]
        return not opts.get("nodiscrete") and bool(np.all((values == 0) | (values == 1)))

    wanted = [("as", v, k, indicator(v)) for v in as_vars if v in chosen for k in range(K)]
    wanted += [("cv", w, None, indicator(w)) for w in cv_vars if w in chosen]
    spec = _spec(m)
    b, V = e.matrices["b"].values[0], e.matrices["V"].values
    fx = marginal_effects(spec, b, V, xa, z, wanted)
    q = float(stats.norm.ppf(0.5 + level / 200))
    tables, returned = [], {}
    for j in range(K):
        blocks, mat_rows, names = [], [], []
        for v in [v for v in as_vars if v in chosen]:
            block_rows = []
            for c, (kind, var, k, disc) in enumerate(wanted):
                if kind == "as" and var == v:
                    block_rows.append(_row(labels[k], fx, j, c, xa[v][k], disc, q, stats))
                    names.append(f"{v}:{labels[k]}")
            blocks.append(ChoiceMfxBlock(v, tuple(block_rows)))
        cv_rows = []
        for c, (kind, var, _k, disc) in enumerate(wanted):
            if kind == "cv":
                cv_rows.append(_row(var, fx, j, c, z[var], disc, q, stats))
                names.append(f"casevars:{var}")
        if cv_rows:
            blocks.append(ChoiceMfxBlock("casevars", tuple(cv_rows)))
        tables.append(ChoiceMfxTable(labels[j], float(fx.pr[j]), tuple(blocks)))
        for block in blocks:
            mat_rows += [[r.dpdx, r.se, r.z, r.p, r.lower, r.upper, r.x] for r in block.rows]
        key = _name(labels[j])
        returned[key] = Matrix(np.array(mat_rows, float).reshape(-1, 7), tuple(names),
                               ("dp/dx", "se", "z", "P>|z|", "ll", "ul", "X"))
        returned[f"pr_{key}"] = float(fx.pr[j])
    session.print(render_choice_mfx(ChoiceMfxResult(tuple(tables), level)))
    session.set_r(returned)


def _name(label: str) -> str:
    text = re.sub(r"[^A-Za-z0-9_]", "_", label)
    return ("_" + text if not re.match(r"[A-Za-z_]", text) else text)[:29]


def _row(name, fx, j, c, x, discrete, q, stats):
    from mlmcli.results.choice_model import ChoiceMfxRow

    d, se = float(fx.effects[j, c]), float(fx.se[j, c])
    zv = d / se if se > 0 else float("nan")
    p = float(2 * stats.norm.sf(abs(zv))) if se > 0 else float("nan")
    return ChoiceMfxRow(name, d, se, zv, p, d - q * se, d + q * se, float(x), discrete)
