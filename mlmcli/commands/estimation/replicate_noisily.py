"""``vce(bootstrap, noisily|trace)`` and ``vce(jackknife, noisily|trace)`` of every command whose
replicates run in ``bootstrap_run.run_bootstrap`` or ``cluster_replicates.replicate_variance``
(regress keeps its own: ``regress_bootstrap``, ``jackknife_noisily``), printed as bootstrap.ado
with _loop_bs.ado and jackknife.ado with _loop_jknife print them:

```
bootstrap: First call to logit with data as is:
(blank)
. logit foreign mpg
<logit's output on the data as they are>
(blank)
Bootstrap replications (3)
. logit foreign mpg
<logit's output on the first replicate's data>
...
```

The heading, the echo of the first call and the replications title are plain ``di`` (an
enclosing ``quietly`` silences them); every run of the command and the loop's echo and messages
are shown through ``noisily`` (``capture noisily quietly noisily cmd``), under ``quietly`` too.
``trace`` is noisily with, after each echo, the trace of the line run there (the prefixes set
trace on just around the command; mlm's commands are built in, so the trace is the traced line:
``program_trace.traced_command``, as regress's).

What each replicate prints is mlm's command run on that replicate's data: the rows of the
estimation sample drawn (bootstrap) or left (jackknife), the command's own panels or groups
renumbered in the panel variable (_vce_parserun's ``idcluster(panelvar)``: xt commands'
xtset/i() variable, clogit's group(), the st id) or in idcluster()'s variable.  The numbers the
variance uses still come from the command's own replicate fit (noisily changes no number); the
run printed is a second fit of the same rows.  A replicate whose fit fails is followed by the
loop's message: an error of the printed run by "an error occurred when bootstrap executed cmd,
posting missing values", another failure by _check_omit's collinearity message, reject() by
"rejected results from cmd, posting missing values".

The echoed line is the command as typed less vce() and level() (ParseCommand takes level()
out), ``if`` written ``if (exp)`` (_vce_parserun's ``[if/]``); Stata's _eqlist also expands
variable abbreviations and writes collinear variables ``o.name``, which this echo does not
(regress's does: ``jackknife_noisily.echoed_command``).  Evidence: docs/bootstrap_noisily.md.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import row_codes

FAILED = "an error occurred when {kind} executed {name}, posting missing values"
COLLINEAR = "collinearity in replicate sample is not the same as the full sample, posting missing values"
REJECTED = "rejected results from {name}, posting missing values"


class PostedMissing(ValueError):
    """A replicate the prefix's loop posts missing after a fit that ran: ``reason`` "rejected"
    (reject(): the loop's message) or "n" (n()'s count, ``bad 3``: no message)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class ReplicatePrinter:
    """Prints the first call and each replicate's run (module docstring)."""

    REJECTED = REJECTED

    def __init__(self, session, settings: dict, kind: str, name: str, rows: np.ndarray, cmd, runner):
        self.session, self.settings, self.kind, self.name = session, settings, kind, name
        self.rows, self.cmd, self.runner = np.asarray(rows, int), cmd, runner
        self.original = session.data
        self.echo = f". {echoed_line(cmd, name)}"
        self.line = run_line(cmd, name)
        self.id_variable = _id_variable(session, settings, cmd, name, kind)
        self.failed_run = False

    def _traced(self) -> list[str]:
        if not self.settings.get("trace"):
            return []
        from mlmcli.program_trace import traced_command

        return traced_command(self.session, self.echo[2:])

    def _run(self, data, line: str) -> bool:
        """Run ``line`` on ``data`` shown through noisily; e(), r() and the data restored after.
        False when it fails (its message shown, as ``capture noisily`` shows it)."""
        session, out = self.session, self.session.out
        saved = (session.e, getattr(session, "r", None), session.bootstrap_pending)
        saved_quiet, out.quiet = out.quiet, 0
        session.data = data
        try:
            self.runner.execute(line)
            return True
        except StataError as err:
            if err.message:
                out.line(err.message)
            return False
        finally:
            out.quiet = saved_quiet
            session.data = self.original
            session.e, session.bootstrap_pending = saved[0], saved[2]
            if saved[1] is not None:
                session.r = saved[1]

    def first_call(self) -> None:
        """The heading, the echo and the command on the data as they are; the replications title."""
        session = self.session
        session.print(f"{self.kind}: First call to {self.name} with data as is:")
        session.print()
        session.print(self.echo)
        for line in self._traced():
            session.out.noisily_line(line)
        self._run(self.original.copy(), self.echo[2:])

    def title(self, count: int) -> None:
        self.session.print()
        self.session.print(f"{self.kind.capitalize()} replications ({count})")

    def replicate(self, rows_drawn, codes_drawn) -> None:
        """The echo and the command on the replicate's rows of the estimation sample."""
        data = self.original.copy()
        data.take_rows(self.rows[np.asarray(rows_drawn, int)])
        if self.id_variable is not None and codes_drawn is not None:
            data.set_variable(self.id_variable, self._numbers(data, codes_drawn))
            group = self.settings.get("group") if self.settings.get("idcluster") else None
            if group and self.kind == "bootstrap":  # _loop_bs's group() renumbering after bsample
                self._renumber_group(data, data.resolve(str(group).strip()), codes_drawn)
        self.session.out.noisily_line(self.echo)
        for line in self._traced():
            self.session.out.noisily_line(line)
        self.failed_run = not self._run(data, self.line)

    def _clusters_and_strata(self, data):
        """The drawn rows' clusters and bootstrap strata as codes (None without them)."""
        def codes(names):
            if not names:
                return None
            columns = [np.unique(np.asarray(data.column(data.resolve(v)).to_numpy()).astype(str)
                                 if data.is_string(data.resolve(v)) else data.numeric(data.resolve(v)),
                                 return_inverse=True)[1].reshape(-1) for v in str(names).split()]
            return row_codes(columns)
        return codes(self.settings.get("cluster")), codes(self.settings.get("strata"))

    def _numbers(self, data, codes_drawn) -> np.ndarray:
        """The id variable's values in the replicate: bsample's idcluster() numbers (1, 2, ... by
        stratum, cluster drawn, copy) when idcluster() names it, else the copies in the order drawn."""
        copies = np.asarray(codes_drawn)
        if not (self.settings.get("idcluster") and self.settings.get("cluster")):
            return copies.astype(float) + 1
        from mlmcli.replication.renumbered import idcluster_numbers

        units, strata = self._clusters_and_strata(data)
        return idcluster_numbers(strata, units, copies)

    def _renumber_group(self, data, group: str, codes_drawn) -> None:
        from mlmcli.graphs.fpfit_xt_bootstrap_group import group_numbers

        units, strata = self._clusters_and_strata(data)
        data.set_variable(group, group_numbers(strata, units, np.asarray(codes_drawn), data.numeric(group)))

    def message(self, text: str) -> None:
        from mlmcli.render.lrtest import wrap_paragraph

        for line in wrap_paragraph(text.format(kind=self.kind, name=self.name), self.session.linesize, hanging=0):
            self.session.out.noisily_line(line)

    def wrap(self, refit):
        """``refit`` printing each replicate's run first and the loop's message after a failure."""
        def noisy(rows_drawn, codes_drawn, *rest):
            self.replicate(rows_drawn, codes_drawn)
            try:
                theta = refit(rows_drawn, codes_drawn, *rest)
            except PostedMissing as posted:  # reject()'s message; n()'s failure prints none
                if posted.reason == "rejected":
                    self.message(REJECTED)
                raise
            except Exception:
                self.message(FAILED if self.failed_run else COLLINEAR)
                raise
            self.missing_statistics(theta)
            return theta
        return noisy

    def missing_statistics(self, theta) -> None:
        """_loop_bs's message for each statistic the replicate's e(b) lacks (ologit's
        ``_b[cut3:_cons]`` without a category: glm_replicates.ordinal_replicate)."""
        names = self.settings.get("_colnames") or ()
        values = np.asarray(theta, float).reshape(-1)
        if self.kind != "bootstrap" or len(names) != len(values) or np.all(np.isfinite(values)):
            return
        for name, value in zip(names, values):
            if not np.isfinite(value):
                self.message(f"captured error in _b[{name}], posting missing value")


