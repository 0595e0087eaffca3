"""repest's loops: by() levels, over() levels, plausible values, weights (see ``repest``).

A cell (one by level and over level) gives, for each plausible value p, the estimate under the
final weight and the R replicate estimates; ``repest_design`` turns them into b and V.  The
built-in statistics are computed here on arrays (``survey.repest_statistics``); an e-class
command runs through the runner on the cell's rows, quietly, [aw = w] ([pw = w] after r(101)).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import extended
from mlmcli.survey import repest_design as dsg
from mlmcli.survey import repest_statistics as st


@dataclass
class CellResult:
    by_level: str
    over_level: str | None
    names: list[str] = field(default_factory=list)
    b: np.ndarray | None = None
    V: np.ndarray | None = None
    flags: np.ndarray | None = None
    betalog: list = field(default_factory=list)  # (pv, weight index, values)

    @property
    def failed(self) -> bool:
        return self.b is None


def as_text(values: np.ndarray, is_string: bool) -> np.ndarray:
    """tostring, force: numbers as %12.0g text ("" for missing)."""
    if is_string:
        return np.asarray(values, dtype=object)
    from mlmcli.render.numfmt import format_number

    return np.array(["" if np.isnan(v) else format_number(float(v), "%12.0g").strip() for v in values], dtype=object)


class RepestCells:
    """The data, weights and settings every cell of one repest call reads."""

    def __init__(self, session, spec, design):
        self.session, self.spec, self.design = session, spec, design
        self.data = session.data
        self.weights = {}
        for name in design.weights():
            if not self.data.has_variable(name):
                raise StataError(f"variable {name} not found", 111)
            self.weights[name] = self.data.numeric(name)
        for name in design.keep:
            if not self.data.has_variable(name):
                raise StataError(f"variable {name} not found", 111)
        self.groups = self.data.numeric(design.group) if design.group and self.data.has_variable(design.group) \
            and not self.data.is_string(design.group) else None
        if self.groups is None and design.group and self.data.has_variable(design.group):
            _, self.groups = np.unique(self.data.column(design.group).astype(str), return_inverse=True)
            self.groups = self.groups.astype(float)
        self.nbpv = design.nbpv if spec.pv_here else 1
        self.pvs = list(range(1, self.nbpv + 1)) if spec.pv_here else [""]

    # ---------------------------------------------------------------- names
    def pv_names(self, names: list[str], p) -> list[str]:
        out = []
        for name in names:
            for pvvar in self.spec.pvvars:
                name = name.replace(pvvar.replace("@", str(p)), pvvar.replace("@", "_"))
            out.append(name)
        return out

    def condition(self, text: str | None) -> np.ndarray:
        from mlmcli.expr import evaluate_condition

        if not text:
            return np.ones(self.data.nobs, bool)
        return np.asarray(evaluate_condition(self.session, text), bool)

    def in_mask(self, rows: np.ndarray) -> np.ndarray:
        """`in` applies to the cell's rows, as repest types it after keeping them."""
        if self.spec.in_range is None:
            return rows
        from mlmcli.sample import in_range_rows

        idx = np.flatnonzero(rows)
        first, last = in_range_rows(self.spec.in_range, idx.size)
        keep = np.zeros_like(rows)
        keep[idx[first:last]] = True
        return keep

    # ---------------------------------------------------------------- n_cmds
    def n_cmd_parts(self, p, rows: np.ndarray):
        """The n_cmd's word, options, variables and their values in the cell: read once for all
        the weights of plausible value p (the cell's mask is the same object meanwhile)."""
        cached = getattr(self, "_parts_for", None)  # the mask itself is held: no other can take its id
        if cached is None or cached[0] != p or cached[1] is not rows:
            from mlmcli.syntax.options import OptionSpec, parse_options

            word, _, rest = self.spec.command.replace("@", str(p)).partition(" ")
            opts = {} if word == "quantiletable" else parse_options(  # quantiletable reads its own
                self.spec.command_options.replace("@", str(p)),
                [OptionSpec("pct", None), OptionSpec("stats", None, takes_arg=True), OptionSpec("count", None),
                 OptionSpec("levels", None, takes_arg=True), OptionSpec("pairwise", None), OptionSpec("flag", None),
                 OptionSpec("coverage", None)])
            names = self.data.expand_varlist(rest)
            self._parts = (word, opts, names, {n: self.data.numeric(n)[rows] for n in names})
            self._parts_for = (p, rows)
        return self._parts

    def n_cmd(self, p, rows: np.ndarray, wname: str, first: bool) -> tuple[list[str], list[float], list[int]]:
        spec = self.spec
        word, opts, names, cols = self.n_cmd_parts(p, rows)
        w = self.weights[wname][rows]
        ok_w = ~np.isnan(w) & (w > 0)
        out: list[tuple[str, float]] = []
        flags: list[int] = []
        want_flags = spec.flag and first
        groups = self.groups[rows] if self.groups is not None else None
        d = self.design

        def flag_of(mask):
            return st.too_few(mask, groups, d.flag_rule, d.min_obs, d.min_groups)

        def per_variable(n, stats_of_n):
            """One variable's statistics, their flag, and its coverage (name_x) after them."""
            f = flag_of(ok_w & ~np.isnan(cols[n])) if want_flags else 0
            got = stats_of_n + ([(f"{n}_x", st.coverage(~np.isnan(cols[n]), w))] if spec.coverage else [])
            out.extend(got)
            flags.extend([f] * len(got))

        if word == "means":
            for n in names:
                per_variable(n, st.means({n: cols[n]}, w, bool(opts.get("pct"))))
        elif word == "summarize":
            if not isinstance(opts.get("stats"), str):
                raise StataError("option stats() required", 198)
            stats = opts["stats"].split()
            st.check_stats(stats)
            for n in names:
                per_variable(n, st.summarize({n: cols[n]}, w, stats))
        elif word == "freq":
            if len(names) != 1:
                raise StataError("too many variables specified", 103)
            n = names[0]
            levels = [float(v) for v in str(opts.get("levels") or "").split()] if isinstance(opts.get("levels"), str) \
                else self.freq_levels(self.data.expand_varlist(self.spec.command.partition(" ")[2].replace("@", "1"))[0])
            per_variable(n, st.freq(n, cols[n], w, levels, bool(opts.get("count"))))
        elif word == "corr":
            if len(names) < 2:
                raise StataError("too few variables specified", 102)
            pairwise = bool(opts.get("pairwise"))
            out += st.corr(cols, w, pairwise)
            listwise = ok_w.copy()
            for n in names:
                listwise &= ~np.isnan(cols[n])
            for i in range(len(names)):
                for j in range(i + 1, len(names)):
                    mask = ok_w & ~np.isnan(cols[names[i]]) & ~np.isnan(cols[names[j]]) if pairwise else listwise
                    flags.append(flag_of(mask) if want_flags else 0)
            if spec.coverage and not pairwise:
                out.append(("e_coverage", st.coverage(listwise[ok_w | True], w)))
                flags.append(flags[-1])
            elif spec.coverage:
                for i in range(len(names)):
                    for j in range(i + 1, len(names)):
                        valid = ~np.isnan(cols[names[i]]) & ~np.isnan(cols[names[j]])
                        out.append((f"x_{names[i][:12]}_{names[j][:12]}", st.coverage(valid, w)))
                        flags.append(flags[-1])
        elif word == "quantiletable":
            got, f = self.quantiles(p, rows, w, names, cols, want_flags, flag_of)
            out += got
            flags += f
        else:
            raise StataError(f"command repest_{word} is unrecognized", 199)
        return [n for n, _ in out], [v for _, v in out], flags

    def quantiles(self, p, rows, w, names, cols, want_flags, flag_of):
        """quantiletable index outcome [, nquantiles() noindexquantiles nooutcomequantiles relrisk
        oddsratio summarize() regress() test]: ``survey.repest_quantiles`` with the ado's noise."""
        from mlmcli.expr.random_numbers import generator, restart
        from mlmcli.survey.repest_quantiles import QuantileTable, quantile_table
        from mlmcli.syntax.options import OptionSpec, integer_option, parse_options

        if len(names) != 2:
            raise StataError("too few variables specified" if len(names) < 2 else "too many variables specified",
                             102 if len(names) < 2 else 103)
        opts = parse_options(self.spec.command_options.replace("@", str(p)), [
            OptionSpec("nquantiles", 2, takes_arg=True), OptionSpec("noindexquantiles", 8),
            OptionSpec("nooutcomequantiles", 10), OptionSpec("relrisk", 4), OptionSpec("oddsratio", 4),
            OptionSpec("summarize", 2, takes_arg=True), OptionSpec("regress", 3, takes_arg=True),
            OptionSpec("test", None), OptionSpec("flag", None), OptionSpec("coverage", None)])
        extra = {}
        summarize = self.data.resolve(opts["summarize"].strip()) if isinstance(opts.get("summarize"), str) else None
        regress = tuple(self.data.expand_varlist(opts["regress"])) if isinstance(opts.get("regress"), str) else None
        if regress is not None and len(regress) != 2:
            raise StataError("option regress() incorrectly specified", 198)
        for n in ([summarize] if summarize else []) + list(regress or ()):
            extra[n] = self.data.numeric(n)[rows]
        spec = QuantileTable(integer_option(opts, "nquantiles", 4, minimum=1), not opts.get("noindexquantiles"),
                             not opts.get("nooutcomequantiles"), bool(opts.get("relrisk")), bool(opts.get("oddsratio")),
                             summarize, regress, bool(opts.get("test")))
        index, outcome = cols[names[0]], cols[names[1]]
        restart(self.session, 5094)  # the ado's set seed 5094, before each estimate
        rng = generator(self.session)
        noise_index = np.zeros(index.size)
        noise_index[~np.isnan(index)] = rng.random(int((~np.isnan(index)).sum()))
        noise_outcome = np.zeros(outcome.size)
        if spec.relrisk or spec.oddsratio:
            noise_outcome[~np.isnan(outcome)] = rng.random(int((~np.isnan(outcome)).sum()))
        got, index_rows, outcome_rows = quantile_table(spec, index, outcome, w, noise_index, noise_outcome, extra,
                                                       (names[0], names[1]))
        flags = [0] * len(got)
        if want_flags:
            ok_w = ~np.isnan(w) & (w > 0)
            fi = [flag_of(ok_w & r) for r in index_rows] if spec.index_quantiles else []
            fo = [flag_of(ok_w & r) for r in outcome_rows] if spec.outcome_quantiles else []
            flags = (fi + fo + [max(fo[-1], fo[0]) if fo else 0])[:len(got)]
            flags += [0] * (len(got) - len(flags))
        if self.spec.coverage:
            got.append(("e_coverage", st.coverage(~np.isnan(index) & ~np.isnan(outcome), w)))
            flags.append(0)
        return got, flags

    def freq_levels(self, name: str) -> list[float]:
        x = self.data.numeric(name)
        return sorted(set(x[~np.isnan(x)].tolist()))

    # ---------------------------------------------------------------- e_cmds
    def e_cmd(self, runner, p, cell_data, rows, wname: str, first: bool):
        from mlmcli.syntax.coefnames import split_eq

        spec, session = self.spec, self.session
        command = spec.command.replace("@", str(p))
        options = spec.command_options.replace("@", str(p))
        in_text = ""
        session.data = cell_data
        session.e = None
        last = None
        for kind in ("aw", "pw"):
            text = f"{command} [{kind} = {wname}]" + (f", {options}" if options else "")
            session.out.quiet += 1
            try:
                runner.execute(text + in_text)
                last = None
                break
            except StataError as err:
                last = err
                if err.rc != 101:
                    break
            finally:
                session.out.quiet -= 1
        if last is not None:
            raise last
        e = session.e
        if e is None or e.matrices.get("b") is None:
            raise StataError("option estimate does not contain an estimation command; only eclass commands that set "
                             "e(b) can be used", 111)
        b = e.matrices["b"]
        values = np.asarray(b.values, float).ravel().copy()
        names = []
        for j, full in enumerate(b.colnames):
            eq, name = split_eq(full)
            joined = f"{eq}_{name}" if eq and eq != "_" else name
            if "o." in joined:
                values[j] = np.nan
            names.append(joined.replace("o.", "").replace(".", "_"))
        if spec.eform:
            values = np.exp(values)
        table = dict(zip(names, values))
        if spec.keep is not None:
            kept = _sub(spec.keep, p).split()
            missing = [k for k in kept if k not in table]
            if missing:
                raise StataError(f"{missing[0]} not found", 111)
            names, values = kept, np.array([table[k] for k in kept])
        names, values = list(names), list(values)
        for stat in spec.add:
            v = e.scalars.get(stat)
            values.append(float(v) if v is not None else np.nan)
            names.append(f"e_{stat}")
        if spec.combine:
            for name, value in self.combined(names, values):
                names.append(name)
                values.append(value)
        sample = e.sample_mask(cell_data)
        sample = np.ones(cell_data.nobs, bool) if sample is None else np.asarray(sample, bool)
        if spec.coverage:
            names.append("e_coverage")
            values.append(st.coverage(sample, cell_data.numeric(wname)))
        flags = [0] * len(names)
        if spec.flag and first:
            flags = self.e_flags(e, names, sample, cell_data, rows)
            for part in spec.combine.split(";"):  # a combination is flagged when a statistic it uses is
                name, _, expression = part.partition(":")
                if name.strip() in names:
                    used = [flags[i] for i, n in enumerate(names) if f"_b[{n}]" in expression]
                    flags[names.index(name.strip())] = max(used, default=0)
        return names, values, flags

    def e_flags(self, e, names, sample, cell_data, rows) -> list[int]:
        d = self.design
        groups = self.groups[rows] if self.groups is not None else None
        base = st.too_few(sample, groups, d.flag_rule, d.min_obs, d.min_groups)
        flags = [base] * len(names)
        cmd = (e.macros.get("cmd") or e.cmd or "").strip()
        if cmd and cmd in REGRESSIONS_SET:
            from mlmcli.syntax.coefnames import split_eq

            for full in e.matrices["b"].colnames:
                regressor = split_eq(full)[1]
                if regressor == "_cons":
                    continue
                m = re.fullmatch(r"(\d+)b?\.(\w+)", regressor)
                var = m.group(2) if m else regressor
                if not cell_data.has_variable(var):
                    continue
                x = cell_data.numeric(var)
                if m:
                    x = np.where(np.isnan(x), np.nan, (x == float(m.group(1))).astype(float))
                f = st.too_few_binary(sample, x, groups, d.flag_rule, d.min_obs, d.min_groups)
                label = regressor.replace(".", "_")
                for i, name in enumerate(names):
                    if re.search(re.escape(label), name):
                        flags[i] = f
        return flags

    def combined(self, names, values):
        from mlmcli.expr import evaluate_number

        out = []
        for part in self.spec.combine.split(";"):
            if not part.strip():
                continue
            name, sep, expression = part.partition(":")
            name = name.strip()
            if not sep or not name:
                raise StataError("invalid name", 198)
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise StataError(f"invalid name: {name}", 198)
            for n, v in zip(names, values):
                expression = expression.replace(f"_b[{n}]", "(.)" if np.isnan(v) else f"({float(v)!r})")
            out.append((name, float(evaluate_number(self.session, expression))))
        return out


