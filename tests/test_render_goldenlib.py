"""Helpers (no tests here): read the handout's golden Stata blocks (tests/golden/) back into result objects.

The tests render those objects and compare with the golden text character for
character, so the parsing here only has to recover the numbers and names.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

from mlmcli.results.mixed import (CoefRow, GroupSummary, LRTestLinear, MixedResult, RandomLevel,
                                  VarianceRow)

GOLDEN = Path(__file__).resolve().parent / "golden"

# the handout abbreviates these inside var()/cov(); the result carries full names
FULL_NAMES = {"educg~pc": "educgroupc"}


def num(text: str) -> float:
    text = text.strip()
    return math.nan if text in (".", "") else float(text)


def golden(name: str) -> tuple[str, str]:
    """(command line, expected renderer output) for a golden file.

    Drops the ``// `` comment line; the output is everything after the command
    line (it starts with Stata's blank line) without the final newline.
    """
    path = next(GOLDEN.glob(f"{name}*.txt"))
    lines = path.read_text().split("\n")
    if lines[0].startswith("// "):
        lines = lines[1:]
    cmd = lines[0]
    body = "\n".join(lines[1:])
    if body.endswith("\n"):
        body = body[:-1]
    return cmd, body


def _fields(line: str) -> tuple[str, list[str]]:
    name, _, rest = line.partition("|")
    return name.strip(), rest.split()


def _coef_rows(lines: list[str]) -> list[CoefRow]:
    rows: list[CoefRow] = []
    term = None
    for line in lines:
        name, vals = _fields(line)
        if not vals:
            term = name or None
            if term and "#" in term:
                # the base level Stata hides by default
                rows.append(CoefRow(f"0.{term}", 0, math.nan, math.nan, math.nan,
                                    math.nan, math.nan, term=term, level="0", base=True))
            continue
        nums = [num(v) for v in vals]
        if term is not None:
            rows.append(CoefRow(f"{name}.{term}", *nums, term=term, level=name))
        elif re.match(r"^\d+\.", name):
            var = name.split(".", 1)[1]
            rows.append(CoefRow(f"0.{var}", 0, math.nan, math.nan, math.nan, math.nan, math.nan,
                                term=var, level="0", base=True))
            rows.append(CoefRow(name, *nums, term=var, level=name.split(".")[0]))
        else:
            rows.append(CoefRow(name, *nums))
    return rows


def _unabbrev(label: str) -> str:
    for short, full in FULL_NAMES.items():
        label = label.replace(short, full)
    return label


def parse_mixed(name: str) -> MixedResult:
    _, text = golden(name)
    lines = text.split("\n")
    method = "REML" if "REML" in lines[1] else "ML"
    nobs = int(lines[1].split("=")[-1])
    groups: list[GroupSummary] = []
    wald_df = wald = wald_p = ll = None
    i = 2
    while i < len(lines):
        line = lines[i]
        if line.startswith("Group variable:"):
            var = line.split(":")[1].split()[0]
            ng = int(line.split("=")[-1])
            mn = int(lines[i + 2].split("=")[-1])
            avg = float(lines[i + 3].split("=")[-1])
            mx = int(lines[i + 4].split("=")[-1])
            groups.append(GroupSummary(var, ng, mn, avg, mx))
        elif line.startswith(" Group Variable"):
            j = i + 2
            while not lines[j].startswith("---"):
                nm, vals = _fields(lines[j])
                groups.append(GroupSummary(nm, int(vals[0]), int(vals[1]), float(vals[2]), int(vals[3])))
                j += 1
        elif "Wald chi2(" in line:
            wald_df = int(re.search(r"chi2\((\d+)\)", line).group(1))
            wald = num(line.split("=")[-1])
        elif line.startswith("Log "):
            ll = float(line.split("=")[1].split()[0])
            wald_p = num(line.split("=")[-1])
            i += 1
            break
        i += 1
    # fixed-effects table
    while not lines[i].startswith("---"):
        i += 1
    depvar = lines[i + 1].split("|")[0].strip()
    i += 3
    body = []
    while not lines[i].startswith("---"):
        body.append(lines[i])
        i += 1
    fixed = _coef_rows(body)
    # random-effects table
    while "Random-effects Parameters" not in lines[i]:
        i += 1
    i += 2
    levels: list[RandomLevel] = []
    residual = None
    current = None
    rows: list[VarianceRow] = []
    while not lines[i].startswith("-" * 78):
        line = lines[i]
        if line.startswith("-"):
            if current is not None:
                levels.append(RandomLevel(current[0], current[1], tuple(rows)))
                current, rows = None, []
        else:
            label, vals = _fields(line)
            if not vals and ":" in label:
                var, cov = label.split(":")
                current = (var.strip(), cov.strip())
            else:
                vr = VarianceRow(_unabbrev(label), *[num(v) for v in vals])
                if label == "var(Residual)":
                    residual = vr
                else:
                    rows.append(vr)
        i += 1
    lr = None
    for line in lines[i:]:
        if line.startswith("LR test"):
            if "chibar2" in line:
                m = re.search(r"=\s+(\S+) Prob >= chibar2 =\s+(\S+)", line)
                lr = LRTestLinear(float(m.group(1)), 1, float(m.group(2)), "chibar2(01)")
            else:
                m = re.search(r"chi2\((\d+)\) =\s+(\S+)\s+Prob > chi2 =\s+(\S+)", line)
                lr = LRTestLinear(float(m.group(2)), int(m.group(1)), float(m.group(3)), "chi2")
    return MixedResult(method=method, depvar=depvar, nobs=nobs, groups=tuple(groups), fixed=tuple(fixed),
                       random={"variance": tuple(levels)}, residual={"variance": residual}, loglik=ll,
                       wald_chi2=wald, wald_df=wald_df, wald_p=wald_p, lr_test=lr)
