"""Control flow: ``foreach``, ``forvalues``, ``while``, ``if``/``else`` and
``capture``/``quietly``/``noisily`` blocks in braces, plus ``continue[, break]``.

The preprocessor nests a block's commands into ``LogicalCommand.body``; the
runner echoes the block once (numbered lines, as Stata does) and hands it here.
Each body command is macro-expanded just before it runs, so loop macros work.
``program define`` stores a program here (``define_program``); ``program_calls`` runs it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.limits import nesting_error
from mlmcli.preprocess import opens_mata, program_name
from mlmcli.program_trace import block_lines, trace_line, trace_skipped
from mlmcli.session import nesting_level
from mlmcli.syntax.abbreviation import resolve_choice


class LoopControl(Exception):
    """``continue`` (next iteration) or ``continue, break`` (leave the loop)."""

    def __init__(self, brk: bool):
        super().__init__("continue")
        self.brk = brk


CONTINUE_RE = re.compile(r"^continue(?![\w.`$])(.*)$", re.S)


def continue_breaks(rest: str) -> bool:
    """What follows ``continue``: nothing (next iteration) or ``, break`` (leave the loop);
    anything else is refused as ``syntax`` would refuse it (``continue [, break]``)."""
    head, comma, options = rest.partition(",")
    if head.strip():
        raise StataError("invalid syntax", 198)
    words = options.split()
    for word in words:
        if word != "break":
            raise StataError(f"option {word} not allowed", 198)
    return bool(words)


def run_block(runner, block) -> int:
    """Run a block; returns the rc of the first error (already printed), else 0."""
    if block.too_deep:
        return runner.guarded(lambda: _raise(nesting_error()))
    name = program_name(block.text)
    if name:  # defining a program opens nothing at run time
        return _run_block(runner, block)
    try:
        with nesting_level(runner.session):
            return _run_block(runner, block)
    except StataError as err:  # the limit itself, reported where the block starts
        return runner.guarded(lambda: _raise(err))


def _run_block(runner, block) -> int:
    if block.unclosed:
        return runner.guarded(lambda: _raise(StataError("unexpected end of file", 612)))
    word = block.text.split(None, 1)[0] if block.text.split() else ""
    if opens_mata(block.text):  # inside a loop or program: no echo
        return runner.run_mata(block, echo=False)
    name = program_name(block.text)
    if name:
        return runner.guarded(lambda: define_program(runner.session, name, block.body, block.text))
    if word == "foreach":
        return _loop(runner, block, lambda: _foreach_values(runner, _header(runner, block.text)))
    if word.startswith("forv"):
        return _loop(runner, block, lambda: _forvalues_values(_header(runner, block.text)))
    if word == "while":
        return _while(runner, block)
    if word == "if":
        return _if(runner, block)
    if word == "else":
        return runner.guarded(lambda: _raise(StataError("unrecognized command:  else", 199)))
    if word in ("frame", "frames"):
        return _frame_block(runner, block)
    return _prefix_block(runner, block, word)


def _raise(err: Exception):
    raise err


def _header(runner, text: str) -> str:
    """A block's header macro-expanded (traced as its line, brace included: program_trace)."""
    return trace_line(runner.session, text + " {", lambda: runner.expand(text) + " {")[:-2]


def _closed(runner) -> None:
    """The ``}`` that ends a block the program ran (traced ``- }``)."""
    trace_line(runner.session, "}")


def run_body(runner, body) -> int:
    for item in body:
        rc = runner.run_logical(item, echo=False)
        if rc:
            return rc
    return 0


# ----- loops -----

def _loop(runner, block, values_of) -> int:
    header: list = []
    rc = runner.guarded(lambda: header.append(values_of()))
    if rc:
        return rc
    name, values = header[0]
    for value in values:
        runner.session.locals[name] = value
        try:
            rc = _iteration(runner, block.body)
        except LoopControl as ctl:
            if ctl.brk:
                break
            continue
        if rc:
            return rc
        _closed(runner)
    return 0


def _iteration(runner, body) -> int:
    runner.loop_depth += 1
    try:
        return run_body(runner, body)
    finally:
        runner.loop_depth -= 1


# ``of any[list]``: undocumented in [P] foreach but accepted by Stata (the list type of the old
# ``for`` command; public ado files write ``foreach X of any ...``): a general list, like ``in``
_FOREACH_LISTS = (("local", 3), ("global", 3), ("varlist", 3), ("newlist", 3), ("numlist", 3), ("anylist", 3))


