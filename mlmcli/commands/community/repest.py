"""``repest`` (Avvisati and Keslair, OECD; SSC): estimates with replicate weights and plausible
values, written from repest.ado 1.12.4 and its help file (read, not copied):

    repest svyname [if] [in], estimate([stata:] cmd [, options] | n_cmd ...) [by(var [, levels() average()])
        over(var [, test|-test]) outfile(file [, long_over pvalue]) results(keep() add() combine())
        display flag coverage pisacoverage svyparms() betalog(file) fast store(name)]

For each level of by() (and of over()), each plausible value (``@`` in a name replaced by 1..M)
and each weight (the final one, then the replicates), the statistics are computed
(means/summarize/freq/corr/quantiletable here, an e-class command through the runner with [aw = w], [pw = w]
when it refuses aweights); the variance is ``repest_design``'s.  Printed as repest prints:
the level and a dot per plausible value, then (display, or no outfile) ``by : level`` and
ereturn display's table.  Several over() variables holding plausible values are not built: refused.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.survey import repest_design as design_mod
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"repest": "repest svyname [if] [in], estimate(...) [by() over() outfile() results() display flag ...]"}

OPTIONS = [OptionSpec("estimate", 3, takes_arg=True), OptionSpec("by", None, takes_arg=True),
           OptionSpec("over", None, takes_arg=True), OptionSpec("outfile", None, takes_arg=True),
           OptionSpec("debug", None, takes_arg=True), OptionSpec("results", None, takes_arg=True),
           OptionSpec("flag", None), OptionSpec("display", None), OptionSpec("svyparms", 3, takes_arg=True),
           OptionSpec("betalog", None, takes_arg=True), OptionSpec("fast", None),
           OptionSpec("store", None, takes_arg=True), OptionSpec("coverage", None), OptionSpec("pisacoverage", None)]
EFORM = re.compile(r" (eform\(|eform |hr |shr |irr |or |rrr )")


def _regex_arg(text: str, key: str) -> str | None:
    m = re.search(key + r"\(([^)]*)", text + " ")
    return m.group(1) if m else None


class _Spec:
    """What repest's parser reads from the options."""

    def __init__(self, svyname: str, if_exp, in_range, opts: dict):
        self.svyname = svyname
        self.if_exp, self.in_range = if_exp, in_range
        estimate = str(opts["estimate"]).strip()
        self.estimate = estimate
        if estimate.startswith("stata"):
            after = estimate.split(":", 1)[1] if ":" in estimate else estimate[5:]
            command, options, _ = _split_comma(after)
            self.kind, self.command, self.command_options = "e", command.strip(), options
        elif re.match(r"(summarize|freq|means|quantiletable|corr)", estimate):
            command, options, _ = _split_comma(estimate)
            self.kind, self.command, self.command_options = "n", command.strip(), options
            self.flag_suppressed = command.startswith("quantiletable") and bool(opts.get("flag")) and \
                bool(re.search(r"( relr)|( odds)|( su)|( reg)", f" {options}"))
        else:  # 1.12.4: the stata: prefix is optional
            command, options, _ = _split_comma(estimate)
            self.kind, self.command, self.command_options = "e", command.strip(), options
        self.flag = bool(opts.get("flag")) and not getattr(self, "flag_suppressed", False)
        self.coverage = bool(opts.get("coverage") or opts.get("pisacoverage"))
        self.pisacoverage = bool(opts.get("pisacoverage"))
        self.fast = bool(opts.get("fast"))
        self.store = (opts.get("store") or "").strip() if isinstance(opts.get("store"), str) else ""
        outfile = opts.get("outfile") if isinstance(opts.get("outfile"), str) else ""
        self.filename, outfile_options, _ = _split_comma(outfile)
        self.filename = self.filename.strip().strip('"')
        self.long_over = "long_over" in outfile_options
        self.pvalue = "pvalue" in outfile_options
        self.display = bool(opts.get("display")) or not self.filename or bool(self.store)
        over = opts.get("over") if isinstance(opts.get("over"), str) else ""
        over_var, over_test, _ = _split_comma(over)
        self.over_var, self.over_test = over_var.strip(), over_test.strip()
        self.over_vars = self.over_var.split()
        if len(self.over_vars) > 1:
            if "@" in self.over_var:
                raise StataError("repest: over() with several variables holding plausible values is not implemented "
                                 "in mlm", 198)
            self.long_over = True  # several over variables: long_over is assumed
        if self.over_test and self.over_test not in ("test", "-test"):
            raise StataError(f"option over( , {self.over_test}) not allowed", 198)
        by = opts.get("by") if isinstance(opts.get("by"), str) else ""
        by_var, by_options, _ = _split_comma(by)
        self.by_var = by_var.strip()
        levels = _regex_arg(by_options, "levels")
        self.by_levels = levels.split() if levels and levels.split() else None  # levels() empty: all levels
        average = _regex_arg(by_options, "average")
        self.average_levels = average if average is not None else ""
        results = opts.get("results") if isinstance(opts.get("results"), str) else ""
        self.keep = _regex_arg(results, "keep")
        self.add = (_regex_arg(results, "add") or "").split()
        combine = re.search(r"combine\((.*)\)\s*$", results.strip()) if "combine(" in results else None
        self.combine = combine.group(1) if combine else ""
        self.betalog = (opts.get("betalog") or "").strip().strip('"') if isinstance(opts.get("betalog"), str) else ""
        self.pv_here = "@" in f"{estimate} {if_exp or ''} {self.over_var}"
        self.pvvars = sorted({w for w in re.split(r"[\s(),=&|<>!#]+|\b[ci]\.", f"{estimate} {if_exp or ''} "
                                                  f"{self.over_var}") if "@" in w}, key=len, reverse=True)
        self.pvvars = [re.sub(r"^.*\.", "", w) for w in self.pvvars]
        self.eform = bool(EFORM.search(f" {self.command_options.lstrip(',')} "))


