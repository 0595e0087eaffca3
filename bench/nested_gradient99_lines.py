"""The printed output of every nested-level ``me`` line (two or more ``||`` levels, a family
other than gaussian) of the real-world corpus and held-out do-files, under one checkout --
for comparing the output before and after a change to the nested GLMM engine (branch nq99).

usage: PYTHONPATH=CHECKOUT python3 bench/nested_gradient99_lines.py OUT.json [--timeout S] [--files GLOB ...]

Each file is run as ``tests/realworld/measure.py`` runs it (look-alike data, every line in
one session); the output and CPU seconds of the nested lines are written to OUT.json
({file: {lineno: {"text", "output", "cpu"}}}).  Compare two such files with ``--diff A B``.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RW = ROOT / "tests" / "realworld"
NESTED_ME = re.compile(r"\b(melogit|meqrlogit|mepoisson|meqrpoisson|xtmelogit|xtmepoisson|meprobit|menbreg|"
                       r"meologit|meoprobit|mestreg|mecloglog|meglm)\b[^|]*\|\|[^|]*\|\|")
FILES = ["corpus/bollens-lund/meqrlogit_analysis.do", "heldout/reddoor-stdmest/stdmest_example_data.do",
         "heldout/curry-lee/regular_order.do", "heldout/joly/protest_apc.do",
         "heldout/anon-sealice/sealice_melogit.do", "heldout/anon-ess-field-gal/field_of_education_melogit.do",
         "heldout/foreman/state_cause_re.do", "heldout/petito/teensex_ch7.do"]


def collect(out_path: Path, timeout: float, files: list[str]) -> None:
    sys.path.insert(0, str(RW))
    import measure
    original = measure._run_item
    records: dict = {}

    def run_item(cf, item, session, *rest):
        t = time.process_time()
        result = original(cf, item, session, *rest)
        cpu = time.process_time() - t
        if NESTED_ME.search(item.text):
            records.setdefault(cf.rel, {})[str(item.lineno)] = dict(
                text=item.text, output=session.out.stream.getvalue(), cpu=round(cpu, 3))
            print(f"{cf.rel}:{item.lineno} cpu {cpu:.2f}", file=sys.stderr, flush=True)
        return result

    measure._run_item = run_item
    for cf in measure.corpus_files("all", files):
        measure.measure_file(cf, timeout=timeout)
    out_path.write_text(json.dumps(records, indent=1))


def diff(a: Path, b: Path) -> None:
    import difflib
    A, B = json.loads(a.read_text()), json.loads(b.read_text())
    for f in sorted(set(A) | set(B)):
        for ln in sorted(set(A.get(f, {})) | set(B.get(f, {})), key=int):
            ra, rb = A.get(f, {}).get(ln), B.get(f, {}).get(ln)
            if ra is None or rb is None:
                print(f"== {f}:{ln} only in {'B' if ra is None else 'A'}")
                continue
            tag = "same" if ra["output"] == rb["output"] else "DIFFERS"
            print(f"== {f}:{ln} {tag}  cpu {ra['cpu']:.2f} -> {rb['cpu']:.2f}  {ra['text'][:90]}")
            if tag == "DIFFERS":
                sys.stdout.writelines(difflib.unified_diff(ra["output"].splitlines(True), rb["output"].splitlines(True),
                                                           "A", "B", n=0))


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--diff":
        diff(Path(argv[1]), Path(argv[2]))
        return 0
    timeout, files = 600.0, FILES
    out = Path(argv[0])
    rest = argv[1:]
    while rest:
        if rest[0] == "--timeout":
            timeout, rest = float(rest[1]), rest[2:]
        elif rest[0] == "--files":
            files, rest = rest[1:], []
        else:
            raise SystemExit(f"unknown argument {rest[0]}")
    collect(out, timeout, files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