REGRESSIONS_SET = frozenset(
    "cnsreg etregress glm intreg nl regress tobit truncreg sem stcox streg biprobit cloglog hetprobit logistic logit "
    "probit scobit clogit mlogit mprobit ologit oprobit slogit gnbreg nbreg poisson tnbreg tpoisson zinb zip ivprobit "
    "ivregress ivtobit heckman heckoprobit heckprobit sureg".split())


def _sub(text: str, p) -> str:
    return text.replace("@", str(p))


def run_cell(rn: RepestCells, runner, rows: np.ndarray, over_rows, by_level: str, over_level) -> CellResult:
    """One by/over cell: every plausible value and weight, then b and V."""
    spec, design, session = rn.spec, rn.design, rn.session
    cell = CellResult(by_level, over_level)
    betas, variances = [], []
    factor = design.variance_factor
    for k, p in enumerate(rn.pvs):
        session.out.write(".")
        try:
            factor = _one_pv(rn, runner, rows, over_rows, cell, k, p, factor, betas, variances)
        except StataError:
            session.out.write("." * (len(rn.pvs) - k - 1))  # repest goes on with the other plausible values
            raise
    b, V = dsg.combine_plausible_values(betas, [v if v is not None else variances[0] for v in variances], spec.fast)
    cell.b, cell.V = b, V
    return cell