def _split_comma(text: str) -> tuple[str, str, bool]:
    from mlmcli.textscan import find_top

    i = find_top(text or "", ",")
    if i < 0:
        return text or "", "", False
    return text[:i], text[i + 1:].strip(), True


def _design(session, spec: _Spec, svyparms: str) -> design_mod.SurveyDesign:
    name = spec.svyname
    data = session.data
    if name == "PISA":
        lower = data.has_variable("w_fstuwt") and data.has_variable("w_fstr1")
        upper = data.has_variable("W_FSTUWT") and data.has_variable("W_FSTR1")
        if not (lower or upper):
            name = "PISA2015"
            session.print("Survey parameters have been changed to PISA2015")
    if name not in design_mod.SURVEYS:
        raise StataError("invalid syntax", 198)
    design = design_mod.SURVEYS[name]
    if svyparms:
        design, known = design_mod.apply_svyparms(design, svyparms)
        if not known:
            session.out.line("warning: option svyparms contains unknown parameters as suboptions")
            session.out.line("          valid suboptions are:")
            session.out.line("          NBpv, final_weight_name, rep_weight_name, variancefactor, NREP")
    elif name == "SVY":
        raise StataError("option svyparms required with repest SVY", 198)
    return design


def cmd_repest(session, cmd) -> None:
    from mlmcli.graphs.syntax import split_if_in

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, OPTIONS)
    if "estimate" not in opts:
        raise StataError("option estimate() required", 198)
    head, if_exp, in_range = split_if_in(body.strip())
    words = head.split()
    if len(words) != 1 or not re.fullmatch(r"[A-Za-z_]\w*", words[0]):
        raise StataError("data name required" if not words else "invalid syntax", 100 if not words else 198)
    if opts.get("debug"):
        raise StataError("repest: option debug() is not implemented in mlm", 198)
    spec = _Spec(words[0], if_exp, in_range, opts)
    if getattr(spec, "flag_suppressed", False):
        session.print('Warning: option "flag" has been suppressed!')
        session.print("         flags only work with quantiletable without options RELRisk ODDSratio SUmmarize REGress ")
    if spec.betalog and spec.fast:
        raise StataError("repest: betalog() with fast is not implemented in mlm", 198)
    design = _design(session, spec, opts.get("svyparms") if isinstance(opts.get("svyparms"), str) else "")
    run_repest(session, spec, design)



