"""Whole-process CPU of the slowest me/xt fits of the real-world do-files, two checkouts.

usage: python3 bench/bench_me_slowest.py --base DIR [--new DIR] [--repeat K]
       [--cases policy1,policy2,climate,soep]

Cases (data: the look-alike datasets of ``tests/realworld/data``):
  policy1  anon-policy-diffusion/split_models.do: the data step and the first half's
           ``melogit ... i.year || policyno: std_masssociallib_est, cov(un)``
  policy2  the same file's second-half ``melogit``
  climate  anon-climate-values/values_climate_meologit.do: the first ``foreach`` loop (three
           ``ologit`` and six ``meologit ... || country:, intmethod(mv) ... from() cov(un)``)
  soep     anon-soep-wealth-health/wealth_health_xtlogit.do up to its ``xtologit`` (three
           ``xtlogit`` and one ``xtologit``, sigma_u ~ 9)
  guat_rs  heldout anon-mlmus4-ch16: ``melogit immun kid2p rural pcInd81 || cluster: kid2p,
           covariance(unstructured) || mom:, intpoints(15) or`` (15^2 x 15 = 3,375 node
           combinations a row)
  own_rs   the same form on simulated data (``own_rs_csv``: 60 schools, 1,139 pupils):
           ``melogit y x w z || school: x, covariance(unstructured) || cls:, intpoints(15)``

Each run is ``python3 -m mlmcli file.do`` with PYTHONPATH set to the checkout, under GNU time;
the checkouts alternate, and the medians of wall and CPU (user + system) seconds are printed
with the ratio base / new, and whether the two outputs are byte for byte the same.  The
machine is shared: quote one run's figures.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bench_me_realworld import timed  # (wall, cpu, stdout) of one mlm run on a checkout

ROOT = Path(__file__).resolve().parents[1]
RW = ROOT / "tests" / "realworld"


def _data(name: str) -> Path:
    sys.path.insert(0, str(RW / "data"))
    from registry import path_of
    return path_of(name)


def own_rs_csv(path: Path) -> Path:
    """Pupils in classes in schools, a binary outcome with a school slope on x (me101; the
    generator of tests/test_nested_active_groups.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_nested_active_groups import _pupils
    _pupils(path, schools=60)
    return path


def do_texts(folder: Path) -> dict[str, list[str]]:
    split = (RW / "corpus" / "anon-policy-diffusion" / "split_models.do").read_text().splitlines()
    me = [ln for ln in split if ln.startswith("melogit")]
    prep = [f'use "{_data("policy_diffusion")}", clear', "summ year, meanonly",
            "local midyear = floor((r(min) + r(max)) / 2)",
            "gen sample_half = cond(year <= `midyear', 1, 2)"]
    cl = (RW / "heldout" / "anon-climate-values" / "values_climate_meologit.do").read_text().splitlines()
    i = next(i for i, ln in enumerate(cl) if ln.startswith("foreach x in CC_concern"))
    j = next(k for k in range(i, len(cl)) if cl[k].strip() == "}")
    so = (RW / "heldout" / "anon-soep-wealth-health" / "wealth_health_xtlogit.do").read_text().splitlines()
    k = next(i for i, ln in enumerate(so) if ln.startswith("xtologit"))
    body = [ln for ln in so[1:k + 1] if ln.startswith(("xtset", "global", "xt"))]
    ch16 = (RW / "heldout" / "anon-mlmus4-ch16" / "nested_crossed_melogit.do").read_text().splitlines()
    rs = next(ln for ln in ch16 if ln.startswith("melogit immun kid2p rural pcInd81 || cluster: kid2p"))
    return {
        "guat_rs": [f'use "{_data("mlmus_guatemala")}", clear', rs],
        "own_rs": [f'import delimited "{own_rs_csv(folder / "own_rs.csv")}", clear',
                   "melogit y x w z || school: x, covariance(unstructured) || cls:, intpoints(15)"],
        "policy1": prep + [me[0]],
        "policy2": prep + [me[1]],
        "climate": [f'use "{_data("climate_values")}", clear'] + cl[i:j + 1],
        "soep": [f'use "{_data("soep_wealth_health")}", clear'] + body,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, type=Path)
    ap.add_argument("--new", type=Path, default=ROOT)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cases", default="policy1,policy2,climate,soep")
    ap.add_argument("--keep", type=Path, help="write the do-files and both outputs here")
    a = ap.parse_args()
    folder = a.keep or Path(tempfile.mkdtemp(prefix="mlm_slowest_"))
    folder.mkdir(parents=True, exist_ok=True)
    texts = do_texts(folder)
    for case in a.cases.split(","):
        do_file = folder / f"{case}.do"
        do_file.write_text("\n".join(texts[case]) + "\n")
        runs = {"base": [], "new": []}
        outputs = {}
        for _ in range(a.repeat):
            for label, checkout in (("base", a.base), ("new", a.new)):
                wall, cpu, text = timed(checkout, do_file)
                runs[label].append((wall, cpu))
                outputs[label] = text
                (folder / f"{case}_{label}.log").write_bytes(text)
        med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
        same = "identical" if outputs["base"] == outputs["new"] else "DIFFER"
        print(f"{case:8s} cpu base {med['base'][1]:6.2f} s new {med['new'][1]:6.2f} s "
              f"(x{med['base'][1] / med['new'][1]:.2f})  wall base {med['base'][0]:6.1f} new {med['new'][0]:6.1f}"
              f"  outputs {same}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
