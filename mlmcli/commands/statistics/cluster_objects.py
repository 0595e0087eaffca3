"""The store of cluster analyses in the dataset's characteristics, kept as cluster.ado keeps
it: ``_dta[_cluster_objects]`` lists the names (newest first); ``_dta[name]`` holds
``"cmd name_cmd" "vars name_vars" "info name_info"`` (and ``"notes ..."``), pointers to the
characteristics holding the command line, the varlist, the info items (``t type``, ``m
method``, ``d dissimilarity``, ``v tag var``, ``o tag value``) and the notes.

The utilities ([MV] cluster utility, cluster notes, cluster programming's query): dir,
list, drop, use, rename, renamevar, notes, query.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.syntax.varlist import is_name

MAIN = "_cluster_objects"
STUB = "_clus"
_ITEM = re.compile(r'"([^"]*)"|(\S+)')


def _items(text: str) -> list[str]:
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _ITEM.finditer(text or "")]


def _quoted(items) -> str:
    return " ".join(f'"{item}"' if " " in item else item for item in items)


def names(ds) -> list[str]:
    return (ds.chars.get(MAIN) or "").split()


def expand(ds, typed: str, onlyone: bool = False) -> list[str]:
    """cluster.ado's ExpandNames: each typed pattern (``*``, ``?``) matches defined names."""
    from fnmatch import fnmatchcase

    found = []
    for pattern in typed.split():
        hits = [n for n in names(ds) if fnmatchcase(n, pattern)]
        if not hits:
            raise StataError(f"{pattern} not found", 198)
        found += hits
    if onlyone and len(found) != 1:
        raise StataError("multiple names not allowed", 198)
    return found


def new_name(ds, typed: str | None) -> str:
    """The name of a new analysis: typed (checked) or the first free _clus_#."""
    current = names(ds)
    if typed:
        if not is_name(typed):
            raise StataError(f"{typed} invalid name", 198)
        if typed in current:
            raise StataError(f"{typed} already defined", 198)
        if ds.chars.get(typed):
            raise StataError(f"char _dta[{typed}] already defined", 198)
        return typed
    i = 1
    while f"{STUB}_{i}" in current or ds.chars.get(f"{STUB}_{i}"):
        i += 1
    return f"{STUB}_{i}"


def store(ds, name: str, *, info: list[str], cmd: str, varlist: list[str] | None) -> None:
    """Add the analysis ``name`` at the front of the list with its pointer characteristics
    (no varlist after clustermat)."""
    ds.chars[f"{name}_cmd"] = cmd
    if varlist is not None:
        ds.chars[f"{name}_vars"] = " ".join(varlist)
    ds.chars[f"{name}_info"] = _quoted(info)
    ds.chars[name] = _quoted([f"cmd {name}_cmd"] + ([f"vars {name}_vars"] if varlist is not None else [])
                             + [f"info {name}_info"])
    ds.chars[MAIN] = " ".join([name] + names(ds))
    ds.changed = True


def _pointers(ds, name: str) -> dict[str, list[str]]:
    out = {}
    for item in _items(ds.chars.get(name, "")):
        kind, *ptrs = item.split()
        out[kind] = ptrs
    return out


def query(ds, name: str) -> dict:
    """cluster query name's r(): type, method, dissimilarity, notes, v#_tag/_name, o#_tag/_val,
    <tag>var."""
    ptrs = _pointers(ds, name)
    r: dict[str, str] = {"name": name}
    others, variables, notes = [], [], []
    for ptr in ptrs.get("cmd", []):
        others.append(("cmd", ds.chars.get(ptr, "")))
    for ptr in ptrs.get("vars", []):
        others.append(("varlist", ds.chars.get(ptr, "")))
    for ptr in ptrs.get("info", []):
        for item in _items(ds.chars.get(ptr, "")):
            first, _, rest = item.partition(" ")
            if first in ("t", "m", "d", "s"):
                r[{"t": "type", "m": "method", "d": "dissimilarity", "s": "similarity"}[first]] = rest
            elif first == "v":
                tag, _, var = rest.partition(" ")
                variables.append((tag, var))
            elif first == "o":
                tag, _, value = rest.partition(" ")
                others.append((tag, value))
    for ptr in ptrs.get("notes", []):
        notes.append(ds.chars.get(ptr, ""))
    for i, (tag, var) in enumerate(variables, 1):
        r[f"v{i}_tag"], r[f"v{i}_name"], r[f"{tag}var"] = tag, var, var
    for i, (tag, value) in enumerate(others, 1):
        r[f"o{i}_tag"], r[f"o{i}_val"] = tag, value
    for i, text in enumerate(notes, 1):
        r[f"note{i}"] = text
    return r


def _set_pointers(ds, name: str, ptrs: dict[str, list[str]]) -> None:
    ds.chars[name] = _quoted([f"{kind} {' '.join(p)}" for kind in ("cmd", "vars", "info", "notes")
                              if (p := ptrs.get(kind))])


