"""``regsave`` (Julian Reif, ``ssc install regsave``): the active estimation results as a
dataset with one observation per coefficient,

    regsave [coeflist] [using filename] [, tstat pval ci level(#) nose cmdline double
             addlabel(name, value, ...) autoid detail(all|scalars|macros) df(#) append replace]

following regsave.ado 1.4.4: ``var`` (e(b)'s full column names, ``eq:name`` when there are
equations), ``coef``, ``stderr`` (sqrt of e(V)'s diagonal), with ``tstat`` coef/stderr, with
``pval`` (and ``ci``) the two-sided p-value and interval from the t distribution with df(#),
else e(df_r), else the normal; ``ci_lower``/``ci_upper`` at level(#); ``N`` = e(N) and ``r2``
= e(r2) when they are not missing; ``cmdline`` with the option; ``detail()`` adds e()'s
scalars and/or macros as variables; ``addlabel()`` adds constant variables (numeric when the
value is a number or "."); ``autoid`` an ``_id`` (1, or one more than the file's largest with
append).  A coeflist keeps the named coefficients (r(111) ``No estimation results available
for variable`` for a name e(b) lacks).  Without ``using`` the dataset replaces the data in
memory; with it the data are kept and the dataset saved (``append`` appends to the file
first; an existing file without replace/append: save's r(602)).  Numbers are stored float
(double with ``double``) and compressed, as the ado's svmat/gen and ``compress``.  r(N) and
r(k): the dataset's observations and variables.  ``table()``, ``covar()``, ``addvar()``,
``coefmat()``, ``varmat()`` and ``saveold()`` are refused (option not allowed, r(198)).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.settings import setting_value

HELP = {"regsave": "regsave [coeflist] [using file] [, tstat pval ci level(#) nose cmdline double addlabel() "
                   "autoid detail() df(#) append replace]"}

OPTIONS = [OptionSpec("tstat", 1), OptionSpec("pval", 1), OptionSpec("ci", 2), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("nose", 4), OptionSpec("cmdline", 3), OptionSpec("double", 6),
           OptionSpec("addlabel", 5, takes_arg=True), OptionSpec("autoid", 6), OptionSpec("detail", 6, takes_arg=True),
           OptionSpec("df", 2, takes_arg=True), OptionSpec("append", 6), OptionSpec("replace", 7)]

LABELS = {"var": "Variable", "coef": "Coefficient", "stderr": "Standard error", "tstat": "t-statistic",
          "pval": "Two-tailed p-value", "N": "Number of observations", "r2": "R-squared",
          "cmdline": "Estimation command code", "df_m": "Model degrees of freedom",
          "df_r": "Residual degrees of freedom", "ll": "Log likelihood", "chi2": "Chi-squared",
          "N_clust": "Number of clusters", "vce": "Variance-covariance estimation type"}
AUTOID_PENDING = -99987.0


def cmd_regsave(session, cmd) -> None:
    from mlmcli.commands.data.common import one_using_file, split_using, unquote
    from mlmcli.runner import Runner, current_runner

    names_text, file_text = split_using(cmd.args)
    path = unquote(one_using_file(file_text)) if file_text is not None else None
    opts = resolve_options(cmd.options, OPTIONS)
    if ("append" in opts or "replace" in opts) and path is None:
        raise StataError(f"Must specify a filename with {'append' if 'append' in opts else 'replace'}", 198)
    level = float(opts["level"]) if opts.get("level") is not None else float(setting_value(session, "level"))
    if not 10 <= level <= 99.99:
        raise StataError("level() must be between 10 and 99.99 inclusive", 198)
    detail = str(opts.get("detail") or "").strip()
    if detail not in ("", "all", "scalars", "macros"):
        raise StataError('The only valid choices for the detail option are "all", "scalars", or "macros"', 198)
    e = active(session)
    b, V = e.matrices.get("b"), e.matrices.get("V")
    if b is None or V is None:
        raise StataError("matrix e(b) not found", 111)
    out = _resultsset(e, b, V, names_text.split(), opts, level, detail)
    runner = current_runner(session) or Runner(session)
    original = session.data
    session.data = out
    try:
        if path is not None:
            if "append" in opts:
                runner.execute(f'append using "{path}"')
                _number_appended_ids(session.data, "autoid" in opts)
            runner.execute(f'save "{path}"' + (", replace" if "append" in opts or "replace" in opts else ""))
    except BaseException:
        session.data = original
        raise
    result = session.data
    if path is not None:
        session.data = original
    else:
        out.changed = True
    session.set_r({"N": float(len(result.df)), "k": float(len(result.varnames))})


def _resultsset(e, b, V, keep: list[str], opts: dict, level: float, detail: str) -> Dataset:
    full = list(b.colnames)  # colfullnames: eq:name when there are equations
    short = [n.split(":", 1)[1] if ":" in n else n for n in full]  # the ado's check: colnames
    for name in keep:
        if name not in short:
            raise StataError(f"No estimation results available for variable {name}", 111)
    coef = np.asarray(b.values, float).reshape(-1)
    se = np.sqrt(np.diag(np.asarray(V.values, float)))
    rows = np.ones(len(full), bool)
    if keep:
        rows = np.array([any((k in f) if ":" in f else k == f for k in keep) for f in full])
    numeric = "double" if "double" in opts else "float"
    cols: dict[str, tuple[object, str]] = {"var": ([f for f, r in zip(full, rows) if r], "str")}
    cols["coef"] = (coef[rows], numeric)
    if "nose" not in opts:
        cols["stderr"] = (se[rows], numeric)
    t = coef[rows] / se[rows]
    df = float(opts["df"]) if opts.get("df") is not None and float(opts["df"]) > 0 else e.scalars.get("df_r")
    normal = df is None or not np.isfinite(df)
    if "tstat" in opts:
        cols["tstat"] = (t, numeric)
    if "pval" in opts:
        cols["pval"] = (2 * (stats.norm.sf(np.abs(t)) if normal else stats.t.sf(np.abs(t), df)), numeric)
    if "ci" in opts:
        crit = stats.norm.ppf(0.5 + level / 200) if normal else stats.t.ppf(0.5 + level / 200, df)
        cols["ci_lower"] = (coef[rows] - crit * se[rows], numeric)
        cols["ci_upper"] = (coef[rows] + crit * se[rows], numeric)
    n = int(rows.sum())
    for name in ("N", "r2"):
        value = e.scalars.get(name)
        if value is not None and np.isfinite(value):
            cols[name] = (np.full(n, value), "float" if name == "N" else numeric)
    if "cmdline" in opts and e.macros.get("cmdline"):
        cols["cmdline"] = ([e.macros["cmdline"][:244]] * n, "str")
    if detail in ("all", "scalars"):
        for name, value in e.scalars.items():
            if name not in cols:
                cols[name] = (np.full(n, value), "int" if float(value).is_integer() else numeric)
    if detail in ("all", "macros"):
        for name, value in e.macros.items():
            if name not in cols:
                cols[name] = ([str(value)[:244]] * n, "str")
    if "autoid" in opts:
        cols["_id"] = (np.full(n, AUTOID_PENDING if "append" in opts else 1.0), "float")
    for name, value in _labels(opts.get("addlabel")):
        if name in cols:
            raise StataError(f"variable {name} already defined", 110)
        cols[name] = ([value] * n, "str") if isinstance(value, str) else (np.full(n, value), "double")
    return _dataset(cols, level)


def _labels(text) -> list[tuple[str, object]]:
    """addlabel(name, value, name, value ...): numbers (and ".") numeric, the rest strings."""
    if not text:
        return []
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) % 2:
        parts.append("")
    out: list[tuple[str, object]] = []
    for name, value in zip(parts[0::2], parts[1::2]):
        if name in ("if", "in") or not name.isidentifier():
            raise StataError(f"{name} is an invalid name for a label" if name in ("if", "in") else
                             "Invalid variable name specified for addlabel()", 198)
        value = value.strip('"')
        try:
            out.append((name, np.nan if value == "." else float(value)))
        except ValueError:
            out.append((name, value))
    return out


def _dataset(cols: dict, level: float) -> Dataset:
    from mlmcli.storage_types import infer_storage_type

    frame, types = {}, {}
    for name, (values, kind) in cols.items():
        if kind == "str":
            frame[name] = pd.Series(list(values), dtype=object)
            types[name] = f"str{max([len(v) for v in values] + [1])}"
        else:
            series = pd.Series(np.asarray(values, float))
            frame[name] = series
            finite = series.dropna()
            whole = len(finite) and bool((finite == finite.round()).all()) and kind != "double"
            # compress: whole numbers to the smallest integer type, floats stay float/double
            types[name] = infer_storage_type(finite.astype("int64")) if whole else kind
    labels = {k: v for k, v in LABELS.items() if k in frame}
    for name, bound in (("ci_lower", "lower"), ("ci_upper", "upper")):
        if name in frame:
            labels[name] = f"{level:g}% confidence interval ({bound} bound)"
    return Dataset(df=pd.DataFrame(frame), var_labels=labels, types=types)


def _number_appended_ids(ds, autoid: bool) -> None:
    """autoid with append: the new rows' _id is one more than the file's largest (1 if none)."""
    if not autoid or "_id" not in ds.varnames:
        return
    ids = ds.numeric("_id")
    pending = ids == AUTOID_PENDING
    others = ids[~pending & ~np.isnan(ids)]
    new = ids.copy()
    new[pending] = (others.max() + 1) if len(others) and others.max() >= 0 else 1.0
    ds.set_variable("_id", new)
