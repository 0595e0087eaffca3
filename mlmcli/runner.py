"""Execute Stata commands: echo, macro expansion, prefixes, dispatch, error printing (the
command itself, its prefixes dealt with, is called by ``command_call``).

``Runner(session).run_text(text)`` runs do-file text the way Stata's ``do``
does: each logical command is echoed as ``. command`` (continuation lines as
``> …``), its macros are expanded just before it runs (so a ``local`` set on
one line is seen by the next), and its output follows.  As in a Stata log, a
blank line separates a command's output from the next echoed command;
comment-only and blank lines are echoed as typed with no blank line after.

Errors: a ``StataError`` prints its message and ``r(rc);``.  Anything else is
an internal bug: one line ``internal error: …`` plus a hint to rerun with
``--debug`` (which prints the traceback), rc 9999.
"""
from __future__ import annotations

import sys
import traceback
from dataclasses import replace
from functools import lru_cache

from mlmcli import ast
from mlmcli.blocks import CONTINUE_RE, LoopControl, continue_breaks, prefix_words, run_block
from mlmcli.by_groups import missing_colon_error
from mlmcli.by_prefix import by_without_colon, run_by
from mlmcli.command_call import call_command
from mlmcli.errors import ExitRequest, StataError
from mlmcli.macro_expansion import expand_macros
from mlmcli.program_trace import trace_line
from mlmcli.preprocess import (LogicalCommand, group_blocks, input_varlist, is_loop_word, number_block_echo,
                               opens_mata, split_commands)

INTERNAL_RC = 9999


