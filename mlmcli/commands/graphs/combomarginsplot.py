"""``combomarginsplot`` -- one marginsplot of several saved margins files (Nicholas Winter's SSC
command, combomarginsplot.ado).

    combomarginsplot file1 file2 ... [, labels("text" ...) savefile(file[, replace])
                                        filevarname(name) marginsplot_options]

Each file is a ``margins ..., saving()`` dataset (``_dta[cmd]`` margins).  As the ado does, the
files' ``_at#``, ``_m#`` and ``_by#`` variables are matched by the variable they stand for
(``_dta[at_vars]``, ``margin_vars``, ``by_vars``), ``_at`` is renumbered over the combined
at() rows, and a new dimension ``_filenumber`` (``filevarname()``) numbers the files, labelled by
``labels()`` (else ``File #``).  The combined margins are drawn by marginsplot's own code
(``marginsplot.draw_points``), so every marginsplot option works and ``_filenumber`` may be
named as a dimension (``by(_filenumber)``).  ``savefile()`` writes the combined file.  Files
whose varying at() variables (``_dta[u_at_vars]``) differ from the first's are r(198), as in
the ado; ``level()`` is r(198) (the intervals are the files' own).  ``file#opts()`` and
``fileci#opts()`` (combomarginsplot 1.5) follow ``plot#opts()``/``ci#opts()`` of the plots holding
file #; its ``lplot#opts()``, ``lci#opts()``, offset options, ``mlabfmt()`` and ``pcycle()`` are
refused.  Titles are cmp_marginsplot16's (``_titles``).
"""
from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from mlmcli.ast import Command
from mlmcli.errors import StataError
from mlmcli.expr.string_functions import strproper
from mlmcli.syntax.abbreviation import resolve_choice

HELP = {
    "combomarginsplot": (
        "combomarginsplot file1 file2 ... [, labels() savefile() filevarname() marginsplot_options] "
        "-- one marginsplot of several margins, saving() files."),
}
# combomarginsplot.ado's syntax: Labels(), SAVEfile(), FILEVarname(), level() (the shortest
# abbreviation of each)
_OWN = (("labels", 1), ("savefile", 4), ("filevarname", 4), ("level", 5))
# combomarginsplot 1.5's file#opts()/fileci#opts() (cmp_marginsplot16: syntax FILE`i'opts, FILECI`i'opts)
_FILE_OPTS = re.compile(r"file(ci)?(\d+)opts")
_REFUSED = re.compile(r"(lplot\d+opts|lci\d+opts|mpsaving|offset|offsetswitch|ovar|mlabfmt|pcycle|noplotdrawn)")


def _own_options(cmd: Command):
    """(labels, savefile, filevarname, level typed?) and the marginsplot options left."""
    own: dict = {}
    rest = []
    for opt in cmd.options:
        if _REFUSED.fullmatch(opt.name):
            raise StataError(f"option {opt.name}() not allowed: combomarginsplot in mlm takes labels(), "
                             "savefile(), filevarname(), file#opts(), fileci#opts() and marginsplot's options", 198)
        full = resolve_choice(opt.name, _OWN)
        if full is not None:
            own[full] = True if full == "level" else opt.arg
        else:
            rest.append(opt)
    return own, rest


def _path(name: str) -> str:
    name = name.strip().strip('"')
    return name if os.path.splitext(name)[1] else name + ".dta"


def _read(session, path: str):
    from mlmcli.fileformats.dta_read import read_dta

    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    data, _ = read_dta(path)
    if data.chars.get("cmd") not in ("margins", "contrast", "pwcompare") or "_margin" not in data.df.columns:
        raise StataError(f"file {path} is not a margins file (saved by margins, saving())", 610)
    return data


def _file_vars(data, kind: str) -> dict[str, str]:
    """``_at3`` -> the variable it stands for (``_dta[at_vars]``, ``margin_vars``, ``by_vars``)."""
    key = {"at": "at_vars", "m": "margin_vars", "by": "by_vars"}[kind]
    names = data.chars.get(key, "").split()
    out = {}
    for i, name in enumerate(names, 1):
        col = f"_{kind}{i}"
        if col in data.df.columns:
            out[col] = data.chars.get(f"{col}[varname]", name)
    return out