def _one_pv(rn, runner, rows, over_rows, cell, k, p, factor, betas, variances):
    """Plausible value p of a cell: its estimates under each weight; PIAAC's factor at the first."""
    spec, design = rn.spec, rn.design
    by_level = cell.by_level
    mask = rows.copy()
    if spec.if_exp and "@" in spec.if_exp:
        mask &= rn.condition(_sub(spec.if_exp, p))
    if over_rows is not None:
        mask &= over_rows(p)
    mask = rn.in_mask(mask)
    if not mask.any():  # repest's error_estimate: _N == 0
        raise StataError("no observations", 2000)
    cell_data = None
    if spec.kind == "e":
        cell_data = rn.data.copy()
        cell_data.take_rows(mask)
    weights = [design.final_weight] if (spec.fast and k > 0) else design.weights()
    estimates = []
    names = None
    for i, wname in enumerate(weights):
        first = i == 0 and k == 0
        if spec.kind == "n":
            got, values, flags = rn.n_cmd(p, mask, wname, first)
        else:
            got, values, flags = rn.e_cmd(runner, p, cell_data, mask, wname, first)
        if names is None:
            names = rn.pv_names(got, p)
        if first and spec.flag:
            cell.flags = np.asarray(flags, int)
        estimates.append(np.asarray(values, float))
    if factor is None and k == 0:  # PIAAC: JK1/JK2 from vemethodn
        factor = dsg.piaac_variance_factor(rn.data.numeric("vemethodn")[mask],
                                           rn.weights[design.final_weight][mask], design.nrep, by_level)
    beta = estimates[0]
    devs = np.vstack(estimates[1:]) - beta if len(estimates) > 1 else np.zeros((0, beta.size))
    betas.append(beta)
    variances.append(dsg.sampling_variance(devs, factor) if len(estimates) > 1 else None)
    cell.betalog.append((p, beta, devs))
    if not cell.names:
        cell.names = names
    return factor


def flagged(cell: CellResult) -> tuple[np.ndarray, np.ndarray]:
    """The estimates and standard errors as posted: flagged ones .f."""
    b = np.array(cell.b, float)
    se = np.sqrt(np.clip(np.diag(cell.V), 0, None)) if cell.V is not None else np.full(b.size, np.nan)
    se = np.where(np.isnan(np.diag(cell.V)), np.nan, se)
    if cell.flags is not None:
        for i, f in enumerate(cell.flags[:b.size]):
            if f:
                if not np.isnan(b[i]):
                    b[i] = extended("f")
                if not np.isnan(se[i]):
                    se[i] = extended("f")
    return b, se