def replicate_printer(session, settings: dict, kind: str, command: str, rows) -> ReplicatePrinter | None:
    """The printer when ``noisily`` (or trace) was typed, else None; mlm's refusal when the
    command's line or its estimation sample's rows are not known here."""
    if not settings.get("noisily"):
        return None
    from mlmcli.runner import Runner, current_runner

    cmd = getattr(session, "running_command", None)
    name = command.split(",")[0].strip()
    if cmd is not None:  # the command typed, in full (xtlogit, pa runs xtgee's code; logistic logit's)
        from mlmcli.commands import lookup

        name = lookup(cmd.name).name
    if cmd is None or rows is None:
        raise StataError(f"vce({kind}, {'trace' if settings.get('trace') else 'noisily'}) not supported by mlmcli "
                         f"with {name}", 198)
    return ReplicatePrinter(session, settings, kind, name, rows, cmd, current_runner(session) or Runner(session))


def _kept_options(cmd) -> list[str]:
    """The command's options as typed less vce() and level() (module docstring)."""
    from mlmcli.syntax.options import OptionSpec

    drop = (OptionSpec("vce", 3), OptionSpec("level", 1))
    return [o.name if o.arg is None else f"{o.name}({o.arg})" for o in cmd.options
            if not any(spec.matches(o.name) for spec in drop)]