def _text(data, column: str, value: float) -> str:
    from mlmcli.graphs.plotdata import value_text

    return value_text(data, column, value)


def cmd_combomarginsplot(session, cmd: Command) -> None:
    """``combomarginsplot`` (module docstring)."""
    from mlmcli.commands.graphs.marginsplot import MarginsSource, draw_points, split_marginsplot_options
    from mlmcli.graphs.syntax import items

    own, rest = _own_options(cmd)
    if own.get("level"):
        raise StataError("Must specify level() option when creating margins files", 198)
    names = [word for _, word in items(cmd.args)] if cmd.args.strip() else []
    if not names:
        raise StataError("List of saved margins files required", 100)
    filevar = (own.get("filevarname") or "_filenumber").strip()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", filevar):
        raise StataError(f"{filevar} invalid name", 198)
    files = [(_path(n), _read(session, _path(n))) for n in names]
    for path, data in files:
        if filevar in data.df.columns:
            raise StataError(f"variable {filevar} exists in file {path}; specify different variable name "
                             "with filevarname() option", 111)
    u_first = files[0][1].chars.get("u_at_vars", "").split()
    for i, (path, data) in enumerate(files[1:], 2):
        if data.chars.get("u_at_vars", "").split() != u_first:
            raise StataError(f"file {i} _u_at_vars don't match file 1", 198)
    labels = _labels(own.get("labels"), len(files))
    points, order, label_data, combined = _combine(files, filevar, labels)
    opts, plot_k, ci_k, twoway_options = split_marginsplot_options(
        [o for o in rest if not _FILE_OPTS.fullmatch(o.name)])
    if opts.get("level") is not None:
        raise StataError("Must specify level() option when creating margins files", 198)
    first = files[0][1]
    ci = not opts.get("noci") and bool(np.isfinite(np.concatenate(
        [d.df["_ci_lb"].to_numpy(float) for _, d in files if "_ci_lb" in d.df.columns] or [np.array([np.nan])])).any())
    level = _level(first)
    title, ylabel = _titles([d for _, d in files], combined)
    # the ado saves before it draws; the file is written once the graph has drawn, so that a
    # marginsplot option refused there leaves no file written (the path is checked first)
    save = _save_target(own["savefile"]) if own.get("savefile") else None
    if save is not None:
        session.print(f"Saving combined margins file {save[2]}")
    dims = tuple((d, d) for d in order)
    per_file = _per_file_options(rest, len(files))
    src = MarginsSource(dims=dims, at_vars=tuple(u_first), plot_title=title, ylabel=ylabel, level=level,
                        ci=ci, at_options=(), labels=label_data,
                        per_plot=(lambda members: _plot_file_options(members, filevar, per_file)))
    draw_points(session, cmd, opts, plot_k, ci_k, twoway_options, points, src)
    if save is not None:
        _save(save, combined, filevar, labels)


def _per_file_options(options, n: int) -> dict:
    """(file number, "plot" | "ci") -> the options typed in file#opts() / fileci#opts()."""
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options

    out: dict = {}
    for opt in options:
        m = _FILE_OPTS.fullmatch(opt.name)
        if not m:
            continue
        number = int(m.group(2))
        if opt.arg is None or not 1 <= number <= n:
            raise StataError(f"option {opt.name}() not allowed", 198)
        found = [o for part in split_top(opt.arg, ",") for o in read_options(part)]
        out.setdefault((number, "ci" if m.group(1) else "plot"), []).extend(found)
    return out


def _plot_file_options(members, filevar: str, per_file: dict):
    """A plot's file#opts() and fileci#opts(): those of every file among its margins."""
    numbers = sorted({int(p.coords[filevar][0]) for p in members})
    return ([o for n in numbers for o in per_file.get((n, "plot"), [])],
            [o for n in numbers for o in per_file.get((n, "ci"), [])])


