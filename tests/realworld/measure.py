"""Measure how much of the real-world corpus mlm runs, command line by command line.

    PYTHONPATH=<checkout> python3 tests/realworld/measure.py [--set corpus|heldout|all]
        [--files GLOB ...] [--timeout SECONDS] [--json OUT.json] [--markdown] [--quiet]

Each corpus file is split into logical commands exactly as ``mlm`` does
(``mlmcli.preprocess.split_commands`` + ``group_blocks``: comments, ``///``, ``#delimit``,
``{ }`` blocks and ``program ... end`` each one item) and every item is run in one
``Session`` with ``Runner.run_logical`` -- also after an earlier item failed, so one refused
line does not hide the rest.  Each item is recorded as

- ``ok``        it ran (rc 0); under ``capture`` only if the captured rc is not 199
                (unrecognized command) or an internal error, which Stata would not give;
                a line marked ``* mlm-expect: r(N)`` in the file (Stata errors there too,
                the author's own slip) is ``ok`` when mlm gives the same r(N); a line
                marked ``* mlm-added:`` (added by the transcriber) runs but is not counted;
- ``error``     a Stata-style error (rc and message kept);
- ``internal``  an internal error: a Python exception reached the runner (traceback kept);
- ``timeout``   still running after ``--timeout`` seconds (default 30);
- ``harness``   our rewritten data-loading line failed (a look-alike dataset lacks
                something): a bug of this harness, listed separately, never counted as ok.

A file's header names its data (``* data: <file reference> = <dataset>``) and, for a file
that starts with data already in memory, ``* preload: <dataset>`` (loaded before line 1).
Data and paths are rewritten by ``rewrite.Rewriter`` (rules in its docstring).  A
data-loading line is judged by running its *original* text in an empty session with the
network switched off (``probe_load``): it is ``ok`` if mlm knows the command and fails only
for want of the author's file (r(601)/r(603)) or of the network (r(631), r(632), r(672),
r(677)) -- the form is supported; anything else (r(199) unrecognized, r(198) ...) is that
line's error.  Lines after ``exit`` are not run (Stata stops there too) and not counted.

Output: per-file and overall run rates, then the command forms seen (how often, how often
they run, why they fail), ranked by the lines they would unblock.
"""
from __future__ import annotations

import argparse
import collections
import fnmatch
import importlib.util
import io
import json
import os
import re
import signal
import socket
import sys
import tempfile
import time
import dataclasses
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = {"corpus": HERE / "corpus", "heldout": HERE / "heldout"}
NETWORK_RCS = {631, 632, 672, 677}
HARNESS_RCS = {601, 603, 610, 9999}  # a rewritten load that fails like this is our bug
MISSING_FILE_RCS = {601, 603}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


forms = _load("realworld_forms", HERE / "forms.py")
rewrite = _load("realworld_rewrite", HERE / "rewrite.py")
registry = _load("realworld_registry", HERE / "data" / "registry.py")


# ----- corpus files -----
@dataclass
class CorpusFile:
    path: Path
    rel: str
    source: str = ""
    author: str = ""
    licence: str = ""
    preload: str = ""  # dataset in memory before the first line (a file that starts mid-session)
    data: dict[str, str] = field(default_factory=dict)  # file reference -> dataset name
    expect: dict[int, int] = field(default_factory=dict)  # physical line of the next command -> rc
    added: set[int] = field(default_factory=set)  # lines the transcriber added (run, not counted)

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8", errors="replace")


_HEADER_RE = re.compile(r"^\*\s*(source|author|licence|data|preload|mlm-expect|mlm-added)\s*:\s*(.*?)\s*$", re.I)


def read_corpus_file(path: Path) -> CorpusFile:
    cf = CorpusFile(path=path, rel=str(path.relative_to(HERE)))
    pending: int | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        m = _HEADER_RE.match(line)
        if m:
            key, value = m.group(1).lower(), m.group(2)
            if key == "data":
                ref, _, name = value.rpartition("=")
                cf.data[ref.strip()] = name.strip()
            elif key == "mlm-expect":
                pending = int(re.sub(r"[^0-9]", "", value))
            elif key == "mlm-added":
                pending = -1
            else:
                setattr(cf, key, value)
            continue
        if pending is not None and line.strip() and not line.lstrip().startswith(("*", "//")):
            if pending == -1:
                cf.added.add(lineno)
            else:
                cf.expect[lineno] = pending
            pending = None
    return cf


