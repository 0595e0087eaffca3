"""Collect the graph command lines of the .do files of fetched repository snapshots (git
directories, as the ``fetch`` tool leaves them under /work/.mirror/owner+name/) into the format
of ``real_graph_lines.txt``: one logical line each (``///`` continuations and ``#delimit ;``
joined, comments dropped), deduplicated, ``# owner/repo:path`` before each file's lines.

    python3 tests/graphs_reference/collect_graph_lines.py /work/.mirror/a+b/repo ... > lines.txt
    python3 tests/graphs_reference/collect_graph_lines.py --known real_graph_lines.txt MIRROR ... >> ...

(``--known FILE``: lines FILE already holds are left out, to append new repositories' lines.)

Not a test; reads text only (git ls-tree / git show).  The commands kept start with a graph
command word (twoway, scatter, graph bar ..., histogram, kdensity, dotplot ...), lower case.
Besides .do files, the Stata code blocks of Quarto/R Markdown (.qmd, .Rmd: ```{stata ...}
fences) and markstat (.stmd: ```s fences and blocks indented by a tab or 4 spaces) documents."""
import re, subprocess, sys
from pathlib import Path

GRAPH_START = re.compile(r"""^(?:(?:qui(?:etly)?|noi(?:sily)?|cap(?:ture)?)\s*:?\s*)*(
   tw(?:o|ow|owa|oway)?\b | gr(?:a|ap|aph)?\s+(?:tw(?:o|ow|owa|oway)?|bar|hbar|box|hbox|dot|combine|export|pie|matrix|display|save|use|drop|dir)\b
 | sc(?:a|at|att|atte|atter)?\b | line\b | hist(?:o|og|ogr|ogra|ogram)?\b | kdens(?:i|it|ity)?\b
 | qnorm\b | pnorm\b | lowess\b | marginsplot\b | lpoly\b | connected\b | rcap\b | area\b
 | graph\s+twoway\b | qqplot\b | symplot\b | quantile\b | gladder\b | qladder\b | avplots?\b | rvfplot\b | rvpplot\b | lvr2plot\b | cprplot\b | acprplot\b | dotplot\b | spikeplot\b | stripplot\b
)""", re.X | re.I)

def split_comment(raw):
    """(code, continued): the line before a ``//`` or ``///`` that starts a comment (at the line's
    start or after a blank, outside double quotes); continued when it was ``///``."""
    quoted = False
    for i, ch in enumerate(raw):
        if ch == '"':
            quoted = not quoted
        elif not quoted and raw.startswith("//", i) and (i == 0 or raw[i - 1] in " \t"):
            return raw[:i], raw.startswith("///", i)
    return raw, False


def logical_lines(text):
    # strip /* */ comments (not nested-aware beyond simple), handle #delimit ;
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    out = []
    delim = False
    buf = ""
    for raw in text.splitlines():
        s = raw.strip()
        if re.match(r"#d(elim(it)?)?\s*;", s):  # `#delimit;` too (Mixtape's synth_7.do)
            delim = True; buf = ""; continue
        if re.match(r"#d(elim(it)?)?\s+cr", s):
            delim = False; buf = ""; continue
        if delim:
            s2 = re.sub(r"(^|\s)//.*$", "", s)
            if s2.startswith("*") and not buf.strip():
                continue
            buf += " " + s2
            while ";" in buf:
                cmd, buf = buf.split(";", 1)
                out.append(cmd.strip())
            continue
        # /// continuation, // comment: outside quoted strings (as mlm's do-file reader, and
        # Stata: agrogan1's caption("{stMono:twoway (kdensity x), ///}") shows the code it ran)
        code, continued = split_comment(raw)
        if continued:
            buf += " " + code.strip()
            continue
        if s.startswith("*") and not buf:
            continue
        out.append((buf + " " + code.strip()).strip())
        buf = ""
    return [re.sub(r"\s+", " ", l) for l in out if l]

FENCE_STATA = re.compile(r"^```+\s*(\{\s*stata\b[^}]*\}|stata\b|s\b|\{s\b[^}]*\})", re.I)


def stata_blocks(text, markstat):
    """The Stata code of a Quarto/R Markdown/markstat document, blocks joined by blank lines."""
    out, fence = [], None
    for raw in text.splitlines():
        s = raw.rstrip()
        if fence is not None:
            if s.lstrip().startswith("```"):
                fence = None
                out.append("")
            elif fence:
                out.append(s)
            continue
        if s.lstrip().startswith("```"):
            fence = bool(FENCE_STATA.match(s.lstrip()))
            continue
        # markstat: a block indented by a tab or 4 spaces is Stata code
        if markstat and (s.startswith("\t") or s.startswith("    ")):
            out.append(s.strip())
        else:
            out.append("")
    return "\n".join(out)


def main(argv):
    seen = set()
    if argv[:1] == ["--known"]:
        seen = {l for l in Path(argv[1]).read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")}
        argv = argv[2:]
    mirrors = argv
    printed = None
    for m in mirrors:
        repo = next(p for p in Path(m).parts if "+" in p).replace("+", "/", 1)
        files = subprocess.run(["git", "-C", m, "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True).stdout.split("\n")
        for f in files:
            kind = f.lower().rsplit(".", 1)[-1]
            if kind not in ("do", "qmd", "rmd", "stmd"):
                continue
            raw = subprocess.run(["git", "-C", m, "show", f"HEAD:{f}"], capture_output=True).stdout
            try:
                blob = raw.decode("utf-8")
            except UnicodeDecodeError:
                blob = raw.decode("gb18030", "replace")
            if kind != "do":
                blob = stata_blocks(blob, kind == "stmd")
            for line in logical_lines(blob):
                # Stata's command words are lower case: "TW 23mar1996 76.2" (input data), prose
                if not GRAPH_START.match(line) or not re.match(r"[a-z]", line):
                    continue
                if len(line) > 1500:
                    continue
                key = line
                if key in seen:
                    continue
                seen.add(key)
                if printed != (repo, f):  # the provenance once before a file's lines
                    print(f"# {repo}:{f}")
                    printed = (repo, f)
                print(line)

if __name__ == "__main__":
    main(sys.argv[1:])