def _titles(datas, combined: pd.DataFrame) -> tuple[str, str]:
    """The title and y title as cmp_marginsplot16 (marginsplot.ado) makes them from the combined
    file: ``proper(_dta[title])`` and `` of `` the single dy/dx variable (or single term);
    ``proper(_dta[predict_label])`` (else the expression) after ``Effects on `` for dy/dx.  The
    ado combines the files' texts: one that differs becomes ``Combined margins results`` /
    ``Predictions``, and with two files or more a predict label and an expression both set make
    both ``Predictions``."""
    first = datas[0].chars
    title, predict, expression = first.get("title", ""), first.get("predict_label", ""), first.get("expression", "")
    for data in datas[1:]:
        title = title if data.chars.get("title", "") == title else "Combined margins results"
        predict = predict if data.chars.get("predict_label", "") == predict else "Predictions"
        expression = expression if data.chars.get("expression", "") == expression else "Predictions"
        if predict and expression:
            predict = expression = "Predictions"
    derivs = "_deriv" in combined.columns and bool(np.isfinite(combined["_deriv"].to_numpy(float)).any())
    column = "_deriv_text" if derivs else "_term_text"
    values = set(combined[column]) - {""} if column in combined.columns else set()  # sum ignores missing
    term = next(iter(values)) if len(values) == 1 else ""
    title = strproper(title).replace(" Of ", " of ")
    if term and term != "_cons":
        title = f"{title} of {term}"
    ytitle = strproper(predict) or expression
    cmd = first.get("cmd", "margins")
    prefix = "Comparisons of " if cmd == "pwcompare" else "Contrasts of " if cmd == "contrast" else \
        "Effects on " if derivs else ""
    return title, prefix + ytitle


def _labels(text, n: int) -> list[str]:
    from mlmcli.graphs.syntax import items

    found = [word for _, word in items(text)] if text else []
    return [found[i] if i < len(found) else f"File {i + 1}" for i in range(n)]


def _level(data) -> float:
    match = re.match(r"\s*([\d.]+)%", data.var_labels.get("_ci_lb", ""))
    return float(match.group(1)) if match else 95.0


