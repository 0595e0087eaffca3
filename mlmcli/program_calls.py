"""Calling a program defined with ``program define`` (``blocks.define_program`` stores it): its
own local macros (`0`, `1`, ...), its r() frame, its nesting level and sort order, and what it
leaves behind when it ends -- its temporary variables, scalars, matrices and frames dropped and
its tempfiles erased ([P] macro) -- whether it ends normally, by ``exit`` or by an error.
"""
from __future__ import annotations

from mlmcli.blocks import run_block, split_list
from mlmcli.errors import ExitRequest, StataError
from mlmcli.program_trace import program_frame, trace_line
from mlmcli.session import nesting_level, preserve_scope
from mlmcli.syntax.settings import restore_version, typed_version


def call_program(runner, name: str, arguments: str, extra_locals: dict | None = None, by_mask=None,
                 by_state: dict | None = None) -> None:
    """Run a defined program: its own local macros (`0` = the arguments, `1`, `2`, … the
    words; ``extra_locals``: byable(onecall)'s), no echo; an error inside stops it and is the
    caller's error.  ``by_mask``: the by-group a byable(recall) program is called for (what
    marksample sees; an inner program call sees none); ``by_state``: what _by(), _byindex(),
    _bylastcall(), _byn1() and _byn2() return inside it."""
    from mlmcli.program_options import ProgramOptions, sort_preserved

    session = runner.session
    body = session.programs[name]
    options = session.program_options.get(name, ProgramOptions())
    saved = session.locals
    session.caller_locals.append(saved)
    saved_by = session.program_by_mask, session.program_by_state
    session.program_by_mask, session.program_by_state = by_mask, by_state
    session.locals = {"0": arguments, **(extra_locals or {})}
    for k, word in enumerate(split_list(arguments), 1):
        session.locals[str(k)] = word
    depth = runner.loop_depth
    runner.loop_depth = 0  # `continue` does not reach a loop in the caller
    # an r-class program's `return` results replace r() when it ends (not while it runs)
    # _caller() inside is the version the caller ran under; a `version` inside is the program's own
    frame = {"class": session.program_classes.get(name, "nclass"), "r": {},
             "caller_version": getattr(session, "version", 13.0), "typed_version": typed_version(session)}
    session.return_frames.append(frame)
    try:
        with nesting_level(session), preserve_scope(session), program_frame(session, name), \
                sort_preserved(session, options):
            _run_program_body(runner, body)
    except ExitRequest as req:  # `exit` leaves the program
        if req.rc:
            raise StataError("", req.rc) from None
    finally:
        runner.loop_depth = depth
        session.locals = saved
        session.caller_locals.pop()
        session.program_by_mask, session.program_by_state = saved_by
        restore_version(session, frame["typed_version"])  # none typed stays none (typed_version)
        session.return_frames.pop()
        _drop_temporaries(session, frame.get("temps", ()))
        if session.return_holds or session.estimate_holds:
            from mlmcli.commands import lookup
            lookup("_estimates").function("release_held")(session, frame)
        _erase_tempfiles(frame.get("tempfiles", ()))
    if frame["class"] == "rclass":
        session.r = frame["r"]


def _drop_temporaries(session, names) -> None:
    """[P] macro: "temporary variables, scalars and matrices ... are automatically dropped
    when the program concludes" -- the names ``tempvar``/``tempname`` gave out inside it."""
    if not names:
        return
    for name in names:
        session.scalars.pop(name, None)
        session.matrices.pop(name, None)
        session.other_frames.pop(name, None)  # [D] frame copy: a frame under a temporary name goes too
        session.frame_posts.pop(name, None)
    data = session.data
    present = [n for n in names if data.has_variable(n)] if data is not None else []
    if present:
        data.drop_variables(present)


def _erase_tempfiles(paths) -> None:
    """[P] macro: "any datasets created with these assigned names are erased" when the program
    concludes -- the files a program's tempfile names were given (each name began no file when
    it was handed out, so what begins with it is the program's)."""
    import glob
    import os

    for path in paths:
        for name in glob.glob(glob.escape(path) + "*"):
            if os.path.isfile(name):
                try:
                    os.remove(name)
                except OSError:
                    pass


def _run_program_body(runner, body) -> None:
    for item in body:
        if item.body is not None:
            rc = run_block(runner, item)
            if rc:
                raise StataError("", rc)  # the message is already printed
            continue
        text = trace_line(runner.session, item.text, lambda t=item.text: runner.expand(t))
        if text.strip():
            runner.execute(text)
