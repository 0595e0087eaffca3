"""``margins ..., saving(filename [, replace double every(#)])``: the margins and their
statistics as a Stata dataset, as _marg_save.ado writes it (Stata 16's, read at
opensafely-core/cohort-extractor ``bin/ado/base/_/_marg_save.ado``, 1b3e58ab; the option is
parsed by _prefix_saving.ado before anything is computed).

One observation per margin (dy/dx base levels left out): ``_deriv _term _predict _at _atopt``
(indices, labelled), ``_margin``, the standard error (``_se``; ``_se_margin`` under ``version
16`` or later, which also sets ``_dta[marg_save_version]`` 2: _marg_save's ``_caller() >= 16``),
``_statistic _pvalue _ci_lb _ci_ub`` (floats unless ``double`` or a value beyond a float),
then ``_m#`` (the marginlist's factors, their storage types and value labels), ``_at#``
(the at() variables, doubles; ``.o`` as observed, ``.b`` asbalanced) and ``_by#`` (over() and
within()); the file is then ``compress``ed.  Characteristics: ``_dta[margin_vars cmd atopt#
atstats# k_at at_vars u_at_vars _u_at_vars over within by_vars title predict_label
expression]``, ``_m#[varname]``, ``_at#[varname stats]``, ``_by#[varname]``; data label
``Created by command margins; also see char list``.  _deriv's variable-label names are in the
label language ``derivlabels`` (label set ``_derivl``), stored as Stata stores languages.
Contrasts (``margins r.a, saving()``, ``contrast()``) are saved the same way, one observation per
contrast of r(b): _marg_save reads each column with _ms_element_info, whose level of ``r2vs1.a``
is the level contrasted (``_m#`` 2), and the ``@`` part's levels fill ``_by#`` and ``_at``.
Pairwise comparisons (``margins a, pwcompare saving()``) likewise, one observation per column of
e(b_vs) with r(table_vs)'s statistics (``2vs1.a``: ``_m#`` 2), then CMP2VL's ``_pw`` (= _n,
value-labelled with the levels compared); ``_dta[cmd]`` is e(cmd) (contrast, pwcompare).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import extended

SAVED_BY = "Created by command margins; also see char list"


@dataclass(frozen=True)
class SavingSpec:
    path: str
    replace: bool
    double: bool


def parse_saving(text: str) -> SavingSpec:
    """_prefix_saving: ``syntax anything(id="file name") [, DOUBle EVery(integer 0) REPLACE]``,
    then ``confirm new file`` without replace; any failure adds ``invalid saving() option``."""
    from mlmcli.commands.data.common import dta_path
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    name, _, rest = str(text).partition(",")
    if not name.strip():
        raise StataError("file name required\ninvalid saving() option", 100)
    try:
        opts = resolve_options(read_options(rest) if rest.strip() else (),
                               [OptionSpec("double", 4), OptionSpec("every", 2, takes_arg=True),
                                OptionSpec("replace", 7)])
    except StataError as err:
        raise StataError(f"{err.message}\ninvalid saving() option", err.rc) from None
    if opts.get("every") is not None:  # a _prefix_saving suboption margins passes on to nothing
        try:
            every = int(str(opts["every"]).strip())
        except ValueError:
            raise StataError("option every() incorrectly specified\ninvalid saving() option", 198) from None
        if every < 0:
            raise StataError("suboption every() of the saving() option requires a positive integer\n"
                             "invalid saving() option", 198)
    try:
        path = dta_path(name.strip())
    except StataError as err:
        raise StataError(f"{err.message}\ninvalid saving() option", err.rc) from None
    if not opts.get("replace"):
        if os.path.exists(path):
            raise StataError(f"file {path} already exists\ninvalid saving() option", 602)
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise StataError(f"file {path} could not be opened\ninvalid saving() option", 603)
    return SavingSpec(path, bool(opts.get("replace")), bool(opts.get("double")))


@dataclass
class SaveInputs:
    """What run_margins knows that the file needs."""

    result: object  # MarginsResult
    table: object  # r(table) Matrix
    at: object  # r(at) Matrix or None
    macros: dict
    df_r: float | None
    level: float
    terms: object  # DesignTerms
    plan: object
    marginlist_vars: list  # the marginlist's factors (mlist)
    by_vars: list  # over() then within()
    xvars: list  # dy/dx w.r.t., without base levels ("ses", "1.sector")
    at_options: list  # e(atopt#)
    at_dims: list  # at() rows per at() option (e(atdims))
    at_stats: list  # e(atstats#) per at() row
    u_at_vars: list
    pairwise: tuple | None = None  # pwcompare: each comparison's _pw label (CMP2VL)


# a contrast's level: operator letters, the level contrasted, ``vs`` and what it is compared with
# (``r2vs1``, ``ar3vs2``, ``r1vs0``; pwcompare's ``2vs1`` has no letters); _ms_element_info's
# level of it is taken to be the level contrasted (the first)
_CONTRAST_LEVEL = re.compile(r"^[a-z]*(\d+(?:\.\d+)?)(?:vs.*)?$")


def _parts(name: str) -> tuple[str, list[tuple[str, float | None]]]:
    """``eq:lev.var#lev.var`` -> (eq, [(var, level)]); a variable element gives level None.  A
    contrast (``r2vs1.g@0.female``, ``r1vs0.f@2._at``) gives its factor at the level contrasted,
    then the ``@`` dimensions' levels."""
    eq, colon, body = name.rpartition(":")
    out = []
    for part in body.replace("@", "#").split("#"):
        lev, dot, var = part.partition(".")
        if not dot:
            out.append((part, None))
            continue
        digits = lev.rstrip("bno")
        contrast = _CONTRAST_LEVEL.match(lev)
        if contrast and not digits.replace(".", "").isdigit():
            digits = contrast.group(1)
        try:
            out.append((var, float(digits)))
        except ValueError:
            out.append((part, None))
    return eq, out


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _varlabel(data, var: str) -> str:
    return data.var_labels.get(var, "") if var in data.df.columns else ""