def _head(cmd, name: str) -> list[str]:
    words = [name] + ([cmd.args.strip()] if cmd.args.strip() else [])
    if cmd.weight is not None:
        kind = next((full for full in ("fweight", "pweight", "aweight", "iweight")
                     if cmd.weight.kind.lower().startswith(full[:2])), cmd.weight.kind)
        words.append(f"[{kind}= {cmd.weight.exp.strip()}]")
    return words


def echoed_line(cmd, name: str) -> str:
    """The line the prefix echoes: ``name args [wgt] [if (exp)] [in range][, options]``."""
    words = _head(cmd, name)
    if cmd.if_exp:
        words.append(f"if ({cmd.if_exp.strip()})")
    if cmd.in_range is not None:
        r = cmd.in_range
        words.append(f"in {r.first}" + (f"/{r.last}" if r.last else ""))
    options = _kept_options(cmd)
    return " ".join(words) + (", " + " ".join(options) if options else "")


def run_line(cmd, name: str) -> str:
    """The line run on a replicate's data: the echo without if/in (the data are the
    estimation sample's rows already)."""
    options = _kept_options(cmd)
    return " ".join(_head(cmd, name)) + (", " + " ".join(options) if options else "")


def _id_variable(session, settings: dict, cmd, name: str, kind: str) -> str | None:
    """The variable holding each replicate's unit numbers (module docstring), or None."""
    ds = session.data
    if kind == "jackknife":  # the units left out keep their numbers
        return None
    if settings.get("idcluster") and settings.get("cluster"):
        return ds.resolve(settings["idcluster"])
    if settings.get("prefix") or settings.get("cluster"):
        return None
    from mlmcli.syntax.options import OptionSpec

    def option(spec):
        found = [o.arg for o in cmd.options if spec.matches(o.name) and o.arg is not None]
        return found[-1].strip() if found else None

    if name.startswith("xt"):
        from mlmcli.commands.estimation.panel_common import panel_variable

        try:
            return panel_variable(session, option(OptionSpec("i", 1)))
        except StataError:
            return None
    if name == "clogit":
        group = option(OptionSpec("group", 2))
        return ds.resolve(group) if group else None
    if name in ("streg", "stcox") and ds.chars.get("st_id"):
        return ds.resolve(ds.chars["st_id"])
    return None
