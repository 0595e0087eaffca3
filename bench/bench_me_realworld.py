"""Whole-process timing of the slow `me` lines of two real-world corpus files, two checkouts.

usage: python3 bench/bench_me_realworld.py --base DIR [--new DIR] [--repeat K] [--cases a,b]

Cases (data: the corpus's look-alike datasets, ``tests/realworld/data``):
  ordinal   anon-nshap-loneliness: ``rcsgen`` and one ``meologit ... || su_id:,
            pweight(weight_sel2) vce(robust)`` (2,419 rows, 900 groups, 7 nodes)
  logit2    anon-policy-diffusion: the first half's ``melogit ... i.year || policyno:
            std_masssociallib_est, cov(un)`` (856 rows, 60 groups, 7^2 nodes)
  ordinal10 every command of loneliness_cohorts.do from the first ``reg`` on except the graphs
            (10 ``meologit``, 5 ``ologit``, ``mixed``, the tests)

Each run is ``python3 -m mlmcli file.do`` with PYTHONPATH set to the checkout, under GNU time;
the two checkouts alternate, and the medians of wall and CPU (user + system) seconds are
printed with the ratio base / new.  The outputs of the two checkouts are compared byte for
byte (the change this measures must not move a printed digit).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "realworld" / "corpus"


def _data(name: str) -> Path:
    sys.path.insert(0, str(ROOT / "tests" / "realworld" / "data"))
    from registry import path_of
    return path_of(name)


def do_files(folder: Path) -> dict[str, Path]:
    lone = (CORPUS / "anon-nshap-loneliness" / "loneliness_cohorts.do").read_text().splitlines()
    rcs = [ln for ln in lone if ln.startswith("rcsgen")]
    me = next(ln for ln in lone if ln.startswith("meologit") and "i.bc10" in ln)
    body = lone[next(i for i, ln in enumerate(lone) if ln.startswith("reg loneliness")):]
    body = [ln for ln in body if not ln.startswith(("mkdirp", "plot_", "gr ", "*"))]
    split = (CORPUS / "anon-policy-diffusion" / "split_models.do").read_text().splitlines()
    first = split.index(next(ln for ln in split if ln.startswith("summ year")))
    use_lone = f'use "{_data("nshap_loneliness")}", clear'
    texts = {
        "ordinal": [use_lone, *rcs, me],
        "logit2": [f'use "{_data("policy_diffusion")}", clear', *split[first:first + 4]],
        "ordinal10": [use_lone, *rcs, *body],
    }
    out = {}
    for name, lines in texts.items():
        out[name] = folder / f"{name}.do"
        out[name].write_text("\n".join(lines) + "\n")
    return out


def timed(checkout: Path, do_file: Path) -> tuple[float, float, bytes]:
    cmd = ["/usr/bin/time", "-f", "%e %U %S", "env", f"PYTHONPATH={checkout}",
           sys.executable, "-m", "mlmcli", str(do_file)]
    run = subprocess.run(cmd, capture_output=True)
    wall, user, system = map(float, run.stderr.decode().strip().splitlines()[-1].split())
    return wall, user + system, run.stdout


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, type=Path)
    ap.add_argument("--new", type=Path, default=ROOT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cases", default="ordinal,logit2")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = do_files(Path(tmp))
        for case in a.cases.split(","):
            runs = {"base": [], "new": []}
            outputs = {}
            for _ in range(a.repeat):
                for label, checkout in (("base", a.base), ("new", a.new)):
                    wall, cpu, text = timed(checkout, files[case])
                    runs[label].append((wall, cpu))
                    outputs[label] = text
            med = {k: [statistics.median(v[i] for v in runs[k]) for i in (0, 1)] for k in runs}
            print(f"{case}: base wall {med['base'][0]:.2f} s cpu {med['base'][1]:.2f} s | new wall "
                  f"{med['new'][0]:.2f} s cpu {med['new'][1]:.2f} s | base/new cpu "
                  f"{med['base'][1] / med['new'][1]:.2f}x | output "
                  f"{'identical' if outputs['base'] == outputs['new'] else 'DIFFERS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
