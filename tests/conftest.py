"""Shared test fixtures.

``shared_dir``: the read-only ``../shared`` folder beside the checkout; tests
that need it skip cleanly when it is absent (a user's clone will not have it).
``new_session``, ``run``, ``do``, ``command``, ``mlm``: interpreter sessions and ways to
run commands in them (see each fixture).
"""
from __future__ import annotations

import io
import os
from pathlib import Path

# One BLAS thread per test process, set before numpy is first imported (it is not yet: pytest and
# its plugins do not load it).  `make test` runs one pytest worker per core; OpenBLAS's own
# threads on top oversubscribe the cores and its busy-waiting threads then make a 150 x 150 solve
# take ~200 ms instead of ~0.2 ms (an fpfit estcmd(mlogit) test: 128 s -> 12 s).  The numbers are
# the same; a caller's own setting wins.
for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")
# Graphs are drawn off screen in every test, whichever test first imports pyplot (the fuzz runners
# asked for Agg when they were imported, so the backend hung on the worker's order of files).
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest

import mlmcli  # noqa: E402,F401 -- its recursion limit is the process's before any test runs
from process_state import changes, restore, snapshot  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "reference").is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def root_dir() -> Path:
    return ROOT


# ---------------------------------------------------------------- sessions and runs
@pytest.fixture(scope="session")
def new_session():
    """``new_session(df=None, **metadata) -> Session``: a fresh interpreter state whose
    output goes to a ``StringIO``, over ``Dataset(df, **metadata)`` when ``df`` (a DataFrame,
    copied so the session's commands leave the caller's frame alone; or a Dataset taken as
    it is) is given."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.session import Output, Session

    def make(df=None, **metadata) -> Session:
        session = Session(out=Output(io.StringIO()))
        if isinstance(df, Dataset):
            session.data = df
        elif df is not None:
            index_is_default = df.index.equals(pd.RangeIndex(len(df)))
            session.data = Dataset(df=df.copy() if index_is_default else df.reset_index(drop=True), **metadata)
        return session

    return make


@pytest.fixture(scope="session")
def run():
    """``run(session, text, echo=False, stop_on_error=True) -> (printed, rc)``: do-file
    text through the runner; ``printed`` is what this text printed (earlier output is
    discarded)."""
    from mlmcli.runner import Runner

    def run_text(session, text: str, echo: bool = False, stop_on_error: bool = True) -> tuple[str, int]:
        stream = session.out.stream
        stream.seek(0)
        stream.truncate()
        rc = Runner(session).run_text(text, echo=echo, stop_on_error=stop_on_error)
        return stream.getvalue(), rc

    return run_text


@pytest.fixture(scope="session")
def do(new_session, run):
    """``do(text, df=None, echo=False, session=None, **metadata) -> (rc, printed, session)``:
    ``text`` run in ``session`` or in a new one over ``df``."""

    def do_text(text: str, df=None, echo: bool = False, session=None, **metadata):
        session = session if session is not None else new_session(df, **metadata)
        printed, rc = run(session, text, echo=echo)
        return rc, printed, session

    return do_text


@pytest.fixture(scope="session")
def command():
    """``command(session, name, args="", options=(), **fields)``: one command handler called
    through the registry with an ``ast.Command`` (``options``: ``Option``s or option
    texts such as ``"level(90)"``), bypassing the parser."""
    from mlmcli.ast import Command, Option
    from mlmcli.commands import lookup
    from mlmcli.syntax.options import read_options

    def call(session, name: str, args: str = "", options=(), **fields) -> None:
        opts = tuple(o if isinstance(o, Option) else read_options(o)[0] for o in options)
        lookup(name).handler()(session, Command(name=name, args=args, options=opts, **fields))

    return call


@pytest.fixture(scope="session")
def mlm():
    """``mlm(*args, stdin=None, cwd=None) -> CompletedProcess``: the ``mlm`` program itself
    (``python -m mlmcli``) in a subprocess, text output captured."""
    import subprocess
    import sys

    def call(*args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "mlmcli", *args], input=stdin, capture_output=True,
                              text=True, cwd=cwd, timeout=120)

    return call


@pytest.fixture
def four_obs(new_session, run):
    """A session over four observations of a (1-4), x1 (2a), z (1), x2 (3a), in that order."""
    from mlmcli.dataset import Dataset

    s = new_session(Dataset())
    out, rc = run(s, "set obs 4\ngen a = _n\ngen x1 = 2*_n\ngen z = 1\ngen x2 = 3*_n\n")
    assert rc == 0, out
    return s


@pytest.fixture(scope="session")
def mixed_fit(new_session):
    """``mixed_fit(df, args) -> (e(), printed text)`` of ``mixed args``."""
    from mlmcli.ast import Command
    from mlmcli.commands.estimation.mixed import cmd_mixed

    def fit(df, args):
        s = new_session(df)
        cmd_mixed(s, Command(name="mixed", args=args))
        return s.e, s.out.stream.getvalue()
    return fit


@pytest.fixture(scope="session")
def fit_reference(shared_dir, new_session, command):
    """``fit_reference(key) -> (reference, session, output buffer)``: the model of
    ``../shared/reference/<key>.json`` fitted on its data (the output of the fit discarded)."""
    import json

    from mlmcli.dta import read_dta

    def fit(key):
        ref = json.loads((shared_dir / "reference" / f"{key}.json").read_text())
        s = new_session(read_dta(str(shared_dir / "data" / ref["data_file"]))[0])
        buf = s.out.stream
        cmd = ref["stata_command"]
        assert cmd.startswith("mixed ")
        args = cmd[len("mixed "):]
        if ref["method"] == "REML" and "reml" not in args:
            args += ", reml" if "," not in args.rsplit("||", 1)[-1] else " reml"
        command(s, "mixed", args)
        buf.seek(0)
        buf.truncate()
        return ref, s, buf
    return fit


@pytest.fixture(scope="module")
def fit_memo():
    """Engine fits remembered by their exact inputs while a file that opts in runs
    (``pytestmark = pytest.mark.usefixtures("fit_memo")``): tests/fit_memo.py.  The memory is the
    worker's, so the next opted-in file reuses what an earlier one fitted."""
    from fit_memo import memo_fit_cox, memo_fit_glmm, memo_fit_shared_frailty, memo_fit_subdistribution, memo_streg_fit

    from mlmcli.glmm import fit as glmm_fit
    from mlmcli.survival import cox, cox_frailty, parametric_fit, subdistribution_hazard

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cox, "fit_cox", memo_fit_cox(cox.fit_cox))
        patch.setattr(parametric_fit, "fit", memo_streg_fit(parametric_fit.fit))
        patch.setattr(glmm_fit, "fit_glmm", memo_fit_glmm(glmm_fit.fit_glmm))
        patch.setattr(cox_frailty, "fit_shared_frailty", memo_fit_shared_frailty(cox_frailty.fit_shared_frailty))
        patch.setattr(subdistribution_hazard, "fit_subdistribution",
                      memo_fit_subdistribution(subdistribution_hazard.fit_subdistribution))
        yield


