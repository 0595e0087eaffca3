"""``timer clear|on|off|list [#]``: up to 100 interval timers, in seconds ([P] timer).

A timer accumulates the time between each ``timer on #`` and ``timer off #`` and counts the
intervals; ``timer list`` shows ``#: total / count = mean`` for the timers that are not zero
(or for timer #) and adds ``r(t#)`` (the total, in milliseconds' precision as Stata keeps
it) and ``r(nt#)`` to r() without clearing what r() holds.
"""
from __future__ import annotations

import time

from mlmcli.errors import StataError, invalid_syntax


def _timers(session) -> dict:
    """number -> [total seconds, intervals, start time of a running interval or None]"""
    return session.__dict__.setdefault("_timers", {})


def _number(word: str) -> int:
    try:
        k = int(word)
    except ValueError:
        raise invalid_syntax() from None
    if not 1 <= k <= 100:
        raise StataError("timer number must be an integer from 1 to 100", 198)
    return k


def cmd_timer(session, cmd) -> None:
    words = cmd.args.split()
    if not words:
        raise invalid_syntax()
    sub, rest = words[0], words[1:]
    timers = _timers(session)
    if sub in ("on", "off"):
        if len(rest) != 1:
            raise invalid_syntax()
        k = _number(rest[0])
        total, count, start = timers.get(k, [0.0, 0, None])
        now = time.perf_counter()
        if sub == "on" and start is None:
            timers[k] = [total, count, now]
        elif sub == "off" and start is not None:
            timers[k] = [total + now - start, count + 1, None]
        return
    if sub == "clear":
        if len(rest) > 1:
            raise invalid_syntax()
        if rest:
            timers.pop(_number(rest[0]), None)
        else:
            timers.clear()
        return
    if sub == "list":
        if len(rest) > 1:
            raise invalid_syntax()
        chosen = [_number(rest[0])] if rest else [k for k in sorted(timers) if timers[k][1] or timers[k][0]]
        for k in chosen:
            total, count, _ = timers.get(k, [0.0, 0, None])
            total = round(total, 3)
            mean = total / count if count else 0.0
            session.print(f"{k:4d}:{total:10.2f} /{count:9d} ={mean:13.4f}")
            session.r[f"t{k}"] = total
            session.r[f"nt{k}"] = float(count)
        return
    raise StataError(f"timer {sub}: invalid subcommand", 198)
