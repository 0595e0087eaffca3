"""The interpreter's state: the dataset, output, macros, scalars, stored results.

Commands receive the Session and read/write it; engines never see it.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, TextIO

if TYPE_CHECKING:  # the Dataset (and pandas) load on first use of Session.data: fast start-up
    from mlmcli.dataset import Dataset
    from mlmcli.estimation.results import EstimationResults


def __getattr__(name: str):
    """``EstimationResults`` lives in ``mlmcli.estimation.results``; still importable from here."""
    if name == "EstimationResults":
        from mlmcli.estimation.results import EstimationResults

        return EstimationResults
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Output:
    """Where commands write their text; ``quietly`` raises ``quiet`` above zero."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout
        self.quiet = 0
        self.log: TextIO | None = None
        self.column = 0  # where the last line shown ends: display's {col #} after a _continue
        # called before text is written: a fit's live progress line clears itself (fit_progress)
        self.before_write: Callable[[], None] | None = None

    def write(self, text: str) -> None:
        if self.quiet > 0:
            return
        if self.before_write is not None:
            self.before_write()
        last = text.rfind("\n")
        self.column = len(text) - last - 1 if last >= 0 else self.column + len(text)
        self.stream.write(text)
        if self.log is not None:
            self.log.write(text)

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def noisily_line(self, text: str = "") -> None:
        """A line an ado-file shows with ``noisily``: whatever ``quietly`` or ``capture`` is in force."""
        saved, self.quiet = self.quiet, 0
        try:
            self.line(text)
        finally:
            self.quiet = saved

    def flush(self) -> None:
        self.stream.flush()
        if self.log is not None:
            self.log.flush()


@dataclass
class Session:
    data: Dataset = None  # created empty on first access (property below)
    out: Output = field(default_factory=Output)
    globals: dict[str, str] = field(default_factory=dict)
    locals: dict[str, str] = field(default_factory=dict)
    scalars: dict[str, Any] = field(default_factory=dict)
    r: dict[str, Any] = field(default_factory=dict)  # r-class results: scalars, macros, matrices by name
    e: EstimationResults | None = None
    estimates: dict[str, EstimationResults] = field(default_factory=dict)
    mata: dict[str, Any] = field(default_factory=dict)  # Mata's global variables: name -> 2-D array
    matrices: dict[str, Any] = field(default_factory=dict)  # `matrix define`d: name -> results.matrix.Matrix
    rc: int = 0  # _rc
    linesize: int = 110  # the handout's linesize; `set linesize` changes it
    seed: int = 123456789
    preserved: Dataset | None = None
    preserved_frame: str = "default"  # the frame `preserve` was typed in: `restore` puts the data back there
    snapshots: dict = field(default_factory=dict)  # `snapshot save`: number -> data.snapshot.Snapshot
    graph_dir: str | None = None  # --graphs DIR
    graphs: list = field(default_factory=list)
    graphs_drawn: int = 0  # graphs drawn so far: --graphs DIR numbers its files Graph1.png, Graph2.png ...
    graph_scheme: str = "s2color"  # `set scheme`: the scheme of graphs without scheme()
    interactive: bool = False
    echo: bool = True
    # by-prefix state set by the runner: the by variables (data sorted by them), and for
    # commands the runner loops over groups, the current group's rows (bool array).
    by_vars: tuple = ()
    by_mask: Any = None
    programs: dict[str, Any] = field(default_factory=dict)  # `program define` name -> its commands
    ado_programs: dict[str, Any] = field(default_factory=dict)  # auto-loaded: name -> (ado-file, its body)
    program_classes: dict[str, str] = field(default_factory=dict)  # name -> rclass | eclass | sclass | nclass
    program_options: dict[str, Any] = field(default_factory=dict)  # name -> program_options.ProgramOptions
    caller_locals: list = field(default_factory=list)  # the running programs' and do-files' callers' locals (c_local)
    program_by_state: Any = None  # _by(), _byindex() ...: {"index", "last", "n1", "n2"} of a byable program's call
    program_by_mask: Any = None  # a byable(recall) program's by-group (marksample's), None outside one
    return_frames: list = field(default_factory=list)  # running programs: class and the r() they will return
    trace_frames: list = field(default_factory=list)  # running programs and do-files, innermost last (program_trace)
    s: dict[str, Any] = field(default_factory=dict)  # s-class results (sreturn local)
    return_holds: dict = field(default_factory=dict)  # `_return hold`: name -> the r() set aside
    estimate_holds: dict = field(default_factory=dict)  # `_estimates hold`: name -> held_results.HeldEstimates
    capture_depth: int = 0  # captures around the running command: an error they take prints no r()
    test_constraints: list = field(default_factory=list)  # `test`'s constraints, for `test ..., accumulate`
    constraints: dict[int, str] = field(default_factory=dict)  # `constraint define`: number -> its text
    margins: Any = None  # the last margins/contrast/pwcompare result (what `marginsplot` draws)
    # the coefficient table shown last, what putdocx's etable exports: ("estimation", e, TableDisplay, options)
    # or ("margins" / "estimates table", its result, the e() it was shown with)
    shown_table: Any = None
    collections: dict = field(default_factory=dict)  # Stata 17 table/collect: name -> TableCollection
    etable_columns: Any = None  # the last etable's (models, spec): what `etable, append` adds columns to
    settings: dict[str, Any] = field(default_factory=dict)  # `set lazymax`, `set dask`, ... (lazy data)
    postfiles: dict[str, Any] = field(default_factory=dict)  # open `postfile`s by name
    # a vce(bootstrap) run by the command now running: its replicates, posted to e() (e(b_bs),
    # e(ci_*), saving()) when the command ends (estimation.bootstrap_results)
    bootstrap_pending: Any = None
    # a vce(jackknife) run by the command now running: its missing replicates, posted as
    # e(N_misreps)/e(missing) with _prefix_footnote's note when the command ends (estimation.replicate_missing)
    jackknife_pending: Any = None
    # the command the runner is running (ast.Command): vce(bootstrap|jackknife, noisily) reruns its line
    running_command: Any = None
    # `ml model`'s problem (commands/estimation/ml_problem.MLProblem) until ml maximize or ml clear
    ml_problem: Any = None
    # Stata 16's frames (frame_store): the current frame's name (its data are `data`) and the others
    current_frame: str = "default"
    other_frames: dict = field(default_factory=dict)
    frame_posts: dict = field(default_factory=dict)  # frame post's observations not yet appended: name -> rows
    # where a fit's iterations are shown while it runs (fit_progress.FitProgress): the terminal's
    # live line, set by the front end when stdout is a terminal; None shows nothing
    progress: Any = None

    def print(self, text: str = "") -> None:
        """Write text followed by a newline (renderers return text without a final newline)."""
        self.out.line(text)

    @property
    def output_shown(self) -> bool:
        """Whether what ``print`` writes goes anywhere: under ``quietly`` (or a plain
        ``capture``) neither the screen nor a log gets it, so a command whose rendering cannot
        fail may skip laying out a table no one sees."""
        return self.out.quiet <= 0

    def set_r(self, values: dict[str, Any]) -> None:
        """An r-class command replaces all of r()."""
        self.r = dict(values)