def corpus_files(which: str = "corpus", patterns: list[str] | None = None) -> list[CorpusFile]:
    roots = list(SETS.values()) if which == "all" else [SETS[which]]
    out = []
    for root in roots:
        for path in sorted(root.rglob("*.do")):
            cf = read_corpus_file(path)
            if patterns and not any(fnmatch.fnmatch(cf.rel, p) or fnmatch.fnmatch(path.name, p) for p in patterns):
                continue
            out.append(cf)
    return out


# ----- results -----
@dataclass
class LineResult:
    file: str
    lineno: int
    text: str
    form: str
    status: str  # ok | error | internal | timeout | harness
    rc: int = 0
    message: str = ""
    seconds: float = 0.0
    note: str = ""
    traceback: str = ""
    cause: str = ""  # "file:line" of the earlier failure this one follows from (see mark_cascades)


class LineTimeout(BaseException):
    """Raised by SIGALRM inside a command that runs too long (not an Exception, so the
    runner's own handlers do not turn it into an internal error)."""


def _alarm(signum, frame):
    raise LineTimeout()


class _NoNetwork:
    """Refuse every outgoing connection while measuring (the corpus must not download)."""

    def __enter__(self):
        self.saved = (socket.socket.connect, socket.create_connection, socket.getaddrinfo)

        def refuse(*args, **kwargs):
            raise OSError("network disabled by tests/realworld/measure.py")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        return self

    def __exit__(self, *exc):
        socket.socket.connect, socket.create_connection, socket.getaddrinfo = self.saved


def _message(output: str) -> tuple[int | None, str]:
    """(rc, message) of the last ``r(N);`` printed in a command's output."""
    lines = [ln.rstrip() for ln in output.splitlines()]
    for k in range(len(lines) - 1, -1, -1):
        m = re.match(r"^r\((\d+)\);$", lines[k].strip())
        if m:
            msg = next((lines[j].strip() for j in range(k - 1, -1, -1) if lines[j].strip()), "")
            return int(m.group(1)), msg
    return None, ""


def probe_load(text: str, probe_dir: str) -> tuple[bool, int, str]:
    """Run an original data-loading command in an empty session: is its form supported?"""
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    buf = io.StringIO()
    session = Session(out=Output(stream=buf))
    runner = Runner(session, debug=True)
    cwd = os.getcwd()
    err = io.StringIO()
    saved_err = sys.stderr
    try:
        os.chdir(probe_dir)
        sys.stderr = err
        rc = runner.run_command(text)
    finally:
        sys.stderr = saved_err
        os.chdir(cwd)
    if rc == 0:
        return True, 0, ""
    got, msg = _message(buf.getvalue())
    if "Traceback" in err.getvalue() or rc == 9999:
        return False, 9999, msg or "internal error"
    url = bool(re.search(r"https?://", text)) or text.split()[0] in ("webuse", "sysuse", "bcuse")  # sysuse/bcuse download
    if url:
        return rc in NETWORK_RCS, rc, msg
    return rc in MISSING_FILE_RCS, rc, msg


