"""Collect, for the graph lines of ``real_graph_lines.txt`` that use macros, the macro definitions
of their own do-files (fetched repository snapshots, as ``collect_graph_lines.py`` reads them)
into ``real_graph_macros.txt``: a ``# owner/repo:path`` comment, then that file's definitions in
file order, one logical line each -- ``local``/``global`` (any abbreviation, ``quietly``/
``capture`` prefixes dropped), ``tempvar``/``tempname``/``tempfile``, ``levelsof v, local(name)``, and each loop's header as
the definition of its first pass (``foreach v in a b`` -> ``local v a``; ``forvalues i = 1/5`` ->
``local i 1``; ``foreach v of varlist|numlist|local|global ...`` -> its first element).  Only the
definitions of the macros those lines name, and of the macros those definitions name, are kept;
a ``# owner/repo:*`` block first holds the globals any do-file of the repository sets (a master
do-file's paths and option lists), which the sweep runs before each file's own.

    python3 tests/graphs_reference/collect_graph_macros.py real_graph_lines.txt MIRROR ... > real_graph_macros.txt

Not a test; reads text only (git ls-tree / git show).  ``real_lines_sweep.py`` runs a file's
definitions before a line that uses macros, so the line's text becomes what ran (plausibly: the
last definition of a macro wins; a loop's macro takes its first value)."""
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collect_graph_lines import logical_lines, stata_blocks  # noqa: E402

PREFIX = re.compile(r"^(?:(?:qui(?:e|et|etl|etly)?|noi(?:s|si|sil|sily)?|cap(?:t|tu|tur|ture)?)\s*:?\s*)*")
DEFINE = re.compile(r"^(?:loc(?:a|al)?|gl(?:o|ob|oba|obal)?)\s+(\w+)\b")
TEMP = re.compile(r"^temp(?:var|name|file)\s+(.+)$")
FOREACH = re.compile(r"^foreach\s+(\w+)\s+(?:(in)|of\s+(\w+))\s+(.*?)\s*\{\s*$")
# levelsof v [if], local(name) (gr69): the sweep makes v up (1-3, a grouping) and runs the line
LEVELSOF = re.compile(r"^levelsof\s+(\w+)\b[^,]*,.*?\bl(?:o|oc|oca|ocal)?\(\s*(\w+)\s*\)")
FORVALUES = re.compile(r"^forv(?:a|al|alu|alue|alues)?\s+(\w+)\s*=\s*(.*?)\s*\{\s*$")
GLOBAL = re.compile(r"^gl(?:o|ob|oba|obal)?\s")
USED = re.compile(r"`([A-Za-z_]\w*|\d+)'|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")  # `1': a program's argument


def used_names(text: str) -> set[str]:
    return {a or b or c for a, b, c in USED.findall(text)}


def first_number(spec: str) -> str | None:
    m = re.match(r"\s*(-?(?:\d+\.?\d*|\.\d+))", spec)
    return m.group(1) if m else None


def definition(line: str) -> tuple[list[str], str] | None:
    """(the macro names a logical line defines, the line to run) or None."""
    body = PREFIX.sub("", line.strip())
    if m := DEFINE.match(body):
        return [m.group(1)], body
    if m := LEVELSOF.match(body):
        return [m.group(2)], body
    if m := TEMP.match(body):
        return m.group(1).split(), body
    if m := FOREACH.match(body):
        name, inside, kind, rest = m.groups()
        kind = (kind or "").lower()
        if inside or kind.startswith("var") or kind.startswith("new"):
            if used_names(rest):  # foreach x in $years: its first word once expanded
                return [name], f"local {name} : word 1 of {rest}"
            words = re.findall(r'"([^"]*)"|(\S+)', rest)
            if not words:
                return None
            first = words[0][0] or words[0][1]
            if not inside:  # a varlist's first name: y* -> y1, a-c -> a
                first = re.sub(r"[*?]", "1", first.split("-")[0])
            return [name], f"local {name} {first}"
        if kind.startswith("num"):
            value = first_number(rest)
            return ([name], f"local {name} {value}") if value is not None else None
        if kind in ("loc", "loca", "local"):
            return [name], f"local {name} : word 1 of `{rest.strip()}'"
        if kind in ("gl", "glo", "glob", "globa", "global"):
            return [name], f"local {name} : word 1 of ${rest.strip()}"
        return None
    if m := FORVALUES.match(body):
        value = first_number(m.group(2))
        return ([m.group(1)], f"local {m.group(1)} {value}") if value is not None else None
    return None


def needed_definitions(defs: list[tuple[list[str], str]], names: set[str]) -> list[str]:
    """The definitions of ``names`` and of the macros those definitions name, in order."""
    needed, grew = set(names), True
    while grew:
        grew = False
        for defined, text in defs:
            if needed & set(defined) and not used_names(text) <= needed:
                needed |= used_names(text)
                grew = True
    return [text for defined, text in defs if needed & set(defined) and len(text) <= 1500]


def file_lines(mirror: str, path: str) -> list[str]:
    raw = subprocess.run(["git", "-C", mirror, "show", f"HEAD:{path}"], capture_output=True).stdout
    try:
        blob = raw.decode("utf-8")
    except UnicodeDecodeError:
        blob = raw.decode("gb18030", "replace")
    kind = path.lower().rsplit(".", 1)[-1]
    if kind != "do":
        blob = stata_blocks(blob, kind == "stmd")
    return logical_lines(blob)


def main(argv: list[str]) -> None:
    lines_file, mirrors = Path(argv[0]), argv[1:]
    wanted: dict[str, set[str]] = {}  # "owner/repo:path" -> macro names its graph lines use
    where = ""
    for raw in lines_file.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# "):
            where = raw[2:]
        elif raw.strip() and ("`" in raw or "$" in raw):
            wanted.setdefault(where, set()).update(used_names(raw))
    by_repo = {next(p for p in Path(m).parts if "+" in p).replace("+", "/", 1): m for m in mirrors}
    for repo, mirror in by_repo.items():  # globals a master do-file sets for the others
        names = set().union(*(n for w, n in wanted.items() if w.startswith(repo + ":")))
        files = subprocess.run(["git", "-C", mirror, "ls-tree", "-r", "--name-only", "HEAD"],
                               capture_output=True, text=True).stdout.split("\n")
        defs = [d for f in files if f.lower().rsplit(".", 1)[-1] in ("do", "qmd", "rmd", "stmd")
                for line in file_lines(mirror, f) if (d := definition(line)) and GLOBAL.match(d[1])]
        kept = needed_definitions(defs, names)
        if kept:
            print(f"# {repo}:*")
            print("\n".join(kept))
    for where, names in wanted.items():
        repo, _, path = where.partition(":")
        if repo not in by_repo or not path:
            continue
        defs = [d for line in file_lines(by_repo[repo], path) if (d := definition(line))]
        kept = needed_definitions(defs, names)
        if kept:
            print(f"# {where}")
            print("\n".join(kept))


if __name__ == "__main__":
    main(sys.argv[1:])
