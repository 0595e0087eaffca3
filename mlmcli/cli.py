"""The ``mlm`` command line.

    mlm FILE.do [FILE2.do ...]   run do-files (stop at the first error, exit status non-zero)
    mlm - / cmd | mlm            read commands from standard input
    mlm -c 'cmd1; cmd2'          run a short script (';' separates commands)
    mlm -c CMDS -c CMDS ...      several -c: run one after another
    mlm                          on a terminal: the interactive REPL

Options: ``-q`` (no command echo), ``--log FILE`` (copy output to FILE),
``--debug`` (tracebacks for internal errors), ``--graphs DIR`` (save every
graph there), ``--replace`` (let those two overwrite files), ``--version``.
The exit status is the Stata return code of the first error (1 when it does
not fit in an exit status), 0 on success; 2 when ``--log``/``--graphs`` cannot
be used.
"""
from __future__ import annotations

import argparse
import os
import sys

import mlmcli


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mlm", description="Stata-syntax interpreter for multilevel (linear mixed) models.")
    p.add_argument("files", nargs="*", metavar="FILE.do", help="do-files to run in order ('-' = stdin)")
    p.add_argument("-c", dest="command", metavar="COMMANDS", action="append",
                   help="run commands separated by ';' (repeat -c to add more, run in order)")
    p.add_argument("-q", "--quiet", action="store_true", help="do not echo commands")
    p.add_argument("--log", metavar="FILE", help="also write the output to FILE")
    p.add_argument("--debug", action="store_true", help="print tracebacks of internal errors")
    p.add_argument("--graphs", metavar="DIR", help="save every graph drawn as DIR/GraphN.png")
    p.add_argument("--replace", action="store_true",
                   help="let --log overwrite FILE and --graphs overwrite DIR/GraphN.png")
    p.add_argument("--version", action="store_true", help="show the versions of mlm and its main dependencies")
    p.add_argument("--install-kernel", action="store_true",
                   help='install the Jupyter kernel "Stata syntax (mlm)" for this user')
    p.add_argument("--prefix", help="with --install-kernel: install under PREFIX/share/jupyter")
    p.add_argument("--sys-prefix", action="store_true", help="with --install-kernel: into this Python's prefix")
    return p


# the libraries the numbers and the console come from; the optional ones shown when installed
_REQUIRED = ("numpy", "scipy", "pandas", "lark", "rich", "prompt_toolkit", "matplotlib", "google-re2", "openpyxl")
_OPTIONAL = ("duckdb", "pyarrow", "pyreadstat", "dask", "qdldl", "ipykernel")


def version_text() -> str:
    """``mlm --version``: mlm's version, Python's, and each installed main dependency's."""
    import platform
    from importlib import metadata

    lines = [f"mlm {mlmcli.__version__}", f"Python {platform.python_version()}"]
    for name in _REQUIRED + _OPTIONAL:
        try:
            lines.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            if name in _REQUIRED:
                lines.append(f"{name} (not installed)")
    return "\n".join(lines)


def exit_status(rc: int) -> int:
    """A Stata return code as a process exit status (non-zero whenever rc is)."""
    return rc if 0 <= rc < 256 else 1


def main(argv: list[str] | None = None) -> int:
    """``mlm``'s entry point; ``argv`` None: this process's own command line, which ends
    when ``main`` returns (see ``_before_process_end``).  With ``argv`` given, the caller's
    process goes on (a test, an embedding program): its import machinery and warning filters
    are left as they were."""
    if argv is not None:
        import warnings

        with warnings.catch_warnings():
            return _main(argv)
    _blas_on_one_thread()
    _heap_keeps_freed_arrays()
    from mlmcli.lazy_module import install_import_hook

    # numpy, pandas, scipy, matplotlib imported with the collector paused, then frozen: only in
    # mlm's own process (in a caller's, every later library import froze the caller's objects)
    install_import_hook()
    rc = _main(argv)
    _before_process_end()
    return rc


# the variables OpenBLAS reads for its thread count, in its order of precedence
_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def _blas_on_one_thread() -> None:
    """Before numpy or scipy is loaded: their OpenBLAS libraries start one thread per core
    less one when they are loaded, and each such thread busy-waits after its start and after
    every threaded call, up to OpenBLAS's spin timeout (~0.1 s) on an idle core, for work
    that seldom comes: mlm's BLAS calls are many and mid-sized, and one thread was fastest on
    all of them (bench/blas_threads.md).  A thread count the user has set is left alone, and
    the engines then use it too (``mixed.blas_threads``, ``set processors``)."""
    if not any(os.environ.get(name) for name in _BLAS_THREAD_VARIABLES):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


# glibc's mallopt parameters; and the variables with which a user sets them instead
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MALLOC_VARIABLES = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES")


def _heap_keeps_freed_arrays() -> None:
    """glibc serves an array over its mmap threshold (128 KiB at first) with fresh pages
    from the kernel and gives the pages back when the array is freed; it also trims the
    heap's free top back to the kernel.  The engines make and drop arrays of a few MiB
    thousands of times per fit (a 25 x 25-point nested quadrature: n x 625 doubles per
    evaluation), and zero-filling the new pages took as long as the arithmetic (sys time
    ~ user time).  Arrays up to 32 MiB (glibc's largest mmap threshold) now come from the
    heap, whose free top is kept up to 512 MiB: RSS may stay that much above the live
    data.  Only under glibc; settings the user made in the environment are left alone."""
    if any(os.environ.get(name) for name in _MALLOC_VARIABLES):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    mallopt(_M_MMAP_THRESHOLD, 32 * 1024 * 1024)
    mallopt(_M_TRIM_THRESHOLD, 512 * 1024 * 1024)