def _combine(files, filevar: str, labels: list[str]):
    """PlotPoints of every file's margins, the dimension order and a labelling dataset."""
    from mlmcli.dataset import Dataset
    from mlmcli.graphs.marginsplot import PlotPoint

    by_kind: dict[str, list[str]] = {"at": [], "m": [], "by": []}
    var_labels: dict = {}
    value_label_of: dict = {}
    value_labels: dict = {}
    deriv_text: dict = {}
    rows = []
    frames = []
    for number, (path, data) in enumerate(files, 1):
        df = data.df
        mapping = {kind: _file_vars(data, kind) for kind in ("at", "m", "by")}
        varying = set(data.chars.get("u_at_vars", "").split())
        frame = pd.DataFrame({c: df[c] for c in ("_margin", "_ci_lb", "_ci_ub", "_se") if c in df.columns})
        for kind in ("at", "m", "by"):
            for col, var in mapping[kind].items():
                if kind == "at" and var not in varying:
                    continue
                if not any(var in names for names in by_kind.values()):
                    by_kind[kind].append(var)
                var_labels.setdefault(var, data.var_labels.get(col, ""))
                table_name = data.value_label_of.get(col)
                if table_name:
                    value_label_of.setdefault(var, var)
                    value_labels.setdefault(var, dict(data.value_labels.get(table_name, {})))
                frame[var] = df[col].to_numpy(float)
        atopt = df["_atopt"].to_numpy(float) if "_atopt" in df.columns else np.zeros(len(df))
        frame["_atopt_text"] = [_text(data, "_atopt", v) if np.isfinite(v) else "" for v in atopt]
        if "_deriv" in df.columns:
            values = df["_deriv"].to_numpy(float)
            for v in values:  # append keeps the first file's value label (combomarginsplot's use ... append)
                if np.isfinite(v):
                    deriv_text.setdefault(v, _text(data, "_deriv", v))
            frame["_deriv"] = values
        if "_term" in df.columns:  # the ado recodes _term by its labels across the files
            frame["_term_text"] = [_text(data, "_term", v) if np.isfinite(v) else "" for v in df["_term"]]
        frame[filevar] = float(number)
        frames.append(frame)
    combined = pd.concat(frames, ignore_index=True, sort=False)
    # the ado adds the file number to the marginlist variables (_m#): marginsplot.ado looks at it
    # after the at() and marginlist variables, before over(), _at and _deriv
    order = by_kind["at"] + by_kind["m"] + [filevar] + by_kind["by"]
    dim_cols = [v for v in order if v in combined.columns and v != filevar]
    keys = [tuple(("" if not np.isfinite(r[c]) else r[c]) if isinstance(r[c], float) else r[c]
                  for c in ["_atopt_text"] + dim_cols) for _, r in combined.iterrows()]
    groups = {k: i for i, k in enumerate(sorted(set(keys), key=lambda k: tuple(str(x) for x in k)), 1)}
    combined["_at"] = [float(groups[k]) for k in keys]
    if "_deriv" in combined.columns:
        combined["_deriv_text"] = [deriv_text.get(v, "") for v in combined["_deriv"]]
    order += ["_at"] + (["_deriv"] if "_deriv" in combined.columns else [])
    for _, r in combined.iterrows():
        if not np.isfinite(r["_margin"]):
            continue
        coords = {}
        for var in dim_cols:
            if np.isfinite(r[var]):
                table = value_labels.get(var, {})
                coords[var] = (float(r[var]), table.get(float(r[var]), f"{r[var]:g}"))
        coords["_at"] = (r["_at"], f"{r['_at']:g}")
        if "_deriv" in combined.columns and np.isfinite(r["_deriv"]):
            coords["_deriv"] = (r["_deriv"], deriv_text.get(r["_deriv"], f"{r['_deriv']:g}"))
        coords[filevar] = (r[filevar], labels[int(r[filevar]) - 1])
        rows.append(PlotPoint(float(r["_margin"]), float(r.get("_ci_lb", np.nan)), float(r.get("_ci_ub", np.nan)),
                              coords))
    if not rows:
        raise StataError("nothing to plot: no estimable margins", 2000)
    label_df = pd.DataFrame({v: combined[v].to_numpy(float) for v in dim_cols + [filevar]})
    var_labels[filevar] = "File Number"
    value_label_of[filevar] = filevar
    value_labels[filevar] = {float(i): t for i, t in enumerate(labels, 1)}
    label_data = Dataset(label_df, var_labels={k: v for k, v in var_labels.items() if v},
                         value_label_of=value_label_of, value_labels=value_labels)
    return rows, order, label_data, combined


def _save_target(text: str) -> tuple[str, bool, str]:
    """``savefile(file[, replace])``: (path, replace, the name as typed), refused before anything
    is drawn: no name r(100), an existing file without replace r(602)."""
    from mlmcli.commands.data.common import dta_save_path
    from mlmcli.syntax.options import split_options

    body, options, _ = split_options(str(text))
    if not body.strip():
        raise StataError("File name required", 100)
    replace_it = any(o.name == "replace" for o in options)
    return dta_save_path(body, replace_it), replace_it, body.strip()


def _save(target: tuple[str, bool, str], combined: pd.DataFrame, filevar: str, labels: list[str]) -> None:
    """The combined margins (one observation per margin) to savefile()'s file."""
    from mlmcli.dataset import Dataset
    from mlmcli.fileformats.dta_write import save_dta

    path, replace_it, _ = target
    df = combined.drop(columns=[c for c in combined.columns if c.endswith("_text")]).copy()
    data = Dataset(df, var_labels={filevar: "File Number"}, value_label_of={filevar: filevar},
                   value_labels={filevar: {float(i): t for i, t in enumerate(labels, 1)}})
    data.chars["cmd"] = "combomarginsplot"
    save_dta(data, path, replace=replace_it)