def _by_levels(session, spec) -> tuple[list[str], np.ndarray | None]:
    """The by levels (levelsof's list, printed as levelsof prints it, when levels() is not
    given) and each row's by value as text (tostring)."""
    from mlmcli.commands.community.repest_run import as_text

    if not spec.by_var:
        return ["_pooled"], None
    data = session.data
    var = data.resolve(spec.by_var)
    values = as_text(data.column(var).to_numpy() if data.is_string(var) else data.numeric(var), data.is_string(var))
    if spec.by_levels is not None:
        return list(spec.by_levels), values
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    runner.execute(f"levelsof {var}")
    if data.is_string(var):
        levels = sorted({v for v in values if v != ""})
    else:
        x = data.numeric(var)
        levels = [as_text(np.array([v]), False)[0] for v in sorted(set(x[~np.isnan(x)].tolist()))]
    return levels, values


@dataclass
class _OverLevels:
    """over()'s levels: the name repest shows (the variable, or mygroup1 for several), each
    level's equation label (var=value, or var1=v1*var2=v2) and, for several variables, their
    values at each level (the long_over outfile's columns)."""
    name: str = ""
    levels: list = field(default_factory=lambda: [None])
    rows: object = None
    labels: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)


def _level_text(v: float) -> str:
    return f"{v:.12g}"


def _over(session, spec) -> _OverLevels:
    """The over() levels and a function giving, for plausible value p, the rows at a level."""
    if not spec.over_var:
        return _OverLevels()
    data = session.data
    if len(spec.over_vars) > 1:  # egen group() of the variables: levels 1..G
        names = [data.resolve(v) for v in spec.over_vars]
        if any(data.is_string(n) for n in names):
            raise StataError("option over() only allows numeric variables", 198)
        X = np.column_stack([data.numeric(n) for n in names])
        ok = ~np.isnan(X).any(axis=1)
        combos = sorted({tuple(r) for r in X[ok].tolist()})
        group = np.full(data.nobs, np.nan)
        for g, combo in enumerate(combos, start=1):
            group[ok & (X == np.array(combo)).all(axis=1)] = g
        levels = [float(g) for g in range(1, len(combos) + 1)]
        over = _OverLevels("mygroup1", levels, lambda level: (lambda p: group == level))
        for g, combo in zip(levels, combos):
            over.labels[_level_text(g)] = "*".join(f"{n}={_level_text(v)}" for n, v in zip(names, combo))
            over.values[_level_text(g)] = dict(zip(names, combo))
    else:
        first = spec.over_var.replace("@", "1")
        if not data.has_variable(first) or data.is_string(data.resolve(first)):
            raise StataError("option over() only allows numeric variables", 198)
        x = data.numeric(data.resolve(first))
        levels = sorted(set(x[~np.isnan(x)].tolist()))
        over = _OverLevels(spec.over_var, levels,
                           lambda level: (lambda p: data.numeric(data.resolve(spec.over_var.replace("@", str(p))))
                                          == level))
        over.labels = {_level_text(v): f"{spec.over_var}={_level_text(v)}" for v in levels}
    over.labels["d"] = over.labels.get("d", f"{over.name}=d")
    session.print(f" over {over.name} = {' '.join(_level_text(v) for v in over.levels)} ")
    return over