def measure_file(cf: CorpusFile, timeout: float = 30.0, probe_cache: dict | None = None) -> list[LineResult]:
    """Run every logical command of one corpus file; one LineResult per top-level item."""
    from mlmcli.preprocess import group_blocks, split_commands
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    probe_cache = {} if probe_cache is None else probe_cache
    datamap = {}
    for ref, name in cf.data.items():
        try:
            path = str(registry.path_of(name))
        except FileNotFoundError as exc:
            return [LineResult(cf.rel, 0, "", "(data)", "skipped", message=str(exc))]
        for key in rewrite.file_keys(ref):
            datamap[key] = path
    preload = None
    if cf.preload:
        try:
            preload = str(registry.path_of(cf.preload))
        except FileNotFoundError as exc:
            return [LineResult(cf.rel, 0, "", "(data)", "skipped", message=str(exc))]
    items = group_blocks(split_commands(cf.text))
    results: list[LineResult] = []
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="mlm-realworld-") as work, \
            tempfile.TemporaryDirectory(prefix="mlm-probe-") as probe_dir, _NoNetwork():
        os.chdir(work)
        session = Session(out=Output(stream=io.StringIO()))
        runner = Runner(session, debug=True)
        session._runner = runner  # as Runner.run_text does: prefixes (xi:, version:) run through it
        if preload:
            Runner(session).run_command(f'use "{preload}", clear')
        rewriter = rewrite.Rewriter(datamap, work)
        base_expand = runner.expand
        runner.expand = lambda text: rewriter.rewrite(base_expand(text))
        inner: list[tuple[str, int]] = []
        base_run_command = runner.run_command

        def run_command(text: str) -> int:
            first = len(rewriter.events)
            rc = base_run_command(text)
            inner.append((text, rc))
            for k in range(first, len(rewriter.events)):  # the rc of the command each rewrite served
                rewriter.events[k] = rewriter.events[k][:3] + (rc,)
            return rc

        runner.run_command = run_command
        saved_err = sys.stderr
        old_handler = signal.signal(signal.SIGALRM, _alarm)
        try:
            in_mata = False
            for item in items:
                if item.body is None and not item.text:
                    continue
                result = _run_item(cf, item, session, runner, rewriter, inner, timeout, probe_dir, probe_cache)
                if result is None:  # exit: Stata stops the do-file here
                    break
                if item.lineno in cf.added:
                    continue
                # a `mata:` ... `end` block is Mata code, one line each: count them as such
                # (mlm groups the block into one item: its lines are counted here one by one)
                if item.body is not None and re.match(r"^mata\s*:?\s*$", item.text.strip()):
                    result.text, result.form = item.text, "mata"
                    results.append(result)
                    inner_lines = list(item.body) + ([] if item.unclosed else [None])
                    for k, sub in enumerate(inner_lines, 1):
                        results.append(dataclasses.replace(
                            result, lineno=sub.lineno if sub is not None else item.lineno + k,
                            text=sub.text if sub is not None else "end", form="mata (block line)"))
                    continue
                if in_mata:
                    result.form = "mata (block line)"
                    in_mata = item.text.strip() != "end"
                elif re.match(r"^mata\s*:?\s*$", item.text.strip()):
                    in_mata = True
                results.append(result)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
            sys.stderr = saved_err
            if session.out.log is not None:
                try:
                    session.out.log.close()
                except Exception:
                    pass
            os.chdir(cwd)
    return results