def margins_file(session, inp: SaveInputs, *, double: bool, version: float):
    """The margins dataset (a ``Dataset``), as _marg_save's Save builds it."""
    data = session.data
    rows = inp.result.rows
    deriving = bool(inp.xvars)
    table = inp.table
    stat_row = "t" if inp.df_r else "z"
    col = {n: j for j, n in enumerate(table.colnames)}
    at = inp.at
    at_row = {} if at is None else {n: i for i, n in reversed(list(enumerate(at.rownames)))}
    at_names = [] if at is None else list(dict.fromkeys(var for _, var, _ in inp.terms.atoms))
    cum = np.cumsum(inp.at_dims) if inp.at_dims else np.array([])
    eqs = list(dict.fromkeys(_parts(r.name)[0] for r in rows))
    single_eq = len(eqs) == 1
    cols: dict[str, list] = {k: [] for k in ("_deriv", "_term", "_predict", "_at", "_atopt", "_margin", "_se",
                                             "_statistic", "_pvalue", "_ci_lb", "_ci_ub")}
    extra = ([f"_m{i}" for i in range(1, len(inp.marginlist_vars) + 1)]
             + [f"_at{i}" for i in range(1, len(at_names) + 1)]
             + [f"_by{i}" for i in range(1, len(inp.by_vars) + 1)])
    for name in extra:
        cols[name] = []
    derivlab: dict[int, str] = {}
    derivlab2: dict[int, str] = {}
    term_labels: dict[int, str] = {}
    for i, eq in enumerate(eqs, start=1):
        eq_rows = [r for r in rows if _parts(r.name)[0] == eq]
        deriv = float(i) if deriving else np.nan
        if deriving and not single_eq:
            if all(r.base for r in eq_rows):
                continue  # a base level's equation (0b.f:), which _marg_save skips
            derivlab[i] = eq
            derivlab2[i] = _varlabel(data, eq) or eq
        elif deriving and eq:
            derivlab[i] = eq
            derivlab2[i] = _varlabel(data, eq) or eq
        term_index, old_term = 0, None
        for r in eq_rows:
            if deriving and r.base:
                continue
            _, parts = _parts(r.name)
            levels = {var: lev for var, lev in parts if lev is not None}
            variable = len(parts) == 1 and parts[0][1] is None
            if variable:
                term = parts[0][0]
                if deriving and term in inp.xvars:
                    deriv = float(inp.xvars.index(term) + 1)
                    derivlab[int(deriv)] = term
                    derivlab2[int(deriv)] = _varlabel(data, term) or term
            elif deriving and single_eq and len(parts) == 1:
                lev_name = f"{_num(parts[0][1])}.{parts[0][0]}"
                if lev_name in inp.xvars:
                    deriv = float(inp.xvars.index(lev_name) + 1)
                    derivlab[int(deriv)] = derivlab2[int(deriv)] = lev_name
            mterm = [] if variable else [m for m in inp.marginlist_vars if m in levels]
            for k, m in enumerate(inp.marginlist_vars, start=1):
                cols[f"_m{k}"].append(levels.get(m, np.nan) if not variable else np.nan)
            for k, b in enumerate(inp.by_vars, start=1):
                cols[f"_by{k}"].append(levels.get(b, np.nan) if not variable else np.nan)
            at_level, at_option, at_values = _at_values(inp, levels, variable, at_row, at_names, cum)
            for k, v in enumerate(at_values, start=1):
                cols[f"_at{k}"].append(v)
            if mterm != old_term:
                term_index += 1
                old_term = mterm
            if i == 1:
                term_labels[term_index] = "#".join(mterm) if mterm else "_cons"
            j = col[r.name]
            se = table.values[table.rownames.index("se"), j]
            margin = table.values[table.rownames.index("b"), j]
            if np.isnan(se) and not r.estimable:
                margin = np.nan
            cols["_deriv"].append(deriv)
            cols["_term"].append(float(term_index))
            cols["_predict"].append(np.nan)  # one predict(): mlm's margins never has several
            cols["_at"].append(at_level)
            cols["_atopt"].append(at_option)
            cols["_margin"].append(margin)
            cols["_se"].append(se)
            for key, row_name in (("_statistic", stat_row), ("_pvalue", "pvalue"), ("_ci_lb", "ll"),
                                  ("_ci_ub", "ul")):
                cols[key].append(table.values[table.rownames.index(row_name), j])
    if inp.pairwise is not None:  # CMP2VL: gen _pw = _n, labelled with each comparison
        cols["_pw"] = list(range(1, len(cols["_margin"]) + 1))
    return _dataset(session, inp, cols, derivlab, derivlab2, term_labels, at_names, double, version)