def _foreach_values(runner, header: str) -> tuple[str, list[str]]:
    """``foreach name in list`` / ``of local|global|varlist|newlist|numlist …``."""
    # a digit name (``foreach 1 of local levels``) is a positional local, as ``args`` sets;
    # public do-files and ado files loop with it
    m = re.match(r"foreach\s+([^\W\d]\w*|\d+)\s+(in|of)\b\s*(.*)$", header, re.S)
    if not m:
        raise invalid_syntax()
    name, how, rest = m.group(1), m.group(2), m.group(3).strip()
    if how == "in":
        return name, split_list(rest)
    kind, _, spec = rest.partition(" ")
    spec = spec.strip()
    session = runner.session
    kind = resolve_choice(kind, _FOREACH_LISTS)
    if kind == "anylist":
        return name, split_list(spec)
    if kind == "local":
        return name, split_list(session.locals.get(spec, ""))
    if kind == "global":
        return name, split_list(session.globals.get(spec, ""))
    if kind == "varlist":
        return name, session.data.expand_varlist(spec)
    if kind == "newlist":  # Stata confirms each is a valid name not yet a variable
        from mlmcli.syntax.varlist import check_new_name

        names = spec.split()
        for new in names:
            check_new_name(session.data, new)
        return name, names
    if kind == "numlist":
        from mlmcli.syntax.numlist import numlist

        return name, [number_text(v) for v in numlist(spec, invalid=invalid_syntax)]
    raise invalid_syntax()


def split_list(text: str) -> list[str]:
    """Words of a list (``foreach … in``, a program's or do-file's arguments); ``"a b"`` and
    ```"a b"'`` stay one item, each without its quotes -- levelsof's ```"A B"' `"C"'`` loops
    over ``A B`` and ``C`` ([P] foreach, [P] levelsof's example)."""
    return [w[2:-2] if len(w) >= 4 and w.startswith('`"') and w.endswith('"\'')
            else w[1:-1] if len(w) >= 2 and w[0] == w[-1] == '"' else w
            for w in re.findall(r'`"[\s\S]*?"\'|"[^"]*"|\S+', text)]


def _forvalues_values(header: str) -> tuple[str, Iterable[str]]:
    m = re.match(r"forv\w*\s+([^\W\d]\w*)\s*=\s*(.+)$", header, re.S)
    if not m:
        raise invalid_syntax()
    from mlmcli.syntax.numlist import value_range

    return m.group(1), map(number_text, value_range(m.group(2), invalid=invalid_syntax))


def number_text(v: float) -> str:
    """A loop or numlist value as its macro text (``1``, ``.5``, ``2.25``): Stata's %18.0g, the
    rule ``local x = exp`` follows too -- integers of up to 17 digits in full, larger ones
    as ``1.00000000000e+17`` (not 1e300's 301 digits); 15 significant digits first, so that
    ``0(.1)1``'s sums show as ``.3`` and 2.5e-12 stays 2.5e-12."""
    v = float(v)
    if v.is_integer() and abs(v) < 1e17:
        return str(int(v))
    from mlmcli.render.numfmt import format_number

    return format_number(float(f"{v:.15g}"), "%18.0g").strip()


def _while(runner, block) -> int:
    while True:
        cond: list = []
        rc = runner.guarded(lambda: cond.append(_condition(runner, _header(runner, block.text)[5:])))
        if rc:
            return rc
        if not cond[0]:
            return 0
        try:
            rc = _iteration(runner, block.body)
        except LoopControl as ctl:
            if ctl.brk:
                return 0
            continue
        if rc:
            return rc
        _closed(runner)


# ----- if / else -----

def _condition(runner, expr: str) -> bool:
    from mlmcli.expr import evaluate_number

    if not expr.strip():
        raise invalid_syntax()
    return evaluate_number(runner.session, expr) != 0  # missing counts as true


def _if(runner, block) -> int:
    node = block
    runner.last_if = None
    while node is not None:
        text = node.text
        if text.startswith("else"):
            text = text[4:].strip()
            if not text:
                trace_line(runner.session, "else {")
                return _taken(runner, node)
        cond: list = []
        rc = runner.guarded(lambda: cond.append(_condition(runner, _if_expression(_header(runner, node.text)))))
        if rc:
            return rc
        if cond[0]:
            rc = _taken(runner, node)
            runner.last_if = True
            return rc
        trace_skipped(runner.session, lambda: _branch_lines(node))
        node = node.orelse
    runner.last_if = False
    return 0


def _taken(runner, node) -> int:
    """The body of the if/else branch that runs, its closing brace, the branches it passes over."""
    rc = run_body(runner, node.body)
    if rc:
        return rc
    _closed(runner)
    if node.orelse is not None:
        trace_skipped(runner.session, lambda: block_lines(node.orelse))
    return 0


def _if_expression(header: str) -> str:
    """The condition of an ``if exp`` / ``else if exp`` header."""
    return header[re.match(r"(?:else\s+)?if", header).end():]