def _run_item(cf, item, session, runner, rewriter, inner, timeout, probe_dir, probe_cache) -> LineResult | None:
    from mlmcli.errors import ExitRequest

    buf, err = io.StringIO(), io.StringIO()
    saved_err = sys.stderr
    session.out.stream = buf
    rewriter.reset()
    inner.clear()
    status, rc, note = "ok", 0, ""
    sys.stderr = err
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        rc = runner.run_logical(item, echo=False)
    except LineTimeout:
        status, rc = "timeout", -1
    except ExitRequest:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return None
    except Exception as exc:  # an exception the runner let through (block machinery)
        import traceback

        status, rc = "internal", 9999
        err.write(traceback.format_exc())
        note = f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stderr = saved_err
    seconds = time.perf_counter() - start
    if status == "timeout":
        session.out.quiet = 0
        session.capture_depth = 0
        runner.loop_depth = 0
    out, tb = buf.getvalue(), err.getvalue()
    got_rc, message = _message(out)
    text = item.text if item.body is None else item.text + " { ... }"
    form = forms.form_of(item.text)
    if item.body is not None:
        failing = next(((t, r) for t, r in inner if r), None)
        if failing is not None:
            form = forms.form_of(failing[0])
            note = (note + " " if note else "") + f"in block: {failing[0][:80]}"
    prefixes, _ = forms.strip_prefixes(item.text)
    if status == "ok":
        if "Traceback" in tb or rc == 9999 or session.rc == 9999 and "capture" in prefixes:
            status, rc = "internal", 9999
            message = message or _internal_line(out) or "internal error under capture"
        elif rc:
            status = "error"
        elif "capture" in prefixes and session.rc == 199:
            status, rc, message = "error", 199, "unrecognized command (hidden by capture)"
    expected = cf.expect.get(item.lineno)
    if expected is not None and status == "error" and rc == expected:
        status, note = "ok", (note + " " if note else "") + f"Stata errors here too: r({expected})"
    loads = [e for e in rewriter.events if e[0] == "load"]
    externals = [e for e in rewriter.events if e[0] == "external"]
    if externals:
        note = (note + " " if note else "") + "external do-file not run"
    if loads:
        original = loads[0][1]
        load_rc = loads[0][3] if len(loads[0]) > 3 else rc
        if load_rc in HARNESS_RCS:
            status, note = "harness", f"rewritten load failed r({load_rc}): {loads[0][2][:120]}"
        elif load_rc:
            # the form itself is refused (an option, say): that is the line's result as it stands
            form = forms.form_of(original)
            note = (note + " " if note else "") + "data rewritten"
        elif status == "ok" or item.body is None:
            key = original
            if key not in probe_cache:
                probe_cache[key] = probe_load(original, probe_dir)
            ok, prc, pmsg = probe_cache[key]
            form = forms.form_of(original) if item.body is None else form
            if re.search(r"https?://", original) and form == "use":
                form = "use URL"
            if ok:
                note = (note + " " if note else "") + (f"data rewritten; original gives r({prc})" if prc
                                                       else "data rewritten")
            elif status == "ok":
                status, rc, message = ("internal" if prc == 9999 else "error"), prc, pmsg
                note = "original data-loading line"
    elif status == "error" and rc == 601 and cf.data is not None and _names_file(item.text):
        note = (note + " " if note else "") + "unmapped data file?"
    elif status == "error" and rc in NETWORK_RCS and _FETCH_RE.match(item.text):
        # `copy URL file`, `net get/from URL`: the form runs and fails only for the network
        # this harness switches off (as a data-loading line from a URL is judged)
        status, note = "ok", (note + " " if note else "") + f"network refused by the harness: r({rc})"
    return LineResult(cf.rel, item.lineno, text, form, status, rc if status != "ok" else 0,
                      message if status != "ok" else "", round(seconds, 3), note,
                      tb[-3000:] if status == "internal" else "")


_FETCH_RE = re.compile(r"^\s*(?:(?:cap|capt|captu|captur|capture|qui|quie|quiet|quietl|quietly)\s+)*"
                       r"(?:copy\s+\S*https?://|net\s+(?:get|from)\b.*https?://)")


def _internal_line(out: str) -> str:
    return next((ln.strip() for ln in out.splitlines() if ln.startswith("internal error")), "")


def _names_file(text: str) -> bool:
    return bool(re.search(r"\b(use|using|merge|append)\b", text))


# ----- summaries -----
_MISSING_NAME = re.compile(r"(?:variable |matrix |estimation result |file )?([A-Za-z_][\w.()]*?)(?:\.dta)? not found")


def mark_cascades(results: list[LineResult]) -> None:
    """Mark failures that probably follow from an earlier failure in the same file.

    A failure is downstream when it reports something missing that an earlier failing line
    would have made: ``last estimates not found`` / ``no graphs in memory`` / a stored
    estimate or ``e(b)`` missing (after a failed estimation or graph), or a variable, scalar,
    matrix or file whose name the earlier failing line mentions.  ``cause`` points at the
    root failure (followed through chains).  This is a heuristic for ranking the work list;
    the counts of direct failures do not depend on it.
    """
    failed: list[LineResult] = []
    for r in results:
        if r.status in ("ok", "skipped"):
            continue
        if failed and failed[-1].file != r.file:
            failed.clear()
        cause = None
        msg = r.message
        if failed:
            if (r.rc in (301, 302) or "no graphs in memory" in msg or "estimation result" in msg
                    or "e(b) not found" in msg or "e(V) not found" in msg
                    or (r.rc == 498 and r.form == "lrtest")):
                kind = "graph" if "graph" in msg else "estimation"
                cause = next((f for f in reversed(failed)
                              if kind != "graph" or f.form.split()[0] in ("twoway", "scatter", "line", "graph",
                                                                          "histogram", "marginsplot")), None)
            else:
                m = _MISSING_NAME.search(msg)
                if m and r.rc in (111, 601, 198, 109) and m.group(1) not in ("",):
                    name = m.group(1).split("[")[0]
                    word = re.compile(r"(?<![\w`$])" + re.escape(name) + r"(?![\w])")
                    cause = next((f for f in reversed(failed) if word.search(f.text)), None)
        if cause is not None:
            r.cause = cause.cause or f"{cause.file}:{cause.lineno}"  # causes are already roots
        failed.append(r)


