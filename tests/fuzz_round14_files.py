"""Round 14 of the command fuzz (docs/command_fuzz.md): the data files and formats layer.

Every line runs in a fresh session (fuzz_command_data's ``full`` shape, or a setup that loads an
odd dataset) in a folder holding a corpus of odd files: good, truncated and corrupt .dta files
(wrong magic, cut in the middle, release bytes 102-119 followed by garbage, a huge nvar), a .dta
with strL, long value-label tables, 32,000-character strings, extended missing values and %tc/%td
values at their limits; CSV files with a BOM, mixed line endings, an embedded NUL, quoted
newlines, ragged rows, Latin-1 bytes, 10,000 columns, nothing at all; Excel, SPSS, SAS and
Parquet files good and corrupt; folders named like data files; names with spaces, quotes and
non-ASCII letters.  The lines are use/save/saveold/append/merge/joinby/cross, import and export
delimited/excel, import sas/spss/parquet, infile/infix/insheet/outsheet, filefilter, copy, erase
and tempfile, with their options, sometimes the same file as source and target.

Checks (besides fuzz_commands.run_case's internal errors, hangs and data changed by a failing
line): a failing line leaves **every file in the folder byte-identical** (none written, changed
or removed); a line without ``replace`` (or sheetmodify/sheetreplace, or erase) changes or removes
no file that was there; and the round trips (save then use, export delimited then import
delimited) give back what was saved.

    python3 tests/fuzz_round14_files.py [--seed 1] [--count 400] [--only dta,csv] [--show] [-v]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import struct
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402

LIMIT = 20.0

# ------------------------------------------------------------------ the corpus
# made by mlm itself in a fresh session of the fuzz's full shape (y x1 x2 b c o g t w f m z k t2 s sid)
ODD_DATA = [
    "generate strL big = \"a\" * 32000",
    "replace big = \"\" in 2",
    "generate str2045 wide = \"é\" * 1000 + \"x\"",
    "generate double em = .a",
    "replace em = .z in 2",
    "replace em = . in 3",
    "replace em = 1e300 in 4",
    "generate double tc = tc(01jan0100 00:00:00)",
    "replace tc = tc(31dec9999 23:59:59.999) in 2",
    "replace tc = 1e300 in 3",
    "format tc %tc",
    "generate double td = td(01jan0100)",
    "replace td = td(31dec9999) in 2",
    "replace td = -1e300 in 3",
    "format td %td",
    "label define long 1 \"one\"",
    "forvalues i = 2/3000 {\nlabel define long `i' \"label number `i' " + "z" * 40 + "\", add\n}",
    "label define long 3001 \"" + "L" * 2000 + "\", add",
    "label values c long",
    "label data `\"odd \"data\" é\"'",
    "char _dta[note1] \"a char\"",
    "notes y: a note on y",
]
KEYED = ["keep g t y x1 s", "bysort g t: keep if _n == 1", "rename y yk"]


# the text-like files of the corpus: name -> bytes
TEXT_FILES = {
    "text.dta": b"id,v\n1,2\n",
    "empty.csv": b"",
    "empty.txt": b"",
    "header.csv": b"a,b,c\n",
    "bom.csv": b"\xef\xbb\xbfid,v,w\n1,2,a\n2,3,b\n",
    "mixed.csv": b"id,v,w\r\n1,2,a\r2,3,b\n3,4,c\r\n",
    "nul.csv": b"id,v,w\n1,2,a\x00b\n2,3\x00,b\n",
    "quotednl.csv": b'id,v,w\n1,"two\nlines",a\n2,"a ""q"" b",b\n3,"x\r\ny",c\n',
    "ragged.csv": b"id,v,w\n1,2\n2,3,b,extra,more\n\n4\n",
    "latin1.csv": "id,nom\n1,caf\xe9\n2,na\xefve\n".encode("latin-1"),
    "unclosed.csv": b'id,v\n1,"never closed\n2,3\n',
    "wide.csv": (",".join(f"c{i}" for i in range(10000)) + "\n" + ",".join(str(i) for i in range(10000)) + "\n").encode(),
    "long.csv": b"s\n" + b"x" * 40000 + b"\n",
    "fixed.txt": b"  1  2abc\n  3  4def\n 10 20ghi\n",
    "bad.dct": b"infile dictionary {\n  x %3f\n  y %nosuch\n",
    "good.dct": b"infile dictionary using fixed.txt {\n  x %3f\n  y %3f\n}\n",
    "keep.txt": b"keep me\nline two\r\n",
    "corrupt.xlsx": b"PK\x03\x04 not really a zip",
    "text.xlsx": b"id,v\n1,2\n",
    "corrupt.xls": b"\xd0\xcf\x11\xe0 not a compound file",
}


def _write(folder: str, name: str, data: bytes) -> None:
    with open(os.path.join(folder, name), "wb") as fh:
        fh.write(data)


def _run(session_lines: list[str], folder: str, shape: str = "full") -> None:
    from mlmcli.runner import Runner

    session = fc.fresh_session(shape)
    old = os.getcwd()
    os.chdir(folder)
    try:
        for line in session_lines:
            rc = Runner(session).run_text(line, echo=False)
            if rc:
                raise RuntimeError(f"corpus line failed: {line[:80]} r({rc})\n" + session.out.stream.getvalue()[-800:])
    finally:
        os.chdir(old)


def build_corpus(folder: str) -> None:
    """The odd files every line may name (built once; restored before each line)."""
    _run(['save data.dta', 'save "sp ace.dta"', "save ünï.dta", "saveold old115.dta, version(12)",
          "export delimited using good.csv", "export excel using good.xlsx, firstrow(variables)",
          "export spss using good.sav" , "export parquet using good.parquet"], folder)
    _run(ODD_DATA + ["save odd.dta"], folder)
    _run(KEYED + ["save keyed.dta"], folder)
    _run(["drop _all", "save empty0.dta, emptyok"], folder)
    good = open(os.path.join(folder, "data.dta"), "rb").read()
    for name, cut in (("0", 0), ("1", 1), ("10", 10), ("60", 60), ("200", 200), ("half", len(good) // 2),
                      ("m40", len(good) - 40), ("m1", len(good) - 1)):
        _write(folder, f"cut{name}.dta", good[:cut])
    _write(folder, "badmagic.dta", b"<stata_dtx>" + good[11:])
    _write(folder, "release120.dta", good.replace(b"<release>117</release>", b"<release>120</release>", 1))
    _write(folder, "release112.dta", good.replace(b"<release>117</release>", b"<release>112</release>", 1))
    # old releases: the first byte is the release, then byteorder, filetype, unused, nvar, nobs
    for release in (102, 103, 104, 105, 108, 110, 111, 113, 114, 115, 116, 119):
        _write(folder, f"v{release}.dta", bytes([release, 2, 1, 0]) + struct.pack("<HI", 3, 2) + random.Random(release).randbytes(40))
    _write(folder, "v114huge.dta", bytes([114, 2, 1, 0]) + struct.pack("<HI", 65535, 2_000_000_000) + b"\0" * 200)
    # a 117 header claiming 65,535 variables and 2^31 observations, then cut
    huge = good.replace(good[good.index(b"<K>") + 3: good.index(b"</K>")], struct.pack("<H", 65535), 1)
    start = huge.index(b"<N>") + 3
    huge = huge[:start] + struct.pack("<I", 2**31 - 1) + huge[start + 4:]
    _write(folder, "hugenvar.dta", huge[: len(huge) // 2])
    for name, content in TEXT_FILES.items():
        _write(folder, name, content)
    for name in ("corrupt.sav", "corrupt.por", "corrupt.sas7bdat", "corrupt.xpt", "corrupt.parquet", "empty.sav",
                 "empty.parquet", "empty.xlsx"):
        _write(folder, name, b"" if name.startswith("empty") else b"garbage bytes, not the format\n" * 3)
    for name in ("dir.dta", "dir.csv", "dir.xlsx", "dir.txt"):
        os.makedirs(os.path.join(folder, name), exist_ok=True)
    ro = os.path.join(folder, "readonly.dta")
    with open(ro, "wb") as fh:
        fh.write(good)
    os.chmod(ro, 0o444)


def snapshot(folder: str) -> dict[str, str]:
    """Every file and folder under ``folder``: its bytes' digest (or 'dir')."""
    seen = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            seen[os.path.relpath(os.path.join(root, name), folder)] = "dir"
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as fh:
                seen[os.path.relpath(path, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return seen


def restore(folder: str, corpus: str) -> None:
    """The folder as the corpus (files the last line made removed, changed ones put back)."""
    import shutil

    for entry in os.listdir(folder):
        path = os.path.join(folder, entry)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.chmod(path, 0o644)
            os.remove(path)
    for entry in os.listdir(corpus):
        src = os.path.join(corpus, entry)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(folder, entry))
        else:
            shutil.copy2(src, os.path.join(folder, entry))


# ------------------------------------------------------------------ the lines
DTA = ["data.dta", "data", "odd.dta", "keyed.dta", "empty0.dta", '"sp ace.dta"', "ünï.dta", "old115.dta",
       "cut0.dta", "cut1.dta", "cut10.dta", "cut60.dta", "cut200.dta", "cuthalf.dta", "cutm40.dta", "cutm1.dta", "badmagic.dta", "release120.dta",
       "release112.dta", "v102.dta", "v105.dta", "v110.dta", "v113.dta", "v114.dta", "v115.dta", "v119.dta",
       "v114huge.dta", "hugenvar.dta", "text.dta", "dir.dta", "nosuch.dta", "nosuchdir/x.dta", '""', '"qu\'ote.dta"',
       "readonly.dta", "good.csv", "dir", '"data.dta', "`tf'", "good.parquet", "good.sav"]
CSV = ["good.csv", "empty.csv", "header.csv", "bom.csv", "mixed.csv", "nul.csv", "quotednl.csv", "ragged.csv",
       "latin1.csv", "unclosed.csv", "wide.csv", "long.csv", "dir.csv", "nosuch.csv", "data.dta", "fixed.txt",
       "keep.txt", '"sp ace.csv"', "empty.txt", "good"]
TARGET = ["new.dta", "data.dta", "odd.dta", "dir.dta", "nosuchdir/x.dta", '"new space.dta"', "nëw.dta", '""',
          "readonly.dta", "new", "good.csv", "`tf'", '"qu\'ote.dta"', "new.csv", "keep.txt", "dir"]
XLS = ["good.xlsx", "corrupt.xlsx", "text.xlsx", "corrupt.xls", "empty.xlsx", "dir.xlsx", "nosuch.xlsx", "good.csv",
       "data.dta"]
FOREIGN = ["good.sav", "corrupt.sav", "corrupt.por", "empty.sav", "corrupt.sas7bdat", "corrupt.xpt", "good.parquet",
           "corrupt.parquet", "empty.parquet", "data.dta", "dir.dta", "nosuch.sav", "good.csv"]
VARS = ["y x1", "y", "nosuch", "s", "_all", "y-x2", "x*", "big tc", "yk", "c"]


def _opts(rng, options: list[str], most: int = 3) -> str:
    chosen = rng.sample(options, rng.randint(0, min(most, len(options))))
    return (", " + " ".join(chosen)) if chosen else ""


def _dta_lines(rng):
    f = rng.choice(DTA)
    return rng.choice([
        f"use {f}" + _opts(rng, ["clear", "nolabel", "clear"]),
        f"use {rng.choice(VARS)} using {f}" + _opts(rng, ["clear", "nolabel"]),
        f"use {f} in {rng.choice(['1/5', '0', '-1', '41/50', 'f', '1e10'])}, clear",
        f"use {f} if {rng.choice(['x1 > 0', 'nosuch', 's', 'yk < .'])}, clear",
        f"use {rng.choice(VARS)} if y > 0 in 1/3 using {f}, clear",
        f"describe using {f}" + _opts(rng, ["short", "simple", "varlist"]),
        f"append using {f}" + _opts(rng, ["generate(src)", "generate(y)", "force", "nolabel", "nonotes", "keep(y s)", "keep(nosuch)"]),
        f"append using {f} {rng.choice(DTA)}" + _opts(rng, ["force", "generate(src)"]),
        f"merge 1:1 _n using {f}" + _opts(rng, ["keep(match)", "nogenerate", "update", "update replace", "force", "generate(g)", "keepusing(y)", "nolabel", "noreport"]),
        f"merge m:1 g t using {f}" + _opts(rng, ["keep(1 3)", "assert(match)", "nogenerate", "force", "generate(mm)", "update"]),
        f"merge 1:1 g t using {f}" + _opts(rng, ["nogenerate", "force"]),
        f"joinby g using {f}" + _opts(rng, ["unmatched(both)", "unmatched(master)", "_merge(jm)", "update", "replace", "nolabel"]),
        f"joinby g t using {f}" + _opts(rng, ["unmatched(using)", "_merge(y)"]),
        f"cross using {f}",
        f"merge 1:1 _n using {f} {rng.choice(DTA)}, nogenerate",
        f"save {rng.choice(TARGET)}" + _opts(rng, ["replace", "nolabel", "emptyok", "orphans", "all", "compress", "version(117)"]),
        f"saveold {rng.choice(TARGET)}" + _opts(rng, ["replace", "version(11)", "version(12)", "version(13)", "version(14)", "version(9)", "nolabel"]),
        f"use {f}, clear\nsave {rng.choice(['', f, rng.choice(TARGET)])}" + _opts(rng, ["replace", "nolabel"]),
        "save" + _opts(rng, ["replace", "emptyok"]),
        f"tempfile tf\nsave `tf'" + _opts(rng, ["replace"]) + f"\n{rng.choice(['use', 'append using', 'merge 1:1 _n using', 'cross using'])} `tf'" + _opts(rng, ["clear", "nogenerate"], 1),
        f"tempfile tf tf\nuse `tf', clear",
        f"tempfile {rng.choice(['', '1a', 'a b', 'tf, replace'])}",
        f"use {f}, clear\nappend using {f}, generate(src)",
        f"use {f}, clear\nmerge 1:1 _n using {f}" + _opts(rng, ["update", "update replace", "nogenerate"]),
        f"use {f}, clear\nsave {f}, replace",
        f"use odd.dta, clear\n{rng.choice(['append using', 'merge 1:1 _n using', 'cross using', 'joinby g using'])} {f}"
        + _opts(rng, ["nolabel", "force", "nogenerate"]),
        f"describe using {f}, {rng.choice(['short', 'simple', 'varlist', 'fullnames', 'numbers', 'nosuch'])}",
    ])


FILTERS = ['from(a) to(b)', 'from("\\r\\n") to("\\n")', 'from(\\000d) to(X)', 'from() to(x)', 'from(a)',
           'from("\\M") to("\\U")', 'from(\\LQ) to(\\RQ)', 'from(x) to(y) replace', 'from(1) to(2) replace']
SPACE_TXT = '"sp ace.txt"'
ERASE = ['dir.csv', 'nosuch.csv', '"sp ace.dta"', 'readonly.dta', '""', '*.csv']


def _csv_lines(rng):
    f = rng.choice(CSV)
    opts = ["clear", "clear", "varnames(1)", "varnames(nonames)", "varnames(2)", "varnames(0)", "delimiters(\",\")",
            "delimiters(tab)", 'delimiters(";")', "delimiters(\"\")", "encoding(latin1)", "encoding(nosuch)",
            "encoding(utf-8)", "rowrange(2)", "rowrange(2:3)", "rowrange(:0)", "rowrange(5:2)", "colrange(2)",
            "colrange(9000:)", "stringcols(_all)", "numericcols(2)", "asdouble", "case(upper)", "case(preserve)",
            "bindquote(strict)", "bindquote(nobind)", "stripquotes(yes)", "maxquotedrows(0)", "maxquotedrows(unlimited)",
            "emptylines(include)", "nosuchopt", "clear clear", "lazy", "clear lazy"]
    return rng.choice([
        f"import delimited {rng.choice(['', 'using '])}{f}" + _opts(rng, opts, 4),
        f"import delimited {rng.choice(['v1 v2', 'a b c d', 'x'])} using {f}" + _opts(rng, opts, 3),
        f"insheet using {f}" + _opts(rng, ["clear", "names", "nonames", "comma", "tab", "delimiter(\";\")", "double", "case"]),
        f"insheet a b using {f}, clear",
        f"export delimited {rng.choice(['', 'y s ', 'nosuch ', 'big '])}using {rng.choice(TARGET)}" + _opts(rng, ["replace", "delimiter(tab)", "delimiter(\";\")", "nolabel", "quote", "novarnames", "datafmt"]),
        f"export delimited {rng.choice(TARGET)} if x1 > 0" + _opts(rng, ["replace"]),
        f"outsheet {rng.choice(['', 'y s '])}using {rng.choice(TARGET)}" + _opts(rng, ["replace", "comma", "noquote", "nonames", "nolabel", "delimiter(\"|\")"]),
        f"infile x y using {f}" + _opts(rng, ["clear", "automatic"]),
        f"infile x y str3 z using {f}, clear",
        f"infile using {rng.choice(['good.dct', 'bad.dct', 'nosuch.dct', 'dir.txt', 'empty.txt'])}" + _opts(rng, ["clear", "using(fixed.txt)"]),
        f"infix x 1-3 y 4-6 str z 7-9 using {f}" + _opts(rng, ["clear"]),
        f"infix x 1-3 y 3-1 using {f}, clear",
        f"infix {rng.choice(['x 0-3', 'x 1-1e9', 'str2046 z 1-3', '2 lines x 1-2', 'x 1-3 x 4-6'])} using {f}, clear",
        f"filefilter {f} {rng.choice(['out.txt', f, 'keep.txt', 'dir.txt', 'nosuchdir/o.txt', SPACE_TXT])}, "
        + rng.choice(FILTERS),
        f"copy {f} {rng.choice(['out.txt', f, 'keep.txt', 'dir.txt', 'nosuchdir/o.txt', 'dir'])}" + _opts(rng, ["replace", "text", "public"]),
        f"erase {rng.choice([f, *ERASE])}",
        f"rm {f}",
        f"type {f}" + _opts(rng, ["asis", "smcl", "lines(2)", "lines(-1)"]),
        f"checksum {f}" + _opts(rng, ["save", "replace"]),
    ])


def _excel_lines(rng):
    f = rng.choice(XLS)
    return rng.choice([
        f"import excel {rng.choice(['', 'using '])}{f}" + _opts(rng, ["clear", "clear", "firstrow", "sheet(Sheet1)", "sheet(nosuch)",
                                                                        "sheet(\"\")", "cellrange(A1:B3)", "cellrange(Z99:A1)",
                                                                        "cellrange(XFD1048576)", "cellrange(:)", "allstring",
                                                                        "case(lower)", "describe", "nosuch"], 4),
        f"import excel y x1 using {f}, clear",
        f"export excel {rng.choice(['', 'y s ', 'big ', 'nosuch '])}using {rng.choice(['new.xlsx', 'good.xlsx', 'dir.xlsx', 'nosuchdir/a.xlsx', 'new.xls', 'data.dta', 'corrupt.xlsx', 'new'])}"
        + _opts(rng, ["replace", "sheet(S)", "sheet(Sheet1)", "sheet(\"a/b\")", "sheetmodify", "sheetreplace", "firstrow(variables)",
                      "firstrow(varlabels)", "cell(B2)", "cell(XFD1048576)", "cell(0)", "nolabel", "missing(.)", "datestring(%td)"], 4),
    ])


def _foreign_lines(rng):
    f = rng.choice(FOREIGN)
    return rng.choice([
        f"import {rng.choice(['sas', 'spss', 'parquet'])} {rng.choice(['', 'using '])}{f}" + _opts(rng, ["clear", "clear", "case(lower)", "encoding(latin1)", "nosuch"]),
        f"import spss y x1 using {f}, clear",
        f"import sas {rng.choice(['y', 'nosuch', '_all'])} using {f}, clear",
        rng.choice(["odbc list", "odbc query", f'odbc load, exec("select 1") dsn("{f}") clear',
                    "odbc insert y, table(t) dsn(x)", "odbc", 'odbc sqlfile("a.sql"), dsn(x)']),
        f"use {f}, clear",
        f"use {rng.choice([f, '*.parquet', 'good*.parquet'])}, clear lazy",
        f"export {rng.choice(['spss', 'parquet'])} using {rng.choice(['new.sav', 'good.sav', 'good.parquet', 'dir.dta', 'new.parquet', 'nosuchdir/a.sav'])}"
        + _opts(rng, ["replace"]),
    ])


ROUNDTRIP_SETUPS = [ODD_DATA, ["use keyed.dta, clear"], ["use data.dta, clear"], ["keep in 1", "drop in 1"],
                    ["keep s", "replace s = `\"a \"q\" b, c\"' in 1", "replace s = \"é\\n\" in 2", "replace s = \"  lead\" in 3"]]


def _roundtrip(rng):
    """(setup, line, check) where check compares the data after the line with those before."""
    setup = list(rng.choice(ROUNDTRIP_SETUPS))
    return setup, rng.choice([
        "save rt.dta, replace\nuse rt.dta, clear",
        "save rt.dta, replace emptyok\nuse rt.dta, clear",
        "tempfile tf\nsave `tf'\nuse `tf', clear",
        "preserve\nsave rt.dta, replace\nrestore",
    ])


FAMILIES = {"dta": _dta_lines, "csv": _csv_lines, "excel": _excel_lines, "foreign": _foreign_lines}
SETUPS = [[], [], ["use odd.dta, clear"], ["use odd.dta, clear"], ["use keyed.dta, clear"], ["drop _all"], ["keep in 1"], ["use empty0.dta, clear"],
          ["tempfile tf", "save `tf'"]]


def make_cases(seed: int, count: int, only: set[str] | None = None) -> list[tuple[str, Case]]:
    rng = random.Random(seed)
    names = [n for n in [*FAMILIES, "roundtrip"] if not only or n in only]
    cases = []
    for i in range(count):
        family = names[i % len(names)]
        if family == "roundtrip":
            setup, line = _roundtrip(rng)
        else:
            setup, line = list(rng.choice(SETUPS)), FAMILIES[family](rng)
            *before, line = line.split("\n")  # earlier lines are setup: the checks are on the last one
            setup += before
            if rng.random() < 0.2:
                line = rng.choice(["capture ", "quietly ", "capture noisily "]) + line
        cases.append((family, Case(family, "full", tuple(setup), line)))
    return cases


# ------------------------------------------------------------------ running and checking
_ALLOWS_CHANGE = ("replace", "sheetmodify", "sheetreplace")


def check_files(case: Case, rc: int, before: dict, after: dict) -> str | None:
    """None, or what a line did to the folder that it must not."""
    changed = sorted(k for k in before if after.get(k) != before[k] and k in after)
    removed = sorted(k for k in before if k not in after)
    created = sorted(k for k in after if k not in before)
    if rc != 0 and (changed or removed or created):
        return f"failing line (rc {rc}) touched files: changed {changed} removed {removed} created {created}"
    text = case.line
    bare = fc._bare(text.splitlines()[-1])
    erases = bare.startswith(("erase", "rm "))
    if removed and not erases:
        return f"removed {removed} without erase"
    if changed and not any(word in text for word in _ALLOWS_CHANGE):
        return f"changed {changed} without replace"
    return None


def run_one(case: Case, folder: str, corpus: str) -> tuple[int, list, str]:
    restore(folder, corpus)
    before = snapshot(folder)
    if case.command == "roundtrip":
        return _run_roundtrip(case, folder)
    rc, findings, printed = fc.run_case(case, folder)
    if rc == -1:  # a hang: the files may be half written
        return rc, findings, printed
    problem = check_files(case, rc, before, snapshot(folder))
    if problem:
        findings.append(fc.Finding("files", case, problem))
    return rc, findings, printed


def saved_view(session) -> dict:
    """What a .dta file keeps, as comparable values (dicts compared as dicts, formats as shown)."""
    data = session.data
    fingerprint = fc.fingerprint(session)
    return {"columns": fingerprint[0], "N": fingerprint[1], "values": fingerprint[2],
            "var_labels": {k: v for k, v in data.var_labels.items() if v},
            "value_label_of": dict(data.value_label_of), "value_labels": dict(data.value_labels),
            "formats": {name: data.format_of(name) for name in data.varnames},
            "types": {name: data.types.get(name) for name in data.varnames},
            "sortedby": data.sortedby, "label": data.label, "chars": dict(data.chars)}


def _run_roundtrip(case: Case, folder: str) -> tuple[int, list, str]:
    from mlmcli.runner import Runner

    session = fc.fresh_session("full")
    runner = Runner(session)
    old = os.getcwd()
    os.chdir(folder)
    try:
        for line in case.setup:
            runner.run_text(line, echo=False)
        before = saved_view(session)
        session.out.stream.seek(0)
        session.out.stream.truncate()
        with fc.watchdog(LIMIT):
            rc = runner.run_text(case.line, echo=False)
        printed = session.out.stream.getvalue()
        findings = []
        if rc:
            findings.append(fc.Finding("roundtrip", case, f"r({rc}): {printed[-300:]}"))
        else:
            after = saved_view(session)
            lost = [n for n in before if before[n] != after[n]]
            if lost:
                findings.append(fc.Finding("roundtrip", case, f"differs after the round trip: {lost}"))
        return rc, findings, printed
    except fc._Hung:
        return -1, [fc.Finding("hang", case, "roundtrip still running")], ""
    finally:
        os.chdir(old)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--only", default="")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--limit", type=float, default=LIMIT)
    args = parser.parse_args(argv)
    fc.LIMIT = args.limit
    cases = make_cases(args.seed, args.count, set(args.only.split(",")) if args.only else None)
    if args.show:
        for family, case in cases:
            print(f"[{family}] {' ; '.join(case.setup)[:60]} -> {case.line!r}")
        return 0
    fc._install_traceback_hook()
    found, rcs, start = [], {}, time.monotonic()
    with tempfile.TemporaryDirectory() as corpus, tempfile.TemporaryDirectory() as folder, fc.memory_cap(), \
            warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        build_corpus(corpus)
        for family, case in cases:
            rc, findings, printed = run_one(case, folder, corpus)
            rcs[rc] = rcs.get(rc, 0) + 1
            if args.v:
                first = next((ln for ln in printed.splitlines() if ln.strip()), "")[:70]
                print(f"[{family:9}] rc={rc:<4} {case.line[:100]!r} | {first}", flush=True)
            for f in findings:
                print(f"** {f.kind}: [{family}] setup={list(case.setup)[:3]}\n   . {case.line!r}\n   {f.detail}", flush=True)
            found.extend(findings)
    print(f"{len(cases)} lines in {time.monotonic() - start:.0f} s; rcs {dict(sorted(rcs.items()))}; "
          f"{len(found)} findings ({len({f.case.line for f in found})} distinct lines)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