def _branch_lines(node) -> list[str]:
    """A branch's body and closing brace as the program's lines (its header and else part not)."""
    return [line for sub in node.body for line in block_lines(sub)] + ["}"]


def inline_if(runner, text: str) -> None:
    """``if exp command``: the expression is the longest one that parses."""
    from mlmcli.expr.display import longest_expression

    body = text[2:]
    end = longest_expression(body, 0)
    command = body[end:].strip()
    if not command:
        raise invalid_syntax()
    taken = _condition(runner, body[:end])
    if taken:
        runner.execute(command)
    runner.last_if = taken


def inline_else(runner, text: str) -> None:
    """``else command`` right after an ``if``."""
    previous = runner.last_if
    runner.last_if = None
    command = text[4:].strip()
    if previous is None or not command:
        raise StataError("unrecognized command:  else", 199)
    if not previous:
        runner.execute(command)


# ----- frame name { } -----

def _frame_block(runner, block) -> int:
    """``frame name { ... }`` ([D] frame prefix): the block runs with frame ``name`` current;
    the frame current before is current again afterwards, also after an error."""
    from mlmcli.frame_store import require, working_in

    header: list = []
    rc = runner.guarded(lambda: header.append(_header(runner, block.text)))
    if rc:
        return rc
    words = header[0].split()
    if len(words) != 2:
        return runner.guarded(lambda: _raise(invalid_syntax()))
    rc = runner.guarded(lambda: require(runner.session, words[1]))
    if rc:
        return rc
    with working_in(runner.session, words[1]):
        return _closed_body(runner, block.body)


# ----- capture { }, quietly { }, noisily { } -----

def _prefix_block(runner, block, word: str) -> int:
    """``capture {``, ``quietly {``, ``noisily {`` and combinations (``capture noisily {``),
    and a prefixed loop or if block (``quietly foreach x of ... {``)."""
    import dataclasses

    words = block.text.replace(":", " ").split()
    k = len(prefix_words(block.text))
    if k and k < len(words):  # what follows the prefixes is itself a block opener
        inner = dataclasses.replace(block, text=_after_prefixes(block.text, k))
        return _prefixed_body(runner, lambda: run_block(runner, inner), words[:k])
    trace_line(runner.session, block.text + " {")
    return _prefixed_body(runner, lambda: _closed_body(runner, block.body), words)


def _closed_body(runner, body) -> int:
    rc = run_body(runner, body)
    if not rc:
        _closed(runner)
    return rc


_BLOCK_PREFIXES = (("capture", 3), ("quietly", 3), ("noisily", 1))


def prefix_words(text: str) -> tuple[str, ...]:
    """The capture/quietly/noisily words a line starts with, each in full (``cap n by g, x: ...``
    -> capture, noisily): what applies to a line even when the rest does not parse."""
    names: list[str] = []
    for word in text.replace(":", " ").split():
        name = resolve_choice(word, _BLOCK_PREFIXES)
        if name is None:
            break
        names.append(name)
    return tuple(names)


def _after_prefixes(text: str, k: int) -> str:
    """The text after its first k prefix words (and their colons)."""
    rest = text
    for _ in range(k):
        rest = rest.lstrip().split(None, 1)[1] if len(rest.split(None, 1)) > 1 else ""
        rest = rest.lstrip().lstrip(":")
    return rest.strip()


def _prefixed_body(runner, body, words: list[str]) -> int:
    if not words:
        return body()
    word, rest = resolve_choice(words[0], _BLOCK_PREFIXES), words[1:]
    out = runner.session.out
    if word == "capture":
        session = runner.session
        out.quiet += 1
        session.capture_depth += 1  # see Runner.guarded
        try:
            rc = _prefixed_body(runner, body, rest)
        finally:
            out.quiet -= 1
            session.capture_depth -= 1
        runner.session.rc = rc
        return 0
    if word == "quietly":
        out.quiet += 1
        try:
            return _prefixed_body(runner, body, rest)
        finally:
            out.quiet -= 1
    if word == "noisily":
        saved, out.quiet = out.quiet, 0
        try:
            return _prefixed_body(runner, body, rest)
        finally:
            out.quiet = saved
    return runner.guarded(lambda: _raise(invalid_syntax()))


# ----- program define … end -----

def define_program(session, name: str, body, text: str = "") -> None:
    from mlmcli.program_options import read_program_options

    if name in session.programs:
        raise StataError(f"{name} already defined", 110)
    options = read_program_options(text)  # before it is stored: a refused option defines nothing
    session.programs[name] = body
    session.program_options[name] = options
    session.program_classes[name] = options.klass
