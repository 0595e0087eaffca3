"""``frlink`` and ``frget`` ([D] frlink, [D] frget): link the current frame's observations to
another frame's by key variables, and copy variables across the link.

The link variable holds, for each observation, the number of the matching observation in the
linked frame (missing when none matches); its characteristics record the frame, the link's
kind and the key variables on both sides, so ``frlink rebuild`` can match again after the
linked frame was sorted or changed, and ``frget`` can tell that a link went stale.
"""
from __future__ import annotations

import numpy as np

from mlmcli import frame_store
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_KEYS = ("frlink_frame", "frlink_type", "frlink_vars1", "frlink_vars2", "frlink_cmd")


def _char(ds, var: str, name: str) -> str:
    return ds.chars.get(f"{var}[{name}]", "")


def _is_link(ds, var: str) -> bool:
    return bool(_char(ds, var, "frlink_frame"))


# ----------------------------------------------------------------------------- frlink
def cmd_frlink(session, cmd) -> None:
    """``frlink 1:1|m:1 varlist1, frame(frame2 [varlist2]) [generate(linkvar)]``;
    ``frlink dir``, ``frlink describe linkvar``, ``frlink rebuild linkvar``."""
    text = cmd.args.strip()
    word, _, rest = text.partition(" ")
    if word == "dir":
        _frlink_dir(session, rest.strip())
    elif word in ("d", "de", "des", "desc", "descr", "describ", "describe"):
        _frlink_describe(session, rest.strip())
    elif word == "rebuild":
        _frlink_rebuild(session, rest.strip())
    elif word in ("1:1", "m:1"):
        _frlink_create(session, word, rest)
    else:
        raise StataError("frlink: 1:1 or m:1 required (or dir, describe, rebuild)", 198)


def _frlink_create(session, kind: str, rest: str) -> None:
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("frame", 2, takes_arg=True),
                                     OptionSpec("generate", 3, takes_arg=True), OptionSpec("debug")])
    if opts.get("frame") is None:
        raise StataError("option frame() required", 198)
    frame_words = opts["frame"].split()
    if not frame_words:
        raise StataError("option frame() required", 198)
    other = frame_words[0]
    frame_store.require(session, other)
    if other == session.current_frame:
        raise StataError(f"frame {other} is the current frame; link to another frame", 198)
    data = session.data
    vars1 = data.expand_varlist(body)
    linked = frame_store.data_of(session, other)
    vars2 = linked.expand_varlist(" ".join(frame_words[1:])) if frame_words[1:] else \
        [linked.resolve(v, False) for v in vars1]
    if len(vars1) != len(vars2):
        raise StataError(f"{len(vars1)} variables in the current frame and {len(vars2)} in frame {other}: "
                         "the key variables must correspond", 198)
    name = (opts.get("generate") or other).strip()
    if data.has_variable(name):
        raise StataError(f"variable {name} already defined", 110)
    numbers = _match(session, data, linked, vars1, vars2, kind, other)
    data.set_variable(name, numbers, "double" if linked.nobs > 16_000_000 else "long")
    typed = f"frlink {kind} {body.strip()}, frame({opts['frame'].strip()})" + \
        (f" generate({name})" if opts.get("generate") else "")
    for key, value in zip(_KEYS, (other, kind, " ".join(vars1), " ".join(vars2), typed)):
        data.chars[f"{name}[{key}]"] = value
    _report_matches(session, numbers)


def _report_matches(session, numbers: np.ndarray) -> None:
    unmatched = int(np.isnan(numbers).sum())
    if unmatched:
        noun = "observation" if unmatched == 1 else "observations"
        session.print(f"  ({unmatched:,} {noun} in frame {session.current_frame} unmatched)")
    else:
        session.print(f"  (all observations in frame {session.current_frame} matched)")


def _keys(ds, names: list[str]) -> list[tuple]:
    columns = []
    for n in names:
        if ds.is_string(n):
            columns.append([str(v) for v in ds.column(n)])
        else:
            columns.append([("." if v != v else float(v)) for v in ds.numeric(n)])
    return list(zip(*columns)) if columns else []


def _match(session, data, linked, vars1, vars2, kind, other) -> np.ndarray:
    """The observation number in ``linked`` matching each observation of ``data`` (NaN: none)."""
    for a, b in zip(vars1, vars2):
        if data.is_string(a) != linked.is_string(b):
            raise StataError(f"key variable {a} is {'string' if data.is_string(a) else 'numeric'} in frame "
                             f"{session.current_frame} but {b} is not in frame {other}", 106)
    index: dict = {}
    for position, key in enumerate(_keys(linked, vars2)):
        if key in index:
            raise StataError(f"variable{'s' if len(vars2) > 1 else ''} {' '.join(vars2)} "
                             f"{'do' if len(vars2) > 1 else 'does'} not uniquely identify the observations "
                             f"in frame {other}", 459)
        index[key] = position + 1
    own = _keys(data, vars1)
    if kind == "1:1" and len(set(own)) != len(own):
        raise StataError(f"variable{'s' if len(vars1) > 1 else ''} {' '.join(vars1)} "
                         f"{'do' if len(vars1) > 1 else 'does'} not uniquely identify the observations "
                         f"in frame {session.current_frame}", 459)
    return np.array([index.get(key, np.nan) for key in own], dtype=float)


def _link_settings(session, name: str) -> tuple[str, str, list[str], list[str]]:
    data = session.data
    name = data.resolve(name)
    if not _is_link(data, name):
        raise StataError(f"variable {name} is not an frlink variable", 459)
    return (name, _char(data, name, "frlink_frame"), _char(data, name, "frlink_vars1").split(),
            _char(data, name, "frlink_vars2").split())