def _before_process_end() -> None:
    """The interpreter's shutdown runs full garbage collections over every object the
    libraries left (pandas, scipy: ~0.2 s of CPU, longer than many fits).  Garbage is
    collected here instead (finalizers of cyclic garbage run: files are flushed and
    closed), and what remains alive -- modules, their classes and caches -- is frozen, so
    shutdown's collections skip it; atexit handlers and stream flushing run as always."""
    import gc

    gc.collect()
    gc.freeze()


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if (args.prefix is not None or args.sys_prefix) and not args.install_kernel:
        parser.error("--prefix and --sys-prefix go with --install-kernel")
    if args.prefix is not None and args.sys_prefix:
        parser.error("--prefix and --sys-prefix exclude each other")
    if args.version:
        print(version_text())
        return 0
    if args.install_kernel:
        return _install_kernel(args.prefix, args.sys_prefix)
    if not args.debug:  # library warnings (pandas, numpy) are not Stata output
        import warnings
        warnings.simplefilter("ignore")
    _tolerate_console_encoding()
    from mlmcli.errors import ExitRequest
    from mlmcli.runner import Runner
    from mlmcli.session import Session

    session = Session()
    problem = _output_problem(args)
    if problem:
        print(f"mlm: {problem}", file=sys.stderr)
        return 2
    if args.graphs:
        session.graph_dir = args.graphs
    log = None
    if args.log:
        try:
            log = open(args.log, "w", encoding="utf-8")
        except OSError as exc:
            print(f"mlm: cannot write log file {args.log}: {exc.strerror}", file=sys.stderr)
            return 2
        # a tee under the output stream, so that a do-file's own `log using`/`log close`
        # never touches it
        session.out.stream = _Tee(session.out.stream, log)
    runner = Runner(session, debug=args.debug)
    echo = not args.quiet
    if args.command is not None or args.files or sys.stdin.isatty():
        # a long fit's live line on the terminal (never under piped input or redirected output)
        from mlmcli.terminal_progress import for_terminal

        session.progress = for_terminal(sys.stdout)
    try:
        if args.command is not None:
            from mlmcli.preprocess import split_semicolons

            return exit_status(runner.run_text("\n".join(split_semicolons(c) for c in args.command), echo=echo))
        if args.files:
            return _run_files(runner, session, args.files, echo)
        if not sys.stdin.isatty():
            return exit_status(runner.run_text(sys.stdin.read(), echo=echo))
        from mlmcli.repl import run_repl

        session.interactive = True
        return exit_status(run_repl(runner))
    except ExitRequest as req:
        return exit_status(req.rc)
    except KeyboardInterrupt:
        session.out.line("--Break--")
        session.out.line("r(1);")
        return 1
    except BrokenPipeError:
        _silence_broken_pipe()
        return 0
    finally:
        try:
            session.out.flush()
        except BrokenPipeError:
            _silence_broken_pipe()
        if log is not None:
            log.close()
        if session.out.log is not None:
            session.out.log.close()


def _tolerate_console_encoding() -> None:
    """A console that cannot show a character (LANG=C, a Windows code page) gets ``?``
    for it instead of an internal error (the log file is UTF-8 and keeps it)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _output_problem(args) -> str | None:
    """Why ``--log FILE`` or ``--graphs DIR`` cannot be used (None when they can): files
    are never overwritten without ``--replace`` (Stata's ``log using``: r(602))."""
    if args.log and os.path.exists(args.log) and not args.replace:
        return f"log file {args.log} already exists; add --replace to overwrite it"
    if not args.graphs:
        return None
    try:
        os.makedirs(args.graphs, exist_ok=True)
    except OSError as exc:
        return f"cannot create graphs folder {args.graphs}: {exc.strerror or exc}"
    if not os.path.isdir(args.graphs) or not os.access(args.graphs, os.W_OK | os.X_OK):
        return f"cannot write graphs into {args.graphs}"
    if not args.replace:
        import re

        taken = sorted(f for f in os.listdir(args.graphs) if re.fullmatch(r"Graph\d+\.png", f))
        if taken:
            return (f"{args.graphs} already holds {', '.join(taken[:3])}{' ...' if len(taken) > 3 else ''}; "
                    "add --replace to overwrite them, or name another folder")
    return None


def _install_kernel(prefix: str | None, sys_prefix: bool) -> int:
    try:
        from mlmcli.kernel.install import install_kernelspec

        path = install_kernelspec(prefix=prefix, sys_prefix=sys_prefix)
    except ImportError:
        print("mlm: the Jupyter kernel needs the jupyter extra: pip install 'mlmcli[jupyter]'", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"mlm: cannot install the kernelspec: {exc}", file=sys.stderr)
        return 1
    print(f"Installed the Jupyter kernel \"Stata syntax (mlm)\" in {path}")
    return 0


def _run_files(runner, session, files: list[str], echo: bool) -> int:
    from mlmcli.commands.program.files import decode_do_file, run_do_text

    for path in files:
        if path == "-":
            text = sys.stdin.read()
        else:
            try:
                with open(path, "rb") as fh:
                    text = decode_do_file(fh.read())
            except FileNotFoundError:
                session.out.line(f"file {path} not found")
                session.out.line("r(601);")
                return exit_status(601)
            except OSError:
                session.out.line(f"file {path} could not be opened")
                session.out.line("r(603);")
                return exit_status(603)
        rc = run_do_text(runner, session, text, echo=echo)
        if rc:
            return exit_status(rc)
    return 0


class _Tee:
    """A text stream that writes to the terminal and to the --log file."""

    def __init__(self, stream, log):
        self.stream = stream
        self.log = log

    def write(self, text: str) -> int:
        self.log.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.log.flush()
        self.stream.flush()


def _silence_broken_pipe() -> None:
    """The reader went away (``mlm x.do | head``): stop writing without a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
