"""Programming commands: display, set, exit, version, assert, program drop/dir/list, args.

(Macros: ``macros.py``; scalars: ``scalars.py``; help and search: ``help.py``; do/run/include,
cd, temporary names: ``files.py``; log: ``logs.py``.)
"""
from __future__ import annotations

from mlmcli.lazy_module import lazy_module

from mlmcli.commands.program.scalars import drop_named
from mlmcli.errors import ExitRequest, StataError, invalid_syntax
from mlmcli.syntax.settings import restore_version, typed_version

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed


# ----- display -----

def cmd_display(session, cmd) -> None:
    """``display [directives]``: SMCL laid out as Stata shows it (see ``mlmcli.expr.display``)."""
    from mlmcli.expr.display import display_output, render_display

    if getattr(session.out, "quiet", 0) > 0:  # shown nowhere (Output.write drops it): its expressions run, no SMCL layout
        render_display(session, cmd.args)
        return
    # the column the output line has reached: `display "a" _continue` then `display _col(10) "b"`
    text, _ = display_output(session, cmd.args, getattr(session.out, "column", 0))
    session.out.write(text)


# ----- set -----

def cmd_set(session, cmd) -> None:
    """``set obs #``, ``set seed #``, ``set linesize #``; the other settings in settings.py."""
    words = cmd.args.replace("=", " ").split()
    if not words:
        raise invalid_syntax()
    setting, comma, after = words[0].partition(",")  # set cformat, permanently: the name ends at its comma
    values = ([comma + after] if comma else []) + words[1:]
    if setting == "obs":
        _set_obs(session, values)
    elif setting == "seed":
        if len(values) != 1:
            raise invalid_syntax()
        try:
            seed = int(float(values[0]))
        except (ValueError, OverflowError):
            raise invalid_syntax() from None
        from mlmcli.expr.random_numbers import restart

        restart(session, seed)  # the same seed again restarts the same stream
    elif setting in ("linesize", "li", "lin", "line", "lines", "linesi", "linesiz"):
        n = _int_word(values)
        if not 40 <= n <= 255:
            raise StataError("linesize must be between 40 and 255", 198)
        session.linesize = n
    elif setting in ("lazymax", "lazymemory", "dask"):  # lazy data (commands/data/lazy.py)
        from mlmcli.commands.data.lazy import set_lazy_option
        set_lazy_option(session, setting, values)
    else:  # every other setting: honoured, accepted or refused (commands/program/settings.py)
        from mlmcli.commands.program.settings import apply_setting
        apply_setting(session, setting, values)


def _int_word(values: list[str]) -> int:
    if len(values) != 1:
        raise invalid_syntax()
    try:
        return int(values[0].replace(",", ""))
    except ValueError:
        raise invalid_syntax() from None


def _set_obs(session, values: list[str]) -> None:
    """Grow the dataset to N observations with missing values; Stata 13 prints
    ``obs was 0, now 100``."""
    import pandas as pd

    n = _int_word(values)
    data = session.data
    old = data.nobs
    if n < 0:
        raise invalid_syntax()
    if n < old:
        raise StataError(f"obs must be >= current number of observations ({old:,})", 198)
    if n == old:
        session.print(f"obs was {old}, now {n}")
        return
    from mlmcli.limits import MAX_OBS, memory_error, require_memory

    if n > MAX_OBS:
        raise memory_error()
    # the rows of the variables there are, and room for the first new one (8 bytes a row)
    require_memory((n - old) * (8 + sum(8 if not data.is_string(v) else 16 for v in data.varnames)))
    if data.df.shape[1] == 0:
        data.df = pd.DataFrame(index=pd.RangeIndex(n))
    else:
        frame = data.df.reindex(pd.RangeIndex(n))
        for name in frame.columns:
            if data.is_string(name):
                frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
        data.append_rows(frame)  # e(sample) stays on the existing rows
    data.changed = True
    session.print(f"obs was {old}, now {n}")


# ----- exit, version -----

def cmd_exit(session, cmd) -> None:
    """``exit [#] [, clear STATA]``: leave the do-file (or the interpreter at top level).

    Typed at the interactive prompt with unsaved changes, Stata refuses unless ``clear``.
    """
    main, _, options = cmd.args.partition(",")
    words = main.split()
    at_prompt = session.interactive and not getattr(session, "_do_depth", 0)
    if at_prompt and "clear" not in options.split() and session.data.changed:
        raise StataError("no; data in memory would be lost", 4)
    rc = 0
    if words:
        from mlmcli.expr import evaluate_scalar

        value = evaluate_scalar(session, words[0])
        if isinstance(value, str) or value != value:
            raise invalid_syntax()
        rc = int(value)
    raise ExitRequest(rc)