def _post_display(session, runner, by_var: str, by_level: str, names, b, se, V) -> None:
    """repest_display_bylevel: omitted (missing or flagged) estimates as o.name with 0, then
    ereturn post and ereturn display."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    b = np.array(b, float)
    V = np.array(V, float)
    shown = []
    for i, name in enumerate(names):
        if np.isnan(b[i]) or np.isnan(se[i]):
            b[i] = 0.0
            V[i, :] = 0.0
            V[:, i] = 0.0
            eq, _, bare = name.rpartition(":")
            shown.append(f"{eq}:o.{bare}" if eq else f"o.{bare}")
        else:
            shown.append(name)
    session.out.write(f"\n{by_var} : {by_level}\n")
    cols = tuple(shown)
    session.e = EstimationResults(cmd="", scalars={}, macros={"properties": "b V"},
                                  matrices={"b": Matrix(b.reshape(1, -1), ("y1",), cols), "V": Matrix(V, cols, cols)})
    runner.execute("ereturn display")


def run_repest(session, spec, design) -> None:
    from mlmcli.commands.community import repest_output as out
    from mlmcli.commands.community.repest_run import RepestCells, run_cell
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    rn = RepestCells(session, spec, design)
    by_levels, by_values = _by_levels(session, spec)
    over = _over(session, spec)
    over_levels, over_rows = over.levels, over.rows
    base = rn.condition(spec.if_exp) if spec.if_exp and "@" not in spec.if_exp else np.ones(session.data.nobs, bool)
    if spec.over_var:
        session.print(f"over var is {over.name}")
    original, e_before = session.data, session.e
    by_name = spec.by_var or "_pooled"
    shown_by = spec.by_var or ("_pooled" if spec.over_var else "")  # the display's "by : level"
    rows: list[dict] = []
    error = None
    wide: list = []
    betalog: list[dict] = []
    names: list[str] | None = None
    last_post = None
    line_open = False
    try:
        for by_level in by_levels:
            rows_by = base if by_values is None else base & (by_values == by_level)
            cells = []
            for level in over_levels:
                label = "" if level is None else f"{level:.12g}"
                session.out.write(f"\n{by_level}" if level is None else f"\n{by_level} - {over.name} = {label} ")
                line_open = True  # the level and its dots wait for the next display
                try:
                    cell = run_cell(rn, runner, rows_by, over_rows(level) if level is not None else None,
                                    by_level, label or None)
                except StataError as err:
                    cell = None
                    error = err
                finally:
                    session.data = original
                if cell is not None:
                    names = names or cell.names
                    cells.append(cell)
                    betalog += out.betalog_rows(cell, by_name, spec.pv_here, level is not None)
                else:
                    cells.append(None)
            if spec.over_test and all(c is not None for c in cells) and len(cells) > 1:
                cells.append(_difference(rn, cells[0], cells[-1], spec.over_test, by_level))
            good = [c for c in cells if c is not None]
            if not good:
                _no_estimates(session, spec, design, spec.by_var, by_level, error)
                rows.append({by_name: by_level})
                continue
            posted = [(c.over_level, out.cell_columns(c, c.names, spec.pvalue, spec.eform)) for c in good]
            if spec.over_var and not spec.long_over:
                wide += out.wide_over([(by_level, posted)], by_name, spec.pvalue)
            for level, cols in posted:
                row = {by_name: by_level}
                if spec.over_var:
                    row["over_value"] = level
                row.update(cols)
                rows.append(row)
            if spec.display:
                last_post = _display_level(session, runner, spec, shown_by, by_level, good, over.labels)
                line_open = False
        if line_open:
            session.out.write("\n")
        table = wide if spec.over_var and not spec.long_over else rows
        if spec.average_levels and table:
            avg = out.average_row([r for r in rows if "over_value" not in r] if not spec.over_var else rows,
                                  by_name, spec.average_levels, spec.pvalue, spec.eform)
            table = table + [avg]
            if spec.display and not spec.over_var and names:
                se = [avg.get(f"{out.abbrev_name(n)}_se", np.nan) for n in names]
                bs = [avg.get(f"{out.abbrev_name(n)}_b", np.nan) for n in names]
                _post_display(session, runner, shown_by, spec.average_levels, names, bs, se,
                              np.diag(np.nan_to_num(np.square(se))))
        if spec.filename:
            _save_outfile(session, spec, table, by_name, over)
        if spec.betalog:
            from mlmcli.dta import write_dta

            write_dta(out.betalog_dataset(betalog, by_name), _dta(spec.betalog))
    finally:
        session.data = original
    if last_post is None:
        session.e = e_before


def _dta(name: str) -> str:
    return name if os.path.splitext(name)[1] else name + ".dta"


def _save_outfile(session, spec, table, by_name, over) -> None:
    from mlmcli.commands.community import repest_output as out
    from mlmcli.dta import write_dta

    if len(spec.over_vars) > 1:  # each over variable's value, after the estimates
        names = [data_name for data_name in next(iter(over.values.values()))] if over.values else []
        table = [{k: v for k, v in r.items() if k != "over_value"}
                 | {n: float(over.values.get(str(r.get("over_value")), {}).get(n, np.nan)) for n in names}
                 for r in table]
        strings = (by_name,)
    elif spec.over_var and spec.long_over:
        name = spec.over_var.replace("@", "PV")
        table = [{(name if k == "over_value" else k): v for k, v in r.items()} for r in table]
        numeric = all(re.fullmatch(r"-?[\d.]+", str(r.get(name, "0"))) for r in table)
        strings = (by_name,) if numeric else (by_name, name)
        if numeric:
            for r in table:
                if name in r:
                    r[name] = float(r[name])
    else:
        strings = (by_name,)
    ds = out.outfile_dataset(table, strings)
    if spec.pisacoverage:
        out.pisacoverage_flags(ds)
    write_dta(ds, _dta(spec.filename))


def _display_level(session, runner, spec, by_name, by_level, cells, labels):
    from mlmcli.commands.community.repest_run import flagged

    if not spec.over_var:
        cell = cells[0]
        b, se = flagged(cell)
        _post_display(session, runner, by_name, by_level, cell.names, b, se, cell.V)
    else:
        names, bs, ses = [], [], []
        for j in range(len(cells[0].names)):
            for cell in cells:
                b, se = flagged(cell)
                names.append(f"{labels.get(str(cell.over_level), cell.over_level)}:{cell.names[j]}")
                bs.append(b[j])
                ses.append(se[j])
        _post_display(session, runner, by_name, by_level, names, bs, ses, np.diag(np.nan_to_num(np.square(ses))))
    if spec.store:
        session.e.macros["cmd"] = "N/A"
        suffix = re.sub(r"\W", "_", by_level)
        suffix = "_" + suffix if suffix[:1].isdigit() else suffix  # strtoname()
        runner.execute(f"estimates store {spec.store}{suffix}")
    return True


def _difference(rn, first, last, test: str, by_level: str):
    """over(, test): last minus first (first minus last for -test) for each plausible value."""
    from mlmcli.commands.community.repest_run import CellResult
    from mlmcli.survey import repest_design as dsg

    sign = 1.0 if test == "test" else -1.0
    cell = CellResult(by_level, "d", names=list(first.names))
    betas, variances, logs = [], [], []
    factor = rn.design.variance_factor if rn.design.variance_factor is not None else 1.0
    for (p, b1, d1), (_, b2, d2) in zip(first.betalog, last.betalog):
        beta = sign * (b2 - b1)
        devs = sign * (d2 - d1) if d1.size and d2.size else np.zeros((0, beta.size))
        betas.append(beta)
        variances.append(dsg.sampling_variance(devs, factor) if devs.size else None)
        logs.append((p, beta, devs))
    variances = [v if v is not None else variances[0] for v in variances]
    cell.b, cell.V = dsg.combine_plausible_values(betas, variances, rn.spec.fast)
    if first.flags is not None and last.flags is not None:
        cell.flags = np.maximum(first.flags, last.flags)
    cell.betalog = logs
    return cell


def _no_estimates(session, spec, design, by_name, by_level, error) -> None:
    command = spec.command.replace("@", str(len(design.weights()) and (design.nbpv if spec.pv_here else "")))
    options = f", {spec.command_options}" if spec.command_options else ""
    prefix = "" if spec.kind == "e" else "repest_"
    session.print(" ")
    session.print(f"   There were no successful estimates for {by_name} = {by_level}.")
    session.print(" Consider debugging the command within the estimate option:")
    session.print(f"{prefix}{command}    [aw = {design.final_weight}] {options}")
    if error is not None and (spec.kind == "e" or error.rc != 2000):  # the command rerun noisily
        session.print(error.message)