def _at_values(inp: SaveInputs, levels: dict, variable: bool, at_row: dict, at_names: list, cum):
    """(_at, _atopt, the _at# values) of one margin (_marg_save's ``if `rat'`` block)."""
    empty = [np.nan] * len(at_names)
    if inp.at is None or variable:
        return np.nan, np.nan, empty
    atterm = "#".join(f"{_num(levels[b])}.{b}" for b in inp.by_vars if b in levels)
    if "_at" in levels:
        at_level = int(levels["_at"])
        keys = [f"{at_level}._at" + (f"#{atterm}" if atterm else ""), f"{at_level}._at"]
        jat = next((at_row[k] for k in keys if k in at_row), 0)
        spec = inp.at_stats[at_level - 1] if at_level <= len(inp.at_stats) else ()
    else:
        at_level = 1
        jat = at_row.get(atterm) if atterm else 0
        spec = inp.at_stats[0] if inp.at_stats else ()
    at_option = float(np.searchsorted(cum, at_level) + 1) if len(cum) else np.nan
    values = list(empty)
    for k, (_, var, lev) in enumerate(inp.terms.atoms):
        stat = spec[k] if k < len(spec) else ""
        pos = at_names.index(var)
        x = np.nan if jat is None else inp.at.values[jat, k]
        if lev is None:
            values[pos] = extended("o") if stat == "asobserved" else x
        elif stat == "asbalanced":
            values[pos] = extended("b")
        elif stat == "asobserved":
            values[pos] = extended("o")
        elif x == 1:
            values[pos] = lev
    return float(at_level), at_option, values


def _compressed(values: np.ndarray, vtype: str) -> str:
    """compress's type for a column made as ``vtype`` (a float column holds its values in
    single precision before compress looks at them)."""
    from mlmcli.storage_types import compressed_type

    values = np.asarray(values, float)
    return compressed_type(values.astype(np.float32).astype(float) if vtype == "float" else values, vtype)