def summarize(results: list[LineResult]) -> dict:
    by_file: dict[str, list[LineResult]] = collections.defaultdict(list)
    for r in results:
        by_file[r.file].append(r)
    counted = [r for r in results if r.status != "skipped"]
    ok = sum(r.status == "ok" for r in counted)
    files = {}
    for name, rows in by_file.items():
        rows = [r for r in rows if r.status != "skipped"]
        n_ok = sum(r.status == "ok" for r in rows)
        files[name] = {"lines": len(rows), "ok": n_ok, "rate": n_ok / len(rows) if rows else 0.0,
                       "seconds": round(sum(r.seconds for r in rows), 2),
                       "runs_to_end": all(r.status == "ok" for r in rows)}
    table: dict[str, dict] = {}
    by_key = {f"{r.file}:{r.lineno}": r for r in counted}
    for r in counted:
        entry = table.setdefault(r.form, {"seen": 0, "ok": 0, "downstream": 0, "unblocks": 0,
                                          "reasons": collections.Counter()})
        entry["seen"] += 1
        if r.status == "ok":
            entry["ok"] += 1
        elif r.cause:
            entry["downstream"] += 1
            root = by_key.get(r.cause)
            if root is not None:
                table.setdefault(root.form, {"seen": 0, "ok": 0, "downstream": 0, "unblocks": 0,
                                             "reasons": collections.Counter()})["unblocks"] += 1
        else:
            entry["reasons"][_reason(r)] += 1
            entry["unblocks"] += 1
    return {
        "lines": len(counted), "ok": ok, "rate": ok / len(counted) if counted else 0.0,
        "files": files,
        "files_to_end": sum(f["runs_to_end"] for f in files.values()),
        "status": dict(collections.Counter(r.status for r in results)),
        "downstream": sum(1 for r in counted if r.status != "ok" and r.cause),
        "forms": {k: {"seen": v["seen"], "ok": v["ok"], "downstream": v["downstream"], "unblocks": v["unblocks"],
                      "reasons": dict(v["reasons"].most_common())}
                  for k, v in sorted(table.items(), key=lambda kv: (-kv[1]["unblocks"], -kv[1]["seen"], kv[0]))},
        "internal": [{"key": internal_key(r), "file": r.file, "line": r.lineno, "text": r.text,
                      "message": r.message, "traceback": r.traceback[-1500:]}
                     for r in results if r.status == "internal"],
    }


def _reason(r: LineResult) -> str:
    if r.status == "timeout":
        return "timeout"
    if r.status == "harness":
        return "harness: " + r.note
    return f"r({r.rc}) {r.message}".strip()


def internal_key(r: LineResult) -> str:
    """A stable name for an internal error: file, line and the exception's last line."""
    last = next((ln.strip() for ln in reversed(r.traceback.splitlines()) if ln.strip()), r.message)
    return f"{r.file}:{r.lineno}: {last[:160]}"