# The newest release a do-file may ask for: do-files written for Stata 14 ... 19 run (mlm is
# Stata 13 where a later release changed a default, and knows those changes where it
# implements them); a later number is refused as Stata refuses one newer than itself.
NEWEST_VERSION = 19.5


def cmd_version(session, cmd) -> None:
    """``version #[: command]``: sets the version commands run under (``session.version``,
    read by commands whose defaults changed between releases, e.g. ``xtmixed``'s REML
    default before 12); with a colon, only that command runs under it.  ``version``
    alone shows it."""
    head, sep, rest = cmd.args.partition(":")
    if not head.strip() and not sep:
        session.print(f"version {_version_text(getattr(session, 'version', 13.0))}")
        return
    try:
        number = float(head.strip() or "13")
    except ValueError:
        raise invalid_syntax() from None
    if number > NEWEST_VERSION:  # Stata's refusal of a program written for a later Stata
        raise StataError(f"this is version {NEWEST_VERSION} of Stata; it cannot run version {number:.1f} programs", 9)
    if sep and rest.strip():
        from mlmcli.runner import current_runner

        runner = current_runner(session)
        if runner is None:
            from mlmcli.runner import Runner
            runner = Runner(session)
        before = typed_version(session)
        session.version = number
        try:
            runner.execute(rest.strip())
        finally:
            restore_version(session, before)
        return
    session.version = number


def _version_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


# ----- assert -----

def cmd_assert(session, cmd) -> None:
    """``assert exp [if] [in] [, rc0 null fast]``: error 9 when the expression is false somewhere;
    ``null``: error 8 when if/in select no observation."""
    from mlmcli.expr import evaluate
    from mlmcli.syntax.options import OptionSpec, resolve_options
    from mlmcli.sample import mark_sample

    opts = resolve_options(cmd.options, [OptionSpec("rc0"), OptionSpec("fast"), OptionSpec("null")])
    if not cmd.args.strip():
        raise invalid_syntax()
    mask = mark_sample(session, cmd)
    if "null" in opts and not mask.any():
        # [D] assert: "null forces a return code of 8 on null assertions" (no observation
        # selected); return code 8 has no message of its own
        raise StataError("", 8)
    value = evaluate(session, cmd.args)
    if value.dtype == object:
        raise StataError("type mismatch", 109)
    bad = int(np.count_nonzero((value == 0) & mask))
    if bad:
        if "fast" not in opts:
            total = int(mask.sum())
            noun = "contradiction" if bad == 1 else "contradictions"
            obs = "observation" if total == 1 else "observations"
            session.print(f"{bad:,} {noun} in {total:,} {obs}")
        if "rc0" not in opts:
            raise StataError("assertion is false", 9)


# ----- program drop/dir/list, args -----

def cmd_program(session, cmd) -> None:
    """``program drop name|_all``, ``program dir``, ``program list [name]``.

    (``program define`` … ``end`` blocks are collected by the preprocessor.)
    """
    words = cmd.args.split()
    if not words:
        raise invalid_syntax()
    sub, names = words[0], words[1:]
    if sub == "drop":
        if not names:
            raise invalid_syntax()
        if "_allado" in names:  # the programs ado-files defined ([P] program)
            from mlmcli.commands.program.ado_files import drop_auto_loaded
            drop_auto_loaded(session)
            names = [n for n in names if n != "_allado"]
        drop_named(session.programs, names, "program")
    elif sub == "dir":  # ado marks the programs an ado-file defined
        from mlmcli.commands.program.ado_files import is_auto_loaded
        for name in sorted(session.programs):
            mark = "ado" if is_auto_loaded(session, name) else "   "
            session.print(f"  {mark} {len(session.programs[name]):>7} {name}")
    elif sub in ("list", "l", "li", "lis"):
        for name in names or sorted(session.programs):
            if name not in session.programs:
                raise StataError(f"program {name} not found", 111)
            session.print("")
            session.print(f"{name}:")
            for k, item in enumerate(session.programs[name], 1):
                for line in item.echo or [item.text]:
                    session.print(f"  {k}.  {line.strip()}")
    else:
        raise invalid_syntax()


def cmd_args(session, cmd) -> None:
    """``args a b c``: name the program's positional arguments (`` `1' `` -> `` `a' `` …)."""
    names = cmd.args.split()
    from mlmcli.syntax.varlist import NAME_RE

    if not names or not all(NAME_RE.match(n) for n in names):
        raise invalid_syntax()
    for k, name in enumerate(names, 1):
        session.locals[name] = session.locals.get(str(k), "")