# ---------------------------------------------------------------- the collector after collection
def pytest_collection_finish(session):
    """Every test module is imported by now (under xdist, in each worker): the objects alive
    (modules, parse tables, parametrize data) go to the garbage collector's permanent
    generation, which its full passes then skip -- 3-7% of the tests' CPU in two samples of 20
    files with the whole suite collected (docs/ci_time.md).  What the tests make is collected
    as before."""
    import gc

    gc.collect()
    gc.freeze()


# ---------------------------------------------------------------- xdist's order of files
SLOWEST_FILES = Path(__file__).with_name("slowest_files.txt")


def pytest_collection_modifyitems(session, config, items):
    """Under xdist (`make test`: --dist loadfile --no-loadscope-reorder, files handed out in
    collection order) the files measured slowest (tests/slowest_files.txt) come first, then
    the rest by test count as xdist's own reorder would: a minute-long file with four tests,
    last in a count order, would run alone after the other worker has finished."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or not SLOWEST_FILES.is_file():
        return
    known = {}
    for line in SLOWEST_FILES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            seconds, name = line.split()[:2]
            known[name] = float(seconds)
    by_file: dict[str, list] = {}
    for item in items:
        by_file.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    order = sorted(by_file, key=lambda path: (-known.get(path, 0.0), -len(by_file[path])))
    items[:] = [item for path in order for item in by_file[path]]


# ---------------------------------------------------------------- a hung test's stacks
# A test still running HUNG_TEST_SECONDS after it started has every thread's stack printed (the CI
# log then shows where a hang is).  pytest's own faulthandler_timeout arms a watchdog thread for
# each test and joins it after: under load that join waits for the thread to be scheduled (median
# 0.09 ms, but 76 of 185 tests over 1 ms and up to 29 ms at load ~8; ~1.3% of a file's wall time).
# Here the watchdog is armed again only when REARM_SECONDS have passed since it was last armed, for
# HUNG_TEST_SECONDS + REARM_SECONDS: a test that starts within REARM_SECONDS of the arming has its
# stacks printed between HUNG_TEST_SECONDS and HUNG_TEST_SECONDS + REARM_SECONDS after its start.
HUNG_TEST_SECONDS = float(os.environ.get("MLM_HUNG_TEST_SECONDS", "900"))
REARM_SECONDS = min(60.0, HUNG_TEST_SECONDS / 15)
_hang_watch = {"fd": None, "armed_at": None}


def pytest_configure(config):
    import sys

    try:  # the stream pytest's faulthandler plugin writes to (xdist's stand-in stderr has no fd)
        fd = sys.stderr.fileno()
    except (AttributeError, ValueError, OSError):
        fd = sys.__stderr__.fileno()
    _hang_watch["fd"] = os.dup(fd)


def pytest_unconfigure(config):
    import faulthandler

    if _hang_watch["fd"] is not None:
        faulthandler.cancel_dump_traceback_later()
        os.close(_hang_watch["fd"])
        _hang_watch["fd"] = _hang_watch["armed_at"] = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item):
    import faulthandler
    import time

    now = time.monotonic()
    if _hang_watch["fd"] is not None and (_hang_watch["armed_at"] is None
                                          or now - _hang_watch["armed_at"] >= REARM_SECONDS):
        faulthandler.dump_traceback_later(HUNG_TEST_SECONDS + REARM_SECONDS, file=_hang_watch["fd"])
        _hang_watch["armed_at"] = now


@pytest.hookimpl(trylast=True)
def pytest_exception_interact():
    """pytest's faulthandler plugin cancels the watchdog when a test fails (and before pdb):
    the next test arms it again."""
    _hang_watch["armed_at"] = None


@pytest.hookimpl(trylast=True)
def pytest_enter_pdb():
    _hang_watch["armed_at"] = None


# ---------------------------------------------------------------- process-wide state between tests
@pytest.fixture(autouse=True)
def _process_state_kept():
    """Resource limits, signal handlers, interval timers, the recursion limit, import hooks and
    the environment are the worker's: a test that leaves one changed fails here (and the state
    is put back, so the worker's later tests run as if alone).  tests/process_state.py."""
    before = snapshot()
    yield
    left = changes(before, snapshot())
    if left:
        restore(before)
        pytest.fail("the test left process-wide state changed: " + "; ".join(left), pytrace=False)


# ---------------------------------------------------------------- the working folder between tests
@pytest.fixture(autouse=True)
def _working_folder_restored():
    """A test whose session ran ``cd`` (mlm's cd moves the process's folder) must not leave the
    next test on the worker reading relative paths from there."""
    folder = os.getcwd()
    yield
    if os.getcwd() != folder:
        os.chdir(folder)


@pytest.fixture
def count_calls(monkeypatch):
    """``count_calls(cls, *names) -> {name: calls}``: each method counted as it runs (a fit's
    likelihood evaluations, rather than its time); monkeypatch restores the class."""

    def install(cls, *names):
        counts = dict.fromkeys(names, 0)
        for name in names:
            original = getattr(cls, name)

            def counted(self, *args, _original=original, _name=name, **kwargs):
                counts[_name] += 1
                return _original(self, *args, **kwargs)

            monkeypatch.setattr(cls, name, counted)
        return counts

    return install
