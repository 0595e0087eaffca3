"""Side effects of expression functions held until the command that evaluates them succeeds.

Stata compiles an expression -- its names, its types -- before any of it runs, so
``generate nv = s + filewrite("f.txt", "x")`` with ``s`` a string is "type mismatch" r(109)
and f.txt is never written, and ``generate nv = s + runiform()`` leaves the random-number
stream where it was.  mlm types an expression as it evaluates it, and generate/replace check
storage types, ``in`` ranges and ``if`` after the value, so a failing command could have run
filewrite() or drawn numbers already.  ``held_side_effects(session)`` makes such a command all
or nothing for those effects, as ``session.data_transaction`` does for the data:

- filewrite() inside it queues its write (returning the byte count it will write, or -602
  when the file exists and no replace/append was asked) and the queue is written, in order,
  when the outermost hold ends without an error; an error drops it;
- the random-number generator's state is put back when the hold ends in an error, and so is
  regexm()'s last match (what regexs() returns).

Holds nest: an inner hold that succeeds hands its writes to the outer one (display tries the
longest expression whose types agree, each try in a hold of its own).
"""
from __future__ import annotations

import os
from contextlib import contextmanager

_STACK = "_held"  # session attribute: the open holds, innermost last
_UNSEEN = object()  # no draw yet inside the hold


class _Hold:
    """One open hold: its queued writes, the generator's state before its first draw, and the
    session attributes expression functions set (regexm()'s match for regexs()) as they were."""
    __slots__ = ("queue", "rng", "saved")

    def __init__(self):
        self.queue: list[tuple[str, bytes, int]] = []
        self.rng = _UNSEEN
        self.saved: dict | None = None


@contextmanager
def held_side_effects(session):
    """Run the block with filewrite()'s writes queued and the random stream restorable."""
    stack = session.__dict__.setdefault(_STACK, [])
    hold = _Hold()
    stack.append(hold)
    try:
        yield
    except BaseException:
        stack.pop()
        if hold.rng is not _UNSEEN:
            _rng_restore(session, hold.rng)
        for attr, value in (hold.saved or {}).items():
            if value is _UNSEEN:
                session.__dict__.pop(attr, None)
            else:
                session.__dict__[attr] = value
        raise
    stack.pop()
    if stack:
        stack[-1].queue.extend(hold.queue)
    else:
        _write_all(hold.queue)


def before_draw(session) -> None:
    """Called by the random-number functions before they draw: each open hold without a
    snapshot keeps the state it will put back (a hold without draws costs nothing)."""
    stack = session.__dict__.get(_STACK)
    if stack and stack[-1].rng is _UNSEEN:
        snapshot = _rng_snapshot(session)
        for hold in stack:
            if hold.rng is _UNSEEN:
                hold.rng = snapshot


def before_set(session, attr: str) -> None:
    """Called by an expression function before it sets session attribute ``attr``: each open
    hold keeps the value it had, put back if the command fails."""
    for hold in session.__dict__.get(_STACK) or ():
        if hold.saved is None:
            hold.saved = {}
        hold.saved.setdefault(attr, session.__dict__.get(attr, _UNSEEN))


def pending_write(session):
    """The queue a filewrite() should add to, or None when no hold is open (write now)."""
    stack = session.__dict__.get(_STACK)
    return stack[-1].queue if stack else None


def pending_paths(session) -> set[str]:
    """The files queued writes will create (an existing file for filewrite()'s -602 test)."""
    stack = session.__dict__.get(_STACK) or []
    return {path for hold in stack for path, _data, _mode in hold.queue}


def _write_all(queue) -> None:
    for path, data, mode in queue:
        try:
            write_file(path, data, mode)
        except OSError:  # filewrite() returned the count: a folder removed meanwhile
            pass


def write_file(path: str, data: bytes, mode: int) -> None:
    """filewrite()'s write: mode 2 appends to an existing file, else the file is (re)written."""
    from mlmcli.fileformats.safe_write import write_bytes_atomic

    if mode == 2 and os.path.exists(path):
        with open(path, "ab") as fh:
            fh.write(data)
    else:
        write_bytes_atomic(path, data, replace=True)


def _rng_snapshot(session):
    rng = session.__dict__.get("_rng")
    if rng is None:
        return None
    return rng, rng.bit_generator.state, session.__dict__.get("_rng_seed"), session.seed


def _rng_restore(session, snapshot) -> None:
    if snapshot is None:
        if session.__dict__.get("_rng") is not None:
            session._rng = None  # no draw before the hold: the next draw starts the seed's stream
        return
    rng, bits, seed_drawn, seed = snapshot
    rng.bit_generator.state = bits
    session._rng, session._rng_seed, session.seed = rng, seed_drawn, seed