def _get_data(self) -> "Dataset":
    data = self.__dict__.get("_data")
    if data is None:
        from mlmcli.dataset import Dataset

        data = self.__dict__["_data"] = Dataset()
        data.varabbrev = self.settings.get("varabbrev") != "off"
    return data


def _set_data(self, value: "Dataset | None") -> None:
    if value is not None and getattr(self, "settings", {}).get("varabbrev") == "off":  # set varabbrev off
        value.varabbrev = False
    self.__dict__["_data"] = value


# Session.data is a property over the dataclass field so that `mlm -c 'display 1'`
# never imports pandas; Session(data=...) and session.data = ... work as before.
Session.data = property(_get_data, _set_data, doc="The dataset in memory (empty until loaded).")


@contextmanager
def data_transaction(session: Session):
    """Run a command so that, if it fails (an error, an internal bug, Ctrl-C), the data in
    memory are exactly as before it: ``append using a nosuch`` must not keep ``a``."""
    from mlmcli.errors import ExitRequest

    before = session.__dict__.get("_data")  # never creates the Dataset (display 1 stays light)
    saved = before.transaction_snapshot() if before is not None else None
    try:
        yield
    except ExitRequest:  # `exit` leaves on purpose
        raise
    except (Exception, KeyboardInterrupt):
        if before is not None:
            before.release_snapshot(saved, restoring=True)
        session.data = saved
        raise
    finally:
        if before is not None:
            before.release_snapshot(saved)


@contextmanager
def nesting_level(session: Session):
    """One more { } block, program or do-file open; past ``limits.NESTING``, r(1000)."""
    from mlmcli.limits import NESTING, nesting_error

    depth = session.__dict__.get("_nesting", 0)
    if depth >= NESTING:
        raise nesting_error()
    session.__dict__["_nesting"] = depth + 1
    try:
        yield
    finally:
        session.__dict__["_nesting"] = depth


@contextmanager
def preserve_scope(session: Session):
    """A do-file's or program's own ``preserve``: Stata restores the data it preserved
    when it ends (normally or by an error); the caller's preserved copy is kept meanwhile."""
    outer, outer_frame = session.preserved, session.preserved_frame
    session.preserved = None
    try:
        yield
    finally:
        if session.preserved is not None:
            from mlmcli.frame_store import restore_preserved

            restore_preserved(session, session.preserved)
        session.preserved, session.preserved_frame = outer, outer_frame