class Runner:
    def __init__(self, session, debug: bool = False):
        self.session = session
        self.debug = debug
        self._need_blank = False  # a command ran since the last echo: blank line first
        self.loop_depth = 0  # inside foreach/forvalues/while bodies (`continue` allowed)
        self.last_if = None  # outcome of the `if` just run, for a following `else`
        self.echo = True  # whether run_text echoes (nested do-files follow it)
        self.error_style = None  # REPL on a terminal: text -> coloured text for error messages
        self.error_sink = None  # (message, rc) -> None: takes an error instead of printing it (an ado-file loading)
        self._started = 0.0  # perf_counter() when the reported command began (set rmsg's t=)
        self._reported = False  # the command running gets set rmsg's return message
        self._depth = 0  # run_logical nesting: loop and program bodies run at depth > 1
        self._top = True  # not a nested do-file's runner

    # ----- scripts -----
    def run_text(self, text: str, *, echo: bool = True, stop_on_error: bool = True) -> int:
        """Run do-file text; returns the rc of the first error (0 when all succeed).

        With ``stop_on_error=False`` every command runs and the last error's rc is returned.
        ``exit`` raises ``ExitRequest`` to the caller.
        """
        rc = 0
        previous = getattr(self.session, "_runner", None)
        self.session._runner = self
        self._top = previous is None
        self.echo = echo
        try:
            for item in group_blocks(split_commands(text)):
                this = self.run_logical(item, echo=echo)
                if this:
                    rc = this
                    if stop_on_error:
                        return rc
            return rc
        finally:
            self.session._runner = previous

    @property
    def pending_blank(self) -> bool:
        """Whether a command's output ended since the last echo (a blank line is due)."""
        return self._need_blank

    @pending_blank.setter
    def pending_blank(self, value: bool) -> None:
        self._need_blank = value

    def run_logical(self, item: LogicalCommand, *, echo: bool = True) -> int:
        import time

        self._depth += 1
        saved = self._reported
        # set rmsg reports what Stata shows as typed: echoed do-file lines, commands typed at
        # the prompt; not the lines of loops and programs (nor those of `run`)
        self._reported = echo or (self._depth == 1 and self._top)
        if self._reported:
            self._started = time.perf_counter()
        try:
            return self._run_logical(item, echo)
        finally:
            self._depth -= 1
            self._reported = saved

    def _run_logical(self, item: LogicalCommand, echo: bool) -> int:
        out = self.session.out
        command_log = getattr(self.session, "command_log", None)
        if command_log is not None and not getattr(self.session, "_do_depth", 0):
            command_log.record(item.echo or [item.text])  # cmdlog: the commands as typed
        if echo:
            if self._need_blank:
                out.line("")
            if item.body is not None and (input_varlist(item.text) or opens_mata(item.text)):
                lines = [". " + (item.echo or [item.text])[0]]  # `input` and Mata echo their own lines
            elif item.body is not None:
                lines = number_block_echo(item)
            else:
                lines = [("> " if k else ". ") + line for k, line in enumerate(item.echo or [item.text])]
            for line in lines:
                out.line(line.rstrip())
            self._need_blank = False
        if item.message:
            out.line(item.message)
        if item.body is not None and input_varlist(item.text):
            rc = self.run_input(item, echo)
        elif item.body is not None and opens_mata(item.text) and not item.unclosed and not item.too_deep:
            rc = self.run_mata(item, echo)
        elif item.body is not None:
            rc = run_block(self, item)
        elif not item.text:
            return 0
        else:
            rc = self.run_command(item.text)
        if self._reported and not rc and self._rmsg_on():
            out.line("r; " + self._rmsg_time())
        self._need_blank = True
        return rc

    def _rmsg_on(self) -> bool:
        """``set rmsg on``: each command typed or read from a do-file ends with its return
        message (``r; t=0.00 16:38:28``, ``r(111); t=...`` after an error)."""
        settings = getattr(self.session, "settings", None) or {}
        return settings.get("rmsg") == "on"

    def _rmsg_time(self) -> str:
        """``t=`` the seconds the command took (two decimals) and the clock time it ended."""
        import time

        elapsed = time.perf_counter() - self._started
        return f"t={elapsed:.2f} {time.strftime('%H:%M:%S')}"

    def run_input(self, item: LogicalCommand, echo: bool) -> int:
        """``input varlist`` with its data lines (collected by the preprocessor)."""
        from mlmcli.commands import lookup

        run_input = lookup("input").function("run_input")
        data_echo = item.echo[1:]  # the data lines and `end`, as typed

        def run() -> None:
            varlist = input_varlist(self.expand(item.text))
            run_input(self.session, varlist or "", [self.expand(sub.text) for sub in item.body],
                      data_echo, echo=echo)
        return self.guarded(run)

    def run_mata(self, item: LogicalCommand, echo: bool) -> int:
        """A ``mata`` / ``mata:`` block (its lines collected up to ``end``); macros in its lines
        are expanded first, as Stata does."""
        from mlmcli.mata import run_block

        stop_on_error = item.text.strip().endswith(":")
        return self.guarded(lambda: run_block(self.session, [[self.expand(sub.text)] for sub in item.body],
                                              stop_on_error, echo, self.run_command))

    def run_command(self, text: str) -> int:
        """Expand macros in one logical command, run it, print any error; returns its rc."""
        def run() -> None:
            expanded = trace_line(self.session, text, lambda: self.expand(text))  # in a traced program
            if expanded.strip():
                self.execute(expanded)
        return self.guarded(run)

    def guarded(self, action) -> int:
        """Run ``action()``; print a StataError (or an internal error) and return its rc."""
        session = self.session
        quiet = session.out.quiet
        try:
            try:
                action()
            except KeyError as exc:  # a command that reads columns directly met L.x
                from mlmcli.time_series_ops import operators_not_allowed

                raise operators_not_allowed(exc) from None
            except UnicodeEncodeError as exc:
                if "surrogates" not in str(exc):
                    raise
                # ustrto()'s bytes in another encoding (lone surrogates: text_encodings) met a store
                # of Unicode text (variables are Arrow strings)
                raise StataError("text holding bytes that are not UTF-8 (ustrto()'s result) cannot be stored "
                                 "here: mlm keeps string variables as Unicode text; write such bytes with "
                                 "file write, or convert them back with ustrfrom()", 198) from None
            return 0
        except StataError as err:
            session.out.quiet = quiet
            if self.error_sink is not None:  # the caller reports it, once
                self.error_sink(err.message, err.rc)
            elif session.capture_depth:
                # an enclosing capture (prefix, block, or one around `do`) takes the rc: no r();
                # the message shows under `capture noisily` (output on), not under plain capture
                if err.message:
                    session.out.line(err.message)
            else:
                # as in Stata, quietly (even a quietly block) does not hide an error
                session.out.quiet = 0
                try:
                    self.print_error(err.message, err.rc)
                finally:
                    session.out.quiet = quiet
            return err.rc
        except (ExitRequest, KeyboardInterrupt, LoopControl):
            session.out.quiet = quiet
            raise
        except (RecursionError, MemoryError) as exc:
            session.out.quiet = quiet
            err = _resource_error(exc)
            if not session.capture_depth:
                self.print_error(err.message, err.rc)
            return err.rc
        except Exception as exc:  # an internal bug: never a traceback unless --debug
            session.out.quiet = quiet
            self._internal_error(exc)
            return INTERNAL_RC

    def expand(self, text: str) -> str:
        s = self.session

        def evaluate(expr: str) -> str:
            from mlmcli.expr import evaluate_scalar
            from mlmcli.render.numfmt import format_number

            value = evaluate_scalar(s, expr)
            if isinstance(value, str):
                return value
            return format_number(value, "%18.0g").strip() if value == value else "."
        def special(reference: str) -> str | None:
            from mlmcli.commands import lookup

            if reference.startswith(":"):  # `:char mpg[note1]', `:word count ...'
                return lookup("local").function("extended_function")(s, reference[1:].strip())
            return lookup("char").function("char_reference_text")(s, reference)
        from mlmcli.expr.system_values import GlobalsWithSystem

        return expand_macros(text, s.locals, GlobalsWithSystem(s.globals, s), evaluate, special)

    def print_error(self, message: str, rc: int) -> None:
        out = self.session.out
        rmsg = f" {self._rmsg_time()}" if self._reported and self._rmsg_on() else ""
        text = (message + "\n" if message else "") + f"r({rc});{rmsg}\n"
        if self.error_style is None or out.quiet > 0:
            out.write(text)
            return
        out.stream.write(self.error_style(text))  # colour on the terminal, plain in a log
        if out.log is not None:
            out.log.write(text)

    def _internal_error(self, exc: BaseException) -> None:
        out = self.session.out
        out.line(_internal_error_line(exc))
        if self.debug:
            out.flush()
            traceback.print_exc(file=sys.stderr)
        else:
            out.line("(run with --debug for the traceback)")
        out.line(f"r({INTERNAL_RC});")

    # ----- one command -----
    def execute(self, text: str) -> None:
        """Parse and run one macro-expanded command (raises StataError)."""
        from mlmcli.commands import user_program
        from mlmcli.parser import parse_command, split_head, split_prefixes

        _follow_decimal_point(self.session)
        text = strip_dot_prompt(text)
        word = text.split(None, 1)[0] if text.split() else ""
        if word in ("if", "else"):
            from mlmcli.blocks import inline_else, inline_if

            (inline_if if word == "if" else inline_else)(self, text.strip())
            return
        self.last_if = None
        if is_loop_word(word):  # a loop whose line does not end in { (a block is never run here)
            raise StataError("{ required", 100)
        if m := CONTINUE_RE.match(text.strip()):
            if not self.loop_depth:
                raise StataError("continue may only be used within a loop", 198)
            raise LoopControl(brk=continue_breaks(m.group(1)))
        programs = self.session.programs
        if programs and (call := _program_call(text)) is not None and call.name in programs:
            self.dispatch(call, list(call.prefixes))  # a `program define`d command: read once
            return
        try:
            cmd = parse_command(text)
        except StataError as err:
            head = split_head(text) if err.rc == 199 else None
            if head and user_program(self.session, head[1], load=False):  # defined, or an ado-file on the path
                prefixes, word, rest = head
                self.dispatch(ast.Command(name=word, args=rest, prefixes=prefixes, text=text), list(prefixes))
                return
            # `capture foo` / `capture gen (`: the prefixes still apply to the failure.
            prefixes = split_prefixes(text)
            if not prefixes and (missing := by_without_colon(text)) is not None:
                prefixes, words = missing
                err = missing_colon_error(self.session.data, words)
                if not any(p.name == "capture" for p in prefixes):
                    raise err from None
            elif not prefixes:  # a by whose options do not parse: the capture still catches it
                prefixes = tuple(ast.Prefix(name) for name in prefix_words(text))
            for k, prefix in enumerate(prefixes):
                if prefix.name == "capture":
                    self.session.rc = err.rc
                    if any(p.name == "noisily" for p in prefixes[k + 1:]):
                        self.session.out.line(err.message)
                    return
                if prefix.name == "by":
                    break
            raise
        try:
            self.dispatch(cmd, list(cmd.prefixes))
        finally:
            _follow_decimal_point(self.session)  # `set dp` takes effect for what follows at once

    def dispatch(self, cmd: ast.Command, prefixes: list[ast.Prefix]) -> None:
        session = self.session
        if not prefixes:
            call_command(self, cmd)
            return
        prefix, rest = prefixes[0], prefixes[1:]
        out = session.out
        if prefix.name == "quietly":
            out.quiet += 1
            try:
                self.dispatch(cmd, rest)
            finally:
                out.quiet -= 1
        elif prefix.name == "noisily":
            saved, out.quiet = out.quiet, 0
            try:
                self.dispatch(cmd, rest)
            finally:
                out.quiet = saved
        elif prefix.name == "capture":
            self._capture(cmd, rest)
        elif prefix.name == "by":
            run_by(self, cmd, prefix, rest)
        else:  # pragma: no cover - the parser only produces the names above
            raise StataError("invalid syntax", 198)

    def _capture(self, cmd: ast.Command, rest: list[ast.Prefix]) -> None:
        session = self.session
        out = session.out
        out.quiet += 1
        session.capture_depth += 1
        try:
            self.dispatch(cmd, rest)
            session.rc = 0
        except StataError as err:
            session.rc = err.rc
            if any(p.name == "noisily" for p in rest) and err.message:
                saved, out.quiet = out.quiet, 0  # `capture noisily` shows the message
                try:
                    out.line(err.message)
                finally:
                    out.quiet = saved
        except (ExitRequest, KeyboardInterrupt):
            raise
        except (RecursionError, MemoryError) as exc:
            session.rc = _resource_error(exc).rc
        except Exception as exc:
            if self.debug:
                traceback.print_exc(file=sys.stderr)
            session.rc = INTERNAL_RC
            if any(p.name == "noisily" for p in rest):  # a bug stays visible where output was asked for
                saved, out.quiet = out.quiet, 0
                try:
                    out.line(_internal_error_line(exc))
                finally:
                    out.quiet = saved
            del exc
        finally:
            out.quiet -= 1
            session.capture_depth -= 1


