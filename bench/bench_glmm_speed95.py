"""The slow multi-slope xtmelogit/melogit fits of branch pf95: their do-files, and the printed
output of them, of the glmm reference fits and of samples/*.do under one checkout.

usage: python3 bench/bench_glmm_speed95.py write DIR
           writes DIR/<case>.do for every case below (time them with any whole-process timer)
       python3 bench/bench_glmm_speed95.py logs --code CHECKOUT --out DIR [--only CASES] [--no-refs] [--no-samples]
           runs ``python3 -m mlmcli`` with PYTHONPATH=CHECKOUT on every case (or --only's), every
           ../shared/reference/glmm/*.json fit (the do-file refcheck.py writes for it) and
           samples/*.do (in a scratch folder: they write files), keeping each output in DIR/<name>.log
           and the CPU seconds in DIR/cpu.txt; compare two such folders with ``diff -r``.

Cases (data: the look-alike ``lemma_antenatal`` of tests/realworld/data and policy_diffusion):
  leckie60   lemma_module7_binary.do line 60: one slope, cov(un), 7 points (xtmelogit's default)
  leckie93   line 93: one slope (wealth5), cov(un), intpoints(4)
  leckie96   line 96: two slopes (wealth4 wealth5), cov(un) mle, intpoints(4) -- 3 random effects
  leckie100  line 100: the same with urban
  leckie103  lines 102-103: the same with the community mean of wealth5
  leckie108  lines 102-108: the same with its four cross-level interactions
  policy1/2  anon-policy-diffusion/split_models.do's two ``melogit ... || policyno: x, cov(un)``
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RW = ROOT / "tests" / "realworld"
SHARED = ROOT.parent / "shared"
LECKIE_LINES = {"leckie60": [60], "leckie93": [93], "leckie96": [96], "leckie100": [100],
                "leckie103": [102, 103], "leckie108": list(range(102, 109))}


def _data(name: str) -> Path:
    sys.path.insert(0, str(RW / "data"))
    from registry import path_of
    return path_of(name)


def case_texts() -> dict[str, str]:
    do = (RW / "heldout" / "leckie" / "lemma_module7_binary.do").read_text().splitlines()
    use = f'use "{_data("lemma_antenatal")}", clear'
    out = {case: "\n".join([use] + [do[i - 1] for i in lines]) + "\n" for case, lines in LECKIE_LINES.items()}
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_me_slowest import do_texts
    slow = do_texts()
    out.update({c: "\n".join(slow[c]) + "\n" for c in ("policy1", "policy2")})
    return out


def reference_texts() -> dict[str, str]:
    """The do-file ../shared/tools/refcheck.py writes for each glmm reference."""
    tools = SHARED / "tools"
    if not tools.is_dir():
        return {}
    sys.path.insert(0, str(tools))
    from refcheck import with_method
    out = {}
    for path in sorted((SHARED / "reference" / "glmm").glob("*.json")):
        ref = json.loads(path.read_text())
        data = (SHARED / "data" / ref["data_file"]).resolve()
        lines = [f'use "{data}", clear', *ref.get("setup", []), with_method(ref["stata_command"], ref.get("method")),
                 "estat group"]
        if ref.get("icc"):
            lines.append("estat icc")
        if ref.get("aic") is not None:
            lines.append("estat ic")
        out["ref_" + path.stem] = "\n".join(lines) + "\n"
    return out


def run(code: Path, do_file: Path, cwd: Path) -> tuple[bytes, float]:
    env = dict(os.environ, PYTHONPATH=str(code))
    t0 = os.times()
    p = subprocess.run([sys.executable, "-m", "mlmcli", str(do_file)], capture_output=True, cwd=cwd, env=env)
    t1 = os.times()
    cpu = (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
    return p.stdout + p.stderr + f"\n[exit {p.returncode}]\n".encode(), cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="what", required=True)
    w = sub.add_parser("write")
    w.add_argument("dir", type=Path)
    lg = sub.add_parser("logs")
    lg.add_argument("--code", type=Path, required=True)
    lg.add_argument("--out", type=Path, required=True)
    lg.add_argument("--only", default="", help="these cases alone (comma-separated; 'none': no case)")
    lg.add_argument("--no-refs", action="store_true")
    lg.add_argument("--no-samples", action="store_true")
    a = ap.parse_args()
    if a.what == "write":
        a.dir.mkdir(parents=True, exist_ok=True)
        for case, text in case_texts().items():
            (a.dir / f"{case}.do").write_text(text)
        return 0
    a.out.mkdir(parents=True, exist_ok=True)
    texts = case_texts()
    if a.only:
        texts = {k: v for k, v in texts.items() if k in a.only.split(",")}
    if not a.no_refs:
        texts.update(reference_texts())
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        (scratch / "samples").symlink_to(ROOT / "samples")
        items = [(name, scratch / f"{name}.do", text) for name, text in texts.items()]
        if not a.no_samples:
            items += [("sample_" + p.stem, p, None) for p in sorted((ROOT / "samples").glob("*.do"))]
        with open(a.out / "cpu.txt", "a") as cpu_log:
            for name, do_file, text in items:
                if text is not None:
                    do_file.write_text(text)
                t = time.monotonic()
                out, cpu = run(a.code, do_file, scratch)
                (a.out / f"{name}.log").write_bytes(out.replace(str(scratch).encode(), b"<scratch>"))
                line = f"{name:45s} cpu {cpu:7.2f} s  wall {time.monotonic() - t:7.2f} s"
                print(line, flush=True)
                cpu_log.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
