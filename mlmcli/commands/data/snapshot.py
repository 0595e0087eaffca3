"""``snapshot save|label|restore|list|erase`` ([D] snapshot): copies of the data kept by number.

``snapshot save [, label("text")]`` keeps a copy (numbered one above the highest kept, 1 when
none is; r(snapshot)); ``snapshot label # "text"`` relabels it; ``snapshot restore #`` replaces
the data in memory by it (by design: no ``clear`` is asked for); ``snapshot list [_all|numlist]``
and ``snapshot erase _all|numlist``.  Stata keeps snapshots in temporary files; mlm keeps them
in memory for the session, which is the same to a do-file.

The lines ``  snapshot 1 (label) created at 19 Apr 2013 21:38`` follow the [D] snapshot manual's
example as remembered; no published log was at hand to check them, nor the messages for an
unknown snapshot number (mlm: ``snapshot # not found`` r(111)).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_LABEL_MAX = 80
_SNAPSHOT_MAX = 1000


@dataclass
class Snapshot:
    data: object  # a Dataset
    label: str
    created: str  # "05 Dec 2026 17:03"


def _line(number: int, snap: Snapshot) -> str:
    label = f" ({snap.label})" if snap.label else ""
    return f"  snapshot {number}{label} created at {snap.created}"


def _numbers(session, text: str, *, all_ok: bool) -> list[int]:
    text = text.strip()
    if text == "_all" and all_ok:
        return sorted(session.snapshots)
    values = numlist(text)
    out = []
    for value in values:
        if not float(value).is_integer() or int(value) not in session.snapshots:
            raise StataError(f"snapshot {value:g} not found", 111)
        out.append(int(value))
    return out


def cmd_snapshot(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    words = body.split(None, 1)
    if not words:
        raise StataError("invalid syntax", 198)
    sub, rest = words[0], (words[1] if len(words) > 1 else "")
    handler = {"save": _save, "label": _label, "restore": _restore, "list": _list, "erase": _erase}.get(sub)
    if handler is None:
        raise StataError(f"invalid snapshot subcommand {sub}" if sub else "invalid syntax", 198)
    if sub != "save" and options:
        raise StataError("options not allowed", 101)
    handler(session, rest, options)


def _save(session, rest: str, options) -> None:
    if rest.strip():
        raise StataError("invalid syntax", 198)
    opts = resolve_options(options, [OptionSpec("label", 3, takes_arg=True)])
    if len(session.snapshots) >= _SNAPSHOT_MAX:
        raise StataError(f"too many snapshots; at most {_SNAPSHOT_MAX:,} may be saved", 198)
    label = unquote(opts["label"])[:_LABEL_MAX] if isinstance(opts.get("label"), str) else ""
    number = max(session.snapshots, default=0) + 1
    created = datetime.datetime.now().strftime("%d %b %Y %H:%M")
    session.snapshots[number] = Snapshot(session.data.snapshot(), label, created)
    session.print(_line(number, session.snapshots[number]))
    session.set_r({"snapshot": float(number)})


def _label(session, rest: str, options) -> None:
    words = rest.strip().split(None, 1)
    if len(words) != 2:
        raise StataError("invalid syntax", 198)
    if not words[0].isdigit():
        raise StataError("invalid syntax", 198)
    (number,) = _numbers(session, words[0], all_ok=False)
    session.snapshots[number].label = unquote(words[1])[:_LABEL_MAX]


def _restore(session, rest: str, options) -> None:
    text = rest.strip()
    if not text.isdigit():
        raise StataError("invalid syntax", 198)
    (number,) = _numbers(session, text, all_ok=False)
    session.data = session.snapshots[number].data.snapshot()  # the snapshot stays for another restore


def _list(session, rest: str, options) -> None:
    numbers = _numbers(session, rest, all_ok=True) if rest.strip() else sorted(session.snapshots)
    for number in numbers:
        session.print(_line(number, session.snapshots[number]))


def _erase(session, rest: str, options) -> None:
    if not rest.strip():
        raise StataError("invalid syntax", 198)
    for number in _numbers(session, rest, all_ok=True):
        del session.snapshots[number]