def drop(ds, name: str) -> None:
    """cluster drop: the variables, the pointer characteristics and the name go."""
    r = query(ds, name)
    doomed = [r[k] for k in r if re.fullmatch(r"v\d+_name", k) and r[k] in ds.varnames]
    for ptrs in _pointers(ds, name).values():
        for ptr in ptrs:
            ds.chars.pop(ptr, None)
    ds.chars.pop(name, None)
    left = [n for n in names(ds) if n != name]
    if left:
        ds.chars[MAIN] = " ".join(left)
    else:
        ds.chars.pop(MAIN, None)
    if doomed:
        ds.drop_variables(doomed)
    ds.changed = True


def rename(ds, old: str, new: str) -> None:
    old = expand(ds, old, onlyone=True)[0]
    if old == new:
        return
    if new in names(ds):
        raise StataError(f"{new} cluster name already in use", 198)
    if ds.chars.get(new):
        raise StataError(f"_dta[{new}] char already in use", 198)
    if not is_name(new):
        raise StataError(f"{new} invalid name", 198)
    ds.chars[new] = ds.chars.pop(old)
    listed = names(ds)
    ds.chars[MAIN] = " ".join(new if n == old else n for n in listed)
    ds.changed = True


def rename_variable(ds, name: str, old: str, new: str, prefix: bool) -> None:
    """cluster renamevar: rename the variable(s) and their v entries in the info items."""
    r = query(ds, name)
    pairs = {}
    for i in range(1, 100):
        var = r.get(f"v{i}_name")
        if var is None:
            break
        if (prefix and var.startswith(old)) or (not prefix and var == old):
            target = new + var[len(old):] if prefix else new
            if target in ds.varnames:
                raise StataError(f"variable {target} already defined", 110)
            pairs[var] = target
    if not pairs:
        raise StataError(f"variable {'prefix ' if prefix else ''}{old} not found in {name}", 198)
    ds.rename_variables(pairs)
    for ptr in _pointers(ds, name).get("info", []):
        items = []
        for item in _items(ds.chars.get(ptr, "")):
            parts = item.split(" ")
            if parts[0] == "v" and len(parts) == 3 and parts[2] in pairs:
                item = f"v {parts[1]} {pairs[parts[2]]}"
            items.append(item)
        ds.chars[ptr] = _quoted(items)
    ds.changed = True


def use(ds, name: str) -> None:
    name = expand(ds, name, onlyone=True)[0]
    ds.chars[MAIN] = " ".join([name] + [n for n in names(ds) if n != name])
    ds.changed = True


def add_note(ds, name: str, text: str) -> None:
    """The note in the first free of name_note, name_note1, name_note2, ... (cluster.ado's GetAName)."""
    ptrs = _pointers(ds, name)
    i, ptr = 0, f"{name}_note"
    while ds.chars.get(ptr):
        i += 1
        ptr = f"{name}_note{i}"
    ds.chars[ptr] = text
    ptrs.setdefault("notes", []).append(ptr)
    _set_pointers(ds, name, ptrs)
    ds.changed = True


def drop_notes(ds, name: str, numbers: list[int] | None) -> None:
    ptrs = _pointers(ds, name)
    current = ptrs.get("notes", [])
    chosen = range(1, len(current) + 1) if numbers is None else numbers
    for number in chosen:
        if number > len(current):
            raise StataError(f"cluster note {number} not found", 198)
    for number in chosen:
        ds.chars.pop(current[number - 1], None)
    ptrs["notes"] = [p for i, p in enumerate(current, 1) if i not in set(chosen)]
    _set_pointers(ds, name, ptrs)
    ds.changed = True


def _paragraph(lead: str, body: str, width: int) -> list[str]:
    """SMCL's {p a 17}: the lead then the body, wrapped at the line size, later lines at 17."""
    import textwrap

    return textwrap.wrap(body, width, initial_indent=lead, subsequent_indent=" " * 17,
                         break_long_words=False, break_on_hyphens=False) or [lead.rstrip()]


def listing(ds, chosen: list[str], parts: set[str], width: int = 79) -> str:
    """cluster list's text (cluster.ado's ClustList; its {p} paragraphs wrapped at ``width``)."""
    lines = []
    for name in chosen:
        r = query(ds, name)
        head = ""
        if parts & {"type", "method", "dissimilarity", "similarity"}:
            fields = [f"{key}: {r[key]}" for key in ("type", "method", "dissimilarity", "similarity")
                      if key in parts and r.get(key)]
            head = "  (" + ",  ".join(fields) + ")"
        lines += _paragraph("", name + head, width)
        if "notes" in parts:
            i = 1
            while f"note{i}" in r:
                lead = "     notes: " if i == 1 else " " * 12
                lines += _paragraph(f"{lead}{i:>3}. ", r[f"note{i}"], width)
                i += 1
        for section, key in (("vars", "v"), ("other", "o")):
            if section not in parts:
                continue
            i = 1
            while f"{key}{i}_tag" in r:
                lead = ("      vars: " if section == "vars" else "     other: ") if i == 1 else " " * 12
                body = (f"{r[f'v{i}_name']} ({r[f'v{i}_tag']} variable)" if key == "v"
                        else f"{r[f'o{i}_tag']}: {r[f'o{i}_val']}")
                lines += _paragraph(lead, body, width)
                i += 1
        lines.append("")
    return "\n".join(lines)