# ----- printing -----
def print_report(results: list[LineResult], summary: dict, markdown: bool, out=sys.stdout) -> None:
    w = out.write
    if markdown:
        w("| file | lines | run | rate | to end |\n|---|---:|---:|---:|:---:|\n")
        for name, f in sorted(summary["files"].items()):
            w(f"| {name} | {f['lines']} | {f['ok']} | {100 * f['rate']:.1f}% | {'yes' if f['runs_to_end'] else ''} |\n")
        w(f"\n**All: {summary['ok']} of {summary['lines']} command lines run ({100 * summary['rate']:.1f}%);"
          f" {summary['files_to_end']} of {len(summary['files'])} files run to the end.**\n\n")
        w("| command form | seen | run | fail | of which downstream | unblocks | why it fails (count) |\n"
          "|---|---:|---:|---:|---:|---:|---|\n")
        for form, e in summary["forms"].items():
            reasons = "; ".join(f"{k.replace('|', '/')} ({v})" for k, v in list(e["reasons"].items())[:3])
            w(f"| `{form}` | {e['seen']} | {e['ok']} | {e['seen'] - e['ok']} | {e['downstream']} | {e['unblocks']} "
              f"| {reasons} |\n")
        return
    for name, f in sorted(summary["files"].items()):
        w(f"{100 * f['rate']:6.1f}%  {f['ok']:4d}/{f['lines']:<4d} {f['seconds']:7.2f}s  {name}\n")
    w(f"\nall: {summary['ok']} of {summary['lines']} command lines run ({100 * summary['rate']:.1f}%); "
      f"{summary['files_to_end']} of {len(summary['files'])} files run to the end; status {summary['status']}\n\n")
    w(f"{'form':28s} {'seen':>5s} {'run':>5s} {'fail':>5s} {'down':>5s} {'unbl':>5s}  why it fails (direct)\n")
    for form, e in summary["forms"].items():
        reasons = "; ".join(f"{k} ({v})" for k, v in list(e["reasons"].items())[:3])
        w(f"{form[:28]:28s} {e['seen']:5d} {e['ok']:5d} {e['seen'] - e['ok']:5d} {e['downstream']:5d} "
          f"{e['unblocks']:5d}  {reasons[:150]}\n")
    if summary["internal"]:
        w("\ninternal errors:\n")
        for item in summary["internal"]:
            w(f"  {item['key']}\n      {item['text'][:150]}\n")


def print_sources(files: list[CorpusFile], out=sys.stdout) -> None:
    """The provenance table (SOURCES.md) from the header of every file."""
    w = out.write
    w("| file | source | author | licence | data (reference = dataset) |\n|---|---|---|---|---|\n")
    for cf in files:
        data = "; ".join(f"`{k}` = {v}" for k, v in cf.data.items())
        if cf.preload:
            data = (data + "; " if data else "") + f"in memory: {cf.preload}"
        cell = lambda s: s.replace("|", "/")  # noqa: E731
        w(f"| {cf.rel} | {cell(cf.source)} | {cell(cf.author)} | {cell(cf.licence)} | {cell(data)} |\n")


def measure(files: list[CorpusFile], timeout: float = 30.0, progress=None) -> list[LineResult]:
    results: list[LineResult] = []
    probe_cache: dict = {}
    for cf in files:
        start = time.perf_counter()
        rows = measure_file(cf, timeout, probe_cache)
        results.extend(rows)
        if progress:
            ok = sum(r.status == "ok" for r in rows)
            progress(f"{cf.rel}: {ok}/{len(rows)} in {time.perf_counter() - start:.1f}s\n")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="corpus", choices=["corpus", "heldout", "all"])
    ap.add_argument("--files", nargs="*", help="glob(s) on the file's path under tests/realworld")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--json", help="write every line's result and the summary here")
    ap.add_argument("--markdown", action="store_true", help="tables in Markdown (for the README)")
    ap.add_argument("--quiet", action="store_true", help="no per-file progress on stderr")
    ap.add_argument("--failures", action="store_true", help="list every failing line")
    ap.add_argument("--sources", action="store_true", help="print the SOURCES.md table from the file headers and stop")
    args = ap.parse_args(argv)
    files = corpus_files(args.set, args.files)
    if args.sources:
        print_sources(files)
        return 0
    results = measure(files, args.timeout, None if args.quiet else sys.stderr.write)
    mark_cascades(results)
    summary = summarize(results)
    print_report(results, summary, args.markdown)
    if args.failures:
        print("\nfailing lines:")
        for r in results:
            if r.status != "ok":
                print(f"{r.file}:{r.lineno}: [{r.form}] {_reason(r)[:100]} :: {r.text[:140]}"
                      + (f"  ({r.note})" if r.note else "") + (f"  <- {r.cause}" if r.cause else ""))
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "lines": [asdict(r) for r in results]},
                                              indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