def _stale(session, name: str) -> bool:
    """Whether the link no longer points at the observations its keys match."""
    _, other, vars1, vars2 = _link_settings(session, name)
    if not frame_store.exists(session, other):
        return True
    linked, data = frame_store.data_of(session, other), session.data
    if any(not linked.has_variable(v) for v in vars2):
        return True
    numbers = data.numeric(name)
    own, theirs = _keys(data, vars1), _keys(linked, vars2)
    for key, number in zip(own, numbers):
        if number == number and (number < 1 or number > len(theirs) or theirs[int(number) - 1] != key):
            return True
    return False


def _frlink_rebuild(session, rest: str) -> None:
    if len(rest.split()) != 1:
        raise invalid_syntax()
    name, other, vars1, vars2 = _link_settings(session, rest)
    frame_store.require(session, other)
    data = session.data
    kind = _char(data, name, "frlink_type")
    numbers = _match(session, data, frame_store.data_of(session, other), vars1, vars2, kind, other)
    data.df[name] = numbers
    data.changed = True
    _report_matches(session, numbers)


def _frlink_dir(session, rest: str) -> None:
    if rest:
        raise invalid_syntax()
    data = session.data
    links = [v for v in data.varnames if _is_link(data, v)]
    if not links:
        session.print("  (no frlink variables found)")
        return
    noun = "variable" if len(links) == 1 else "variables"
    session.print(f"  ({len(links)} frlink {noun} found)")
    rule = "  " + "-" * 60
    session.print(rule)
    for v in links:
        session.print(f"  {v} created by {_char(data, v, 'frlink_cmd')}")
    session.print(rule)
    session.print('  Note: Type "frlink describe varname" to find out more, including whether the variable')
    session.print("        is still valid.")
    session.set_r({"vars": " ".join(links)})


def _frlink_describe(session, rest: str) -> None:
    if len(rest.split()) != 1:
        raise invalid_syntax()
    name, other, vars1, vars2 = _link_settings(session, rest)
    data = session.data
    session.print(f"  Variable {name} created by:")
    session.print(f"    {_char(data, name, 'frlink_cmd')}")
    session.print(f"  Current frame {session.current_frame}, key variable(s): {' '.join(vars1)}")
    session.print(f"  Linked frame {other}, key variable(s): {' '.join(vars2)}")
    if _stale(session, name):
        session.print(f"  Link is invalid; type frlink rebuild {name}")
    else:
        session.print("  Link is valid")


# ----------------------------------------------------------------------------- frget
def cmd_frget(session, cmd) -> None:
    """``frget varlist, from(linkvar) [prefix() suffix() exclude(varlist)]`` and
    ``frget newvar = varname, from(linkvar)``."""
    from mlmcli.syntax.varlist import check_new_name

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, [OptionSpec("from", takes_arg=True), OptionSpec("prefix", takes_arg=True),
                                     OptionSpec("suffix", takes_arg=True), OptionSpec("exclude", takes_arg=True)])
    if not (opts.get("from") or "").strip():
        raise StataError("option from() required", 198)
    link, other, _, vars2 = _link_settings(session, opts["from"].strip())
    frame_store.require(session, other)
    if _stale(session, link):
        raise StataError(f"link variable {link} is invalid\n    The data in frame {other} have changed since "
                         f"the link was made; type frlink rebuild {link}", 459)
    linked, data = frame_store.data_of(session, other), session.data
    if "=" in body:
        if opts.get("prefix") is not None or opts.get("suffix") is not None or opts.get("exclude") is not None:
            raise StataError("options prefix(), suffix() and exclude() not allowed with newvar = varname", 198)
        left, _, right = body.partition("=")
        if len(left.split()) != 1 or len(right.split()) != 1:
            raise invalid_syntax()
        pairs = [(left.strip(), linked.resolve(right.strip()))]
    else:
        sources = linked.expand_varlist(body)
        excluded = set(linked.expand_varlist(opts["exclude"])) if opts.get("exclude") else set()
        sources = [v for v in dict.fromkeys(sources) if v not in excluded and v not in vars2]
        prefix, suffix = (opts.get("prefix") or "").strip(), (opts.get("suffix") or "").strip()
        pairs = [(f"{prefix}{v}{suffix}", v) for v in sources]
    if not pairs:
        raise StataError("no variables to copy", 102)
    for new, _ in pairs:
        check_new_name(data, new)
    numbers = data.numeric(link)
    matched = numbers == numbers
    positions = np.where(matched, numbers, 1).astype(np.int64) - 1
    missing_total = 0
    for new, source in pairs:
        if linked.is_string(source):
            values = np.asarray(linked.column(source), dtype=object)[positions] if linked.nobs else \
                np.full(len(numbers), "", dtype=object)
            values = np.where(matched, values, "")
        else:
            values = linked.numeric(source)[positions] if linked.nobs else np.full(len(numbers), np.nan)
            values = np.where(matched, values, np.nan)
        missing_total += int((~matched).sum())
        data.set_variable(new, values, linked.types.get(source))
        for attr in ("formats", "var_labels", "value_label_of"):
            meta = getattr(linked, attr)
            if source in meta:
                getattr(data, attr)[new] = meta[source]
        label = linked.value_label_of.get(source)
        if label and label in linked.value_labels:
            data.value_labels.setdefault(label, dict(linked.value_labels[label]))
    if missing_total:
        session.print(f"({missing_total:,} missing value{'s' if missing_total != 1 else ''} generated)")
    noun = "variable" if len(pairs) == 1 else "variables"
    session.print(f"({len(pairs)} {noun} copied from linked frame)")
