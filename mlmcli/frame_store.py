"""Stata 16's data frames ([D] frames) over the Session's one dataset.

The current frame's data stay where every command reads them, ``session.data``; the other
frames wait in ``session.other_frames`` (name -> Dataset) and ``session.current_frame`` names
the current one.  Changing frames swaps a Dataset in and out, so no command needs to know that
frames exist.  Estimation results, r(), macros and matrices belong to the session, not to a
frame, as in Stata.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from mlmcli.errors import StataError

if TYPE_CHECKING:  # (the Session is not imported: session.py calls restore_preserved)
    from mlmcli.dataset import Dataset

Session = object  # mlmcli.session.Session: annotations only

DEFAULT_FRAME = "default"
NAME_LIMIT = 32  # frame names are Stata names of up to 32 characters


def frame_names(session: Session) -> list[str]:
    """Every frame's name, sorted as frames dir lists them."""
    return sorted([session.current_frame, *session.other_frames])


def exists(session: Session, name: str) -> bool:
    return name == session.current_frame or name in session.other_frames


def not_found(name: str) -> StataError:
    return StataError(f"frame {name} not found", 111)


def check_new_name(session: Session, name: str) -> None:
    """A name a new frame may take: a Stata name not in use (r(110) when it is)."""
    check_name(name)
    if exists(session, name):
        raise StataError(f"frame {name} already exists", 110)


def check_name(name: str) -> None:
    import re

    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name or "") or len(name) > NAME_LIMIT:
        raise StataError(f"{name} invalid frame name", 198)


def require(session: Session, name: str) -> None:
    check_name(name)
    if not exists(session, name):
        raise not_found(name)


def data_of(session: Session, name: str) -> "Dataset":
    """The Dataset of an existing frame (the current one is ``session.data``)."""
    require(session, name)
    if name == session.current_frame:
        data = session.data
    else:
        data = session.other_frames[name]
        if data is None:
            from mlmcli.dataset import Dataset

            data = session.other_frames[name] = Dataset()
    rows = session.frame_posts.pop(name, None)
    if rows:
        _append_posted(data, rows)
    return data


def variables_of(session: Session, name: str) -> list[tuple[str, bool]]:
    """(name, whether it is a string) of each variable of frame ``name``: its posted
    observations stay aside (frame post reads this on every post)."""
    require(session, name)
    data = session.data if name == session.current_frame else session.other_frames[name]
    if data is None:
        return []
    return [(var, data.is_string(var)) for var in data.varnames]


def post(session: Session, name: str, row: list) -> None:
    """frame post's observation, kept aside until the frame is next read (a loop of posts
    then costs one append, not one per post)."""
    if name == session.current_frame:
        _append_posted(session.data, [row])
    else:
        session.frame_posts.setdefault(name, []).append(row)


def _append_posted(data: "Dataset", rows: list) -> None:
    import numpy as np
    import pandas as pd

    from mlmcli.storage_types import fit_storage

    frame, columns = data.df, {}
    for k, var in enumerate(data.varnames):
        vtype = data.types.get(var, "float")
        values = [row[k] for row in rows]
        if data.is_string(var):
            if vtype.startswith("str") and vtype != "strL":  # the declared width: longer text is cut
                values = [v[:int(vtype[3:])] for v in values]
            columns[var] = pd.Series(list(frame[var]) + values, dtype=frame[var].dtype if len(frame) else object)
        else:
            columns[var] = fit_storage(np.concatenate([data.numeric(var), np.asarray(values, float)]), vtype)
    data.df = pd.DataFrame(columns)
    data.changed = True


def put(session: Session, name: str, data: "Dataset") -> None:
    """Make ``data`` the contents of frame ``name`` (new or existing)."""
    session.frame_posts.pop(name, None)
    if name == session.current_frame:
        session.data = data
    else:
        session.other_frames[name] = data


def create(session: Session, name: str, data: "Dataset | None" = None) -> None:
    check_new_name(session, name)
    if data is None:
        from mlmcli.dataset import Dataset

        data = Dataset()
    data.varabbrev = session.settings.get("varabbrev") != "off"
    session.other_frames[name] = data
    session.frame_posts.pop(name, None)


def change(session: Session, name: str) -> None:
    """Make frame ``name`` current (frame change, cwf)."""
    require(session, name)
    if name == session.current_frame:
        return
    incoming = data_of(session, name)
    outgoing = session.__dict__.get("_data")
    del session.other_frames[name]
    session.other_frames[session.current_frame] = outgoing
    session.current_frame = name
    session.data = incoming


def drop(session: Session, name: str) -> None:
    require(session, name)
    if name == session.current_frame:
        raise StataError("cannot drop current frame", 105)
    del session.other_frames[name]
    session.frame_posts.pop(name, None)


def rename(session: Session, old: str, new: str) -> None:
    require(session, old)
    check_new_name(session, new)
    data_of(session, old)  # its posted observations in it first
    if old == session.current_frame:
        session.current_frame = new
    else:
        session.other_frames[new] = session.other_frames.pop(old)


def restore_preserved(session: Session, data: "Dataset") -> None:
    """restore: the preserved data go back to the frame they were preserved in (the current
    frame when that frame is gone)."""
    home = session.preserved_frame
    put(session, home if exists(session, home) else session.current_frame, data)


def reset(session: Session) -> None:
    """One empty frame named default, current (frames reset, clear all)."""
    from mlmcli.dataset import Dataset

    session.other_frames = {}
    session.frame_posts = {}
    session.current_frame = DEFAULT_FRAME
    session.data = Dataset()


@contextmanager
def working_in(session: Session, name: str):
    """Run commands with frame ``name`` current, and make the frame that was current current
    again afterwards, also when they fail (the frame prefix)."""
    home = session.current_frame
    change(session, name)
    try:
        yield
    finally:
        if exists(session, home):
            change(session, home)
        # a frame renamed or dropped inside the prefix: stay where the commands left us