def _dataset(session, inp: SaveInputs, cols, derivlab, derivlab2, term_labels, at_names, double, version):
    """The columns with _marg_save's types, labels, value labels and characteristics, compressed."""
    import pandas as pd

    from mlmcli.dataset import Dataset

    data = session.data
    se_name = "_se_margin" if version >= 16 else "_se"
    stats = ("_margin", "_se", "_statistic", "_pvalue", "_ci_lb", "_ci_ub")
    values = {k: np.asarray(v, float) for k, v in cols.items()}
    big = any(np.nanmax(np.abs(values[k]), initial=0) > 1.7014117e38 for k in stats if values[k].size)
    types = {k: "float" for k in ("_deriv", "_term", "_predict", "_at", "_atopt")}
    types.update({k: "double" if double or big else "float" for k in stats})
    labels = {"_deriv": "Derivatives w.r.t.", "_term": "Margin term index", "_predict": "predict() option index",
              "_at": "Covariates fixed values index", "_atopt": "at() option index"}
    formats, value_label_of, value_labels = {}, {}, {}
    # _dta[cmd] is e(cmd): contrast or pwcompare when margins posted its contrasts for the file
    chars = {"margin_vars": " ".join(inp.marginlist_vars), "cmd": inp.macros.get("cmd", "margins")}
    if version >= 16:
        chars["marg_save_version"] = "2"

    def copy_value_label(new: str, var: str) -> None:
        lab = data.value_label_of.get(var)
        if lab and data.value_labels.get(lab):
            value_label_of[new] = lab
            value_labels[lab] = dict(data.value_labels[lab])

    def copy_variable(new: str, var: str, vtype: str) -> None:
        """``new`` standing for ``var``: its type, label (else its name), format, value label and
        the ``[varname]`` characteristic."""
        types[new] = vtype
        labels[new] = _varlabel(data, var) or var
        chars[f"{new}[varname]"] = var
        if var in data.formats:
            formats[new] = data.formats[var]
        copy_value_label(new, var)

    for k, m in enumerate(inp.marginlist_vars, start=1):
        copy_variable(f"_m{k}", m, data.types.get(m, "double"))
    if term_labels:
        value_labels["_term"] = {float(k): v for k, v in term_labels.items()}
        value_label_of["_term"] = "_term"
    k_at = len(inp.at_options) if inp.at is not None else 0
    for i in range(1, k_at + 1):
        chars[f"atopt{i}"] = inp.at_options[i - 1]
    speclists = []
    n_at_rows = 0 if inp.at is None else len(inp.at.rownames)
    for i in range(1, n_at_rows + 1):
        spec = list(inp.at_stats[i - 1]) if i <= len(inp.at_stats) else []
        words, old = [], None
        for k, (_, var, lev) in enumerate(inp.terms.atoms):
            word = spec[k] if k < len(spec) else ""
            if lev is not None:
                if var != old:
                    words.append(word)
                old = var
            else:
                words.append(word)
                old = None
        speclists.append(" ".join(w for w in words if w))
        chars[f"atstats{i}"] = speclists[-1]
    if k_at:
        value_labels["_atopt"] = {float(i): inp.at_options[i - 1] for i in range(1, k_at + 1)}
        value_label_of["_atopt"] = "_atopt"
    chars["k_at"] = str(k_at)
    for i, var in enumerate(at_names, start=1):
        copy_variable(f"_at{i}", var, "double")
        chars[f"_at{i}[stats]"] = speclists[i - 1] if i <= len(speclists) else ""  # _marg_save's atspec`i'
    chars["at_vars"] = " ".join(at_names)
    chars["u_at_vars"] = " ".join(inp.u_at_vars)
    chars["_u_at_vars"] = " ".join(f"_at{at_names.index(v) + 1}" for v in inp.u_at_vars if v in at_names)
    for k, b in enumerate(inp.by_vars, start=1):
        copy_variable(f"_by{k}", b, data.types.get(b, "double"))
    macros = inp.macros
    chars.update({"over": macros.get("over", ""), "within": macros.get("within", ""),
                  "by_vars": " ".join(inp.by_vars), "title": macros.get("title", ""),
                  "predict_label": macros.get("predict_label", ""), "expression": macros.get("expression", "")})
    label = macros.get("predict_label", "")
    labels["_margin"] = f"{label}, {macros.get('expression', '')}" if label else macros.get("expression", "")
    labels["_se"] = "Standard error"
    z = "t" if inp.df_r else "z"
    labels["_statistic"] = f"{z}-statistic"
    labels["_pvalue"] = f"P>|{z}|"
    labels["_ci_lb"] = f"{inp.level:g}% Confidence interval, LB"
    labels["_ci_ub"] = f"{inp.level:g}% Confidence interval, UB"
    if derivlab:
        value_labels["_deriv"] = {float(k): v for k, v in derivlab.items()}
        value_label_of["_deriv"] = "_deriv"
    if derivlab2:  # label language derivlabels, new; label values _deriv _derivl; label language default
        value_labels["_derivl"] = {float(k): v for k, v in derivlab2.items()}
        chars["_lang_list"] = "default derivlabels"
        chars["_lang_c"] = "default"
        chars["_deriv[_lang_l_derivlabels]"] = "_derivl"
    if inp.pairwise is not None:
        types["_pw"] = "float"  # gen _pw = _n (compressed below)
        value_labels["_pw"] = {float(j): text for j, text in enumerate(inp.pairwise, start=1)}
        value_label_of["_pw"] = "_pw"
    chars = {k: v for k, v in chars.items() if v}  # char x[name] "" deletes: no empty characteristic
    types = {k: _compressed(values[k], t) for k, t in types.items()}
    rename = {"_se": se_name}
    frame = pd.DataFrame({rename.get(k, k): values[k] for k in cols})
    ren = lambda d: {rename.get(k, k): v for k, v in d.items()}  # noqa: E731
    return Dataset(df=frame, types=ren(types), var_labels=ren(labels), value_label_of=value_label_of,
                   value_labels=value_labels, formats=formats, label=SAVED_BY, chars=chars)