def _program_call(text: str) -> ast.Command | None:
    """A line whose command word is no registered command, as the call of a program of that
    name (None otherwise), read once per line with its temporary names abstracted: r(199)'s
    suggestions are not built again on every call of a user's program."""
    from mlmcli.parser import rebind_command
    from mlmcli.temp_names import abstract

    canonical, names = abstract(text)
    call = _canonical_program_call(canonical)
    if call is None:
        return None
    return rebind_command(call, names, text) if names else replace(call, text=text)


@lru_cache(maxsize=1024)
def _canonical_program_call(text: str) -> ast.Command | None:
    # the registry never changes while mlm runs: the answer depends on the text alone
    from mlmcli.parser import parse_command, split_head

    try:
        parse_command(text)
    except StataError as err:
        head = split_head(text) if err.rc == 199 else None
        if head:
            prefixes, word, rest = head
            return ast.Command(name=word, args=rest, prefixes=prefixes, text=text)
    return None


def _internal_error_line(exc: BaseException) -> str:
    msg = str(exc).splitlines()[0] if str(exc) else ""
    return f"internal error: {type(exc).__name__}{': ' + msg if msg else ''}"


def _resource_error(exc: BaseException) -> StataError:
    """Python running out of stack or memory, as Stata's error for it."""
    from mlmcli.limits import memory_error, too_complex_error

    return memory_error() if isinstance(exc, MemoryError) else too_complex_error()


def current_runner(session) -> "Runner | None":
    """The runner executing the current command (``do`` and ``version :`` need it)."""
    return getattr(session, "_runner", None)


def _follow_decimal_point(session) -> None:
    """The number formats' decimal point as the session's ``set dp`` has it (Stata's setting
    is global; ``mlmcli.render.numfmt`` formats every number)."""
    from mlmcli.render.numfmt import set_decimal_comma

    set_decimal_comma(session.settings.get("dp") == "comma")


def strip_dot_prompt(text: str) -> str:
    """A command pasted from the Results window keeps Stata's ". " prompt; Stata runs the
    command after it (a log shows ". . regress ..." followed by the regression).  Only a dot
    followed by blanks and a command: ``.name`` (class syntax) and a lone ``.`` are left as they are."""
    stripped = text.lstrip()
    if len(stripped) > 2 and stripped[0] == "." and stripped[1] in " \t" and stripped[1:].strip():
        return stripped[1:].lstrip()
    return text