def save_margins(session, spec: SavingSpec, inp: SaveInputs) -> None:
    """Write the margins file (``postfile ... using filename, replace`` then ``save, replace``)."""
    from mlmcli.fileformats.dta_write import save_dta

    ds = margins_file(session, inp, double=spec.double, version=float(getattr(session, "version", 13) or 13))
    save_dta(ds, spec.path, replace=spec.replace)


def save_inputs(result, stored, macros, s, terms, plan, marginlist_vars, by_vars, xvars, at_specs, opts,
                at_stats, pairwise=None) -> SaveInputs:
    """SaveInputs from what run_margins computed; e(atopt#) and e(atdims) as _parse_at and
    _post_at build them (the atmeans/asbalanced prefixes before each at() option)."""
    from mlmcli.margins.grid import expand_scenarios

    atmeans, asbalanced = bool(opts.get("atmeans")), bool(opts.get("asbalanced"))
    fprefix = "(asbalanced) _factor" if asbalanced else "(mean) _factor" if atmeans else ""
    cprefix = "(mean) _continuous" if atmeans else "(mean)" if asbalanced else ""
    typed = [" ".join(str(a).split()) for a in opts.get("at", [])] or [""]
    at_options = [" ".join(f"{fprefix} {cprefix} {a}".split()) for a in typed]
    specs = at_specs or [()]
    at_dims = [len(expand_scenarios([spec] if spec else [], terms, atmeans=atmeans, asbalanced=asbalanced))
               for spec in specs]
    u_at: list[str] = []
    factors = [v for v in terms.variables if terms.is_factor(v)]
    continuous = [v for v in terms.variables if not terms.is_factor(v)]
    implied = (factors if fprefix else []) + (continuous if "_continuous" in cprefix else [])
    for spec in specs:
        named = list(implied)
        for item in spec:
            named += {"_all": list(terms.variables), "_factor": factors,
                      "_continuous": continuous}.get(item.var, [item.var])
        u_at += [v for v in dict.fromkeys(named) if v not in u_at]
    return SaveInputs(result, stored["table"], stored.get("at"), macros, s.df_r, s.level, terms, plan,
                      marginlist_vars, by_vars, xvars, at_options, at_dims, [tuple(x) for x in at_stats], u_at,
                      None if pairwise is None else tuple(pairwise))
